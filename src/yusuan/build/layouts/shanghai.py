"""Derive the Shanghai 9-table 单位（部门）预算 (layout ``shanghai-9``) from a budget input.

The tables are those of the Putuo district documents (catalogs/layouts/shanghai-9.toml): tables
1–8 in 元 and the merged “三公”经费和机关运行经费 table in 万元; the input's 万元 figures are
multiplied exactly. The 说明 follows the Shanghai district wording (domain.md §3.1): totals
compared with the prior year's budget, each 项 as “类-款-项”科目 compared with the prior
year's 执行数 where the input gives it, then the “三公” items, 机关运行经费, 政府采购, 绩效目标
and 国有资产. Every sentence speaks of the 部门 or the 单位 as the profile's scope says.

Decided where the documents say more than the input holds: the 财务收支预算总表 splits its
expenditure into 合计 | 基本支出 | 项目支出 (the printed 人员经费/公用经费 split of each 类
would need the economic classification per functional line, which the input does not carry).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from yusuan.build.builder import (
    FISCAL,
    Builder,
    Line,
    assemble,
    assets_text,
    blank,
    by_source,
    class_sums,
    code_name,
    coded_lines,
    economic_lines,
    functional_lines,
    glossary,
    only,
)
from yusuan.build.input import PERSONNEL_CLASSES, BudgetInput, FundingSource, UnitType
from yusuan.build.wording import change_clause, chinese_number, money, project_texts
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Column, Document
from yusuan.model.money import ZERO, Unit

LAYOUT = "shanghai-9"
_CODE_HEADER = ("功能分类科目编码", "", "", "功能分类科目名称")
_LEVELS = ("类", "款", "项", "")
_OTHER_SOURCES = (
    FundingSource.FISCAL_SPECIAL_ACCOUNT,
    FundingSource.SUPERIOR_SUBSIDY,
    FundingSource.AFFILIATE_REMITTANCE,
    FundingSource.OTHER,
    FundingSource.CARRYOVER,
)
# 收入预算总表 columns: key, label, the sources it adds up
INCOME_COLUMNS: tuple[tuple[str, str, tuple[FundingSource, ...]], ...] = (
    ("fiscal_grant", "财政拨款收入", FISCAL),
    ("business_income", "事业收入", (FundingSource.INSTITUTION_INCOME,)),
    ("operating_income", "事业单位经营收入", (FundingSource.OPERATING_INCOME,)),
    ("other_income", "其他收入", _OTHER_SOURCES),
)


def _numbered_classes(budget: BudgetInput, sums: dict[str, tuple[Decimal | None, ...]]) -> list[Line]:
    """The 类 the input uses, numbered 一、… as the Shanghai 总表 print them (only those used)."""
    return [
        Line(None, f"{chinese_number(i)}、{code_name(CodeSystem.FUNCTIONAL, code)}", 1, amounts)
        for i, (code, amounts) in enumerate(sums.items(), 1)
    ]


def _income_of(budget: BudgetInput, *sources: FundingSource) -> Decimal:
    return sum((budget.income_from(s) for s in sources), ZERO)


def _summary(b: Builder, number: str) -> None:
    budget = b.budget
    fiscal = _income_of(budget, *FISCAL)
    income = [
        Line(None, "一、财政拨款收入", 1, (blank(fiscal),)),
        Line(None, "1、一般公共预算资金", 3, (blank(budget.income_from(FundingSource.GENERAL_PUBLIC_BUDGET)),)),
        Line(None, "2、政府性基金", 3, (blank(budget.income_from(FundingSource.GOVERNMENT_FUND)),)),
        Line(None, "3、国有资本经营预算", 3, (blank(budget.income_from(FundingSource.STATE_CAPITAL)),)),
        Line(None, "二、事业收入", 1, (blank(budget.income_from(FundingSource.INSTITUTION_INCOME)),)),
        Line(None, "三、事业单位经营收入", 1, (blank(budget.income_from(FundingSource.OPERATING_INCOME)),)),
        Line(None, "四、其他收入", 1, (blank(_income_of(budget, *_OTHER_SOURCES)),)),
        Line(None, "收入总计", 0, (budget.total_income(),), total=True),
    ]
    classes = {code: _triple(basic, project) for code, (basic, project) in sorted(budget.rollup(3).items())}
    expense = [
        *_numbered_classes(budget, classes),
        Line(None, "支出总计", 0, _triple(budget.basic_total(), budget.project_total()), total=True),
    ]
    header = (
        ("本年收入", "", "本年支出", "", "", ""),
        ("项目", "预算数", "项目", "预算数", "", ""),
        ("", "", "", "合计", "基本支出", "项目支出"),
    )
    labels = ("合计", "基本支出", "项目支出")
    b.table(
        number,
        "预算单位财务收支预算总表",
        "summary",
        header,
        [
            ("income", (Column("total", "本年收入/预算数"),), income),
            ("expense", tuple(Column(k, f"本年支出/预算数/{t}") for k, t in zip(_KEYS, labels, strict=True)), expense),
        ],
        unit=Unit.YUAN,
    )


_KEYS = ("total", "basic", "project")


def _triple(basic: Decimal, project: Decimal) -> tuple[Decimal | None, ...]:
    return (basic + project, blank(basic), blank(project))


def _income(b: Builder, number: str) -> None:
    """收入预算总表: each 类/款/项 by where its money comes from."""
    amounts = by_source(b.budget, [s for _k, _l, s in INCOME_COLUMNS])
    lines = [*coded_lines(b.budget, amounts), Line(None, "合计", 0, amounts(""), total=True)]
    labels = tuple(label for _k, label, _s in INCOME_COLUMNS)
    header = (
        ("项目", "", "", "", "收入预算", "", "", "", ""),
        (*_CODE_HEADER, "合计", *labels),
        (*_LEVELS, "", "", "", "", ""),
    )
    columns = (Column("total", "收入预算/合计"), *(Column(k, f"收入预算/{t}") for k, t, _s in INCOME_COLUMNS))
    b.table(number, "预算单位收入预算总表", "income", header, [("", columns, lines)], unit=Unit.YUAN)


def _coded(
    b: Builder, number: str, title: str, kind: str, heading: str, source: FundingSource | None, what: str = ""
) -> None:
    """A functional table 合计 | 基本支出 | 项目支出, its 合计 last; empty with the standard 注."""
    header = (
        ("项目", "", "", "", heading, "", ""),
        (*_CODE_HEADER, "合计", "基本支出", "项目支出"),
        (*_LEVELS, "", "", ""),
    )
    columns = tuple(Column(k, f"{heading}/{t}") for k, t in zip(_KEYS, ("合计", "基本支出", "项目支出"), strict=True))
    budget = only(b.budget, source)
    if not any(f.total for f in budget.functional):  # no money from this source: empty, with the 注
        scope = b.budget.profile.scope.value
        note = f"注:本{scope}{b.year}年无{what}预算财政拨款安排的预算，故本表为空表。"
        b.table(number, title, kind, header, [("", columns, [])], note, unit=Unit.YUAN)
        return
    lines = functional_lines(budget)
    lines = [*lines[1:], lines[0]]  # Shanghai prints the 合计 last
    b.table(number, title, kind, header, [("", columns, lines)], unit=Unit.YUAN)


def _fiscal_summary(b: Builder, number: str) -> None:
    budget = b.budget
    income = [
        Line(None, "一、一般公共预算资金", 1, (blank(budget.income_from(FundingSource.GENERAL_PUBLIC_BUDGET)),)),
        Line(None, "二、政府性基金", 1, (blank(budget.income_from(FundingSource.GOVERNMENT_FUND)),)),
        Line(None, "三、国有资本经营预算", 1, (blank(budget.income_from(FundingSource.STATE_CAPITAL)),)),
        Line(None, "收入总计", 0, (_income_of(budget, *FISCAL),), total=True),
    ]
    sums = class_sums(budget, *FISCAL)
    quads = {c: (sum(by.values(), ZERO), *(blank(by.get(s, ZERO)) for s in FISCAL)) for c, by in sorted(sums.items())}
    totals = [budget.expense_from(s) for s in FISCAL]
    expense = [
        *_numbered_classes(budget, quads),
        Line(None, "支出总计", 0, (sum(totals, ZERO), *(blank(t) for t in totals)), total=True),
    ]
    labels = ("合计", "一般公共预算", "政府性基金预算", "国有资本经营预算")
    keys = ("total", "general", "fund", "state_capital")
    header = (("财政拨款收入", "", "财政拨款支出", "", "", "", ""), ("项目", "预算数", "项目", *labels))
    b.table(
        number,
        "预算单位财政拨款收支预算总表",
        "fiscal_summary",
        header,
        [
            ("income", (Column("total", "财政拨款收入/预算数"),), income),
            ("expense", tuple(Column(k, f"财政拨款支出/{t}") for k, t in zip(keys, labels, strict=True)), expense),
        ],
        unit=Unit.YUAN,
    )


def _basic(b: Builder, number: str) -> None:
    """基本支出 by 经济分类 类/款: 合计 | 人员经费 (301, 303) | 公用经费 (every other 类)."""
    budget = b.budget

    def split(code: str, amount: Decimal) -> tuple[Decimal | None, ...]:
        if not code:  # 合计: 人员经费 301 + 303, the rest 公用经费
            return (amount, budget.personnel(), amount - budget.personnel())
        personnel = code[:3] in PERSONNEL_CLASSES
        return (amount, blank(amount) if personnel else None, None if personnel else blank(amount))

    lines = economic_lines(budget, split)
    lines = [*lines[1:], lines[0]]  # 合计 last
    heading = "一般公共预算基本支出"
    header = (
        ("项目", "", "", heading, "", ""),
        ("经济分类科目编码", "", "部门经济分类科目名称", "合计", "人员经费", "公用经费"),
        ("类", "款", "", "", "", ""),
    )
    keys, labels = ("total", "personnel", "public"), ("合计", "人员经费", "公用经费")
    columns = tuple(Column(k, f"{heading}/{t}") for k, t in zip(keys, labels, strict=True))
    title = "预算单位一般公共预算基本支出部门预算经济分类预算表"
    b.table(number, title, "gpb_basic", header, [("", columns, lines)], unit=Unit.YUAN)


def _three_public(b: Builder, number: str) -> None:
    """“三公”经费和机关运行经费: one row in 万元, zeros printed (the table is never left blank)."""
    budget = b.budget
    three = budget.three_public
    costs = budget.operating_costs
    amounts: tuple[Decimal, ...] = (
        (three.total, three.abroad, three.reception, three.vehicles, three.vehicle_purchase, three.vehicle_running)
        if three is not None
        else (ZERO,) * 6
    )
    header = (  # no column for the row's label: the documents print the amounts only (普陀 2025 表9)
        ("“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"),
        ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", "", ""),
        ("", "", "", "小计", "购置费", "运行费", ""),
    )
    head = "“三公”经费预算数"
    columns = (
        Column("total", f"{head}/合计"),
        Column("abroad", f"{head}/因公出国(境)费"),
        Column("reception", f"{head}/公务接待费"),
        Column("vehicle", f"{head}/公务用车购置及运行费/小计"),
        Column("vehicle_purchase", f"{head}/公务用车购置及运行费/购置费"),
        Column("vehicle_operation", f"{head}/公务用车购置及运行费/运行费"),
        Column("operating_cost", "机关运行经费预算数"),
    )
    row = Line(None, "", 0, (*amounts, costs.amount if costs is not None else ZERO), total=True)
    title = f"{budget.profile.scope.value}“三公”经费和机关运行经费预算表"
    b.table(number, title, "three_public", header, [("", columns, [row])], unit=Unit.WAN_YUAN)


def _tables(b: Builder) -> None:
    _summary(b, "1")
    _income(b, "2")
    _coded(b, "3", "预算单位支出预算总表", "expense", "支出预算", None)
    _fiscal_summary(b, "4")
    gpb = FundingSource.GENERAL_PUBLIC_BUDGET
    _coded(b, "5", "预算单位一般公共预算支出功能分类预算表", "gpb_expense", "一般公共预算支出", gpb)
    fund, capital = FundingSource.GOVERNMENT_FUND, FundingSource.STATE_CAPITAL
    title6, title7 = "预算单位政府性基金预算支出功能分类预算表", "预算单位国有资本经营预算支出功能分类预算表"
    _coded(b, "6", title6, "fund_expense", "政府性基金预算支出", fund, "政府性基金")
    _coded(b, "7", title7, "state_capital_expense", "国有资本经营预算支出", capital, "国有资本经营")
    _basic(b, "8")
    _three_public(b, "9")


# --- 说明 ------------------------------------------------------------------------------------------


def _item_path(code: str, name: str) -> str:
    functional = CodeSystem.FUNCTIONAL
    return f"“{code_name(functional, code[:3])}-{code_name(functional, code[:5])}-{name}”科目"


def _compilation(b: Builder) -> list[str]:
    """预算编制说明: income and expenditure against last year's budget, then each 项 of 财政拨款."""
    budget, name, year = b.budget, b.name, b.year
    prior = budget.prior
    income = budget.total_income()
    texts = [
        f"{year} 年，{name}收入预算 {money(income)} 万元"
        + change_clause(income, prior.income, year, prior.income_reason)
        + f"其中：财政拨款收入 {money(_income_of(budget, *FISCAL))} 万元；"
        f"事业收入 {money(budget.income_from(FundingSource.INSTITUTION_INCOME))} 万元；"
        f"事业单位经营收入 {money(budget.income_from(FundingSource.OPERATING_INCOME))} 万元；"
        f"其他收入 {money(_income_of(budget, *_OTHER_SOURCES))} 万元。",
    ]
    expense = budget.total_expense()
    fiscal = sum((budget.expense_from(s) for s in FISCAL), ZERO)
    texts.append(
        f"支出预算 {money(expense)} 万元"
        + change_clause(expense, prior.expense, year, prior.expense_reason)
        + f"其中：财政拨款支出预算 {money(fiscal)} 万元。财政拨款支出预算中，一般公共预算拨款支出预算 "
        f"{money(budget.expense_from(FundingSource.GENERAL_PUBLIC_BUDGET))} 万元；政府性基金拨款支出预算 "
        f"{money(budget.expense_from(FundingSource.GOVERNMENT_FUND))} 万元；国有资本经营预算拨款支出预算 "
        f"{money(budget.expense_from(FundingSource.STATE_CAPITAL))} 万元。"
    )
    items = [f for f in budget.functional if f.source in FISCAL]
    if items:
        texts.append("财政拨款支出主要内容如下：")
    for i, f in enumerate(items, 1):
        base = "预算执行数" if f.prior_executed is not None else "预算"
        texts.append(
            f"{i}. {_item_path(f.code, f.name)} {money(f.total)} 万元"
            + change_clause(f.total, f.prior, year, f.reason, base)
        )
    return texts


