"""A Word .docx file → a stream of blocks (text lines and grids), in body order.

Paragraphs and tables are read as they stand in the body, interleaved; a merged table cell
appears once, followed by "" for the columns it spans and in the rows it covers below, so
``recognize`` sees the same grid as from the text of the same table. Before python-docx
parses anything, the package is checked: an encrypted file, a damaged archive, a zip bomb
or XML declaring a DOCTYPE/ENTITY is refused by the package checks of ``yusuan.read.ooxml``.
DOCX has no fixed pages, so a location gives the 1-based index of the paragraph or table
row in the body as ``line``.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.errors import CorruptInput, MissingExtra, UnsupportedFormat
from yusuan.model.location import Location
from yusuan.read.blocks import Block, Grid, TextLine
from yusuan.read.ooxml import check_package, refuse_ole
from yusuan.read.text import join_broken

if TYPE_CHECKING:
    from docx.oxml.table import CT_Row, CT_Tbl
    from docx.oxml.xmlchemy import BaseOxmlElement


def blocks(path: Path) -> list[Block]:
    """Text lines and grids of a .docx file, in body order.

    Raises:
        UnreadableInput: the file is encrypted, damaged, unsafe to unpack, or not a Word document.
    """
    refuse_ole(path)
    check_package(path)
    try:
        # python-docx is imported here, not above, so the workbook reader can use the package
        # checks without it.
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ModuleNotFoundError as exc:
        raise MissingExtra(f"pip install 'yusuan[docx]'（缺少 {exc.name}）") from None
    try:
        document = docx.Document(str(path))
    except ValueError as exc:  # the main part is not a Word document (e.g. a .docm template)
        raise UnsupportedFormat(f"{path.name}（不是 Word .docx 文档：{exc}）") from None
    except (PackageNotFoundError, KeyError, SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        # SyntaxError covers lxml's XMLSyntaxError: a part that is not well-formed XML.
        raise CorruptInput(f"{path.name}（{type(exc).__name__}：{exc}）") from None
    return join_broken(list(_body_blocks(document.element.body, path.name)))


# --- the body -------------------------------------------------------------------------------


def _tag(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


_P, _R, _TBL, _TC, _TR = (_tag(n) for n in ("p", "r", "tbl", "tc", "tr"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = (_tag(n) for n in ("sdt", "sdtContent", "customXml"))
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _body_blocks(body: BaseOxmlElement, file: str) -> Iterator[Block]:
    index = 0
    for element in _children(body):
        if element.tag == _P:
            index += 1
            text = _paragraph_text(element)
            if text:
                yield TextLine(text, Location(file, line=index))
        elif element.tag == _TBL:
            rows: list[tuple[str, ...]] = []
            wheres: list[Location] = []
            for cells in _table_rows(element):
                index += 1
                if any(cells):
                    rows.append(cells)
                    wheres.append(Location(file, line=index))
            if rows:
                width = max(len(r) for r in rows)
                yield Grid(tuple((*r, *([""] * (width - len(r)))) for r in rows), tuple(wheres))


def _children(element: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Child elements, looking through content controls and custom XML to what they hold."""
    for child in element.iterchildren():
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child)
        else:
            yield child


def _paragraph_text(p: BaseOxmlElement) -> str:
    """A paragraph's text on one line, spaces collapsed."""
    return " ".join(_raw_text(p).split())


def _raw_text(p: BaseOxmlElement) -> str:
    """The paragraph's runs, including those in tracked insertions, fields, smart tags and
    content controls (python-docx's ``Paragraph.text`` reads only direct runs and hyperlinks);
    deleted text is ``w:delText`` and so left out, and a text box's paragraphs are its own."""
    parts: list[str] = []
    for run in p.iter(_R):
        parent = run.getparent()
        while parent is not None and parent.tag not in (_P, _FALLBACK):
            parent = parent.getparent()
        if parent is p:
            parts.append(str(run.text or ""))
    return "".join(parts)


def _cell_text(tc: BaseOxmlElement) -> str:
    """A cell's text, one line per paragraph or line break; a table nested in it adds its text."""
    lines = (" ".join(line.split()) for p in tc.iter(_P) for line in _raw_text(p).split("\n"))
    return "\n".join(line for line in lines if line)


def _table_rows(tbl: CT_Tbl) -> Iterator[tuple[str, ...]]:
    for tr in _children(tbl):
        if tr.tag == _TR:
            yield _row_cells(tr)


def _row_cells(tr: CT_Row) -> tuple[str, ...]:
    cells: list[str] = [""] * tr.grid_before
    for tc in _children(tr):
        if tc.tag != _TC:
            continue
        span = max(1, tc.grid_span)
        vmerge = tc.vMerge
        continued = vmerge is not None and vmerge != "restart"
        cells.append("" if continued else _cell_text(tc))
        cells.extend([""] * (span - 1))
    cells.extend([""] * tr.grid_after)
    return tuple(cells)
