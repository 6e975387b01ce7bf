"""The eleven tables of the Anhui layout (the reference document's), derived from a budget input.

Each table's 类/款 rows are exact sums of its 项 lines and each total an exact sum of its rows,
so the tables agree with each other and with the 说明 (``yusuan.build.derive``) by construction.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.build.builder import (
    FISCAL,
    Builder,
    Line,
    blank,
    by_source,
    class_sums,
    code_name,
    coded_lines,
    economic_lines,
    functional_lines,
    merged_items,
    only,
)
from yusuan.build.input import BudgetInput, FundingSource
from yusuan.build.wording import (
    CLASS_LABELS,
    chinese_number,
)
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Column
from yusuan.model.money import ZERO


def _class_labels(budget: BudgetInput) -> list[tuple[str, str]]:
    """Every 类 the Anhui 总表 lists, then any other 类 the input uses, numbered （一）…

    A 类 the input uses is named as 表2 names it (the catalog's name: 资源勘探工业信息等支出 where
    the reference's list prints the older 资源勘探信息等支出), so the tables tie by name.
    """
    used = budget.rollup(3)
    listed = [(c, code_name(CodeSystem.FUNCTIONAL, c) if c in used else name) for c, name in CLASS_LABELS]
    names = [*listed, *((c, code_name(CodeSystem.FUNCTIONAL, c)) for c in used if c not in dict(CLASS_LABELS))]
    return [(code, f"（{chinese_number(i + 1)}）{name}") for i, (code, name) in enumerate(names)]


# --- tables -------------------------------------------------------------------------------------


def _table1(b: Builder) -> None:
    budget = b.budget
    gpb = budget.income_from(FundingSource.GENERAL_PUBLIC_BUDGET)
    fund = budget.income_from(FundingSource.GOVERNMENT_FUND)
    state = budget.income_from(FundingSource.STATE_CAPITAL)  # printed only when there is some
    carry = budget.income_from(FundingSource.CARRYOVER)
    income_total = gpb + fund + state + carry
    income = [
        Line(None, "一、上年结转", 1, (blank(carry),)),
        Line(None, "二、本年收入", 1, (blank(gpb + fund + state),)),
        Line(None, "（一）一般公共预算拨款", 2, (blank(gpb),)),
        Line(None, "（二）政府性基金预算拨款", 2, (blank(fund),)),
        *([Line(None, "（三）国有资本经营预算拨款", 2, (state,))] if state else []),
        Line(None, "收入总计", 0, (income_total,), total=True),
    ]
    sums = class_sums(budget, *FISCAL)
    fiscal = sum((sum(v.values(), ZERO) for v in sums.values()), ZERO)

    def quad(by: dict[FundingSource, Decimal]) -> tuple[Decimal | None, ...]:
        return (blank(sum(by.values(), ZERO)), *(blank(by.get(s, ZERO)) for s in FISCAL))

    totals = {s: budget.expense_from(s) for s in FISCAL}
    expense = [Line(None, "一、本年支出", 1, quad(totals))]
    expense += [Line(None, label, 2, quad(sums.get(code, {}))) for code, label in _class_labels(budget)]
    expense.append(Line(None, "支出总计", 0, (fiscal, *(blank(totals[s]) for s in FISCAL)), total=True))
    labels = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算拨款")
    header = (("收 入", "", "支 出", "", "", "", ""), ("项目", "预算数", "项目", *labels))
    b.table(
        "1",
        "财政拨款收支预算总表",
        "fiscal_summary",
        header,
        [
            ("income", (Column("total", "收入/预算数"),), income),
            ("expense", tuple(Column(k, f"支出/{t}") for k, t in zip(_FISCAL_KEYS, labels, strict=True)), expense),
        ],
    )


_FISCAL_KEYS = ("total", "general", "fund", "state_capital")


def _coded_expense(b: Builder, number: str, title: str, kind: str, prefix: str, source: FundingSource | None) -> None:
    labels = ("合计", "基本支出", "项目支出")
    if prefix:
        header = (("功能分类科目", "", prefix, "", ""), ("科目编码", "科目名称", *labels))
        columns = tuple(Column(k, f"{prefix}/{t}") for k, t in zip(("total", "basic", "project"), labels, strict=True))
    else:
        header = (("功能分类科目", "", *labels), ("科目编码", "科目名称", "", "", ""))
        columns = tuple(Column(k, t) for k, t in zip(("total", "basic", "project"), labels, strict=True))
    b.table(number, title, kind, header, [("", columns, functional_lines(only(b.budget, source)))])


def _table3(b: Builder) -> None:
    header = (("经济分类科目", "", "预算数"), ("科目编码", "科目名称", ""))
    columns = (Column("total", "预算数"),)
    b.table("3", "一般公共预算基本支出预算表", "gpb_basic", header, [("", columns, economic_lines(b.budget))])


def _fund_table(b: Builder, number: str, title: str, kind: str, heading: str, source: FundingSource, what: str) -> None:
    """表4 / 表8: the 项 lines funded from the fund or state capital, or empty with the standard 注."""
    labels = ("合计", "基本支出", "项目支出")
    header = (("科目编码", "科目名称", heading, "", ""), ("", "", *labels))
    columns = tuple(Column(k, f"{heading}/{t}") for k, t in zip(("total", "basic", "project"), labels, strict=True))
    budget = only(b.budget, source)
    if budget.functional:
        b.table(number, title, kind, header, [("", columns, functional_lines(budget))])
        return
    note = f"注:{b.name}没有{what}预算拨款收入，也没有{what}预算拨款安排的支出，故本表无数据。"
    b.table(number, title, kind, header, [("", columns, [])], note)


def _table5(b: Builder) -> None:
    budget = b.budget

    def of(*sources: FundingSource) -> Decimal | None:
        return blank(sum((budget.income_from(s) for s in sources), ZERO))

    others = (
        FundingSource.INSTITUTION_INCOME,
        FundingSource.OPERATING_INCOME,
        FundingSource.SUPERIOR_SUBSIDY,
        FundingSource.AFFILIATE_REMITTANCE,
        FundingSource.OTHER,
    )
    income = [
        Line(None, "一、一般公共预算拨款收入", 1, (of(FundingSource.GENERAL_PUBLIC_BUDGET),)),
        Line(None, "二、政府性基金预算拨款收入", 1, (of(FundingSource.GOVERNMENT_FUND),)),
        Line(None, "三、国有资本经营预算拨款收入", 1, (of(FundingSource.STATE_CAPITAL),)),
        Line(None, "四、财政专户管理资金", 1, (of(FundingSource.FISCAL_SPECIAL_ACCOUNT),)),
        Line(None, "五、其他收入", 1, (of(*others),)),
        Line(None, "事业收入", 2, (of(FundingSource.INSTITUTION_INCOME),)),
        Line(None, "经营收入", 2, (of(FundingSource.OPERATING_INCOME),)),
        Line(None, "上级补助收入", 2, (of(FundingSource.SUPERIOR_SUBSIDY),)),
        Line(None, "附属单位上缴收入", 2, (of(FundingSource.AFFILIATE_REMITTANCE),)),
        Line(None, "其他", 2, (of(FundingSource.OTHER),)),
        Line(None, "六、上年结转", 1, (of(FundingSource.CARRYOVER),)),
        Line(None, "收入总计", 0, (budget.total_income(),), total=True),
    ]
    classes = budget.rollup(3)
    expense = [
        Line(None, label, 2, (blank(sum(classes.get(code, (ZERO, ZERO)), ZERO)),))
        for code, label in _class_labels(budget)
    ]
    expense.append(Line(None, "支出总计", 0, (budget.total_expense(),), total=True))
    header = (("收 入", "", "支 出", ""), ("收入项目", "预算数", "支出功能分类科目", "预算数"))
    b.table(
        "5",
        "部门收支预算总表",
        "summary",
        header,
        [
            ("income", (Column("total", "收入/预算数"),), income),
            ("expense", (Column("total", "支出/预算数"),), expense),
        ],
        "注：本表反映部门各项收入、支出预算安排情况。",
    )


def tables(b: Builder) -> None:
    """表1 … 表11, in order."""
    _table1(b)
    _coded_expense(b, "2", "一般公共预算支出预算表", "gpb_expense", "预算数", FundingSource.GENERAL_PUBLIC_BUDGET)
    _table3(b)
    _fund_table(
        b,
        "4",
        "政府性基金预算支出表",
        "fund_expense",
        "本年政府性基金财政拨款支出",
        FundingSource.GOVERNMENT_FUND,
        "政府性基金",
    )
    _table5(b)
    _table6(b)
    _coded_expense(b, "7", "部门支出预算总表", "expense", "", None)
    _fund_table(
        b,
        "8",
        "国有资本经营预算支出表",
        "state_capital_expense",
        "国有资本经营预算财政拨款支出",
        FundingSource.STATE_CAPITAL,
        "国有资本经营",
    )
    _table9(b)
    _table10(b)
    _table11(b)


_INCOME_COLUMNS: tuple[tuple[str, str, tuple[FundingSource, ...]], ...] = (
    ("carryover", "上年结转", (FundingSource.CARRYOVER,)),
    ("general", "一般公共预算拨款收入", (FundingSource.GENERAL_PUBLIC_BUDGET,)),
    ("fund", "政府性基金预算拨款收入", (FundingSource.GOVERNMENT_FUND,)),
    ("state_capital", "国有资本经营预算拨款收入", (FundingSource.STATE_CAPITAL,)),
    ("special_account", "财政专户管理资金", (FundingSource.FISCAL_SPECIAL_ACCOUNT,)),
    ("business_income", "事业收入", (FundingSource.INSTITUTION_INCOME,)),
    ("operating_income", "经营收入", (FundingSource.OPERATING_INCOME,)),
    (
        "other_income",
        "其他收入",
        (FundingSource.SUPERIOR_SUBSIDY, FundingSource.AFFILIATE_REMITTANCE, FundingSource.OTHER),
    ),
)


def _table6(b: Builder) -> None:
    """部门收入预算总表: each 类/款/项 by the source its money comes from; parents exact sums."""
    amounts = by_source(b.budget, [sources for _k, _l, sources in _INCOME_COLUMNS])
    lines = [Line(None, "合计", 0, amounts(""), total=True), *coded_lines(b.budget, amounts)]
    labels = tuple(label for _k, label, _s in _INCOME_COLUMNS)
    header = (("科目编码", "科目名称", "合计", *labels),)
    columns = (Column("total", "合计"), *(Column(k, label) for k, label, _s in _INCOME_COLUMNS))
    b.table("6", "部门收入预算总表", "income", header, [("", columns, lines)])


def _table9(b: Builder) -> None:
    """项目支出表: the project money of each 项 (as in 表2's 项目支出 column)."""
    items = [(code, name, project) for code, name, _basic, project in merged_items(b.budget) if project]
    header = (("科目编码", "科目名称", "项目支出"),)
    if not items:
        note = f"注:{b.name}没有安排项目支出，故本表无数据。"
        b.table("9", "项目支出表", "project_expense", header, [("", (Column("project", "项目支出"),), [])], note)
        return
    lines = [Line(None, "合计", 0, (b.budget.project_total(),), total=True)]
    lines += [Line(code, name, 3, (project,)) for code, name, project in items]
    b.table("9", "项目支出表", "project_expense", header, [("", (Column("project", "项目支出"),), lines)])


def _table10(b: Builder) -> None:
    procurement = b.budget.procurement
    header = (("采购项目", "合计"),)
    columns = (Column("total", "合计"),)
    if procurement.total == ZERO:
        note = (
            f"注:{b.name}没有使用一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款、"
            "财政专户管理资金和单位资金安排的政府采购支出，故本表无数据。"
        )
        b.table("10", "政府采购支出表", "procurement", header, [("", columns, [])], note)
        return
    lines = [
        Line(None, "一、货物", 1, (blank(procurement.goods),)),
        Line(None, "二、工程", 1, (blank(procurement.works),)),
        Line(None, "三、服务", 1, (blank(procurement.services),)),
        Line(None, "合计", 0, (procurement.total,), total=True),
    ]
    b.table("10", "政府采购支出表", "procurement", header, [("", columns, lines)])


def _table11(b: Builder) -> None:
    """政府购买服务支出表: the input has no purchase-of-service lines, so it is printed empty."""
    header = (("项目名称", "购买金额"),)
    note = f"注:{b.name}没有安排政府购买服务支出，故本表无数据。"
    b.table("11", "政府购买服务支出表", "purchase_service", header, [("", (Column("total", "购买金额"),), [])], note)
