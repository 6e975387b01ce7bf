"""Reading form bodies as they stream in, with limits, for the CSRF check and for uploads.

Starlette's own form parser spools a whole upload before an endpoint sees it and has no limit on
a file's size; here a file part is written to a temporary file chunk by chunk and refused as
soon as it passes the limit, and the CSRF middleware can read a form's first field without
reading the file behind it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, TYPE_CHECKING

import anyio
from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks  # defined for type checkers only

FIELD_LIMIT = 64 * 1024  # a text field (token, year, department…)
MAX_FIELDS = 20
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


class FormError(Exception):
    """A form that cannot be read; the message says why, in Chinese."""


class FileTooLarge(FormError):
    """The file part is larger than the limit."""


def safe_filename(name: str) -> str:
    """The last component of a client's file name, without characters unsafe in paths; kept short."""
    base = _UNSAFE.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    if len(base) > 120:
        stem, dot, suffix = base.rpartition(".")
        base = f"{stem[:100]}.{suffix[:10]}" if dot and stem else base[:120]
    return base or "upload"


class MultipartForm:
    """A multipart body fed chunk by chunk: text fields kept, at most one file written to ``directory``.

    Without a ``directory`` no file is accepted: reading stops at the first file part
    (``reached_file``), which is how the CSRF check reads the fields that come before it.
    """

    def __init__(self, content_type: str, *, directory: Path | None = None, max_file: int = 0) -> None:
        _, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if not boundary:
            raise FormError("表单格式有误（缺少 multipart 分隔符）。")
        self.directory, self.max_file = directory, max_file
        self.fields: dict[str, str] = {}
        self.filename: str | None = None  # as the client named it
        self.file: Path | None = None  # where it was written
        self.file_size = 0
        self.reached_file = False
        self._name = b""
        self._header = b""
        self._value = b""
        self._disposition = b""
        self._field: str | None = None
        self._data = bytearray()
        self._handle: IO[bytes] | None = None
        self._pending: list[bytes] = []
        self._in_file = False
        callbacks: MultipartCallbacks = {
            "on_part_begin": self._begin,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
        }
        self._parser = MultipartParser(boundary, callbacks)

    async def feed(self, chunk: bytes) -> None:
        """Parse a chunk; file data is written off the event loop."""
        try:
            self._parser.write(chunk)
        except _Stop:
            return
        except FormParserError:
            raise FormError("表单格式有误。") from None
        if self._pending and self._handle is not None:
            data, self._pending = b"".join(self._pending), []
            await anyio.to_thread.run_sync(self._handle.write, data)

    def finish(self) -> None:
        try:
            self._parser.finalize()
        except FormParserError:
            raise FormError("表单格式有误（内容不完整）。") from None
        finally:
            self.close()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _begin(self) -> None:
        self._disposition, self._field, self._data, self._in_file = b"", None, bytearray(), False

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header, self._value = b"", b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name")
        if name is None:
            raise FormError("表单格式有误（字段没有名称）。")
        self._field = name.decode("utf-8", "replace")
        if b"filename" not in options:
            if len(self.fields) >= MAX_FIELDS:
                raise FormError("表单字段过多。")
            return
        self.reached_file = True
        if self.directory is None:
            raise _Stop()
        if self.filename is not None:
            raise FormError("一次只能上传一个文件。")
        self.filename = options[b"filename"].decode("utf-8", "replace")
        self.file = self.directory / safe_filename(self.filename)
        self._handle = self.file.open("xb")
        self._in_file = True

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if not self._in_file:
            if len(self._data) + end - start > FIELD_LIMIT:
                raise FormError("表单字段过长。")
            self._data.extend(data[start:end])
            return
        self.file_size += end - start
        if self.file_size > self.max_file:
            raise FileTooLarge()
        self._pending.append(data[start:end])

    def _part_end(self) -> None:
        if not self._in_file and self._field is not None:
            self.fields[self._field] = self._data.decode("utf-8", "replace")


class _Stop(Exception):
    """Reading stops here (a file part reached while only the fields before it were wanted)."""
