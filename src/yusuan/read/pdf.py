"""PDF → blocks: ruled tables as grids with cell boxes, the rest as text lines, page by page.

PDFium (pypdfium2) gives each page's characters and ruling lines; ``pdfgrid`` finds the ruled
tables from them (as pdfplumber's lines strategy does, at about ten times its speed). Cells are
re-aligned to columns by their horizontal position, because converters print merged and spacer
cells that shift one row against another. Text outside the tables becomes lines in reading
order; page numbers are dropped; a table continued on the next page is joined to its start (``pdfjoin``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from yusuan.errors import CorruptInput, EncryptedInput, InputTooLarge, NeedsOCR
from yusuan.model.location import Location
from yusuan.read import pdfgrid
from yusuan.read.blocks import BBox, Block, Grid, TextLine
from yusuan.read.pdfjoin import cell_text, merge_continued
from yusuan.read.text import ITEM_NUMBER, METADATA_LINE, join_broken

MAX_PAGES = 2000
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?[-—–\s]*$|^\d+\s*/\s*\d+$")


def blocks(path: Path) -> list[Block]:
    """Every page's text lines and tables, in reading order.

    Raises:
        EncryptedInput, CorruptInput, InputTooLarge, NeedsOCR
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedInput() from None
        raise CorruptInput(path.name) from None
    out: list[Block] = []
    number = 0
    with_text = 0
    try:
        if len(pdf) > MAX_PAGES:
            raise InputTooLarge(f"{len(pdf)} 页，上限为 {MAX_PAGES} 页。")
        for number in range(1, len(pdf) + 1):
            page = pdf[number - 1]
            textpage = None
            try:
                textpage = page.get_textpage()
                if textpage.count_chars():  # a page with no text layer (a scan) has nothing to read
                    with_text += 1
                    out.extend(_page_blocks(page, textpage, number, path.name))
            finally:
                if textpage is not None:
                    textpage.close()
                page.close()
    except InputTooLarge:
        raise
    except Exception as exc:  # PDFium or the layout code on a damaged page
        where = f"第 {number} 页" if number else "页面目录"
        raise CorruptInput(f"{path.name}（{where}：{type(exc).__name__}）") from None
    finally:
        pdf.close()
    if number and not with_text:
        raise NeedsOCR(f"（{path.name}，共 {number} 页）")
    return merge_continued(join_broken(_join_full_lines(out)))


def _join_full_lines(items: list[Block]) -> list[Block]:
    """Join a line that runs to the page's right margin with the line after it: a paragraph wrapped
    by the page (…财政拨款基本 / 支出预算 18570.82 万元), even where no punctuation shows it.

    "Runs to the margin" means the next line's first unbreakable piece (one CJK character, or a
    number such as 1375.37 with what clings to it) would not have fitted after it.
    """
    right: dict[int | None, float] = {}
    left: dict[int | None, float] = {}
    for item in items:
        if isinstance(item, TextLine) and item.where.bbox:
            right[item.where.page] = max(right.get(item.where.page, 0.0), item.where.bbox[2])
            left[item.where.page] = min(left.get(item.where.page, item.where.bbox[0]), item.where.bbox[0])
    full: dict[int | None, int] = {}  # lines that reach the right margin: a page of running text has several
    for item in items:
        if (
            isinstance(item, TextLine)
            and item.where.bbox
            and item.where.bbox[2] >= right[item.where.page] - _CHAR_WIDTH
        ):
            full[item.where.page] = full.get(item.where.page, 0) + 1
    out: list[Block] = []
    for item in items:
        previous = out[-1] if out else None
        if (
            isinstance(item, TextLine)
            and isinstance(previous, TextLine)
            and previous.where.page == item.where.page
            and previous.where.bbox
            and item.where.bbox
            and previous.where.bbox[2]
            >= right[item.where.page]
            - _leading_width(item, left[item.where.page] if full[item.where.page] > 1 else None)
            and 0 < item.where.bbox[1] - previous.where.bbox[3] < 2 * (previous.where.bbox[3] - previous.where.bbox[1])
            and not _NEW_PARAGRAPH.match(item.text)
            and not METADATA_LINE.match(previous.text.strip())
            and not METADATA_LINE.match(item.text.strip())
            and not previous.text.endswith(("。", "：", ":", "；"))
        ):
            out[-1] = TextLine(previous.text + item.text, previous.where)
        else:
            out.append(item)
    return out


