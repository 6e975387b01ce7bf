"""The data behind a chart, comparison or roll-up as one sheet, served as JSON, CSV or XLSX.

Amounts are Decimals to the end: JSON carries them as strings ("1375370.00"), CSV as the same
text (UTF-8 with a BOM, so that Excel opens the Chinese correctly), XLSX as numbers written from
the Decimal's own digits. A page's script turns the JSON strings into numbers for drawing only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import HTTPException, Query
from fastapi.responses import JSONResponse, Response

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Format(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


FormatQuery = Annotated[Format, Query(alias="format", description="json（默认）、csv 或 xlsx")]


@dataclass(frozen=True, slots=True)
class Sheet:
    """Rows of named columns; ``extra`` goes into the JSON only (a chart's tree, notes)."""

    name: str  # the download's file name, without extension
    title: str
    columns: Sequence[tuple[str, str]]  # (key, Chinese label)
    rows: Sequence[Mapping[str, object]]
    extra: Mapping[str, object] = field(default_factory=dict)

    def to_data(self) -> dict[str, object]:
        return {
            "title": self.title,
            "columns": [{"key": k, "label": label} for k, label in self.columns],
            "rows": [{k: jsonable(row.get(k)) for k, _ in self.columns} for row in self.rows],
            **{k: jsonable(v) for k, v in self.extra.items()},
        }


def jsonable(value: object) -> Any:
    """Decimals as exact strings, containers walked; everything else as it is."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def money(text: object) -> str:
    """An exact amount (Decimal or its string) for reading: thousands separated, digits unchanged."""
    if text is None or text == "":
        return ""
    value = Decimal(str(text))
    return f"{value:,}"


def respond(sheet: Sheet, fmt: Format) -> Response:
    """The sheet in the requested format; CSV and XLSX as downloads."""
    if fmt == Format.JSON:
        return JSONResponse(sheet.to_data())
    if fmt == Format.CSV:
        return Response(to_csv(sheet), media_type="text/csv; charset=utf-8", headers=_attachment(f"{sheet.name}.csv"))
    return Response(to_xlsx(sheet), media_type=XLSX_TYPE, headers=_attachment(f"{sheet.name}.xlsx"))


def to_csv(sheet: Sheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([label for _, label in sheet.columns])
    for row in sheet.rows:
        writer.writerow(["" if row.get(k) is None else str(row.get(k)) for k, _ in sheet.columns])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def to_xlsx(sheet: Sheet) -> bytes:
    try:
        from openpyxl import Workbook
    except ModuleNotFoundError as exc:
        raise HTTPException(501, "服务器未安装 openpyxl，暂不能下载 XLSX；请下载 CSV。") from exc
    book = Workbook()
    ws = book.active
    ws.title = "数据"
    ws.append([sheet.title])
    ws.append([label for _, label in sheet.columns])
    for row in sheet.rows:
        ws.append([row.get(k) for k, _ in sheet.columns])
    for cells in ws.iter_rows(min_row=3):
        for cell in cells:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def content_disposition(filename: str, inline: bool = False) -> str:
    """``attachment; filename="ascii"; filename*=UTF-8''…`` (RFC 6266 / RFC 5987)."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in filename)
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": content_disposition(filename)}
