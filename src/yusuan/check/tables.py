"""Shared views of read tables for the rules: families, effective rows, totals by column."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.model.document import Block, Document, Row, RowRole, Table
from yusuan.model.location import Location
from yusuan.model.money import ZERO, Amount


def strip_numbering(label: str) -> str:
    """``（八）社会保障和就业支出`` → ``社会保障和就业支出``; ``一、本年支出`` → ``本年支出``."""
    import re

    text = "".join(label.split())
    return re.sub(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[.．、])", "", text)


def duplicates(block: Block) -> dict[int, int]:
    """Rows that repeat an earlier parent row exactly: row number → number of the first copy."""
    seen: dict[tuple[object, ...], int] = {}
    out: dict[int, int] = {}
    for row in block.rows:
        if row.role == RowRole.TOTAL:
            continue
        key = (row.code, "".join(row.label.split()), tuple(c.text for c in row.cells))
        if key in seen and row.code and _has_descendants(block, row):
            out[row.number] = seen[key]
        else:
            seen.setdefault(key, row.number)
    return out


def _has_descendants(block: Block, row: Row) -> bool:
    code = row.code or ""
    return any(r.code and r.code != code and r.code.startswith(code) for r in block.rows)


def effective_rows(block: Block) -> list[Row]:
    """Body rows less exact repeats of parent rows."""
    dup = duplicates(block)
    return [r for r in block.rows if r.number not in dup]


def _tree(block: Block) -> tuple[dict[int, list[Row]], dict[int, Row]]:
    """Children by parent row number, and the parent rows: by code, or by numbered level."""
    rows = [r for r in effective_rows(block) if r.role != RowRole.TOTAL]
    children: dict[int, list[Row]] = {}
    parents: dict[int, Row] = {}
    if any(r.code for r in rows):
        first_by_code: dict[str, Row] = {}
        for row in rows:
            if row.code:
                first_by_code.setdefault(row.code, row)
        for row in rows:
            if not row.code:
                continue
            for width in (5, 3):
                ancestor = first_by_code.get(row.code[:width]) if len(row.code) > width else None
                if ancestor is not None:
                    children.setdefault(ancestor.number, []).append(row)
                    parents[ancestor.number] = ancestor
                    break
    else:
        stack: list[Row] = []
        for row in rows:
            while stack and stack[-1].level >= row.level:
                stack.pop()
            if stack:
                children.setdefault(stack[-1].number, []).append(row)
                parents[stack[-1].number] = stack[-1]
            stack.append(row)
    return children, parents


def families(block: Block) -> Iterator[tuple[Row, list[Row]]]:
    """Each parent row with the children that surely make it up.

    Unnumbered rows are sure members only under a （一）-level item (经常收入拨款 under
    （一）一般公共预算拨款); under 一、 they may be a second level of labels (货物A › 品目 › 项目),
    so such a parent is not checked against them.
    """
    children, parents = _tree(block)
    for number, kids in children.items():
        parent = parents[number]
        if not parent.code and parent.level < 2 and any(not _numbered(k.label) for k in kids):
            continue
        yield parent, kids


def _numbered(label: str) -> bool:
    import re

    return bool(
        re.match(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[.．、])", label.strip())
    )


def top_rows(block: Block) -> list[Row]:
    """Rows with no parent above them: what the table's total sums."""
    rows = [r for r in effective_rows(block) if r.role != RowRole.TOTAL]
    children, _ = _tree(block)
    child_numbers = {c.number for kids in children.values() for c in kids}
    return [r for r in rows if r.number not in child_numbers]


def zero_like(block: Block, key: str) -> Amount:
    """A blank cell counts as zero, at the column's usual precision."""
    places = max((c.amount.places for r in block.rows for c in r.cells if c.amount), default=2)
    unit = next((c.amount.unit for r in block.rows for c in r.cells if c.amount), None)
    return Amount(ZERO, unit, places) if unit else Amount(ZERO, places=places)


def table_label(table: Table) -> str:
    return f"表{table.number}" if table.number else f"“{table.title}”"


def economic_total(document: Document, classes: tuple[str, ...]) -> tuple[Table, Amount, Location] | None:
    """Basic spending of some economic classes (人员经费 = 301 + 303, 公用经费 = 302 + 310 …), from
    the 一般公共预算基本支出表 — a 决算's too, whose 301/303 and 302/310 stand in two blocks."""
    table = document.table("gpb_basic") or document.table("final_gpb_basic")
    if table is None or not table.blocks:
        return None
    blocks = table.blocks if table.kind == "final_gpb_basic" else table.blocks[:1]
    amounts = [
        c.amount
        for block in blocks
        for r in effective_rows(block)
        if r.code in classes and r.role != RowRole.TOTAL
        for c in r.cells[:1]
        if c.amount is not None
    ]
    if not amounts:
        return None
    places = max(a.places for a in amounts)
    return table, Amount(sum((a.value for a in amounts), ZERO), amounts[0].unit, places), table.where
