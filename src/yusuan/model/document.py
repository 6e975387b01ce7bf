"""The document as published: parts, tables, the 说明 and its sections, with locations.

This is what a reader produces from any file format and what the checks audit. Tables keep
their printed title, number, department, unit and header; each amount cell keeps its exact
printed value. A table printed as two side-by-side blocks (收入 | 支出) holds two blocks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from yusuan.model.finding import Finding
from yusuan.model.location import Location
from yusuan.model.money import Amount, Unit
from yusuan.model.narrative import CountClaim, Statement
from yusuan.model.performance import PerformanceTarget


class DocumentKind(StrEnum):
    BUDGET = "预算"
    FINAL_ACCOUNTS = "决算"


class Scope(StrEnum):
    """Whether the disclosure is a department's (部门, with its units) or a single unit's."""

    DEPARTMENT = "部门"
    UNIT = "单位"


class RowRole(StrEnum):
    TOTAL = "total"  # 合计 / 总计 of the table or block
    PARENT = "parent"  # a code or numbered item with children below it
    DETAIL = "detail"


@dataclass(frozen=True, slots=True)
class Column:
    """An amount column: a canonical key (``total``, ``basic`` …) and its printed label."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    amount: Amount | None
    where: Location


@dataclass(frozen=True, slots=True)
class Row:
    """One body row: its code (if any), its printed label, its role and its amount cells."""

    number: int
    code: str | None
    label: str
    level: int
    role: RowRole
    cells: tuple[Cell, ...]
    where: Location

    def cell(self, columns: tuple[Column, ...], key: str) -> Cell | None:
        for column, cell in zip(columns, self.cells, strict=False):
            if column.key == key:
                return cell
        return None


def _label(row: Row) -> str:
    return "".join(row.label.split())


@dataclass(frozen=True, slots=True)
class Block:
    """A run of rows sharing one set of columns; ``side`` is ``income``/``expense`` in 总表."""

    side: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def amount(self, row: Row, key: str) -> Amount | None:
        cell = row.cell(self.columns, key)
        return cell.amount if cell else None

    def total_row(self) -> Row | None:
        """The block's grand total: its last 总计 or 合计 row (a 小计 totals only a group)."""
        totals = [r for r in self.rows if r.role == RowRole.TOTAL and not _label(r).endswith("小计")]
        grand = [r for r in totals if _label(r).endswith("总计")]
        return (grand or totals)[-1] if totals else None

    def has_subtotals(self) -> bool:
        """Whether the block prints 小计 rows, whose members a reader cannot know for sure."""
        return any(r.role == RowRole.TOTAL and _label(r).endswith("小计") for r in self.rows)

    def by_code(self, code: str) -> Row | None:
        for row in self.rows:
            if row.code == code:
                return row
        return None


@dataclass(frozen=True, slots=True)
class Table:
    """A disclosure table as printed."""

    number: str | None  # as printed: 表 2 → "2"
    title: str
    kind: str | None  # canonical id from catalogs/tables.toml, None when not recognised
    department: str | None
    unit: Unit
    header: tuple[tuple[str, ...], ...]
    blocks: tuple[Block, ...]
    note: str | None
    where: Location
    complete: bool = True  # False when a part of it may be in a grid the reader could not attach

    @property
    def empty(self) -> bool:
        """No amount anywhere in the body."""
        return not any(c.amount is not None for b in self.blocks for r in b.rows for c in r.cells)

    @property
    def label(self) -> str:
        return f"表{self.number}" if self.number else self.title

    def rows(self) -> Iterator[tuple[Block, Row]]:
        for block in self.blocks:
            for row in block.rows:
                yield block, row


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    where: Location


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the document and the paragraphs under it up to the next heading."""

    part: str  # 第一部分 …
    heading: str
    number: str  # 一 / (一) / 1
    level: int  # 1 for 一、, 2 for (一), 3 for 1.
    paragraphs: tuple[Paragraph, ...]
    where: Location


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """A line of the 目录: the part it is under, its number and its title."""

    part: str
    number: str
    title: str
    where: Location


@dataclass(frozen=True, slots=True)
class Term:
    """A 名词解释 entry."""

    term: str
    definition: str
    where: Location


@dataclass(frozen=True, slots=True)
class Document:
    """One published disclosure, as read."""

    file: str
    title: str
    department: str | None
    year: int | None
    kind: DocumentKind
    scope: Scope
    layout: str | None
    contents: tuple[ContentsEntry, ...] = ()
    tables: tuple[Table, ...] = ()
    sections: tuple[Section, ...] = ()
    statements: tuple[Statement, ...] = ()
    claims: tuple[CountClaim, ...] = ()
    performance: tuple[PerformanceTarget, ...] = ()
    glossary: tuple[Term, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    problems: tuple[Finding, ...] = field(default=())  # what the reader could not place

    def table(self, kind: str) -> Table | None:
        """The first table of a canonical kind, if the document has one."""
        for table in self.tables:
            if table.kind == kind:
                return table
        return None

    def texts(self) -> Iterator[tuple[str, Location]]:
        """Every piece of text once, with its location: paragraphs (table notes among them), table
        titles, department names and row labels, and the performance targets' text."""
        for paragraph in self.paragraphs:
            yield paragraph.text, paragraph.where
        for table in self.tables:
            yield table.title, table.where
            if table.department:
                yield f"部门名称：{table.department}", table.where
            for _block, row in table.rows():
                yield row.label, row.where
        for target in self.performance:
            yield from target.texts()
