"""A Document → an Excel workbook: a sheet 说明 with the text, then one sheet per table.

A table's sheet holds its title lines in single cells above the grid, the grid, and its notes.
Amounts are numbers (exact Decimals, never floats) whose number format prints them as the
document did (``#,##0.00``, or ``0.00`` for a figure printed without thousands separators);
codes and every other cell are text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from yusuan.errors import MissingExtra
from yusuan.model.document import Document
from yusuan.model.money import D
from yusuan.write.blocks import CellKind, GridCell, TableLayout, Text, layout

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_PLAIN_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


def write(document: Document, path: Path) -> Path:
    """Write the document as an .xlsx workbook."""
    try:
        import openpyxl
        from openpyxl.styles import Alignment, Border, Font, Side
    except ModuleNotFoundError as exc:
        raise MissingExtra(f"pip install 'yusuan[xlsx]'（缺少 {exc.name}）") from None
    items = layout(document)
    workbook = openpyxl.Workbook()
    text_sheet = workbook.active
    text_sheet.title = "说明"
    text_sheet.column_dimensions["A"].width = 100
    for item in items:
        if isinstance(item, Text):
            text_sheet.append([item.text])
    thin = Side(style="thin")
    style = {"border": Border(thin, thin, thin, thin), "bold": Font(bold=True), "wrap": Alignment(wrap_text=True)}
    names: set[str] = {"说明"}
    for item in items:
        if isinstance(item, TableLayout):
            _table_sheet(workbook.create_sheet(_sheet_name(item.name, names)), item, style)
    workbook.save(str(path))
    return path


def _sheet_name(title: str, taken: set[str]) -> str:
    """The table's title as a sheet name: at most 31 characters, none of []:*?/\\, unique."""
    base = _BAD_SHEET_CHARS.sub("", "".join(title.split()))[:31] or "表"
    name, n = base, 2
    while name in taken:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _table_sheet(sheet: Any, table: TableLayout, style: dict[str, Any]) -> None:
    for line in table.titles:
        sheet.append([line.text])
    first = sheet.max_row + 1
    for i, row in enumerate(table.grid.rows):
        for j, cell in enumerate(row, start=1):
            target = sheet.cell(first + i, j)
            _set(target, cell)
            target.border = style["border"]
            if cell.kind == CellKind.HEADER:
                target.font = style["bold"]
            if "\n" in cell.text:
                target.alignment = style["wrap"]
    if table.grid.header:
        sheet.print_title_rows = f"{first}:{first + table.grid.header - 1}"
    for line in table.notes:
        sheet.append([line.text])
    for j in range(1, len(table.grid.rows[0]) + 1 if table.grid.rows else 1):
        sheet.column_dimensions[sheet.cell(1, j).column_letter].width = 14 if j > 2 else 30


def _set(target: Any, cell: GridCell) -> None:
    """An amount as an exact number with the format it was printed in; anything else as text."""
    if not cell.text:
        return
    match = _PLAIN_NUMBER.match(cell.text)
    if cell.kind == CellKind.AMOUNT and match:
        places = len(match.group(1) or "")
        value = D(cell.text)
        grouped = "," in cell.text or abs(value) < 1000
        target.value = value
        target.number_format = ("#,##0" if grouped else "0") + ("." + "0" * places if places else "")
    else:
        target.value = cell.text
        target.number_format = "@"
