"""A Document → a Word file: A4 pages, CJK fonts, real bordered tables, page numbers.

Paragraphs and tables come in the order of ``blocks.layout``; table header rows are marked to
repeat on each page, the first header row's merged cells are merged, amounts are right-aligned.
The East-Asian font and language are set on the styles (``w:rFonts w:eastAsia``, ``w:lang
w:eastAsia="zh-CN"``) so Word does not fall back to a Latin font for Chinese text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yusuan.errors import MissingExtra
from yusuan.model.document import Document
from yusuan.write.blocks import CellKind, Grid, Style, TableLayout, Text, layout
from yusuan.write.html import spans

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


def write(document: Document, path: Path) -> Path:
    """Write the document as a .docx file."""
    try:
        import docx
        from docx.enum.table import WD_TABLE_ALIGNMENT
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
        for line in item.titles:
            _paragraph(word, line, WD_ALIGN_PARAGRAPH, Pt)
        _table(word, item, WD_ALIGN_PARAGRAPH.RIGHT, WD_TABLE_ALIGNMENT.CENTER, style_id)
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


def _paragraph(word: Any, item: Text, align: Any, pt: Any) -> None:
    if item.style == Style.TITLE:
        paragraph = word.add_paragraph(item.text, style="Title")
        paragraph.alignment = align.CENTER
    elif item.style == Style.PART:
        word.add_paragraph(item.text, style="Heading 1")
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


def _table(word: Any, item: TableLayout, right: Any, center: Any, style_id: str) -> None:
    grid: Grid = item.grid
    if not grid.rows:
        return
    width = len(grid.rows[0])
    table = word.add_table(rows=len(grid.rows), cols=width)
    table.style = "Table Grid"  # single borders on every cell
    table.alignment = center
    _column_widths(table, grid)
    for i, (row, table_row) in enumerate(zip(grid.rows, table.rows, strict=True)):
        if i < grid.header:
            _repeat_header(table_row)
        cells = table_row.cells  # once per row: table.cell(i, j) walks the whole table
        for j, cell in enumerate(row):
            if not cell.text:
                continue
            first, *rest = cell.text.split("\n")
            target = cells[j]
            paragraphs = [target.paragraphs[0]]
            target.paragraphs[0].text = first
            paragraphs.extend(target.add_paragraph(line) for line in rest)
            for paragraph in paragraphs:
                # 9 pt by a paragraph style (Normal's size would win over a table style's); the id is set
                # directly, as assigning by name looks the style up again for every paragraph
                paragraph._p.get_or_add_pPr().style = style_id
                if cell.kind == CellKind.AMOUNT:
                    paragraph.alignment = right
                if cell.kind == CellKind.HEADER:
                    for run in paragraph.runs:
                        run.bold = True
    if grid.header > 1 and grid.merge_first_row:
        for start, end in spans(grid.rows[0]):
            if end - start > 1:
                table.cell(0, start).merge(table.cell(0, end - 1))


TEXT_WIDTH_TWIPS = 9638  # 170 mm: A4 less the 20 mm margins, in twentieths of a point


def _column_widths(table: Any, grid: Grid) -> None:
    """Columns as wide as their longest line needs (科目名称 wide, 编码 and amounts narrow), not equal.

    Set on the grid and on every cell's ``w:tcW`` directly in the XML: python-docx gives each cell an
    equal width, which Word prefers over the grid, and its ``cell.width`` setter is slow per cell.
    """
    from docx.oxml.ns import qn

    width = len(grid.rows[0])
    need = [4.0] * width
    for i, row in enumerate(grid.rows):
        for j, cell in enumerate(row[:width]):
            longest = max((len(line) for line in cell.text.split("\n")), default=0)
            if i < grid.header:  # a heading may wrap onto two lines; a merged one spans columns anyway
                longest = longest // 2 if not (grid.merge_first_row and i == 0) else 0
            need[j] = max(need[j], min(float(longest), 16.0))
    twips = [int(TEXT_WIDTH_TWIPS * n / sum(need)) for n in need]
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=False):
        column.set(qn("w:w"), str(value))
    for tr in table._tbl.findall(qn("w:tr")):
        for tc, value in zip(tr.findall(qn("w:tc")), twips, strict=False):
            tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if tcw is not None:
                tcw.set(qn("w:w"), str(value))
                tcw.set(qn("w:type"), "dxa")


def _repeat_header(row: Any) -> None:
    """Mark a row as a header row, repeated at the top of each page the table runs onto."""
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    header = trpr.makeelement(qn("w:tblHeader"), {})
    header.set(qn("w:val"), "true")
    trpr.append(header)


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
