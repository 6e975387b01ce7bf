"""A Document → a Word file: A4 pages, CJK fonts, real bordered tables, page numbers.

Paragraphs and tables come in the order of ``blocks.layout``; table header rows are marked to
repeat on each page, the first header row's merged cells are merged, amounts are right-aligned.
The East-Asian font and language are set on the styles (``w:rFonts w:eastAsia``, ``w:lang
w:eastAsia="zh-CN"``) so Word does not fall back to a Latin font for Chinese text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from yusuan.errors import MissingExtra
from yusuan.model.document import Document
from yusuan.write.blocks import CellKind, Grid, Style, TableLayout, Text, column_shares, layout, row_spans

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


def write(document: Document, path: Path) -> Path:
    """Write the document as a .docx file."""
    try:
        import docx
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt
    except ModuleNotFoundError as exc:
        raise MissingExtra(f"pip install 'yusuan[docx]'（缺少 {exc.name}）") from None
    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(22)
    _fonts(word, Pt)
    style_id = _table_text_style(word, Pt)
    _page_numbers(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER)
    for item in layout(document):
        if isinstance(item, Text):
            _paragraph(word, item, WD_ALIGN_PARAGRAPH, Pt)
            continue
        for k, line in enumerate(item.titles):
            paragraph = _paragraph(word, line, WD_ALIGN_PARAGRAPH, Pt)
            if k == 0 and item.own_page:
                paragraph.paragraph_format.page_break_before = True
        _table(word, item, style_id)
        for line in item.notes:
            _paragraph(word, line, WD_ALIGN_PARAGRAPH, Pt)
    word.save(str(path))
    return path


def _east_asian(element: Any, font: str) -> None:
    """Set ``w:rFonts w:eastAsia`` and ``w:lang w:eastAsia="zh-CN"`` on a style's run properties."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


TABLE_TEXT = "Table Text"


def _table_text_style(word: Any, pt: Any) -> str:
    """A paragraph style for table cells: Normal at 9 pt, with no space around it; returns its id."""
    from docx.enum.style import WD_STYLE_TYPE

    style = word.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = word.styles["Normal"]
    style.font.size = pt(9)
    style.paragraph_format.space_before = style.paragraph_format.space_after = pt(0)
    return str(style.style_id)


def _fonts(word: Any, pt: Any) -> None:
    for name, font, size in (("Normal", SERIF, 11), ("Title", SANS, 22), ("Heading 1", SANS, 15)):
        style = word.styles[name]
        style.font.name = font
        style.font.size = pt(size)
        _east_asian(style.element, font)


def _paragraph(word: Any, item: Text, align: Any, pt: Any) -> Any:
    if item.style == Style.TITLE:
        paragraph = word.add_paragraph(item.text, style="Title")
        paragraph.alignment = align.CENTER
    elif item.style == Style.PART:
        paragraph = word.add_paragraph(item.text, style="Heading 1")
    else:
        paragraph = word.add_paragraph(item.text)
        if item.style in (Style.TABLE_NUMBER, Style.TABLE_TITLE, Style.TABLE_META):
            paragraph.paragraph_format.keep_with_next = True  # a table's title stays on its page
        if item.style == Style.TABLE_TITLE:
            paragraph.alignment = align.CENTER
            for run in paragraph.runs:
                run.bold = True
        elif item.style == Style.PARAGRAPH:
            paragraph.paragraph_format.first_line_indent = pt(22)
        elif item.style == Style.NOTE:
            for run in paragraph.runs:
                run.font.size = pt(9)
    return paragraph


def _table(word: Any, item: TableLayout, style_id: str) -> None:
    """The table as WordprocessingML written out at once and parsed in one go: building it cell by
    cell through python-docx's object layer took most of the writing time.

    Every cell has its width (``w:tcW``: python-docx would give each an equal width, which Word
    prefers over the grid), a 9 pt ``Table Text`` paragraph per line (Normal's size would win over a
    table style's), amounts right-aligned, headings bold; header rows repeat on every page and merged
    cells (``row_spans``) span columns (``w:gridSpan``)."""
    from docx.oxml import parse_xml

    grid: Grid = item.grid
    if not grid.rows:
        return
    twips = _column_widths(grid)
    rows = []
    for i, row in enumerate(grid.rows):
        cells = []
        for start, end in row_spans(grid, i):
            cell = row[start]
            span = f'<w:gridSpan w:val="{end - start}"/>' if end - start > 1 else ""
            align = '<w:jc w:val="right"/>' if cell.kind == CellKind.AMOUNT else ""
            bold = "<w:rPr><w:b/></w:rPr>" if cell.kind == CellKind.HEADER else ""
            paragraphs = "".join(
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{align}</w:pPr>'
                + (f'<w:r>{bold}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else "")
                + "</w:p>"
                for line in cell.text.split("\n")
            )
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{sum(twips[start:end])}" w:type="dxa"/>{span}</w:tcPr>{paragraphs}</w:tc>'
            )
        header = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' if i < grid.header else ""
        rows.append(f"<w:tr>{header}{''.join(cells)}</w:tr>")
    columns = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    table = parse_xml(
        f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:jc w:val="center"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{columns}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    word.element.body._insert_tbl(table)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_WIDTH_TWIPS = 9638  # 170 mm: A4 less the 20 mm margins, in twentieths of a point


def _column_widths(grid: Grid) -> list[int]:
    """The columns' widths in twips (see ``column_shares``)."""
    return [int(TEXT_WIDTH_TWIPS * share) for share in column_shares(grid)]


def _page_numbers(paragraph: Any, center: Any) -> None:
    """A PAGE field in the footer: 第 N 页."""
    from docx.oxml.ns import qn

    paragraph.alignment = center
    paragraph.add_run("第 ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = run._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
        elif text == " PAGE ":
            element = run._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
            element.text = text
        else:
            element = run._r.makeelement(qn("w:t"), {})
            element.text = text
        run._r.append(element)
    paragraph.add_run(" 页")
