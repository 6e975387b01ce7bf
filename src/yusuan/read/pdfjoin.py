"""Tables continued across pages, joined into one grid (the PDF reader's last step).

A table that goes on over a page break comes out of the table finder as one grid per page: the
continuation repeats the header or not, may leave out a column the first page printed (or print
one the first page left empty), and converters sometimes print its first rows as loose text lines.
"""

from __future__ import annotations

import itertools
import re

from yusuan.model.location import Location
from yusuan.read.blocks import BBox, Block, Grid, TextLine


def merge_continued(items: list[Block]) -> list[Block]:
    """A table continued on the next page (two grids with nothing between) becomes one grid.

    The continuation's cells are put in the first part's columns by their horizontal position
    (a column empty on one page is missing from its grid), and header rows it repeats are dropped.
    Lines atop the new page that are a row cut by the page break (its upper rule on the page
    before, so the table finder does not see its cells) become the continuation's first row when
    each stands in one column of it; else they stay text and the two grids apart.
    """
    out: list[Block] = []
    pending: list[TextLine] = []  # row-like lines at the top of a page, between two grids
    loose: list[TextLine] = []  # other lines atop a page after a grid: a cut row, or text
    heads: set[str] = set()  # header pieces printed above a grid (收 入), repeated above its continuation
    for k, item in enumerate(items):
        if loose and item.where.page != loose[0].where.page:
            out.extend(loose)
            loose = []
        previous = out[-1] if out else None
        after_grid = isinstance(previous, Grid) and item.where.page != previous.wheres[-1].page
        if isinstance(item, TextLine) and after_grid and not loose:
            if _ROW_LINE.match(item.text):
                pending.append(item)
                continue
            if "".join(item.text.split()) in heads or _header_piece(item, items[k + 1] if k + 1 < len(items) else None):
                continue
        if isinstance(item, TextLine) and after_grid and not pending:
            loose.append(item)
            continue
        if isinstance(item, Grid):
            heads = {"".join(b.text.split()) for b in out[-2:] if isinstance(b, TextLine) and len(b.text) <= 12}
        continued = (
            isinstance(item, Grid)
            and isinstance(previous, Grid)
            and previous.boxes is not None
            and item.boxes is not None
            and after_grid
        )
        if continued and loose:
            assert isinstance(item, Grid)
            cut = _cut_row(loose, item)
            if cut is None:
                continued = False
            else:
                item, loose = cut, []
        out.extend(loose)
        loose = []
        if continued:
            assert isinstance(previous, Grid) and isinstance(item, Grid)
            out[-1] = _append(_with_lines(previous, pending), item)
        else:
            out.extend(pending)
            out.append(item)
        pending = []
    out.extend(pending)
    out.extend(loose)
    return out


def _cut_row(lines: list[TextLine], grid: Grid) -> Grid | None:
    """``grid`` with ``lines`` (printed just above it) as its first row, or None unless each line
    stands within one of its columns, or spans n of them with n words (分散自行组织 2.00)."""
    assert grid.boxes is not None
    if not grid.rows:
        return None
    spans = _spans(grid.boxes, len(grid.rows[0]))
    top = min((box[1] for row in grid.boxes for box in row if box is not None), default=0.0)
    placed: dict[int, list[tuple[float, str]]] = {}
    for line in lines:
        box = line.where.bbox
        if box is None or box[3] > top + 1.0 or box[1] < top - 60.0 or re.search(r"表|单位[:：]", line.text):
            return None
        covered = [c for c, (a, b) in enumerate(spans) if a == a and min(b, box[2]) - max(a, box[0]) > 2.0]
        words = line.text.split()
        if len(covered) == 1:
            placed.setdefault(covered[0], []).append((box[1], line.text.strip()))
        elif len(covered) == len(words) > 1:
            for column, word in zip(covered, words, strict=True):
                placed.setdefault(column, []).append((box[1], word))
        else:
            return None
    cells = tuple(cell_text("\n".join(text for _, text in sorted(placed.get(c, [])))) for c in range(len(spans)))
    high = min(line.where.bbox[1] for line in lines if line.where.bbox is not None)
    boxes = tuple((a, high, b, top) if c in placed else None for c, (a, b) in enumerate(spans))
    return Grid((cells, *grid.rows), (lines[0].where, *grid.wheres), (boxes, *grid.boxes))


