"""The budget input: the 埇桥 example loads and adds up, the template round-trips, bad input is located."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from yusuan.build import load, load_data, write_template
from yusuan.build.input import FundingSource
from yusuan.errors import CorruptInput, UnsupportedFormat

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yongqiao-2023" / "budget.json"


def flat(problems: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(p.code, str(p.where)) for p in problems]


def test_example_loads_with_only_the_known_warnings() -> None:
    _, problems = load(EXAMPLE)
    assert flat(problems) == [
        ("input.unknown_code", "$.functional[4].code"),  # 2101103 公务员医疗补助: not in the partial catalog
        ("input.economic_rounding", "$.economic"),  # 302 rows as printed: 149.61, table prints 149.72
    ]
    assert all(p.level == "warning" for p in problems)
    assert problems[1].params["diff"] == Decimal("-0.11")


def test_example_totals_match_the_reference_by_hand() -> None:
    budget, _ = load(EXAMPLE)
    assert budget.total_expense() == Decimal("1623.36")  # 项 rows; the tables print 1623.35
    assert budget.basic_total() == Decimal("1008.36")
    assert budget.project_total() == Decimal("615.00")
    assert budget.total_income() == Decimal("1623.35")
    assert budget.income_from(FundingSource.GENERAL_PUBLIC_BUDGET) == Decimal("1623.35")
    assert budget.personnel() == Decimal("858.64")  # 301 774.24 + 303 84.40; the 说明 prints 858.63
    assert budget.economic_class_total("301") == Decimal("774.24")
    assert budget.public_funds() == Decimal("149.61")
    assert budget.economic_total() == Decimal("1008.25")
    assert budget.rollup(3) == {
        "201": (Decimal("760.37"), Decimal("615.00")),
        "208": (Decimal("127.74"), Decimal("0")),  # printed 127.73
        "210": (Decimal("35.87"), Decimal("0")),
        "221": (Decimal("84.38"), Decimal("0")),  # printed 84.37
    }
    lines = {f.code: f for f in budget.functional}
    assert lines["2010301"].prior == Decimal("1134.92")
    assert lines["2010301"].change == Decimal("240.45")
    assert lines["2101101"].change == Decimal("8.10")
    assert budget.prior.expense == Decimal("1306.00")
    assert budget.prior.project == Decimal("626.30")
    assert budget.operating_costs is not None and budget.operating_costs.change == Decimal("11.92")
    assert budget.procurement.total == 0
    assert budget.assets.vehicle_count == 1 and str(budget.assets.as_of) == "2022-12-31"
    assert budget.three_public is None
    assert len(budget.glossary) == 4
    (project,) = budget.projects
    assert project.amount == Decimal("87") and project.mid_term_funds == Decimal("261")
    quantities = [Decimal(i.value) for i in project.indicators if i.level2 == "数量指标"]
    assert sum(quantities) == project.annual_funds


def test_blank_template_gives_missing_data_problems(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "部门信息", "收入", "功能分类支出", "经济分类基本支出", "项目与绩效",
        "三公经费", "机关运行经费", "政府采购", "国有资产", "名词解释",
    ]  # fmt: skip
    assert book["功能分类支出"]["C3"].number_format == "#,##0.00"
    assert book["功能分类支出"]["A2"].value.startswith("说明：")
    _, problems = load(path)
    assert flat(problems) == [
        ("input.missing_field", "部门信息!B3"),
        ("input.missing_field", "部门信息!B4"),
        ("input.missing_field", "部门信息!B5"),
        ("input.no_rows", "收入"),
        ("input.no_rows", "功能分类支出"),
        ("input.missing_field", "机关运行经费!A3"),
        ("input.missing_field", "政府采购!A3"),
        ("input.missing_field", "政府采购!B3"),
        ("input.missing_field", "政府采购!C3"),
        ("input.missing_field", "国有资产!D3"),
    ]
    assert problems[0].message() == "部门信息!B3：未填写“部门名称”"


def _put(sheet: openpyxl.worksheet.worksheet.Worksheet, values: list[object]) -> None:
    """Fill data row 3 (``append`` would land below the template's formatted rows)."""
    for column, value in enumerate(values, start=1):
        sheet.cell(row=3, column=column, value=value)


def _filled(path: Path) -> openpyxl.Workbook:
    write_template(path)
    book = openpyxl.load_workbook(path)
    dept = book["部门信息"]
    dept["B3"], dept["B4"], dept["B5"] = "某办公室", "某区", 2023
    dept["B14"], dept["C14"] = 100, "人员增加"  # 上年收入合计
    dept["B15"], dept["C15"] = 100, "人员增加"  # 上年支出合计
    dept["B17"] = 0  # 上年项目支出
    _put(book["收入"], ["一般公共预算", 120])
    _put(book["功能分类支出"], ["2010301", "行政运行", 120, None, "一般公共预算", 100, None, "人员增加"])
    _put(book["经济分类基本支出"], ["30101", "基本工资", 120])
    _put(book["机关运行经费"], [10, 10])
    _put(book["政府采购"], [0, 0, 0])
    _put(book["国有资产"], ["车辆", "应急保障用车", 1, "2022-12-31"])
    return book


def test_filled_template_loads_clean(tmp_path: Path) -> None:
    path = tmp_path / "filled.xlsx"
    _filled(path).save(path)
    budget, problems = load(path)
    assert flat(problems) == []
    assert budget.total_expense() == Decimal("120") and budget.profile.name == "某办公室"


def test_text_in_an_amount_cell_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    book = _filled(path)
    book["功能分类支出"]["C3"] = "一百二十"
    book["经济分类基本支出"]["A3"] = "39999"
    book.save(path)
    _, problems = load(path)
    assert flat(problems) == [
        ("input.not_a_number", "功能分类支出!C3"),
        ("input.unknown_code", "经济分类基本支出!A3"),
        ("input.economic_mismatch", "经济分类基本支出"),
    ]
    assert problems[0].message() == "功能分类支出!C3：“基本支出”应填写金额数字，实际为“一百二十”"
    assert problems[1].level == "warning"


def test_a_missing_sheet_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "partial.xlsx"
    book = _filled(path)
    del book["机关运行经费"]
    book.save(path)
    _, problems = load(path)
    assert flat(problems) == [("input.missing_sheet", "机关运行经费")]


def _example() -> dict:  # type: ignore[type-arg]
    data: dict = json.loads(EXAMPLE.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def test_json_problems_are_located_by_path() -> None:
    data = _example()
    data["functional"][0]["basic"] = "七百"
    data["functional"][1]["code"] = "9999999"
    del data["functional"][2]["prior_budget"]
    data["functional"][3]["reason"] = ""
    data["operating_costs"]["prior"] = None
    _, problems = load_data(data)
    assert flat(problems) == [
        ("input.not_a_number", "$.functional[0].basic"),
        ("input.unknown_code", "$.functional[1].code"),
        ("input.unknown_code", "$.functional[4].code"),
        ("input.economic_mismatch", "$.economic"),
        ("input.missing_prior", "$.functional[2].prior_budget"),
        ("input.missing_reason", "$.functional[3].reason"),
        ("input.missing_prior", "$.operating_costs.prior"),
    ]
    assert problems[4].message() == (
        "$.functional[2].prior_budget：“机关事业单位职业年金缴费支出”本年 42.58 万元，说明须与上年比较，但未填写上年数"
    )


def test_control_characters_are_refused_where_they_are() -> None:
    """A vertical tab pasted into a project's name, or a NUL into a duty, cannot be written to any
    format (DOCX and PDF refuse them): an error at its place, nothing built."""
    data = _example()
    data["projects"][0]["name"] = "区政府\u000b信息中心"
    data["department"]["duties"] = ["负责文件起草\u0000。"]
    _, problems = load_data(data)
    found = [(p.code, str(p.where)) for p in problems if p.code == "input.control_character"]
    assert found == [
        ("input.control_character", "$.department.duties"),
        ("input.control_character", "$.projects[0].name"),
    ]
    assert problems[[p.code for p in problems].index("input.control_character")].level == "error"


def test_non_object_data_is_a_problem_not_a_crash() -> None:
    _, problems = load_data([1, 2])
    assert flat(problems)[0] == ("input.wrong_shape", "$")


def test_unreadable_files_raise(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(CorruptInput):
        load(bad)
    with pytest.raises(UnsupportedFormat):
        load(tmp_path / "x.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(CorruptInput):
        load(broken)
