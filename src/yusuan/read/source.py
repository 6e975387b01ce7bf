"""Loading a text file safely: size limit, binary detection and encoding, before any parsing."""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import BinaryInput, EmptyInput, InputTooLarge, WrongEncoding

# A disclosure's text is tens of kilobytes; 20 MB leaves room for the largest while keeping a
# hostile 200 MB file from being read into memory at all.
MAX_TEXT_BYTES = 20 * 1024 * 1024


def read_limited(path: Path, limit: int, what: str) -> bytes:
    """A file's bytes, refused before reading when it is empty or over the limit.

    Raises:
        EmptyInput, InputTooLarge
    """
    size = path.stat().st_size
    if size == 0:
        raise EmptyInput()
    if size > limit:
        raise InputTooLarge(f"{size / 1024 / 1024:.0f} MB，{what}上限为 {limit // 1024 // 1024} MB。")
    return path.read_bytes()


def load_text(path: Path, encoding: str | None = None, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a text disclosure, refusing what cannot be one.

    Args:
        encoding: an explicit encoding (e.g. ``gb18030``); by default UTF-8 is required and a
            file in another Chinese encoding is refused with advice on how to read it.

    Raises:
        UnreadableInput: empty, too large, binary, or not in the expected encoding.
    """
    data = read_limited(path, limit, "文本文件")
    if b"\x00" in data[:65536]:
        raise BinaryInput()
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise WrongEncoding(f"按 {encoding} 解码失败：{exc}") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _explain_encoding(data) from None
    if not text.strip():
        raise EmptyInput()
    return text


def _explain_encoding(data: bytes) -> WrongEncoding | BinaryInput:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return BinaryInput()
    if sum("\u4e00" <= ch <= "\u9fff" for ch in text[:4096]) >= 2:
        return WrongEncoding(
            "看起来是 GBK/GB18030 编码。请用 --encoding gb18030 读取，"
            "或先转换为 UTF-8：iconv -f GB18030 -t UTF-8 原文件 > 新文件"
        )
    return BinaryInput()
