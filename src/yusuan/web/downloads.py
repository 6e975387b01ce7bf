"""Downloads of a revision: its tables (each one as printed, or all of them) as CSV, XLSX and JSON,
its findings as CSV and JSON, and the original file as uploaded.

CSV is UTF-8 with a BOM so that Excel opens the Chinese correctly. Amounts are written from the
Document's exact decimal strings with their printed decimals: as text in CSV and JSON, as numbers
(with a number format of the same decimals) in XLSX. File names are Chinese, so the
Content-Disposition carries them RFC 5987-encoded beside an ASCII fallback.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response

from yusuan.store import queries
from yusuan.web.filings import QRevision, load
from yusuan.web.marks import describe
from yusuan.web.sheets import content_disposition
from yusuan.web.view import CellView, TableView, table_view

router = APIRouter(tags=["下载"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json", "xlsx": XLSX}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
Fmt = Annotated[str, Path(description="格式：csv、xlsx 或 json")]


def _file(content: bytes, fmt: str, filename: str) -> Response:
    return Response(
        content,
        media_type=_MEDIA[fmt],
        headers={"Content-Disposition": content_disposition(filename), "X-Content-Type-Options": "nosniff"},
    )


def _format(fmt: str, allowed: Sequence[str]) -> str:
    if fmt not in allowed:
        raise HTTPException(404, f"不提供这种格式：{fmt}（可选 {'、'.join(allowed)}）。")
    return fmt


def _stem(page: queries.FilingPage) -> str:
    f = page.filing
    return f"{f.department}-{f.year}年{f.kind}-第{page.revision.number}版"


def _csv(rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _value(cell: CellView) -> str:
    return cell.value if cell.value is not None else cell.text


def printed_rows(table: TableView) -> list[list[CellView | str]]:
    """The table as printed, line by line: header rows, then the blocks' rows side by side."""
    out: list[list[CellView | str]] = []
    for header in table.header:
        line: list[CellView | str] = []
        for cell in header:
            line += [cell.text] + [""] * (cell.colspan - 1)
        out.append(line)
    for printed in table.lines:
        line = []
        for block, row in zip(table.blocks, printed, strict=True):
            if row is None:
                line += [""] * block.width
                continue
            line += ([row.code or ""] if block.has_code else []) + [row.label, *row.cells]
            line += [""] * (len(block.columns) - len(row.cells))
        out.append(line)
    return out


def _table_csv(table: TableView) -> bytes:
    meta = [[f"{table.label} {table.title}".strip()], [f"部门名称：{table.department or ''}", f"单位：{table.unit}"]]
    body = [[_value(c) if isinstance(c, CellView) else c for c in line] for line in printed_rows(table)]
    notes = [[table.note]] if table.note else []
    return _csv([*meta, *body, *notes])


def _all_csv(tables: Sequence[TableView]) -> bytes:
    """Every cell of every table on a line of its own (a long table, for analysis)."""
    head: list[object] = ["表序", "表号", "表名", "单位", "栏", "行", "编码", "项目", "列", "印刷文字", "金额"]
    rows: list[list[object]] = [head]
    for table in tables:
        for block in table.blocks:
            for row in block.rows:
                for column, cell in zip(block.columns, row.cells, strict=False):
                    rows.append(
                        [
                            table.index,
                            table.number or "",
                            table.title,
                            table.unit,
                            block.side,
                            row.number,
                            row.code or "",
                            row.label,
                            column,
                            cell.text,
                            cell.value or "",
                        ]
                    )
    return _csv(rows)


def _sheet_name(table: TableView, used: set[str]) -> str:
    base = _SHEET_BAD.sub("_", table.label)[:28] or f"表{table.index}"
    name, n = base, 1
    while name in used:
        n += 1
        name = f"{base[:26]}-{n}"
    used.add(name)
    return name


