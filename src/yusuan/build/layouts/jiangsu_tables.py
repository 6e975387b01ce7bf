"""The twelve tables of the Jiangsu 部门预算 (layout ``jiangsu-12``, 公开01表 … 公开12表).

They are those of the Jiangsu provincial documents (catalogs/layouts/jiangsu-12.toml), all
in 万元: the 收支总表 with expenditure both by functional 类 (every 类 listed, blanks included)
and by use (基本支出, 项目支出, 单位预留机动经费), the 财政拨款 and 一般公共预算 tables with a single
金额 column, the “三公”经费 table widened with 会议费 and 培训费, the 机关运行经费 table and the
政府采购 table. ``layouts/jiangsu.py`` writes the rest of the document around them.

Decided where the input is narrower than the documents: 单位预留机动经费 and 结转下年资金 are
printed blank (the input has neither); the 经济分类 tables (06, 08) print the input's basic
expenditure lines, as the Anhui 表3 does; 会议费 and 培训费 come from the input's 三公 sheet or,
when not given there, from the 经济分类 lines 30215 and 30216; the 机关运行经费 table lists the
302 lines when they add up to the 机关运行经费, else its 合计 only.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from yusuan.build.builder import (
    FISCAL,
    Builder,
    Line,
    blank,
    code_name,
    economic_lines,
    functional_lines,
)
from yusuan.build.input import BudgetInput, FundingSource, ThreePublic
from yusuan.build.wording import CLASS_LABELS, chinese_number
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Column
from yusuan.model.money import ZERO

_AMOUNT = (Column("total", "金额"),)
OTHER_FUNDS = (
    FundingSource.INSTITUTION_INCOME,
    FundingSource.OPERATING_INCOME,
    FundingSource.SUPERIOR_SUBSIDY,
    FundingSource.AFFILIATE_REMITTANCE,
    FundingSource.OTHER,
)


def _sum(budget: BudgetInput, *sources: FundingSource) -> Decimal:
    return sum((budget.income_from(s) for s in sources), ZERO)


def _income_rows(budget: BudgetInput) -> list[tuple[str, Decimal, list[tuple[str, Decimal]]]]:
    """The income sources as the Jiangsu tables group them: (name, amount, [(part, amount)])."""
    state_capital = budget.income_from(FundingSource.STATE_CAPITAL)
    rows = [
        ("一般公共预算资金", budget.income_from(FundingSource.GENERAL_PUBLIC_BUDGET), []),
        ("政府性基金", budget.income_from(FundingSource.GOVERNMENT_FUND), []),
        *([("国有资本经营预算资金", state_capital, [])] if state_capital else []),
        ("财政专户管理资金", budget.income_from(FundingSource.FISCAL_SPECIAL_ACCOUNT), []),
        (
            "其他资金",
            _sum(budget, *OTHER_FUNDS),
            [
                ("事业收入", budget.income_from(FundingSource.INSTITUTION_INCOME)),
                ("经营收入", budget.income_from(FundingSource.OPERATING_INCOME)),
                ("其他收入", _sum(budget, *OTHER_FUNDS[2:])),
            ],
        ),
    ]
    return rows


def fiscal_use(budget: BudgetInput) -> tuple[Decimal, Decimal]:
    """(基本, 项目) of the 财政拨款 lines."""
    lines = budget.functional
    basic = sum((f.basic for f in lines if f.source in FISCAL), ZERO)
    project = sum((f.project for f in lines if f.source in FISCAL), ZERO)
    return basic, project


def _summary(b: Builder) -> None:
    """01 收支预算总表: income by source; expenditure by functional 类 and by use."""
    budget = b.budget
    income = [
        Line(None, "一、财政拨款", 1, (blank(_sum(budget, *FISCAL)),)),
        Line(None, "1.一般公共预算", 3, (blank(budget.income_from(FundingSource.GENERAL_PUBLIC_BUDGET)),)),
        Line(None, "2.政府性基金预算", 3, (blank(budget.income_from(FundingSource.GOVERNMENT_FUND)),)),
        Line(None, "3.国有资本经营预算", 3, (blank(budget.income_from(FundingSource.STATE_CAPITAL)),)),
        Line(None, "二、财政专户管理资金", 1, (blank(budget.income_from(FundingSource.FISCAL_SPECIAL_ACCOUNT)),)),
        Line(None, "三、其他资金", 1, (blank(_sum(budget, *OTHER_FUNDS)),)),
        Line(None, "上年结转资金", 1, (blank(budget.income_from(FundingSource.CARRYOVER)),)),
        Line(None, "收入合计", 0, (budget.total_income(),), total=True),
    ]
    classes = budget.rollup(3)
    used = [c for c in classes if c not in dict(CLASS_LABELS)]
    names = [*CLASS_LABELS, *((c, code_name(CodeSystem.FUNCTIONAL, c)) for c in used)]
    functional = [
        Line(None, f"{chinese_number(i)}、{name}", 1, (blank(sum(classes.get(code, (ZERO, ZERO)), ZERO)),))
        for i, (code, name) in enumerate(names, 1)
    ]
    functional.append(Line(None, "支出合计", 0, (budget.total_expense(),), total=True))
    use = [
        Line(None, "一、基本支出", 1, (blank(budget.basic_total()),)),
        Line(None, "二、项目支出", 1, (blank(budget.project_total()),)),
        Line(None, "三、单位预留机动经费", 1, (None,)),
        Line(None, "支出合计", 0, (budget.total_expense(),), total=True),
    ]
    header = (
        ("收入", "", "支出", "", "", ""),
        ("项目名称", "金额", "功能科目名称", "金额", "支出用途", "金额"),
    )
    b.table(
        "01",
        "收支预算总表",
        "summary",
        header,
        [
            ("income", (Column("total", "收入/金额"),), income),
            ("expense", (Column("total", "支出/金额"),), functional),
            ("expense", (Column("total", "支出/金额"),), use),
        ],
    )


def _income(b: Builder) -> None:
    """02 收入预算总表: the sources as rows (the Jiangsu 收入总表 prints no codes)."""
    budget = b.budget
    lines: list[Line] = []
    numbered = _income_rows(budget)
    carry = budget.income_from(FundingSource.CARRYOVER)
    for i, (name, amount, parts) in enumerate(numbered, 1):
        lines.append(Line(None, f"{chinese_number(i)}、{name}", 1, (blank(amount),)))
        lines += [Line(None, f"{j}.{part}", 3, (blank(value),)) for j, (part, value) in enumerate(parts, 1)]
    lines.append(Line(None, f"{chinese_number(len(numbered) + 1)}、上年结转和结余资金", 1, (blank(carry),)))
    lines.append(Line(None, "收入总计", 0, (budget.total_income(),), total=True))
    b.table("02", "收入预算总表", "income", (("项目名称", "金额"),), [("", _AMOUNT, lines)])


def _expense(b: Builder) -> None:
    """03 支出预算总表: each 类/款/项 by use; 单位预留机动经费 and 结转下年资金 blank."""
    labels = ("合计", "基本支出", "项目支出", "单位预留机动经费", "结转下年资金")
    keys = ("total", "basic", "project", "reserve", "carry_forward")
    columns = tuple(Column(k, t) for k, t in zip(keys, labels, strict=True))
    lines = [Line(x.code, x.label, x.level, (*x.amounts, None, None), x.total) for x in functional_lines(b.budget)]
    b.table("03", "支出预算总表", "expense", (("科目编码", "科目名称", *labels),), [("", columns, lines)])


def _fiscal_summary(b: Builder) -> None:
    """04 财政拨款收支预算总表: income by fund, expenditure by use."""
    budget = b.budget
    basic, project = fiscal_use(budget)
    income = [
        Line(None, "一、一般公共预算", 1, (blank(budget.income_from(FundingSource.GENERAL_PUBLIC_BUDGET)),)),
        Line(None, "二、政府性基金预算", 1, (blank(budget.income_from(FundingSource.GOVERNMENT_FUND)),)),
        Line(None, "三、国有资本经营预算", 1, (blank(budget.income_from(FundingSource.STATE_CAPITAL)),)),
        Line(None, "收入合计", 0, (_sum(budget, *FISCAL),), total=True),
    ]
    expense = [
        Line(None, "一、基本支出", 1, (blank(basic),)),
        Line(None, "二、项目支出", 1, (blank(project),)),
        Line(None, "三、单位预留机动经费", 1, (None,)),
        Line(None, "支出合计", 0, (basic + project,), total=True),
    ]
    header = (("收入", "", "支出", ""), ("项目名称", "金额", "支出用途", "金额"))
    blocks = [
        ("income", (Column("total", "收入/金额"),), income),
        ("expense", (Column("total", "支出/金额"),), expense),
    ]
    b.table("04", "财政拨款收支预算总表", "fiscal_summary", header, blocks)


def _amount_table(b: Builder, number: str, title: str, kind: str, lines: list[Line], note: str | None = None) -> None:
    header = (("科目编码", "科目名称", "金额"),)
    b.table(number, title, kind, header, [("", _AMOUNT, lines)], note)


def _functional(budget: BudgetInput, *sources: FundingSource) -> list[Line]:
    """合计 first, then 类/款/项 with one 金额 (the lines funded from these sources)."""
    lines = tuple(f for f in budget.functional if f.source in sources)
    if not any(f.total for f in lines):  # no money from these sources: the table is printed empty
        return []
    rows = functional_lines(replace(budget, functional=lines))
    return [Line(x.code, x.label, x.level, x.amounts[:1], x.total) for x in rows]


def _three_public(b: Builder) -> None:
    """09 “三公”经费、会议费、培训费: one row; 合计 = 三公 + 会议费 + 培训费."""
    three = b.budget.three_public or ThreePublic(ZERO, ZERO, ZERO, ZERO)
    meeting, training = meeting_training(b.budget)
    row = (
        three.total + meeting + training,
        three.total,
        three.abroad,
        three.vehicles,
        three.vehicle_purchase,
        three.vehicle_running,
        three.reception,
        meeting,
        training,
    )
    header = (  # no column for the row's label: the documents print the amounts only (2018, 2019 表09)
        ("合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"),
        ("", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""),
        ("", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""),
    )
    vehicles = "“三公”经费/公务用车购置及运行维护费"
    columns = (
        Column("total", "合计"),
        Column("total", "“三公”经费/小计"),
        Column("abroad", "“三公”经费/因公出国（境）费"),
        Column("vehicle", f"{vehicles}/小计"),
        Column("vehicle_purchase", f"{vehicles}/公务用车购置费"),
        Column("vehicle_operation", f"{vehicles}/公务用车运行维护费"),
        Column("reception", "“三公”经费/公务接待费"),
        Column("meeting", "会议费"),
        Column("training", "培训费"),
    )
    title = "“三公”经费、会议费、培训费支出预算表"
    b.table("09", title, "three_public", header, [("", columns, [Line(None, "", 0, row, total=True)])])


def meeting_training(budget: BudgetInput) -> tuple[Decimal, Decimal]:
    """会议费 and 培训费 as the input's 三公 sheet gives them, else its 经济分类 lines 30215 and 30216."""
    three = budget.three_public
    given = (three.meeting, three.training) if three is not None else (None, None)
    by_code = [sum((e.amount for e in budget.economic if e.code == c), ZERO) for c in ("30215", "30216")]
    return (
        by_code[0] if given[0] is None else given[0],
        by_code[1] if given[1] is None else given[1],
    )


