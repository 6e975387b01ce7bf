"""Browse and search: the home page and its JSON twin."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import select

from yusuan.store.db import Store
from yusuan.store.schema import Region
from yusuan.web.render import templates

router = APIRouter()


def _regions(store: Store) -> list[dict[str, Any]]:
    with store.session() as session:
        return [{"id": r.id, "name": r.name} for r in session.scalars(select(Region).order_by(Region.name))]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "home.html", {"regions": _regions(request.app.state.store)})


@router.get("/api/regions")
def api_regions(request: Request) -> dict[str, Any]:
    return {"regions": _regions(request.app.state.store)}
