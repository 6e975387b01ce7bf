"""A PDF page's characters with pdfminer's boxes, from PDFium's text page (for ``pdfgrid``).

Characters take pdfminer's box (width from the advance, height the font size above the
descent) so positions agree with pdfplumber's, in pdfplumber's coordinates: points, ``top``
measured down from the page's top edge, on the page as displayed (``/Rotate`` applied). A
character pdfium cannot map to Unicode (a font without a ToUnicode map) is written ``(cid:N)``
as pdfminer writes it, so callers can tell an undecodable page from text.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from yusuan.read.pdfcalls import lean

BBox = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]

_get_unicode = lean(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint)
_is_generated = lean(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_get_box = lean(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_get_size = lean(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_get_matrix = lean(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
_unmapped = lean(pdfium_c.FPDFText_HasUnicodeMapError, ctypes.c_int)


class Frame:
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


class Char:
    """One character: its text, box, and whether it stands upright (else rotated text).

    ``blank``: a space that separates words (the ideographic space U+3000 is kept as text).
    """

    __slots__ = ("blank", "bottom", "text", "top", "upright", "x0", "x1")

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float, upright: bool, blank: bool) -> None:
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom
        self.upright = upright
        self.blank = blank


# How a loose box becomes pdfminer's: the side measured from the other by the glyph's up vector.
_KEEP, _TOP_UP, _BOTTOM_DOWN, _RIGHT, _LEFT = range(5)


def chars(textpage: pdfium.PdfTextPage, frame: Frame) -> list[Char]:
    """Every character pdfium read from the content (not the spaces and breaks it generated)."""
    handle = textpage.raw
    get_unicode, is_generated, get_box, unmapped = _get_unicode, _is_generated, _get_box, _unmapped
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    ra, rb, rc, rd = frame.linear
    plain = frame.rotation == 0
    _, _, _, _, page_left, page_top = frame.affine
    page_left = -page_left
    out: list[Char] = []
    append = out.append
    count = pdfium_c.FPDFText_CountChars(handle)
    # The previous character's loose box bottom and height, and what they gave: how to move
    # which side of the box (by the font size along the glyph's up vector), and "upright".
    last_bottom: float | None = None
    last_height: float | None = None
    side, delta, upright = _KEEP, 0.0, True
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
        space = text.isspace()
        if (space and is_generated(handle, at)) or not get_box(handle, at, rect_ref):
            continue
        blank = space and code != 0x3000
        if unmapped(handle, at):
            # A code the font gives no Unicode for (pdfium's guess is the code itself): written
            # as pdfminer writes it, so the reader can tell the page is not readable text.
            text = f"(cid:{code})"
            blank = False
        left, right, bottom, top = rect.left, rect.right, rect.bottom, rect.top
        # pdfminer's box is the font size tall from the descent; pdfium's "loose" box runs from
        # the descent to the ascent. Keep the descent side and measure the size from it. The
        # size and direction are looked up again only when the loose box changes its bottom or
        # height (a new font, size or direction; reading them costs more than the rest).
        height = top - bottom
        if bottom != last_bottom or height != last_height:
            last_bottom, last_height = bottom, height
            if _get_matrix(handle, at, matrix_ref):
                size = _get_size(handle, at)
                a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
                ux, uy = size * c, size * d  # size × the glyph's up vector, in user space
                # upright as pdfminer decides it, in its rotated page space
                pa, pb = a * ra + b * rc, a * rb + b * rd
                pc, pd = c * ra + d * rc, c * rb + d * rd
                upright = pa * pd > 0 and pb * pc <= 0
            else:
                ux, uy = 0.0, height
                upright = True
            if abs(uy) >= abs(ux):
                side, delta = (_TOP_UP if uy > 0 else _BOTTOM_DOWN if uy < 0 else _KEEP), uy
            else:
                side, delta = (_RIGHT if ux > 0 else _LEFT), ux
        if side == _TOP_UP:
            top = bottom + delta
        elif side == _BOTTOM_DOWN:
            bottom = top + delta
        elif side == _RIGHT:
            right = left + delta
        elif side == _LEFT:
            left = right + delta
        if plain:
            append(Char(text, left - page_left, page_top - top, right - page_left, page_top - bottom, upright, blank))
        else:
            x0, t, x1, b2 = frame.rect(left, bottom, right, top)
            append(Char(text, x0, t, x1, b2, upright, blank))
    return out
