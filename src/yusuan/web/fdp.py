"""Export as a Fiscal Data Package (the OpenSpending format): a zip of datapackage.json and CSVs.

The package follows the Fiscal Data Package spec (frictionlessdata, 1.0-rc / the schema's
``model``): ``name``, ``title``, ``resources`` (each with a ``path`` and a Table Schema) and a
``model`` whose measures give ``source`` and ``currency`` and whose dimensions give
``attributes`` (each with a ``source``) and a ``primaryKey``.

Two resources, because a disclosure's functional and economic tables cannot be crossed:
``functional.csv`` (every functional line; its amounts sum to the filing's total spending) and
``economic.csv`` (basic spending by economic 款). Amounts are exact decimal strings in 元 with
two places, currency CNY. The CSVs are plain UTF-8 (no BOM), as the spec's tools expect.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from yusuan import __version__
from yusuan.model.codes import CodeSystem
from yusuan.store import aggregates as agg
from yusuan.store.aggregates import FilingInfo, yuan
from yusuan.store.db import Store
from yusuan.store.schema import Region
from yusuan.web.sheets import content_disposition

router = APIRouter()

PHASES = {"预算": "approved", "决算": "executed"}
KIND_SLUGS = {"预算": "budget", "决算": "final-accounts"}
COMMON = [
    ("region", "地区", "string"),
    ("department", "部门", "string"),
    ("fiscal_year", "年度", "year"),
    ("kind", "类别（预算/决算）", "string"),
]
FUNCTIONAL = [
    *COMMON,
    ("functional_class_code", "功能分类类编码", "string"),
    ("functional_class_name", "功能分类类名称", "string"),
    ("functional_code", "功能分类科目编码", "string"),
    ("functional_name", "功能分类科目名称", "string"),
    ("purpose", "支出类型（基本支出/项目支出）", "string"),
    ("funding", "资金来源", "string"),
    ("amount", "金额（元）", "number"),
]
ECONOMIC = [
    *COMMON,
    ("economic_class_code", "经济分类类编码", "string"),
    ("economic_class_name", "经济分类类名称", "string"),
    ("economic_code", "经济分类款编码", "string"),
    ("economic_name", "经济分类款名称", "string"),
    ("purpose", "支出类型", "string"),
    ("funding", "资金来源", "string"),
    ("amount", "金额（元）", "number"),
]


def _csv(fields: Sequence[tuple[str, str, str]], rows: Sequence[Mapping[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([name for name, _, _ in fields])
    for row in rows:
        writer.writerow(["" if row.get(name) is None else str(row[name]) for name, _, _ in fields])
    return buffer.getvalue().encode("utf-8")


def _resource(name: str, title: str, fields: Sequence[tuple[str, str, str]]) -> dict[str, object]:
    return {
        "name": name,
        "title": title,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [
                {"name": n, "title": t, "type": kind, **({"decimalChar": "."} if kind == "number" else {})}
                for n, t, kind in fields
            ]
        },
    }


def _dimension(kind: str, resource: str, prefix: str) -> dict[str, object]:
    return {
        "attributes": {
            "class_code": {"source": f"{prefix}_class_code", "resource": resource},
            "class_name": {"source": f"{prefix}_class_name", "resource": resource, "labelfor": "class_code"},
            "code": {"source": f"{prefix}_code", "resource": resource, "parent": "class_code"},
            "name": {"source": f"{prefix}_name", "resource": resource, "labelfor": "code"},
        },
        "primaryKey": ["code"],
        "dimensionType": "classification",
        "classificationType": kind,
    }


def _plain(source: str, resource: str = "functional", dimension_type: str = "other") -> dict[str, object]:
    return {
        "attributes": {source: {"source": source, "resource": resource}},
        "primaryKey": [source],
        "dimensionType": dimension_type,
    }


def descriptor(name: str, title: str, years: Sequence[int], kind: str) -> dict[str, object]:
    """The datapackage.json of a package of the given years and kind."""
    phase = PHASES.get(kind, "approved")
    return {
        "profile": "fiscal-data-package",
        "name": name,
        "title": title,
        "description": "由 yusuan 从公开的部门预算/决算文件读取；金额为元，精确到分。"
        "functional.csv 为支出功能分类明细（合计即支出总额）；economic.csv 为一般公共预算基本支出的经济分类。",
        "version": "1.0.0",
        "countryCode": "CN",
        "granularity": "aggregated",
        "fiscalPeriod": {"start": f"{min(years)}-01-01", "end": f"{max(years)}-12-31"},
        "sources": [{"title": f"yusuan {__version__}"}],
        "resources": [
            _resource("functional", "支出功能分类明细", FUNCTIONAL),
            _resource("economic", "基本支出经济分类", ECONOMIC),
        ],
        "model": {
            "measures": {
                "amount": {
                    "source": "amount",
                    "resource": "functional",
                    "currency": "CNY",
                    "direction": "expenditure",
                    "phase": phase,
                },
                "basic_by_economic": {
                    "source": "amount",
                    "resource": "economic",
                    "currency": "CNY",
                    "direction": "expenditure",
                    "phase": phase,
                },
            },
            "dimensions": {
                "functional_classification": _dimension("functional", "functional", "functional"),
                "economic_classification": _dimension("economic", "economic", "economic"),
                "administrative_classification": {
                    "attributes": {
                        "region": {"source": "region", "resource": "functional"},
                        "department": {"source": "department", "resource": "functional", "parent": "region"},
                    },
                    "primaryKey": ["department"],
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                },
                "fiscal_year": _plain("fiscal_year", dimension_type="datetime"),
                "purpose": _plain("purpose"),
                "funding": _plain("funding"),
            },
        },
    }


def package(session: Session, filings: Sequence[FilingInfo], name: str, title: str) -> bytes:
    """The zip: datapackage.json, functional.csv and economic.csv of the filings' current revisions."""
    by_revision = {f.revision_id: f for f in filings}
    names = agg.code_names(agg.document_data(session, rid) for rid in by_revision)
    functional: list[dict[str, object]] = []
    economic: list[dict[str, object]] = []
    for item in agg.items(session, by_revision):
        info = by_revision[item.revision_id]
        row: dict[str, object] = {
            "region": info.region,
            "department": info.department,
            "fiscal_year": info.year,
            "kind": info.kind,
            "purpose": item.purpose,
            "funding": item.funding,
            "amount": yuan(item.amount_fen),
        }
        for code, prefix, system, target in (
            (item.functional, "functional", CodeSystem.FUNCTIONAL, functional),
            (item.economic, "economic", CodeSystem.ECONOMIC, economic),
        ):
            if code:
                row[f"{prefix}_class_code"] = code[:3]
                row[f"{prefix}_class_name"] = agg.name_of(code[:3], names, system)
                row[f"{prefix}_code"] = code
                row[f"{prefix}_name"] = agg.name_of(code, names, system)
                target.append(row)
    kinds = {f.kind for f in filings}
    meta = descriptor(name, title, sorted({f.year for f in filings}), kinds.pop() if len(kinds) == 1 else "预算")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(meta, ensure_ascii=False, indent=2))
        archive.writestr("functional.csv", _csv(FUNCTIONAL, functional))
        archive.writestr("economic.csv", _csv(ECONOMIC, economic))
    return buffer.getvalue()


