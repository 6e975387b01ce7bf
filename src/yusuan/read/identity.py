"""Who published the disclosure, for which year, and what it is: read off its first pages.

The title names department, year, 部门/单位 and 预算/决算 (埇桥区人民政府办公室 2023 年部门预算);
a cover may name the department apart (预算单位：…); a PDF whose cover has no text layer is
identified from the organisation its 说明 names most often before a year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from yusuan.model.document import DocumentKind, Scope
from yusuan.read.blocks import TextLine
from yusuan.read.grid import compact

PART = re.compile(r"^第([一二三四五六七八九十]+)部分\s*(.*)$")
DEPARTMENT = re.compile(r"^(?:部门|单位|预算单位|编制单位)(?:名称)?[:：]\s*(.+)$")
UNIT = re.compile(r"^(?:金额)?单位[:：]\s*(万元|元)$")
_TITLE = re.compile(
    r"^(?P<dept>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?\s*(?P<dept2>.*?)(?:区级|市级|省级|县级)?\s*"
    r"(?P<scope>部门|单位)?\s*(?P<kind>预算|决算)"
)


@dataclass(frozen=True, slots=True)
class Identity:
    title: str
    department: str | None
    year: int | None
    kind: DocumentKind
    scope: Scope


def identify(texts: Sequence[TextLine]) -> Identity:
    """Title, department, year, kind and scope of the document whose text lines these are."""
    title = _title(texts)
    match = _TITLE.match(compact(title))
    department = _department(texts, match)
    year = int(match.group("year")) if match and not PART.match(compact(title)) else _year_of(texts, department)
    kind = DocumentKind.FINAL_ACCOUNTS if match and match.group("kind") == "决算" else DocumentKind.BUDGET
    scope = Scope.UNIT if match and match.group("scope") == "单位" else Scope.DEPARTMENT
    return Identity(title, department, year, kind, scope)


def _title(texts: Sequence[TextLine]) -> str:
    """The document's title: its first line, or the cover page's lines joined (PDF covers wrap)."""
    if not texts:
        return ""
    first = texts[0]
    if first.where.page is not None:
        cover = [t.text for t in texts if t.where.page == first.where.page]
        lines = [c for c in cover if not re.fullmatch(r"[\d\s年月日]+", c) and not DEPARTMENT.match(compact(c))]
        joined = "".join(lines[:3])
        if _TITLE.match(compact(joined)):
            return joined
    found = next(
        (t.text for t in texts[:10] if _TITLE.match(compact(t.text)) and not PART.match(compact(t.text))), None
    )
    return found or first.text


def _department(texts: Sequence[TextLine], match: re.Match[str] | None) -> str | None:
    """The department: named on the cover (预算单位：…) or in the title before or after the year."""
    for line in texts[:6]:
        found = DEPARTMENT.match(compact(line.text))
        if found and not UNIT.match(compact(line.text)):
            return found.group(1)
    named = (match.group("dept") or re.sub(r"(?:部门|单位)$", "", match.group("dept2"))) if match else ""
    if named and not PART.match(named):
        return named
    return _most_named(texts)


_ORGANISATION = re.compile(
    r"([\u4e00-\u9fff]{3,24}?(?:办公厅|办公室|委员会|人民法院|人民检察院|局|厅|委|院|部|署|中心|所|站|馆))\s*(?:19|20)\d{2}\s*年"
)


def _year_of(texts: Sequence[TextLine], department: str | None) -> int | None:
    """The year the text most often puts right after the department's name."""
    if not department:
        return None
    pattern = re.compile(re.escape(department) + r"\s*((?:19|20)\d{2})\s*年")
    years: dict[int, int] = {}
    for line in texts:
        for found in pattern.finditer(compact(line.text)):
            years[int(found.group(1))] = years.get(int(found.group(1)), 0) + 1
    return max(years, key=lambda y: years[y]) if years else None


def _most_named(texts: Sequence[TextLine]) -> str | None:
    """The organisation the text names most often before a year (江苏省政协办公厅2019年度…): for a
    document whose cover carries no text."""
    counts: dict[str, int] = {}
    for line in texts:
        for found in _ORGANISATION.finditer(compact(line.text)):
            name = re.sub(r"^(?:本表反映|反映|其中|根据)", "", found.group(1))
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