_CHAR_WIDTH = 14.0  # about one CJK character at body size, in points
_NARROW = 0.55  # a Latin letter or digit is about this part of a CJK character's width
_NEW_PARAGRAPH = re.compile(
    rf"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|{ITEM_NUMBER}|第[一二三四五六七八九十]+部分|表\s*\d)"
)


_NO_BREAK_AFTER = "（《“‘【〔"
_NO_BREAK_BEFORE = "）》”’】〕，。、；：！？％"


def _leading_width(line: TextLine, margin: float | None) -> float:
    """About how wide the line's first unbreakable piece is: its first word, cut before a second
    CJK character (a line may break between any two), at least one CJK character wide.

    A piece wider than that counts only for a line starting at the page's left ``margin``, as a
    wrapped line does (an indented first line does not continue a line), on a page where several
    lines run to the right margin (None: not a cover page's centred title lines).
    """
    assert line.where.bbox is not None
    if margin is None or line.where.bbox[0] > margin + _CHAR_WIDTH / 2:
        return _CHAR_WIDTH
    size = line.where.bbox[3] - line.where.bbox[1]
    width = 0.0
    wide = False
    previous = ""
    for char in line.text:
        if char.isspace():
            break
        if not char.isascii():
            # no break after an opening bracket nor before closing punctuation: （项） moves whole
            if wide and previous not in _NO_BREAK_AFTER and char not in _NO_BREAK_BEFORE:
                break
            wide = True
        width += size if not char.isascii() else _NARROW * size
        previous = char
    space = _NARROW * size if line.text[:1].isascii() else 0.0  # the space a break before a word took
    return max(_CHAR_WIDTH, width + space)


def _page_blocks(page: Any, textpage: Any, number: int, file: str) -> list[Block]:
    found, lines = pdfgrid.page_layout(page, textpage)
    placed: list[tuple[float, Block]] = []
    for table in found:
        if _worth_keeping(table):
            placed.extend(_table_blocks(table, number, file))
    for line in lines:
        text = " ".join(line.text.split())
        if not text or _PAGE_NUMBER.match(text):
            continue
        bbox = (line.x0, line.top, line.x1, line.bottom)
        placed.append((line.top, TextLine(text, Location(file, page=number, bbox=bbox))))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed]


def _worth_keeping(table: Any) -> bool:
    return any(cell and cell.strip() for row in table.extract() for cell in row)


def _table_blocks(table: Any, page: int, file: str) -> Iterator[tuple[float, Block]]:
    """A table's leading title rows (a single merged cell holding 表名/部门/单位) as text, then its grid."""
    rows = _aligned(table)
    starts = sorted({c[0] for row in table.rows for c in row.cells if c is not None})
    while rows and sum(1 for _, cells in rows if cells) and len([c for c in rows[0][1] if c[1]]) == 1:
        top, cells = rows[0]
        (bbox, text) = next(c for c in cells if c[1])
        if len(rows) > 1 and re.search(r"[0-9]", text) and not re.search(r"单位[:：]|表", text):
            break  # a one-number row (e.g. a lone total) is data, not a title
        if bbox is not None and not _merged(bbox, starts, table.bbox):
            break  # text in one column of its own (a goal atop a continued page) is a row, not a title
        for part in re.split(r"\n", text):
            for piece in _split_metadata(part):
                yield top, TextLine(piece, Location(file, page=page, bbox=bbox))
        rows = rows[1:]
    if not rows:
        return
    width = max(len(cells) for _, cells in rows)
    grid_rows = tuple(tuple(cell_text(text) for _, text in cells) + ("",) * (width - len(cells)) for _, cells in rows)
    grid_boxes = tuple(tuple(bbox for bbox, _ in cells) + (None,) * (width - len(cells)) for _, cells in rows)
    wheres = tuple(Location(file, page=page, bbox=_row_box([b for b in boxes if b])) for boxes in grid_boxes)
    yield rows[0][0], Grid(grid_rows, wheres, grid_boxes)


