"""A PDF page's ruling lines from its path objects, as pdfplumber's edges (for ``pdfgrid``).

Every straight, axis-parallel piece of every path object (stroked lines, thin filled
rectangles, rectangle outlines, also inside form XObjects) becomes a horizontal or vertical
edge. Edges within 3 pt of one another across are snapped to their mean position, collinear
pieces less than 3 pt apart are joined, and edges shorter than 3 pt are dropped. Coordinates
are pdfplumber's (``top`` measured down from the top of the page as displayed).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from yusuan.read.pdfcalls import Handle, lean
from yusuan.read.pdfchars import Frame, Matrix

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

SNAP_TOLERANCE = 3.0  # rulings closer than this across are one ruling
JOIN_TOLERANCE = 3.0  # collinear pieces closer than this along are one ruling
EDGE_MIN_LENGTH = 3.0  # shorter rulings (after joining) are ignored
EDGE_MIN_LENGTH_PREFILTER = 1.0  # shorter pieces are ignored before joining
_AXIS_EPSILON = 1e-3  # a segment this close to axis-parallel counts as parallel
_MAX_FORM_DEPTH = 12

_get_object = lean(pdfium_c.FPDFPage_GetObject, Handle)
_get_type = lean(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
_get_matrix = lean(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int)
_count_segments = lean(pdfium_c.FPDFPath_CountSegments, ctypes.c_int)
_get_segment = lean(pdfium_c.FPDFPath_GetPathSegment, Handle)
_get_point = lean(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int)
_segment_type = lean(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int)
_count_children = lean(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int)
_get_child = lean(pdfium_c.FPDFFormObj_GetObject, Handle)


class Edge:
    """A horizontal (position = top, span = x0..x1) or vertical (position = x, span = top..bottom) ruling."""

    __slots__ = ("high", "low", "position")

    def __init__(self, position: float, low: float, high: float) -> None:
        self.position = position
        self.low = low
        self.high = high


def cluster(values: Iterable[float], tolerance: float) -> dict[float, int]:
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


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def rulings(page: pdfium.PdfPage, frame: Frame) -> tuple[list[Edge], list[Edge]]:
    """The page's horizontal and vertical rulings, snapped, joined and with short ones dropped."""
    horizontal: list[Edge] = []
    vertical: list[Edge] = []
    fs_matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(fs_matrix)
    px, py = ctypes.c_float(), ctypes.c_float()
    px_ref, py_ref = ctypes.byref(px), ctypes.byref(py)
    get_segment, get_point, segment_type = _get_segment, _get_point, _segment_type
    path_kind, form_kind = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    moveto, bezierto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO

    def matrix_of(obj: Handle) -> Matrix:
        if not _get_matrix(obj, matrix_ref):
            return _IDENTITY
        m = fs_matrix
        return (float(m.a), float(m.b), float(m.c), float(m.d), float(m.e), float(m.f))

    def path(obj: Handle, m: Matrix) -> None:
        # Each straight piece between consecutive points of a subpath (as pdfminer makes lines,
        # rectangles and curves into pdfplumber's edges); slanted pieces are not rulings. pdfium's
        # parser ends a closed subpath ("h", "re") with its start point, so the close flag adds
        # no piece.
        a, b, c, d, e, f = m
        started = False  # a point of this subpath came before (ax, ay)
        ax = ay = 0.0
        beziers = 0
        for k in range(_count_segments(obj)):
            segment = get_segment(obj, k)
            if not segment or not get_point(segment, px_ref, py_ref):
                continue
            x, y = px.value, py.value
            bx, by = a * x + c * y + e, b * x + d * y + f
            kind = segment_type(segment) if k else moveto
            if kind == moveto:
                ax, ay, started, beziers = bx, by, True, 0
                continue
            if kind == bezierto:
                beziers += 1
                if beziers % 3:  # a control point (the curve's third point is its end)
                    continue
            if started:
                if abs(ay - by) <= _AXIS_EPSILON:
                    if abs(ax - bx) >= EDGE_MIN_LENGTH_PREFILTER:
                        horizontal.append(Edge((ay + by) / 2, min(ax, bx), max(ax, bx)))
                elif abs(ax - bx) <= _AXIS_EPSILON and abs(ay - by) >= EDGE_MIN_LENGTH_PREFILTER:
                    vertical.append(Edge((ax + bx) / 2, min(ay, by), max(ay, by)))
            ax, ay, started = bx, by, True

    def walk(obj: Handle, outer: Matrix, depth: int) -> None:
        kind = _get_type(obj)
        if kind == path_kind:
            path(obj, _compose(matrix_of(obj), outer))
        elif kind == form_kind and depth < _MAX_FORM_DEPTH:
            inner = _compose(matrix_of(obj), outer)
            for k in range(_count_children(obj)):
                child = _get_child(obj, ctypes.c_ulong(k))
                if child:
                    walk(child, inner, depth + 1)

    handle = page.raw
    for k in range(pdfium_c.FPDFPage_CountObjects(handle)):
        obj = _get_object(handle, k)
        if obj:
            walk(obj, frame.affine, 0)
    return _merge(horizontal), _merge(vertical)


def _merge(edges: list[Edge]) -> list[Edge]:
    """Snap edges to the mean of their position cluster, join collinear pieces, drop short ones."""
    if not edges:
        return []
    ids = cluster((e.position for e in edges), SNAP_TOLERANCE)
    clusters: dict[int, list[Edge]] = {}
    for edge in edges:
        clusters.setdefault(ids[edge.position], []).append(edge)
    out: list[Edge] = []
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
                    out.append(Edge(position, low, high))
                low, high = edge.low, edge.high
        if high - low >= EDGE_MIN_LENGTH:
            out.append(Edge(position, low, high))
    return out
