"""An Excel workbook (.xlsx with openpyxl, .xls with python-calamine) → blocks, sheet by sheet.

A published workbook holds one table per sheet: title lines (表 N, the title, 部门名称, 单位)
in single cells above the grid, the grid, and 注 lines below it; a sheet of single cells only
is running text. Each becomes text lines and one grid, so ``recognize`` reads a workbook as it
reads the printed document. Numbers are rendered as Excel shows them (the cell's number format
decides the places), never as float text such as ``1623.3500000001``. Workbooks are read for
their cached values only: formulas and macros (``vbaProject.bin``) are never evaluated or run.
The .xlsx package passes the same safety checks as a .docx before it is parsed.
"""

from __future__ import annotations

import datetime
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from yusuan.errors import CorruptInput, EncryptedInput, InputTooLarge, MissingExtra
from yusuan.model.location import Location
from yusuan.read.blocks import Block, Grid, TextLine
from yusuan.read.ooxml import MAX_UNPACKED_BYTES, OLE_MAGIC, check_package, is_encrypted_ole
from yusuan.read.text import join_broken

Value = object
RawRow = tuple[int, Sequence[tuple[Value, str]]]  # (1-based row number, (value, number format) per cell)

_TITLE_PATTERNS = (
    re.compile(r"^表\s*\d+$"),
    re.compile(r"^(?:部门|单位|预算单位)名称[:：]"),
    re.compile(r"^(?:金额)?单位[:：]"),
    re.compile(r"^[（(][^（()）]{1,20}[)）]$"),  # (2023 年度)
    re.compile(r"表$"),
    re.compile(r"^.{0,40}(?:19|20)\d{2}\s*年.{0,40}(?:预算|决算)"),
)
_NOTE = re.compile(r"^注\s*[:：]")
_NOISE = Decimal("1e-9")  # relative: binary noise in a sum is some 1e-13 of it
_GENERAL_DIGITS = 10  # Excel's General format shows at most about ten significant digits
# openpyxl pads every row out to its last cell; one cell in column XFD would make each row
# 16,384 wide. No disclosure table comes near this many columns.
MAX_COLUMNS = 256


def blocks(path: Path) -> list[Block]:
    """Text lines and grids of every sheet of a workbook, in sheet order.

    Raises:
        UnreadableInput: the workbook is encrypted, damaged or unsafe to unpack.
    """
    with path.open("rb") as handle:
        head = handle.read(len(OLE_MAGIC))
    if head == OLE_MAGIC:
        if is_encrypted_ole(path):
            raise EncryptedInput(f"（{path.name}）")
        size = path.stat().st_size
        if size > MAX_UNPACKED_BYTES:  # calamine reads the whole file into memory
            raise InputTooLarge(f"{size / 1024 / 1024:.0f} MB，上限为 {MAX_UNPACKED_BYTES // 1024 // 1024} MB。")
        sheets = calamine_sheets(path)
    else:
        check_package(path)
        sheets = openpyxl_sheets(path)
    out: list[Block] = []
    for name, rows in sheets:
        out.extend(sheet_blocks(name, rows, path.name))
    return out


def sheet_blocks(sheet: str, rows: Iterable[tuple[int, Sequence[str]]], file: str) -> list[Block]:
    """One sheet's rows of cell text → leading title lines, one grid and trailing notes.

    A sheet whose rows never hold more than one cell is running text, every row a line.
    """
    kept = [(number, tuple(c.strip() for c in cells)) for number, cells in rows]
    kept = [(number, cells) for number, cells in kept if any(cells)]
    if not kept:
        return []

    def line(number: int, cells: tuple[str, ...]) -> TextLine:
        text = next(c for c in cells if c)
        return TextLine(" ".join(text.split()), Location(file, line=number, sheet=sheet))

    if all(_single(cells) for _, cells in kept):
        return join_broken([line(n, c) for n, c in kept])
    start = 0
    while start < len(kept) and _single(kept[start][1]) and _is_title(_only(kept[start][1])):
        start += 1
    end = len(kept)
    while end > start and _single(kept[end - 1][1]):
        end -= 1
    notes = next((i for i in range(end, len(kept)) if _NOTE.match(_only(kept[i][1]))), len(kept))
    body = kept[start:notes]
    out: list[Block] = [line(n, c) for n, c in kept[:start]]
    if body:
        # Formatted but empty cells to the right are no columns of the table.
        width = max(max(j for j, text in enumerate(c) if text) + 1 for _, c in body)
        out.append(
            Grid(
                tuple((*c[:width], *([""] * (width - len(c)))) for _, c in body),
                tuple(Location(file, line=n, sheet=sheet) for n, _ in body),
            )
        )
    out.extend(line(n, c) for n, c in kept[notes:])
    return join_broken(out)


def _single(cells: tuple[str, ...]) -> bool:
    return sum(1 for c in cells if c) <= 1


def _only(cells: tuple[str, ...]) -> str:
    return next((c for c in cells if c), "")


