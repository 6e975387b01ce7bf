"""Two years of a department side by side, line by line, with the reasons the later 说明 gives.

Each functional line (类, 款, 项) and each economic line (类, 款) has both years' amounts in 元,
the change and its percentage (exact Decimals, the percentage to two places, half up), and the
reason the later year's 说明 states for that line's change. A reason is matched by the (类, 款, 项)
names the sentence gives or, for a sentence without them, by its subject being the line's name.
A line present in one year only is shown as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
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
CENT = Decimal("0.01")
# The 说明's names for the totals, most specific first.
TOTAL_SUBJECTS = {
    "total": ("支出预算", "一般公共预算支出", "支出决算", "一般公共预算财政拨款支出"),
    "基本支出": ("基本支出", "一般公共预算基本支出"),
    "项目支出": ("项目支出", "预算共安排项目支出", "一般公共预算项目支出"),
}
COLUMNS = [
    ("section", "分类"),
    ("level", "级次"),
    ("code", "科目编码"),
    ("name", "科目名称"),
    ("before", "上一年度（元）"),
    ("after", "本年度（元）"),
    ("change", "增减（元）"),
    ("percent", "增减率（%）"),
    ("status", "说明"),
    ("reason", "文件所述原因"),
    ("quote", "原文"),
]


@dataclass(frozen=True, slots=True)
class Reason:
    subject: str
    path: tuple[str, ...]
    reason: str
    quote: str


def _norm(text: str) -> str:
    return "".join(text.split()).replace("（", "(").replace("）", ")")


def reasons_of(document: Mapping[str, object]) -> list[Reason]:
    """The 说明's statements that give a reason, from a stored document."""
    found = []
    statements = document.get("statements")
    for s in statements if isinstance(statements, list) else []:
        if not isinstance(s, dict) or not s.get("reason"):
            continue
        where = s.get("where")
        quote = where.get("quote") if isinstance(where, dict) else None
        path = tuple(_norm(p) for p in s.get("path") or () if isinstance(p, str))
        found.append(Reason(_norm(str(s.get("subject", ""))), path, str(s["reason"]), str(quote or "")))
    return found


def _reason_for(reasons: Iterable[Reason], path: tuple[str, ...], subjects: tuple[str, ...] = ()) -> Reason | None:
    """The first statement naming this (类, 款, 项) path, or whose subject is one of ``subjects``."""
    wanted = tuple(_norm(p) for p in path)
    for reason in reasons:
        if wanted and (reason.path == wanted or (not reason.path and reason.subject == "-".join(wanted))):
            return reason
    for subject in subjects:
        for reason in reasons:
            if not reason.path and reason.subject == _norm(subject):
                return reason
    return None


def percent(before: Decimal, change: Decimal) -> Decimal | None:
    """The change as a percentage of ``before``, to two places; None when ``before`` is zero."""
    if not before:
        return None
    return (change * 100 / before).quantize(CENT, rounding=ROUND_HALF_UP)


def _line(
    section: str,
    level: str,
    code: str,
    name: str,
    before_fen: int | None,
    after_fen: int | None,
    years: tuple[int, int],
    reason: Reason | None,
) -> dict[str, object]:
    before = None if before_fen is None else yuan(before_fen)
    after = None if after_fen is None else yuan(after_fen)
    change = pct = None
    if before is not None and after is not None:
        change = after - before
        pct = percent(before, change)
        status = "" if change else "持平"
    else:
        status = f"仅{years[1]}年有" if before is None else f"仅{years[0]}年有"
    return {
        "section": section,
        "level": level,
        "code": code,
        "name": name,
        "before": before,
        "after": after,
        "change": change,
        "percent": pct,
        "status": status,
        "reason": reason.reason if reason else None,
        "quote": reason.quote if reason else None,
    }


