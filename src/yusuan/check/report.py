"""The result of an audit: findings, and which checks ran or could not run and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from yusuan.check.catalog import CATALOG, render
from yusuan.model.finding import Finding, Severity


@dataclass(frozen=True, slots=True)
class NotRun:
    """A check, or part of one, that could not run: never counted as passed."""

    check: str
    reason: str


@dataclass(frozen=True, slots=True)
class CheckRun:
    name: str
    title: str
    findings: int
    not_run: tuple[str, ...] = ()


@dataclass
class Report:
    file: str
    findings: list[Finding] = field(default_factory=list)
    checks: list[CheckRun] = field(default_factory=list)

    def severity(self, finding: Finding) -> Severity:
        return CATALOG[finding.code].severity

    def count(self, severity: Severity) -> int:
        return sum(self.severity(f) == severity for f in self.findings)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def flatten(self, *fields: str) -> list[tuple[object, ...]]:
        """Findings as tuples of the named fields (``code``, ``severity``, or a location field)."""
        out = []
        for finding in self.findings:
            row: list[object] = []
            for name in fields:
                if name == "code":
                    row.append(finding.code)
                elif name == "severity":
                    row.append(self.severity(finding).value)
                else:
                    row.append(getattr(finding.where, name))
            out.append(tuple(row))
        return out

    def finding_dict(self, finding: Finding, lang: str = "zh") -> dict[str, object]:
        return {
            "code": finding.code,
            "severity": self.severity(finding).value,
            "message": render(finding.code, dict(finding.params), lang),
            "where": finding.where.to_dict(),
            "params": {k: str(v) for k, v in finding.params.items()},
        }

    def summary(self) -> dict[str, object]:
        by_code = Counter(f.code for f in self.findings)
        return {
            "file": self.file,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "info": self.count(Severity.INFO),
            "by_code": dict(sorted(by_code.items())),
            "checks": [
                {
                    "name": c.name,
                    "title": c.title,
                    "status": "partial" if c.not_run and c.findings >= 0 else "ran",
                    "findings": c.findings,
                    "not_run": list(c.not_run),
                }
                for c in self.checks
            ],
        }

    def to_dict(self, lang: str = "zh") -> dict[str, object]:
        return {"findings": [self.finding_dict(f, lang) for f in self.findings], "summary": self.summary()}
