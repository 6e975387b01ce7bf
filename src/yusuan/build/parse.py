"""The located tree (from YAML/JSON or the workbook) to a ``BudgetInput`` and the problems found on the way.

Missing or malformed fields become problems located at their cell or JSON path, and a
neutral value (blank text, zero) so that the rest of the input is still checked (``fields.Parser``).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from yusuan.build.fields import Parser
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
from yusuan.build.tree import Obj, child_where
from yusuan.model.money import ZERO, Unit


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
