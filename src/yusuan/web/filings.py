"""The department-year page: one revision of a filing as published (tables, 说明, performance
targets, glossary), each finding marked where it is, the audit summary and the revisions; and its
JSON twin."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from yusuan.store import queries
from yusuan.store.db import Store
from yusuan.web.cache import RevisionCache, cache_of
from yusuan.web.marks import SEVERITY_LABELS
from yusuan.web.render import templates
from yusuan.web.session import current
from yusuan.web.view import DocumentView, document_view

router = APIRouter()

QRevision = Annotated[int | None, Query(ge=1, description="版本号；不填为当前版本。每个版本都可查看。")]
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
class FilingData:
    """The JSON twin of the department-year page."""

    filing: queries.FilingSummary
    revision: queries.RevisionInfo
    revisions: list[queries.RevisionInfo]
    audit: AuditSummary
    findings: list[PlacedFinding]
    document: dict[str, Any]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _head(request: Request, filing_id: int, revision: int | None, *, show_deleted: bool = False) -> queries.FilingHead:
    """The filing and the revision asked for, or the 404 of the error envelope."""
    try:
        return queries.filing_head(_store(request), filing_id, revision, show_deleted=show_deleted)
    except queries.NotFound as exc:
        raise HTTPException(404, exc.message) from exc


def load(request: Request, filing_id: int, revision: int | None) -> queries.FilingPage:
    """The filing page's data with the revision's document and audit, or the 404 of the error envelope."""
    try:
        return queries.filing(_store(request), filing_id, revision)
    except queries.NotFound as exc:
        raise HTTPException(404, exc.message) from exc


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


@dataclass(frozen=True, slots=True)
class _Rendered:
    """What the page shows of one revision's document and audit, rendered once (web/cache.py)."""

    title: str
    audit: AuditSummary
    tables: Markup
    rest: Markup


def _rendered(store: Store, head: queries.FilingHead) -> _Rendered:
    document, report = queries.revision_content(store, head.revision_id)
    view = document_view(document, report, head.revision.unit)
    template = templates.env.get_template("_document.html")
    context = template.new_context({"view": view, "f": head.filing, "q": f"?revision={head.revision.number}"})
    tables, rest = (Markup("".join(template.blocks[name](context))) for name in ("tables", "rest"))
    return _Rendered(view.title, audit_summary(report), tables, rest)


@router.get("/filings/{filing_id}", response_class=HTMLResponse, include_in_schema=False)
def filing_page(request: Request, filing_id: int, revision: QRevision = None) -> HTMLResponse:
    head = _head(request, filing_id, revision, show_deleted=True)
    viewer = current(request)
    may_change = viewer is not None and viewer.may_change_department(head.filing.department_id, head.filing.region_id)
    if head.revision.deleted and not may_change:  # deleted revisions: only for those who may change them
        raise HTTPException(404, f"第 {head.revision.number} 版已删除。")
    cache: RevisionCache[_Rendered] = cache_of(request.app.state, "rendered_revisions")
    rendered = cache.get(head.revision_id, lambda: _rendered(_store(request), head))
    context = {
        "page": head,
        "title": rendered.title,
        "document_html": rendered,
        "audit": rendered.audit,
        "severity_labels": SEVERITY_LABELS,
        "may_change": may_change,
    }
    return templates.TemplateResponse(request, "filing.html", context)


@router.get(
    "/api/filings/{filing_id}",
    summary="部门年度（一个版本）",
    description="一个部门一年的预算或决算文件：所选版本（默认当前版本）读出的文档（表格按原样、说明、绩效目标、名词解释），"
    "审核汇总（错误、警告、提示数，按代码计数，未能运行的检查列为“未检查”），每条审核意见及其在页面上标注的位置"
    "（place：cell 单元格、row 行、table 表、paragraph 句子、indicator 绩效指标、target 绩效目标、"
    "term 名词、contents 目录；"
    "空为未能定位），以及全部版本（上传时间、文件名、SHA-256、上传者）。/filings/{id} 的 JSON 版本。",
    tags=["部门年度"],
    response_model=FilingData,
)
def api_filing(request: Request, filing_id: int, revision: QRevision = None) -> Response:
    head = _head(request, filing_id, revision)
    cache: RevisionCache[_ApiPart] = cache_of(request.app.state, "api_revisions")
    part = cache.get(head.revision_id, lambda: _api_part(_store(request), head))
    # FilingData's fields in order; the per-revision part is encoded once, not through the response model.
    small = jsonable_encoder({"filing": head.filing, "revision": head.revision, "revisions": head.revisions})
    body = json.dumps(small, ensure_ascii=False)[:-1] + part.rest
    return Response(body.encode(), media_type="application/json")


@dataclass(frozen=True, slots=True)
class _ApiPart:
    """The JSON twin's per-revision part, from ``"audit"`` to the end of the object, made once."""

    rest: str


def _api_part(store: Store, head: queries.FilingHead) -> _ApiPart:
    document, report = queries.revision_content(store, head.revision_id)
    view = document_view(document, report, head.revision.unit)
    audit = json.dumps(jsonable_encoder(audit_summary(report)), ensure_ascii=False)
    findings = json.dumps(jsonable_encoder(_placed(view)), ensure_ascii=False)
    text = json.dumps(document, ensure_ascii=False)
    return _ApiPart(f', "audit": {audit}, "findings": {findings}, "document": {text}}}')
