"""The budget as data: views recomputed from the reference document's detail rows (checked by hand)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.budget import Purpose
from yusuan.model.views import budget_from_document
from yusuan.read import read

from .conftest import REFERENCE


def test_views_of_the_reference_budget() -> None:
    budget = budget_from_document(read(REFERENCE))
    assert (budget.department, budget.year) == ("埇桥区人民政府办公室", 2023)
    # 类 sums of the 项 rows of 表2: 1375.37; 85.16 + 42.58; 25.26 + 10.61; 63.87 + 20.51
    assert budget.by_functional(1) == {
        "201": Decimal("1375.37"),
        "208": Decimal("127.74"),
        "210": Decimal("35.87"),
        "221": Decimal("84.38"),
    }
    assert budget.total() == Decimal("1623.36")
    assert budget.total(Purpose.PROJECT) == Decimal("615.00")
    assert budget.total(Purpose.BASIC) == Decimal("1008.36")
    # 表3 款 rows: 301 adds to 774.24, 302 to 149.61 (the printed 149.72 is the error found), 303 to 84.40
    assert budget.by_economic(1) == {"301": Decimal("774.24"), "302": Decimal("149.61"), "303": Decimal("84.40")}
    assert budget.personnel() == Decimal("858.64")
    assert budget.public() == Decimal("149.61")
    # 说明: 行政运行 1375.37, 比 2022 年预算增加 240.45 → 1134.92; 项目支出 615.00, 减少 11.30 → 626.30
    assert budget.prior["一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行"] == Decimal("1134.92")
    assert budget.prior["预算共安排项目支出"] == Decimal("626.30")
