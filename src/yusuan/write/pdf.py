"""A Document → PDF, printed by WeasyPrint from the HTML page (A4, Noto CJK fonts).

WeasyPrint is optional (``pip install 'yusuan[pdf-out]'``) and imported only here, when a PDF
is written; it needs the Noto CJK fonts (Debian ``fonts-noto-cjk``) for Chinese glyphs. Its font
configuration is made once per thread and reused (each new one costs its fonts' set-up again:
about 7 % of writing the reference document).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from yusuan.errors import MissingExtra
from yusuan.model.document import Document
from yusuan.write.html import render

_local = threading.local()


def write(document: Document, path: Path) -> Path:
    """Write the document as a PDF file."""
    try:
        import weasyprint  # type: ignore[import-untyped]
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
    except (ModuleNotFoundError, OSError) as exc:  # OSError: its system libraries are missing
        raise MissingExtra(f"pip install 'yusuan[pdf-out]'（缺少 weasyprint：{exc}）") from None
    fonts: Any = getattr(_local, "fonts", None)
    if fonts is None:
        fonts = _local.fonts = FontConfiguration()
    weasyprint.HTML(string=render(document, printed=True)).write_pdf(str(path), font_config=fonts)
    return path