def _three_public_text(budget: BudgetInput, year: int) -> list[str]:
    three = budget.three_public
    if three is None:
        return [f"{year} 年“三公”经费预算数为 0.00 万元。"]
    vehicles_prior = (
        None
        if three.prior_vehicle_purchase is None or three.prior_vehicle_running is None
        else three.prior_vehicle_purchase + three.prior_vehicle_running
    )
    return [
        f"{year} 年“三公”经费预算数为 {money(three.total)} 万元"
        + change_clause(three.total, three.prior_total, year, three.reason),
        f"（一）因公出国（境）费 {money(three.abroad)} 万元"
        + change_clause(three.abroad, three.prior_abroad, year, ""),
        f"（二）公务用车购置及运行费 {money(three.vehicles)} 万元"
        + change_clause(three.vehicles, vehicles_prior, year, "")
        + f"其中：公务用车购置费 {money(three.vehicle_purchase)} 万元"
        + change_clause(three.vehicle_purchase, three.prior_vehicle_purchase, year, "")
        + f"公务用车运行费 {money(three.vehicle_running)} 万元"
        + change_clause(three.vehicle_running, three.prior_vehicle_running, year, ""),
        f"（三）公务接待费 {money(three.reception)} 万元"
        + change_clause(three.reception, three.prior_reception, year, ""),
    ]


