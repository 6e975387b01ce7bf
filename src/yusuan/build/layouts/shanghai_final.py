"""Derive the Shanghai 9-table 部门决算 (layout ``shanghai-final-9``) from a budget input.

The input is read as final accounts: each 项's basic and project money is its 决算数, with its
年初预算数 and balances (``FunctionalLine.initial_budget``, ``opening``, ``closing``); the prior
year's figures are the previous year's 决算. The tables are ``final_tables.py``'s; the 说明
follows the official template (domain.md §3.4): totals against the previous year (比 {年-1}
年度), shares of 本年收入 and 本年支出, each 项 as 年初预算 / 支出决算 / 完成年初预算的 P%, the
“三公” against their 年初预算, then 机关运行经费, 政府采购 and 国有资产.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from yusuan.build.builder import FISCAL, Builder, assemble, assets_text, class_sums, code_name, glossary
from yusuan.build.input import BudgetInput, FundingSource, Kind
from yusuan.build.layouts.final_tables import GENERAL, tables
from yusuan.build.wording import change_clause, chinese_number, money, percent, shares
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Document
from yusuan.model.money import ZERO

LAYOUT = "shanghai-final-9"
_BASE = "度"  # 比 2023 年度增加 …: final accounts compare with the previous year's 决算


def _parts(parts: list[tuple[str, Decimal]], total: Decimal) -> str:
    """``A x 万元，占 p%；B …`` for the parts that are not zero (不涉及的不列)."""
    shown = [(name, amount) for name, amount in parts if amount != ZERO]
    percents = shares([amount for _n, amount in shown], total)
    return "；".join(f"{n} {money(a)} 万元，占 {p}%" for (n, a), p in zip(shown, percents, strict=True))


def _done(initial: Decimal | None, actual: Decimal) -> str:
    """``年初预算为 a 万元，支出决算为 b 万元，完成年初预算的 p%``; without a 年初预算, the 决算 only."""
    if initial is None:
        return f"支出决算为 {money(actual)} 万元"
    text = f"年初预算为 {money(initial)} 万元，支出决算为 {money(actual)} 万元"
    return text + (f"，完成年初预算的 {percent(actual, initial)}%" if initial else "")


def _totals(b: Builder) -> list[tuple[str, list[str]]]:
    budget, name, year = b.budget, b.name, b.year
    prior = budget.prior
    income, expense = budget.total_income(), budget.total_expense()
    grand = income + budget.final.balance_used + budget.opening_total()
    fiscal = sum((budget.income_from(s) for s in FISCAL), ZERO)
    sources = [
        ("财政拨款收入", fiscal),
        ("上级补助收入", budget.income_from(FundingSource.SUPERIOR_SUBSIDY)),
        ("事业收入", budget.income_from(FundingSource.INSTITUTION_INCOME)),
        ("经营收入", budget.income_from(FundingSource.OPERATING_INCOME)),
        ("附属单位上缴收入", budget.income_from(FundingSource.AFFILIATE_REMITTANCE)),
        ("其他收入", income - fiscal - sum((budget.income_from(s) for s in _NAMED), ZERO)),
    ]
    uses = [("基本支出", budget.basic_total()), ("项目支出", budget.project_total())]
    fiscal_total = fiscal + budget.opening_total(*FISCAL)
    return [
        (
            "收入支出决算总体情况说明",
            [
                f"{name} {year} 年度收入支出总计 {money(grand)} 万元"
                + change_clause(grand, prior.income, year, prior.income_reason, _BASE)
            ],
        ),
        ("收入决算情况说明", [f"本年收入合计 {money(income)} 万元，其中：{_parts(sources, income)}。"]),
        ("支出决算情况说明", [f"本年支出合计 {money(expense)} 万元，其中：{_parts(uses, expense)}。"]),
        (
            "财政拨款收入支出决算总体情况说明",
            [f"{name} {year} 年度财政拨款收入支出总计 {money(fiscal_total)} 万元。"],
        ),
    ]


_NAMED = (
    FundingSource.SUPERIOR_SUBSIDY,
    FundingSource.INSTITUTION_INCOME,
    FundingSource.OPERATING_INCOME,
    FundingSource.AFFILIATE_REMITTANCE,
)


def _general(b: Builder) -> None:
    """五: 一般公共预算财政拨款支出 — overall, by 类, and each 项 against its 年初预算."""
    budget = b.budget
    functional = CodeSystem.FUNCTIONAL
    gpb = budget.expense_from(GENERAL)
    expense = budget.total_expense()
    share = shares([gpb, expense - gpb], expense)[0]
    b.section("五", 1, "一般公共预算财政拨款支出决算情况说明", [])
    b.section("一", 2, "一般公共预算财政拨款支出决算总体情况", [
        f"一般公共预算财政拨款支出 {money(gpb)} 万元，占本年支出合计的 {share}%。"
    ])  # fmt: skip
    classes = [(code, sum(by.values(), ZERO)) for code, by in class_sums(budget, GENERAL).items()]
    structure = _parts([(f"{code_name(functional, code)}（类）", amount) for code, amount in classes], gpb)
    b.section("二", 2, "一般公共预算财政拨款支出决算结构情况", [
        f"一般公共预算财政拨款支出 {money(gpb)} 万元，主要用于以下方面：{structure}。"
    ])  # fmt: skip
    items = [f for f in budget.functional if f.source == GENERAL]
    given = [f.initial_budget for f in items if f.initial_budget is not None]
    initial = sum(given, ZERO) if len(given) == len(items) else None
    texts = [f"一般公共预算财政拨款支出{_done(initial, gpb)}。"]
    for i, f in enumerate(items, 1):
        path = f"{code_name(functional, f.code[:3])}（类）{code_name(functional, f.code[:5])}（款）{f.name}（项）"
        text = f"{i}、{path}。{_done(f.initial_budget, f.total)}。"
        if f.initial_budget is not None and f.initial_budget != f.total and f.reason:
            word = "大于" if f.total > f.initial_budget else "小于"
            text += f"决算数{word}预算数的主要原因：{f.reason.rstrip('。')}。"
        texts.append(text)
    b.section("三", 2, "一般公共预算财政拨款支出决算具体情况", texts)


def _basic_and_three(b: Builder) -> list[tuple[str, list[str]]]:
    budget, name, year = b.budget, b.name, b.year
    basic = budget.economic_total()
    personnel = budget.personnel()
    three = budget.three_public
    if three is None:
        three_texts = [f"{name} {year} 年度无“三公”经费财政拨款支出。"]
    else:
        vehicles = _plus(three.initial_vehicle_purchase, three.initial_vehicle_running)
        three_texts = [
            f"“三公”经费财政拨款支出{_done(three.initial_total, three.total)}"
            + change_clause(three.total, three.prior_total, year, three.reason, _BASE),
            f"因公出国（境）费支出{_done(three.initial_abroad, three.abroad)}。",
            f"公务用车购置及运行维护费支出{_done(vehicles, three.vehicles)}。",
            f"公务接待费支出{_done(three.initial_reception, three.reception)}。",
        ]
    return [
        (
            "一般公共预算财政拨款基本支出决算情况说明",
            [
                f"一般公共预算财政拨款基本支出 {money(basic)} 万元。其中：人员经费 {money(personnel)} 万元；"
                f"公用经费 {money(basic - personnel)} 万元。"
            ],
        ),
        ("财政拨款“三公”经费支出决算情况说明", three_texts),
    ]


def _plus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


def _funds(b: Builder) -> list[tuple[str, list[str]]]:
    budget, name, year = b.budget, b.name, b.year
    out = []
    for source, what in ((FundingSource.GOVERNMENT_FUND, "政府性基金"), (FundingSource.STATE_CAPITAL, "国有资本经营")):
        spent = budget.expense_from(source)
        received = budget.income_from(source)
        text = (
            f"{what}预算财政拨款收入 {money(received)} 万元，支出 {money(spent)} 万元。"
            if spent or received
            else f"{name} {year} 年度无{what}预算财政拨款收入和支出。"
        )
        out.append((f"{what}预算财政拨款收入支出决算情况说明", [text]))
    targeted = [p for p in budget.projects if p.indicators or p.annual_goals]
    out.append(
        (
            "预算绩效管理情况",
            [
                f"{name} {year} 年度编报绩效目标的项目共 {len(targeted)} 个，"
                f"涉及预算金额 {money(sum((p.amount for p in targeted), ZERO))} 万元。"
            ],
        )
    )
    return out


def _other(b: Builder, number: str) -> None:
    """十一 其他重要事项: 机关运行经费, 政府采购 (以合同签订为准), 国有资产."""
    budget, name, year = b.budget, b.name, b.year
    costs = budget.operating_costs
    amount = costs.amount if costs is not None else ZERO
    operating = f"机关运行经费支出 {money(amount)} 万元" + (
        change_clause(amount, costs.prior, year, costs.reason, _BASE) if costs is not None else "。"
    )
    procurement = budget.procurement
    buying = [
        f"{name} {year} 年度政府采购金额（以合同签订为准）为 {money(procurement.total)} 万元，其中：货物采购金额 "
        f"{money(procurement.goods)} 万元、工程采购金额 {money(procurement.works)} 万元、服务采购金额 "
        f"{money(procurement.services)} 万元。",
        f"{year} 年度本{budget.profile.scope.value}面向中小企业预留政府采购项目预算金额 "
        f"{money(procurement.sme_reserved)} 万元，面向小微企业预留政府采购项目预算金额 "
        f"{money(procurement.small_micro_reserved)} 万元。",
    ]
    b.section(number, 1, "其他重要事项的情况说明", [])
    b.section("一", 2, "机关运行经费支出情况", [operating])
    b.section("二", 2, "政府采购支出情况", buying)
    b.section("三", 2, "国有资产占有使用情况说明", [assets_text(budget, name)])


def derive(budget: BudgetInput, file: str = "") -> Document:
    """The disclosure of a budget input as Shanghai final accounts (部门决算, 9 tables)."""
    if budget.profile.kind != Kind.FINAL:
        budget = replace(budget, profile=replace(budget.profile, kind=Kind.FINAL))
    profile = budget.profile
    name, year, scope = profile.name, profile.year, profile.scope.value
    title = f"{name} {year} 年度{scope}决算"
    b = Builder(budget, file or f"{title}.derived", title_prefix="")
    overview_part = f"第一部分 {name}概况"
    b.start_part(overview_part)
    headings = ("主要职能", f"{scope}决算单位构成")
    b.outline("一", headings[0], [f"（{chinese_number(i)}）{d}" for i, d in enumerate(profile.duties, 1)])
    b.section("二", 1, headings[1], [profile.structure] if profile.structure else [])
    tables_part = f"第二部分 {name} {year} 年度{scope}决算表"
    b.start_part(tables_part)
    tables(b)
    b.start_part(f"第三部分 {name} {year} 年度{scope}决算情况说明")
    for i, (heading, texts) in enumerate(_totals(b), 1):
        b.section(chinese_number(i), 1, heading, texts)
    _general(b)
    later = [*_basic_and_three(b), *_funds(b)]
    for i, (heading, texts) in enumerate(later, 6):
        b.section(chinese_number(i), 1, heading, texts)
    _other(b, chinese_number(6 + len(later)))
    terms = glossary(b, "第四部分 名词解释")
    return assemble(b, title, LAYOUT, (overview_part, "一", headings), tables_part, terms)
