"""The shipped layouts hold the tables the corpus documents really print, and their titles are recognised.

Every expectation below was checked by hand against the documents in ../shared/corpus:
- anhui-11: anhui-yongqiao-government-office-2023-budget.txt (目录 1–11; 表 6 and 表 9 are listed in
  the 目录 but their bodies are missing from the extracted text).
- shanghai-9: shanghai-putuo-government-office-2025-unit-budget.pdf and
  shanghai-putuo-commerce-2025-unit-budget.pdf (目录 1–9, identical table titles).
- jiangsu-12: jiangsu-npc-office-2018-budget.pdf, jiangsu-procuratorate-2019-budget.pdf and
  jiangsu-cppcc-office-2019-budget-tables.pdf (公开01表 … 公开12表), and
  jiangsu-high-court-2018-budget.pdf (the same twelve tables numbered 一、 … 十二、).
- shanghai-final-9: shanghai-2024-final-accounts-template.pdf (目录 一、 … 九、).
"""

from __future__ import annotations

import pytest

from yusuan.catalogs import kind_of_title, layouts

LAYOUT_TABLES: dict[str, list[tuple[str, str]]] = {
    "anhui-11": [
        ("1", "fiscal_summary"),
        ("2", "gpb_expense"),
        ("3", "gpb_basic"),
        ("4", "fund_expense"),
        ("5", "summary"),
        ("6", "income"),
        ("7", "expense"),
        ("8", "state_capital_expense"),
        ("9", "project_expense"),
        ("10", "procurement"),
        ("11", "purchase_service"),
    ],
    "shanghai-9": [
        ("1", "summary"),
        ("2", "income"),
        ("3", "expense"),
        ("4", "fiscal_summary"),
        ("5", "gpb_expense"),
        ("6", "fund_expense"),
        ("7", "state_capital_expense"),
        ("8", "gpb_basic"),
        ("9", "three_public"),
    ],
    "jiangsu-12": [
        ("01", "summary"),
        ("02", "income"),
        ("03", "expense"),
        ("04", "fiscal_summary"),
        ("05", "fiscal_expense"),
        ("06", "fiscal_basic"),
        ("07", "gpb_expense"),
        ("08", "gpb_basic"),
        ("09", "three_public"),
        ("10", "fund_expense"),
        ("11", "operating_cost"),
        ("12", "procurement"),
    ],
    "shanghai-final-9": [
        ("一", "final_summary"),
        ("二", "final_income"),
        ("三", "final_expense"),
        ("四", "final_fiscal_summary"),
        ("五", "final_gpb_expense"),
        ("六", "final_gpb_basic"),
        ("七", "final_three_public"),
        ("八", "final_fund"),
        ("九", "final_state_capital"),
    ],
}

LAYOUT_META: dict[str, tuple[str, str]] = {
    "anhui-11": ("预算", "万元"),
    "shanghai-9": ("预算", "元"),
    "jiangsu-12": ("预算", "万元"),
    "shanghai-final-9": ("决算", "万元"),
}


def _title(title: str, kind: str) -> object:
    return pytest.param(title, kind, id=title)


