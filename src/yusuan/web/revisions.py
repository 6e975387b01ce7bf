"""Deleting a revision: ``POST /filings/{id}/revisions/{n}/delete`` (page) and its API twin
``DELETE /api/filings/{id}/revisions/{n}``, for those who may change the filing's department.

The revision is marked deleted, never erased (``store.revisions``); the answer says which
revision is the filing's current one now.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from yusuan.store.revisions import Deleted, Refused, delete_revision
from yusuan.web.render import templates
from yusuan.web.session import current

router = APIRouter()
_REFUSED = {
    Refused.NOT_FOUND: (404, "没有找到该版本。"),
    Refused.FORBIDDEN: (403, "没有权限：只能删除本部门（或本人负责地区）的文件版本。"),
    Refused.ALREADY_DELETED: (409, "该版本已经删除。"),
}


def _delete(request: Request, filing_id: int, number: int) -> dict[str, Any]:
    who = current(request)
    if who is None:
        raise HTTPException(401, "请先登录再删除。")
    outcome = delete_revision(request.app.state.store, filing_id, number, who)
    if not isinstance(outcome, Deleted):
        status, message = _REFUSED[outcome]
        raise HTTPException(status, message)
    return {
        "filing_id": outcome.filing_id,
        "deleted": outcome.number,
        "current": outcome.current,
        "department": outcome.department,
        "year": outcome.year,
        "kind": outcome.kind,
    }


@router.post("/filings/{filing_id}/revisions/{number}/delete", response_class=HTMLResponse, include_in_schema=False)
def delete_page(request: Request, filing_id: int, number: int) -> Response:
    result = _delete(request, filing_id, number)
    return templates.TemplateResponse(request, "revision_deleted.html", {"result": result})


@router.delete("/api/filings/{filing_id}/revisions/{number}", summary="删除一个文件版本（标记删除，不抹去）")
def delete_api(request: Request, filing_id: int, number: int) -> dict[str, Any]:
    """Mark the revision deleted; ``current`` is the filing's current revision number afterwards (null: none left)."""
    return _delete(request, filing_id, number)
