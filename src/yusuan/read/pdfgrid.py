"""Ruled tables and text lines of a PDF page, from pypdfium2 alone (fast; no pdfminer).

This re-does pdfplumber's default table finding (the "lines" strategy) and its default text
grouping on the page objects and character boxes pdfium gives, so a page costs milliseconds
instead of the tenths of a second pdfminer spends interpreting it in Python:

1. Rulings: every straight, axis-parallel piece of every path object (stroked lines, thin
   filled rectangles, rectangle outlines, also inside form XObjects) becomes a horizontal or
   vertical edge. Edges within 3 pt of one another across are snapped to their mean position,
   collinear pieces less than 3 pt apart are joined, and edges shorter than 3 pt are dropped.
2. Intersections of horizontal and vertical edges (3 pt tolerance) give the grid points; a cell
   is the smallest rectangle from a point to the points below and to the right of it whose four
   sides run along edges. Cells sharing a corner form one table (single-cell tables are
   dropped); rows are cells of equal top, laid out on the table's column starts, with None for
   a position covered by a merged cell (as pdfplumber's ``Table.rows``).
3. Characters take pdfminer's box (width from the advance, height the font size above the
   descent) so positions agree with pdfplumber's. A character belongs to the cell holding its
   centre. Characters cluster into lines by their tops (3 pt), a line splits into words at a
   blank character or a gap wider than 3 pt, and words are joined by a space; a cell's lines
   are joined by "\\n". The ideographic space U+3000 is kept as text (pdfplumber drops it).
4. Characters outside the tables that hold text become text lines the same way (as
   pdfplumber's ``extract_text_lines()``), with their boxes.

A character pdfium cannot map to Unicode (a font without a ToUnicode map) is written
``(cid:N)`` as pdfminer writes it, so callers can tell an undecodable page from text.

Coordinates are pdfplumber's: points, ``top`` measured down from the page's top edge, on the
page as displayed (``/Rotate`` applied).
"""

from __future__ import annotations

import bisect
import ctypes
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

BBox = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

SNAP_TOLERANCE = 3.0  # rulings closer than this across are one ruling
JOIN_TOLERANCE = 3.0  # collinear pieces closer than this along are one ruling
EDGE_MIN_LENGTH = 3.0  # shorter rulings (after joining) are ignored
EDGE_MIN_LENGTH_PREFILTER = 1.0  # shorter pieces are ignored before joining
INTERSECTION_TOLERANCE = 3.0
X_TOLERANCE = 3.0  # a wider gap between characters starts a new word
Y_TOLERANCE = 3.0  # characters whose tops differ by less are on one line
_AXIS_EPSILON = 1e-3  # a segment this close to axis-parallel counts as parallel
_TIE = 1e-3  # a gap of exactly X_TOLERANCE (give or take float noise) does not split a word
_MAX_FORM_DEPTH = 12

_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table: its box and the cells on the table's column starts."""

    bbox: BBox
    cells: list[BBox | None]


@dataclass(frozen=True)
class Table:
    """A ruled table: its box and its rows top-down."""

    bbox: BBox
    rows: list[Row]
    texts: list[list[str | None]] = field(repr=False, compare=False, default_factory=list)

    def extract(self) -> list[list[str | None]]:
        """Rows of cell texts aligned with ``rows[i].cells`` (None where the cell is None)."""
        return [list(row) for row in self.texts]


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of text outside the tables, with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


class _Char:
    __slots__ = ("blank", "bottom", "text", "top", "upright", "x0", "x1")

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float, upright: bool) -> None:
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.upright = upright
        self.blank = text.isspace() and text != "\u3000"


class _Word:
    __slots__ = ("bottom", "text", "top", "x0", "x1")

    def __init__(self, chars: Sequence[_Char]) -> None:
        self.text = "".join(_LIGATURES.get(c.text, c.text) for c in chars)
        self.x0 = min(c.x0 for c in chars)
        self.top = min(c.top for c in chars)
        self.x1 = max(c.x1 for c in chars)
        self.bottom = max(c.bottom for c in chars)


# ---------------------------------------------------------------------------------------------
# The page frame: PDF user space → displayed, top-down coordinates


