"""The example budget written as PDF (WeasyPrint) and read back: tables, 说明 and performance targets.

Its 项目支出绩效目标申报表 runs over four pages: the first prints only 项目名称 and 实施单位 (two of
the seven columns), the next page starts with goals in the first column, and the indicators
follow on pages of their own.
"""

from __future__ import annotations

import pytest

from tests.test_build_derive import EXAMPLE, made_consistent, table_facts
from yusuan.build.derive import derive
from yusuan.build.load import load
from yusuan.check import check
from yusuan.model.document import Document
from yusuan.model.performance import PerformanceTarget
from yusuan.read import read


def target_facts(target: PerformanceTarget) -> tuple[object, ...]:
    """Everything a performance target says, its indicators one by one (not where they were printed)."""
    return (
        target.project,
        target.implementer,
        target.leader,
        target.phone,
        target.period_text,
        target.mid_term,
        target.annual,
        target.goals,
        target.annual_goals,
        [(i.period, i.level1, i.level2, i.name, i.value, i.quantity, i.unit) for i in target.indicators],
    )


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Document]:
    pytest.importorskip("weasyprint")
    from yusuan.write import pdf

    derived = derive(made_consistent(load(EXAMPLE)[0]))
    path = pdf.write(derived, tmp_path_factory.mktemp("pdf") / "out.pdf")
    return derived, read(path)


def test_performance_targets_read_back_indicator_by_indicator(written: tuple[Document, Document]) -> None:
    derived, document = written
    assert len(derived.performance) == 1 and len(derived.performance[0].indicators) == 42
    assert [target_facts(t) for t in document.performance] == [target_facts(t) for t in derived.performance]
    pages = {i.where.page for t in document.performance for i in t.indicators}
    assert len(pages) >= 2  # the indicators do run over a page break


def test_tables_and_figures_read_back_and_the_audit_is_clean(written: tuple[Document, Document]) -> None:
    derived, document = written
    assert table_facts(document) == table_facts(derived)
    assert [(s.subject, s.amount) for s in document.statements] == [(s.subject, s.amount) for s in derived.statements]
    report = check(document)
    serious = [report.finding_dict(f) for f in report.findings if report.severity(f).value in ("error", "warning")]
    assert serious == []
    assert sorted(report.flatten("code")) == sorted(check(derived).flatten("code"))
