"""Deriving the other layouts (Shanghai, Jiangsu, final accounts) from one small budget input.

The budget is small enough to add up by hand; each test asserts the figures computed by hand
in its comment. Every layout's document must pass the audit with no error and no warning, carry
the layout's tables (number, kind, title, unit) and read back from DOCX, XLSX and HTML as the
same tables, sections, statements and layout.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_build_derive import WRITERS, table_facts
from yusuan.build.input import (
    Assets,
    BudgetInput,
    EconomicLine,
    FinalBalances,
    FunctionalLine,
    FundingSource,
    Holding,
    IncludedUnit,
    IncomeLine,
    Kind,
    OperatingCosts,
    PriorTotals,
    Procurement,
    Profile,
    Scope,
    ThreePublic,
    UnitType,
)
from yusuan.build.layouts import LAYOUTS, derive
from yusuan.build.validate import validate
from yusuan.catalogs import layouts
from yusuan.check import check
from yusuan.check.completeness import short_title
from yusuan.check.report import Report
from yusuan.cli import main
from yusuan.model.document import Document, Table
from yusuan.model.money import Amount, Unit
from yusuan.read import read
from yusuan.write import html

D = Decimal
GPB, FUND, BUSINESS = (
    FundingSource.GENERAL_PUBLIC_BUDGET,
    FundingSource.GOVERNMENT_FUND,
    FundingSource.INSTITUTION_INCOME,
)
OTHER_LAYOUTS = sorted(set(LAYOUTS) - {"anhui-11"})

# 万元. 基本支出 115.50 = Σ经济分类 (70 + 15.50 + 20 + 5 + 5); income 215.50 = expenditure
# (135.50 一般公共预算 + 50 政府性基金 + 30 事业收入); 人员经费 301 + 303 = 90.50, 公用经费 25.00.
SMALL = BudgetInput(
    profile=Profile(
        name="上海市测试区某局",
        region="上海市测试区",
        year=2025,
        scope=Scope.UNIT,
        duties=("负责本区某项工作。", "完成区政府交办的其他任务。"),
        structure="本单位设 2 个内设机构。",
        units=(IncludedUnit("上海市测试区某局", UnitType.ADMINISTRATIVE), IncludedUnit("某中心", UnitType.INSTITUTION)),
    ),
    income=(IncomeLine(GPB, D("135.50")), IncomeLine(FUND, D("50.00")), IncomeLine(BUSINESS, D("30.00"))),
    functional=(
        FunctionalLine("2010301", "行政运行", D(100), D(20), GPB, prior_executed=D(110), reason="人员增加"),
        FunctionalLine("2080505", "机关事业单位基本养老保险缴费支出", D("15.50"), D(0), GPB, prior_executed=D("16.00")),
        FunctionalLine("2010350", "事业运行", D(0), D("30.00"), BUSINESS, prior_budget=D("30.00")),
        FunctionalLine("2120101", "行政运行", D(0), D("50.00"), FUND),
    ),
    economic=(
        EconomicLine("30101", "基本工资", D("70.00")),
        EconomicLine("30108", "机关事业单位基本养老保险缴费", D("15.50")),
        EconomicLine("30201", "办公费", D("20.00")),
        EconomicLine("30302", "退休费", D("5.00")),
        EconomicLine("31002", "办公设备购置", D("5.00")),
    ),
    prior=PriorTotals(income=D("200.00"), expense=D("200.00"), income_reason="项目增加", expense_reason="项目增加"),
    three_public=ThreePublic(
        D("2.00"), D(0), D("3.00"), D("1.50"), D("2.00"), D(0), D("4.00"), D("1.00"), reason="压减公务用车运行费"
    ),
    operating_costs=OperatingCosts(D("25.00"), D("24.00"), "物业费上涨"),
    procurement=Procurement(goods=D(5), services=D(10), sme_reserved=D(10), small_micro_reserved=D(8)),
    assets=Assets(date(2024, 8, 31), (Holding("执法执勤用车", 2), Holding("其他用车", 1)), ()),
)


def _serious(document: Document) -> list[tuple[object, ...]]:
    return [f for f in check(document).flatten("code", "severity", "table") if f[1] in ("error", "warning")]


def _cells(table: Table | None, code_or_label: str) -> list[str]:
    """The printed cells of the row with this code (or label), in every block."""
    assert table is not None
    for block in table.blocks:
        for row in block.rows:
            if code_or_label in (row.code, row.label):
                return [c.text for c in row.cells]
    raise AssertionError(f"no row {code_or_label} in {table.title}")


def _texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


@pytest.fixture(scope="module", params=OTHER_LAYOUTS)
def derived(request: pytest.FixtureRequest) -> Document:
    return derive(SMALL, str(request.param))


def test_every_layout_is_registered() -> None:
    assert set(LAYOUTS) == set(layouts())


def test_tables_are_the_layouts(derived: Document) -> None:
    """Number, kind, title (less the year) and unit of every table, in the layout's order."""
    layout = layouts()[derived.layout or ""]
    assert [(t.number, t.kind, short_title(t.title)) for t in derived.tables] == [
        (t.number, t.kind, short_title(t.title)) for t in layout.tables
    ]
    units = {t.unit for t in derived.tables}
    assert units == ({Unit.YUAN, Unit.WAN_YUAN} if layout.unit == "元" else {Unit(layout.unit)})


