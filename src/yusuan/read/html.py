"""An HTML page → a stream of blocks (text lines and grids), standard library only.

Headings, paragraphs, ``<div>`` and ``<li>`` become text lines (tags stripped, whitespace
collapsed, a line broken mid-sentence joined back as in ``text``); a data ``<table>`` becomes a
grid in which a cell spanning columns is followed by "" and a cell spanning rows leaves "" in
the rows below. A table holding another table or a heading lays out the page, and its cells
are read as blocks. Scripts and styles are ignored and nothing is fetched or run.
The page is decoded from its BOM or ``<meta charset>``, else as UTF-8, else as GB18030, and is
refused over the text size limit. Every block keeps the 1-based source line it starts on.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from yusuan.errors import BinaryInput
from yusuan.model.location import Location
from yusuan.read.blocks import Block, Grid, TextLine
from yusuan.read.source import MAX_TEXT_BYTES, read_limited
from yusuan.read.text import join_broken

# Tags that end the running line: what a browser lays out as a block of its own.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd div dl dt figcaption figure footer form "  # noqa: SIM905
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section ul".split()
)
_IGNORED = frozenset(("script", "style", "template", "title", "head", "noscript", "select", "button"))
_CELL_BREAKS = frozenset(("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"))
# Cells of a layout table are laid out as blocks; a heading or a table inside marks the layout.
_LAYOUT_BLOCKS = frozenset(("table", "tr", "td", "th", "caption", "thead", "tbody", "tfoot"))
_LAYOUT_SIGNS = frozenset(("table", "h1", "h2", "h3", "h4", "h5", "h6"))
_VOID = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAX_DEPTH = 200
_MAX_SPAN = 100  # a larger colspan/rowspan is a broken or hostile page, read as 1


def blocks(path: Path) -> list[Block]:
    """Text lines and grids of an HTML page, in reading order.

    Raises:
        UnreadableInput: the file is empty, too large, or not text in any encoding tried.
    """
    return parse(decode(path), path.name)


def decode(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """The page's text: by BOM, then ``<meta charset>``, then UTF-8, then GB18030."""
    data = read_limited(path, limit, "网页文件")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise BinaryInput() from None
    if b"\x00" in data[:65536]:  # not UTF-16 (that has a BOM): binary data
        raise BinaryInput()
    candidates = ["utf-8", "gb18030"]
    if match := _CHARSET.search(data[:4096]):
        declared = _codec(match.group(1).decode("ascii"))
        if declared:
            candidates.insert(0, declared)
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BinaryInput()


def _codec(label: str) -> str | None:
    """A codec for a declared charset; GB2312 and GBK pages are read as their superset GB18030."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "gb18030" if name in ("gb2312", "gbk") else name


def parse(text: str, file: str = "") -> list[Block]:
    """Blocks of an HTML document's text."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    walker = _Walker(file)
    walker.flow(builder.root)
    walker.flush()
    return join_broken(walker.out)


# --- the page as a tree: html.parser events with the end tags HTML lets authors leave out -----


@dataclass
class _Text:
    text: str
    line: int


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str | None]
    line: int
    children: list[_Element | _Text] = field(default_factory=list)

    def elements(self) -> Iterator[_Element]:
        return (c for c in self.children if isinstance(c, _Element))

    def contains(self, tags: frozenset[str]) -> bool:
        return any(c.tag in tags or c.contains(tags) for c in self.elements())


