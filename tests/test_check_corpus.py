"""The audit of each real PDF in the corpus: every error and warning reviewed against the page.

The reviews, figure by figure, are in docs/examples/<document>.md. Pages are the PDF's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.check import check
from yusuan.read import read, read_together

DOCS = Path(__file__).parent / "fixtures" / "docs"

EXPECTED: dict[str, list[tuple[str, int | None]]] = {
    # p19 一般行政事务管理: 6049.97, 减少 392.92 → prior 6442.89; 392.92 / 6442.89 = 6.10 %, printed 5.95 %.
    # p15 表十二 titled 政府采购预算表, the 目录 says 政府采购支出预算表; p14 表十 is empty with no note.
    "jiangsu-high-court-2018-budget.pdf": [
        ("complete.empty_without_note", 14),
        ("complete.title_mismatch", 15),
        ("narrative.growth", 19),
        ("narrative.unknown_item", 19),  # 一般行政事务管理 for the table's 一般行政管理事务 (2040502)
        ("safety.missing_percent", 20),  # 与上年相比减少 100 万元，减少 9.52，
        # (表四 and 表十二 continue on pp11 and 16: joined, no read.unplaced_grid since session 4)
    ],
    # p21 单位预留机动经费 1685.72, 增加 1557.29 → prior 128.43; 1557.29 / 128.43 = 1212.56 %, printed 1312.56 %.
    "jiangsu-npc-office-2018-budget.pdf": [
        ("complete.title_mismatch", 15),
        ("complete.title_mismatch", 15),
        ("narrative.growth", 21),
        ("complete.heading_mismatch", 5),  # 三、2018 年部门主要工作任务及目标; the 目录 says 2018年度部门…
        # 行政事业单位离退休（类）… ×3 and 住房改革支出（类）… ×2: both are 款 (20805, 22102)
        ("narrative.wrong_level", 25),
        ("narrative.wrong_level", 25),
        ("narrative.wrong_level", 25),
        ("narrative.wrong_level", 25),
        ("narrative.wrong_level", 26),
        ("safety.double_punctuation", 25),  # “。 。” on p25
    ],
    # p25 24169.74, 增加 2214.39 → 10.09 %, printed 10.06 %; p26 项目支出 4335.3, 减少 1237.7 → 22.21 %,
    # printed 13.22 %; p29 住房公积金 1442.74, 增加 368.97 → 34.36 %, printed 34.38 %.
    "jiangsu-procuratorate-2019-budget.pdf": [
        ("complete.title_mismatch", 20),
        ("complete.title_mismatch", 20),
        ("complete.heading_mismatch", 3),  # 一、主要职责; the 目录 says 一、主要职能
        ("complete.heading_mismatch", 5),  # 三、2019 年部门主要工作任务及目标; the 目录 says 2019年度部门…
        ("narrative.growth", 25),
        ("narrative.growth", 26),
        ("narrative.growth", 29),
        # p28 names the items 机关事业单位基本养老保险费 and 机关事业单位职业年金; the tables print
        # 机关事业单位基本养老保险缴费支出 and 机关事业单位职业年金缴费支出.
        ("narrative.unknown_item", 28),
        ("narrative.unknown_item", 28),
    ],
    "shanghai-putuo-commerce-2025-unit-budget.pdf": [],
    "shanghai-putuo-government-office-2025-unit-budget.pdf": [],
}


def _flat(report_findings: list[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    return sorted(report_findings, key=lambda f: (f[0], f[1] or 0))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_errors_and_warnings(name: str) -> None:
    report = check(read(DOCS / name))
    found = [
        (f.code, f.where.page)
        for f in report.findings
        if report.severity(f).value in ("error", "warning") and f.code != "safety.template_text"
    ]
    assert _flat(found) == _flat(EXPECTED[name])


def test_template_instructions_left_in_the_npc_text() -> None:
    report = check(read(DOCS / "jiangsu-npc-office-2018-budget.pdf"))
    texts = {str(f.params["text"]) for f in report.findings if f.code == "safety.template_text"}
    assert texts == {
        "增加（减少）",
        "（按“部门预算公开06表 财政拨款基本支出预算表”中实际发生经济分类支出事项填写）",
        "（按“部门预算公开08表 一般公共预算基本支出预算表”中实际发生经济分类支出事项填写）",
    }


def test_text_and_tables_read_together() -> None:
    report = check(
        read_together(
            [DOCS / "jiangsu-cppcc-office-2019-budget-text.pdf", DOCS / "jiangsu-cppcc-office-2019-budget-tables.pdf"]
        )
    )
    found = [(f.code, f.where.page) for f in report.findings if report.severity(f).value in ("error", "warning")]
    # 表九/十/十二 are titled differently on their pages than in the text's 目录, as is the heading
    # 三、2019 年部门主要工作任务及目标 (目录: 2019 年度); the 说明 carries the template's 填写
    # instructions on pp14–15.
    assert _flat(found) == _flat(
        [
            ("complete.heading_mismatch", 4),
            ("complete.title_mismatch", 9),
            ("complete.title_mismatch", 10),
            ("complete.title_mismatch", 12),
            ("safety.template_text", 14),
            ("safety.template_text", 14),
            ("safety.template_text", 15),
            ("safety.template_text", 15),
        ]
    )


def test_text_alone_points_to_together() -> None:
    report = check(read(DOCS / "jiangsu-cppcc-office-2019-budget-text.pdf"))
    assert not report.has_errors
    not_run = [r for c in report.checks for r in c.not_run]
    assert any("--together" in r for r in not_run)