def _other(b: Builder) -> Sequence[tuple[str, list[str]]]:
    budget, name, year = b.budget, b.name, b.year
    scope = budget.profile.scope.value
    costs = budget.operating_costs
    amount = costs.amount if costs is not None else ZERO
    offices = sum(budget.profile.unit_count(t) for t in _OFFICE_TYPES)
    institutions = len(budget.profile.units) - offices
    who = f"{name}下属 {offices} 家机关和 {institutions} 家事业单位" if budget.profile.units else name
    operating = f"{year} 年{who}财政拨款的机关运行经费预算为 {money(amount)} 万元" + (
        change_clause(amount, costs.prior, year, costs.reason) if costs is not None else "。"
    )
    procurement = budget.procurement
    buying = [
        f"{year} 年度本{scope}政府采购预算 {money(procurement.total)} 万元，其中：政府采购货物预算 "
        f"{money(procurement.goods)} 万元、政府采购工程预算 {money(procurement.works)} 万元、"
        f"政府采购服务预算 {money(procurement.services)} 万元。",
        f"{year} 年本{scope}面向中小企业预留政府采购项目预算金额 {money(procurement.sme_reserved)} 万元，其中，"
        f"预留给小型和微型企业的政府采购项目预算为 {money(procurement.small_micro_reserved)} 万元。",
    ]
    targeted = [p for p in budget.projects if p.indicators or p.annual_goals]
    targets = (
        f"{year} 年度，本{scope}编报绩效目标的项目共 {len(targeted)} 个，"
        f"涉及项目预算资金 {money(sum((p.amount for p in targeted), ZERO))} 万元。"
    )
    return (
        (f"{year} 年“三公”经费预算情况说明", _three_public_text(budget, year)),
        ("机关运行经费预算", [operating]),
        ("政府采购预算情况", buying),
        ("绩效目标设置情况", [targets]),
        ("国有资产占有使用情况", [assets_text(budget, name)]),
    )