# Titles as the documents print them (table pages and 目录), with the year and department as printed.
PRINTED_TITLES = [
    # anhui-11: table pages, and the 目录 for 表 6 and 表 9.
    _title("2023 年部门财政拨款收支预算总表", "fiscal_summary"),
    _title("2023 年部门一般公共预算支出预算表", "gpb_expense"),
    _title("2023 年部门一般公共预算基本支出预算表", "gpb_basic"),
    _title("2023 年部门政府性基金预算支出表", "fund_expense"),
    _title("2023 年部门收支预算总表", "summary"),
    _title("埇桥区人民政府办公室 2023 年部门收入预算总表", "income"),
    _title("2023 年部门支出预算总表", "expense"),
    _title("2023 部门国有资本经营收支预算表", "state_capital_expense"),
    _title("埇桥区人民政府办公室 2023 年项目支出表", "project_expense"),
    _title("2023 年部门政府采购支出表", "procurement"),
    _title("2023 年部门政府购买服务支出表", "purchase_service"),
    # shanghai-9: table pages (both documents).
    _title("2025年预算单位财务收支预算总表", "summary"),
    _title("2025年预算单位收入预算总表", "income"),
    _title("2025年预算单位支出预算总表", "expense"),
    _title("2025年预算单位财政拨款收支预算总表", "fiscal_summary"),
    _title("2025年预算单位一般公共预算支出功能分类预算表", "gpb_expense"),
    _title("2025年预算单位政府性基金预算支出功能分类预算表", "fund_expense"),
    _title("2025年预算单位国有资本经营预算支出功能分类预算表", "state_capital_expense"),
    _title("2025年预算单位一般公共预算基本支出部门预算经济分类预算表", "gpb_basic"),
    _title("2025年单位“三公”经费和机关运行经费预算表", "three_public"),
    # jiangsu-12: table pages under 公开01表 … 公开12表 (人大 2018, 检察院 2019, 政协 2019).
    _title("收支预算总表", "summary"),
    _title("收入预算总表", "income"),
    _title("支出预算总表", "expense"),
    _title("财政拨款收支预算总表", "fiscal_summary"),
    _title("财政拨款支出预算表（功能科目）", "fiscal_expense"),
    _title("财政拨款基本支出预算表（经济科目）", "fiscal_basic"),
    _title("一般公共预算支出预算表（功能科目）", "gpb_expense"),
    _title("一般公共预算基本支出预算表（经济科目）", "gpb_basic"),
    _title("“三公”经费、会议费、培训费支出预算表", "three_public"),
    _title("政府性基金预算财政拨款支出预算表", "fund_expense"),
    _title("财政拨款政府性基金支出预算表", "fund_expense"),
    _title("一般公共预算机关运行经费支出预算表", "operating_cost"),
    _title("政府采购支出预算表", "procurement"),
    _title("2019年政府采购预算表", "procurement"),
    # jiangsu-12: 目录 variants (2018/2019).
    _title("一般公共预算“三公”经费、会议费、培训费支出预算表", "three_public"),
    _title("政府性基金财政拨款支出预算表", "fund_expense"),
    # jiangsu-12: the 高级人民法院 2018 table headings, 一、 … 十二、 stripped.
    _title("2018年度江苏省高级人民法院收支预算总表", "summary"),
    _title("2018年度江苏省高级人民法院收入预算总表", "income"),
    _title("2018年度江苏省高级人民法院支出预算总表", "expense"),
    _title("2018年度江苏省高级人民法院财政拨款收支预算总表", "fiscal_summary"),
    _title("2018年度江苏省高级人民法院财政拨款支出预算表", "fiscal_expense"),
    _title("2018年度江苏省高级人民法院财政拨款基本支出预算表", "fiscal_basic"),
    _title("2018年度江苏省高级人民法院一般公共预算支出预算表", "gpb_expense"),
    _title("2018年度江苏省高级人民法院一般公共预算基本支出预算表", "gpb_basic"),
    _title("2018年江苏省高级人民法院“三公”经费、会议费、培训费支出预算表", "three_public"),
    _title("2018年度江苏省高级人民法院政府性基金预算财政拨款支出预算表", "fund_expense"),
    _title("2018年度江苏省高级人民法院一般公共预算机关运行经费支出预算表", "operating_cost"),
    _title("2018年江苏省高级人民法院政府采购预算表", "procurement"),
    # shanghai-final-9: table pages of the 2024 template.
    _title("收入支出决算总表", "final_summary"),
    _title("收入决算表", "final_income"),
    _title("支出决算表", "final_expense"),
    _title("财政拨款收入支出决算总表", "final_fiscal_summary"),
    _title("一般公共预算财政拨款支出决算表", "final_gpb_expense"),
    _title("一般公共预算财政拨款基本支出决算表", "final_gpb_basic"),
    _title("财政拨款“三公”经费支出决算表", "final_three_public"),
    _title("政府性基金预算财政拨款收入支出决算表", "final_fund"),
    _title("国有资本经营预算财政拨款收入支出决算表", "final_state_capital"),
]

LAYOUT_TITLES = [
    pytest.param(
        layout_id,
        number,
        id=f"{layout_id}-{number}",
    )
    for layout_id, tables in LAYOUT_TABLES.items()
    for number, _ in tables
]


def test_every_layout_is_checked() -> None:
    assert set(layouts()) >= set(LAYOUT_TABLES)


@pytest.mark.parametrize("layout_id", sorted(LAYOUT_TABLES))
def test_layout_tables(layout_id: str) -> None:
    layout = layouts()[layout_id]
    assert [(t.number, t.kind) for t in layout.tables] == LAYOUT_TABLES[layout_id]


@pytest.mark.parametrize("layout_id", sorted(LAYOUT_META))
def test_layout_kind_and_unit(layout_id: str) -> None:
    layout = layouts()[layout_id]
    assert (layout.kind, layout.unit) == LAYOUT_META[layout_id]
    assert layout.name
    assert all(t.title and t.required for t in layout.tables)


@pytest.mark.parametrize(("title", "kind"), PRINTED_TITLES)
def test_printed_title_kind(title: str, kind: str) -> None:
    assert kind_of_title(title) == kind


@pytest.mark.parametrize(("layout_id", "number"), LAYOUT_TITLES)
def test_layout_title_kind(layout_id: str, number: str) -> None:
    table = next(t for t in layouts()[layout_id].tables if t.number == number)
    assert kind_of_title(table.title) == table.kind
