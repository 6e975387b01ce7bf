"""Charts of a department-year and of a department across years, with the data behind each.

Every chart reads one JSON endpoint under ``/api`` (``?format=csv`` or ``xlsx`` downloads the same
rows). The pages ``/filings/{id}/charts`` and ``/departments/{id}/charts`` show them; the include
``charts.html`` lets the department-year page embed them (``{% with charts_filing=ID %}``).
Amounts are 元, exact: the store's 分 divided by 100.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from yusuan.model.codes import CodeSystem
from yusuan.store import aggregates as agg
from yusuan.store.aggregates import FilingInfo, yuan
from yusuan.store.db import Store
from yusuan.store.schema import Department
from yusuan.web.render import templates
from yusuan.web.sheets import Format, FormatQuery, Sheet, money, respond

router = APIRouter()

LEVELS = {3: "类", 5: "款", 7: "项"}
BASIC, PROJECT = "基本支出", "项目支出"
NO_FUNCTIONAL = "本文件没有可用的功能分类明细（没有读到功能分类支出表，或表中金额未能归入科目），暂无此图。"
UNSPLIT = "本文件的功能分类表只列合计数，没有分列基本支出和项目支出：图中只有合计，基本支出与项目支出空缺。"
NO_PURPOSE = "本文件没有分列基本支出和项目支出，暂无此图。"
NO_ECONOMIC = "本文件没有读到按经济分类列示的基本支出表，暂无经济分类图。"
CHARTS = {
    "functional": "支出功能分类",
    "purpose": "基本支出与项目支出",
    "economic": "基本支出经济分类",
}


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _filing(session: Session, filing_id: int) -> FilingInfo:
    info = agg.filing_info(session, filing_id)
    if info is None:
        raise HTTPException(404, "没有找到这份公开文件（或它的各版本都已删除）。")
    return info


def _label(info: FilingInfo) -> str:
    return f"{info.department} {info.year}年{info.kind}"


def _tree_rows(
    sums: Mapping[str, dict[str, int]], names: Mapping[str, str], system: CodeSystem
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Rows for 类, 款 and 项 (as deep as the codes go) and the nested tree for a treemap."""
    totals: dict[str, dict[str, int]] = {}
    for code, by_purpose in sums.items():
        for width in LEVELS:
            if len(code) >= width:
                sums_of = totals.setdefault(code[:width], {})
                for purpose, fen in by_purpose.items():
                    sums_of[purpose] = sums_of.get(purpose, 0) + fen
    rows: list[dict[str, object]] = []
    nodes: dict[str, dict[str, object]] = {}
    roots: list[dict[str, object]] = []
    for code in sorted(totals):
        parts = totals[code]
        total = sum(parts.values())
        name = agg.name_of(code, names, system)
        split = set(parts) <= {BASIC, PROJECT}  # else a total the document does not split
        rows.append(
            {
                "level": LEVELS[len(code)],
                "code": code,
                "name": name,
                "basic": yuan(parts.get(BASIC, 0)) if split else None,
                "project": yuan(parts.get(PROJECT, 0)) if split else None,
                "total": yuan(total),
            }
        )
        node: dict[str, object] = {"name": f"{code} {name}".strip(), "code": code, "value": yuan(total)}
        nodes[code] = node
        parent = next((nodes[code[:w]] for w in (5, 3) if w < len(code) and code[:w] in nodes), None)
        if parent is None:
            roots.append(node)
        else:
            children = parent.setdefault("children", [])
            assert isinstance(children, list)
            children.append(node)
    return rows, roots


def functional_sheet(session: Session, info: FilingInfo) -> Sheet:
    flat = agg.functional_sums(session, [info.revision_id])
    sums: dict[str, dict[str, int]] = {}
    for (code, purpose), fen in flat.items():
        sums.setdefault(code, {})[purpose] = fen
    names = agg.code_names([agg.document_data(session, info.revision_id)])
    rows, tree = _tree_rows(sums, names, CodeSystem.FUNCTIONAL)
    return Sheet(
        name=f"functional-{info.filing_id}",
        title=f"{_label(info)} 支出功能分类（元）",
        columns=[
            ("level", "级次"),
            ("code", "科目编码"),
            ("name", "科目名称"),
            ("total", "合计（元）"),
            ("basic", "基本支出（元）"),
            ("project", "项目支出（元）"),
        ],
        rows=rows,
        extra={"tree": tree, "note": _functional_note(flat), "filing": _meta(info)},
    )


def _functional_note(flat: Mapping[tuple[str, str], int]) -> str | None:
    if not flat:
        return NO_FUNCTIONAL
    return None if all(purpose in (BASIC, PROJECT) for _code, purpose in flat) else UNSPLIT