def _merged(box: BBox, starts: list[float], frame: BBox) -> bool:
    """The cell spans two or more of the table's columns, or (a one-column table) its whole width."""
    if box[2] - box[0] >= 0.9 * (frame[2] - frame[0]):
        return True
    return any(box[0] + 0.5 < x < box[2] - 0.5 for x in starts)


def _split_metadata(text: str) -> list[str]:
    """``部门：X 单位：万元`` printed on one line → two lines recognition reads separately."""
    text = " ".join(text.split())
    parts = re.split(r"\s+(?=(?:金额)?单位[:：])", text)
    return [p for p in parts if p]


def _row_box(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _aligned(table: Any) -> list[tuple[float, list[tuple[BBox | None, str]]]]:
    """Rows of (box, text) re-aligned to the table's real columns.

    The grid has a column for every ruling line, and converters print spacer
    columns and merged cells, so one row's text can sit one grid column off another's. Each
    text cell covers a span of grid columns; spans are joined into logical columns, the
    narrowest first, and a cell spanning two or more logical columns (a merged header such as
    收入预算 over 合计…其他收入) is put in the leftmost of them.
    """
    texts = table.extract()
    # Grid columns from the cells' left edges: a merged cell covers the columns inside its box
    # (an index-based span would run over a column merged down from the row above).
    starts = sorted({round(float(c[0]), 1) for row in table.rows for c in row.cells if c is not None})
    cells: list[tuple[int, int, int, BBox, str]] = []  # row, first column, last column, box, text
    tops: list[float] = []
    for i, row in enumerate(table.rows):
        tops.append(float(row.bbox[1]))
        for j, cell in enumerate(row.cells):
            text = texts[i][j] if j < len(texts[i]) else None
            if cell is None or not text or not text.strip():
                continue
            box = (float(cell[0]), float(cell[1]), float(cell[2]), float(cell[3]))
            first = starts.index(round(box[0], 1))
            last = max(k for k, x in enumerate(starts) if k == first or x < box[2] - 0.5)
            cells.append((i, first, last, box, text.strip()))
    if not cells:
        return []
    components: list[list[int]] = []  # [first, last] grid columns of each logical column
    owner: dict[int, int] = {}  # index into cells → index into components
    order = sorted(range(len(cells)), key=lambda k: (cells[k][2] - cells[k][1], cells[k][1]))
    for k in order:
        _, first, last, _, _ = cells[k]
        hits = [c for c, (a, b) in enumerate(components) if a <= last and first <= b]
        if not hits:
            components.append([first, last])
            owner[k] = len(components) - 1
        elif len(hits) == 1:
            component = components[hits[0]]
            component[0], component[1] = min(component[0], first), max(component[1], last)
            owner[k] = hits[0]
        else:
            owner[k] = min(hits, key=lambda c: components[c][0])
    ranked = sorted(range(len(components)), key=lambda c: components[c][0])
    position = {c: n for n, c in enumerate(ranked)}
    grid: dict[int, dict[int, tuple[BBox, str]]] = {}
    for k, (i, _, _, box, text) in enumerate(cells):
        column = position[owner[k]]
        previous = grid.setdefault(i, {}).get(column)
        grid[i][column] = (box, f"{previous[1]} {text}" if previous else text)
    out = []
    for i in sorted(grid):
        row_cells = [grid[i].get(n, (None, "")) for n in range(len(ranked))]
        out.append((tops[i], [(box, text) for box, text in row_cells]))
    return out