class _Frame:
    """Maps PDF user-space points to pdfplumber's (x, top) on the displayed page."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        x0, y0, x1, y1 = (float(v) for v in page.get_mediabox())
        self.rotation = int(page.get_rotation()) % 360
        # (x, top) = (x·a + y·c + e, x·b + y·d + f): pdfminer's page matrix, then top-down.
        self.affine: Matrix = {
            90: (0.0, 1.0, 1.0, 0.0, -y0, -x0),
            180: (-1.0, 0.0, 0.0, 1.0, x1, -y0),
            270: (0.0, -1.0, -1.0, 0.0, y1, x1),
        }.get(self.rotation, (1.0, 0.0, 0.0, -1.0, -x0, y1))
        # The linear part of the rotation pdfminer puts in its page matrix (for "upright").
        self.linear = {90: (0, -1, 1, 0), 180: (-1, 0, 0, -1), 270: (0, 1, -1, 0)}.get(self.rotation, (1, 0, 0, 1))

    def rect(self, left: float, bottom: float, right: float, top: float) -> BBox:
        a, b, c, d, e, f = self.affine
        ax, at = left * a + bottom * c + e, left * b + bottom * d + f
        bx, bt = right * a + top * c + e, right * b + top * d + f
        return (min(ax, bx), min(at, bt), max(ax, bx), max(at, bt))


# ---------------------------------------------------------------------------------------------
# Characters


def _chars(textpage: pdfium.PdfTextPage, frame: _Frame) -> list[_Char]:
    """Every character pdfium read from the content (not the spaces and breaks it generated)."""
    handle = textpage.raw
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_generated = pdfium_c.FPDFText_IsGenerated
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_size = pdfium_c.FPDFText_GetFontSize
    get_matrix = pdfium_c.FPDFText_GetMatrix
    unmapped = pdfium_c.FPDFText_HasUnicodeMapError
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    ra, rb, rc, rd = frame.linear
    plain = frame.rotation == 0
    _, _, _, _, page_left, page_top = frame.affine
    page_left = -page_left
    out: list[_Char] = []
    count = pdfium_c.FPDFText_CountChars(handle)
    last: tuple[float, float] | None = None  # the previous character's (bottom, loose height)
    up = (1.0, 0.0)  # size × the glyph's up vector, in user space
    upright = True
    index = 0
    while index < count:
        code = get_unicode(handle, index)
        at = index
        index += 1
        if code in (0, 0x0A, 0x0D) or 0xDC00 <= code <= 0xDFFF:
            continue
        if 0xD800 <= code <= 0xDBFF and index < count:
            low = get_unicode(handle, index)
            if 0xDC00 <= low <= 0xDFFF:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                index += 1
        text = chr(code)
        if (text.isspace() and is_generated(handle, at)) or not get_box(handle, at, rect):
            continue
        if unmapped(handle, at):
            # A code the font gives no Unicode for (pdfium's guess is the code itself): written
            # as pdfminer writes it, so the reader can tell the page is not readable text.
            text = f"(cid:{code})"
        left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
        # pdfminer's box is the font size tall from the descent; pdfium's "loose" box runs from
        # the descent to the ascent. Keep the descent side and measure the size from it. The
        # size and direction are looked up again only when the loose box changes its bottom or
        # height (a new font, size or direction; reading them costs more than the rest).
        key = (bottom, top - bottom)
        if key != last:
            last = key
            if get_matrix(handle, at, matrix):
                size = get_size(handle, at)
                a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
                up = (size * c, size * d)
                # upright as pdfminer decides it, in its rotated page space
                pa, pb = a * ra + b * rc, a * rb + b * rd
                pc, pd = c * ra + d * rc, c * rb + d * rd
                upright = pa * pd > 0 and pb * pc <= 0
            else:
                up = (0.0, top - bottom)
                upright = True
        ux, uy = up
        if abs(uy) >= abs(ux):
            if uy > 0:
                top = bottom + uy
            elif uy < 0:
                bottom = top + uy
        elif ux > 0:
            right = left + ux
        else:
            left = right + ux
        if plain:
            out.append(_Char(text, left - page_left, page_top - top, right - page_left, page_top - bottom, upright))
        else:
            x0, t, x1, b2 = frame.rect(left, bottom, right, top)
            out.append(_Char(text, x0, t, x1, b2, upright))
    return out


# ---------------------------------------------------------------------------------------------
# Text: characters → words → lines (pdfplumber's WordExtractor with default settings)


def _cluster(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """Value → cluster number; sorted distinct values chain while each is within tolerance."""
    ids: dict[float, int] = {}
    last: float | None = None
    number = -1
    for value in sorted(set(values)):
        if last is None or value > last + tolerance:
            number += 1
        ids[value] = number
        last = value
    return ids


def _group(items: list[Any], key: Callable[[Any], float], tolerance: float, keep_order: bool) -> list[list[Any]]:
    """pdfplumber's cluster_objects: by cluster number (stable), or runs in input order."""
    ids = _cluster((key(item) for item in items), tolerance)
    if keep_order:
        return [list(run) for _, run in itertools.groupby(items, key=lambda item: ids[key(item)])]
    groups: dict[int, list[Any]] = {}
    for item in items:
        groups.setdefault(ids[key(item)], []).append(item)
    return [groups[k] for k in sorted(groups)]


