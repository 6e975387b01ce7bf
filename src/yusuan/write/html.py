"""A Document → one HTML page (A4 print CSS, Noto CJK fonts), rendered with a Jinja2 template.

The page is what ``pdf`` prints and what the HTML reader reads back: paragraphs, and each table
as its title lines, a ``<table>`` (header rows in ``<thead>``, the first one's merged cells as
``colspan``) and its notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yusuan.errors import MissingExtra
from yusuan.model.document import Document
from yusuan.write.blocks import PERFORMANCE_TITLE, Grid, GridCell, TableLayout, Text, column_shares, layout


@dataclass(frozen=True, slots=True)
class _Cell:
    lines: tuple[str, ...]
    kind: str
    span: int = 1


@dataclass(frozen=True, slots=True)
class _Table:
    titles: tuple[Text, ...]
    header: tuple[tuple[_Cell, ...], ...]
    body: tuple[tuple[_Cell, ...], ...]
    notes: tuple[Text, ...]
    widths: tuple[str, ...] = ()  # each column's share of the width, as CSS: a fixed layout prints fast
    kind: str = "table"


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    style: str
    kind: str = "text"


def spans(row: tuple[GridCell, ...]) -> list[tuple[int, int]]:
    """(start, end) column ranges of a merged header row: a non-empty cell and the blank ones after it."""
    out: list[tuple[int, int]] = []
    j = 0
    while j < len(row):
        end = j + 1
        if row[j].text:
            while end < len(row) and not row[end].text:
                end += 1
        out.append((j, end))
        j = end
    return out


def _cell(cell: GridCell, span: int = 1) -> _Cell:
    return _Cell(tuple(cell.text.split("\n")), cell.kind.value, span)


def _table(table: TableLayout) -> _Table:
    grid: Grid = table.grid
    header: list[tuple[_Cell, ...]] = []
    for i, row in enumerate(grid.rows[: grid.header]):
        if i == 0 and grid.merge_first_row:
            header.append(tuple(_cell(row[a], b - a) for a, b in spans(row)))
        else:
            header.append(tuple(_cell(c) for c in row))
    body = tuple(tuple(_cell(c) for c in row) for row in grid.rows[grid.header :])
    # budget tables get fixed column widths (WeasyPrint lays them out ~15 % faster); the 申报表 keeps
    # the automatic layout, whose line breaks its long indicator texts read back across
    fixed = grid.rows and table.name != PERFORMANCE_TITLE
    widths = tuple(f"{100 * share:.2f}%" for share in column_shares(grid)) if fixed else ()
    return _Table(table.titles, tuple(header), body, table.notes, widths)


def render(document: Document) -> str:
    """The HTML page of a document."""
    try:
        import jinja2
    except ModuleNotFoundError as exc:
        raise MissingExtra(f"pip install 'yusuan[publish]'（缺少 {exc.name}）") from None
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("yusuan.write", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    items = [
        _Line(item.text, item.style.value) if isinstance(item, Text) else _table(item) for item in layout(document)
    ]
    return environment.get_template("document.html.j2").render(title=document.title, items=items)


def write(document: Document, path: Path) -> Path:
    """Write the document as an HTML page (UTF-8)."""
    path.write_text(render(document), encoding="utf-8")
    return path
