"""A Word .docx file → a stream of blocks (text lines and grids), in body order.

Paragraphs and tables are read as they stand in the body, interleaved; a merged table cell
appears once, followed by "" for the columns it spans and in the rows it covers below, so
``recognize`` sees the same grid as from the text of the same table. Before python-docx
parses anything, the package is checked: an encrypted file, a damaged archive, a zip bomb
or XML declaring a DOCTYPE/ENTITY is refused. The package checks (``check_package``,
``refuse_ole``) are shared with the workbook reader and need only the standard library.
DOCX has no fixed pages, so a location gives the 1-based index of the paragraph or table
row in the body as ``line``.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.errors import CorruptInput, EncryptedInput, MissingExtra, UnsafeInput, UnsupportedFormat
from yusuan.model.location import Location
from yusuan.read.blocks import Block, Grid, TextLine
from yusuan.read.text import join_broken

if TYPE_CHECKING:
    from docx.oxml.table import CT_Row, CT_Tbl
    from docx.oxml.xmlchemy import BaseOxmlElement

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A disclosure's package holds a few megabytes of XML; these leave room for the largest
# while refusing archives built to exhaust memory when unpacked.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
LARGE_MEMBER_BYTES = 10 * 1024 * 1024
MAX_MEMBERS = 10_000
_XML_SUFFIXES = (".xml", ".rels", ".vml")
# Encodings a package part may legally use; a declaration is looked for in each of them.
_DTD_MARKERS = tuple(
    marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_CHUNK = 1024 * 1024


def blocks(path: Path) -> list[Block]:
    """Text lines and grids of a .docx file, in body order.

    Raises:
        UnreadableInput: the file is encrypted, damaged, unsafe to unpack, or not a Word document.
    """
    refuse_ole(path)
    check_package(path)
    try:
        # python-docx is imported here, not above, so the workbook reader can use the package
        # checks without it.
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ModuleNotFoundError as exc:
        raise MissingExtra(f"pip install 'yusuan[docx]'（缺少 {exc.name}）") from None
    try:
        document = docx.Document(str(path))
    except ValueError as exc:  # the main part is not a Word document (e.g. a .docm template)
        raise UnsupportedFormat(f"{path.name}（不是 Word .docx 文档：{exc}）") from None
    except (PackageNotFoundError, KeyError, SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        # SyntaxError covers lxml's XMLSyntaxError: a part that is not well-formed XML.
        raise CorruptInput(f"{path.name}（{type(exc).__name__}：{exc}）") from None
    return join_broken(list(_body_blocks(document.element.body, path.name)))


# --- the body -------------------------------------------------------------------------------


def _tag(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


_P, _R, _TBL, _TC, _TR = (_tag(n) for n in ("p", "r", "tbl", "tc", "tr"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = (_tag(n) for n in ("sdt", "sdtContent", "customXml"))
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _body_blocks(body: BaseOxmlElement, file: str) -> Iterator[Block]:
    index = 0
    for element in _children(body):
        if element.tag == _P:
            index += 1
            text = _paragraph_text(element)
            if text:
                yield TextLine(text, Location(file, line=index))
        elif element.tag == _TBL:
            rows: list[tuple[str, ...]] = []
            wheres: list[Location] = []
            for cells in _table_rows(element):
                index += 1
                if any(cells):
                    rows.append(cells)
                    wheres.append(Location(file, line=index))
            if rows:
                width = max(len(r) for r in rows)
                yield Grid(tuple((*r, *([""] * (width - len(r)))) for r in rows), tuple(wheres))


def _children(element: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Child elements, looking through content controls and custom XML to what they hold."""
    for child in element.iterchildren():
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child)
        else:
            yield child


def _paragraph_text(p: BaseOxmlElement) -> str:
    """A paragraph's text on one line, spaces collapsed."""
    return " ".join(_raw_text(p).split())


def _raw_text(p: BaseOxmlElement) -> str:
    """The paragraph's runs, including those in tracked insertions, fields, smart tags and
    content controls (python-docx's ``Paragraph.text`` reads only direct runs and hyperlinks);
    deleted text is ``w:delText`` and so left out, and a text box's paragraphs are its own."""
    parts: list[str] = []
    for run in p.iter(_R):
        parent = run.getparent()
        while parent is not None and parent.tag not in (_P, _FALLBACK):
            parent = parent.getparent()
        if parent is p:
            parts.append(str(run.text or ""))
    return "".join(parts)