def _words(chars: list[_Char]) -> list[_Word]:
    words: list[_Word] = []
    for upright, run in itertools.groupby(chars, key=lambda c: c.upright):
        run_chars = list(run)
        if upright:
            lines = _group(run_chars, lambda c: c.top, Y_TOLERANCE, keep_order=False)
        else:  # rotated text reads top-down, in columns
            lines = _group(run_chars, lambda c: c.x0, X_TOLERANCE, keep_order=False)
        for line in lines:
            if upright:
                line.sort(key=lambda c: c.x0)
            else:
                line.sort(key=lambda c: (c.top, c.bottom))
            current: list[_Char] = []
            for char in line:
                if char.blank:
                    if current:
                        words.append(_Word(current))
                    current = []
                    continue
                if current:
                    prev = current[-1]
                    if upright:
                        new = char.x0 < prev.x0 or char.x0 > prev.x1 + X_TOLERANCE + _TIE
                        new = new or abs(char.top - prev.top) > Y_TOLERANCE
                    else:
                        new = char.top < prev.top or char.top > prev.bottom + Y_TOLERANCE + _TIE
                        new = new or abs(char.x0 - prev.x0) > X_TOLERANCE
                    if new:
                        words.append(_Word(current))
                        current = []
                current.append(char)
            if current:
                words.append(_Word(current))
    return words


def _text(chars: list[_Char]) -> str:
    """A cell's text: its lines top-down joined by "\\n", words on a line by a space."""
    lines = _group(_words(chars), lambda w: w.top, Y_TOLERANCE, keep_order=False)
    return "\n".join(" ".join(word.text for word in line) for line in lines)


def _text_lines(chars: list[_Char]) -> list[TextLine]:
    out: list[TextLine] = []
    for line in _group(_words(chars), lambda w: w.top, Y_TOLERANCE, keep_order=True):
        text = " ".join(word.text for word in line)
        if text.strip():
            out.append(
                TextLine(
                    text,
                    min(w.x0 for w in line),
                    min(w.top for w in line),
                    max(w.x1 for w in line),
                    max(w.bottom for w in line),
                )
            )
    return out


# ---------------------------------------------------------------------------------------------
# Rulings


class _Edge:
    """A horizontal (position = top, span = x0..x1) or vertical (position = x, span = top..bottom) ruling."""

    __slots__ = ("high", "low", "position")

    def __init__(self, position: float, low: float, high: float) -> None:
        self.position = position
        self.low = low
        self.high = high


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _rulings(page: pdfium.PdfPage, frame: _Frame) -> tuple[list[_Edge], list[_Edge]]:
    horizontal: list[_Edge] = []
    vertical: list[_Edge] = []
    fs_matrix = pdfium_c.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    get_type = pdfium_c.FPDFPageObj_GetType
    get_matrix = pdfium_c.FPDFPageObj_GetMatrix
    count_segments = pdfium_c.FPDFPath_CountSegments
    get_segment = pdfium_c.FPDFPath_GetPathSegment
    get_point = pdfium_c.FPDFPathSegment_GetPoint
    segment_type = pdfium_c.FPDFPathSegment_GetType
    moveto, bezierto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO

    def matrix_of(obj: Any) -> Matrix:
        if not get_matrix(obj, fs_matrix):
            return _IDENTITY
        m = fs_matrix
        return (float(m.a), float(m.b), float(m.c), float(m.d), float(m.e), float(m.f))

    def flush(points: list[tuple[float, float]]) -> None:
        # Each straight piece between consecutive points (as pdfminer makes lines, rectangles
        # and curves into pdfplumber's edges); slanted pieces are not rulings.
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            if abs(ay - by) <= _AXIS_EPSILON:
                if abs(ax - bx) >= EDGE_MIN_LENGTH_PREFILTER:
                    horizontal.append(_Edge((ay + by) / 2, min(ax, bx), max(ax, bx)))
            elif abs(ax - bx) <= _AXIS_EPSILON and abs(ay - by) >= EDGE_MIN_LENGTH_PREFILTER:
                vertical.append(_Edge((ax + bx) / 2, min(ay, by), max(ay, by)))

    def path(obj: Any, m: Matrix) -> None:
        # pdfium's parser ends a closed subpath ("h", "re") with its start point, so the close
        # flag adds no piece.
        a, b, c, d, e, f = m
        points: list[tuple[float, float]] = []
        beziers = 0
        for k in range(count_segments(obj)):
            segment = get_segment(obj, k)
            if not segment or not get_point(segment, px, py):
                continue
            x, y = px.value, py.value
            point = (a * x + c * y + e, b * x + d * y + f)
            kind = segment_type(segment) if k else moveto
            if kind == moveto:
                if len(points) > 1:
                    flush(points)
                points = [point]
                beziers = 0
            elif kind == bezierto:
                beziers += 1
                if beziers % 3 == 0:  # the curve's end point (the first two are its controls)
                    points.append(point)
            else:
                points.append(point)
        if len(points) > 1:
            flush(points)

    def walk(obj: Any, outer: Matrix, depth: int) -> None:
        kind = get_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            path(obj, _compose(matrix_of(obj), outer))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            inner = _compose(matrix_of(obj), outer)
            for k in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                child = pdfium_c.FPDFFormObj_GetObject(obj, k)
                if child:
                    walk(child, inner, depth + 1)

    for k in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
        if obj:
            walk(obj, frame.affine, 0)
    return _merge(horizontal), _merge(vertical)


