"""Exceptions: only for input that cannot be read at all and for programmer errors.

Problems in a readable document are findings, never exceptions. The hierarchy::

    YusuanError
    └── UnreadableInput        the file cannot be read as a disclosure (exit status 2)
        ├── EmptyInput
        ├── BinaryInput
        ├── WrongEncoding
        ├── InputTooLarge
        ├── UnsupportedFormat
        ├── EncryptedInput
        ├── CorruptInput
        ├── NeedsOCR            no text layer, or text that cannot be decoded
        ├── UnsafeInput         a zip bomb, XML entities, macros
        ├── MissingExtra        the reader's optional dependency is not installed
        └── NotADisclosure
    └── StoreUnavailable       the database cannot be opened or reached
    └── NotPlaceable           a readable document without a department or year to file it under

Each class's docstring is its default message, in Chinese, for the people who see it.
"""

from __future__ import annotations


class YusuanError(Exception):
    """yusuan 出错。"""

    def __init__(self, detail: str | None = None) -> None:
        message = (self.__doc__ or "").strip()
        super().__init__(f"{message}{detail}" if detail else message)


class UnreadableInput(YusuanError):
    """无法读取该文件："""


class EmptyInput(UnreadableInput):
    """文件为空，没有可读取的内容。"""


class BinaryInput(UnreadableInput):
    """文件不是文本（含有二进制数据），也不是支持的文档格式。"""


class WrongEncoding(UnreadableInput):
    """文件不是 UTF-8 编码。"""


class InputTooLarge(UnreadableInput):
    """文件过大，超出读取上限。"""


class UnsupportedFormat(UnreadableInput):
    """不支持该文件格式。"""


class NotADisclosure(UnreadableInput):
    """文件中没有找到部门预算/决算公开的表格或说明，看起来不是预算公开文件。"""


class EncryptedInput(UnreadableInput):
    """文件已加密（设有密码），无法读取。请提供未加密的文件。"""


class CorruptInput(UnreadableInput):
    """文件已损坏或不完整（可能下载中断），无法读取："""


class NeedsOCR(UnreadableInput):
    """PDF 没有可用的文字层（扫描件，或字体缺少 Unicode 映射而无法解码），需要先做文字识别（OCR）才能读取。"""


class UnsafeInput(UnreadableInput):
    """文件含有不安全的内容，拒绝读取："""


class MissingExtra(UnreadableInput):
    """读取这种格式需要安装可选组件："""


class StoreUnavailable(YusuanError):
    """无法使用数据库："""


class NotPlaceable(YusuanError):
    """无法归档该文件："""
