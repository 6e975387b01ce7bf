"""The 说明 against the tables and against itself.

Every amount whose subject names a table figure is compared with it; every share (占 x%) is
recomputed on the total it is a share of; every change (增加 Δ, 增长 y%) is recomputed on the
prior year it implies, with the direction words and the year compared against checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from yusuan.catalogs import kind_of_title
from yusuan.check.arithmetic import Verdict, compare_same, compare_sum, judge_percent, percent_interval, quantize
from yusuan.check.report import NotRun
from yusuan.check.tables import economic_total, strip_numbering, table_label
from yusuan.model.budget import PERSONNEL_CLASSES, PUBLIC_CLASSES
from yusuan.model.document import Document, Table
from yusuan.model.finding import Finding
from yusuan.model.location import Location
from yusuan.model.money import HUNDRED, ZERO, Amount, Percent
from yusuan.model.narrative import Direction, Statement

Found = tuple[Table, Amount, Location]
_FILLER = re.compile(r"^(?:全部为|全部是|其中|预算共安排|共安排|安排|预算|本部门|本单位|部门|单位)+")
_TAIL = re.compile(r"(?:财政拨款)?(?:预算数|预算金额|预算)?(?:为|是)?$")
_SUBSECTION = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)][^ ]*$")
_WORD = {Direction.UP: ("增加", "增长"), Direction.DOWN: ("减少", "下降"), Direction.FLAT: ("持平", "持平")}


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


_BRACKETS = str.maketrans("()", "（）")


def name_key(name: str) -> str:
    """A classification name as compared: no spaces, full-width brackets, no trailing 支出
    (the 说明 writes 公共安全（类） for the class the tables call 公共安全支出)."""
    key = "".join(name.split()).translate(_BRACKETS)
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key


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
    (``五、财政拨款支出预算情况说明`` → fiscal_expense)."""
    for heading in reversed((where.section or "").split()):
        if heading.endswith("说明"):
            kind = kind_of_title(heading)
            if kind is not None:
                return kind
    return None


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