def _merge(edges: list[_Edge]) -> list[_Edge]:
    """Snap edges to the mean of their position cluster, join collinear pieces, drop short ones."""
    if not edges:
        return []
    ids = _cluster((e.position for e in edges), SNAP_TOLERANCE)
    clusters: dict[int, list[_Edge]] = {}
    for edge in edges:
        clusters.setdefault(ids[edge.position], []).append(edge)
    out: list[_Edge] = []
    for number in sorted(clusters):
        group = clusters[number]
        position = sum(e.position for e in group) / len(group)
        group.sort(key=lambda e: e.low)
        low, high = group[0].low, group[0].high
        for edge in group[1:]:
            if edge.low <= high + JOIN_TOLERANCE:
                high = max(high, edge.high)
            else:
                if high - low >= EDGE_MIN_LENGTH:
                    out.append(_Edge(position, low, high))
                low, high = edge.low, edge.high
        if high - low >= EDGE_MIN_LENGTH:
            out.append(_Edge(position, low, high))
    return out


# ---------------------------------------------------------------------------------------------
# Grid points, cells and tables

Point = tuple[float, float]


def _intersections(horizontal: list[_Edge], vertical: list[_Edge]) -> dict[Point, tuple[set[int], set[int]]]:
    """Grid point → (vertical edge ids, horizontal edge ids) through it."""
    points: dict[Point, tuple[set[int], set[int]]] = {}
    order = sorted(range(len(horizontal)), key=lambda i: horizontal[i].position)
    tops = [horizontal[i].position for i in order]
    tol = INTERSECTION_TOLERANCE
    for vi, v in enumerate(vertical):
        start = bisect.bisect_left(tops, v.low - tol)
        stop = bisect.bisect_right(tops, v.high + tol)
        for hi in order[start:stop]:
            h = horizontal[hi]
            if h.low - tol <= v.position <= h.high + tol:
                entry = points.setdefault((v.position, h.position), (set(), set()))
                entry[0].add(vi)
                entry[1].add(hi)
    return points


def _cells(points: dict[Point, tuple[set[int], set[int]]]) -> list[BBox]:
    """For each grid point, the first rectangle down and right of it closed on all four sides."""
    columns: dict[float, list[float]] = {}
    rows: dict[float, list[float]] = {}
    for x, y in points:
        columns.setdefault(x, []).append(y)
        rows.setdefault(y, []).append(x)
    for values in itertools.chain(columns.values(), rows.values()):
        values.sort()
    cells: list[BBox] = []
    for x, y in sorted(points):
        v_here, h_here = points[(x, y)]
        ys = columns[x]
        xs = rows[y]
        below = [b for b in ys[bisect.bisect_right(ys, y) :] if v_here & points[(x, b)][0]]
        if not below:
            continue
        right = [r for r in xs[bisect.bisect_right(xs, x) :] if h_here & points[(r, y)][1]]
        found = False
        for b in below:
            for r in right:
                corner = points.get((r, b))
                if corner and corner[0] & points[(r, y)][0] and corner[1] & points[(x, b)][1]:
                    cells.append((x, y, r, b))
                    found = True
                    break
            if found:
                break
    return cells


