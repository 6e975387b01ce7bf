"""Reading a published disclosure into the Document model.

Format-specific extraction (``text``, ``pdf``, ``docx``, ``xlsx``, ``html``) turns a file into
blocks, text lines and grids each with its location; ``recognize`` maps blocks to the model the
same way for every format. The format is decided by the file's content, not its name.
"""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from yusuan.errors import (
    CorruptInput,
    EmptyInput,
    EncryptedInput,
    MissingExtra,
    NeedsOCR,
    NotADisclosure,
    UnsupportedFormat,
)
from yusuan.model.document import Document
from yusuan.read.blocks import Block
from yusuan.read.ooxml import OLE_MAGIC, is_encrypted_ole
from yusuan.read.recognize import recognize
from yusuan.read.source import load_text
from yusuan.read.text import blocks as text_blocks

# format → (module, the optional extra that provides its dependencies)
_READERS = {
    "pdf": ("yusuan.read.pdf", "pdf"),
    "docx": ("yusuan.read.docx", "docx"),
    "xlsx": ("yusuan.read.xlsx", "xlsx"),
    "xls": ("yusuan.read.xlsx", "xlsx"),
    "html": ("yusuan.read.html", None),
}


def sniff(path: Path) -> str:
    """The file's format from its first bytes: pdf, docx, xlsx, xls, html or text."""
    with path.open("rb") as handle:
        head = handle.read(2048)
    if not head:
        raise EmptyInput()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            raise CorruptInput(f"{path.name}（ZIP 压缩包已损坏或不完整）") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise UnsupportedFormat(f"{path.name}（ZIP 压缩包，不是 Word 或 Excel 文件）")
    if head.startswith(OLE_MAGIC):
        if is_encrypted_ole(path):
            raise EncryptedInput(f"（{path.name}）")
        if path.suffix.lower() == ".xls":
            return "xls"
        raise UnsupportedFormat(f"{path.name}（旧版 Office 文件；Word 请另存为 .docx）")
    lowered = head.lower().lstrip(b"\xef\xbb\xbf \t\r\n")
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return "html"
    if lowered.startswith((b"<!doctype html", b"<html")) or path.suffix.lower() in (".htm", ".html"):
        return "html"
    return "text"


def _reader(kind: str) -> Callable[[Path], Sequence[Block]]:
    module_name, extra = _READERS[kind]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        hint = f"pip install 'yusuan[{extra}]'" if extra else "pip install yusuan"
        raise MissingExtra(f"{hint}（缺少 {exc.name}）") from None
    reader: Callable[[Path], Sequence[Block]] = module.blocks
    return reader


def read_blocks(path: Path, *, encoding: str | None = None) -> tuple[str, Sequence[Block]]:
    """The format and the blocks of one file."""
    kind = sniff(path)
    if kind == "text":
        return kind, text_blocks(load_text(path, encoding), path.name)
    return kind, _reader(kind)(path)


def read(path: Path | str, *, encoding: str | None = None) -> Document:
    """Read one disclosure file (text, PDF, DOCX, XLSX/XLS or HTML).

    Raises:
        UnreadableInput: the file cannot be read as a disclosure (empty, binary, wrong
            encoding, too large, encrypted, corrupt, unsafe, a scan without text, an
            unsupported format, or no disclosure content in it).
    """
    path = Path(path)
    _kind, items = read_blocks(path, encoding=encoding)
    return _accepted(recognize(items, path.name), path.name)


def _accepted(document: Document, name: str) -> Document:
    """The document, unless nothing in it is a disclosure (or nothing could be decoded)."""
    if document.tables or document.statements:
        return document
    if any(p.code == "read.undecodable_text" for p in document.problems):
        raise NeedsOCR(f"（{name}：文字无法解码）")
    raise NotADisclosure(f"（{name}）")


def read_together(paths: Sequence[Path | str], *, encoding: str | None = None) -> Document:
    """Read several files as one disclosure (a text published apart from its tables).

    The files' blocks are taken in the order given; every value keeps the file it came from.
    """
    items: list[Block] = []
    names = []
    for path in map(Path, paths):
        _kind, blocks = read_blocks(path, encoding=encoding)
        items.extend(blocks)
        names.append(path.name)
    return _accepted(recognize(items, " + ".join(names)), "、".join(names))


__all__ = ["read", "read_blocks", "read_together", "sniff"]
