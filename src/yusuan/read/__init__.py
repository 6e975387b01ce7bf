"""Reading a published disclosure into the Document model.

Format-specific extraction turns a file into blocks (text lines and grids, each with its
location); ``recognize`` maps blocks to the model the same way for every format.
"""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import NotADisclosure, UnsupportedFormat
from yusuan.model.document import Document
from yusuan.read.recognize import recognize
from yusuan.read.source import load_text
from yusuan.read.text import blocks

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def read(path: Path | str, *, encoding: str | None = None) -> Document:
    """Read one disclosure file.

    Raises:
        UnreadableInput: the file cannot be read as a disclosure (empty, binary, wrong
            encoding, too large, an unsupported format, or no disclosure content in it).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise UnsupportedFormat(f"{path.name}（目前支持纯文本 .txt；PDF、Word、Excel、网页将在后续版本支持）")
    text = load_text(path, encoding)
    document = recognize(blocks(text, path.name), path.name)
    if not document.tables and not document.statements:
        raise NotADisclosure(f"（{path.name}）")
    return document


__all__ = ["read"]
