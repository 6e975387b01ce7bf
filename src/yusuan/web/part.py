"""A revision's part of the department-year page and of its JSON twin, rendered once and kept.

What the page and the twin show that depends on the revision alone — its title, the audit summary,
the findings placed on the page's elements, the tables with their marks and the rest of the
document (说明, performance targets, glossary, the list of findings) — is made from the stored
document and audit once (parse, place, render: tens of milliseconds), stored beside the revision
(``store.renderings``) and kept in memory (``web.cache``), one entry serving both page and twin.
Uploads and ``yusuan ingest`` render a new revision at once; one stored earlier is rendered on
its first view.

Revisions never change, but this code and its templates do: a stored rendering carries
``render_version()``, a hash of ``VERSION``, the templates and modules that render it and the
Jinja2 and MarkupSafe versions, and one made by other code is rendered afresh and stored again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.metadata import version as installed
from pathlib import Path
from typing import Any

from fastapi.encoders import jsonable_encoder
from markupsafe import Markup
from pydantic import TypeAdapter

from yusuan.store import renderings
from yusuan.store.db import Store
from yusuan.web.marks import SEVERITY_LABELS
from yusuan.web.render import templates
from yusuan.web.view import DocumentView, document_view

# Raise when a rendering changes for a reason the hashed files do not show (a library's output).
VERSION = 1
_HERE = Path(__file__).parent
# What the rendering depends on besides the revision.
_SOURCES = (
    "templates/_document.html",
    "templates/_marks.html",
    "part.py",
    "view.py",
    "marks.py",
    "placing.py",
    "render.py",
)
CHECK_STATUS = {"ran": "已检查", "partial": "部分未检查", "not_run": "未检查"}


@dataclass(frozen=True, slots=True)
class CodeCount:
    code: str
    severity: str
    count: int
    example: str  # the first finding's message


@dataclass(frozen=True, slots=True)
class CheckState:
    name: str
    title: str
    status: str  # ran / partial / not_run
    status_label: str
    findings: int
    not_run: list[str]


@dataclass(frozen=True, slots=True)
class AuditSummary:
    """The audit of a revision: counts by severity and code, and what could not be checked."""

    errors: int
    warnings: int
    info: int
    by_code: list[CodeCount]
    checks: list[CheckState]
    not_checked: list[str] = field(default_factory=list)  # every 未检查 item, never counted as passed


@dataclass(frozen=True, slots=True)
class PlacedFinding:
    """A finding of the audit and the element of the page it is marked on ("" when on none)."""

    index: int
    code: str
    severity: str
    message: str
    where: dict[str, Any]
    params: dict[str, Any]
    place: str


@dataclass(frozen=True, slots=True)
class RevisionPart:
    """What the page and its JSON twin show of one revision's document and audit."""

    title: str
    audit: AuditSummary
    tables: Markup
    rest: Markup
    audit_json: str
    findings_json: str


_AUDIT = TypeAdapter(AuditSummary)


@functools.cache
def render_version() -> str:
    """The version of what renders a revision's part: a hash of the code, templates and libraries."""
    digest = hashlib.sha256(f"{VERSION} jinja2 {installed('jinja2')} markupsafe {installed('markupsafe')}".encode())
    for name in _SOURCES:
        digest.update(name.encode() + b"\0" + (_HERE / name).read_bytes())
    return digest.hexdigest()


def audit_summary(report: dict[str, Any]) -> AuditSummary:
    findings = report.get("findings", [])
    summary = report.get("summary", {})
    counts = Counter(f["code"] for f in findings)
    first: dict[str, dict[str, Any]] = {}
    for f in findings:
        first.setdefault(f["code"], f)
    order = {s: i for i, s in enumerate(SEVERITY_LABELS)}
    by_code = sorted(
        (CodeCount(code, first[code]["severity"], n, first[code]["message"]) for code, n in counts.items()),
        key=lambda c: (order.get(c.severity, 9), c.code),
    )
    checks = []
    for check in summary.get("checks", []):
        not_run = [str(x) for x in check.get("not_run", [])]
        status = str(check.get("status", "ran"))
        if not_run and status == "ran":
            status = "partial"
        checks.append(
            CheckState(
                str(check.get("name", "")),
                str(check.get("title", "")),
                status,
                CHECK_STATUS.get(status, status),
                int(check.get("findings", 0)),
                not_run,
            )
        )
    severities = Counter(f["severity"] for f in findings)
    return AuditSummary(
        severities["error"],
        severities["warning"],
        severities["info"],
        by_code,
        checks,
        [item for c in checks for item in c.not_run],
    )


def _placed(view: DocumentView) -> list[PlacedFinding]:
    return [PlacedFinding(m.index, m.code, m.severity, m.message, m.where, m.params, m.place) for m in view.marks]


def _encoded(value: object) -> str:
    return json.dumps(jsonable_encoder(value), ensure_ascii=False)


def render(source: renderings.Source) -> renderings.Stored:
    """Parse the revision's document, place its findings and render its part of the page."""
    document, report = json.loads(source.document), json.loads(source.report)
    view = document_view(document, report, source.unit)
    template = templates.env.get_template("_document.html")
    context = template.new_context({"view": view, "f": {"id": source.filing_id}, "q": f"?revision={source.number}"})
    tables, rest = ("".join(template.blocks[name](context)) for name in ("tables", "rest"))
    audit = _encoded(audit_summary(report))
    return renderings.Stored(render_version(), view.title, audit, _encoded(_placed(view)), tables, rest)


def _part(stored: renderings.Stored) -> RevisionPart:
    audit = _AUDIT.validate_json(stored.audit)
    return RevisionPart(stored.title, audit, Markup(stored.tables), Markup(stored.rest), stored.audit, stored.findings)


def revision_part(store: Store, revision_id: int) -> RevisionPart:
    """The revision's part as stored, else (none, or made by other code) rendered now and stored."""
    stored = renderings.load(store, revision_id)
    if stored is None or stored.version != render_version():
        stored = render(renderings.source(store, revision_id))
        renderings.save(store, revision_id, stored, best_effort=True)  # a busy database does not fail the page
    return _part(stored)


def prerender(store: Store, revision_ids: Iterable[int] | None = None) -> int:
    """Render and store the part of each revision (of those given, else all) that lacks this version's."""
    missing = renderings.without(store, render_version(), revision_ids)
    for revision_id in missing:
        renderings.save(store, revision_id, render(renderings.source(store, revision_id)))
    return len(missing)
