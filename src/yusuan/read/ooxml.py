"""Office Open XML packages (DOCX, XLSX) and OLE containers: refused before any parser sees them.

Encrypted files, legacy binary Office files, damaged archives, zip bombs and XML declaring a
DTD (entity expansion) are turned away here with a clear reason; what passes is safe to parse.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from yusuan.errors import CorruptInput, EncryptedInput, UnsafeInput, UnsupportedFormat

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
