"""Findings as the department-year page shows them, and what they can be marked on.

A ``Mark`` is one finding of a revision's stored audit (its code, severity, Chinese message,
location and params) with its arithmetic and a Chinese description of where it is. ``Marked`` is
any element of the page a finding can be placed on; a ``ParagraphView`` also underlines the
sentence a finding quotes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, ClassVar

_SPACE = re.compile(r"\s+")
SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
# Chinese labels of the params the checks emit, for showing a finding's arithmetic.
PARAM_LABELS = {
    "table": "表",
    "name": "名称",
    "column": "列",
    "expected": "列示数/应为",
    "actual": "计算所得",
    "diff": "相差",
    "tolerance": "舍入误差",
    "subject": "事项",
    "stated": "说明所称",
    "amount": "本年数",
    "change": "变动额",
    "prior": "上年数",
    "word": "用词",
    "change_word": "变动用词",
    "title": "标题",
    "listed": "目录所列",
    "project": "项目",
    "period": "期间",
    "text": "文字",
    "code": "科目编码",
    "number": "编号",
    "count": "数量",
    "disclosed": "实际公开",
    "value": "值",
    "unit": "单位",
    "funds": "资金",
    "variant": "写法",
    "base": "基数",
}


def compact(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class Mark:
    """A finding of the audit, as the page shows it, and where it was placed."""

    index: int  # 1-based, in the order of the audit
    code: str
    severity: str
    message: str
    where: dict[str, Any]
    params: dict[str, Any]
    place: str = ""  # cell / row / table / indicator / target / paragraph / term / contents; "" = nowhere

    @property
    def ref(self) -> str:
        return f"finding-{self.index}"

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    @property
    def location(self) -> str:
        return describe(self.where)

    @property
    def arithmetic(self) -> str | None:
        """The sum a total finding is about: 列示数 − 计算所得 = 相差 (误差 ±t)."""
        p = self.params
        if {"expected", "actual", "diff"} <= p.keys():
            tail = f"（舍入误差 ±{p['tolerance']}）" if "tolerance" in p else ""
            return f"{p['expected']} − {p['actual']} = {p['diff']}{tail}"
        if {"amount", "change", "prior"} <= p.keys():
            return f"上年数 {p['prior']} = 本年数 {p['amount']} ∓ 变动额 {p['change']}"
        return None

    @property
    def labelled_params(self) -> list[tuple[str, str]]:
        return [(PARAM_LABELS.get(k, k), str(v)) for k, v in self.params.items()]


def describe(where: Mapping[str, Any]) -> str:
    """A short Chinese description of a location, like ``Location.describe``."""
    parts: list[str] = []
    if where.get("page") is not None:
        parts.append(f"第{where['page']}页")
    if (table := where.get("table")) is not None:
        numbered = all(c.isdigit() or c in "一二三四五六七八九十" for c in str(table))
        parts.append(f"表{table}" if numbered else f"“{table}”")
    if where.get("row") is not None:
        parts.append(f"第{where['row']}行")
    if where.get("column"):
        parts.append(f"“{where['column']}”列")
    if where.get("section"):
        parts.append(str(where["section"]))
    if where.get("line") is not None:
        parts.append(f"(文件第{where['line']}行)")
    return " ".join(parts) or str(where.get("file", ""))


@dataclass
@dataclass
class Marked:
    """Anything a finding can be placed on; ``place`` names it in the API (cell, row, …)."""

    place: ClassVar[str] = ""
    where: dict[str, Any]
    marks: list[Mark] = field(default_factory=list)

    def put(self, mark: Mark) -> None:
        self.marks.append(mark)
        mark.place = self.place

    def inner(self, quote: str | None) -> Marked:
        """The part of this element a quote is in (a performance target's goal), else itself."""
        return self

    @property
    def worst(self) -> str:
        for severity in SEVERITIES:
            if any(m.severity == severity for m in self.marks):
                return severity
        return ""


@dataclass
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def worst(self) -> str:
        return next((s for s in SEVERITIES if any(m.severity == s for m in self.marks)), "")


@dataclass
class ParagraphView(Marked):
    place: ClassVar[str] = "paragraph"
    text: str = ""
    quoted: list[tuple[int, int, Mark]] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        """The text cut at the quotes findings are about, each piece with the findings on it."""
        cuts = sorted({0, len(self.text), *(s for s, _e, _m in self.quoted), *(e for _s, e, _m in self.quoted)})
        out = []
        for start, end in pairwise(cuts):
            on = [m for s, e, m in self.quoted if s <= start and end <= e]
            out.append(Segment(self.text[start:end], on))
        return out

    def put(self, mark: Mark) -> None:
        super().put(mark)
        quote = mark.where.get("quote")
        span = find_quote(self.text, quote) if quote else None
        if span:
            self.quoted.append((*span, mark))


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``, ignoring whitespace (readers and checks space text differently)."""
    wanted = compact(quote)
    if not wanted:
        return None
    positions = [i for i, c in enumerate(text) if not c.isspace()]
    at = "".join(text[i] for i in positions).find(wanted)
    if at < 0:
        return None
    return positions[at], positions[at + len(wanted) - 1] + 1


def marks_of(report: Mapping[str, Any]) -> list[Mark]:
    return [
        Mark(n, f["code"], f["severity"], f["message"], dict(f.get("where", {})), dict(f.get("params", {})))
        for n, f in enumerate(report.get("findings", []), start=1)
    ]