def purpose_sheet(session: Session, info: FilingInfo) -> Sheet:
    flat = agg.functional_sums(session, [info.revision_id])
    by_purpose = {BASIC: 0, PROJECT: 0}
    for (_code, purpose), fen in flat.items():
        by_purpose[purpose] = by_purpose.get(purpose, 0) + fen
    note = _functional_note(flat)
    if note == UNSPLIT:
        note = NO_PURPOSE
    rows = [] if note else [{"purpose": p, "amount": yuan(fen)} for p, fen in by_purpose.items()]
    return Sheet(
        name=f"purpose-{info.filing_id}",
        title=f"{_label(info)} 基本支出与项目支出（元）",
        columns=[("purpose", "支出类型"), ("amount", "金额（元）")],
        rows=rows,
        extra={"note": note, "filing": _meta(info)},
    )


def economic_sheet(session: Session, info: FilingInfo) -> Sheet:
    sums = {code: {BASIC: fen} for code, fen in agg.economic_sums(session, [info.revision_id]).items()}
    names = agg.code_names([agg.document_data(session, info.revision_id)])
    rows, tree = _tree_rows(sums, names, CodeSystem.ECONOMIC)
    return Sheet(
        name=f"economic-{info.filing_id}",
        title=f"{_label(info)} 一般公共预算基本支出经济分类（元）",
        columns=[("level", "级次"), ("code", "科目编码"), ("name", "科目名称"), ("total", "金额（元）")],
        rows=rows,
        extra={"tree": tree, "note": None if rows else NO_ECONOMIC, "filing": _meta(info)},
    )


def years_sheet(session: Session, department_id: int, kind: str | None) -> Sheet:
    department = session.get(Department, department_id)
    if department is None:
        raise HTTPException(404, "没有找到这个部门。")
    filings = agg.department_filings(session, department_id, kind)
    rows = [
        {
            "year": f.year,
            "kind": f.kind,
            "filing_id": f.filing_id,
            "total": _maybe_yuan(f.total_fen),
            "basic": _maybe_yuan(f.basic_fen),
            "project": _maybe_yuan(f.project_fen),
            # a total the document does not split into basic and project spending
            "unsplit": _maybe_yuan(f.total_fen) if f.basic_fen is None else None,
            "errors": f.errors,
        }
        for f in filings
    ]
    missing = [f"{f.year}年{f.kind}" for f in filings if f.total_fen is None]
    return Sheet(
        name=f"years-{department_id}",
        title=f"{department.name} 历年支出（元）",
        columns=[
            ("year", "年度"),
            ("kind", "类别"),
            ("filing_id", "文件编号"),
            ("total", "支出合计（元）"),
            ("basic", "基本支出（元）"),
            ("project", "项目支出（元）"),
            ("unsplit", "未分基本和项目（元）"),
            ("errors", "审核错误数"),
        ],
        rows=rows,
        extra={
            "department": {"id": department.id, "name": department.name},
            "note": f"{'、'.join(missing)}没有功能分类明细，图中空缺。" if missing else None,
        },
    )


def _maybe_yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else yuan(fen)


def _meta(info: FilingInfo) -> dict[str, object]:
    return {
        "id": info.filing_id,
        "department_id": info.department_id,
        "department": info.department,
        "year": info.year,
        "kind": info.kind,
        "unit": info.unit,
        "revision": info.revision_number,
    }


_BUILDERS = {"functional": functional_sheet, "purpose": purpose_sheet, "economic": economic_sheet}


@router.get("/api/filings/{filing_id}/charts/{chart}", summary="一个部门年度的图表数据")
def api_filing_chart(request: Request, filing_id: int, chart: str, fmt: FormatQuery = Format.JSON) -> Response:
    """``chart``: functional（功能分类，含树形）、purpose（基本/项目）或 economic（经济分类）。"""
    build = _BUILDERS.get(chart)
    if build is None:
        raise HTTPException(404, f"没有名为“{chart}”的图表。")
    with _store(request).session() as session:
        sheet = build(session, _filing(session, filing_id))
    return respond(sheet, fmt)


@router.get("/api/departments/{department_id}/charts/years", summary="一个部门历年支出")
def api_department_years(
    request: Request, department_id: int, kind: str | None = None, fmt: FormatQuery = Format.JSON
) -> Response:
    with _store(request).session() as session:
        sheet = years_sheet(session, department_id, kind)
    return respond(sheet, fmt)


@router.get("/filings/{filing_id}/charts", response_class=HTMLResponse, include_in_schema=False)
def filing_charts(request: Request, filing_id: int) -> HTMLResponse:
    with _store(request).session() as session:
        info = _filing(session, filing_id)
    return templates.TemplateResponse(request, "filing_charts.html", {"filing": info, "charts_filing": filing_id})


@router.get("/departments/{department_id}/charts", response_class=HTMLResponse, include_in_schema=False)
def department_charts(request: Request, department_id: int, kind: str | None = None) -> HTMLResponse:
    with _store(request).session() as session:
        sheet = years_sheet(session, department_id, kind)
    return templates.TemplateResponse(
        request,
        "department_charts.html",
        {"sheet": sheet.to_data(), "department_id": department_id, "kind": kind, "money": money},
    )
