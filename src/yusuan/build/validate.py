"""Checks across a parsed budget input: codes against the catalogs, the basic-expenditure tie, prior-year figures.

These run after parsing, on the typed input, and locate each problem through the cells and
paths the parser noted. They yield problems; they never raise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal

from yusuan.build.input import BudgetInput, FundingSource, Kind
from yusuan.build.problems import Problem, Where
from yusuan.catalogs import codes
from yusuan.model.codes import CodeSystem
from yusuan.model.money import ZERO, half_ulp

Locations = Mapping[tuple[str, int, str], Where]

_SYSTEM_NAMES = {CodeSystem.FUNCTIONAL: "支出功能分类科目", CodeSystem.ECONOMIC: "部门预算支出经济分类科目"}


def validate(budget: BudgetInput, where: Locations) -> Iterator[Problem]:
    """Every cross-field problem of the input."""
    yield from check_codes(budget, where)
    yield from check_duplicate_items(budget, where)
    yield from check_economic_total(budget, where)
    yield from check_prior_figures(budget, where)
    yield from check_final_balance(budget, where)


def _at(where: Locations, part: str, index: int, key: str) -> Where:
    return where.get((part, index, key)) or where.get((part, -1, "")) or Where(path=f"$.{part}")


def check_codes(budget: BudgetInput, where: Locations) -> Iterator[Problem]:
    """Codes the shipped catalogs do not know are warnings: the catalogs are partial."""
    functional = codes(CodeSystem.FUNCTIONAL)
    economic = codes(CodeSystem.ECONOMIC)
    system = _SYSTEM_NAMES
    for i, f in enumerate(budget.functional):
        if f.code and not functional.knows(f.code):
            params = {"code": f.code, "name": f.name, "system": system[CodeSystem.FUNCTIONAL]}
            yield Problem("input.unknown_code", _at(where, "functional", i, "code"), params)
    for i, e in enumerate(budget.economic):
        if e.code and not economic.knows(e.code):
            params = {"code": e.code, "name": e.name, "system": system[CodeSystem.ECONOMIC]}
            yield Problem("input.unknown_code", _at(where, "economic", i, "code"), params)
    for i, p in enumerate(budget.projects):
        if p.functional_code and not functional.knows(p.functional_code):
            params = {"code": p.functional_code, "name": p.name, "system": system[CodeSystem.FUNCTIONAL]}
            yield Problem("input.unknown_code", _at(where, "projects", i, "functional_code"), params)


def check_duplicate_items(budget: BudgetInput, where: Locations) -> Iterator[Problem]:
    """One line per 项 and source: a 项 paid from two sources has two lines, one per source, and
    the tables that span sources print their sum; two lines of the same source would be ambiguous
    (whose last-year figure, whose reason?)."""
    first: dict[tuple[str, str], int] = {}
    for i, f in enumerate(budget.functional):
        seen = first.setdefault((f.code, f.source), i)
        if seen != i:
            at = _at(where, "functional", seen, "code")
            params = {"code": f.code, "name": f.name, "source": f.source.value, "first": at}
            yield Problem("input.duplicate_item", _at(where, "functional", i, "code"), params)


def check_economic_total(budget: BudgetInput, where: Locations) -> Iterator[Problem]:
    """Σ 经济分类 款 = Σ basic of the 项 paid from the 一般公共预算. A gap within the rounding of the
    rows summed is only a warning.

    The economic lines are what every layout prints as its 一般公共预算基本支出表, so basic spending
    paid from other money (事业收入, 政府性基金 …) is not in them. Each entered figure may stand for
    anything within half a cent of it (the department's ledgers are in 元), so n rows can drift
    apart by n × 0.005 without anyone being wrong.
    """
    general = FundingSource.GENERAL_PUBLIC_BUDGET
    economic, basic = budget.economic_total(), budget.basic_from(general)
    diff = economic - basic
    if diff == ZERO:
        return
    rows = len(budget.economic) + sum(1 for f in budget.functional if f.basic and f.source == general)
    bound = rows * half_ulp(2)
    params = {"economic": economic, "basic": basic, "diff": diff}
    at = _at(where, "economic", -1, "")
    if abs(diff) <= bound:
        yield Problem("input.economic_rounding", at, {**params, "rows": rows, "bound": bound})
    else:
        yield Problem("input.economic_mismatch", at, params)


def check_final_balance(budget: BudgetInput, where: Locations) -> Iterator[Problem]:
    """Final accounts: 本年收入 + 使用非财政拨款结余 + 年初结转和结余 = 本年支出 + 结余分配 + 年末结转和结余
    (the 总表 prints both sides)."""
    if budget.profile.kind != Kind.FINAL and budget.profile.layout != "shanghai-final-9":
        return
    income, opening = budget.total_income() + budget.final.balance_used, budget.opening_total()
    expense, closing = budget.total_expense() + budget.final.distribution, budget.closing_total()
    diff = income + opening - expense - closing
    if diff != ZERO:
        params = {"income": income, "opening": opening, "expense": expense, "closing": closing, "diff": diff}
        yield Problem("input.final_unbalanced", _at(where, "income", -1, ""), params)


def _direction(diff: Decimal) -> str:
    return "增加" if diff > 0 else "减少"


def _compare(
    name: str, amount: Decimal, prior: Decimal | None, reason: str, prior_at: Where, reason_at: Where
) -> Iterator[Problem]:
    if prior is None:
        if amount:
            yield Problem("input.missing_prior", prior_at, {"name": name, "amount": amount})
        return
    diff = amount - prior
    if diff and not reason.strip():
        yield Problem(
            "input.missing_reason", reason_at, {"name": name, "direction": _direction(diff), "diff": abs(diff)}
        )


def check_prior_figures(budget: BudgetInput, where: Locations) -> Iterator[Problem]:
    """Every change the 说明 states needs last year's figure, and a reason when it changed."""
    for i, f in enumerate(budget.functional):
        at = _at(where, "functional", i, "prior_budget")
        yield from _compare(f.name or f.code, f.total, f.prior, f.reason, at, _at(where, "functional", i, "reason"))
    prior = budget.prior
    for name, amount, before, reason, key in (
        ("收入合计", budget.total_income(), prior.income, prior.income_reason, "income"),
        ("支出合计", budget.total_expense(), prior.expense, prior.expense_reason, "expense"),
        ("项目支出", budget.project_total(), prior.project, prior.project_reason, "project"),
    ):
        at = _at(where, "prior", 0, key)
        yield from _compare(name, amount, before, reason, at, at)
    costs = budget.operating_costs
    if costs is not None:
        yield from _compare(
            "机关运行经费",
            costs.amount,
            costs.prior,
            costs.reason,
            _at(where, "operating_costs", 0, "prior"),
            _at(where, "operating_costs", 0, "reason"),
        )
    three = budget.three_public
    if three is not None:
        at = _at(where, "three_public", 0, "abroad")
        yield from _compare(
            "“三公”经费", three.total, three.prior_total, three.reason, at, _at(where, "three_public", 0, "reason")
        )
