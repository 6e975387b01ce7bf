"""A Document → PDF, printed by WeasyPrint from the HTML page (A4, Noto CJK fonts).

WeasyPrint is optional (``pip install 'yusuan[pdf-out]'``) and imported only here, when a PDF
is written; it needs the Noto CJK fonts (Debian ``fonts-noto-cjk``) for Chinese glyphs.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import MissingExtra
from yusuan.model.document import Document
from yusuan.write.html import render


def write(document: Document, path: Path) -> Path:
    """Write the document as a PDF file."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ModuleNotFoundError, OSError) as exc:  # OSError: its system libraries are missing
        raise MissingExtra(f"pip install 'yusuan[pdf-out]'（缺少 weasyprint：{exc}）") from None
    weasyprint.HTML(string=render(document)).write_pdf(str(path))
    return path
