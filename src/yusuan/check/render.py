"""Rendering a Report for people: a Chinese (or English) text listing and JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

from yusuan.check.catalog import render
from yusuan.check.report import Report
from yusuan.model.finding import Severity

LABELS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def report_text(report: Report, lang: str = "zh") -> str:
    """A reviewer's listing: errors first, each with its place and quoted text."""
    labels = LABELS[lang]
    lines = [f"{report.file}"]
    findings = sorted(report.findings, key=lambda f: (_ORDER[report.severity(f)], f.where.line or 0))
    for finding in findings:
        severity = report.severity(finding)
        where = finding.where.describe()
        lines.append(f"  [{labels[severity]}] {finding.code}  {where}")
        lines.append(f"      {render(finding.code, dict(finding.params), lang)}")
    lines.append("")
    zh = lang == "zh"
    lines.append(
        f"共 {report.count(Severity.ERROR)} 个错误，{report.count(Severity.WARNING)} 个警告，"
        f"{report.count(Severity.INFO)} 个提示。"
        if zh
        else f"{report.count(Severity.ERROR)} errors, {report.count(Severity.WARNING)} warnings, "
        f"{report.count(Severity.INFO)} info."
    )
    lines.append("已运行的检查：" if zh else "Checks run:")
    for run in report.checks:
        lines.append(f"  - {run.title}（{run.name}）：{run.findings} 项" if zh else f"  - {run.name}: {run.findings}")
        for reason in run.not_run:
            lines.append(f"      未核对：{reason}" if zh else f"      not checked: {reason}")
    return "\n".join(lines)


def reports_json(reports: Sequence[Report], lang: str = "zh") -> str:
    if len(reports) == 1:
        payload: object = reports[0].to_dict(lang)
    else:
        payload = {"documents": [r.to_dict(lang) for r in reports]}
    return json.dumps(payload, ensure_ascii=False, indent=2)