def test_audit_has_no_error_or_warning(derived: Document) -> None:
    assert _serious(derived) == []


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_written_and_read_back(kind: str, derived: Document, tmp_path: Path) -> None:
    document = read(WRITERS[kind](derived, tmp_path / f"out.{kind}"))
    assert document.layout == derived.layout
    assert (document.department, document.year, document.kind, document.scope) == (
        derived.department,
        derived.year,
        derived.kind,
        derived.scope,
    )
    assert table_facts(document) == table_facts(derived)
    assert [(s.part, s.heading, s.level, [p.text for p in s.paragraphs]) for s in document.sections] == [
        (s.part, s.heading, s.level, [p.text for p in s.paragraphs]) for s in derived.sections
    ]
    assert [(s.subject, s.amount) for s in document.statements] == [(s.subject, s.amount) for s in derived.statements]
    assert [(e.number, e.title) for e in document.contents] == [(e.number, e.title) for e in derived.contents]
    assert [(t.term, t.definition) for t in document.glossary] == [(t.term, t.definition) for t in derived.glossary]
    assert _serious(document) == []


# --- Shanghai 9 tables ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shanghai() -> Document:
    return derive(SMALL, "shanghai-9")


def test_shanghai_tables_by_hand(shanghai: Document) -> None:
    """Tables 1–8 in 元 (万元 × 10 000), table 9 in 万元."""
    summary = shanghai.table("summary")
    assert _cells(summary, "一、财政拨款收入") == ["1,855,000.00"]  # 135.50 + 50
    assert _cells(summary, "二、事业收入") == ["300,000.00"]
    assert _cells(summary, "收入总计") == ["2,155,000.00"]
    # 201 = 行政运行 120 (100 + 20) + 事业运行 30 (project); 类 numbered in the order first used
    assert _cells(summary, "一、一般公共服务支出") == ["1,500,000.00", "1,000,000.00", "500,000.00"]
    assert _cells(summary, "三、城乡社区支出") == ["500,000.00", "", "500,000.00"]
    assert _cells(summary, "支出总计") == ["2,155,000.00", "1,155,000.00", "1,000,000.00"]
    # 收入预算总表: 201 is 120 财政拨款 + 30 事业收入
    assert _cells(shanghai.table("income"), "201") == ["1,500,000.00", "1,200,000.00", "300,000.00", "", ""]
    gpb = shanghai.table("gpb_expense")
    assert _cells(gpb, "合计") == ["1,355,000.00", "1,155,000.00", "200,000.00"]
    assert gpb is not None and gpb.blocks[0].rows[-1].label == "合计"  # Shanghai prints 合计 last
    assert _cells(shanghai.table("fund_expense"), "2120101") == ["500,000.00", "", "500,000.00"]
    capital = shanghai.table("state_capital_expense")
    assert capital is not None and capital.empty
    assert capital.note == "注:本单位2025年无国有资本经营预算财政拨款安排的预算，故本表为空表。"
    basic = shanghai.table("gpb_basic")
    assert _cells(basic, "301") == ["855,000.00", "855,000.00", ""]  # 70 + 15.50
    assert _cells(basic, "310") == ["50,000.00", "", "50,000.00"]
    assert _cells(basic, "合计") == ["1,155,000.00", "905,000.00", "250,000.00"]
    three = shanghai.table("three_public")
    assert three is not None and three.unit == Unit.WAN_YUAN
    # 合计 6.50 = 出国 2 + 接待 1.50 + 用车 3 (购置 0 + 运行 3); 机关运行经费 25
    assert _cells(three, "") == ["6.50", "2.00", "1.50", "3.00", "0.00", "3.00", "25.00"]
    assert gpb.blocks[0].amount(gpb.blocks[0].rows[-1], "total") == Amount(D("1355000.00"), Unit.YUAN)


def test_shanghai_explanation_by_hand(shanghai: Document) -> None:
    texts = _texts(shanghai)
    assert shanghai.title == "上海市测试区某局 2025 年单位预算"
    # 215.50 − 200 = 15.50, 15.50 / 200 = 7.75%
    assert (
        "2025 年，上海市测试区某局收入预算 215.50 万元，比 2024 年预算增加 15.50 万元，增长 7.75%，"
        "增长主要原因：项目增加。其中：财政拨款收入 185.50 万元；事业收入 30.00 万元；"
        "事业单位经营收入 0.00 万元；其他收入 0.00 万元。"
    ) in texts
    # 行政运行 120 against 执行数 110: +10, 10 / 110 = 9.0909 → 9.09%
    assert (
        "1. “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目 120.00 万元，"
        "比 2024 年预算执行数增加 10.00 万元，增长 9.09%，增长主要原因：人员增加。"
    ) in texts
    # 15.50 against 16: −0.50, 0.50 / 16 = 3.125 → 3.13% (half-up)
    assert any("科目 15.50 万元，比 2024 年预算执行数减少 0.50 万元，下降 3.13%。" in t for t in texts)
    # 三公 6.50 against 7.00: −0.50, 0.5 / 7 = 7.142… → 7.14%
    three = "2025 年“三公”经费预算数为 6.50 万元，比 2024 年预算减少 0.50 万元，下降 7.14%"
    assert any(t.startswith(three) for t in texts)
    assert "（一）因公出国（境）费 2.00 万元，与 2024 年预算持平。" in texts
    # 25 against 24: +1, 1 / 24 = 4.1666 → 4.17%
    assert (
        "2025 年上海市测试区某局下属 1 家机关和 1 家事业单位财政拨款的机关运行经费预算为 25.00 万元，"
        "比 2024 年预算增加 1.00 万元，增长 4.17%，增长主要原因：物业费上涨。"
    ) in texts
    assert any(t.startswith("2025 年度本单位政府采购预算 15.00 万元") for t in texts)
    assert not any("本部门" in t for t in texts)  # a 单位预算 never says 本部门


