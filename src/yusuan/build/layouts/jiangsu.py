"""Derive the Jiangsu 12-table 部门预算 (layout ``jiangsu-12``) from a budget input.

The tables are ``jiangsu_tables.py``'s; this module writes the 概况, the 说明 in the Jiangsu
wording (domain.md §3.2: sections 一 to 十四, each figure with its share or its change on the
prior year's budget) and the 名词解释. Shares are of the total they are stated against and add
to 100.00 (``wording.shares``).
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.build.builder import FISCAL, Builder, assemble, assets_text, code_name, glossary
from yusuan.build.input import BudgetInput, FundingSource
from yusuan.build.layouts.jiangsu_tables import OTHER_FUNDS, fiscal_use, meeting_training, tables
from yusuan.build.wording import change_clause, chinese_number, money, shares
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Document
from yusuan.model.money import ZERO

LAYOUT = "jiangsu-12"


def _shared(parts: list[tuple[str, Decimal]], total: Decimal) -> str:
    """``A x 万元，占 p%；B y 万元，占 q%`` for the parts that are not zero."""
    shown = [(name, amount) for name, amount in parts if amount != ZERO]
    percents = shares([amount for _n, amount in shown], total)
    return "；".join(f"{n} {money(a)} 万元，占 {p}%" for (n, a), p in zip(shown, percents, strict=True))


def _totals(b: Builder) -> list[tuple[str, list[str]]]:
    """一 to 四: the totals, income and expenditure by source and use, 财政拨款."""
    budget, name, year = b.budget, b.name, b.year
    prior = budget.prior
    income, expense = budget.total_income(), budget.total_expense()
    fiscal_basic, fiscal_project = fiscal_use(budget)
    fiscal = fiscal_basic + fiscal_project
    sources = [
        ("一般公共预算收入", budget.income_from(FundingSource.GENERAL_PUBLIC_BUDGET)),
        ("政府性基金收入", budget.income_from(FundingSource.GOVERNMENT_FUND)),
        ("国有资本经营预算收入", budget.income_from(FundingSource.STATE_CAPITAL)),
        ("财政专户管理资金收入", budget.income_from(FundingSource.FISCAL_SPECIAL_ACCOUNT)),
        ("其他资金收入", sum((budget.income_from(s) for s in OTHER_FUNDS), ZERO)),
        ("上年结转资金", budget.income_from(FundingSource.CARRYOVER)),
    ]
    uses = [("基本支出", budget.basic_total()), ("项目支出", budget.project_total())]
    return [
        (
            "收支预算总体情况说明",
            [
                f"{name} {year} 年度收入、支出预算总计 {money(income)} 万元"
                + change_clause(income, prior.income, year, prior.income_reason),
                f"此外，基本支出预算数为 {money(budget.basic_total())} 万元"
                + change_clause(budget.basic_total(), prior.basic, year, prior.basic_reason),
                f"项目支出预算数为 {money(budget.project_total())} 万元"
                + change_clause(budget.project_total(), prior.project, year, prior.project_reason),
            ],
        ),
        ("收入预算情况说明", [f"{name}本年收入预算合计 {money(income)} 万元，其中：{_shared(sources, income)}。"]),
        ("支出预算情况说明", [f"{name}本年支出预算合计 {money(expense)} 万元，其中：{_shared(uses, expense)}。"]),
        ("财政拨款收支预算总体情况说明", [f"{name} {year} 年度财政拨款收、支总预算 {money(fiscal)} 万元。"]),
    ]


def _items(budget: BudgetInput, sources: tuple[FundingSource, ...], year: int) -> list[str]:
    """One sentence per 项: ``1．类（类）款（款）项（项）支出 x 万元，比上年…``."""
    functional = CodeSystem.FUNCTIONAL
    lines = [f for f in budget.functional if f.source in sources]
    return [
        f"{i}．{code_name(functional, f.code[:3])}（类）{code_name(functional, f.code[:5])}（款）{f.name}（项）"
        f"支出 {money(f.total)} 万元" + change_clause(f.total, f.prior, year, f.reason)
        for i, f in enumerate(lines, 1)
    ]


def _spending(b: Builder) -> list[tuple[str, list[str]]]:
    """五 to 八: 财政拨款 and 一般公共预算 spending, each 项, and 基本支出 by 人员经费 / 公用经费."""
    budget, name, year = b.budget, b.name, b.year
    expense = budget.total_expense()
    fiscal = sum(fiscal_use(budget), ZERO)
    share = shares([fiscal, expense - fiscal], expense)[0]
    basic = budget.economic_total()
    split = (
        f"其中：（一）人员经费 {money(budget.personnel())} 万元。（二）公用经费 {money(budget.public_funds())} 万元。"
    )
    gpb = budget.expense_from(FundingSource.GENERAL_PUBLIC_BUDGET)
    return [
        (
            "财政拨款支出预算情况说明",
            [
                f"{name} {year} 年财政拨款预算支出 {money(fiscal)} 万元，占本年支出合计的 {share}%。",
                *_items(budget, FISCAL, year),
            ],
        ),
        ("财政拨款基本支出预算情况说明", [f"{name} {year} 年度财政拨款基本支出预算 {money(basic)} 万元。{split}"]),
        ("一般公共预算支出预算情况说明", [f"{name} {year} 年一般公共预算财政拨款支出预算 {money(gpb)} 万元。"]),
        (
            "一般公共预算基本支出预算情况说明",
            [f"{name} {year} 年度一般公共预算财政拨款基本支出预算 {money(basic)} 万元。{split}"],
        ),
    ]


def _three_public(budget: BudgetInput, name: str, year: int) -> list[str]:
    """九: each “三公” item against last year's budget, then 会议费 and 培训费."""
    three = budget.three_public
    meeting, training = meeting_training(budget)
    texts = []
    if three is not None:
        texts += [
            f"1．因公出国（境）费预算支出 {money(three.abroad)} 万元"
            + change_clause(three.abroad, three.prior_abroad, year, ""),
            f"2．公务用车购置及运行费预算支出 {money(three.vehicles)} 万元。其中：公务用车购置预算支出 "
            f"{money(three.vehicle_purchase)} 万元"
            + change_clause(three.vehicle_purchase, three.prior_vehicle_purchase, year, "")
            + f"公务用车运行维护费预算支出 {money(three.vehicle_running)} 万元"
            + change_clause(three.vehicle_running, three.prior_vehicle_running, year, three.reason),
            f"3．公务接待费预算支出 {money(three.reception)} 万元"
            + change_clause(three.reception, three.prior_reception, year, ""),
        ]
    prior_meeting = three.prior_meeting if three is not None else None
    prior_training = three.prior_training if three is not None else None
    texts += [
        f"{name} {year} 年度一般公共预算拨款安排的会议费预算支出 {money(meeting)} 万元"
        + change_clause(meeting, prior_meeting, year, ""),
        f"{name} {year} 年度一般公共预算拨款安排的培训费预算支出 {money(training)} 万元"
        + change_clause(training, prior_training, year, ""),
    ]
    return texts


