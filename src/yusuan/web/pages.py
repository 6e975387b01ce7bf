"""Browse and search: the home page (search by department name, filter by region, year and kind)
and a department's page (its filings across years and kinds, its units), with their JSON twins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from yusuan.store import queries
from yusuan.store.db import Store
from yusuan.web.render import templates

router = APIRouter()

QText = Annotated[str, Query(max_length=100, description="部门名称中包含的文字（按字面匹配，% _ ' 等均为普通字符）")]
QRegion = Annotated[int | None, Query(description="地区编号（见 region_choices）")]
QYear = Annotated[int | None, Query(ge=1900, le=2200, description="年度")]
QKind = Annotated[str | None, Query(description="类别：预算 或 决算")]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _search(request: Request, q: str, region: int | None, year: int | None, kind: str | None) -> queries.SearchResult:
    if kind and kind not in queries.KINDS:
        raise HTTPException(422, f"类别只能是{'或'.join(queries.KINDS)}。")
    return queries.search(_store(request), q, region=region, year=year, kind=kind or None)


def _department(request: Request, department_id: int) -> queries.DepartmentInfo:
    try:
        return queries.department(_store(request), department_id)
    except queries.NotFound as exc:
        raise HTTPException(404, exc.message) from exc


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(
    request: Request, q: QText = "", region: QRegion = None, year: QYear = None, kind: QKind = None
) -> HTMLResponse:
    result = _search(request, q, region, year, kind)
    return templates.TemplateResponse(request, "home.html", {"result": result})


@router.get(
    "/api/search",
    summary="搜索与浏览",
    description="按部门名称（包含该文字即可）、地区、年度、类别查找公开文件，按地区 → 部门 → 文件分组；"
    "每个文件附当前版本的审核结果（错误、警告、提示数，未能运行的检查数）。首页 / 的 JSON 版本。",
    tags=["浏览"],
)
def api_search(
    request: Request, q: QText = "", region: QRegion = None, year: QYear = None, kind: QKind = None
) -> queries.SearchResult:
    return _search(request, q, region, year, kind)


@router.get("/api/regions", summary="地区列表", tags=["浏览"])
def api_regions(request: Request) -> dict[str, list[queries.RegionRef]]:
    return {"regions": queries.regions(_store(request))}


@router.get("/departments/{department_id}", response_class=HTMLResponse, include_in_schema=False)
def department_page(request: Request, department_id: int) -> HTMLResponse:
    info = _department(request, department_id)
    return templates.TemplateResponse(request, "department.html", {"department": info})


@router.get(
    "/api/departments/{department_id}",
    summary="部门",
    description="一个部门：所属地区、所属单位，以及历年的预算、决算文件和各自当前版本的审核结果。"
    "/departments/{id} 的 JSON 版本。",
    tags=["浏览"],
)
def api_department(request: Request, department_id: int) -> queries.DepartmentInfo:
    return _department(request, department_id)