def test_items_print_under_their_own_class(shanghai: Document) -> None:
    """事业运行 (2010350) comes after 2080505 in the input; the tables print it under 201 / 20103."""
    expense = shanghai.table("expense")
    assert expense is not None
    codes = [r.code for r in expense.blocks[0].rows if r.code]
    assert codes == ["201", "20103", "2010301", "2010350", "208", "20805", "2080505", "212", "21201", "2120101"]


# --- Jiangsu 12 tables ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jiangsu() -> Document:
    return derive(SMALL, "jiangsu-12")


def test_jiangsu_tables_by_hand(jiangsu: Document) -> None:
    """All in 万元; the 财政拨款 tables leave out 事业运行 (30, 事业收入)."""
    summary = jiangsu.table("summary")
    assert _cells(summary, "一、财政拨款") == ["185.50"]
    assert _cells(summary, "三、其他资金") == ["30.00"]
    assert _cells(summary, "十二、城乡社区支出") == ["50.00"]  # every 类 is listed, in the catalog's order
    assert _cells(summary, "二、外交支出") == [""]
    assert _cells(summary, "二、项目支出") == ["100.00"]  # 20 + 30 + 50
    assert _cells(jiangsu.table("income"), "1.事业收入") == ["30.00"]
    assert _cells(jiangsu.table("expense"), "合计") == ["215.50", "115.50", "100.00", "", ""]
    fiscal = jiangsu.table("fiscal_summary")
    assert _cells(fiscal, "二、项目支出") == ["70.00"]  # 20 + 50
    assert _cells(fiscal, "支出合计") == ["185.50"]
    assert _cells(jiangsu.table("fiscal_expense"), "201") == ["120.00"]
    assert _cells(jiangsu.table("gpb_expense"), "合计") == ["135.50"]
    assert _cells(jiangsu.table("gpb_basic"), "301") == ["85.50"]
    # 合计 = 三公 6.50 + 会议费 0 + 培训费 0 (no 30215/30216 lines, none given)
    assert _cells(jiangsu.table("three_public"), "") == [
        "6.50", "6.50", "2.00", "3.00", "0.00", "3.00", "1.50", "0.00", "0.00"
    ]  # fmt: skip
    assert _cells(jiangsu.table("operating_cost"), "合计") == ["25.00"]
    assert _cells(jiangsu.table("procurement"), "三、服务") == ["10.00"]


def test_jiangsu_explanation_by_hand(jiangsu: Document) -> None:
    texts = _texts(jiangsu)
    # 135.50 / 215.50 = 62.877 → 62.88; 50 / 215.50 = 23.202 → 23.20; 30 / 215.50 = 13.921 → 13.92
    assert (
        "上海市测试区某局本年收入预算合计 215.50 万元，其中：一般公共预算收入 135.50 万元，占 62.88%；"
        "政府性基金收入 50.00 万元，占 23.20%；其他资金收入 30.00 万元，占 13.92%。"
    ) in texts
    # 115.50 / 215.50 = 53.596 → 53.60; 100 / 215.50 = 46.404 → 46.40
    assert any("基本支出 115.50 万元，占 53.60%；项目支出 100.00 万元，占 46.40%" in t for t in texts)
    # 185.50 / 215.50 = 86.079 → 86.08
    assert "上海市测试区某局 2025 年财政拨款预算支出 185.50 万元，占本年支出合计的 86.08%。" in texts
    assert (
        "1．一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）支出 120.00 万元，"
        "比 2024 年预算增加 10.00 万元，增长 9.09%，增长主要原因：人员增加。"
    ) in texts
    # 公务接待费 1.50 against 1.00: +0.50, 50.00%
    assert "3．公务接待费预算支出 1.50 万元，比 2024 年预算增加 0.50 万元，增长 50.00%。" in texts
    assert any("（一）人员经费 90.50 万元。（二）公用经费 25.00 万元。" in t for t in texts)


def test_jiangsu_meeting_and_training_from_the_economic_lines() -> None:
    """Not given on the 三公 sheet: 会议费 and 培训费 are the 30215 and 30216 lines."""
    economic = (*SMALL.economic[:2], EconomicLine("30215", "会议费", D(3)), EconomicLine("30216", "培训费", D(2)))
    economic += (EconomicLine("30201", "办公费", D(15)), *SMALL.economic[3:])
    document = derive(replace(SMALL, economic=economic), "jiangsu-12")
    assert _cells(document.table("three_public"), "")[:2] == ["11.50", "6.50"]  # 6.50 + 3 + 2
    assert _cells(document.table("three_public"), "")[-2:] == ["3.00", "2.00"]
    assert _serious(document) == []


