"""Where a value came from: file, page, table, row, column, or section and sentence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a published document; every field but ``file`` is optional.

    ``line`` is the 1-based line of a text file; ``page`` the 1-based page of a PDF or DOCX;
    ``table`` the table's number as printed (表 2 → "2") or its kind; ``row`` the 1-based row
    within the table body; ``column`` the column's label; ``section`` a heading path in the
    说明; ``quote`` the text the finding is about.
    """

    file: str = ""
    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    table: str | None = None
    row: int | None = None
    column: str | None = None
    section: str | None = None
    quote: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    def with_(self, **changes: object) -> Location:
        """A copy with some fields changed (built directly: a reader makes one per cell)."""
        values = {name: getattr(self, name) for name in _FIELDS}
        values.update(changes)
        return Location(**values)

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None and v != ""}

    def describe(self) -> str:
        """A short Chinese description: ``表2 第4行 合计列`` or ``第三部分 二、… 第12行``."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            numbered = all(c.isdigit() or c in "一二三四五六七八九十" for c in self.table)
            parts.append(f"表{self.table}" if numbered else f"“{self.table}”")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"“{self.column}”列")
        if self.section:
            parts.append(self.section)
        if self.line is not None:
            parts.append(f"(文件第{self.line}行)")
        return " ".join(parts) or self.file


_FIELDS = tuple(f.name for f in fields(Location))
