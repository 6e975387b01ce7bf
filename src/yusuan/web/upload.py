"""Uploading a disclosure: ``/upload`` (page) and ``/api/uploads`` (API), for signed-in accounts.

The order is what keeps a hostile or oversized file out of the store: the account is checked
first; a body whose Content-Length is over the limit is refused before it is read; the file is
streamed to a temporary folder and refused as soon as it passes the limit; its type is decided
by its content (``read.sniff``), which must agree with its name; it is read and audited in a
worker process (``worker.audit``); only then is its department checked against the account and
the revision stored, in one transaction, and its part of the page rendered and kept
(``web.part``). The temporary folder is removed whatever happens.

Staff upload for their own department. A reviewer or administrator uploads for the department
the document names: a reviewer's must be in their region; an administrator's is filed under its
name, as ``yusuan ingest`` does.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from yusuan.check.report import Report
from yusuan.errors import NotPlaceable, UnreadableInput
from yusuan.model.document import Document
from yusuan.read import sniff
from yusuan.store.accounts import Viewer
from yusuan.store.db import Store
from yusuan.store.ingest import Placement, Stored, place, store_document
from yusuan.store.schema import Account, Department, Region
from yusuan.web.forms import FileTooLarge, FormError, MultipartForm, safe_filename
from yusuan.web.part import prerender
from yusuan.web.render import templates
from yusuan.web.session import current
from yusuan.web.worker import audit

router = APIRouter()
DEFAULT_MAX = 50 * 1024 * 1024
ENV_MAX = "YUSUAN_MAX_UPLOAD"
FORM_OVERHEAD = 64 * 1024  # the form's own fields and boundaries around the file
UPLOADERS = frozenset({"admin", "reviewer", "staff"})
# A file's name must be one of these, and its content one of the formats its name allows.
ACCEPTED = {
    ".pdf": {"pdf"},
    ".docx": {"docx"},
    ".xlsx": {"xlsx"},
    ".xls": {"xls", "xlsx"},
    ".txt": {"text"},
    ".html": {"html"},
    ".htm": {"html"},
}
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "xlsx": "Excel", "xls": "Excel 97-2003", "html": "网页", "text": "文本"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True, slots=True)
class UploadSettings:
    """Limits on uploads; ``temp_dir`` None is the system's temporary folder."""

    max_bytes: int = DEFAULT_MAX
    temp_dir: Path | None = None

    @classmethod
    def from_env(cls) -> UploadSettings:
        """``$YUSUAN_MAX_UPLOAD`` in bytes, or with K, M or G (``50M``)."""
        raw = os.environ.get(ENV_MAX, "").strip().upper().removesuffix("B")
        if not raw:
            return cls()
        scale = {"K": 1024, "M": 1024**2, "G": 1024**3}.get(raw[-1], 1)
        number = raw[:-1] if scale > 1 else raw
        if not number.isdigit() or int(number) <= 0:
            raise ValueError(f"{ENV_MAX} 应为正整数字节数，或带 K/M/G，如 50M：{raw}")
        return cls(max_bytes=int(number) * scale)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{size} 字节"


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_form(request: Request) -> Response:
    who = current(request)
    if who is None:
        return RedirectResponse("/login?next=/upload", status_code=303)
    _may_upload(who)
    limit = megabytes(request.app.state.uploads.max_bytes)
    return templates.TemplateResponse(request, "upload.html", {"limit": limit, "suffixes": " ".join(ACCEPTED)})


@router.post("/upload", response_class=HTMLResponse, include_in_schema=False)
async def upload_page(request: Request) -> Response:
    result = await _upload(request)
    return templates.TemplateResponse(request, "upload_result.html", {"result": result})


@router.post("/api/uploads", status_code=201, summary="上传一份预算/决算公开文件")
async def upload_api(request: Request) -> Response:
    """Multipart form with a ``file`` (and optionally ``year``) and the ``X-CSRF-Token`` header.
    The file is read and audited at once; the answer is the new revision and its findings
    (200 instead of 201 when the file is the same as the filing's current revision)."""
    result = await _upload(request)
    return JSONResponse(result, status_code=201 if result["new"] else 200)


def _may_upload(who: Viewer | None) -> Viewer:
    if who is None:
        raise HTTPException(401, "请先登录再上传。")
    if who.role not in UPLOADERS:
        raise HTTPException(403, "该账号不能上传文件。")
    return who