# --- Shanghai final accounts ------------------------------------------------------------------------

# The small budget as final accounts: 行政运行 brought in 10 (年初结转和结余) and the fund's 行政运行
# carries 10 forward (年末). Income is what was received this year: 一般公共预算 125.50 (135.50 − 10),
# 政府性基金 60 (50 + 10); so 215.50 + 10 = 225.50 = 215.50 + 10 on both sides of the 总表.
_LINES = SMALL.functional
FINAL = replace(
    SMALL,
    income=(IncomeLine(GPB, D("125.50")), IncomeLine(FUND, D(60)), IncomeLine(BUSINESS, D(30))),
    functional=(
        replace(_LINES[0], initial_budget=D(115), opening=D(10)),
        replace(_LINES[1], initial_budget=D("15.50")),
        _LINES[2],
        replace(_LINES[3], closing=D(10)),
    ),
    three_public=replace(
        SMALL.three_public,  # type: ignore[type-var]
        initial_abroad=D(3),
        initial_vehicle_purchase=D(0),
        initial_vehicle_running=D(3),
        initial_reception=D(2),
    ),
)


@pytest.fixture(scope="module")
def final() -> Document:
    return derive(FINAL, "shanghai-final-9")


def test_final_tables_by_hand(final: Document) -> None:
    assert final.title == "上海市测试区某局 2025 年度单位决算" and final.kind.value == "决算"
    assert [t.number for t in final.tables] == ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
    summary = final.table("final_summary")
    assert _cells(summary, "本年收入合计") == ["215.50"]
    assert _cells(summary, "年初结转和结余") == ["10.00"]
    assert _cells(summary, "十二、城乡社区支出") == ["50.00"]
    assert _cells(summary, "年末结转和结余") == ["10.00"]
    assert summary is not None and [_cells(summary, "总计")] == [["225.50"]]
    assert [r.cells[0].text for b in summary.blocks for r in b.rows if r.label == "总计"] == ["225.50", "225.50"]
    # 收入决算表: each 项's income of the year, spent + 年末 − 年初: 行政运行 spent 120 of which 10 was
    # brought in (110), 事业运行 30, 城乡社区 行政运行 spent 50 and kept 10 (60): 215.50 as in 表一
    income = final.table("final_income")
    assert _cells(income, "201") == ["140.00", "110.00", "", "30.00", "", "", ""]
    assert _cells(income, "2120101") == ["60.00", "60.00", "", "", "", "", ""]
    assert _cells(income, "合计") == ["215.50", "185.50", "", "30.00", "", "", ""]
    fiscal = final.table("final_fiscal_summary")
    assert _cells(fiscal, "年初结转和结余") == ["10.00"]
    assert _cells(fiscal, "年末结转和结余") == ["10.00", "", "10.00", ""]
    assert [r.cells[0].text for b in fiscal.blocks for r in b.rows if r.label == "总计"] == ["195.50", "195.50"]  # type: ignore[union-attr]
    basic = final.table("final_gpb_basic")
    assert _cells(basic, "人员经费合计") == ["90.50"] and _cells(basic, "公用经费合计") == ["25.00"]
    three = final.table("final_three_public")
    assert _cells(three, "预算数") == ["8.00", "3.00", "3.00", "0.00", "3.00", "2.00"]
    assert _cells(three, "决算数") == ["6.50", "2.00", "3.00", "0.00", "3.00", "1.50"]
    # 2120101: 年初 0, 本年收入 50 + 10 − 0 = 60, 本年支出 50 (项目), 年末 10
    assert _cells(final.table("final_fund"), "2120101") == ["", "60.00", "50.00", "", "50.00", "10.00"]
    capital = final.table("final_state_capital")
    assert capital is not None and capital.empty
    assert capital.note == "注：上海市测试区某局本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。"


def test_final_explanation_by_hand(final: Document) -> None:
    texts = _texts(final)
    # 225.50 against last year's 200: +25.50, 12.75%
    assert (
        "上海市测试区某局 2025 年度收入支出总计 225.50 万元，比 2024 年度增加 25.50 万元，增长 12.75%，"
        "增长主要原因：项目增加。"
    ) in texts
    # 185.50 / 215.50 = 86.079 → 86.08; 30 / 215.50 = 13.921 → 13.92
    assert (
        "本年收入合计 215.50 万元，其中：财政拨款收入 185.50 万元，占 86.08%；事业收入 30.00 万元，占 13.92%。" in texts
    )
    # 120 / 115 = 104.347… → 104.35%
    assert (
        "1、一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。年初预算为 115.00 万元，"
        "支出决算为 120.00 万元，完成年初预算的 104.35%。决算数大于预算数的主要原因：人员增加。"
    ) in texts
    # 6.50 / 8 = 81.25%; against last year's 7: −0.50, 7.14%
    assert any(
        t.startswith("“三公”经费财政拨款支出年初预算为 8.00 万元，支出决算为 6.50 万元，完成年初预算的 81.25%，"
                     "比 2024 年度减少 0.50 万元，下降 7.14%")
        for t in texts
    )  # fmt: skip
    assert "机关运行经费支出 25.00 万元，比 2024 年度增加 1.00 万元，增长 4.17%，增长主要原因：物业费上涨。" in texts
    assert "上海市测试区某局 2025 年度无国有资本经营预算财政拨款收入和支出。" in texts


