"""The units a department's budget includes, as its 概况 states them (部门预算单位构成).

The standard sentence is ``从预算单位构成看，纳入本部门 2019 年部门汇总预算编制范围的预算单位共计 3 家，
具体包括：A本级、B、C。`` (or ``…仅包括 A 本级预算，无其他下属单位预算。``, or ``…共计 1 家，即 A 本级。``).
The names are taken as printed, less the spaces of wrapped lines; the stated count is kept so a
check can compare it with the names listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.model.document import Document
from yusuan.model.location import Location
from yusuan.model.numerals import number_value

_STATED = re.compile(r"从预算单位构成看[，,](?P<rest>[^。]*)")
_COUNT = re.compile(r"共(?:计)?\s*(?P<n>\d+|[一二三四五六七八九十]+)\s*家")
_ONLY = re.compile(r"仅包括(?P<name>.+?本级)(?:预算|决算)?")
_LIST = re.compile(r"(?:包括[：:]|即)(?P<names>.+)$")


@dataclass(frozen=True, slots=True)
class StatedUnits:
    names: tuple[str, ...]  # as printed: 江苏省人民检察院本级, 南京铁路运输检察院 …
    count: int | None  # 共计 N 家, when stated
    where: Location


def stated_units(document: Document) -> StatedUnits | None:
    """The units the first 单位构成 sentence lists, or None when the document has none."""
    for paragraph in document.paragraphs:
        match = _STATED.search(paragraph.text)
        if match is None:
            continue
        rest = "".join(match.group("rest").split())
        count = _COUNT.search(rest)
        only = _ONLY.search(rest)
        listed = _LIST.search(rest)
        if only:
            names: tuple[str, ...] = (only.group("name"),)
        elif listed:
            names = tuple(_name(n) for n in _split(listed.group("names")) if _name(n))
        else:
            names = ()
        where = paragraph.where.with_(quote=match.group(0))
        return StatedUnits(names, number_value(count.group("n")) if count else None, where)
    return None


def _split(text: str) -> list[str]:
    """The listed names, split at 、，； outside brackets (某中心（含 A、B 两个站）is one unit)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "（(【[":
            depth += 1
        elif char in "）)】]":
            depth -= 1
        if depth <= 0 and char in "、，,；;":
            parts.append(text[start:i])
            start, depth = i + 1, 0
    return [*parts, text[start:]]


def _name(text: str) -> str:
    """A listed name, less a trailing 预算/决算 and the template's 下属…单位 stand-ins."""
    name = re.sub(r"(?:预算|决算)$", "", text.strip())
    return "" if name.startswith(("下属", "其他")) else name
