"""The nine tables of the Shanghai 部门决算 (layout ``shanghai-final-9``, numbered 一 … 九, all 万元).

They follow the official 2024 template (catalogs/layouts/shanghai-final-9.toml): the input's
项 lines are then 决算数, with each 项's 年初结转和结余 and 年末结转和结余; a 项's 本年收入 is what
it spent and carried forward less what it brought in. Column labels are the template's
(决算数, 上级补助收入 …), so a column yusuan's reader cannot name keeps the positional key the
reader gives it (``col2``); the derived Document uses the same keys, so it reads back alike.

Decided where the template does not fit the checks: the “三公” table prints its 预算数 and
决算数 as two rows under one header (the template pairs them as columns, which reads as twelve
amounts with no identity between them); the 预算数 row is printed only when the input gives the
year's 年初预算 of every item.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from yusuan.build.builder import (
    FISCAL,
    Builder,
    Line,
    blank,
    by_source,
    class_sums,
    coded_lines,
    economic_lines,
    functional_lines,
    only,
)
from yusuan.build.input import PERSONNEL_CLASSES, BudgetInput, FundingSource
from yusuan.build.wording import CLASS_LABELS, chinese_number
from yusuan.model.document import Column
from yusuan.model.money import ZERO

GENERAL, FUND, CAPITAL = FISCAL
_CODES = ("功能分类科目编码", "科目名称")
_INCOME_SOURCES: tuple[tuple[str, str, str, tuple[FundingSource, ...]], ...] = (
    # key as the reader names it, label, the summary's row label, sources
    ("fiscal_grant", "财政拨款收入", "", FISCAL),
    ("col5", "上级补助收入", "四、上级补助收入", (FundingSource.SUPERIOR_SUBSIDY,)),
    ("business_income", "事业收入", "五、事业收入", (FundingSource.INSTITUTION_INCOME,)),
    ("operating_income", "经营收入", "六、经营收入", (FundingSource.OPERATING_INCOME,)),
    ("col8", "附属单位上缴收入", "七、附属单位上缴收入", (FundingSource.AFFILIATE_REMITTANCE,)),
    (
        "other_income",
        "其他收入",
        "八、其他收入",
        (FundingSource.OTHER, FundingSource.FISCAL_SPECIAL_ACCOUNT, FundingSource.CARRYOVER),
    ),
)


def _income(budget: BudgetInput, *sources: FundingSource) -> Decimal:
    return sum((budget.income_from(s) for s in sources), ZERO)


def _class_rows(amounts: Mapping[str, tuple[Decimal | None, ...]], width: int) -> list[Line]:
    """Every 类 of the template, numbered 一、…, blank where the input has none."""
    return [
        Line(None, f"{chinese_number(i)}、{name}", 1, amounts.get(code, (None,) * width))
        for i, (code, name) in enumerate(CLASS_LABELS, 1)
    ]


def _summary(b: Builder) -> None:
    """一 收入支出决算总表: 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计
    = 本年支出合计 + 结余分配 + 年末结转和结余."""
    budget = b.budget
    opening, closing = budget.opening_total(), budget.closing_total()
    used, distributed = budget.final.balance_used, budget.final.distribution
    income = [
        Line(None, "一、一般公共预算财政拨款收入", 1, (blank(budget.income_from(GENERAL)),)),
        Line(None, "二、政府性基金预算财政拨款收入", 1, (blank(budget.income_from(FUND)),)),
        Line(None, "三、国有资本经营预算财政拨款收入", 1, (blank(budget.income_from(CAPITAL)),)),
        *(Line(None, row, 1, (blank(_income(budget, *s)),)) for _k, _l, row, s in _INCOME_SOURCES[1:]),
        Line(None, "本年收入合计", 0, (budget.total_income(),), total=True),
        Line(None, "使用非财政拨款结余", 1, (blank(used),)),
        Line(None, "年初结转和结余", 1, (blank(opening),)),
        Line(None, "总计", 0, (budget.total_income() + used + opening,), total=True),
    ]
    classes = {code: (blank(basic + project),) for code, (basic, project) in budget.rollup(3).items()}
    expense = [
        *_class_rows(classes, 1),
        Line(None, "本年支出合计", 0, (budget.total_expense(),), total=True),
        Line(None, "结余分配", 1, (blank(distributed),)),
        Line(None, "年末结转和结余", 1, (blank(closing),)),
        Line(None, "总计", 0, (budget.total_expense() + distributed + closing,), total=True),
    ]
    header = (("收入", "", "支出", ""), ("项目", "决算数", "项目", "决算数"))
    blocks = [
        ("income", (Column("col2", "收入/决算数"),), income),
        ("expense", (Column("col4", "支出/决算数"),), expense),
    ]
    b.table(
        "一", "收入支出决算总表", "final_summary", header, blocks, "注：本表反映部门本年度的总收支和年末结转结余情况。"
    )


def _income_table(b: Builder) -> None:
    """二 收入决算表: each 类/款/项's income of the year by the source of its money (what it spent
    and carried forward, less what it brought in: 表一's 本年收入合计 in all)."""
    amounts = by_source(b.budget, [s for _k, _l, _r, s in _INCOME_SOURCES], received=True)
    lines = [*coded_lines(b.budget, amounts), Line(None, "合计", 0, amounts(""), total=True)]
    labels = tuple(label for _k, label, _r, _s in _INCOME_SOURCES)
    header = (("项目", "", "本年收入合计", *labels), (*_CODES, *([""] * 7)))
    columns = (Column("total", "本年收入合计"), *(Column(k, label) for k, label, _r, _s in _INCOME_SOURCES))
    note = "注：本表反映部门本年度取得的各项收入情况。"
    b.table("二", "收入决算表", "final_income", header, [("", columns, lines)], note)