def _zip(body: bytes, filename: str) -> Response:
    return Response(body, media_type="application/zip", headers={"Content-Disposition": content_disposition(filename)})


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


@router.get("/api/filings/{filing_id}/fdp.zip", summary="一个部门年度的财政数据包（Fiscal Data Package）")
def filing_package(request: Request, filing_id: int) -> Response:
    with _store(request).session() as session:
        info = agg.filing_info(session, filing_id)
        if info is None:
            raise HTTPException(404, "没有找到这份公开文件（或它的各版本都已删除）。")
        name = f"yusuan-filing-{filing_id}-{info.year}-{KIND_SLUGS.get(info.kind, 'other')}"
        body = package(session, [info], name, f"{info.department} {info.year}年{info.kind}")
    return _zip(body, f"{name}.zip")


@router.get("/api/regions/{region_id}/fdp.zip", summary="一个地区某年度的财政数据包（Fiscal Data Package）")
def region_package(
    request: Request,
    region_id: int,
    year: Annotated[int, Query(description="年度")],
    kind: Annotated[str, Query(description="预算或决算")] = "预算",
) -> Response:
    with _store(request).session() as session:
        region = session.get(Region, region_id)
        if region is None:
            raise HTTPException(404, "没有找到这个地区。")
        filings = agg.region_filings(session, region_id, year, kind)
        if not filings:
            raise HTTPException(404, f"{region.name}没有{year}年{kind}的文件。")
        name = f"yusuan-region-{region_id}-{year}-{KIND_SLUGS.get(kind, 'other')}"
        body = package(session, filings, name, f"{region.name} {year}年{kind}（{len(filings)} 个部门）")
    return _zip(body, f"{name}.zip")