def _other(b: Builder) -> list[tuple[str, list[str]]]:
    """九 to 十四: 三公, 政府性基金, 机关运行经费, 政府采购, 国有资产, 绩效目标."""
    budget, name, year = b.budget, b.name, b.year
    fund = budget.expense_from(FundingSource.GOVERNMENT_FUND)
    fund_text = (
        f"{name} {year} 年政府性基金预算支出 {money(fund)} 万元。" if fund else f"{name}无政府性基金预算相关收支项目。"
    )
    costs = budget.operating_costs
    amount = costs.amount if costs is not None else ZERO
    operating = f"{year} 年本{budget.profile.scope.value}一般公共预算机关运行经费预算支出 {money(amount)} 万元" + (
        change_clause(amount, costs.prior, year, costs.reason) if costs is not None else "。"
    )
    procurement = budget.procurement
    buying = (
        f"{year} 年政府采购预算总金额为 {money(procurement.total)} 万元。其中拟采购货物支出 "
        f"{money(procurement.goods)} 万元；拟采购工程支出 {money(procurement.works)} 万元；"
        f"拟采购服务支出 {money(procurement.services)} 万元。"
    )
    targeted = [p for p in budget.projects if p.indicators or p.annual_goals]
    targets = (
        f"{year} 年本{budget.profile.scope.value}编报绩效目标的项目共 {len(targeted)} 个，"
        f"涉及财政性资金合计 {money(sum((p.amount for p in targeted), ZERO))} 万元。"
    )
    return [
        (
            "“三公”经费及会议费和培训费支出预算情况说明",
            _three_public(budget, name, year),
        ),  # no 、: a heading with one reads as a wrapped sentence
        ("政府性基金预算支出预算情况说明", [fund_text]),
        ("一般公共预算机关运行经费支出预算情况说明", [operating]),
        ("政府采购支出预算情况说明", [buying]),
        ("国有资产占用情况", [assets_text(budget, name)]),
        ("预算绩效目标设置情况说明", [targets]),
    ]


def _overview(b: Builder, part: str) -> tuple[str, ...]:
    profile = b.budget.profile
    b.start_part(part)
    scope = profile.scope.value
    headings = ("主要职能", f"{scope}机构设置及预算单位构成情况", f"{profile.year} 年度{scope}主要工作任务及目标")
    b.outline("一", headings[0], [f"（{chinese_number(i)}）{d}" for i, d in enumerate(profile.duties, 1)])
    b.section("二", 1, headings[1], [profile.structure] if profile.structure else [])
    b.section("三", 1, headings[2], [f"{i}.{t.rstrip('。；;')}。" for i, t in enumerate(profile.tasks, 1)])
    return headings


def derive(budget: BudgetInput, file: str = "") -> Document:
    """The disclosure of a budget input in the Jiangsu 12-table layout."""
    profile = budget.profile
    year = profile.year
    scope = profile.scope.value
    title = f"{profile.name} {year} 年度{scope}{profile.kind.value}"
    b = Builder(budget, file or f"{title}.derived", title_prefix="")
    overview_part = f"第一部分 {scope}概况"
    headings = _overview(b, overview_part)
    tables_part = f"第二部分 {year} 年度{scope}预算表"
    b.start_part(tables_part)
    tables(b)
    b.start_part(f"第三部分 {year} 年度{scope}预算情况说明")
    sections = [*_totals(b), *_spending(b), *_other(b)]
    for i, (heading, texts) in enumerate(sections, 1):
        b.section(chinese_number(i), 1, heading, texts)
    terms = glossary(b, "第四部分 名词解释")
    return assemble(b, title, LAYOUT, (overview_part, "一", headings), tables_part, terms)
