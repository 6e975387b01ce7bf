"""Placing each finding of a revision's audit on the element of the page it is about.

A finding is placed by its location, the way the checks made it: most findings carry the
``where`` of the cell, row, table, indicator or sentence they are about, so the element whose
location is the same (file, line, page, sheet, table, row, column, bbox) is the place. The rest
are placed by table + row + column, table + row, table, the quoted sentence (ignoring
whitespace), the line, or the page area, in that order; a finding placed nowhere is listed in the
audit only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from yusuan.web.marks import Mark, Marked, ParagraphView, compact

_T = TypeVar("_T", bound=Marked)
_KEY_FIELDS = ("file", "line", "page", "sheet", "table", "row", "column", "bbox")


def _key(where: Mapping[str, Any]) -> tuple[object, ...]:
    return tuple(tuple(v) if isinstance(v := where.get(k), list) else v for k in _KEY_FIELDS)


def _overlaps(a: object, b: object) -> bool:
    if not (isinstance(a, list | tuple) and isinstance(b, list | tuple) and len(a) == len(b) == 4):
        return False
    return bool(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


class Placer:
    """Puts each finding on the element it is about (see the module's docstring for the order)."""

    def __init__(
        self,
        *,
        cells: Sequence[Marked],
        rows: Sequence[Marked],
        indicators: Sequence[Marked],
        targets: Sequence[Marked],
        tables: Sequence[Marked],
        paragraphs: Sequence[ParagraphView],
        texts: Sequence[Marked],
    ) -> None:
        self.cells, self.rows, self.indicators, self.targets = cells, rows, indicators, targets
        self.tables, self.paragraphs, self.texts = tables, paragraphs, texts
        self.exact: dict[tuple[object, ...], Marked] = {}
        for kind in (cells, rows, indicators, targets, tables, paragraphs, texts):
            for element in kind:
                self.exact.setdefault(_key(element.where), element)

    def place(self, mark: Mark) -> None:
        """Put ``mark`` on its element; its ``place`` stays "" when there is none."""
        where = mark.where
        element = self.exact.get(_key(where)) or self._by_table(where)
        if element is None:
            element = self._by_text(where)
        if element is None and where.get("line") is not None:
            element = _first(self.texts, lambda w: w.get("line") == where["line"])
        if element is not None:
            element.inner(where.get("quote")).put(mark)

    def _by_table(self, where: Mapping[str, Any]) -> Marked | None:
        table, row, column = where.get("table"), where.get("row"), where.get("column")
        if table is None:
            return None
        if row is not None:
            if column:
                cell = _first(
                    self.cells, lambda w: (w.get("table"), w.get("row"), w.get("column")) == (table, row, column)
                )
                if cell:
                    return cell
            found = _first(self.rows, lambda w: (w.get("table"), w.get("row")) == (table, row))
            if found:
                return found
        line = where.get("line")
        indicator = _first(
            self.indicators, lambda w: w.get("table") == table and line is not None and w.get("line") == line
        )
        if indicator:
            return indicator
        target: Marked | None = _first(self.targets, lambda w: w.get("table") == table)
        if target and not where.get("quote"):
            return target
        if target is None:
            return _first(self.tables, lambda w: w.get("table") == table)
        return None  # a quote inside a performance target: placed on its sentence below

    def _by_text(self, where: Mapping[str, Any]) -> ParagraphView | None:
        quote = compact(str(where.get("quote") or ""))
        section = where.get("section")
        if quote:
            candidates = [p for p in self.paragraphs if quote in compact(p.text)]
            same = [p for p in candidates if p.where.get("section") == section]
            if same or candidates:
                return (same or candidates)[0]
        line, page = where.get("line"), where.get("page")
        if line is not None:
            found = _first(self.paragraphs, lambda w: w.get("line") == line and w.get("file") == where.get("file"))
            if found:
                return found
        if page is not None and where.get("bbox"):
            return _first(self.paragraphs, lambda w: w.get("page") == page and _overlaps(w.get("bbox"), where["bbox"]))
        return None


def _first(elements: Iterable[_T], test: Any) -> _T | None:
    for element in elements:
        if test(element.where):
            return element
    return None
