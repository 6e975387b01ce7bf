"""The blank input workbook finance staff fill in: one sheet per part, headers, an instruction row, validation.

Its layout is ``sheets.py``, the same one the workbook reader uses, so what the template
asks for is what the loader reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yusuan.build.sheets import (
    DEPARTMENT_KEYS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    INSTRUCTION_ROW,
    KEY_CHOICES,
    SHEETS,
    UNIT_TYPES,
    Shape,
    Sheet,
    Type,
)
from yusuan.errors import MissingExtra

try:
    from openpyxl.styles import Alignment
except ImportError:  # pragma: no cover - reported by write_template
    Alignment = None

AMOUNT_FORMAT = "#,##0.00"
_LAST_ROW = 500  # how far formats and validations reach


def write_template(path: str | Path) -> None:
    """Write the blank, self-explaining input workbook to ``path``."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font, PatternFill
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation
    except ImportError as exc:  # pragma: no cover - openpyxl is the xlsx extra
        raise MissingExtra("pip install 'yusuan[xlsx]'") from exc

    book = Workbook()
    book.remove(book.active)
    bold, note = Font(bold=True), Font(italic=True, color="666666")
    fill = PatternFill("solid", fgColor="DDEBF7")
    for spec in SHEETS:
        ws = book.create_sheet(spec.name)
        for i, col in enumerate(spec.columns, start=1):
            cell = ws.cell(row=HEADER_ROW, column=i, value=col.header)
            cell.font, cell.fill = bold, fill
            ws.column_dimensions[get_column_letter(i)].width = col.width
        ws.cell(row=INSTRUCTION_ROW, column=1, value=f"说明：{spec.instruction}").font = note
        ws.merge_cells(start_row=INSTRUCTION_ROW, start_column=1, end_row=INSTRUCTION_ROW, end_column=len(spec.columns))
        ws.cell(row=INSTRUCTION_ROW, column=1).alignment = Alignment(wrap_text=True)
        ws.row_dimensions[INSTRUCTION_ROW].height = 36
        ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
        if spec.shape is Shape.KEYS:
            _department_rows(ws, spec, DataValidation)
            continue
        last = FIRST_DATA_ROW if spec.shape is Shape.ROW else _LAST_ROW
        for i, col in enumerate(spec.columns, start=1):
            letter = get_column_letter(i)
            cells = f"{letter}{FIRST_DATA_ROW}:{letter}{last}"
            _format_column(ws, i, col.type, last)
            if col.type is Type.CHOICE:
                _choices(ws, DataValidation, cells, col.choices)
            elif col.type is Type.CODE:
                digits = 7 if spec.key != "economic" else 5
                dv = DataValidation(type="textLength", operator="equal", formula1=str(digits), allow_blank=True)
                dv.error, dv.errorTitle = f"请填写 {digits} 位科目编码（文本格式）", "科目编码"
                dv.add(cells)
                ws.add_data_validation(dv)
    book.save(path)


def _format_column(ws: Any, column: int, type_: Type, last: int) -> None:
    number_format = {Type.AMOUNT: AMOUNT_FORMAT, Type.CODE: "@", Type.DATE: "yyyy-mm-dd"}.get(type_)
    wrap = type_ is Type.LONG_TEXT
    if number_format is None and not wrap:
        return
    for row in range(FIRST_DATA_ROW, last + 1):
        cell = ws.cell(row=row, column=column)
        if number_format:
            cell.number_format = number_format
        if wrap:
            cell.alignment = Alignment(wrap_text=True)


def _choices(ws: Any, data_validation: Any, cells: str, choices: tuple[str, ...]) -> None:
    dv = data_validation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    dv.error, dv.errorTitle = "请从下拉列表中选择", "选项"
    dv.add(cells)
    ws.add_data_validation(dv)


def _department_rows(ws: Any, spec: Sheet, data_validation: Any) -> None:
    """One row per item, with the 内容 cell formatted and validated for its type."""
    row = FIRST_DATA_ROW
    for label, key, type_ in DEPARTMENT_KEYS:
        ws.cell(row=row, column=1, value=label)
        value = ws.cell(row=row, column=2)
        if type_ is Type.AMOUNT:
            value.number_format = AMOUNT_FORMAT
        elif type_ is Type.CHOICE:
            _choices(ws, data_validation, f"B{row}", KEY_CHOICES[key])
        elif type_ is Type.LONG_TEXT:
            value.alignment = Alignment(wrap_text=True)
        if key == "units":
            _choices(ws, data_validation, f"C{row}", UNIT_TYPES)
        row += 1
