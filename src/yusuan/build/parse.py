"""The located tree (from YAML/JSON or the workbook) to a ``BudgetInput`` and the problems found on the way.

Missing or malformed fields become problems located at their cell or JSON path, and a
neutral value (blank text, zero) so that the rest of the input is still checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from yusuan.build.input import (
    STANDARD_GLOSSARY,
    Assets,
    BudgetInput,
    EconomicLine,
    FinalBalances,
    FunctionalLine,
    FundingSource,
    Holding,
    IncludedUnit,
    IncomeLine,
    Indicator,
    Kind,
    OperatingCosts,
    PriorTotals,
    Procurement,
    Profile,
    Project,
    Scope,
    Term,
    ThreePublic,
    UnitType,
)
from yusuan.build.problems import Problem, Where
from yusuan.build.tree import Arr, Leaf, Node, Obj, child_where
from yusuan.build.values import as_amount, as_code, as_date, as_integer, as_text, is_blank
from yusuan.model.money import ZERO, Unit

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


def _zero(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


def parse(root: Obj, missing_parts: frozenset[str] = frozenset()) -> tuple[BudgetInput, Parser]:
    """Build the input; ``missing_parts`` are parts already reported missing (a missing sheet)."""
    p = Parser()
    profile = _profile(p, root, "department" not in missing_parts)
    unit = p.choice(root, "unit", Unit, Unit.WAN_YUAN)

    income = []
    for i, row in enumerate(p.rows(root, "income", required="income" not in missing_parts)):
        p.note("income", i, row, ("source", "amount"))
        income.append(
            IncomeLine(
                p.choice(row, "source", FundingSource, FundingSource.GENERAL_PUBLIC_BUDGET),
                _zero(p.amount(row, "amount", required=True)),
            )
        )

    functional = []
    for i, row in enumerate(p.rows(root, "functional", required="functional" not in missing_parts)):
        p.note("functional", i, row, ("code", "name", "prior_budget", "prior_executed", "reason"))
        functional.append(
            FunctionalLine(
                code=p.code(row, "code", 7),
                name=p.text(row, "name", required=True, label="科目名称"),
                basic=_zero(p.amount(row, "basic")),
                project=_zero(p.amount(row, "project")),
                source=p.choice(row, "source", FundingSource, FundingSource.GENERAL_PUBLIC_BUDGET),
                prior_budget=p.amount(row, "prior_budget", label="上年预算数"),
                prior_executed=p.amount(row, "prior_executed", label="上年执行数"),
                reason=p.text(row, "reason"),
                initial_budget=p.amount(row, "initial_budget", label="年初预算数"),
                opening=_zero(p.amount(row, "opening", label="年初结转和结余")),
                closing=_zero(p.amount(row, "closing", label="年末结转和结余")),
            )
        )

    economic = []
    for i, row in enumerate(p.rows(root, "economic")):
        p.note("economic", i, row, ("code", "name"))
        economic.append(
            EconomicLine(
                p.code(row, "code", 5),
                p.text(row, "name", required=True),
                _zero(p.amount(row, "amount", required=True)),
            )
        )

    return BudgetInput(
        profile=profile,
        unit=unit,
        income=tuple(income),
        functional=tuple(functional),
        economic=tuple(economic),
        prior=_prior(p, root),
        projects=tuple(_projects(p, root)),
        three_public=_three_public(p, root),
        operating_costs=_operating_costs(p, root, "operating_costs" not in missing_parts),
        procurement=_procurement(p, root, "procurement" not in missing_parts),
        assets=_assets(p, root, "assets" not in missing_parts),
        glossary=tuple(
            Term(p.text(r, "term", required=True), p.text(r, "definition", required=True))
            for r in p.rows(root, "glossary")
        )
        or STANDARD_GLOSSARY,
        final=_final(p, root),
    ), p


def _profile(p: Parser, root: Obj, required: bool) -> Profile:
    dept = p.obj(root, "department", required=required) or Obj(child_where(root, "department"))
    p.note("department", 0, dept, ("name",))
    units = tuple(
        IncludedUnit(p.text(u, "name", required=True), p.choice(u, "type", UnitType, UnitType.ADMINISTRATIVE))
        for u in p.rows(dept, "units")
    )
    return Profile(
        name=p.text(dept, "name", required=required, label="部门名称"),
        region=p.text(dept, "region", required=required),
        year=p.integer(dept, "year", required=required) or 0,
        kind=p.choice(dept, "kind", Kind, Kind.BUDGET),
        scope=p.choice(dept, "scope", Scope, Scope.DEPARTMENT),
        layout=p.text(dept, "layout") or "anhui-11",
        duties=p.texts(dept, "duties"),
        structure=p.text(dept, "structure"),
        tasks=p.texts(dept, "tasks"),
        units=units,
    )


def _prior(p: Parser, root: Obj) -> PriorTotals:
    prior = p.obj(root, "prior") or Obj(child_where(root, "prior"))
    p.note("prior", 0, prior, ("income", "expense", "basic", "project"))
    return PriorTotals(
        income=p.amount(prior, "income", label="上年收入合计"),
        expense=p.amount(prior, "expense", label="上年支出合计"),
        basic=p.amount(prior, "basic", label="上年基本支出"),
        project=p.amount(prior, "project", label="上年项目支出"),
        income_reason=p.text(prior, "income_reason"),
        expense_reason=p.text(prior, "expense_reason"),
        basic_reason=p.text(prior, "basic_reason"),
        project_reason=p.text(prior, "project_reason"),
    )


def _final(p: Parser, root: Obj) -> FinalBalances:
    node = p.obj(root, "final") or Obj(child_where(root, "final"))
    p.note("final", 0, node, ("balance_used", "distribution"))
    return FinalBalances(
        _zero(p.amount(node, "balance_used", label="使用非财政拨款结余")),
        _zero(p.amount(node, "distribution", label="结余分配")),
    )


def _projects(p: Parser, root: Obj) -> Iterable[Project]:
    for i, row in enumerate(p.rows(root, "projects")):
        p.note("projects", i, row, ("name", "functional_code"))
        indicators = tuple(
            Indicator(
                p.text(r, "level1", required=True),
                p.text(r, "level2", required=True),
                p.text(r, "name", required=True),
                p.text(r, "value"),
                p.text(r, "unit"),
            )
            for r in p.rows(row, "indicators")
        )
        yield Project(
            name=p.text(row, "name", required=True, label="项目名称"),
            amount=_zero(p.amount(row, "amount", required=True, label="项目金额")),
            functional_code=p.code(row, "functional_code", 7),
            source=p.choice(row, "source", FundingSource, FundingSource.GENERAL_PUBLIC_BUDGET),
            mid_term_funds=p.amount(row, "mid_term_funds", label="中期资金总额"),
            annual_funds=p.amount(row, "annual_funds", label="年度资金总额"),
            mid_term_goals=p.texts(row, "mid_term_goals"),
            annual_goals=p.texts(row, "annual_goals"),
            indicators=indicators,
            summary=p.text(row, "summary"),
            basis=p.text(row, "basis"),
            period=p.text(row, "period"),
        )


def _three_public(p: Parser, root: Obj) -> ThreePublic | None:
    node = p.obj(root, "three_public")
    if node is None:
        return None
    p.note("three_public", 0, node, ("abroad", "reason"))
    return ThreePublic(
        abroad=_zero(p.amount(node, "abroad", label="因公出国（境）费")),
        vehicle_purchase=_zero(p.amount(node, "vehicle_purchase", label="公务用车购置费")),
        vehicle_running=_zero(p.amount(node, "vehicle_running", label="公务用车运行费")),
        reception=_zero(p.amount(node, "reception", label="公务接待费")),
        prior_abroad=p.amount(node, "prior_abroad", label="上年因公出国（境）费"),
        prior_vehicle_purchase=p.amount(node, "prior_vehicle_purchase", label="上年公务用车购置费"),
        prior_vehicle_running=p.amount(node, "prior_vehicle_running", label="上年公务用车运行费"),
        prior_reception=p.amount(node, "prior_reception", label="上年公务接待费"),
        reason=p.text(node, "reason"),
        meeting=p.amount(node, "meeting", label="会议费"),
        training=p.amount(node, "training", label="培训费"),
        prior_meeting=p.amount(node, "prior_meeting", label="上年会议费"),
        prior_training=p.amount(node, "prior_training", label="上年培训费"),
        initial_abroad=p.amount(node, "initial_abroad", label="年初预算因公出国（境）费"),
        initial_vehicle_purchase=p.amount(node, "initial_vehicle_purchase", label="年初预算公务用车购置费"),
        initial_vehicle_running=p.amount(node, "initial_vehicle_running", label="年初预算公务用车运行费"),
        initial_reception=p.amount(node, "initial_reception", label="年初预算公务接待费"),
    )


def _operating_costs(p: Parser, root: Obj, required: bool) -> OperatingCosts | None:
    node = p.obj(root, "operating_costs", required=required)
    if node is None:
        return None
    p.note("operating_costs", 0, node, ("amount", "prior", "reason"))
    return OperatingCosts(
        _zero(p.amount(node, "amount", required=True, label="机关运行经费本年预算")),
        p.amount(node, "prior", label="机关运行经费上年数"),
        p.text(node, "reason"),
    )


def _procurement(p: Parser, root: Obj, required: bool) -> Procurement:
    node = p.obj(root, "procurement", required=required)
    if node is None:
        return Procurement()
    labels = {
        "goods": "货物",
        "works": "工程",
        "services": "服务",
        "sme_reserved": "面向中小企业预留",
        "small_micro_reserved": "其中预留小微企业",
    }
    required_keys = {"goods", "works", "services"}  # 0 when there is none: the 说明 states it either way
    return Procurement(**{k: _zero(p.amount(node, k, k in required_keys, v)) for k, v in labels.items()})


def _assets(p: Parser, root: Obj, required: bool) -> Assets:
    node = p.obj(root, "assets", required=required)
    if node is None:
        return Assets()

    def holdings(key: str) -> tuple[Holding, ...]:
        return tuple(
            Holding(p.text(r, "name", required=True), p.integer(r, "count", required=True) or 0)
            for r in p.rows(node, key)
        )

    return Assets(p.date(node, "as_of", required=True), holdings("vehicles"), holdings("equipment"))
