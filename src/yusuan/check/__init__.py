"""The audit: rules that read a Document and yield findings, as a finance-bureau reviewer would.

A rule is a plain function ``(document) -> Iterable[Finding | NotRun]`` in ``RULES``. Extra
rules are passed in, never appended to the module list. A part of a check that could not run
is reported as ``NotRun`` and shown in the summary, never counted as passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from yusuan.check.catalog import CATALOG, render
from yusuan.check.codes import check_codes
from yusuan.check.completeness import check_completeness
from yusuan.check.narrative import check_narrative
from yusuan.check.performance import check_performance
from yusuan.check.report import CheckRun, NotRun, Report
from yusuan.check.safety import check_safety
from yusuan.check.ties import check_ties
from yusuan.check.totals import check_totals
from yusuan.model.document import Document
from yusuan.model.finding import Finding


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    title: str
    run: Callable[[Document], Iterable[Finding | NotRun]]


RULES: tuple[Rule, ...] = (
    Rule("totals", "表内合计、层级汇总与行内合计", check_totals),
    Rule("ties", "表间勾稽（同一数字在各表一致）", check_ties),
    Rule("narrative", "说明与表格、占比与增减幅度", check_narrative),
    Rule("completeness", "完整性（目录所列表格、空表说明、绩效项目数）", check_completeness),
    Rule("codes", "科目编码与名称", check_codes),
    Rule("performance", "绩效目标", check_performance),
    Rule("safety", "内容安全（名称、个人信息、残句、标点、占位符）", check_safety),
)


def check(document: Document, rules: Sequence[Rule] = RULES) -> Report:
    """Audit one document: reader problems first, then every rule in order."""
    report = Report(document.file)
    report.findings.extend(document.problems)
    report.checks.append(CheckRun("read", "读取", len(document.problems)))
    for rule in rules:
        findings: list[Finding] = []
        not_run: list[str] = []
        for item in rule.run(document):
            if isinstance(item, NotRun):
                not_run.append(item.reason)
            else:
                findings.append(item)
        report.findings.extend(findings)
        report.checks.append(CheckRun(rule.name, rule.title, len(findings), tuple(not_run)))
    return report


__all__ = ["CATALOG", "RULES", "NotRun", "Report", "Rule", "check", "render"]