def _xlsx(tables: Sequence[TableView]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_name(table, used))
        sheet.append([f"{table.label} {table.title}".strip()])
        sheet.append([f"部门名称：{table.department or ''}", f"单位：{table.unit}"])
        for line in printed_rows(table):
            values: list[object] = []
            formats: list[str | None] = []
            for cell in line:
                if isinstance(cell, CellView) and cell.value is not None:
                    values.append(Decimal(cell.value))
                    places = cell.places or 0
                    formats.append("#,##0" + ("." + "0" * places if places else ""))
                else:
                    values.append(cell.text if isinstance(cell, CellView) else cell)
                    formats.append(None)
            sheet.append(values)
            for column, number_format in enumerate(formats, start=1):
                if number_format:
                    sheet.cell(sheet.max_row, column).number_format = number_format
        if table.note:
            sheet.append([table.note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _tables(page: queries.FilingPage) -> tuple[list[dict[str, Any]], list[TableView]]:
    data = list(page.document.get("tables", []))
    return data, [table_view(i, t) for i, t in enumerate(data, start=1)]


@router.get("/filings/{filing_id}/tables.{fmt}", summary="全部表格下载")
def all_tables(request: Request, filing_id: int, fmt: Fmt, revision: QRevision = None) -> Response:
    """一个版本的全部表格：xlsx 每表一页（按原样，金额为数字）；
    csv 每个单元格一行（表、行、编码、项目、列、金额）；json 为读出的表格。"""
    fmt = _format(fmt, ("csv", "xlsx", "json"))
    page = load(request, filing_id, revision)
    data, tables = _tables(page)
    name = f"{_stem(page)}-全部表格.{fmt}"
    if fmt == "csv":
        return _file(_all_csv(tables), fmt, name)
    if fmt == "xlsx":
        return _file(_xlsx(tables), fmt, name)
    return _file(_json({"filing": page.filing.id, "revision": page.revision.number, "tables": data}), fmt, name)


@router.get("/filings/{filing_id}/tables/{index}.{fmt}", summary="单张表格下载")
def one_table(request: Request, filing_id: int, index: int, fmt: Fmt, revision: QRevision = None) -> Response:
    """一个版本的第 index 张表（按文中顺序，从 1 起），按原样：表头、各行、注。"""
    fmt = _format(fmt, ("csv", "xlsx", "json"))
    page = load(request, filing_id, revision)
    data, tables = _tables(page)
    if not 1 <= index <= len(tables):
        raise HTTPException(404, f"该版本没有第 {index} 张表。")
    table = tables[index - 1]
    name = f"{_stem(page)}-{table.label}.{fmt}"
    if fmt == "csv":
        return _file(_table_csv(table), fmt, name)
    if fmt == "xlsx":
        return _file(_xlsx([table]), fmt, name)
    return _file(_json(data[index - 1]), fmt, name)


@router.get("/filings/{filing_id}/findings.{fmt}", summary="审核意见下载")
def findings(request: Request, filing_id: int, fmt: Fmt, revision: QRevision = None) -> Response:
    """一个版本的全部审核意见：csv（级别、代码、说明、位置、参数）或 json（与审核报告相同）。"""
    fmt = _format(fmt, ("csv", "json"))
    page = load(request, filing_id, revision)
    name = f"{_stem(page)}-审核意见.{fmt}"
    found = page.report.get("findings", [])
    if fmt == "json":
        return _file(_json({"filing": page.filing.id, "revision": page.revision.number, **page.report}), fmt, name)
    head: list[object] = [
        "序号",
        "级别",
        "代码",
        "说明",
        "位置",
        "表",
        "行",
        "列",
        "页",
        "文件行",
        "章节",
        "引文",
        "参数",
    ]
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    rows: list[list[object]] = [head]
    for n, f in enumerate(found, start=1):
        w = f.get("where", {})
        rows.append(
            [
                n,
                labels.get(f["severity"], f["severity"]),
                f["code"],
                f["message"],
                describe(w),
                *(w.get(k, "") for k in ("table", "row", "column", "page", "line", "section", "quote")),
                json.dumps(f.get("params", {}), ensure_ascii=False),
            ]
        )
    return _file(_csv(rows), fmt, name)


@router.get("/filings/{filing_id}/original", summary="原始文件下载")
def original(request: Request, filing_id: int, revision: QRevision = None) -> Response:
    """一个版本上传时的原始文件（字节不变），附原文件名与 SHA-256。"""
    try:
        found = queries.original(request.app.state.store, filing_id, revision)
    except queries.NotFound as exc:
        raise HTTPException(404, exc.message) from exc
    return Response(
        found.content,
        media_type=found.media_type,
        headers={
            # Always an attachment, never rendered here: an uploaded HTML file must not run on our origin.
            "Content-Disposition": content_disposition(found.filename),
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox",
            "X-Checksum-SHA256": found.sha256,
        },
    )
