"""The department-year page: one revision of a filing as published (tables, 说明, performance
targets, glossary), each finding marked where it is, the audit summary and the revisions; and its
JSON twin."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, Response

from yusuan.store import queries, renderings
from yusuan.store.db import Store
from yusuan.web.cache import Cache, cache_of
from yusuan.web.marks import SEVERITY_LABELS
from yusuan.web.part import AuditSummary, PlacedFinding, RevisionPart, revision_part
from yusuan.web.render import templates
from yusuan.web.session import current

router = APIRouter()

QRevision = Annotated[int | None, Query(ge=1, description="版本号；不填为当前版本。每个版本都可查看。")]


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


def _visible(request: Request, filing_id: int, revision: int | None) -> tuple[queries.FilingHead, bool]:
    """The filing and revision asked for, and whether the viewer may change its department.

    A deleted revision is shown only to those who may (``store.revisions.may_see_deleted``): to
    everyone else, page and JSON twin alike, it is a 404.
    """
    head = _head(request, filing_id, revision, show_deleted=True)
    viewer = current(request)
    may_change = viewer is not None and viewer.may_change_department(head.filing.department_id, head.filing.region_id)
    if head.revision.deleted and not may_change:
        raise HTTPException(404, f"第 {head.revision.number} 版已删除。")
    return head, may_change


def _part(request: Request, head: queries.FilingHead) -> RevisionPart:
    """The revision's part of the page, one cache for the page and its twin (web/part.py)."""
    cache: Cache[RevisionPart] = cache_of(request.app.state, "revision_parts")
    return cache.get(head.revision_id, lambda: revision_part(_store(request), head.revision_id))


@router.get("/filings/{filing_id}", response_class=HTMLResponse, include_in_schema=False)
def filing_page(request: Request, filing_id: int, revision: QRevision = None) -> HTMLResponse:
    head, may_change = _visible(request, filing_id, revision)
    part = _part(request, head)
    context = {
        "page": head,
        "title": part.title,
        "document_html": part,
        "audit": part.audit,
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
    "空为未能定位），以及全部版本（上传时间、文件名、SHA-256、上传者）。/filings/{id} 的 JSON 版本。"
    "已删除的版本只对有权修改该部门的账号可见，其他人得到 404。",
    tags=["部门年度"],
    response_model=FilingData,
)
def api_filing(request: Request, filing_id: int, revision: QRevision = None) -> Response:
    head, _ = _visible(request, filing_id, revision)
    part = _part(request, head)
    # FilingData's fields in order; the per-revision part is encoded once, not through the response
    # model, and the document is the JSON text stored at ingest, as it is.
    small = jsonable_encoder({"filing": head.filing, "revision": head.revision, "revisions": head.revisions})
    document = renderings.document_text(_store(request), head.revision_id)
    rest = f', "audit": {part.audit_json}, "findings": {part.findings_json}, "document": {document}}}'
    return Response((json.dumps(small, ensure_ascii=False)[:-1] + rest).encode(), media_type="application/json")