def _is_title(text: str) -> bool:
    compact = "".join(text.split())
    return any(p.search(compact) for p in _TITLE_PATTERNS)


# --- .xlsx: openpyxl --------------------------------------------------------------------------


def openpyxl_sheets(path: Path) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    try:
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException
    except ModuleNotFoundError as exc:
        raise MissingExtra(f"pip install 'yusuan[xlsx]'（缺少 {exc.name}）") from None
    raw: list[tuple[str, list[RawRow]]] = []
    # A file object, not the name: openpyxl refuses names without an Excel suffix, and the
    # format was decided by the content.
    with path.open("rb") as handle:
        try:
            workbook = load_workbook(handle, read_only=True, data_only=True, keep_vba=False)
            try:
                for sheet in workbook.worksheets:
                    sheet.reset_dimensions()  # a stale <dimension> would cut rows off
                    rows: list[RawRow] = []
                    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
                        pairs = [(getattr(c, "value", None), getattr(c, "number_format", "General")) for c in cells]
                        if any(v is not None and v != "" for v, _ in pairs):
                            rows.append((number, pairs))
                    raw.append((str(sheet.title), rows))
            finally:
                workbook.close()
        except (InvalidFileException, KeyError, SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
            # SyntaxError covers ElementTree's ParseError: a part that is not well-formed XML.
            raise CorruptInput(f"{path.name}（{type(exc).__name__}：{exc}）") from None
        except (TypeError, ValueError) as exc:  # openpyxl's descriptors reject a malformed attribute
            raise CorruptInput(f"{path.name}（{exc}）") from None
    return [(name, [(n, [render(v, f) for v, f in cells]) for n, cells in rows]) for name, rows in raw]


# --- .xls: python-calamine --------------------------------------------------------------------


def calamine_sheets(path: Path) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    try:
        from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum
    except ModuleNotFoundError as exc:
        raise MissingExtra(f"pip install 'yusuan[xlsx]'（缺少 {exc.name}）") from None
    out: list[tuple[str, list[tuple[int, list[str]]]]] = []
    try:
        with CalamineWorkbook.from_path(str(path)) as workbook:
            for meta in workbook.sheets_metadata:
                if meta.typ != SheetTypeEnum.WorkSheet:
                    continue
                data = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
                rows = [(i, [render(v, "General") for v in values]) for i, values in enumerate(data, start=1)]
                out.append((meta.name, rows))
    except PasswordError:
        raise EncryptedInput(f"（{path.name}）") from None
    except CalamineError as exc:
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise EncryptedInput(f"（{path.name}）") from None
        raise CorruptInput(f"{path.name}（{exc}）") from None
    return out


# --- numbers as Excel shows them --------------------------------------------------------------


def render(value: Value, number_format: str = "General") -> str:
    """A cell's value as text: numbers by their number format, dates as ISO dates.

    ``1623.35`` with ``#,##0.00`` → ``1,623.35``; ``1`` with ``0%`` → ``100%``; a float with
    binary noise under General (``1623.3500000001``) → ``1623.35``; an int stays an int.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return _number(value, number_format)
    return str(value)


def _number(value: int | float | Decimal, number_format: str) -> str:
    shape = _shape(number_format)
    if shape is None:
        return _general(value)
    places, thousands, percent = shape
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if not number.is_finite():
        return str(value)
    if percent:
        number *= 100
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:{',' if thousands else ''}.{places}f}" + ("%" if percent else "")


def _shape(number_format: str) -> tuple[int, bool, bool] | None:
    """(decimal places, thousands separator, percent) of a number format; None for General/text."""
    section = _first_section(number_format or "General")
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", section)  # literals, colours, padding
    if not re.search(r"[0#?]", section) or re.search(r"[Ee][+-]|/", section):
        return None  # General, text (@), scientific or fractions: shown as a plain number
    integer, _, fraction = section.partition(".")
    places = len(re.findall(r"[0#?]", fraction))
    return places, "," in integer.strip(","), "%" in section


def _first_section(number_format: str) -> str:
    """The positive-number section of ``pos;neg;zero;text``, ignoring quoted semicolons."""
    depth_quote = False
    for i, ch in enumerate(number_format):
        if ch == '"':
            depth_quote = not depth_quote
        elif ch == ";" and not depth_quote:
            return number_format[:i]
    return number_format


def _general(value: int | float | Decimal) -> str:
    """A number under General: an int as is; a float without binary noise and ten digits at most."""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if not number.is_finite():
        return str(value)
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -2:
        return f"{number:f}"
    cents = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if abs(number - cents) <= abs(number) * _NOISE:  # 1623.3500000001 is 1623.35 with binary noise
        return f"{cents:f}"
    # Real precision (a rate, say) is kept, to the ten significant digits Excel shows.
    limit = Decimal(1).scaleb(number.adjusted() - _GENERAL_DIGITS + 1)
    if exponent < limit.as_tuple().exponent:  # type: ignore[operator]
        number = number.quantize(limit, rounding=ROUND_HALF_UP).normalize()
    return f"{number:f}"
