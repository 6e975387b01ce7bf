"""Totals within a table: 类 = Σ款 = Σ项, numbered items = Σ sub-items, 合计 = Σ top rows,
and row identities (合计 = 基本 + 项目, 合计 = Σ funding sources, 合计 = 人员 + 公用)."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.arithmetic import Verdict, compare_sum
from yusuan.check.report import NotRun
from yusuan.check.tables import duplicates, families, table_label, top_rows, zero_like
from yusuan.model.document import Block, Document, Row, RowRole, Table
from yusuan.model.finding import Finding

# Column sets that partition the 合计 column of a row.
PARTITIONS: tuple[tuple[str, ...], ...] = (
    ("basic", "project"),
    ("general", "fund", "state_capital", "social_insurance", "special_account", "unit_funds"),
    ("personnel", "public"),
)
PART_NAMES = {
    "basic": "基本支出",
    "project": "项目支出",
    "general": "一般公共预算",
    "fund": "政府性基金",
    "state_capital": "国有资本经营",
    "social_insurance": "社会保险基金",
    "special_account": "财政专户",
    "unit_funds": "单位资金",
    "personnel": "人员经费",
    "public": "公用经费",
    "reserve": "单位预留机动经费",
    "carry_forward": "结转下年资金",
    "meeting": "会议费",
    "training": "培训费",
    "abroad": "因公出国（境）费",
    "vehicle": "公务用车购置及运行费",
    "reception": "公务接待费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费",
    "fiscal_grant": "财政拨款收入",
    "business_income": "事业收入",
    "operating_income": "事业单位经营收入",
    "other_income": "其他收入",
    "carryover": "上年结转",
}


def check_totals(document: Document) -> Iterator[Finding | NotRun]:
    for table in document.tables:
        if not table.complete:
            yield NotRun("totals", f"{table_label(table)}可能有部分内容未能读取（跨页续表未能衔接），未核对合计")
            continue
        for block in table.blocks:
            yield from _duplicates(table, block)
            yield from _rollups(table, block)
            yield from _grand_totals(table, block)
            yield from _row_identities(table, block)


def _duplicates(table: Table, block: Block) -> Iterator[Finding]:
    rows = {r.number: r for r in block.rows}
    for number, first in duplicates(block).items():
        row = rows[number]
        yield Finding(
            "total.duplicate_row",
            row.where,
            {
                "table": table_label(table),
                "row": number,
                "first": first,
                "code": row.code or "",
                "name": row.label,
            },
        )


def _row_name(row: Row) -> str:
    name = f"{row.code or ''} {row.label}".strip()
    return name or ("合计" if row.role == RowRole.TOTAL else f"第{row.number}行")


def column_name(label: str) -> str:
    """The lowest header level names the column: 预算数/基本支出 → 基本支出."""
    return label.rsplit("/", 1)[-1]


def _compare(table: Table, block: Block, parent: Row, kids: list[Row], codes: tuple[str, str]) -> Iterator[Finding]:
    for column in block.columns:
        cell = parent.cell(block.columns, column.key)
        if cell is None:
            continue
        amounts = [k.cell(block.columns, column.key) for k in kids]
        if cell.amount is None and all(a is None or a.amount is None for a in amounts):
            continue  # all blank: nothing stated
        expected = cell.amount if cell.amount is not None else zero_like(block, column.key)
        # A blank cell is an exact zero: it adds nothing to the sum and nothing to the tolerance.
        parts = [a.amount for a in amounts if a is not None and a.amount is not None]
        result = compare_sum(expected, parts)
        if result.verdict == Verdict.EXACT:
            continue
        code = codes[0] if result.verdict == Verdict.ERROR else codes[1]
        yield Finding(
            code,
            cell.where,
            {
                "table": table_label(table),
                "name": _row_name(parent),
                "column": column_name(column.label or column.key),
                "expected": result.expected,
                "actual": result.actual,
                "diff": result.diff,
                "tolerance": result.tolerance,
            },
        )


def _rollups(table: Table, block: Block) -> Iterator[Finding | NotRun]:
    if block.has_subtotals() and not any(r.code for r in block.rows):
        yield NotRun("totals", f"{table_label(table)}有“小计”行，层级无法确定，未核对层级汇总")
        return
    for parent, kids in families(block):
        yield from _compare(table, block, parent, kids, ("total.rollup", "total.rollup_rounding"))


def _grand_totals(table: Table, block: Block) -> Iterator[Finding]:
    """总计 = Σ top rows; and 本年收入合计 / 本年支出合计 = Σ the items above it, so that with the
    carry-overs below (年初结转和结余, 年末结转和结余 …) the final-accounts identity
    本年收入 + 年初结转 = 本年支出 + 年末结转 is checked on each side and by the income = expenditure tie."""
    total = block.total_row()
    tops = top_rows(block)
    if total is None or not tops or (block.has_subtotals() and not any(r.code for r in block.rows)):
        return
    subtotals = [
        r
        for r in block.rows
        if r.role == RowRole.TOTAL and "".join(r.label.split()).startswith("本年") and r.label.strip().endswith("合计")
    ]
    if not subtotals:
        yield from _compare(table, block, total, tops, ("total.rollup", "total.rollup_rounding"))
        return
    subtotal = subtotals[0]
    above = [r for r in tops if r.number < subtotal.number]
    below = [r for r in tops if r.number > subtotal.number]
    if above:
        yield from _compare(table, block, subtotal, above, ("total.rollup", "total.rollup_rounding"))
    yield from _compare(table, block, total, [subtotal, *below], ("total.rollup", "total.rollup_rounding"))


def _identities(keys: set[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Which columns of a row must add up to which: (target, parts) for the columns present."""
    out: list[tuple[str, tuple[str, ...]]] = []
    if any(k.startswith("col") for k in keys):
        return []  # an amount column yusuan cannot name: the row's parts are not all known
    if "basic" in keys:
        out.append(("total", tuple(k for k in ("basic", "project", "reserve", "carry_forward") if k in keys)))
        if keys & {"personnel", "public"}:
            out.append(("basic", tuple(k for k in ("personnel", "public") if k in keys)))
    elif keys & {"personnel", "public"}:
        out.append(("total", tuple(k for k in ("personnel", "public", "project") if k in keys)))
    elif "project" in keys:
        out.append(("total", ("project",)))
    if {"abroad", "reception", "vehicle"} <= keys:
        extra = tuple(k for k in ("meeting", "training") if k in keys)  # Jiangsu adds 会议费, 培训费
        out.append(("total", ("abroad", "vehicle", "reception", *extra)))
    if "vehicle" in keys and keys & {"vehicle_purchase", "vehicle_operation"}:
        out.append(("vehicle", tuple(k for k in ("vehicle_purchase", "vehicle_operation") if k in keys)))
    out += _source_identities(keys)
    return [(target, parts) for target, parts in out if target in keys and parts]


