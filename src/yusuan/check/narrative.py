"""The 说明 against the tables and against itself.

Every amount whose subject names a table figure is compared with it; every share (占 x%) is
recomputed on the total it is a share of; every change (增加 Δ, 增长 y%) is recomputed on the
prior year it implies, with the direction words and the year compared against checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from yusuan.check.arithmetic import Verdict, compare_same, compare_sum, judge_percent, percent_interval, quantize
from yusuan.check.report import NotRun
from yusuan.check.resolve import items_of, normalize, resolve
from yusuan.check.tables import table_label
from yusuan.model.codes import name_key
from yusuan.model.document import Document
from yusuan.model.finding import Finding
from yusuan.model.location import Location
from yusuan.model.money import HUNDRED, ZERO, Amount, Percent
from yusuan.model.narrative import Direction, Statement

_SUBSECTION = re.compile(r"\s*[（(][一二三四五六七八九十]+[）)][^ ]*$")
_WORD = {Direction.UP: ("增加", "增长"), Direction.DOWN: ("减少", "下降"), Direction.FLAT: ("持平", "持平")}


def check_narrative(document: Document) -> Iterator[Finding | NotRun]:
    yield from _vehicles(document)
    if not document.statements:
        yield NotRun("narrative", "没有读到说明中的金额，未核对说明")
        return
    unmatched = 0
    for statement in document.statements:
        found = resolve(document, statement)
        if statement.mismarked and items_of(document, statement) is not None:  # the tables have it as a 款
            yield Finding(
                "narrative.wrong_level",
                statement.where,
                {"name": statement.path[1], "printed": statement.mismarked, "level": "款"},
            )
        items = items_of(document, statement) if found is None and statement.path else None
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