_OFFICE_TYPES = (UnitType.ADMINISTRATIVE, UnitType.CIVIL_SERVICE_MANAGED)


def _overview(b: Builder, part: str) -> tuple[str, ...]:
    profile = b.budget.profile
    b.start_part(part)
    b.outline("一", "主要职能", [f"{i}.{d}" for i, d in enumerate(profile.duties, 1)])
    b.section("二", 1, "机构设置", [profile.structure] if profile.structure else [])
    return ("主要职能", "机构设置")


def derive(budget: BudgetInput, file: str = "") -> Document:
    """The disclosure of a budget input in the Shanghai 9-table layout."""
    profile = budget.profile
    scope, year = profile.scope.value, profile.year
    title = f"{profile.name} {year} 年{scope}{profile.kind.value}"
    b = Builder(budget, file or f"{title}.derived", title_prefix="")
    overview_part = f"第一部分 {scope}概况"
    headings = _overview(b, overview_part)
    tables_part = f"第二部分 {year} 年{scope}预算表"
    b.start_part(tables_part)
    _tables(b)
    b.start_part(f"第三部分 {year} 年{scope}预算情况说明")
    b.section("一", 1, f"{year} 年{scope}预算编制说明", _compilation(b))
    sections = [*_other(b)]
    if budget.projects:  # each project's 项目经费情况说明 (domain.md §3.1), after the other sections
        texts = [text for i, p in enumerate(budget.projects, 1) for text in project_texts(p, profile.name, i)]
        sections.append(("项目经费情况说明", texts))
    for i, (heading, texts) in enumerate(sections, 2):
        b.section(chinese_number(i), 1, heading, texts)
    terms = glossary(b, "第四部分 名词解释")
    return assemble(b, title, LAYOUT, (overview_part, "一", headings), tables_part, terms)
