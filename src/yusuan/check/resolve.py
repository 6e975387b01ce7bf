"""Which table figure a sentence of the 说明 speaks of.

A statement's subject (``一般公共预算支出``, ``财政拨款基本支出预算``, ``公务接待费预算支出`` …) is
normalised (the department's name, fillers and a trailing 预算数 removed) and matched against the
figures the standard tables print; a 项 named by its 类/款/项 path is looked up in the tables of the
money its section speaks of. None means the subject names no table figure for sure: the check
counts it as not compared, never as agreeing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from yusuan.catalogs import kind_of_title
from yusuan.check.tables import economic_total, strip_numbering
from yusuan.model.budget import PERSONNEL_CLASSES, PUBLIC_CLASSES
from yusuan.model.codes import name_key
from yusuan.model.document import Document, Table
from yusuan.model.location import Location
from yusuan.model.money import ZERO, Amount
from yusuan.model.narrative import Statement

Found = tuple[Table, Amount, Location]
_FILLER = re.compile(r"^(?:全部为|全部是|其中|预算共安排|共安排|安排|预算|本部门|本单位|部门|单位)+")
_TAIL = re.compile(r"(?:财政拨款)?(?:预算数|预算金额|预算)?(?:为|是)?$")


def normalize(subject: str, department: str | None = None) -> str:
    """The subject less the department's name, fillers (全部为, 其中…) and a trailing 预算(数)为."""
    text = "".join(subject.split())
    if department:
        text = _strip_department(text, "".join(department.split()))
    text = _FILLER.sub("", text)
    return _TAIL.sub("", text) or text


def _strip_department(text: str, department: str) -> str:
    """Remove the department's name at the start, also where it is misspelt by a character."""
    for size in (len(department), len(department) - 1, len(department) + 1):
        head = text[:size]
        if size < len(text) and head[-2:] == department[-2:]:
            same = sum(a == b for a, b in zip(head, department, strict=False))
            if same >= min(len(head), len(department)) - 1:
                return text[size:]
    return text


def _total_of(table: Table | None, key: str = "total", side: str | None = None) -> Found | None:
    if table is None:
        return None
    for block in table.blocks:
        if side and block.side and block.side != side:
            continue
        row = block.total_row()
        cell = row.cell(block.columns, key) if row else None
        if cell is not None:  # a blank cell in a printed column is a zero
            return table, cell.amount or Amount(ZERO), cell.where
    if table.empty:
        return table, Amount(ZERO), table.where
    return None


def _labelled(table: Table | None, label: str, key: str = "total") -> Found | None:
    if table is None:
        return None
    for block in table.blocks:
        for row in block.rows:
            if strip_numbering(row.label) == label:
                only = block.columns[0].key if len(block.columns) == 1 else key  # a 决算 总表's 决算数
                cell = row.cell(block.columns, key) or row.cell(block.columns, "total") or row.cell(block.columns, only)
                if cell is not None:
                    return table, cell.amount or Amount(ZERO), cell.where
    return None


# The tables a 说明 section's 项 are printed in, by the kind of table the section explains: a
# 一般公共预算, 政府性基金 or 国有资本经营 section speaks of that budget's money. Any other section
# (Jiangsu's 财政拨款支出预算情况说明, Shanghai's 预算编制说明 with its 财政拨款支出主要内容) of
# 财政拨款, the three budgets' money: Jiangsu's 表05 prints it, elsewhere their three tables together.
_ITEM_TABLES: dict[str, tuple[str, ...]] = {
    "gpb_expense": ("gpb_expense",),
    "gpb_basic": ("gpb_expense",),
    "fund_expense": ("fund_expense",),
    "state_capital_expense": ("state_capital_expense",),
    "final_gpb_expense": ("final_gpb_expense",),
}
_FISCAL_ITEM_TABLES = (
    ("fiscal_expense",),
    ("gpb_expense", "fund_expense", "state_capital_expense"),
    ("final_gpb_expense", "final_fund", "final_state_capital"),  # a 决算's
)


def _item_tables(document: Document, where: Location) -> list[Table]:
    """The coded tables in which the 项 a statement names is to be found (see ``_ITEM_TABLES``)."""
    kind = _explained_kind(where) or ""
    for kinds in (_ITEM_TABLES[kind],) if kind in _ITEM_TABLES else _FISCAL_ITEM_TABLES:
        found = [t for t in (document.table(k) for k in kinds) if t is not None]
        if found:
            return found
    return []


