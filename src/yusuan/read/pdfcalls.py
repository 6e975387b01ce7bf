"""PDFium's C functions for the per-character and per-path-segment loops of ``pdfchars`` and ``pdfrulings``.

pypdfium2's bindings declare each function's argument types, so ctypes checks and converts every
argument on every call: about a microsecond a call, and a page costs tens of thousands of calls
(a few per character, a few per path segment), with no PDFium function that returns all the
characters' boxes or all of a path's points at once. ``lean`` gives the same C function (the same
address in the same library) without declared arguments, which costs a quarter of that. Callers
must then pass exactly what C expects: handles as ctypes pointers or ``Handle``, indexes as
Python ints (C ``int``), out-parameters as ``ctypes.byref`` of the right structure.
"""

from __future__ import annotations

import ctypes
from typing import Any


class Handle(ctypes.c_void_p):
    """An opaque PDFium handle returned by a lean function (kept as a pointer, false when NULL).

    A subclass, because ctypes turns a plain ``c_void_p`` result into a Python int, and an int
    passed without declared arguments would go to C as a 32-bit ``int``.
    """


def lean(function: Any, restype: Any) -> Any:
    """``function`` (a pypdfium2 binding) called without ctypes' per-argument conversion."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    if address is None:
        raise ValueError(f"no address for {function!r}")
    # No declared arguments (the prototype's argtypes is empty): a C-convention function takes
    # any further arguments with ctypes' default conversions, unchecked.
    return ctypes.CFUNCTYPE(restype)(address)