# Where money comes from, as income tables split it: 财政拨款 (or its parts), the money kept in a
# 财政专户 or a 社会保险基金, and 单位资金 (or its parts: 事业收入, 经营收入, 其他收入, 上年结转).
_FISCAL_PARTS = ("general", "fund", "state_capital")
_UNIT_PARTS = ("business_income", "operating_income", "other_income", "carryover")


def _source_identities(keys: set[str]) -> list[tuple[str, tuple[str, ...]]]:
    """合计 = Σ sources, each group counted once: by its subtotal column when the table prints one
    (财政拨款收入, 单位资金), else by its parts; and a printed subtotal = Σ its printed parts.

    An Anhui 部门收入预算总表 prints 上年结转, 一般公共预算, 政府性基金, 国有资本经营, 财政专户,
    事业收入, 经营收入 and 其他收入 side by side: 合计 is the sum of all eight, not of either half."""
    groups = (
        ("fiscal_grant", _FISCAL_PARTS),
        ("social_insurance", ()),
        ("special_account", ()),
        ("unit_funds", _UNIT_PARTS),
    )
    out: list[tuple[str, tuple[str, ...]]] = []
    terms: list[str] = []
    for subtotal, parts in groups:
        present = tuple(k for k in parts if k in keys)
        if subtotal in keys:
            terms.append(subtotal)
            if present:
                out.append((subtotal, present))
        else:
            terms += present
    if len(terms) >= 2 or (terms and terms[0] in PARTITIONS[1]):  # one source alone: 合计 is all of it
        out.append(("total", tuple(terms)))
    return out


def _row_identities(table: Table, block: Block) -> Iterator[Finding | NotRun]:
    keys = {c.key for c in block.columns}
    for target, present in _identities(keys):
        if all(
            row.cell(block.columns, k) is None or row.cell(block.columns, k).amount is None  # type: ignore[union-attr]
            for row in block.rows
            for k in present
        ):
            names = "、".join(PART_NAMES[k] for k in present)
            yield NotRun("totals", f"{table_label(table)}的{names}列全部为空，未核对行内合计")
            continue
        for row in block.rows:
            total = row.cell(block.columns, target)
            if total is None or total.amount is None:
                continue
            parts = [row.cell(block.columns, k) for k in present]
            amounts = [p.amount for p in parts if p is not None and p.amount is not None]
            result = compare_sum(total.amount, amounts)
            if result.verdict == Verdict.EXACT:
                continue
            yield Finding(
                "total.row" if result.verdict == Verdict.ERROR else "total.row_rounding",
                total.where,
                {
                    "table": table_label(table),
                    "name": _row_name(row),
                    "column": "合计" if target == "total" else PART_NAMES.get(target, target),
                    "parts": "、".join(PART_NAMES[k] for k in present),
                    "expected": result.expected,
                    "actual": result.actual,
                    "diff": result.diff,
                },
            )
