"""A Document → one HTML page (A4 print CSS, Noto CJK fonts), rendered with a Jinja2 template.

The page is what ``pdf`` prints and what the HTML reader reads back: paragraphs, and each table
as its title lines, a ``<table>`` (header rows in ``<thead>``, the first one's merged cells as
``colspan``) and its notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yusuan.errors import MissingExtra
from yusuan.model.document import Document
from yusuan.write.blocks import Grid, GridCell, TableLayout, Text, column_shares, layout, row_spans


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
    own_page: bool = False
    kind: str = "table"


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    style: str
    kind: str = "text"


_GLUED = re.compile(r"(?<=[0-9A-Za-z]) | (?=[0-9A-Za-z])")


def _table(table: TableLayout, printed: bool) -> _Table:
    """A table's header, body and column widths: columns as wide as their content needs and fixed
    (WeasyPrint lays fixed tables out faster), merged cells as ``colspan``, a 申报表 on a page of
    its own. For print, a space beside a digit or a Latin letter is a no-break space: a line wrapped
    there would lose it (全区 34 家 read back as 全区34 家); Chinese text wraps between its characters
    anyway."""
    grid: Grid = table.grid

    def cell(item: GridCell, span: int = 1) -> _Cell:
        lines = item.text.split("\n")
        return _Cell(
            tuple(_GLUED.sub("\u00a0", line) for line in lines) if printed else tuple(lines), item.kind.value, span
        )

    rows = tuple(tuple(cell(grid.rows[i][a], b - a) for a, b in row_spans(grid, i)) for i in range(len(grid.rows)))
    widths = tuple(f"{100 * share:.2f}%" for share in column_shares(grid)) if grid.rows else ()
    return _Table(table.titles, rows[: grid.header], rows[grid.header :], table.notes, widths, table.own_page)


def render(document: Document, printed: bool = False) -> str:
    """The HTML page of a document (``printed``: the page WeasyPrint makes the PDF of)."""
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
        _Line(item.text, item.style.value) if isinstance(item, Text) else _table(item, printed)
        for item in layout(document)
    ]
    return environment.get_template("document.html.j2").render(title=document.title, items=items)


def write(document: Document, path: Path) -> Path:
    """Write the document as an HTML page (UTF-8)."""
    path.write_text(render(document), encoding="utf-8")
    return path
