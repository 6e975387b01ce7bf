"""The budget as data, derived from a read document: its most detailed rows become line items.

Only leaf rows (项 for functional tables, 款 for the economic table) are taken, so the views
(``Budget.by_functional`` …) recompute every subtotal from the details: where the document's
printed subtotal differs by rounding, the view shows the exact sum of what was printed.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.budget import Budget, Funding, LineItem, Purpose
from yusuan.model.document import Block, Document, Row, RowRole
from yusuan.model.money import Unit
from yusuan.model.narrative import Direction

_FUNCTIONAL_KINDS = {
    "gpb_expense": Funding.GENERAL,
    "fund_expense": Funding.FUND,
    "state_capital_expense": Funding.STATE_CAPITAL,
}


def _leaves(block: Block) -> list[Row]:
    coded = [r for r in block.rows if r.code and r.role != RowRole.TOTAL]
    seen: set[tuple[object, ...]] = set()
    leaves = []
    for row in coded:
        code = row.code or ""
        if any(o.code and o.code != code and o.code.startswith(code) for o in coded):
            continue
        key = (code, tuple(c.text for c in row.cells))
        if key in seen and sum(1 for o in coded if o.code == code) > 1 and _is_repeat(block, row):
            continue
        seen.add(key)
        leaves.append(row)
    return leaves


def _is_repeat(block: Block, row: Row) -> bool:
    """An exact copy of an earlier row (the same figure printed twice), not a second line item."""
    return any(
        o.number < row.number and o.code == row.code and o.label == row.label and o.cells == row.cells
        for o in block.rows
    )


def budget_from_document(document: Document) -> Budget:
    """Line items from the document's functional and economic tables, and prior-year figures from its 说明."""
    lines: list[LineItem] = []
    unit = Unit.WAN_YUAN
    for kind, funding in _FUNCTIONAL_KINDS.items():
        table = document.table(kind)
        if table is None:
            continue
        unit = table.unit
        for block in table.blocks:
            keys = {c.key for c in block.columns}
            split = bool(keys & {"basic", "project"})
            parts = (("basic", Purpose.BASIC), ("project", Purpose.PROJECT)) if split else (("total", Purpose.UNSPLIT),)
            for row in _leaves(block):
                for key, purpose in parts:
                    amount = block.amount(row, key)
                    if amount is not None and amount.value:
                        lines.append(LineItem(amount.value, purpose, funding, functional=row.code))
    basic = document.table("gpb_basic")
    if basic is not None:
        for block in basic.blocks:
            for row in _leaves(block):
                amount = block.amount(row, "total")
                if amount is not None and amount.value:
                    lines.append(LineItem(amount.value, Purpose.BASIC, Funding.GENERAL, economic=row.code))
    prior: dict[str, Decimal] = {}
    for statement in document.statements:
        if statement.change is None or statement.change_direction not in (Direction.UP, Direction.DOWN):
            continue
        sign = 1 if statement.change_direction == Direction.UP else -1
        key = "-".join(statement.path) if statement.path else statement.subject
        prior.setdefault(key, statement.amount.value - sign * statement.change.value)
    return Budget(
        department=document.department or "",
        year=document.year or 0,
        kind=document.kind,
        unit=unit,
        lines=tuple(lines),
        prior=prior,
    )