def cell_text(text: str | None) -> str:
    """A cell's lines joined: with a space between two Latin words (the line wrapped at it), without
    one after a slash or a hyphen (GB/ | T 37668, 2021- | 2023 wrap there too) or beside Chinese."""
    if not text:
        return ""
    lines = [part.strip() for part in text.split("\n")]
    joined = lines[0] if lines else ""
    for part in lines[1:]:
        if joined and part and joined[-1] not in "/-" and joined[-1].isascii() and part[0].isascii():
            joined += " " + part
        else:
            joined += part
    return joined


_ROW_LINE = re.compile(r"^\d{3}(?:\d{2}){0,2}\s+\S.*?\s(?:[\d,]+\.\d+)$")


def _header_piece(line: TextLine, following: Block | None) -> bool:
    """A lone header cell atop a continued table (支出用途 over the 支出 half of the high court's
    表四 on its second page), which the table reader takes for a title: a short label with no
    number, 表 or 单位, centred over the grid that follows it on its page."""
    text = "".join(line.text.split())
    if not isinstance(following, Grid) or following.boxes is None or line.where.bbox is None:
        return False
    if following.wheres[0].page != line.where.page or len(text) > 12 or re.search(r"表|单位|[:：\d]", text):
        return False
    boxes = [box for row in following.boxes for box in row if box is not None]
    if not boxes:
        return False
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    x0, top, x1, _ = line.where.bbox
    return left <= (x0 + x1) / 2 <= right and top <= min(b[1] for b in boxes)


def _with_lines(grid: Grid, lines: list[TextLine]) -> Grid:
    """Rows printed as text above a continuation (``30108 名称 1,326.81``): code, name, amount."""
    width = len(grid.rows[0])
    rows, wheres, boxes = list(grid.rows), list(grid.wheres), list(grid.boxes or ())
    for line in lines:
        code, rest = line.text.split(maxsplit=1)
        name, amount = rest.rsplit(maxsplit=1)
        if width < 3:
            return grid
        rows.append((code, name, *([""] * (width - 3)), amount))
        wheres.append(line.where)
        if grid.boxes is not None:
            boxes.append((None,) * width)
    return Grid(tuple(rows), tuple(wheres), tuple(boxes) if grid.boxes is not None else None)


def _append(first: Grid, more: Grid) -> Grid:
    """``more`` (the next page's part) under ``first``, cell by cell in the column it stands in.

    A continuation cell goes to the first part's column nearest its centre; a continuation column
    standing clear of every column of the first part (one the first page left empty, so its grid
    lacks it: a 申报表 whose first page prints only 项目名称 | 名称) becomes a new column. A first
    part that is only merged header cells over the continuation's columns (收入 | 支出 over 项目名称 |
    金额 | 项目名称 | 金额) is put in the continuation's columns instead.
    """
    assert first.boxes is not None and more.boxes is not None
    spans = _spans(first.boxes, len(first.rows[0]))
    finer = _spans(more.boxes, len(more.rows[0]) if more.rows else 0)
    if len(finer) > len(spans) and _header_over(first, finer):
        first = _placed_grid(first, finer)
        spans = finer
    coming = [span for span in finer if span[0] == span[0]]
    spans = [_divided(known, coming) for known in spans]
    added = [span for span in coming if all(_clear(span, known) for known in spans)]
    if added:
        spans, first = _widened(first, spans, added)
    rows: list[tuple[str, ...]] = []
    wheres: list[Location] = []
    boxes_out: list[tuple[BBox | None, ...]] = []
    for row, where, boxes in zip(more.rows, more.wheres, more.boxes, strict=True):
        cells, cell_boxes = _placed(row, boxes, spans)
        if not rows and _repeats_header(cells, first.rows[:6]):
            continue  # the header printed again on the new page
        rows.append(tuple(cells))
        wheres.append(where)
        boxes_out.append(tuple(cell_boxes))
    assert first.boxes is not None
    return Grid(first.rows + tuple(rows), first.wheres + tuple(wheres), first.boxes + tuple(boxes_out))


def _placed(
    row: tuple[str, ...], boxes: tuple[BBox | None, ...], spans: list[tuple[float, float]]
) -> tuple[list[str], list[BBox | None]]:
    """A row's cells in the columns ``spans``: each where it stands, a merged cell in the leftmost
    column it covers (as the page's own grid has it)."""
    cells = [""] * len(spans)
    cell_boxes: list[BBox | None] = [None] * len(spans)
    for text, box in zip(row, boxes, strict=False):
        if not text or box is None:
            continue
        center = (box[0] + box[2]) / 2
        covered = [c for c, span in enumerate(spans) if _covers(box, span)]
        column = covered[0] if len(covered) > 1 else min(range(len(spans)), key=lambda c: _distance(spans[c], center))
        cells[column] = f"{cells[column]} {text}".strip()
        cell_boxes[column] = box
    return cells, cell_boxes


