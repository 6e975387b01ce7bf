"""Reading located fields: ``Parser`` takes values out of the located tree (JSON path or sheet and
cell) and collects a located problem for each one missing or malformed, giving a neutral value back
so that the rest of the input is still checked. ``parse`` reads the budget's parts with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from yusuan.build.problems import Problem, Where
from yusuan.build.tree import Arr, Leaf, Node, Obj, child_where
from yusuan.build.values import as_amount, as_code, as_date, as_integer, as_text, is_blank

E = TypeVar("E", bound=StrEnum)
V = TypeVar("V")

# Chinese names of the fields, for messages about JSON/YAML input (the workbook shows the same headers).
LABELS = {
    "department": "部门信息",
    "name": "名称",
    "region": "地区",
    "year": "年度",
    "kind": "公开类型",
    "scope": "公开范围",
    "layout": "公开格式",
    "unit": "金额单位",
    "income": "收入",
    "functional": "功能分类支出",
    "economic": "经济分类基本支出",
    "projects": "项目与绩效",
    "three_public": "三公经费",
    "operating_costs": "机关运行经费",
    "procurement": "政府采购",
    "assets": "国有资产",
    "as_of": "截至日期",
    "glossary": "名词解释",
    "source": "资金来源",
    "amount": "金额",
    "code": "科目编码",
    "basic": "基本支出",
    "project": "项目支出",
    "functional_code": "功能分类科目编码",
    "count": "数量",
    "type": "单位类型",
    "term": "名词",
    "definition": "解释",
    "level1": "一级指标",
    "level2": "二级指标",
    "value": "指标值",
}


def _label(key: str) -> str:
    return LABELS.get(key, key)


# C0 controls but tab, line feed and carriage return, DEL, and the non-characters XML refuses
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class Parser:
    """Reads typed values out of a located tree, collecting problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # (part, index, field) → where it was (or would have been) written; used by the checks
        self.where: dict[tuple[str, int, str], Where] = {}

    def report(self, code: str, where: Where, **params: object) -> None:
        self.problems.append(Problem(code, where, params))

    # -- structure

    def obj(self, parent: Obj, key: str, required: bool = False) -> Obj | None:
        node = parent.fields.get(key)
        if isinstance(node, Obj):
            return node
        if node is None or (isinstance(node, Leaf) and is_blank(node.value)):
            if required:
                self.report("input.missing_field", child_where(parent, key), field=_label(key))
            return None
        self.report("input.wrong_shape", node.where, field=_label(key), expected="一组字段")
        return None

    def rows(self, parent: Obj, key: str, required: bool = False) -> list[Obj]:
        node = parent.fields.get(key)
        if node is None or (isinstance(node, Leaf) and is_blank(node.value)):
            items: list[Node] = []
        elif isinstance(node, Arr):
            items = node.items
        else:
            self.report("input.wrong_shape", node.where, field=_label(key), expected="列表")
            return []
        out = [item for item in items if isinstance(item, Obj)]
        for item in items:
            if not isinstance(item, Obj):
                self.report("input.wrong_shape", item.where, field=_label(key), expected="每项为一组字段")
        where = node.where if node is not None else child_where(parent, key)
        self.where[(key, -1, "")] = where
        if required and not items:
            self.report("input.no_rows", where, part=_label(key))
        return out

    def _leaf(self, parent: Obj, key: str) -> Leaf:
        node = parent.fields.get(key)
        if isinstance(node, Leaf):
            return node
        if node is None:
            return Leaf(None, child_where(parent, key))
        return Leaf(node, node.where)  # a list or object where a value belongs

    # -- values

    def text(self, parent: Obj, key: str, required: bool = False, label: str | None = None) -> str:
        leaf = self._leaf(parent, key)
        text = as_text(leaf.value)
        if text is None:
            self.report("input.wrong_shape", leaf.where, field=label or _label(key), expected="文字")
            return ""
        if required and not text:
            self.report("input.missing_field", leaf.where, field=label or _label(key))
        return self._printable(text, leaf.where, label or _label(key))

    def _printable(self, text: str, where: Where, field: str) -> str:
        """Control characters (pasted from elsewhere) cannot be printed in any format: refused."""
        if _CONTROL.search(text):
            self.report("input.control_character", where, field=field)
        return text

    def texts(self, parent: Obj, key: str) -> tuple[str, ...]:
        """A list of strings, or one string with one item a line."""
        node = parent.fields.get(key)
        if isinstance(node, Arr):
            values = [as_text(i.value) if isinstance(i, Leaf) else None for i in node.items]
            if any(v is None for v in values):
                self.report("input.wrong_shape", node.where, field=_label(key), expected="文字列表")
            return tuple(self._printable(v, node.where, _label(key)) for v in values if v)
        text = self.text(parent, key)
        return tuple(line.strip() for line in text.splitlines() if line.strip())

    def amount(self, parent: Obj, key: str, required: bool = False, label: str | None = None) -> Decimal | None:
        return self._typed(parent, key, as_amount, "input.not_a_number", required, label)

    def integer(self, parent: Obj, key: str, required: bool = False) -> int | None:
        return self._typed(parent, key, as_integer, "input.not_an_integer", required)

    def date(self, parent: Obj, key: str, required: bool = False) -> date | None:
        return self._typed(parent, key, as_date, "input.not_a_date", required)

    def _typed(
        self,
        parent: Obj,
        key: str,
        convert: Callable[[object], tuple[V | None, str | None]],
        wrong: str,
        required: bool,
        label: str | None = None,
    ) -> V | None:
        """A field converted to its type; text that does not convert, or a required blank, is a problem."""
        leaf = self._leaf(parent, key)
        value, bad = convert(leaf.value)
        field = label or _label(key)
        if bad is not None:
            self.report(wrong, leaf.where, field=field, text=bad)
        elif value is None and required:
            self.report("input.missing_field", leaf.where, field=field)
        return value

    def code(self, parent: Obj, key: str, digits: int) -> str:
        leaf = self._leaf(parent, key)
        value, bad = as_code(leaf.value, digits)
        if bad is not None:
            self.report("input.bad_code", leaf.where, field=_label(key), digits=digits, text=bad)
        elif value is None:
            self.report("input.missing_field", leaf.where, field=_label(key))
        return value or ""

    def choice(self, parent: Obj, key: str, enum: type[E], default: E) -> E:
        leaf = self._leaf(parent, key)
        text = as_text(leaf.value)
        if not text:
            return default
        try:
            return enum(text)
        except ValueError:
            choices = "、".join(e.value for e in enum)
            self.report("input.not_a_choice", leaf.where, field=_label(key), choices=choices, text=text)
            return default

    def note(self, part: str, index: int, parent: Obj, keys: Iterable[str]) -> None:
        for key in keys:
            self.where[(part, index, key)] = self._leaf(parent, key).where