def _expense_table(b: Builder) -> None:
    """三 支出决算表: 基本 and 项目; 上缴上级, 经营 and 对附属单位补助 blank (not in the input)."""
    labels = ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
    keys = ("total", "basic", "project", "col6", "col7", "col8")
    columns = tuple(Column(k, t) for k, t in zip(keys, labels, strict=True))
    lines = [
        Line(x.code, x.label, x.level, (*x.amounts, None, None, None), x.total) for x in functional_lines(b.budget)
    ]
    lines = [*lines[1:], lines[0]]
    header = (("项目", "", *labels), (*_CODES, *([""] * 6)))
    note = "注：本表反映部门本年度各项支出情况。"
    b.table("三", "支出决算表", "final_expense", header, [("", columns, lines)], note)


def _fiscal_summary(b: Builder) -> None:
    """四 财政拨款收入支出决算总表: by fund, with the 财政拨款 balances."""
    budget = b.budget
    opening = budget.opening_total(*FISCAL)
    income = [
        Line(None, "一、一般公共预算财政拨款", 1, (blank(budget.income_from(GENERAL)),)),
        Line(None, "二、政府性基金预算财政拨款", 1, (blank(budget.income_from(FUND)),)),
        Line(None, "三、国有资本经营预算财政拨款", 1, (blank(budget.income_from(CAPITAL)),)),
        Line(None, "本年收入合计", 0, (_income(budget, *FISCAL),), total=True),
        Line(None, "年初结转和结余", 1, (blank(opening),)),
        Line(None, "总计", 0, (_income(budget, *FISCAL) + opening,), total=True),
    ]

    def quad(values: dict[FundingSource, Decimal], blanks: bool = True) -> tuple[Decimal | None, ...]:
        parts = [values.get(s, ZERO) for s in FISCAL]
        total = sum(parts, ZERO)
        return (blank(total) if blanks else total, *(blank(p) for p in parts))

    spent = {s: budget.expense_from(s) for s in FISCAL}
    closing = {s: budget.closing_total(s) for s in FISCAL}
    expense = [
        *_class_rows({code: quad(by) for code, by in class_sums(budget, *FISCAL).items()}, 4),
        Line(None, "本年支出合计", 0, quad(spent, blanks=False), total=True),
        Line(None, "年末结转和结余", 1, quad(closing)),
        Line(None, "总计", 0, quad({s: spent[s] + closing[s] for s in FISCAL}, blanks=False), total=True),
    ]
    labels = ("合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
    keys = ("total", "general", "fund", "state_capital")
    header = (("收入", "", "支出", "", "", "", ""), ("项目", "决算数", "项目", *labels))
    blocks = [
        ("income", (Column("col2", "收入/决算数"),), income),
        ("expense", tuple(Column(k, f"支出/{t}") for k, t in zip(keys, labels, strict=True)), expense),
    ]
    note = "注：本表反映部门本年度财政拨款总收支和结转结余情况。"
    b.table("四", "财政拨款收入支出决算总表", "final_fiscal_summary", header, blocks, note)


def _gpb_expense(b: Builder) -> None:
    lines = functional_lines(only(b.budget, GENERAL))
    lines = [*lines[1:], lines[0]]
    labels = ("合计", "基本支出", "项目支出")
    columns = tuple(Column(k, t) for k, t in zip(("total", "basic", "project"), labels, strict=True))
    header = (("项目", "", *labels), (*_CODES, "", "", ""))
    note = "注：本表反映部门本年度一般公共预算财政拨款支出情况。"
    b.table("五", "一般公共预算财政拨款支出决算表", "final_gpb_expense", header, [("", columns, lines)], note)


def _gpb_basic(b: Builder) -> None:
    """六: 人员经费 (301, 303) on the left, 公用经费 (the other 类) on the right, each with its 合计."""
    budget = b.budget
    lines = economic_lines(budget)[1:]
    personnel = [x for x in lines if (x.code or "")[:3] in PERSONNEL_CLASSES]
    public = [x for x in lines if (x.code or "")[:3] not in PERSONNEL_CLASSES]
    personnel.append(Line(None, "人员经费合计", 0, (budget.personnel(),), total=True))
    public.append(Line(None, "公用经费合计", 0, (budget.economic_total() - budget.personnel(),), total=True))
    header = (("经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"),)
    blocks = [("left", (Column("col3", "决算数"),), personnel), ("right", (Column("col6", "决算数"),), public)]
    note = "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"
    b.table("六", "一般公共预算财政拨款基本支出决算表", "final_gpb_basic", header, blocks, note)


def _three_public(b: Builder) -> None:
    """七: the “三公” 预算数 (when given) and 决算数, one row each."""
    three = b.budget.three_public
    rows = []
    if three is not None:
        initial = (
            three.initial_abroad,
            three.initial_vehicle_purchase,
            three.initial_vehicle_running,
            three.initial_reception,
        )
        if all(v is not None for v in initial):
            abroad, purchase, running, reception = (v or ZERO for v in initial)
            rows.append(
                Line(None, "预算数", 1, (three.initial_total, abroad, purchase + running, purchase, running, reception))
            )
        actual = (three.total, three.abroad, three.vehicles, three.vehicle_purchase, three.vehicle_running)
        rows.append(Line(None, "决算数", 1, (*actual, three.reception)))
    vehicles = "公务用车购置及运行维护费"
    header = (
        ("项目", "合计", "因公出国（境）费", vehicles, "", "", "公务接待费"),
        ("", "", "", "小计", "公务用车购置费", "公务用车运行维护费", ""),
    )
    columns = (
        Column("total", "合计"),
        Column("abroad", "因公出国（境）费"),
        Column("vehicle", f"{vehicles}/小计"),
        Column("vehicle_purchase", f"{vehicles}/公务用车购置费"),
        Column("vehicle_operation", f"{vehicles}/公务用车运行维护费"),
        Column("reception", "公务接待费"),
    )
    note = "注：本表反映部门本年度“三公”经费支出预决算情况。"
    if not rows:
        note = f"注：{b.name}本年度无“三公”经费财政拨款支出，故本表无数据。"
    b.table("七", "财政拨款“三公”经费支出决算表", "final_three_public", header, [("", columns, rows)], note)


def _fund_table(b: Builder, number: str, kind: str, source: FundingSource, what: str) -> None:
    """八 / 九: the 项 of one fund with 年初结转和结余, 本年收入, 本年支出, 年末结转和结余."""
    budget = only(b.budget, source)
    labels = ("年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余")
    header = (("项目", "", *labels), (*_CODES, "", "", "合计", "基本支出", "项目支出", ""))
    columns = (
        Column("col3", "年初结转和结余"),
        Column("col4", "本年收入"),
        Column("total", "本年支出/合计"),
        Column("basic", "本年支出/基本支出"),
        Column("project", "本年支出/项目支出"),
        Column("col8", "年末结转和结余"),
    )
    title = f"{what}预算财政拨款收入支出决算表"
    if not any(f.total or f.opening or f.closing for f in budget.functional):
        note = f"注：{b.name}本年度没有{what}预算财政拨款收入和支出，故本表无数据。"
        b.table(number, title, kind, header, [("", columns, [])], note)
        return

    def balances(prefix: str) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        lines = [f for f in budget.functional if f.code.startswith(prefix)]
        opening, closing = sum((f.opening for f in lines), ZERO), sum((f.closing for f in lines), ZERO)
        return blank(opening), blank(sum((f.received for f in lines), ZERO)), blank(closing)

    lines = []
    for x in functional_lines(budget):
        opening, received, closing = balances(x.code or "")
        lines.append(Line(x.code, x.label, x.level, (opening, received, *x.amounts, closing), x.total))
    lines = [*lines[1:], lines[0]]
    note = f"注：本表反映部门本年度{what}预算财政拨款收入支出及结转和结余情况。"
    b.table(number, title, kind, header, [("", columns, lines)], note)


def tables(b: Builder) -> None:
    _summary(b)
    _income_table(b)
    _expense_table(b)
    _fiscal_summary(b)
    _gpb_expense(b)
    _gpb_basic(b)
    _three_public(b)
    _fund_table(b, "八", "final_fund", FUND, "政府性基金")
    _fund_table(b, "九", "final_state_capital", CAPITAL, "国有资本经营")