def _rollup(sums: Mapping[str, int], widths: Iterable[int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for code, fen in sums.items():
        for width in widths:
            if len(code) >= width:
                out[code[:width]] = out.get(code[:width], 0) + fen
    return out


def compare(session: Session, before: FilingInfo, after: FilingInfo) -> Sheet:
    """The line-by-line comparison of two filings, ``after`` being the later one."""
    docs = [agg.document_data(session, after.revision_id), agg.document_data(session, before.revision_id)]
    names = agg.code_names(docs)
    reasons = reasons_of(docs[0])
    years = (before.year, after.year)
    rows: list[dict[str, object]] = []

    functional = [agg.functional_sums(session, [f.revision_id]) for f in (before, after)]
    by_purpose = [{p: 0 for p in ("基本支出", "项目支出")} for _ in functional]
    for sums, target in zip(functional, by_purpose, strict=True):
        for (_code, purpose), fen in sums.items():
            target[purpose] = target.get(purpose, 0) + fen
    has = [bool(s) for s in functional]
    split = [h and set(b) <= {"基本支出", "项目支出"} for b, h in zip(by_purpose, has, strict=True)]
    totals = [sum(s.values()) if s else None for s in functional]
    reason = _reason_for(reasons, (), TOTAL_SUBJECTS["total"])
    rows.append(_line("合计", "", "", "支出合计", totals[0], totals[1], years, reason))
    if all(split):  # a document printing only totals by function cannot say its basic and project parts
        for purpose in ("基本支出", "项目支出"):
            reason = _reason_for(reasons, (), TOTAL_SUBJECTS[purpose])
            rows.append(_line("合计", "", "", purpose, by_purpose[0][purpose], by_purpose[1][purpose], years, reason))

    plain = [_rollup(_by_code(s), LEVELS) for s in functional]
    for code in sorted(set(plain[0]) | set(plain[1])):
        path = tuple(agg.name_of(code[:w], names) for w in LEVELS if w <= len(code))
        reason = _reason_for(reasons, path if len(code) == 7 else (), (path[-1],))
        rows.append(
            _line("功能分类", LEVELS[len(code)], code, path[-1], plain[0].get(code), plain[1].get(code), years, reason)
        )

    economic = [_rollup(agg.economic_sums(session, [f.revision_id]), (3, 5)) for f in (before, after)]
    for code in sorted(set(economic[0]) | set(economic[1])):
        name = agg.name_of(code, names, CodeSystem.ECONOMIC)
        rows.append(
            _line(
                "经济分类",
                LEVELS[len(code)],
                code,
                name,
                economic[0].get(code),
                economic[1].get(code),
                years,
                _reason_for(reasons, (), (name,)),
            )
        )
    notes = [
        f"{f.year}年的文件没有功能分类明细，功能分类无法逐项比较。"
        if not h
        else f"{f.year}年的文件未分列基本支出和项目支出。"
        for f, h, sp in zip((before, after), has, split, strict=True)
        if not sp
    ]
    return Sheet(
        name=f"compare-{before.filing_id}-{after.filing_id}",
        title=f"{after.department} {before.year}年与{after.year}年{after.kind}逐项比较（元）",
        columns=[
            (k, f"{before.year}年（元）" if k == "before" else f"{after.year}年（元）" if k == "after" else label)
            for k, label in COLUMNS
        ],
        rows=rows,
        extra={
            "before": _meta(before),
            "after": _meta(after),
            "notes": notes,
        },
    )


def _by_code(sums: Mapping[tuple[str, str], int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for (code, _purpose), fen in sums.items():
        out[code] = out.get(code, 0) + fen
    return out


def _meta(info: FilingInfo) -> dict[str, object]:
    return {"id": info.filing_id, "department_id": info.department_id, "year": info.year, "kind": info.kind}


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _by_years(
    session: Session, department_id: int, start: int | None, end: int | None, kind: str | None
) -> tuple[FilingInfo, FilingInfo]:
    if session.get(Department, department_id) is None:
        raise HTTPException(404, "没有找到这个部门。")
    filings = agg.department_filings(session, department_id)
    kind = kind or (filings[-1].kind if filings else "预算")
    of_kind = {f.year: f for f in filings if f.kind == kind}
    end = end if end is not None else max(of_kind, default=None)
    if start is None and end is not None:
        start = max((y for y in of_kind if y < end), default=None)
    if start is None or end is None or start not in of_kind or end not in of_kind:
        have = "、".join(str(y) for y in sorted(of_kind)) or "无"
        raise HTTPException(404, f"该部门没有可比较的两个年度的{kind}（已有：{have}）。")
    return of_kind[start], of_kind[end]


def _by_ids(session: Session, first: int, second: int) -> tuple[FilingInfo, FilingInfo]:
    infos = [agg.filing_info(session, i) for i in (first, second)]
    if infos[0] is None or infos[1] is None:
        raise HTTPException(404, "没有找到要比较的公开文件。")
    a, b = infos[0], infos[1]
    return (a, b) if a.year <= b.year else (b, a)


FromQuery = Annotated[int | None, Query(alias="from", description="上一年度，默认为本年度之前最近的一年")]
ToQuery = Annotated[int | None, Query(alias="to", description="本年度，默认为最近一年")]


@router.get("/api/departments/{department_id}/compare", summary="一个部门两个年度逐项比较")
def api_compare_years(
    request: Request,
    department_id: int,
    start: FromQuery = None,
    end: ToQuery = None,
    kind: str | None = None,
    fmt: FormatQuery = Format.JSON,
) -> Response:
    with _store(request).session() as session:
        sheet = compare(session, *_by_years(session, department_id, start, end, kind))
    return respond(sheet, fmt)


@router.get("/api/filings/{first}/compare/{second}", summary="两份公开文件逐项比较")
def api_compare_filings(request: Request, first: int, second: int, fmt: FormatQuery = Format.JSON) -> Response:
    with _store(request).session() as session:
        sheet = compare(session, *_by_ids(session, first, second))
    return respond(sheet, fmt)


def _page(request: Request, sheet: Sheet, api: str) -> HTMLResponse:
    return templates.TemplateResponse(request, "compare.html", {"sheet": sheet.to_data(), "api": api, "money": money})


@router.get("/departments/{department_id}/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_years(
    request: Request, department_id: int, start: FromQuery = None, end: ToQuery = None, kind: str | None = None
) -> HTMLResponse:
    with _store(request).session() as session:
        before, after = _by_years(session, department_id, start, end, kind)
        sheet = compare(session, before, after)
    api = f"/api/departments/{department_id}/compare?from={before.year}&to={after.year}&kind={after.kind}"
    return _page(request, sheet, api)


@router.get("/filings/{first}/compare/{second}", response_class=HTMLResponse, include_in_schema=False)
def compare_filings(request: Request, first: int, second: int) -> HTMLResponse:
    with _store(request).session() as session:
        sheet = compare(session, *_by_ids(session, first, second))
    return _page(request, sheet, f"/api/filings/{first}/compare/{second}")