async def _upload(request: Request) -> dict[str, Any]:
    who = _may_upload(current(request))
    settings: UploadSettings = request.app.state.uploads
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_bytes + FORM_OVERHEAD:
        raise HTTPException(413, f"文件过大：上传上限为 {megabytes(settings.max_bytes)}。")
    directory = Path(tempfile.mkdtemp(prefix="yusuan-upload-", dir=settings.temp_dir))
    try:
        form = await _receive(request, settings, directory)
        if form.file is None or form.filename is None:
            raise HTTPException(400, "请选择要上传的文件。")
        year = _year(form.fields.get("year", ""))
        await run_in_threadpool(_check_type, form.file)
        outcome = await audit(form.file)
        if outcome.document is None or outcome.report is None:
            raise HTTPException(422, outcome.error or "无法读取该文件。")
        store: Store = request.app.state.store
        stored = await run_in_threadpool(
            _store, store, who, outcome.document, outcome.report, form.file, safe_filename(form.filename), year
        )
        return _result(stored, outcome.report)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


async def _receive(request: Request, settings: UploadSettings, directory: Path) -> MultipartForm:
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise HTTPException(400, "请以 multipart/form-data 表单上传文件（字段名 file）。")
    try:
        form = MultipartForm(content_type, directory=directory, max_file=settings.max_bytes)
        try:
            async for chunk in request.stream():
                await form.feed(chunk)
        finally:
            form.close()
        form.finish()
    except FileTooLarge:
        raise HTTPException(413, f"文件过大：上传上限为 {megabytes(settings.max_bytes)}。") from None
    except FormError as exc:
        raise HTTPException(400, str(exc)) from None
    except ClientDisconnect:
        raise HTTPException(400, "上传中断。") from None
    return form


def _year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isdigit() and 1949 <= int(text) <= 2100):
        raise HTTPException(422, f"年度应为四位数字：{text[:20]}")
    return int(text)


def _check_type(path: Path) -> None:
    """The name's suffix is accepted and the content is what the name says (decided by content)."""
    allowed = ACCEPTED.get(path.suffix.lower())
    if allowed is None:
        raise HTTPException(415, f"不支持这种文件类型（{path.suffix or '无扩展名'}）：只接受 {' '.join(ACCEPTED)}。")
    try:
        kind = sniff(path)
    except UnreadableInput as exc:
        raise HTTPException(422, str(exc)) from None
    if kind not in allowed:
        raise HTTPException(
            415,
            f"文件内容是{FORMAT_NAMES.get(kind, kind)}格式，与扩展名 {path.suffix} 不符；请按实际格式命名后再上传。",
        )


def _store(
    store: Store, who: Viewer, document: Document, report: Report, path: Path, filename: str, year: int | None
) -> Stored:
    try:
        placement = place(document, year=year)
        department_id = _department_for(store, who, placement)
        with store.session() as session:
            uploader = session.get(Account, who.id)
        stored = store_document(
            store,
            document,
            report,
            path.read_bytes(),
            filename,
            year=year,
            uploader=uploader,
            department_id=department_id,
        )
    except NotPlaceable as exc:
        raise HTTPException(422, str(exc)) from None
    # Stored: render its part of the page now, so its first view is as quick as any (web/part.py).
    prerender(store, [stored.revision_id])
    return stored


def _department_for(store: Store, who: Viewer, placement: Placement) -> int | None:
    """The department the upload is stored under (None: filed by its name); 403 if not the account's."""
    with store.session() as session:
        if who.role == "staff":
            own = session.get(Department, who.department_id) if who.department_id else None
            if own is None or own.name != placement.department:
                mine = own.name if own else "（未指定）"
                raise HTTPException(403, f"文件是“{placement.department}”的；您只能为本部门“{mine}”上传。")
            return own.id
        named = session.scalars(select(Department).where(Department.name == placement.department)).all()
        if who.role == "admin":
            return named[0].id if len(named) == 1 else None
        region = session.get(Region, who.region_id) if who.region_id else None
        ours = [d for d in named if region is not None and d.region_id == region.id]
        if not ours:
            where = f"“{region.name}”" if region else ""
            raise HTTPException(403, f"文件中的部门“{placement.department}”不在您负责的地区{where}，不能上传。")
        return ours[0].id


def _result(stored: Stored, report: Report) -> dict[str, Any]:
    where = stored.placement
    findings = []
    for finding in report.findings:
        data = report.finding_dict(finding)
        data["location"] = finding.where.describe()
        data["severity_name"] = SEVERITY_NAMES.get(str(data["severity"]), str(data["severity"]))
        findings.append(data)
    return {
        "revision_id": stored.revision_id,
        "filing_id": stored.filing_id,
        "number": stored.number,
        "new": stored.new,
        "department": where.department,
        "year": where.year,
        "kind": where.kind,
        "errors": sum(f["severity"] == "error" for f in findings),
        "warnings": sum(f["severity"] == "warning" for f in findings),
        "findings": findings,
    }
