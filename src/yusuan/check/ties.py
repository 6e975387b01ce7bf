"""Ties between tables: the same figure wherever it appears.

收入总计 = 支出总计; each function class in 财政拨款收支总表, 收支总表, 支出总表 and the
一般公共预算支出表; the 基本支出 total in the functional and economic tables; the 政府性基金
and 国有资本经营 columns against their own tables; a 决算's 本年收入/支出合计 against its 收入决算表
and 支出决算表.
"""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.arithmetic import Verdict, compare_same
from yusuan.check.report import NotRun
from yusuan.check.tables import economic_total, strip_numbering, table_label
from yusuan.model.budget import PUBLIC_CLASSES
from yusuan.model.document import Block, Document, Row, Table
from yusuan.model.finding import Finding
from yusuan.model.location import Location
from yusuan.model.money import ZERO, Amount


def _mismatch(
    what: str, left: tuple[Table, Amount, Location], right: tuple[Table, Amount, Location]
) -> Iterator[Finding]:
    result = compare_same(left[1], right[1])
    if result.verdict == Verdict.ERROR:
        yield Finding(
            "tie.mismatch",
            right[2],
            {
                "what": what,
                "left_table": table_label(left[0]),
                "left": left[1],
                "right_table": table_label(right[0]),
                "right": right[1],
                "diff": result.diff,
            },
        )


def _side(table: Table, side: str) -> Block | None:
    return next((b for b in table.blocks if b.side == side), None)


def _total(block: Block, key: str) -> tuple[Amount, Location] | None:
    row = block.total_row()
    if row is None:
        return None
    cell = row.cell(block.columns, key)
    if cell is None or cell.amount is None:
        return None
    return cell.amount, cell.where


def _blocks_total(table: Table) -> tuple[Amount, Location] | None:
    """The 合计 of a table printed in side-by-side blocks (the 决算 基本支出表: 人员经费合计 on the
    left, 公用经费合计 on the right, each in the block's one amount column), or of its one block."""
    totals = [
        _total(block, "total" if len(block.columns) > 1 else block.columns[0].key) if block.columns else None
        for block in table.blocks
    ]
    found = [t for t in totals if t is not None]
    if not found or len(found) != len(totals):
        return None
    amounts = [a for a, _where in found]
    places = max(a.places for a in amounts)
    return Amount(sum((a.value for a in amounts), ZERO), amounts[0].unit, places), found[0][1]


def _class_rows(table: Table, key: str) -> dict[str, tuple[Amount, Location]]:
    """Function-class figures of a table by class name: coded 类 rows or numbered （一） rows."""
    out: dict[str, tuple[Amount, Location]] = {}
    for block in table.blocks:
        if table.blocks and len(table.blocks) > 1 and block.side != "expense":
            continue
        column = key if any(c.key == key for c in block.columns) else "total"
        for row in block.rows:
            name = strip_numbering(row.label)
            is_class = (row.code and len(row.code) == 3) or (not row.code and name.endswith("支出") and row.level == 2)
            cell = row.cell(block.columns, column)
            if is_class and cell is not None:
                amount = cell.amount if cell.amount is not None else Amount(ZERO)
                out.setdefault(name, (amount, cell.where))
    return out


