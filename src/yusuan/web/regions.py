"""A region's roll-up: every department's current revision of one year and kind, summed.

The sums (in total and by functional 类) are SQL sums over ``Item.amount_fen`` in 分, so documents
printed in 元 and in 万元 add up exactly. Each department is listed with its total and the unit
its document prints; a department whose audit found errors is flagged, and one whose document
has no functional breakdown is said to have none rather than counted as zero. A roll-up is kept (per
region, year and kind) until one of the region's filings changes: an upload or a deletion there,
seen by one small query on each request (``aggregates.region_state``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from yusuan.store import aggregates as agg
from yusuan.store.aggregates import yuan
from yusuan.store.db import Store
from yusuan.store.schema import Region
from yusuan.web.cache import Cache, cache_of
from yusuan.web.render import templates
from yusuan.web.sheets import Format, FormatQuery, Sheet, money, respond

router = APIRouter()
TableQuery = Annotated[
    Literal["departments", "classes"], Query(description="下载哪张表：departments（各部门）或 classes（按功能分类）")
]


def rollup(session: Session, region_id: int, year: int | None, kind: str | None) -> tuple[Sheet, Sheet]:
    """The region's departments and its spending by functional 类, as two sheets."""
    region = session.get(Region, region_id)
    if region is None:
        raise HTTPException(404, "没有找到这个地区。")
    periods = agg.region_periods(session, region_id)
    if year is None or kind is None:
        chosen = next((p for p in periods if (year in (None, p[0])) and (kind in (None, p[1]))), None)
        year, kind = chosen if chosen else (year or 0, kind or "预算")
    filings = agg.region_filings(session, region_id, year, kind)
    revisions = [f.revision_id for f in filings]
    totals = agg.functional_totals(session, revisions)
    by_class = agg.functional_by_class(session, revisions)
    total = sum(by_class.values())
    # The catalog names every 类 but rarely a new one; read documents (large) only for those.
    unknown = [code for code in by_class if not agg.name_of(code, {})]
    documents = (agg.document_data(session, f.revision_id) for f in filings if f.revision_id in totals)
    names = agg.code_names(documents) if unknown else {}
    departments = [
        {
            "department_id": f.department_id,
            "department": f.department,
            "filing_id": f.filing_id,
            "unit": f.unit,
            "total": yuan(totals[f.revision_id]) if f.revision_id in totals else None,
            "errors": f.errors,
            "warnings": f.warnings,
            "failed": f.errors > 0,
        }
        for f in filings
    ]
    classes = [{"code": code, "name": agg.name_of(code, names), "amount": yuan(fen)} for code, fen in by_class.items()]
    summary = {
        "region": {"id": region.id, "name": region.name},
        "year": year,
        "kind": kind,
        "periods": [{"year": y, "kind": k} for y, k in periods],
        "total": yuan(total),
        "departments_count": len(filings),
        "failed_count": sum(1 for f in filings if f.errors),
        "without_breakdown": [f.department for f in filings if f.revision_id not in totals],
    }
    title = f"{region.name} {year}年{kind}"
    first = Sheet(
        name=f"region-{region_id}-{year}-departments",
        title=f"{title} 各部门支出（元）",
        columns=[
            ("department_id", "部门编号"),
            ("department", "部门"),
            ("filing_id", "文件编号"),
            ("unit", "文件金额单位"),
            ("total", "支出合计（元）"),
            ("errors", "审核错误数"),
            ("warnings", "审核提示数"),
            ("failed", "审核未通过"),
        ],
        rows=departments,
        extra={**summary, "classes": classes},
    )
    second = Sheet(
        name=f"region-{region_id}-{year}-classes",
        title=f"{title} 按支出功能分类汇总（元）",
        columns=[("code", "类编码"), ("name", "类名称"), ("amount", "金额（元）")],
        rows=classes,
        extra=summary,
    )
    return first, second


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def cached_rollup(request: Request, region_id: int, year: int | None, kind: str | None) -> tuple[Sheet, Sheet]:
    """The roll-up as last made, unless one of the region's filings changed since (one small query)."""
    cache: Cache[tuple[Sheet, Sheet]] = cache_of(request.app.state, "region_rollups")
    with _store(request).session() as session:
        # The state first, then the sums: what is kept is never older than the state it is kept with.
        state = agg.region_state(session, region_id)
        return cache.get((region_id, year, kind), lambda: rollup(session, region_id, year, kind), state)


@router.get("/api/regions/{region_id}", summary="一个地区各部门汇总")
def api_region(
    request: Request,
    region_id: int,
    year: int | None = None,
    kind: str | None = None,
    table: TableQuery = "departments",
    fmt: FormatQuery = Format.JSON,
) -> Response:
    departments, classes = cached_rollup(request, region_id, year, kind)
    return respond(departments if table == "departments" else classes, fmt)


@router.get("/regions/{region_id}", response_class=HTMLResponse, include_in_schema=False)
def region_page(request: Request, region_id: int, year: int | None = None, kind: str | None = None) -> HTMLResponse:
    departments, classes = cached_rollup(request, region_id, year, kind)
    data = departments.to_data()
    api = f"/api/regions/{region_id}?year={data['year']}&kind={data['kind']}"
    return templates.TemplateResponse(
        request, "region.html", {"data": data, "classes": classes.to_data()["rows"], "api": api, "money": money}
    )
