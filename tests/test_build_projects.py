"""A project's 项目概述, 立项依据 and 起止时间: entered once (JSON/YAML or the template), printed in
the project's section of the 说明 and, for 起止时间, in its 绩效目标申报表; read back alike."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_build_derive import EXAMPLE, WRITERS
from tests.test_build_input import _filled
from yusuan.build import load, load_data
from yusuan.build.derive import derive
from yusuan.build.input import BudgetInput
from yusuan.build.layouts import derive as derive_layout
from yusuan.check import check
from yusuan.read import read

SUMMARY = "为保障区政府重要会议、活动顺利开展，委托第三方提供会务服务"
BASIS = "《埇桥区人民政府工作规则》"
PERIOD = "2023年1月至2025年12月"


def _example_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["income"][0]["amount"] = "1623.36"  # type: ignore[index]  # the two corrections of the example's README
    for line in data["economic"]:  # type: ignore[attr-defined]
        if line["code"] == "30201":
            line["amount"] = "109.91"
    project = data["projects"][0]  # type: ignore[index]
    project.update({"summary": SUMMARY, "basis": BASIS, "period": PERIOD})
    return data


@pytest.fixture(scope="module")
def budget() -> BudgetInput:
    budget, problems = load_data(_example_data())
    assert [p for p in problems if p.level == "error"] == []
    return budget


def test_loaded_from_json(budget: BudgetInput) -> None:
    (project,) = budget.projects
    assert (project.summary, project.basis, project.period) == (SUMMARY, BASIS, PERIOD)


def test_loaded_from_the_template(tmp_path: Path) -> None:
    path = tmp_path / "filled.xlsx"
    book = _filled(path)
    sheet = book["项目与绩效"]
    columns = {str(c.value): c.column for c in sheet[1] if c.value}  # row 1: headers, row 2: the sheet's note
    values = {"项目名称": "会务服务", "项目金额": 10, "功能分类科目编码": "2010301", "项目概述": SUMMARY}
    values |= {"立项依据": BASIS, "起止时间": PERIOD, "一级指标": "产出指标", "二级指标": "数量指标"}
    values |= {"三级指标": "会议场次", "指标值": "4", "计量单位": "场"}
    for header, value in values.items():
        sheet.cell(row=3, column=columns[header], value=value)
    book.save(path)
    loaded, _problems = load(path)
    (project,) = loaded.projects
    assert (project.summary, project.basis, project.period) == (SUMMARY, BASIS, PERIOD)
    assert len(project.indicators) == 1


def test_printed_in_the_project_section(budget: BudgetInput) -> None:
    document = derive(budget)
    section = next(s for s in document.sections if s.heading == "(一)项目及绩效目标情况。")
    texts = [p.text for p in section.paragraphs]
    name = budget.projects[0].name
    start = texts.index(f"1.“{name}”项目。")
    assert texts[start + 1 : start + 6] == [
        f"(1)项目概述。{SUMMARY}。",
        f"(2)立项依据。{BASIS}。",
        "(3)实施主体。埇桥区人民政府办公室。",
        f"(4)实施周期。{PERIOD}。",
        "(5)年度预算安排。一般公共预算拨款 87.00 万元。",
    ]
    assert texts[start + 6].startswith("(6)绩效目标。")
    (target,) = document.performance
    assert target.period_text == PERIOD
    assert [f for f in check(document).flatten("code", "severity") if f[1] in ("error", "warning")] == []


def test_left_out_when_not_given(budget: BudgetInput) -> None:
    """Without them the section reads as before: 实施主体, 年度预算安排, 绩效目标."""
    plain = replace(budget, projects=tuple(replace(p, summary="", basis="", period="") for p in budget.projects))
    texts = [p.text for p in derive(plain).paragraphs]
    assert "(1)实施主体。埇桥区人民政府办公室。" in texts and not any("项目概述" in t for t in texts)
    assert derive(plain).performance[0].period_text is None


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_read_back(kind: str, budget: BudgetInput, tmp_path: Path) -> None:
    derived = derive(budget)
    document = read(WRITERS[kind](derived, tmp_path / f"out.{kind}"))
    assert [t.period_text for t in document.performance] == [PERIOD]
    assert [(s.heading, [p.text for p in s.paragraphs]) for s in document.sections] == [
        (s.heading, [p.text for p in s.paragraphs]) for s in derived.sections
    ]


def test_printed_in_the_shanghai_project_section(budget: BudgetInput, tmp_path: Path) -> None:
    """The Shanghai documents end their 说明 with a 项目经费情况说明 per project (domain.md §3.1)."""
    shanghai = replace(budget, profile=replace(budget.profile, layout="shanghai-9"))
    derived = derive_layout(shanghai)
    section = next(s for s in derived.sections if s.heading == "七、项目经费情况说明")
    name = budget.projects[0].name
    texts = [p.text for p in section.paragraphs]
    assert texts[:7] == [
        "七、项目经费情况说明",
        f"1.“{name}”项目。",
        f"(1)项目概述。{SUMMARY}。",
        f"(2)立项依据。{BASIS}。",
        "(3)实施主体。埇桥区人民政府办公室。",
        f"(4)实施周期。{PERIOD}。",
        "(5)年度预算安排。一般公共预算拨款 87.00 万元。",
    ]
    assert texts[7].startswith("(6)绩效目标。") and len(texts) == 8
    assert [f for f in check(derived).flatten("code", "severity") if f[1] in ("error", "warning")] == []
    document = read(WRITERS["docx"](derived, tmp_path / "out.docx"))
    assert [p.text for s in document.sections if s.heading == section.heading for p in s.paragraphs] == texts


def test_no_project_section_without_projects(budget: BudgetInput) -> None:
    shanghai = replace(budget, profile=replace(budget.profile, layout="shanghai-9"), projects=())
    assert not any("项目经费情况说明" in s.heading for s in derive_layout(shanghai).sections)
