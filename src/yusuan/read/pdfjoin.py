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
    """
    out: list[Block] = []
    pending: list[TextLine] = []  # row-like lines at the top of a page, between two grids
    heads: set[str] = set()  # header pieces printed above a grid (收 入), repeated above its continuation
    for item in items:
        previous = out[-1] if out else None
        if (
            isinstance(item, TextLine)
            and isinstance(previous, Grid)
            and item.where.page != previous.wheres[-1].page
            and (_ROW_LINE.match(item.text) or "".join(item.text.split()) in heads)
        ):
            if _ROW_LINE.match(item.text):
                pending.append(item)
            continue
        if isinstance(item, Grid):
            heads = {"".join(b.text.split()) for b in out[-2:] if isinstance(b, TextLine) and len(b.text) <= 12}
        if (
            isinstance(item, Grid)
            and isinstance(previous, Grid)
            and previous.boxes is not None
            and item.boxes is not None
            and item.where.page != previous.wheres[-1].page
        ):
            out[-1] = _append(_with_lines(previous, pending), item)
        else:
            out.extend(pending)
            out.append(item)
        pending = []
    out.extend(pending)
    return out


_ROW_LINE = re.compile(r"^\d{3}(?:\d{2}){0,2}\s+\S.*?\s(?:[\d,]+\.\d+)$")


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
    lacks it: a 申报表 whose first page prints only 项目名称 | 名称) becomes a new column.
    """
    assert first.boxes is not None and more.boxes is not None
    spans = _spans(first.boxes, len(first.rows[0]))
    coming = [span for span in _spans(more.boxes, len(more.rows[0]) if more.rows else 0) if span[0] == span[0]]
    spans = [_divided(known, coming) for known in spans]
    added = [span for span in coming if all(_clear(span, known) for known in spans)]
    if added:
        spans, first = _widened(first, spans, added)
    width = len(spans)
    rows: list[tuple[str, ...]] = []
    wheres: list[Location] = []
    boxes_out: list[tuple[BBox | None, ...]] = []
    for row, where, boxes in zip(more.rows, more.wheres, more.boxes, strict=True):
        cells = [""] * width
        cell_boxes: list[BBox | None] = [None] * width
        for text, box in zip(row, boxes, strict=False):
            if not text or box is None:
                continue
            center = (box[0] + box[2]) / 2
            covered = [c for c, (a, b) in enumerate(spans) if box[0] - 1.0 <= (a + b) / 2 <= box[2] + 1.0]
            # a merged cell goes to the leftmost column it covers (as the page's own grid has it)
            column = covered[0] if len(covered) > 1 else min(range(width), key=lambda c: _distance(spans[c], center))
            cells[column] = f"{cells[column]} {text}".strip()
            cell_boxes[column] = box
        if not rows and _repeats_header(cells, first.rows[:6]):
            continue  # the header printed again on the new page
        rows.append(tuple(cells))
        wheres.append(where)
        boxes_out.append(tuple(cell_boxes))
    assert first.boxes is not None
    return Grid(first.rows + tuple(rows), first.wheres + tuple(wheres), first.boxes + tuple(boxes_out))


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
