"""The units a department's budget includes, as its 概况 states them: read from the corpus (each
checked against the PDF's text) and the stated count compared with the names listed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from yusuan.check.report import Report
from yusuan.read import read
from yusuan.read.units import stated_units

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "tests" / "fixtures" / "docs"


@pytest.mark.parametrize(
    ("path", "names", "count"),
    [
        # 仅包括埭桥区人民政府办公室本级预算，无其他下属单位预算 (the text prints 埭 for 埇)
        (ROOT / "samples" / "anhui-yongqiao-government-office-2023-budget.txt", ("埭桥区人民政府办公室本级",), None),
        # 共计 1 家，即省政协办公厅本级
        (DOCS / "jiangsu-cppcc-office-2019-budget-text.pdf", ("省政协办公厅本级",), 1),
        # 共 2 家，包括：江苏省高级人民法院机关（本级）、徐州铁路运输法院 (、徐 wrapped onto a line of its own)
        (DOCS / "jiangsu-high-court-2018-budget.pdf", ("江苏省高级人民法院机关（本级）", "徐州铁路运输法院"), 2),
        # 共计一家，具体包括：江苏省人大常委会办公厅部门本级
        (DOCS / "jiangsu-npc-office-2018-budget.pdf", ("江苏省人大常委会办公厅部门本级",), 1),
        # 共计3家，具体包括： 江苏省人民检察院本 级、 南京铁路运输检察院、徐州铁路运输检察院
        (
            DOCS / "jiangsu-procuratorate-2019-budget.pdf",
            ("江苏省人民检察院本级", "南京铁路运输检察院", "徐州铁路运输检察院"),
            3,
        ),
        (DOCS / "shanghai-putuo-commerce-2025-unit-budget.pdf", None, None),  # a unit budget: no such sentence
    ],
    ids=lambda v: v.name if isinstance(v, Path) else None,
)
def test_units_as_printed(path: Path, names: tuple[str, ...] | None, count: int | None) -> None:
    units = stated_units(read(path))
    if names is None:
        assert units is None
        return
    assert units is not None and (units.names, units.count) == (names, count)


HEAD = "测试区某局 2023 年部门预算\n第一部分 部门概况\n一、部门预算单位构成\n"


def test_a_count_that_differs_from_the_list_is_a_warning(audit: Callable[[str], Report]) -> None:
    report = audit(
        HEAD + "从预算单位构成看，纳入本部门 2023 年部门预算编制范围的预算单位共计 3 家，具体包括：某局本级、某中心。\n"
    )
    (found,) = [f for f in report.findings if f.code == "complete.unit_count"]
    assert (found.params["count"], found.params["listed"], found.params["names"]) == (3, 2, "某局本级、某中心")
    assert (
        report.finding_dict(found)["message"]
        == "概况称纳入编制范围的预算单位共 3 家，列出的却是 2 家（某局本级、某中心）"
    )


def test_a_count_that_agrees_is_no_finding(audit: Callable[[str], Report]) -> None:
    report = audit(
        HEAD + "从预算单位构成看，纳入本部门 2023 年部门预算编制范围的预算单位共计 2 家，具体包括：某局本级、某中心。\n"
    )
    assert not any(f.code == "complete.unit_count" for f in report.findings)


def test_a_name_with_a_list_in_brackets_is_one_unit(audit: Callable[[str], Report]) -> None:
    report = audit(
        HEAD + "从预算单位构成看，纳入本部门 2023 年部门预算编制范围的预算单位共计 2 家，"
        "具体包括：某局本级、某中心（含甲站、乙站）。\n"
    )
    assert not any(f.code == "complete.unit_count" for f in report.findings)


def test_a_count_in_chinese_numerals_past_ten_is_read(audit: Callable[[str], Report]) -> None:
    report = audit(
        HEAD + "从预算单位构成看，纳入本部门 2023 年部门预算编制范围的预算单位共十二家，具体包括：某局本级、某中心。\n"
    )
    (found,) = [f for f in report.findings if f.code == "complete.unit_count"]
    assert (found.params["count"], found.params["listed"]) == (12, 2)