def _explained_kind(where: Location) -> str | None:
    """The table kind the innermost heading of the statement's section that ends in 说明 names
    (``五、财政拨款支出预算情况说明`` → fiscal_expense), read as a table's title if need be: a 决算's
    ``三、支出决算情况说明`` explains its 支出决算表, ``一、收入支出决算总体情况说明`` its 总表."""
    for heading in reversed((where.section or "").split()):
        if heading.endswith("说明"):
            kind = kind_of_title(heading) or kind_of_title(_AS_TITLE.sub(_as_title, heading))
            if kind is not None:
                return kind
    return None


_AS_TITLE = re.compile(r"(总体)?情况说明$")


def _as_title(match: re.Match[str]) -> str:
    return "总表" if match.group(1) else "表"


def _path_row(document: Document, statement: Statement) -> Found | None:
    wanted = tuple(name_key(p) for p in statement.path)
    for table in _item_tables(document, statement.where):
        for block in table.blocks:
            names = {r.code: name_key(strip_numbering(r.label)) for r in block.rows if r.code}
            for row in block.rows:
                code = row.code or ""
                if len(code) == 7 and (names.get(code[:3]), names.get(code[:5]), names.get(code)) == wanted:
                    cell = row.cell(block.columns, "total")
                    if cell and cell.amount is not None:
                        return table, cell.amount, cell.where
    return None


def items_of(document: Document, statement: Statement) -> list[str] | None:
    """The 项 names the statement's tables print under its 类 and 款, when one prints both."""
    tables = _item_tables(document, statement.where)
    if not tables or not all(t.complete for t in tables):
        return None
    cls, sec = name_key(statement.path[0]), name_key(statement.path[1])
    items: list[str] | None = None
    for table in tables:
        for block in table.blocks:
            names = {r.code: strip_numbering(r.label) for r in block.rows if r.code}
            for code, name in names.items():
                if len(code) == 5 and name_key(name) == sec and name_key(names.get(code[:3], "")) == cls:
                    items = [*(items or []), *(n for c, n in names.items() if len(c) == 7 and c.startswith(code))]
    return items