# An open element that a new start tag closes, and the elements that bound the search for it.
_IMPLIED_END = {
    "li": ({"li"}, {"ul", "ol", "table"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "tr": ({"tr"}, {"table"}),
    "thead": ({"thead", "tbody", "tfoot", "tr"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot", "tr"}, {"table"}),
    "body": ({"head"}, set()),
}
_CLOSES_P = (_BLOCK_TAGS - {"br", "body"}) | {"table"}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#document", {}, 1)
        self._open: list[_Element] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._close_implied(({"p"}, {"table", "td", "th", "li", "body"}))
        if tag in _IMPLIED_END:
            self._close_implied(_IMPLIED_END[tag])
        element = _Element(tag, dict(attrs), self.getpos()[0])
        self._open[-1].children.append(element)
        # Past the depth limit an element's content stays with its parent: the walk over the
        # tree is recursive, and no real page nests this deep.
        if tag not in _VOID and len(self._open) < _MAX_DEPTH:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, 0, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return
            if self._open[i].tag == "table" and tag != "table":
                return  # an end tag never closes across a table boundary

    def handle_data(self, data: str) -> None:
        line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self._open[-1].children.append(_Text(data, line))

    def _close_implied(self, rule: tuple[set[str], set[str]]) -> None:
        closes, bounds = rule
        for i in range(len(self._open) - 1, 0, -1):
            current = self._open[i].tag
            if current in closes:
                del self._open[i:]
                return
            if current in bounds:
                return


# --- the tree as blocks --------------------------------------------------------------------------


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.out: list[Block] = []
        self._text: list[str] = []
        self._line: int | None = None

    def flow(self, element: _Element) -> None:
        """Running text and tables, in document order."""
        for child in element.children:
            if isinstance(child, _Text):
                self._add(child.text, child.line)
            elif child.tag in _IGNORED:
                continue
            elif child.tag == "table" and not _is_layout(child):
                self.flush()
                self._grid(child)
            elif child.tag == "input":
                self._add(_checkbox(child), child.line)
            elif child.tag in _BLOCK_TAGS or child.tag in _LAYOUT_BLOCKS:
                self.flush()
                self.flow(child)
                self.flush()
            else:
                self.flow(child)

    def flush(self) -> None:
        """End the running text line."""
        text = " ".join("".join(self._text).split())
        if text:
            self.out.append(TextLine(text, Location(self.file, line=self._line)))
        self._text = []
        self._line = None

    def _add(self, text: str, line: int) -> None:
        if self._line is None and text.strip():
            self._line = line
        self._text.append(text)

    def _grid(self, table: _Element) -> None:
        for caption in (c for c in table.elements() if c.tag == "caption"):
            self.flow(caption)
            self.flush()
        spans = _Spans()
        rows: list[tuple[str, ...]] = []
        wheres: list[Location] = []
        for tr in _rows(table):
            cells = [(_cell_text(td), td.attrs) for td in tr.elements() if td.tag in ("td", "th")]
            row = spans.row(cells)
            if any(row):
                rows.append(row)
                wheres.append(Location(self.file, line=tr.line))
        if rows:
            width = max(len(r) for r in rows)
            self.out.append(Grid(tuple((*r, *([""] * (width - len(r)))) for r in rows), tuple(wheres)))


def _is_layout(table: _Element) -> bool:
    """A table laying out a page, not holding data: it holds another table or a heading."""
    return table.contains(_LAYOUT_SIGNS)


def _rows(table: _Element) -> Iterator[_Element]:
    """The table's rows, through thead/tbody/tfoot; stray cells form a row of their own."""
    stray: list[_Element | _Text] = []
    for child in table.elements():
        if child.tag in ("thead", "tbody", "tfoot"):
            yield from _rows(child)
        elif child.tag == "tr":
            yield child
        elif child.tag in ("td", "th"):
            stray.append(child)
    if stray:
        first = stray[0]
        yield _Element("tr", {}, first.line, stray)


def _cell_text(cell: _Element) -> str:
    """A cell's text, one line per paragraph or line break, spaces collapsed."""
    parts: list[str] = []

    def walk(element: _Element) -> None:
        for child in element.children:
            if isinstance(child, _Text):
                parts.append(child.text)
            elif child.tag in _IGNORED:
                continue
            elif child.tag == "input":
                parts.append(_checkbox(child))
            elif child.tag in _CELL_BREAKS:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)

    walk(cell)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _checkbox(element: _Element) -> str:
    if (element.attrs.get("type") or "").lower() != "checkbox":
        return ""
    return "☑" if "checked" in element.attrs else "☐"


class _Spans:
    """Places cells in columns, leaving "" where a cell spans columns or rows."""

    def __init__(self) -> None:
        self.pending: dict[int, int] = {}  # column → rows below that a rowspan still covers

    def row(self, cells: list[tuple[str, dict[str, str | None]]]) -> tuple[str, ...]:
        out: list[str] = []
        for text, attrs in cells:
            self._skip_covered(out)
            colspan, rowspan = _span(attrs.get("colspan")), _span(attrs.get("rowspan"))
            start = len(out)
            out.append(text)
            out.extend([""] * (colspan - 1))
            if rowspan > 1:
                for column in range(start, start + colspan):
                    self.pending[column] = rowspan - 1
        covered = [c for c, n in self.pending.items() if n > 0 and c >= len(out)]
        if covered:  # columns after the row's last cell still covered from above
            last = max(covered)
            while len(out) <= last:
                self._skip_covered(out)
                if len(out) <= last:
                    out.append("")
        return tuple(out)

    def _skip_covered(self, out: list[str]) -> None:
        while self.pending.get(len(out), 0) > 0:
            self.pending[len(out)] -= 1
            out.append("")


def _span(value: str | None) -> int:
    text = (value or "1").strip()
    return int(text) if text.isdigit() and 0 < int(text) <= _MAX_SPAN else 1
