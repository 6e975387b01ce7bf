"""Plain text as PDF converters produce it → a stream of blocks (text lines and grids).

Tables arrive as tab-separated lines (cells may hold HTML such as ``<p>`` or a checkbox
``<input>``) or as HTML ``<table>`` blocks; everything else is running text, where a
paragraph broken by a page (``国防动员工`` / ``作。``) is joined back. Every block keeps the
1-based line it starts on.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from yusuan.model.location import Location
from yusuan.read.blocks import Block, Grid, TextLine

_TERMINAL = tuple("。！？；：:;!?”")
# Lines that start something new and so never continue the previous paragraph.
# An item number (1. 2、) but not an amount carried to the next line (11.92 万元, 34.26 万元，占…)
ITEM_NUMBER = r"\d+[.．、](?!\d+(?:\.\d+)?\s*(?:万元|亿元|元|%|％))"
_STARTS_NEW = re.compile(
    r"^(表\s*\d+|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    rf"|[（(]\d+[）)]|{ITEM_NUMBER}|注[:：]|部门名称|单位[:：]|目\s*录|-\s)"
)
METADATA_LINE = re.compile(r"^(?:部门名称|单位名称|编制单位|预算单位|部门|金额单位|单位)\s*[:：]")
_TAG = re.compile(r"<[^>]+>")
_CHECKBOX = re.compile(r"<input\b([^>]*)>", re.IGNORECASE)


def clean_cell(cell: str) -> str:
    """Strip HTML from a cell; a checkbox becomes ☑ or ☐."""
    if "<" not in cell:
        return cell.strip()
    cell = _CHECKBOX.sub(lambda m: "☑" if "checked" in m.group(1).lower() else "☐", cell)
    cell = re.sub(r"</p>\s*<p>", "\n", cell, flags=re.IGNORECASE)
    return _TAG.sub("", cell).replace("&nbsp;", " ").replace("&amp;", "&").strip()


class _TableParser(HTMLParser):
    """Rows of an HTML table; a cell with colspan=n is followed by n-1 empty cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
            span = dict(attrs).get("colspan") or "1"
            self._span = int(span) if span.isdigit() and 0 < int(span) < 100 else 1
        elif tag == "input" and self._cell is not None:
            self._cell.append("☑" if any(k == "checked" for k, _ in attrs) else "☐")
        elif tag in ("br", "p") and self._cell:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append("".join(self._cell).strip())
            self.rows[-1].extend([""] * (self._span - 1))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse_html_table(html: str) -> list[list[str]]:
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return [row for row in parser.rows if any(cell for cell in row)]


def blocks(text: str, file: str = "") -> list[Block]:
    """Split a disclosure's text into text lines and grids, in reading order."""
    out: list[Block] = []
    lines = text.splitlines()
    grid_rows: list[tuple[str, ...]] = []
    grid_lines: list[Location] = []
    i = 0

    def flush_grid() -> None:
        if grid_rows:
            out.append(Grid(tuple(grid_rows), tuple(grid_lines)))
            grid_rows.clear()
            grid_lines.clear()

    while i < len(lines):
        raw = lines[i]
        number = i + 1
        stripped = raw.strip()
        if stripped.lower().startswith("<table"):
            end = i
            while end < len(lines) and "</table>" not in lines[end].lower():
                end += 1
            html = "\n".join(lines[i : end + 1])
            for row in parse_html_table(html):
                grid_rows.append(tuple(row))
                grid_lines.append(Location(file, line=number))
            i = end + 1
            continue
        if "\t" in raw:
            grid_rows.append(tuple(clean_cell(c) for c in raw.split("\t")))
            grid_lines.append(Location(file, line=number))
            i += 1
            continue
        if not stripped:
            i += 1
            continue
        flush_grid()
        out.append(TextLine(" ".join(clean_cell(stripped).split()), Location(file, line=number)))
        i += 1
    flush_grid()
    return join_broken(out)


def join_broken(items: list[Block]) -> list[Block]:
    """Join a text line that stops mid-sentence with the line that continues it."""
    joined: list[Block] = []
    for item in items:
        previous = joined[-1] if joined else None
        if (
            isinstance(item, TextLine)
            and isinstance(previous, TextLine)
            and not previous.text.endswith(_TERMINAL)
            and not _STARTS_NEW.match(item.text)
            and not METADATA_LINE.match(previous.text)  # 单位：万元 is a line of its own
            and _is_prose(previous.text)
        ):
            joined[-1] = TextLine(previous.text + item.text, previous.where)
        else:
            joined.append(item)
    return joined


_CLAUSE_MARK = re.compile(r"[，、。；：,;]")


def _is_prose(text: str) -> bool:
    """A sentence cut by a page: it has clause punctuation, which titles and labels lack."""
    numbered = _STARTS_NEW.match(text)
    body = text[numbered.end() :] if numbered else text
    return bool(_CLAUSE_MARK.search(body))