def _cell_text(tc: BaseOxmlElement) -> str:
    """A cell's text, one line per paragraph or line break; a table nested in it adds its text."""
    lines = (" ".join(line.split()) for p in tc.iter(_P) for line in _raw_text(p).split("\n"))
    return "\n".join(line for line in lines if line)


def _table_rows(tbl: CT_Tbl) -> Iterator[tuple[str, ...]]:
    for tr in _children(tbl):
        if tr.tag == _TR:
            yield _row_cells(tr)


def _row_cells(tr: CT_Row) -> tuple[str, ...]:
    cells: list[str] = [""] * tr.grid_before
    for tc in _children(tr):
        if tc.tag != _TC:
            continue
        span = max(1, tc.grid_span)
        vmerge = tc.vMerge
        continued = vmerge is not None and vmerge != "restart"
        cells.append("" if continued else _cell_text(tc))
        cells.extend([""] * (span - 1))
    cells.extend([""] * tr.grid_after)
    return tuple(cells)


# --- the package: refuse what is unsafe before any parser sees it ----------------------------


def refuse_ole(path: Path) -> None:
    """Refuse an OLE (Compound File) container: an encrypted Office file or a legacy binary one.

    Office saves a password-protected .docx/.xlsx as a Compound File holding the streams
    ``EncryptionInfo`` and ``EncryptedPackage``; directory entry names are UTF-16LE.

    Raises:
        EncryptedInput: the container holds an encrypted package.
        UnsupportedFormat: some other Compound File (a legacy .doc, say).
    """
    with path.open("rb") as handle:
        if handle.read(len(OLE_MAGIC)) != OLE_MAGIC:
            return
    if is_encrypted_ole(path):
        raise EncryptedInput(f"（{path.name}）")
    raise UnsupportedFormat(f"{path.name}（旧版 Office 二进制文件；请另存为 .docx 或 .xlsx）")


def is_encrypted_ole(path: Path) -> bool:
    """Whether an OLE container names an ``EncryptedPackage`` or ``EncryptionInfo`` stream."""
    names = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
    overlap = max(len(n) for n in names)
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            window = tail + chunk
            if any(n in window for n in names):
                return True
            tail = window[-overlap:]
    return False


def check_package(path: Path) -> None:
    """Check an Office Open XML package (a zip) before it is parsed.

    Declared sizes are binding: Python's zipfile stops at a member's declared size and
    fails its CRC check if more data follows, so the sums below bound what is unpacked.

    Raises:
        CorruptInput: the archive is damaged or truncated.
        UnsafeInput: a zip bomb (too much unpacked data, or a large member compressed beyond
            any real document) or XML declaring a DOCTYPE/ENTITY (entity expansion).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(members, path.name)
            for member in members:
                if member.filename.lower().endswith(_XML_SUFFIXES):
                    _check_xml(archive, member, path.name)
    except zipfile.BadZipFile as exc:
        raise CorruptInput(f"{path.name}（ZIP 压缩包已损坏或不完整：{exc}）") from None
    except (zlib.error, EOFError) as exc:
        raise CorruptInput(f"{path.name}（解压失败：{exc}）") from None
    except NotImplementedError as exc:  # an unsupported compression method
        raise CorruptInput(f"{path.name}（{exc}）") from None


def _check_sizes(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise UnsafeInput(f"{name}（压缩包内有 {len(members)} 个文件，疑似压缩炸弹）")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED_BYTES:
        raise UnsafeInput(
            f"{name}（解压后共 {total / 1024 / 1024:.0f} MB，超过 {MAX_UNPACKED_BYTES // 1024 // 1024} MB 上限，"
            "疑似压缩炸弹）"
        )
    for member in members:
        if member.file_size > LARGE_MEMBER_BYTES and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise UnsafeInput(
                f"{name}（{member.filename} 压缩比超过 {MAX_RATIO}:1，"
                f"{member.compress_size} 字节解压为 {member.file_size} 字节，疑似压缩炸弹）"
            )


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    """Refuse a part declaring a DTD: entities can expand a small file into gigabytes."""
    overlap = max(len(m) for m in _DTD_MARKERS)
    tail = b""
    with archive.open(member) as part:
        while chunk := part.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _DTD_MARKERS):
                raise UnsafeInput(f"{name}（{member.filename} 含有 DOCTYPE/ENTITY 声明，可能是 XML 实体膨胀攻击）")
            tail = window[-overlap:]
