"""Catalogs as package data: classification codes, canonical tables and regional layouts.

They are data, the single source of truth for what a code means, what a table title is and
which tables a region's disclosure holds; code only loads them. A user may supply a fuller
code catalog (a CSV of the same shape) with ``load_codes(path)``.
"""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from yusuan.model.codes import CodeSystem

_ROOT = resources.files(__name__)

# The CSV files of each code system, newest era first; see codes/README.md for provenance.
_CODE_FILES: Mapping[CodeSystem, tuple[str, ...]] = {
    CodeSystem.FUNCTIONAL: ("functional-observed.csv", "functional-observed-2017-2019.csv"),
    CodeSystem.ECONOMIC: (
        "economic-department-observed.csv",
        "economic-department-observed-2017-2019.csv",
    ),
    CodeSystem.ECONOMIC_GOVERNMENT: ("economic-government-observed.csv",),
}


@dataclass(frozen=True, slots=True)
class CodeEntry:
    code: str
    name: str
    source: str


@dataclass(frozen=True, slots=True)
class CodeCatalog:
    """Codes with every name a source prints for them. ``complete`` is False for observed sets."""

    system: CodeSystem
    entries: Mapping[str, tuple[CodeEntry, ...]]
    complete: bool

    def names(self, code: str) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries.get(code, ()))

    def knows(self, code: str) -> bool:
        return code in self.entries


def _read_codes(text: str, source: str) -> Iterable[CodeEntry]:
    for row in csv.DictReader(io.StringIO(text)):
        yield CodeEntry(row["code"].strip(), row["name"].strip(), source)


def _catalog(system: CodeSystem, sources: Iterable[tuple[str, str]], complete: bool) -> CodeCatalog:
    entries: dict[str, list[CodeEntry]] = {}
    for source, text in sources:
        for entry in _read_codes(text, source):
            bucket = entries.setdefault(entry.code, [])
            if all(e.name != entry.name for e in bucket):
                bucket.append(entry)
    return CodeCatalog(system, {k: tuple(v) for k, v in entries.items()}, complete)


@cache
def codes(system: CodeSystem) -> CodeCatalog:
    """The shipped catalog of a code system (partial: codes as real documents print them)."""
    files = _CODE_FILES[system]
    return _catalog(
        system,
        ((name, (_ROOT / "codes" / name).read_text(encoding="utf-8")) for name in files),
        complete=False,
    )


def load_codes(path: Path, system: CodeSystem) -> CodeCatalog:
    """A user-supplied complete catalog: CSV with columns code,name (level, parent_code ignored)."""
    return _catalog(system, [(path.name, path.read_text(encoding="utf-8-sig"))], complete=True)


@dataclass(frozen=True, slots=True)
class TableKind:
    id: str
    name: str
    keywords: tuple[tuple[str, ...], ...]
    exclude: tuple[str, ...]
    coded: bool
    code_system: CodeSystem | None

    def matches(self, title: str) -> bool:
        compact = "".join(title.split())
        if any(word in compact for word in self.exclude):
            return False
        return any(all(word in compact for word in group) for group in self.keywords)


@dataclass(frozen=True, slots=True)
class ColumnRule:
    key: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LayoutTable:
    number: str
    kind: str
    title: str
    required: bool


@dataclass(frozen=True, slots=True)
class Layout:
    id: str
    name: str
    kind: str
    unit: str
    tables: tuple[LayoutTable, ...]
    description: str = ""

    def number_of(self, kind: str) -> str | None:
        for table in self.tables:
            if table.kind == kind:
                return table.number
        return None


def _toml(*parts: str) -> dict[str, object]:
    return tomllib.loads(_ROOT.joinpath(*parts).read_text(encoding="utf-8"))


@cache
def table_kinds() -> tuple[TableKind, ...]:
    """The canonical tables, in the order titles are tried against them."""
    data = _toml("tables.toml")
    kinds = []
    for item in data["table"]:  # type: ignore[attr-defined]
        system = item.get("code_system")
        kinds.append(
            TableKind(
                id=item["id"],
                name=item["name"],
                keywords=tuple(tuple(group) for group in item["keywords"]),
                exclude=tuple(item.get("exclude", ())),
                coded=bool(item.get("coded", False)),
                code_system=CodeSystem(system) if system else None,
            )
        )
    return tuple(kinds)


@cache
def column_rules() -> tuple[ColumnRule, ...]:
    data = _toml("tables.toml")
    return tuple(ColumnRule(c["key"], tuple(c["labels"])) for c in data["column"])  # type: ignore[attr-defined]


@lru_cache(maxsize=4096)
def kind_of_title(title: str) -> str | None:
    """The canonical id of a table title, or None when no kind matches."""
    for kind in table_kinds():
        if kind.matches(title):
            return kind.id
    return None


def table_kind(kind_id: str) -> TableKind | None:
    for kind in table_kinds():
        if kind.id == kind_id:
            return kind
    return None


def column_key(path: tuple[str, ...]) -> str | None:
    """Map a header path (upper to lower level) to a canonical column key.

    The lowest level decides (预算数/基本支出 → basic), except that a 小计 under a specific
    heading is that heading's total (公务用车购置及运行费/小计 → vehicle); a 合计 stays the
    table's total (本年政府性基金财政拨款支出/合计 → total).
    """
    keys = [_segment_key(segment) for segment in path]
    for depth in range(len(keys) - 1, -1, -1):
        key = keys[depth]
        if key is None:
            continue
        if key == "total" and "".join(path[depth].split()) == "小计":
            specific = next((k for k in reversed(keys[:depth]) if k is not None and k != "total"), None)
            return specific or key
        return key
    return None


def _segment_key(segment: str) -> str | None:
    compact = "".join(segment.split())
    for rule in column_rules():
        if any(label in compact for label in rule.labels):
            return rule.key
    return None


@cache
def layouts() -> Mapping[str, Layout]:
    """Every shipped layout by id."""
    found: dict[str, Layout] = {}
    for entry in sorted(_ROOT.joinpath("layouts").iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        tables = tuple(
            LayoutTable(
                number=str(t["number"]),
                kind=t["kind"],
                title=t["title"],
                required=bool(t.get("required", True)),
            )
            for t in data["tables"]
        )
        found[data["id"]] = Layout(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            unit=data["unit"],
            tables=tables,
            description=data.get("description", ""),
        )
    return found