def _items_of(document: Document, statement: Statement) -> list[str] | None:
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
    own = document.table(section_kind) if section_kind else None
    table = document.table
    gpb = table("gpb_expense") or table("final_gpb_expense")  # a 决算's tables answer alike
    summary = table("summary") or table("final_summary")
    three = table("three_public")
    rules: list[tuple[str, Callable[[], Found | None]]] = [
        (r"财政拨款收支(?:总)?|财政拨款收支总计", lambda: _total_of(table("fiscal_summary"), side="income")),
        (r"一般公共预算(?:财政)?(?:拨款)?支出", lambda: _total_of(gpb)),
        (r"一般公共预算(?:财政拨款)?基本支出", lambda: _total_of(table("gpb_basic"))),
        (r"收支总|收入|本年收入|收入总计", lambda: _total_of(table("summary"), side="income")),
        (r"支出|本年支出|支出总计", lambda: _total_of(table("summary"), side="expense")),
        (r"本年收入(?:预算)?合计", lambda: _labelled(summary, "本年收入合计")),
        (r"本年支出(?:预算)?合计", lambda: _labelled(summary, "本年支出合计")),
        (r"财政拨款收入", lambda: _labelled(summary, "财政拨款收入")),
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
        (r"“?三公”?经费", lambda: _total_of(three)),
        (r"(?:因公出国（境）费|因公出国\(境\)费)(?:支出)?", lambda: _total_of(three, "abroad")),
        (r"公务用车购置及运行(?:维护)?费(?:支出)?", lambda: _total_of(three, "vehicle")),
        (r"公务用车购置费?(?:支出)?", lambda: _total_of(three, "vehicle_purchase")),
        (r"公务用车运行(?:维护)?费(?:支出)?", lambda: _total_of(three, "vehicle_operation")),
        (r"公务接待费(?:支出)?", lambda: _total_of(three, "reception")),
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
    return _class_row(gpb, subject, coded=True)


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


def check_narrative(document: Document) -> Iterator[Finding | NotRun]:
    yield from _vehicles(document)
    if not document.statements:
        yield NotRun("narrative", "没有读到说明中的金额，未核对说明")
        return
    unmatched = 0
    for statement in document.statements:
        found = resolve(document, statement)
        items = _items_of(document, statement) if found is None and statement.path else None
        # a 项 the table prints with a blank amount is known, only not comparable: not checked, not unknown
        if items and name_key(statement.path[2]) not in {name_key(i) for i in items}:
            yield Finding(
                "narrative.unknown_item",
                statement.where,
                {"subject": statement.subject, "item": statement.path[2], "items": "、".join(items)},
            )
            continue
        if found is None:
            unmatched += 1
            continue
        table, actual, _where = found
        if not table.complete:
            unmatched += 1
            continue
        result = compare_same(statement.amount, actual)
        if result.verdict == Verdict.ERROR:
            yield Finding(
                "narrative.amount_mismatch",
                statement.where,
                {
                    "subject": statement.subject,
                    "stated": statement.amount,
                    "table": table_label(table),
                    "actual": actual,
                    "diff": result.diff,
                },
            )
    if unmatched:
        yield NotRun(
            "narrative",
            f"说明中有 {unmatched} 个金额没有对应的表格数字（如项目资金、资产购置），未与表格核对",
        )
    yield from _shares(document)
    yield from _changes(document)
    yield from _stated_parts(document)


def _paragraph_key(where: Location) -> tuple[object, ...]:
    """Statements of one paragraph share the location of its first line."""
    return (where.page, where.line, where.bbox)


def _shares(document: Document) -> Iterator[Finding | NotRun]:
    heads: dict[str, Statement] = {}
    groups: dict[int, list[Statement]] = {}
    unresolved = 0
    paragraphs: dict[tuple[object, ...], list[Statement]] = {}
    for statement in document.statements:
        paragraphs.setdefault(_paragraph_key(statement.where), []).append(statement)
    for statement in document.statements:
        section = _SUBSECTION.sub("", statement.where.section or "")
        paragraph = paragraphs[_paragraph_key(statement.where)]
        head = next((s for s in paragraph if s.share is None), None)
        if head is not None and (statement is head or statement.share is None):
            heads[section] = head
        if statement.share is None:
            continue
        if statement.share_base:
            base = _named_base(document, statement, section)
        else:
            base = head if head is not None and head is not statement else heads.get(section)
        if base is None or base.amount.value == 0:
            unresolved += 1
            continue
        groups.setdefault(id(base), [base]).append(statement)
        yield from _share(statement, statement.share, base)
    if unresolved:
        yield NotRun("narrative", f"说明中有 {unresolved} 个占比找不到明确的基数，未核对")
    for members in groups.values():
        base, parts = members[0], members[1:]
        if len(parts) < 2:
            continue
        total_amount = sum((p.amount.value for p in parts), ZERO)
        if abs(total_amount - base.amount.value) > Decimal("0.005") * (len(parts) + 1):
            continue  # the parts do not cover the whole: their shares need not add to 100
        total_share = sum((p.share.value for p in parts if p.share), ZERO)
        tolerance = sum((p.share.tolerance for p in parts if p.share), ZERO)
        if abs(total_share - HUNDRED) > tolerance:
            yield Finding("narrative.shares_sum", parts[0].where, {"total": f"{total_share}%"})


def _named_base(document: Document, statement: Statement, section: str) -> Statement | None:
    """The statement of the same section whose subject is the base the share names."""
    wanted = normalize(statement.share_base or "", document.department)
    for other in document.statements:
        if other is statement or _SUBSECTION.sub("", other.where.section or "") != section:
            continue
        if normalize(other.subject, document.department) == wanted and other.share is None:
            return other
    return None


def _share(statement: Statement, share: Percent, base: Statement) -> Iterator[Finding]:
    interval = percent_interval(statement.amount, base.amount)
    if interval is None:
        return
    point = HUNDRED * statement.amount.value / base.amount.value
    verdict = judge_percent(share, interval, point)
    if verdict == Verdict.EXACT:
        return
    yield Finding(
        "narrative.share" if verdict == Verdict.ERROR else "narrative.share_rounding",
        statement.where,
        {
            "subject": statement.subject,
            "stated": share,
            "amount": statement.amount,
            "base": base.amount,
            "expected": f"{quantize(point, share.places)}%",
        },
    )


def _changes(document: Document) -> Iterator[Finding]:
    for statement in document.statements:
        change, growth = statement.change, statement.growth
        if statement.base_year and document.year and statement.base_year != document.year - 1:
            yield Finding(
                "narrative.base_year",
                statement.where,
                {"year": document.year, "base_year": statement.base_year, "expected": document.year - 1},
            )
        if (
            statement.change_direction
            and statement.growth_direction
            and statement.change_direction != statement.growth_direction
        ):
            yield Finding(
                "narrative.direction",
                statement.where,
                {
                    "subject": statement.subject,
                    "change_word": _WORD[statement.change_direction][0],
                    "growth_word": _WORD[statement.growth_direction][1],
                },
            )
            continue
        if change is None or growth is None or statement.change_direction not in (Direction.UP, Direction.DOWN):
            continue
        sign = 1 if statement.change_direction == Direction.UP else -1
        prior = Amount(
            statement.amount.value - sign * change.value,
            statement.amount.unit,
            max(statement.amount.places, change.places),
        )
        if prior.value <= 0:
            continue
        prior_tolerance = Amount(prior.value, prior.unit, prior.places)
        interval = _growth_interval(change, statement.amount, sign)
        if interval is None:
            continue
        point = HUNDRED * change.value / prior.value
        verdict = judge_percent(growth, interval, point)
        if verdict == Verdict.EXACT:
            continue
        params = {
            "subject": statement.subject,
            "word": _WORD[statement.change_direction][1],
            "change_word": _WORD[statement.change_direction][0],
            "stated": growth,
            "amount": statement.amount,
            "change": change,
            "prior": prior_tolerance,
            "expected": f"{quantize(point, growth.places)}%",
        }
        if verdict == Verdict.ROUNDING:
            yield Finding("narrative.growth_rounding", statement.where, params)
            continue
        wrong_base = percent_interval(change, statement.amount)
        wrong_point = HUNDRED * change.value / statement.amount.value if statement.amount.value else ZERO
        if wrong_base and judge_percent(growth, wrong_base, wrong_point) == Verdict.EXACT:
            yield Finding("narrative.growth_wrong_base", statement.where, params)
        else:
            yield Finding("narrative.growth", statement.where, params)


def _growth_interval(change: Amount, amount: Amount, sign: int) -> tuple[Decimal, Decimal] | None:
    """Every value 100×Δ/(B−Δ) can take for printed B and Δ (monotonic in each, so corners)."""
    values = []
    for dc in (-change.tolerance, change.tolerance):
        for db in (-amount.tolerance, amount.tolerance):
            c = change.value + dc
            prior = amount.value + db - sign * c
            if prior <= 0 or c < 0:
                return None
            values.append(HUNDRED * c / prior)
    return min(values), max(values)


# Totals the 说明 states with their parts (X，其中：a、b、c), by normalized subject.
_STATED_FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("政府采购", ("政府采购货物", "政府采购工程", "政府采购服务")),
    ("“三公”经费", ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")),
    ("公务用车购置及运行费", ("公务用车购置费", "公务用车运行费")),
)
_RESERVED = (
    ("面向中小企业预留政府采购项目", "政府采购"),
    ("预留给小型和微型企业的政府采购项目", "面向中小企业预留政府采购项目"),
)


def _stated_parts(document: Document) -> Iterator[Finding]:
    """Totals and parts the text states together must add up; reserved shares never exceed their whole."""
    by_section: dict[str, dict[str, Statement]] = {}
    for statement in document.statements:
        section = _SUBSECTION.sub("", statement.where.section or "")
        subject = normalize(statement.subject, document.department).replace("三公经费", "“三公”经费")
        by_section.setdefault(section, {}).setdefault(subject, statement)
    for subjects in by_section.values():
        for whole, parts in _STATED_FAMILIES:
            total = subjects.get(whole)
            found = [subjects[p] for p in parts if p in subjects]
            if total is None or len(found) < len(parts):
                continue
            result = compare_sum(total.amount, [s.amount for s in found])
            if result.verdict == Verdict.ERROR:
                yield Finding(
                    "narrative.parts_sum",
                    total.where,
                    {
                        "subject": whole,
                        "stated": total.amount,
                        "parts": "、".join(parts),
                        "actual": result.actual,
                        "diff": result.diff,
                    },
                )
        for part, whole in _RESERVED:
            small, big = subjects.get(part), subjects.get(whole)
            if small and big and small.amount.value > big.amount.value + big.amount.tolerance:
                yield Finding(
                    "narrative.reserved_exceeds",
                    small.where,
                    {"subject": part, "amount": small.amount, "whole": whole, "whole_amount": big.amount},
                )


_FLEET = re.compile(r"共有(?:各类)?车辆\s*(\d+)\s*辆[，,]?\s*其中[:：]?(.*?)(?:。|$)")
_FLEET_PART = re.compile(r"([^，,、；;：:\d\s]+?用车)\s*(\d+)\s*辆")


def _vehicles(document: Document) -> Iterator[Finding]:
    """The fleet by category (国有资产占有使用情况) adds up to the number of vehicles stated."""
    for paragraph in document.paragraphs:
        for match in _FLEET.finditer(paragraph.text):
            parts = [int(n) for _, n in _FLEET_PART.findall(match.group(2))]
            if parts and sum(parts) != int(match.group(1)):
                yield Finding(
                    "narrative.vehicles_sum",
                    paragraph.where.with_(quote=match.group(0)),
                    {"total": int(match.group(1)), "actual": sum(parts)},
                )