def _header_over(first: Grid, finer: list[tuple[float, float]]) -> bool:
    """The first part is a header row or two whose every cell spans columns of the continuation."""
    assert first.boxes is not None
    if len(first.rows) > 2 or any(span[0] != span[0] for span in finer):
        return False
    boxes = [box for row in first.boxes for box in row if box is not None]
    return bool(boxes) and all(sum(_covers(box, span) for span in finer) >= 2 for box in boxes)


def _covers(box: BBox, span: tuple[float, float]) -> bool:
    """The cell stands over the column's middle (give or take a point)."""
    return box[0] - 1.0 <= (span[0] + span[1]) / 2 <= box[2] + 1.0


def _placed_grid(grid: Grid, spans: list[tuple[float, float]]) -> Grid:
    assert grid.boxes is not None
    placed = [_placed(row, boxes, spans) for row, boxes in zip(grid.rows, grid.boxes, strict=True)]
    return Grid(tuple(tuple(c) for c, _ in placed), grid.wheres, tuple(tuple(b) for _, b in placed))


def _spans(boxes: tuple[tuple[BBox | None, ...], ...], width: int) -> list[tuple[float, float]]:
    """Each column's horizontal extent: its narrowest cell (nan for a column with no box)."""
    spans: list[tuple[float, float]] = []
    for column in range(width):
        known = [box for row in boxes if column < len(row) and (box := row[column]) is not None]
        narrowest = min(known, key=lambda b: b[2] - b[0]) if known else None
        spans.append((narrowest[0], narrowest[2]) if narrowest else (float("nan"), float("nan")))
    return spans


def _divided(known: tuple[float, float], coming: list[tuple[float, float]]) -> tuple[float, float]:
    """A column of the first part that the continuation prints as several (a 申报表's phone number
    spanning the columns its indicators fill on the next page) narrowed to the first of them: the
    others then stand clear of it and become columns of their own."""
    inside = sorted(span for span in coming if known[0] - 1.0 <= span[0] and span[1] <= known[1] + 1.0)
    if len(inside) < 2 or abs(inside[0][0] - known[0]) > 1.0 or abs(inside[-1][1] - known[1]) > 1.0:
        return known
    if any(abs(b[0] - a[1]) > 1.0 for a, b in itertools.pairwise(inside)):
        return known  # they must tile it
    return inside[0]


def _clear(span: tuple[float, float], known: tuple[float, float]) -> bool:
    """The two columns do not overlap (a shared ruling, give or take a point, is not overlap)."""
    if known[0] != known[0]:
        return True
    return span[0] >= known[1] - 1.0 or span[1] <= known[0] + 1.0


def _widened(
    grid: Grid, spans: list[tuple[float, float]], added: list[tuple[float, float]]
) -> tuple[list[tuple[float, float]], Grid]:
    """The grid with empty columns for ``added`` spans, every column in order of position."""
    assert grid.boxes is not None
    # a column with no box keeps its place after the column before it
    keyed: list[tuple[tuple[float, int, int], tuple[float, float], int | None]] = []
    last = float("-inf")
    for j, span in enumerate(spans):
        last = span[0] if span[0] == span[0] else last
        keyed.append(((last, 0, j), span, j))
    keyed.extend(((span[0], 1, k), span, None) for k, span in enumerate(added))
    keyed.sort(key=lambda item: item[0])
    order = [j for _, _, j in keyed]
    rows = tuple(tuple(row[j] if j is not None else "" for j in order) for row in grid.rows)
    boxes = tuple(tuple(row[j] if j is not None else None for j in order) for row in grid.boxes)
    return [span for _, span, _ in keyed], Grid(rows, grid.wheres, boxes)


def _distance(span: tuple[float, float], x: float) -> float:
    low, high = span
    if low != low:  # nan: a column with no box
        return float("inf")
    return 0.0 if low <= x <= high else min(abs(low - x), abs(high - x))


def _repeats_header(cells: list[str], heads: tuple[tuple[str, ...], ...]) -> bool:
    """The same labels as one of the first rows (merged header cells may land in other columns)."""
    texts = {"".join(c.split()) for c in cells if c.strip()}
    return bool(texts) and any(texts == {"".join(c.split()) for c in head if c.strip()} for head in heads)