def resolve(document: Document, statement: Statement) -> Found | None:
    """The table figure a statement's subject names, or None when it names none for sure."""
    if statement.path:
        return _path_row(document, statement)
    subject = normalize(statement.subject, document.department)
    if not subject:
        return None
    if subject in ("收入", "支出") and not _TAIL.search(statement.subject.strip()).group(0):  # type: ignore[union-attr]
        return None  # a bare 支出 ends an item's name (…（项）支出), it is not the department's total
    # Jiangsu: 公务接待费预算支出, 财政拨款预算支出 (not the 一般公共预算, 政府性基金预算 … themselves)
    subject = re.sub(r"(?<!公共|基金|经营)预算支出$", "支出", subject)
    section_kind = _section_kind(statement.where)
    # the table the section explains (a 决算's: 三、支出决算情况说明 → its 支出决算表)
    own = (document.table(section_kind) or document.table(f"final_{section_kind}")) if section_kind else None
    table = document.table
    gpb = table("gpb_expense") or table("final_gpb_expense")  # a 决算's tables answer alike
    summary = table("summary") or table("final_summary")
    three = table("three_public")

    def spent(key: str) -> Found | None:
        """A “三公” figure: the budget's total row, or a 决算's 决算数 row."""
        if three is not None:
            return _total_of(three, key)
        return _labelled(table("final_three_public"), "决算数", key)

    if subject.endswith("年初"):  # (…年初预算): a 决算's “三公” one is its table's 预算数 row, others have no table
        key = next((k for pattern, k in _THREE_PUBLIC if re.fullmatch(pattern, subject[:-2])), None)
        return _labelled(table("final_three_public"), "预算数", key) if key else None

    rules: list[tuple[str, Callable[[], Found | None]]] = [
        (  # a 决算's 财政拨款收入支出决算总表 prints one column a side: its 总计 row
            r"财政拨款收支(?:总)?|财政拨款收支总计|财政拨款收入支出总计",
            lambda: (
                _total_of(table("fiscal_summary"), side="income") or _labelled(table("final_fiscal_summary"), "总计")
            ),
        ),
        (r"一般公共预算(?:财政)?(?:拨款)?支出", lambda: _total_of(gpb)),
        (
            r"一般公共预算(?:财政拨款)?基本支出",  # a 决算 prints it as its 支出决算表's 基本支出 column
            lambda: _total_of(table("gpb_basic")) or _total_of(table("final_gpb_expense"), "basic"),
        ),
        (r"收支总|收入|本年收入|收入总计", lambda: _total_of(table("summary"), side="income")),
        (r"收入支出总计", lambda: _labelled(table("final_summary"), "总计")),  # a 决算's 表一
        (r"支出|本年支出|支出总计", lambda: _total_of(table("summary"), side="expense")),
        (r"本年收入(?:预算)?合计", lambda: _labelled(summary, "本年收入合计")),
        (r"本年支出(?:预算)?合计", lambda: _labelled(summary, "本年支出合计")),
        (  # a 决算's 总表 prints the three budgets' 财政拨款 apart, its 收入决算表 their sum
            r"财政拨款收入",
            lambda: _labelled(summary, "财政拨款收入") or _total_of(table("final_income"), "fiscal_grant"),
        ),
        (r"(?:事业|事业单位经营|经营|其他|上级补助|附属单位上缴)收入", lambda: _labelled(summary, subject)),
        (r"一般公共预算拨款收入", lambda: _labelled(table("summary"), "一般公共预算拨款收入")),
        (r"财政拨款支出", lambda: _total_of(table("fiscal_summary"), side="expense")),
        (r"财政拨款基本支出", lambda: _total_of(table("fiscal_basic"))),
        (r"政府性基金(?:预算)?(?:拨款)?支出", lambda: _total_of(table("fund_expense"))),
        (r"国有资本经营预算(?:拨款)?支出", lambda: _total_of(table("state_capital_expense"))),
        (r"基本支出", lambda: _total_of(own, "basic") if own and own.kind != "fiscal_summary" else None),
        (r"项目支出", lambda: _project_total(document, own)),
        (r"人员经费", lambda: economic_total(document, PERSONNEL_CLASSES)),
        (r"公用经费", lambda: economic_total(document, PUBLIC_CLASSES)),
        *((pattern, lambda key=key: spent(key)) for pattern, key in _THREE_PUBLIC),
        (r"(?:一般公共预算拨款安排的)?会议费(?:支出)?", lambda: _total_of(three, "meeting")),
        (r"(?:一般公共预算拨款安排的)?培训费(?:支出)?", lambda: _total_of(three, "training")),
        (r".*机关运行经费(?:支出)?", lambda: _total_of(three, "operating_cost") or _total_of(table("operating_cost"))),
        (r"政府采购", lambda: _total_of(table("procurement"))),
    ]
    for pattern, resolver in rules:
        if re.fullmatch(pattern, subject):
            return resolver()
    # a 类 by name: in the table the section explains (the 财政拨款总表's 类 include the fund's
    # money, which 表2 does not), else in the 一般公共预算支出表
    if own is not None and own.kind == "fiscal_summary":
        found = _class_row(own, subject, coded=False)
        if found is not None:
            return found
    return _class_row(gpb, subject.removesuffix("（类）"), coded=True)  # 一般公共服务支出（类） in a 决算


# The “三公” figures a 说明 names, and their columns.
_THREE_PUBLIC = (
    (r"“?三公”?经费(?:财政拨款)?(?:支出)?", "total"),
    (r"(?:因公出国（境）费|因公出国\(境\)费)(?:支出)?", "abroad"),
    (r"公务用车购置及运行(?:维护)?费(?:支出)?", "vehicle"),
    (r"公务用车购置费?(?:支出)?", "vehicle_purchase"),
    (r"公务用车运行(?:维护)?费(?:支出)?", "vehicle_operation"),
    (r"公务接待费(?:支出)?", "reception"),
)


def _class_row(table: Table | None, subject: str, coded: bool) -> Found | None:
    """The 合计 of the expense row naming the 类 ``subject`` (with its 3-digit code when ``coded``)."""
    if table is None:
        return None
    for block in table.blocks:
        if block.side == "income":
            continue
        for row in block.rows:
            if (len(row.code or "") == 3 if coded else not row.code) and strip_numbering(row.label) == subject:
                cell = row.cell(block.columns, "total")
                if cell and cell.amount is not None:
                    return table, cell.amount, cell.where
    return None


def _project_total(document: Document, own: Table | None) -> Found | None:
    for table in (own, document.table("project_expense"), document.table("gpb_expense")):
        if table is not None and table.kind != "fiscal_summary":
            found = _total_of(table, "project")
            if (found and found[1].value) or (found and table.kind == "project_expense"):
                return found
    return None


def _section_kind(where: Location) -> str | None:
    """The table kind the statement's section explains: 关于…的说明 (Anhui), else the innermost
    heading ending in 说明 (五、财政拨款支出预算情况说明, Jiangsu)."""
    section = where.section or ""
    match = re.search(r"关于.*?说明", section)
    return kind_of_title(match.group(0)) if match else _explained_kind(where)
