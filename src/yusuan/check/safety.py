"""Content safety, as a government website's monitoring asks: the department's name spelled one
way, no personal data (mobile or ID numbers), no unfinished sentences, doubled punctuation,
leftover placeholders or stray words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from yusuan.check.report import NotRun
from yusuan.model.document import Document, Scope
from yusuan.model.finding import Finding
from yusuan.model.location import Location

_MOBILE = re.compile(r"(?<![\d.])1[3-9]\d{9}(?![\d.])")
_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
_UNFINISHED = re.compile(r"(?:主要原因(?:是|为)?|原因是|主要用于|主要包括|具体如下)[：:]?\s*[。；;]")
_DOUBLED = re.compile(r"([，。；：、！？,;])\s*\1|[，,]\s*[。．]|[。]\s*[，,]|[；;]\s*[。]|[，,]\s*[；;]")
_PLACEHOLDER = re.compile(r"(?:XX|ＸＸ|××|xx|某某)(?=[\u4e00-\u9fff])|\{[^{}]{0,20}\}|＿{2,}|_{3,}")
# Instructions of the official template left in the published text.
_TEMPLATE_TEXT = re.compile(
    r"增加（减少）|减少（增加）|增长（下降）|[（(]如[^）)]{0,20}表述[）)]|[（(][^（）()]{0,40}填写[）)]"
    r"|[（(][^（）()]{0,30}(?:不涉及的不列|持平的不用说明)[^（）()]{0,10}[）)]"
)
# 比上年减少 100 万元，减少 9.52，: the rate after an amount's change, printed without its %.
_NO_PERCENT = re.compile(
    r"(?:增加|减少|增长|下降)\s*[\d,]+(?:\.\d+)?\s*万?元\s*[，,]\s*(?:增长|下降|减少|增加|降低|提高)\s*(\d+\.\d{1,2})(?=\s*[，。；,;])"
)
_LATIN = re.compile(r"(?<=[\u4e00-\u9fff])\s*\b(and|or|the|of|with)\b\s*(?=[\u4e00-\u9fff])")
_PLACE_SUFFIX = re.compile(r"^(.+?[区县市旗镇乡])")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _valid_id(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


# 部门预算(支出)经济分类 is the classification's own name, not wording about the discloser.
_DEPARTMENT_WORDING = re.compile(r"本部门|部门预算(?!单位|支出经济分类|经济分类)")


def check_safety(document: Document) -> Iterator[Finding | NotRun]:
    texts = list(document.texts())
    yield from _name_variants(document, texts)
    if document.scope == Scope.UNIT:
        yield from _scope_wording(texts)
    for text, where in texts:
        for match in _MOBILE.finditer(text):
            yield Finding("safety.mobile", where.with_(quote=text[:80]), {"number": match.group(0)})
        for match in _ID.finditer(text):
            if _valid_id(match.group(0)):
                yield Finding("safety.id_number", where.with_(quote=text[:80]), {"number": match.group(0)})
        for pattern, code in (
            (_UNFINISHED, "safety.unfinished"),
            (_DOUBLED, "safety.double_punctuation"),
            (_PLACEHOLDER, "safety.placeholder"),
            (_TEMPLATE_TEXT, "safety.template_text"),
            (_LATIN, "safety.stray_latin"),
            (_NO_PERCENT, "safety.missing_percent"),
        ):
            for match in pattern.finditer(text):
                start = max(match.start() - 12, 0)
                yield Finding(code, where.with_(quote=text[start : match.end() + 12]), {"text": match.group(0).strip()})


def _scope_wording(texts: list[tuple[str, Location]]) -> Iterator[Finding]:
    """A 单位预算 that says 本部门 or 部门预算 was copied from a department's text."""
    for text, where in texts:
        for match in _DEPARTMENT_WORDING.finditer(text):
            start = max(match.start() - 12, 0)
            yield Finding(
                "safety.scope_wording", where.with_(quote=text[start : match.end() + 12]), {"text": match.group(0)}
            )


def _name_variants(document: Document, texts: list[tuple[str, Location]]) -> Iterator[Finding | NotRun]:
    name = "".join((document.department or "").split())
    place = _PLACE_SUFFIX.match(name)
    if not name:
        yield NotRun("safety", "未能从标题确定部门名称，未核对名称写法是否一致")
        return
    if place is None or len(place.group(1)) < 3:  # 江苏省…: a province's neighbours differ by one character
        yield NotRun("safety", f"部门名称“{name}”中没有区、县、市一级的地名，未核对地名写法是否一致")
        return
    stem = place.group(1)  # 埇桥区: a one-character slip in it makes another place
    patterns = [re.compile(stem[:i] + f"([^{re.escape(stem[i])}\\s])" + stem[i + 1 :]) for i in range(len(stem) - 1)]
    counts: Counter[str] = Counter()
    first: dict[str, Location] = {}
    for text, where in texts:
        compact = "".join(text.split())
        for pattern in patterns:
            for match in pattern.finditer(compact):
                variant = match.group(0)
                if "\u4e00" <= match.group(1) <= "\u9fff":
                    counts[variant] += 1
                    first.setdefault(variant, where.with_(quote=compact[max(match.start() - 8, 0) : match.end() + 12]))
    for variant, count in counts.most_common():
        yield Finding("safety.name_variant", first[variant], {"variant": variant, "count": count, "name": stem})
