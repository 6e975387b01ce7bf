"""Random valid budgets (the example's structure, random amounts): derived cleanly, read back exactly."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_build_derive import EXAMPLE, WRITERS, table_facts
from yusuan.build.derive import derive
from yusuan.build.input import BudgetInput, IncomeLine, OperatingCosts
from yusuan.build.load import load
from yusuan.check import check
from yusuan.read import read

BASE, _ = load(EXAMPLE)


def _cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    """Amounts in 万元 to 0.01, from low/100 to high/100."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2))


@st.composite
def budgets(draw: st.DrawFn) -> BudgetInput:
    """A budget shaped like the example: its codes, names and project, every amount drawn at random.

    The identities a valid budget satisfies are kept by construction: Σ经济分类 = Σ基本支出 (the
    first 项 takes what the other 项 leave), income = Σ支出, 上年 totals = Σ上年 of the 项,
    机关运行经费 ≤ 公用经费 (302), and the first 项's 项目支出 covers the project's amount.
    """
    economic = tuple(replace(e, amount=draw(_cents(1, 50_000))) for e in BASE.economic)
    basic_total = sum((e.amount for e in economic), Decimal(0))
    others = [draw(_cents(0, int(basic_total * 100) // (2 * len(BASE.functional)))) for _ in BASE.functional[1:]]
    first = basic_total - sum(others, Decimal(0))
    project_amount = BASE.projects[0].amount
    functional = tuple(
        replace(
            line,
            basic=basic,
            project=draw(_cents(int(project_amount * 100), 200_000)) if i == 0 else Decimal("0.00"),
            prior_budget=draw(_cents(0, 200_000)),
        )
        for i, (line, basic) in enumerate(zip(BASE.functional, [first, *others], strict=True))
    )
    prior_expense = sum((f.prior_budget or Decimal(0) for f in functional), Decimal(0))
    prior_basic = draw(_cents(0, int(prior_expense * 100)))
    public = sum((e.amount for e in economic if e.code.startswith("302")), Decimal(0))
    total = sum((f.basic + f.project for f in functional), Decimal(0))
    return replace(
        BASE,
        functional=functional,
        economic=economic,
        income=(IncomeLine(BASE.income[0].source, total),),
        prior=replace(
            BASE.prior,
            income=prior_expense,
            expense=prior_expense,
            basic=prior_basic,
            project=prior_expense - prior_basic,
        ),
        operating_costs=OperatingCosts(
            draw(_cents(0, int(public * 100))), draw(_cents(0, 100_000)), BASE.operating_costs.reason
        )
        if BASE.operating_costs
        else None,
    )


@settings(max_examples=12, deadline=None)
@given(budget=budgets())
def test_random_budgets_derive_cleanly_and_read_back_exactly(budget: BudgetInput) -> None:
    # the generator's promises first, so a failure below is the builder's, not the generator's
    assert sum((f.basic for f in budget.functional), Decimal(0)) == sum((e.amount for e in budget.economic), Decimal(0))
    assert budget.income[0].amount == budget.total_expense()
    derived = derive(budget)
    report = check(derived)
    serious = [report.finding_dict(f) for f in report.findings if report.severity(f).value in ("error", "warning")]
    assert serious == []
    with tempfile.TemporaryDirectory() as scratch:
        for kind, write in WRITERS.items():
            document = read(write(derived, Path(scratch) / f"out.{kind}"))
            assert table_facts(document) == table_facts(derived), kind
            assert [(s.subject, s.amount) for s in document.statements] == [
                (s.subject, s.amount) for s in derived.statements
            ], kind