def _operating_cost(b: Builder) -> None:
    """11 机关运行经费: the 302 lines when they add up to it, else its 合计 only."""
    budget = b.budget
    amount = budget.operating_costs.amount if budget.operating_costs is not None else ZERO
    public = [e for e in budget.economic if e.code.startswith("302")]
    lines = [Line(None, "合计", 0, (amount,), total=True)]
    if public and sum((e.amount for e in public), ZERO) == amount:
        lines.append(Line("302", "商品和服务支出", 1, (amount,)))
        lines += [Line(e.code, e.name, 2, (e.amount,)) for e in public]
    header = (("科目编码", "科目名称", "机关运行经费支出"),)
    columns = (Column("operating_cost", "机关运行经费支出"),)
    title = "一般公共预算机关运行经费支出预算表"
    b.table("11", title, "operating_cost", header, [("", columns, lines)])


def _procurement(b: Builder) -> None:
    procurement = b.budget.procurement
    header = (("采购品目", "总计"),)
    columns = (Column("total", "总计"),)
    if procurement.total == ZERO:
        note = f"注：本{b.budget.profile.scope.value}{b.year}年没有政府采购预算，故本表为空表。"
        b.table("12", "政府采购支出预算表", "procurement", header, [("", columns, [])], note)
        return
    lines = [
        Line(None, "合计", 0, (procurement.total,), total=True),
        Line(None, "一、货物", 1, (blank(procurement.goods),)),
        Line(None, "二、工程", 1, (blank(procurement.works),)),
        Line(None, "三、服务", 1, (blank(procurement.services),)),
    ]
    b.table("12", "政府采购支出预算表", "procurement", header, [("", columns, lines)])


def tables(b: Builder) -> None:
    budget = b.budget
    _summary(b)
    _income(b)
    _expense(b)
    _fiscal_summary(b)
    _amount_table(b, "05", "财政拨款支出预算表（功能科目）", "fiscal_expense", _functional(budget, *FISCAL))
    basic = economic_lines(budget)
    _amount_table(b, "06", "财政拨款基本支出预算表（经济科目）", "fiscal_basic", basic)
    gpb = _functional(budget, FundingSource.GENERAL_PUBLIC_BUDGET)
    _amount_table(b, "07", "一般公共预算支出预算表（功能科目）", "gpb_expense", gpb)
    _amount_table(b, "08", "一般公共预算基本支出预算表（经济科目）", "gpb_basic", basic)
    _three_public(b)
    fund = _functional(budget, FundingSource.GOVERNMENT_FUND)
    note = (
        None
        if fund
        else f"注：本{budget.profile.scope.value}{b.year}年无政府性基金预算财政拨款安排的支出，故本表为空表。"
    )
    _amount_table(b, "10", "政府性基金预算财政拨款支出预算表", "fund_expense", fund, note)
    _operating_cost(b)
    _procurement(b)