def _tables(cells: list[BBox]) -> list[list[BBox]]:
    """Cells sharing a corner, transitively, make a table; tables top-down, single cells dropped."""
    parent = list(range(len(cells)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                parent[find(i)] = find(j)
    groups: dict[int, list[BBox]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(find(i), []).append(cell)
    tables = [group for group in groups.values() if len(group) > 1]
    tables.sort(key=lambda group: min((c[1], c[0]) for c in group))
    return tables


def _rows(cells: list[BBox]) -> list[Row]:
    xs = sorted({c[0] for c in cells})
    out: list[Row] = []
    for _, group in itertools.groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        by_x = {c[0]: c for c in group}
        present = list(by_x.values())
        bbox = (
            min(c[0] for c in present),
            min(c[1] for c in present),
            max(c[2] for c in present),
            max(c[3] for c in present),
        )
        out.append(Row(bbox, [by_x.get(x) for x in xs]))
    return out


def _fill(rows: list[Row], chars: list[_Char]) -> list[list[str | None]]:
    """Each cell's text from the characters whose centre lies in it (right and bottom edges open)."""
    xs = sorted({v for row in rows for c in row.cells if c for v in (c[0], c[2])})
    ys = sorted({v for row in rows for c in row.cells if c for v in (c[1], c[3])})
    slots: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.cells):
            if cell is None:
                continue
            for xi in range(bisect.bisect_left(xs, cell[0]), bisect.bisect_left(xs, cell[2])):
                for yi in range(bisect.bisect_left(ys, cell[1]), bisect.bisect_left(ys, cell[3])):
                    slots.setdefault((xi, yi), []).append((i, j))
    found: dict[tuple[int, int], list[_Char]] = {}
    for char in chars:
        h = (char.x0 + char.x1) / 2
        v = (char.top + char.bottom) / 2
        xi = bisect.bisect_right(xs, h) - 1
        yi = bisect.bisect_right(ys, v) - 1
        for i, j in slots.get((xi, yi), ()):
            cell = rows[i].cells[j]
            box = rows[i].bbox
            if (
                cell is not None
                and cell[0] <= h < cell[2]
                and cell[1] <= v < cell[3]
                and box[0] <= h < box[2]
                and box[1] <= v < box[3]
            ):
                found.setdefault((i, j), []).append(char)
    out: list[list[str | None]] = []
    for i, row in enumerate(rows):
        texts: list[str | None] = []
        for j, cell in enumerate(row.cells):
            if cell is None:
                texts.append(None)
            else:
                inside = found.get((i, j))
                texts.append(_text(inside) if inside else "")
        out.append(texts)
    return out


# ---------------------------------------------------------------------------------------------


def find_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None) -> list[Table]:
    """The page's ruled tables, top-down (as pdfplumber's ``page.find_tables()``)."""
    return page_layout(page, textpage)[0]


def page_layout(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage | None = None) -> tuple[list[Table], list[TextLine]]:
    """The page's ruled tables, and its text lines outside the tables that hold text.

    A character belongs to a table when its centre lies within one of the table's cells (edges
    included); tables whose cells are all blank do not take their characters from the lines.
    Pass a ``textpage`` already loaded for the page to save loading it again.
    """
    frame = _Frame(page)
    own = textpage is None
    tp = page.get_textpage() if textpage is None else textpage
    try:
        chars = _chars(tp, frame)
    finally:
        if own:
            tp.close()
    horizontal, vertical = _rulings(page, frame)
    tables: list[Table] = []
    if horizontal and vertical:
        for cells in _tables(_cells(_intersections(horizontal, vertical))):
            bbox = (
                min(c[0] for c in cells),
                min(c[1] for c in cells),
                max(c[2] for c in cells),
                max(c[3] for c in cells),
            )
            rows = _rows(cells)
            inside = [
                c
                for c in chars
                if bbox[0] <= (c.x0 + c.x1) / 2 <= bbox[2] and bbox[1] <= (c.top + c.bottom) / 2 <= bbox[3]
            ]
            tables.append(Table(bbox, rows, _fill(rows, inside)))
    # A character in a table's frame but in no cell of it (公开03表 printed inside the outer rule,
    # above the first row) is running text, not lost.
    # Test a character against a table's cells only when it lies in that table's frame.
    framed = [
        (t.bbox, [cell for row in t.rows for cell in row.cells if cell is not None])
        for t in tables
        if any(text and text.strip() for row in t.texts for text in row)
    ]
    outside = [c for c in chars if not _in_a_cell(c, framed)]
    return tables, _text_lines(outside)


def _in_a_cell(char: _Char, framed: list[tuple[BBox, list[BBox]]]) -> bool:
    x = (char.x0 + char.x1) / 2
    y = (char.top + char.bottom) / 2
    for frame, boxes in framed:
        in_frame = frame[0] <= x <= frame[2] and frame[1] <= y <= frame[3]
        if in_frame and any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes):
            return True
    return False