def test_final_written_and_read_back(final: Document, tmp_path: Path) -> None:
    """The final accounts with balances and 预算数 rows read back alike, and audit clean."""
    assert _serious(final) == []
    for kind, write in WRITERS.items():
        document = read(write(final, tmp_path / f"out.{kind}"))
        assert document.layout == "shanghai-final-9" and document.kind == final.kind
        assert table_facts(document) == table_facts(final)
        assert _serious(document) == []


@pytest.mark.parametrize("layout", OTHER_LAYOUTS)
def test_cli_build_layout(layout: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``yusuan build --layout X`` writes the document in that layout, whatever the input names."""
    example = Path(__file__).resolve().parents[1] / "examples" / "yongqiao-2023" / "budget.json"
    data = json.loads(example.read_text(encoding="utf-8"))
    data["income"][0]["amount"] = "1623.36"  # the two corrections of examples/yongqiao-2023/README.md
    for line in data["economic"]:
        if line["code"] == "30201":
            line["amount"] = "109.91"
    fixed = tmp_path / "budget.json"
    fixed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(fixed), "-o", str(out), "--format", "html", "--layout", layout]) == 0
    capsys.readouterr()
    document = read(next(out.glob("*.html")))
    assert document.layout == layout
    assert _serious(document) == []


def test_cli_build_forced_final_layout_checks_the_balance(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A 预算 input forced into the final-accounts layout is checked as final accounts: the example's
    income 1623.35 against its spending 1623.36 (no carry-overs) is refused before anything is written."""
    example = Path(__file__).resolve().parents[1] / "examples" / "yongqiao-2023" / "budget.json"
    out = tmp_path / "out"
    assert main(["build", str(example), "-o", str(out), "--format", "html", "--layout", "shanghai-final-9"]) == 1
    printed = capsys.readouterr().out
    assert "[错误] $.income：决算收入（含使用非财政拨款结余）1623.35 万元加年初结转和结余 0 万元" in printed
    assert "相差 -0.01 万元" in printed and "未生成文件" in printed
    assert not out.exists()


# 使用非财政拨款结余 4.00 and 结余分配 4.00: 215.50 + 4.00 + 10.00 = 229.50 = 215.50 + 4.00 + 10.00.
FINAL_BALANCES = replace(FINAL, final=FinalBalances(balance_used=D(4), distribution=D(4)))


def test_final_balance_rows_by_hand() -> None:
    from yusuan.build.validate import check_final_balance

    document = derive(FINAL_BALANCES, "shanghai-final-9")
    summary = document.table("final_summary")
    assert _cells(summary, "使用非财政拨款结余") == ["4.00"] and _cells(summary, "结余分配") == ["4.00"]
    assert [r.cells[0].text for b in summary.blocks for r in b.rows if r.label == "总计"] == ["229.50", "229.50"]  # type: ignore[union-attr]
    # 229.50 against last year's 200: +29.50, 14.75%
    assert (
        "上海市测试区某局 2025 年度收入支出总计 229.50 万元，比 2024 年度增加 29.50 万元，增长 14.75%，"
        "增长主要原因：项目增加。"
    ) in _texts(document)
    assert _serious(document) == []
    final = replace(FINAL_BALANCES, profile=replace(FINAL_BALANCES.profile, kind=Kind.FINAL))
    assert list(check_final_balance(final, {})) == []
    (problem,) = check_final_balance(replace(final, final=FinalBalances(balance_used=D(4))), {})
    assert problem.params["diff"] == D("4.00")


def test_final_basic_table_ties_to_the_functional_table() -> None:
    """The 决算's 基本支出表 (人员经费合计 90.50 + 公用经费合计 25.00 = 115.50) ties to the 基本支出 of
    its 一般公共预算支出决算表 (100 + 15.50); without 31002 (5.00) the 公用经费 side is 20.00: 5.00 short."""
    clean = check(derive(FINAL, "shanghai-final-9"))
    ties = next(c for c in clean.summary()["checks"] if c["name"] == "ties")  # type: ignore[union-attr,index]
    assert "没有一般公共预算支出表，未核对功能分类与其他表的一致性" not in ties["not_run"]  # type: ignore[index]
    short = replace(FINAL, economic=tuple(e for e in FINAL.economic if e.code != "31002"))
    report = check(derive(short, "shanghai-final-9"))
    (found,) = [f for f in report.findings if f.code == "tie.mismatch"]
    assert found.params["what"] == "一般公共预算基本支出合计"
    assert (str(found.params["left"]), str(found.params["right"])) == ("115.50", "110.50")


def _altered(document: Document, changes: Sequence[tuple[str, str]], path: Path) -> Report:
    """The audit of ``document`` written as HTML with each printed text (found once) changed."""
    html.write(document, path)
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return check(read(path))


def test_final_item_figures_are_checked_against_the_table(tmp_path: Path) -> None:
    """The 决算 说明 names a 项 in a sentence of its own, then 年初预算为 115.00 万元，支出决算为 120.00 万元:
    the 决算数 is compared with 表五's row; printed as 121.00 it is 1.00 off."""
    report = _altered(
        derive(FINAL, "shanghai-final-9"),
        (("支出决算为 120.00 万元", "支出决算为 121.00 万元"),),
        tmp_path / "final.html",
    )
    (found,) = [f for f in report.findings if f.code == "narrative.amount_mismatch"]
    assert found.params["subject"] == "一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行"
    assert (str(found.params["stated"]), str(found.params["actual"])) == ("121.00", "120.00")


def test_jiangsu_wording_is_checked_against_its_tables(tmp_path: Path) -> None:
    """Jiangsu's 说明 writes 财政拨款基本支出预算 115.50 万元 (表06) and 公务接待费预算支出 1.50 万元
    (表09): both are compared with the tables; printed 116.50 and 1.60 they are 1.00 and 0.10 off."""
    report = _altered(
        derive(SMALL, "jiangsu-12"),
        (
            ("年度财政拨款基本支出预算 115.50", "年度财政拨款基本支出预算 116.50"),
            ("公务接待费预算支出 1.50", "公务接待费预算支出 1.60"),
        ),
        tmp_path / "jiangsu.html",
    )
    found = [f for f in report.findings if f.code == "narrative.amount_mismatch"]
    assert sorted((f.params["table"], str(f.params["stated"]), str(f.params["actual"])) for f in found) == [
        ("表06", "116.50", "115.50"),
        ("表09", "1.60", "1.50"),
    ]


def test_final_totals_are_checked_against_the_summary(tmp_path: Path) -> None:
    """The 决算 说明's 本年收入合计 215.50 and 事业收入 30.00 are compared with 表一's rows (its one
    决算数 column); printed 216.50 and 31.00 they are 1.00 off each."""
    report = _altered(
        derive(FINAL, "shanghai-final-9"),
        (
            ("本年收入合计 215.50 万元，", "本年收入合计 216.50 万元，"),
            ("事业收入 30.00 万元，占", "事业收入 31.00 万元，占"),
        ),
        tmp_path / "final.html",
    )
    found = [f for f in report.findings if f.code == "narrative.amount_mismatch"]
    assert sorted((f.params["subject"], str(f.params["stated"]), str(f.params["actual"])) for f in found) == [
        ("事业收入", "31.00", "30.00"),
        ("本年收入合计", "216.50", "215.50"),
    ]


def test_final_spending_against_its_initial_budget_is_checked(tmp_path: Path) -> None:
    """…年初预算为 a 万元，支出决算为 b 万元: b is the 决算 figure of what the sentence names, the
    一般公共预算财政拨款支出 (表五's 135.50) or the “三公”经费 (表七's 决算数 row, 6.50); printed 136.50 and
    6.60 they are 1.00 and 0.10 off."""
    report = _altered(
        derive(FINAL, "shanghai-final-9"),
        (
            ("年初预算为 130.50 万元，支出决算为 135.50 万元", "年初预算为 130.50 万元，支出决算为 136.50 万元"),
            ("年初预算为 8.00 万元，支出决算为 6.50 万元", "年初预算为 8.00 万元，支出决算为 6.60 万元"),
        ),
        tmp_path / "final.html",
    )
    found = [f for f in report.findings if f.code == "narrative.amount_mismatch"]
    assert sorted((f.params["table"], f.params["subject"], str(f.params["stated"])) for f in found) == [
        ("表七", "“三公”经费财政拨款支出", "6.60"),
        ("表五", "一般公共预算财政拨款支出", "136.50"),
    ]


def test_final_grand_total_and_classes_are_checked(tmp_path: Path) -> None:
    """收入支出总计 225.50 is 表一's 总计; 一般公共服务支出（类） 120.00 is 表五's 类 201. Printed 226.50 and
    121.00 they are 1.00 off each."""
    report = _altered(
        derive(FINAL, "shanghai-final-9"),
        (
            ("收入支出总计 225.50", "收入支出总计 226.50"),
            ("一般公共服务支出（类） 120.00", "一般公共服务支出（类） 121.00"),
        ),
        tmp_path / "final.html",
    )
    found = [f for f in report.findings if f.code == "narrative.amount_mismatch"]
    assert sorted((f.params["table"], str(f.params["stated"]), str(f.params["actual"])) for f in found) == [
        ("表一", "226.50", "225.50"),
        ("表五", "121.00", "120.00"),
    ]


def test_final_personnel_and_public_funds_are_checked(tmp_path: Path) -> None:
    """人员经费 90.50 = 301 + 303 and 公用经费 25.00 = 302 + 310 of the 决算's 表六, whose two classes stand
    in two blocks side by side; printed 91.50 the 人员经费 is 1.00 off."""
    report = _altered(
        derive(FINAL, "shanghai-final-9"), (("人员经费 90.50 万元", "人员经费 91.50 万元"),), tmp_path / "final.html"
    )
    found = [f for f in report.findings if f.code == "narrative.amount_mismatch"]
    assert [(f.params["table"], str(f.params["stated"]), str(f.params["actual"])) for f in found] == [
        ("表六", "91.50", "90.50")
    ]


def test_final_income_spending_and_initial_budgets_are_checked(tmp_path: Path) -> None:
    """The 决算 说明's figures that its section's own table prints: 财政拨款收入 185.50 (表二's 合计,
    125.50 + 60.00), 基本支出 115.50 of 三、支出决算情况说明 (表三), 财政拨款收入支出总计 195.50 (表四's
    总计: 185.50 and the 10.00 carried over), 一般公共预算财政拨款基本支出 115.50 (表五's 基本支出) and
    the “三公” 年初预算 8.00 (表七's 预算数: 3.00 + 3.00 + 2.00). Each printed 1.00 (0.10) off is found."""
    report = _altered(
        derive(FINAL, "shanghai-final-9"),
        (
            ("其中：财政拨款收入 185.50 万元", "其中：财政拨款收入 186.50 万元"),
            ("其中：基本支出 115.50 万元", "其中：基本支出 116.50 万元"),
            ("财政拨款收入支出总计 195.50 万元", "财政拨款收入支出总计 196.50 万元"),
            ("一般公共预算财政拨款基本支出 115.50 万元", "一般公共预算财政拨款基本支出 116.50 万元"),
            ("支出年初预算为 8.00 万元", "支出年初预算为 8.10 万元"),
        ),
        tmp_path / "final.html",
    )
    found = [f for f in report.findings if f.code == "narrative.amount_mismatch"]
    assert sorted((f.params["table"], str(f.params["stated"]), str(f.params["actual"])) for f in found) == [
        ("表七", "8.10", "8.00"),
        ("表三", "116.50", "115.50"),
        ("表二", "186.50", "185.50"),
        ("表五", "116.50", "115.50"),
        ("表四", "196.50", "195.50"),
    ]


def test_final_income_and_expense_tables_tie_to_the_summary(tmp_path: Path) -> None:
    """表一's 本年收入合计 215.50 is 表二's 合计; printed 216.50 in 表二 the two tables disagree by 1.00."""
    row = '合计</td><td class="amount">{}</td><td class="amount">185.50</td>'
    report = _altered(
        derive(FINAL, "shanghai-final-9"), ((row.format("215.50"), row.format("216.50")),), tmp_path / "final.html"
    )
    found = [f for f in report.findings if f.code == "tie.mismatch"]
    assert [(f.params["what"], f.params["left_table"], str(f.params["right"])) for f in found] == [
        ("本年收入合计", "表一", "216.50")
    ]


def test_final_balances_loaded_from_the_template(tmp_path: Path) -> None:
    from tests.test_build_input import _filled
    from yusuan.build import load

    path = tmp_path / "filled.xlsx"
    book = _filled(path)
    sheet = book["部门信息"]
    rows = {str(sheet.cell(row=r, column=1).value): r for r in range(1, sheet.max_row + 1)}
    sheet.cell(row=rows["使用非财政拨款结余（决算）"], column=2, value=3)
    sheet.cell(row=rows["结余分配（决算）"], column=2, value="1.50")
    book.save(path)
    budget, _problems = load(path)
    assert budget.final == FinalBalances(D(3), D("1.50"))


# SMALL with 行政运行 also paid 12.00 of basic money from 事业收入: one 项, two sources, two lines.
SPLIT = replace(
    SMALL,
    functional=(*SMALL.functional, FunctionalLine("2010301", "行政运行", D("12.00"), D(0), BUSINESS, D("12.00"))),
    income=(*SMALL.income[:2], IncomeLine(BUSINESS, D("42.00"))),
    prior=replace(SMALL.prior, income=D("212.00"), expense=D("212.00")),
)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_an_item_paid_from_two_sources_prints_once_where_tables_span_sources(layout: str) -> None:
    """2010301 行政运行: 100 basic + 20 project from 一般公共预算, 12 basic from 事业收入. Tables of every
    source print it once, 132.00 = 112.00 basic + 20.00 project; 一般公共预算 tables print 120.00;
    the 一般公共预算基本支出表 stays 115.50 (100 + 15.50, the economic lines): no false tie."""
    assert [p.code for p in validate(SPLIT, {})] == [p.code for p in validate(SMALL, {})]  # no new problem
    budget = _final(SPLIT) if layout == "shanghai-final-9" else SPLIT
    if layout == "anhui-11":  # a 部门 layout: SMALL is a 单位 budget
        budget = replace(budget, profile=replace(budget.profile, scope=Scope.DEPARTMENT))
    document = derive(budget, layout)
    assert _serious(document) == []
    for table in document.tables:
        for block in table.blocks:
            codes = [r.code for r in block.rows if r.code]
            assert len(codes) == len(set(codes)), f"{table.title} prints a code twice"
    in_yuan = layout == "shanghai-9"  # prints its tables in 元
    spanning = document.table("final_expense" if layout == "shanghai-final-9" else "expense")
    expected = ["1,320,000.00", "1,120,000.00", "200,000.00"] if in_yuan else ["132.00", "112.00", "20.00"]
    assert [c for c in _cells(spanning, "2010301") if c] == expected
    general = document.table("final_gpb_expense" if layout == "shanghai-final-9" else "gpb_expense")
    assert ("1,200,000.00" if in_yuan else "120.00") in _cells(general, "2010301")


def test_two_lines_of_one_item_and_source_are_refused() -> None:
    twice = replace(SPLIT, functional=(*SPLIT.functional, FunctionalLine("2010301", "行政运行", D(1), D(0), BUSINESS)))
    problems = [p for p in validate(twice, {}) if p.code == "input.duplicate_item"]
    assert [(p.params["code"], p.params["source"], str(p.where)) for p in problems] == [
        ("2010301", "事业收入", "$.functional")
    ]
    assert problems[0].message() == (
        "$.functional：科目 2010301（行政运行）由事业收入安排的金额已在 $.functional 填写，"
        "同一科目同一资金来源只能填一行，请合并"
    )


def test_unbalanced_final_accounts_are_refused() -> None:
    """本年收入 + 年初 ≠ 本年支出 + 年末 in a 决算 input is an error before anything is derived."""
    from yusuan.build.validate import check_final_balance

    final = replace(FINAL, profile=replace(FINAL.profile, kind=Kind.FINAL))
    assert list(check_final_balance(final, {})) == []
    short = replace(final, income=final.income[1:])  # 一般公共预算 125.50 left out
    (problem,) = check_final_balance(short, {})
    assert problem.code == "input.final_unbalanced" and problem.params["diff"] == D("-125.50")
    assert list(check_final_balance(replace(short, profile=SMALL.profile), {})) == []  # a budget: not checked


# --- random amounts over the small budget's structure, every layout -----------------------------------


def _cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Amounts in 万元 to 0.01, from low/100 to high/100."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def _budgets(draw: st.DrawFn) -> BudgetInput:
    """SMALL's codes and sources with every amount drawn; the identities hold by construction:
    Σ经济分类 = Σ一般公共预算基本支出 (the first line takes the rest), income by source = what the 项 of that
    source spent (a 决算's: ``_final``), 机关运行经费 ≤ 公用经费, 预留 ≤ 采购."""
    functional = []
    for i, line in enumerate(SMALL.functional):
        # some money always; basic from 一般公共预算 (the 经济分类 lines are all of it) and 事业收入
        basic = draw(_cents(1 if i == 0 else 0, 50_000)) if line.source in (GPB, BUSINESS) else D(0)
        project = draw(_cents(0, 50_000))
        opening = draw(_cents(0, int((basic + project) * 100)))
        functional.append(
            replace(
                line,
                basic=basic,
                project=project,
                prior_budget=draw(st.none() | _cents(1, 60_000)),
                prior_executed=None,
                initial_budget=draw(st.none() | _cents(1, 60_000)),
                opening=opening,
                closing=draw(_cents(0, 5_000)),
            )
        )
    basic_total = sum((f.basic for f in functional if f.source == GPB), Decimal(0))
    others = [draw(_cents(0, int(basic_total * 100) // 10)) for _ in SMALL.economic[1:]]
    economic = (replace(SMALL.economic[0], amount=basic_total - sum(others, Decimal(0))),)
    economic += tuple(replace(e, amount=a) for e, a in zip(SMALL.economic[1:], others, strict=True))
    public = sum((e.amount for e in economic if e.code[:3] in ("302", "310")), Decimal(0))
    goods, services = draw(_cents(0, 10_000)), draw(_cents(0, 10_000))
    sme = draw(_cents(0, int((goods + services) * 100)))
    three = ThreePublic(*(draw(_cents(0, 1_000)) for _ in range(8)), reason="压减")  # type: ignore[misc]
    return replace(
        SMALL,
        functional=tuple(functional),
        economic=economic,
        income=_income(functional, final=False),
        prior=PriorTotals(income=draw(_cents(1, 200_000)), expense=draw(_cents(1, 200_000)), income_reason="调整"),
        three_public=three,
        operating_costs=OperatingCosts(draw(_cents(0, int(public * 100))), draw(_cents(1, 10_000)), "调整"),
        procurement=Procurement(goods, D(0), services, sme, draw(_cents(0, int(sme * 100)))),
    )


def _income(functional: Sequence[FunctionalLine], final: bool) -> tuple[IncomeLine, ...]:
    """Income by source: what its 项 spent (budget), or received: spent + 年末 − 年初 (决算)."""
    return tuple(
        IncomeLine(s, sum((f.received if final else f.total for f in functional if f.source == s), Decimal(0)))
        for s in (GPB, FUND, BUSINESS)
    )


def _final(budget: BudgetInput) -> BudgetInput:
    return replace(budget, income=_income(budget.functional, final=True))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget=_budgets())
def test_random_budgets_in_every_layout(budget: BudgetInput) -> None:
    """Each layout: no error or warning, and the HTML reads back to the same tables and 说明 figures."""
    with tempfile.TemporaryDirectory() as folder:
        for layout in OTHER_LAYOUTS:
            derived = derive(_final(budget) if layout == "shanghai-final-9" else budget, layout)
            assert _serious(derived) == [], layout
            document = read(html.write(derived, Path(folder) / f"{layout}.html"))
            assert document.layout == layout
            assert table_facts(document) == table_facts(derived)
            assert [(s.subject, s.amount) for s in document.statements] == [
                (s.subject, s.amount) for s in derived.statements
            ]
