"""Derive the published disclosure (a ``Document``) from a budget input, Anhui 11-table layout: the
概况, 说明, 申报表 and glossary here, the tables in ``yusuan.build.anhui_tables``.

Every figure printed is either an input figure or a sum of input figures computed here, so the
tables and the 说明 agree by construction: the 类/款 rows of 表2/表7 are exact sums of the 项
lines, the 类 rows of 表3 exact sums of the 款 lines, and the 说明 quotes the same sums.
The objects are built the way the readers build them (row roles and levels, column keys and
labels, ``注`` both as the table's note and as a paragraph) so that writing the Document out and
reading it back gives the same tables.

Shares (占比) are computed on the total, rounded half-up to 2 places; when the rounded shares
do not add to 100.00 the difference is put on the largest share (ties: the first printed), the
usual practice, so the printed shares always add to 100.00. Changes on the prior year are
``current − prior``; the percentage is on the prior-year base, half-up to 2 places, and equal
figures are worded 持平.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from yusuan.build.anhui_tables import tables
from yusuan.build.builder import (
    FISCAL,
    Builder,
    assemble,
    assets_text,
    class_sums,
    code_name,
    glossary,
)
from yusuan.build.input import PERSONNEL_CLASSES, PUBLIC_CLASSES, BudgetInput, FundingSource, Project
from yusuan.build.wording import (
    change_clause,
    chinese_number,
    indicator_value,
    money,
    project_texts,
    section_item,
    shares,
)
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Document
from yusuan.model.money import ZERO, Amount
from yusuan.model.performance import Funds, Indicator, PerformanceTarget
from yusuan.read.performance import LEVEL2, parse_value
from yusuan.write.blocks import PERFORMANCE_TITLE

PART_OVERVIEW = "第一部分 部门概况"
PART_TABLES = "第二部分 {year} 年部门预算表"
PART_NOTES = "第三部分 {year} 年部门预算情况说明"
PART_GLOSSARY = "第四部分 名词解释"


def _explanation(b: Builder) -> None:
    budget, name, year = b.budget, b.name, b.year
    fiscal = sum((budget.expense_from(s) for s in FISCAL), ZERO)
    class_totals = [(code, sum(by.values(), ZERO)) for code, by in class_sums(budget, *FISCAL).items()]
    percent = shares([amount for _code, amount in class_totals], fiscal)
    parts = [
        f"{code_name(CodeSystem.FUNCTIONAL, code)} {money(amount)} 万元，占 {p}%"
        for (code, amount), p in zip(class_totals, percent, strict=True)
    ]
    b.section(
        "一",
        1,
        f"关于 {year} 年财政拨款收支预算总表的说明",
        [f"{name} {year} 年财政拨款收支预算 {money(fiscal)} 万元。支出按功能分类分为：{'；'.join(parts)}。"],
    )
    gpb = budget.expense_from(FundingSource.GENERAL_PUBLIC_BUDGET)
    b.section("二", 1, f"关于 {year} 年一般公共预算支出预算表的说明", [])
    scale = f"{name} {year} 年一般公共预算支出 {money(gpb)} 万元"
    scale += change_clause(gpb, budget.prior.expense, year, budget.prior.expense_reason)
    b.section("一", 2, "一般公共预算支出规模变化情况。", [scale])
    gpb_classes = [(c, s) for c, s in class_sums(budget, FundingSource.GENERAL_PUBLIC_BUDGET).items()]
    gpb_amounts = [sum(s.values(), ZERO) for _c, s in gpb_classes]
    structure = [
        f"{code_name(CodeSystem.FUNCTIONAL, code)} {money(amount)} 万元，占 {p}%"
        for (code, _s), amount, p in zip(gpb_classes, gpb_amounts, shares(gpb_amounts, gpb), strict=True)
    ]
    b.section("二", 2, "一般公共预算支出结构情况。", ["；".join(structure) + "。"])
    items = [f for f in budget.functional if f.source == FundingSource.GENERAL_PUBLIC_BUDGET]
    texts = [
        f"{i}."
        + section_item(
            code_name(CodeSystem.FUNCTIONAL, f.code[:3]), code_name(CodeSystem.FUNCTIONAL, f.code[:5]), f.name, year
        )
        + f" {money(f.total)} 万元"
        + change_clause(f.total, f.prior, year, f.reason)
        for i, f in enumerate(items, 1)
    ]
    b.section("三", 2, "一般公共预算支出具体情况。", texts)
    personnel = budget.economic_class_total(*PERSONNEL_CLASSES)
    public = budget.economic_class_total(*PUBLIC_CLASSES)
    b.section(
        "三",
        1,
        f"关于 {year} 年一般公共预算基本支出预算表的说明",
        [
            f"{name} {year} 年一般公共预算基本支出 {money(budget.economic_total())} 万元，其中，"
            f"人员经费 {money(personnel)} 万元，公用经费 {money(public)} 万元。"
        ],
    )
    _tables_notes(b)
    other: list[str] = []
    costs = budget.operating_costs
    if costs is not None:
        other.append(
            f"{name} {year} 年机关运行经费财政拨款预算 {money(costs.amount)} 万元"
            + change_clause(costs.amount, costs.prior, year, costs.reason)
        )
    procurement = budget.procurement
    other.append(
        f"{name} {year} 年政府采购预算 {money(procurement.total)} 万元。其中：政府采购货物预算 "
        f"{money(procurement.goods)} 万元，政府采购工程预算 {money(procurement.works)} 万元，"
        f"政府采购服务预算 {money(procurement.services)} 万元。"
    )
    b.section("十二", 1, "其他重要事项情况说明", [])
    numbers = (chinese_number(n) for n in range(1, 10))
    _projects(b, next(numbers))
    if costs is not None:
        b.section(next(numbers), 2, "机关运行经费。", other[:1])
    b.section(next(numbers), 2, "政府采购情况。", other[-1:])
    b.section(next(numbers), 2, "国有资产占有使用情况。", [assets_text(budget, name)])
    b.section(next(numbers), 2, "绩效目标设置情况。", [_targets_set(budget, name, year)])


def _with_target(budget: BudgetInput) -> list[Project]:
    """The projects with a 绩效目标申报表: those given indicators or funds by period."""
    return [p for p in budget.projects if p.indicators or p.mid_term_funds is not None or p.annual_funds is not None]


def _projects(b: Builder, number: str) -> None:
    """(一)项目及绩效目标情况: each project, then its 申报表 where it has performance targets."""
    budget, name = b.budget, b.name
    b.section(number, 2, "项目及绩效目标情况。", [])
    path = b.sections[-1].heading
    targeted = _with_target(budget)
    for i, project in enumerate(budget.projects, 1):
        texts = project_texts(project, name, i)
        paragraphs = [b.paragraph(text, f"{b.part} {path}") for text in texts]
        section = b.sections[-1]
        b.sections[-1] = replace(section, paragraphs=(*section.paragraphs, *paragraphs))
        if project in targeted:
            b.performance.append(_target(b, project))


def _target(b: Builder, project: Project) -> PerformanceTarget:
    """The 项目支出绩效目标申报表 of a project, as its reader takes it back (annual indicators on the right)."""
    where = b.where(b.part, f"{PERFORMANCE_TITLE}（{b.year} 年度）")
    fiscal = project.source in FISCAL
    annual = project.annual_funds if project.annual_funds is not None else project.amount

    def funds(total: Decimal | None) -> Funds:
        amount = None if total is None else Amount.of(total)
        return Funds(amount, amount if fiscal else None, None if fiscal else amount)

    goals = [f"{chinese_number(i)}、{g}" for i, g in enumerate(project.mid_term_goals, 1)]
    annual_goals = [f"{chinese_number(i)}、{g}" for i, g in enumerate(project.annual_goals, 1)]
    indicators = []
    for i, item in enumerate(project.indicators):
        value = indicator_value(item.value, item.unit)
        quantity, unit = parse_value(value) if value else (None, None)
        level2 = item.level2
        indicators.append(
            Indicator(
                "annual",
                LEVEL2.get(level2, item.level1),
                level2,
                item.name,
                value,
                quantity,
                unit,
                where.with_(row=i + 1),
            )
        )
    b.line += len(indicators) + len(goals) + len(annual_goals) + 8
    return PerformanceTarget(
        project=project.name,
        implementer=b.name,
        leader=None,
        phone=None,
        period_text=project.period or None,
        mid_term=funds(project.mid_term_funds),
        annual=funds(annual),
        goals=tuple(goals),
        indicators=tuple(indicators),
        where=where,
        annual_goals=tuple(annual_goals),
    )


def _targets_set(budget: BudgetInput, name: str, year: int) -> str:
    """(五): N 个项目实行了绩效目标管理 — N is the number of 申报表 the document carries."""
    targeted = _with_target(budget)
    if not targeted:
        return f"{year} 年，{name}没有项目实行绩效目标管理。"
    total = sum((p.amount for p in targeted), ZERO)
    sources = {p.source for p in targeted}
    money_text = (
        f"全部为{next(iter(sources)).value}当年财政拨款 {money(total)} 万元。"
        if len(sources) == 1 and sources <= set(FISCAL)
        else f"涉及资金 {money(total)} 万元。"
    )
    return f"{year} 年，{name} {len(targeted)} 个项目实行了绩效目标管理，{money_text}"


def _overview(b: Builder) -> None:
    """第一部分 部门概况: 主要职责, 部门预算构成, 主要工作任务, numbered （一）… as the reference prints them."""
    profile = b.budget.profile
    b.start_part(PART_OVERVIEW)
    b.outline("一", "主要职责", [f"（{chinese_number(i)}）{d}" for i, d in enumerate(profile.duties, 1)])
    b.section("二", 1, "部门预算构成", [profile.structure] if profile.structure else [])
    tasks = [
        f"（{chinese_number(i)}）{t.rstrip('。；;')}{'。' if i == len(profile.tasks) else '；'}"
        for i, t in enumerate(profile.tasks, 1)
    ]
    b.outline("三", f"{profile.year} 年主要工作任务", tasks)


def _tables_notes(b: Builder) -> None:
    """四 to 十一: one paragraph per remaining table, in the reference's wording."""
    budget, name, year = b.budget, b.name, b.year
    for number, fund, what in (("四", FundingSource.GOVERNMENT_FUND, "政府性基金"),):
        if budget.expense_from(fund) == ZERO:
            text = f"{name} {year} 年没有{what}预算拨款收入，也没有使用{what}预算拨款安排的支出。"
            b.section(number, 1, f"关于 {year} 年{what}预算支出表的说明", [text])
    income, expense = budget.total_income(), budget.total_expense()
    b.section(
        "五",
        1,
        f"关于 {year} 年部门收支预算总表的说明",
        [
            f"按照综合预算的原则，{name}所有收入和支出均纳入部门预算管理。"
            f"{name} {year} 年收支总预算 {money(income)} 万元。"
        ],
    )
    b.section(
        "六",
        1,
        f"关于 {year} 年部门收入预算总表的说明",
        [
            f"{name} {year} 年收入预算 {money(income)} 万元"
            + change_clause(income, budget.prior.income, year, budget.prior.income_reason)
        ],
    )
    basic, project = budget.basic_total(), budget.project_total()
    basic_share, project_share = shares([basic, project], expense)
    b.section(
        "七",
        1,
        f"关于 {year} 年部门支出预算总表的说明",
        [
            f"{name} {year} 年支出预算 {money(expense)} 万元"
            + change_clause(expense, budget.prior.expense, year, budget.prior.expense_reason)
            + f"其中，基本支出 {money(basic)} 万元，占 {basic_share}%；"
            f"项目支出 {money(project)} 万元，占 {project_share}%。"
        ],
    )
    if budget.expense_from(FundingSource.STATE_CAPITAL) == ZERO:
        b.section(
            "八",
            1,
            f"关于 {year} 年国有资本经营预算支出表的说明",
            [f"{name} {year} 年没有国有资本经营预算拨款收入，也没有使用国有资本经营预算拨款安排的支出。"],
        )
    b.section(
        "九",
        1,
        f"关于 {year} 年项目支出表的说明",
        [
            f"{name} {year} 年预算共安排项目支出 {money(project)} 万元"
            + change_clause(project, budget.prior.project, year, budget.prior.project_reason)
        ],
    )
    procurement = budget.procurement.total
    b.section(
        "十",
        1,
        f"关于 {year} 年政府采购支出表的说明",
        [f"{name} {year} 年政府采购预算 {money(procurement)} 万元。"],
    )
    b.section("十一", 1, f"关于 {year} 年政府购买服务支出表的说明", [f"{name} {year} 年没有安排政府购买服务支出。"])


def derive(budget: BudgetInput, file: str = "") -> Document:
    """The disclosure of a budget input in the Anhui 11-table layout (tables 1–11 and the 说明)."""
    profile = budget.profile
    title = f"{profile.name} {profile.year} 年部门{profile.kind.value}"
    b = Builder(budget, file or f"{title}.derived")
    _overview(b)
    tables_part = PART_TABLES.format(year=profile.year)
    b.start_part(tables_part)
    tables(b)
    b.start_part(PART_NOTES.format(year=profile.year))
    _explanation(b)
    terms = glossary(b, PART_GLOSSARY)
    overview = ("主要职责", "部门预算构成", f"{profile.year} 年主要工作任务")
    return assemble(b, title, "anhui-11", (PART_OVERVIEW, "1", overview), tables_part, terms)