def check_ties(document: Document) -> Iterator[Finding | NotRun]:
    incomplete = [t for t in document.tables if not t.complete]
    if incomplete:
        labels = "、".join(table_label(t) for t in incomplete)
        yield NotRun("ties", f"{labels}可能读取不完整，表间勾稽未核对")
        return
    for table in document.tables:
        income, expense = _side(table, "income"), _side(table, "expense")
        if income and expense:
            a, b = _total(income, "total"), _total(expense, "total")
            if a and b and compare_same(a[0], b[0]).verdict == Verdict.ERROR:
                yield Finding(
                    "tie.income_expense", b[1], {"table": table_label(table), "income": a[0], "expense": b[0]}
                )

    yield from _operating_cost(document)
    yield from _final_totals(document)
    # a 决算's 一般公共预算财政拨款支出决算表 and 基本支出决算表 tie alike
    gpb = document.table("gpb_expense") or document.table("final_gpb_expense")
    if gpb is None:
        yield NotRun("ties", "没有一般公共预算支出表，未核对功能分类与其他表的一致性")
        return
    gpb_classes = _class_rows(gpb, "total")
    for kind, key in (("fiscal_summary", "general"), ("summary", "total"), ("expense", "total")):
        other = document.table(kind)
        if other is None:
            continue
        if kind in ("summary", "expense") and not _all_fiscal_general(document):
            continue  # other funds than 一般公共预算: the tables need not agree
        for name, right in _class_rows(other, key).items():
            left = gpb_classes.get(name, None)
            if left is None:
                if right[0].value != 0:
                    yield from _mismatch(f"功能分类“{name}”", (gpb, Amount(ZERO), gpb.where), (other, *right))
                continue
            yield from _mismatch(f"功能分类“{name}”", (gpb, *left), (other, *right))

    basic = document.table("gpb_basic") or document.table("final_gpb_basic")
    gpb_block = gpb.blocks[0] if gpb.blocks else None
    if basic and basic.blocks and gpb_block:
        gpb_basic, own_basic = _total(gpb_block, "basic"), _blocks_total(basic)
        if gpb_basic and own_basic:
            yield from _mismatch("一般公共预算基本支出合计", (gpb, *gpb_basic), (basic, *own_basic))

    if _all_fiscal_general(document) and (spending := document.table("expense")) and spending.blocks and gpb_block:
        for key, what in (("total", "支出合计"), ("basic", "基本支出合计"), ("project", "项目支出合计")):
            gpb_sum, own_sum = _total(gpb_block, key), _total(spending.blocks[0], key)
            if gpb_sum and own_sum:
                yield from _mismatch(what, (gpb, *gpb_sum), (spending, *own_sum))

    fiscal = document.table("fiscal_summary")
    fiscal_expense = _side(fiscal, "expense") if fiscal else None
    if fiscal and fiscal_expense:
        for key, kind, what in (
            ("fund", "fund_expense", "政府性基金预算支出"),
            ("state_capital", "state_capital_expense", "国有资本经营预算支出"),
        ):
            own = document.table(kind)
            stated = _row_value(fiscal_expense, fiscal_expense.total_row(), key)
            if own is None or stated is None:
                continue
            own_total = _table_total(own)
            yield from _mismatch(what, (own, own_total, own.where), (fiscal, *stated))


def _final_totals(document: Document) -> Iterator[Finding]:
    """A 决算's 本年收入合计 and 本年支出合计 in its 总表 are the 合计 of its 收入决算表 and 支出决算表."""
    summary = document.table("final_summary")
    if summary is None:
        return
    for side, kind, label in (("income", "final_income", "本年收入合计"), ("expense", "final_expense", "本年支出合计")):
        block, own = _side(summary, side), document.table(kind)
        if block is None or own is None or not own.blocks or len(block.columns) != 1:
            continue
        row = next((r for r in block.rows if strip_numbering(r.label) == label), None)
        stated, total = _row_value(block, row, block.columns[0].key), _total(own.blocks[0], "total")
        if stated and total:
            yield from _mismatch(label, (summary, *stated), (own, *total))


def _row_value(block: Block, row: Row | None, key: str) -> tuple[Amount, Location] | None:
    if row is None:
        return None
    cell = row.cell(block.columns, key)
    if cell is None:
        return None
    return (cell.amount if cell.amount is not None else Amount(ZERO)), cell.where


def _table_total(table: Table) -> Amount:
    """A table's grand total; an empty table totals zero."""
    for block in table.blocks:
        found = _total(block, "total")
        if found:
            return found[0]
    return Amount(ZERO)


def _all_fiscal_general(document: Document) -> bool:
    """All the department's money is 一般公共预算 (then 收支总表 and 支出总表 equal the 一般公共预算支出表)."""
    fiscal, summary = document.table("fiscal_summary"), document.table("summary")
    if fiscal is None or summary is None:
        return False
    fiscal_in, summary_in = _side(fiscal, "income"), _side(summary, "income")
    fiscal_out = _side(fiscal, "expense")
    if not (fiscal_in and summary_in and fiscal_out):
        return False
    a, b = _total(fiscal_in, "total"), _total(summary_in, "total")
    general = _total(fiscal_out, "general")
    return bool(a and b and general and a[0].value == b[0].value == general[0].value)


def _operating_cost(document: Document) -> Iterator[Finding | NotRun]:
    """机关运行经费 is paid from 公用经费: it can equal it (an administrative office) but never exceed it."""
    stated = [s for s in document.statements if "".join(s.subject.split()).startswith("机关运行经费")]
    if not stated:
        return
    public = economic_total(document, PUBLIC_CLASSES)
    if public is None:
        yield NotRun("ties", "没有基本支出表的公用经费数据，未核对机关运行经费")
        return
    for statement in stated:
        result = compare_same(statement.amount, public[1])
        if result.verdict == Verdict.ERROR and result.diff > 0:
            yield Finding("tie.operating_cost", statement.where, {"operating": statement.amount, "public": public[1]})
