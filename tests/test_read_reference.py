"""Golden test: every number of every table read from the reference document.

The reference is samples/anhui-yongqiao-government-office-2023-budget.txt (埇桥区人民政府办公室
2023 年部门预算, text extracted from the published PDF, tables as tab-separated lines). Every
expectation below was typed from that file by reading its lines (cited as L<n>), never copied
from the reader's output. Where the document is itself inconsistent (表 4 prints 埇桥区, the
other tables 埭桥区; 表 8's title says 收支预算表; 表 3 prints the 303 row twice; the 成本指标
prints ≦261 元 where 万元 is meant), the expectation is what is printed.

Expected rows are ``(code, label, *cells)`` with the cell text as printed and "" for a blank
cell; every non-blank cell must also carry the exact amount and its printed number of places.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.model.document import Block, Document, DocumentKind, RowRole, Table
from yusuan.model.money import Amount, Percent, Unit
from yusuan.model.narrative import Direction
from yusuan.read import read

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "anhui-yongqiao-government-office-2023-budget.txt"

# The department as the title (L3), the 目录 (L17–27) and 表 4 (L220) print it, and as every
# other table's 部门名称 line prints it.
YONGQIAO = "埇桥区人民政府办公室"
DAIQIAO = "埭桥区人民政府办公室"

ROLE = {"T": RowRole.TOTAL, "P": RowRole.PARENT, "D": RowRole.DETAIL}


@pytest.fixture(scope="module")
def doc() -> Document:
    return read(SAMPLE)


def _table(doc: Document, number: str) -> Table:
    found = [t for t in doc.tables if t.number == number]
    assert len(found) == 1, f"表 {number}: {len(found)} tables read"
    return found[0]


def _places(printed: str) -> int:
    return len(printed.partition(".")[2])


def _wan(printed: str) -> Amount:
    return Amount(Decimal(printed.replace(",", "")), Unit.WAN_YUAN, _places(printed))


def _pct(printed: str) -> Percent:
    return Percent(Decimal(printed), _places(printed))


def _flatten(block: Block) -> list[tuple[str, ...]]:
    return [(row.code or "", row.label, *(cell.text for cell in row.cells)) for row in block.rows]


def _assert_block(
    block: Block,
    side: str,
    keys: tuple[str, ...],
    rows: list[tuple[str, ...]],
    levels: str,
    roles: str,
) -> None:
    """The block holds exactly ``rows`` as printed, with exact amounts, levels and roles."""
    assert block.side == side
    assert tuple(c.key for c in block.columns) == keys
    assert _flatten(block) == rows
    for row, expected in zip(block.rows, rows, strict=True):
        assert len(row.cells) == len(keys), row.label
        for cell, printed in zip(row.cells, expected[2:], strict=True):
            if printed == "":
                assert cell.amount is None, (row.label, cell.text)
                continue
            assert cell.amount is not None, (row.label, printed)
            assert cell.amount.value == Decimal(printed.replace(",", "")), (row.label, printed)
            assert cell.amount.places == _places(printed), (row.label, printed)
            assert cell.amount.unit == Unit.WAN_YUAN
    assert "".join(str(r.level) for r in block.rows) == levels
    assert [r.role for r in block.rows] == [ROLE[c] for c in roles]


# The 30 functional classes printed in the same order by 表 1 (L114–143) and 表 5 (L239–268).
CLASSES = [
    "（一）一般公共服务支出",
    "（二）外交支出",
    "（三）国防支出",
    "（四）公共安全支出",
    "（五）教育支出",
    "（六）科学技术支出",
    "（七）文化旅游体育与传媒支出",
    "（八）社会保障和就业支出",
    "（九）社会保险基金支出",
    "（十）卫生健康支出",
    "（十一）节能环保支出",
    "（十二）城乡社区支出",
    "（十三）农林水支出",
    "（十四）交通运输支出",
    "（十五）资源勘探信息等支出",
    "（十六）商业服务业等支出",
    "（十七）金融支出",
    "（十八）援助其他地区支出",
    "（十九）自然资源海洋气象等支出",
    "（二十）住房保障支出",
    "（二十一）粮油物资储备支出",
    "（二十二）国有资本经营收入安排支出",
    "（二十三）灾害防治及应急管理",
    "（二十四）预备费",
    "（二十五）其他支出",
    "（二十六）转移性支出",
    "（二十七）债务还本支出",
    "（二十八）债务付息支出",
    "（二十九）债务发行费用支出",
    "（三十）抗疫特别国债安排的支出",
]

# 表 1 (L103–145): 收入 | 支出 side by side.
T1_INCOME = [
    ("", "一、上年结转", ""),  # L113
    ("", "（一）一般公共预算拨款", ""),
    ("", "（二）政府性基金预算拨款", ""),
    ("", "二、本年收入", "1,623.35"),  # L116
    ("", "（一）一般公共预算拨款", "1,623.35"),
    ("", "经常收入拨款", "1,623.35"),
    ("", "国库管理非税收入", ""),
    ("", "一般公共预算清算收入", ""),
    ("", "一般公共预算基数供给", ""),
    ("", "（二）政府性基金预算拨款", ""),  # L122; L123–144 print no income label
    ("", "收入总计", "1,623.35"),  # L145
]
T1_FILLED = {
    "（一）一般公共服务支出": ("1,375.37", "1,375.37", "", ""),  # L114
    "（八）社会保障和就业支出": ("127.73", "127.73", "", ""),  # L121
    "（十）卫生健康支出": ("35.87", "35.87", "", ""),  # L123
    "（二十）住房保障支出": ("84.37", "84.37", "", ""),  # L133
}
T1_EXPENSE = [
    ("", "一、本年支出", "1,623.35", "1,623.35", "", ""),  # L113
    *[("", name, *T1_FILLED.get(name, ("", "", "", ""))) for name in CLASSES],
    ("", "结转下年", "", "", "", ""),  # L144
    ("", "支出总计", "1,623.35", "1,623.35", "", ""),  # L145
]

# 表 2 (L155–172) and 表 7 (L279–296) print the same functional rows.
FUNCTIONAL_ROWS = [
    ("201", "一般公共服务支出", "1,375.37", "760.37", "615.00"),
    ("20103", "政府办公厅（室）及相关机构事务", "1,375.37", "760.37", "615.00"),
    ("2010301", "行政运行", "1,375.37", "760.37", "615.00"),
    ("208", "社会保障和就业支出", "127.73", "127.73", ""),
    ("20805", "行政事业单位养老支出", "127.73", "127.73", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "85.16", "85.16", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "42.58", "42.58", ""),
    ("210", "卫生健康支出", "35.87", "35.87", ""),
    ("21011", "行政事业单位医疗", "35.87", "35.87", ""),
    ("2101101", "行政单位医疗", "25.26", "25.26", ""),
    ("2101103", "公务员医疗补助", "10.61", "10.61", ""),
    ("221", "住房保障支出", "84.37", "84.37", ""),
    ("22102", "住房改革支出", "84.37", "84.37", ""),
    ("2210201", "住房公积金", "63.87", "63.87", ""),
    ("2210202", "提租补贴", "20.51", "20.51", ""),
]
FUNCTIONAL_LEVELS = "123123312331233"
FUNCTIONAL_ROLES = "PPDPPDDPPDDPPDD"

T2_ROWS = [("", "合计", "1,623.35", "1,008.35", "615.00"), *FUNCTIONAL_ROWS]  # L157
T7_ROWS = [("", "", "1,623.35", "1,008.35", "615.00"), *FUNCTIONAL_ROWS]  # L281: no label printed

# 表 3 (L182–214), as printed: several codes twice with different amounts, and 303 again at the end.
T3_ROWS = [
    ("", "合计", "1,008.35"),  # L184
    ("301", "工资福利支出", "774.24"),
    ("30101", "基本工资", "249.19"),
    ("30102", "津贴补贴", "15.97"),
    ("30102", "津贴补贴", "93.49"),
    ("30103", "奖金", "153.09"),
    ("30107", "绩效工资", "22.69"),
    ("30107", "绩效工资", "13.77"),
    ("30108", "机关事业单位基本养老保险缴费", "85.16"),
    ("30109", "职业年金缴费", "42.58"),
    ("30110", "职工基本医疗保险缴费", "25.26"),
    ("30111", "公务员医疗补助缴费", "7.89"),
    ("30112", "其他社会保障缴费", "0.49"),
    ("30112", "其他社会保障缴费", "0.79"),
    ("30113", "住房公积金", "63.87"),  # L198
    ("302", "商品和服务支出", "149.72"),
    ("30201", "办公费", "109.80"),
    ("30228", "工会经费", "4.74"),
    ("30228", "工会经费", "3.16"),
    ("30229", "福利费", "0.01"),
    ("30239", "其他交通费用", "30.52"),
    ("30299", "其他商品和服务支出", "1.38"),  # L205
    ("303", "对个人和家庭的补助", "84.39"),
    ("30301", "离休费", "14.58"),
    ("30301", "离休费", "14.96"),
    ("30301", "离休费", "0.47"),
    ("30302", "退休费", "4.07"),
    ("30302", "退休费", "47.56"),
    ("30307", "医疗费补助", "2.71"),
    ("30399", "其他对个人和家庭的补助", "0.05"),
    ("303", "对个人和家庭的补助", "84.39"),  # L214, printed a second time
]
T3_LEVELS = "0" + "1" + "2" * 13 + "1" + "2" * 6 + "1" + "2" * 7 + "1"
T3_ROLES = "T" + "P" + "D" * 13 + "P" + "D" * 6 + "P" + "D" * 7 + "P"

# 表 5 (L237–270): amounts printed without thousands separators.
T5_INCOME = [
    ("", "一、一般公共预算拨款收入", "1623.35"),  # L239
    ("", "二、政府性基金预算拨款收入", ""),
    ("", "三、财政专户管理资金", ""),
    ("", "其他财政专户管理资金", ""),
    ("", "四、其他收入", ""),
    ("", "事业收入", ""),
    ("", "经营收入", ""),
    ("", "上级补助收入", ""),
    ("", "附属单位上缴收入", ""),
    ("", "其他", ""),
    ("", "五、上级转移支付（提前下达公共预算）", ""),
    ("", "六、上级转移支付（提前下达政府性基金）", ""),  # L250
    ("", "收 入 总 计", "1623.35"),  # L270
]
T5_FILLED = {
    "（一）一般公共服务支出": "1375.37",  # L239
    "（八）社会保障和就业支出": "127.73",  # L246
    "（十）卫生健康支出": "35.87",  # L248
    "（二十）住房保障支出": "84.37",  # L258
}
T5_EXPENSE = [
    *[("", name, T5_FILLED.get(name, "")) for name in CLASSES],
    ("", "结转下年", ""),  # L269
    ("", "支 出 总 计", "1623.35"),  # L270
]


def test_document(doc: Document) -> None:
    assert doc.title == "埇桥区人民政府办公室 2023 年部门预算"  # L3
    assert doc.department == YONGQIAO
    assert doc.year == 2023
    assert doc.kind == DocumentKind.BUDGET
    assert doc.layout == "anhui-11"


def test_table_list(doc: Document) -> None:
    """表 6 and 表 9 are in the 目录 (L22, L25) but the body goes 表 5 (L229) → 表 7 (L274), 表 8 → 表 10."""
    assert [t.number for t in doc.tables] == ["1", "2", "3", "4", "5", "7", "8", "10", "11"]
    assert [t.kind for t in doc.tables] == [
        "fiscal_summary",
        "gpb_expense",
        "gpb_basic",
        "fund_expense",
        "summary",
        "expense",
        "state_capital_expense",
        "procurement",
        "purchase_service",
    ]
    assert doc.table("income") is None
    assert doc.table("project_expense") is None


@pytest.mark.parametrize(
    ("number", "title", "department"),
    [
        ("1", "2023 年部门财政拨款收支预算总表", DAIQIAO),  # L105, L107
        ("2", "2023 年部门一般公共预算支出预算表", DAIQIAO),  # L149, L151
        ("3", "2023 年部门一般公共预算基本支出预算表", DAIQIAO),  # L176, L178
        ("4", "2023 年部门政府性基金预算支出表", YONGQIAO),  # L218, L220 (sic: 埇)
        ("5", "2023 年部门收支预算总表", DAIQIAO),  # L231, L233
        ("7", "2023 年部门支出预算总表", DAIQIAO),  # L276, L278 (inside the grid line)
        ("8", "2023 部门国有资本经营收支预算表", DAIQIAO),  # L300 (sic: no 年), L302
        ("10", "2023 年部门政府采购支出表", DAIQIAO),  # L313, L315
        ("11", "2023 年部门政府购买服务支出表", DAIQIAO),  # L327, L329
    ],
)
def test_table_heading(doc: Document, number: str, title: str, department: str) -> None:
    table = _table(doc, number)
    assert table.title == title
    assert table.department == department
    assert table.unit == Unit.WAN_YUAN  # 单位：万元 everywhere; 表 4 prints 单位:万元 (L222)


def test_table1_fiscal_summary(doc: Document) -> None:
    table = _table(doc, "1")
    assert len(table.blocks) == 2
    assert not table.empty
    assert table.note is None
    income, expense = table.blocks
    _assert_block(income, "income", ("total",), T1_INCOME, "12212333320", "PDDPPDDDDDT")
    _assert_block(
        expense,
        "expense",
        ("total", "general", "fund", "state_capital"),
        T1_EXPENSE,
        "1" + "2" * 30 + "10",
        "P" + "D" * 30 + "DT",
    )


def test_table2_gpb_expense(doc: Document) -> None:
    table = _table(doc, "2")
    assert len(table.blocks) == 1
    assert table.note is None
    _assert_block(
        table.blocks[0],
        "",
        ("total", "basic", "project"),
        T2_ROWS,
        "0" + FUNCTIONAL_LEVELS,
        "T" + FUNCTIONAL_ROLES,
    )


def test_table3_gpb_basic(doc: Document) -> None:
    table = _table(doc, "3")
    assert len(table.blocks) == 1
    assert table.note is None
    _assert_block(table.blocks[0], "", ("total",), T3_ROWS, T3_LEVELS, T3_ROLES)


def test_table5_summary(doc: Document) -> None:
    table = _table(doc, "5")
    assert len(table.blocks) == 2
    assert not table.empty
    assert table.note == "注：本表反映部门各项收入、支出预算安排情况。"  # L272
    income, expense = table.blocks
    _assert_block(income, "income", ("total",), T5_INCOME, "1112122222110", "DDPDPDDDDDDDT")
    _assert_block(expense, "expense", ("total",), T5_EXPENSE, "2" * 30 + "10", "D" * 30 + "DT")


def test_table7_expense(doc: Document) -> None:
    table = _table(doc, "7")
    assert len(table.blocks) == 1
    assert table.note is None
    _assert_block(
        table.blocks[0],
        "",
        ("total", "basic", "project"),
        T7_ROWS,
        "0" + FUNCTIONAL_LEVELS,
        "T" + FUNCTIONAL_ROLES,
    )


@pytest.mark.parametrize(
    ("number", "keys", "note"),
    [
        (
            "4",  # L224–227
            ("total", "basic", "project"),
            "注:埇桥区人民政府办公室没有政府性基金预算拨款收入，也没有政府性基金预算拨款安排的支出，故本表无数据。",
        ),
        (
            "8",  # L306–309
            ("total", "basic", "project"),
            "注:埭桥区人民政府办公室没有国有资本经营预算拨款收入，也没有国有资本经营预算拨款安排的支出，故本表无数据。",
        ),
        (
            "10",  # L319–323, the note broken over three lines
            (
                "total",
                "general",
                "fund",
                "state_capital",
                "social_insurance",
                "special_account",
                "unit_funds",
            ),
            "注:埭桥区人民政府办公室没有使用一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款、"
            "财政专户管理资金和单位资金安排的政府采购支出，故本表无数据。",
        ),
        (
            "11",  # L333–336, the note broken over two lines
            ("total",),
            "注:埭桥区人民政府办公室没有安排政府购买服务支出，故本表无数据。",
        ),
    ],
)
def test_empty_tables(doc: Document, number: str, keys: tuple[str, ...], note: str) -> None:
    table = _table(doc, number)
    assert table.empty
    assert table.note == note
    assert "故本表无数据" in (table.note or "")
    assert len(table.blocks) == 1
    assert table.blocks[0].rows == ()
    assert tuple(c.key for c in table.blocks[0].columns) == keys


def test_every_amount_cell_is_covered(doc: Document) -> None:
    """Only 表 1, 2, 3, 5 and 7 hold amounts; their count of non-blank cells, counted by hand."""
    counts = {t.number: sum(c.amount is not None for _b, r in t.rows() for c in r.cells) for t in doc.tables}
    # 表 1: income 4 + expense 2×6; 表 2/7: 3×4 + 2×12; 表 3: 31; 表 5: income 2 + expense 5.
    assert counts == {"1": 16, "2": 36, "3": 31, "4": 0, "5": 7, "7": 36, "8": 0, "10": 0, "11": 0}


def test_contents(doc: Document) -> None:
    """目录, L7–45: three numbered parts; part two lists all 11 tables (with 埇)."""
    part1, part2, part3 = "第一部分部门概况", "第二部分2023年部门预算表", "第三部分2023年部门预算情况说明"
    tables = [
        "财政拨款收支预算总表",
        "一般公共预算支出预算表",
        "一般公共预算基本支出预算表",
        "政府性基金预算支出表",
        "部门收支预算总表",
        "部门收入预算总表",
        "部门支出预算总表",
        "国有资本经营预算支出表",
        "项目支出表",
        "政府采购支出表",
        "政府购买服务支出表",
    ]
    expected = [
        (part1, "1", "主要职责"),
        (part1, "2", "部门预算构成"),
        (part1, "3", "2023 年主要工作任务"),
        *[(part2, str(n), f"{YONGQIAO} 2023 年{name}") for n, name in enumerate(tables, 1)],
        *[(part3, str(n), f"关于 2023 年{name}的说明") for n, name in enumerate(tables, 1)],
        (part3, "12", "其他重要事项情况说明"),
    ]
    got = [("".join(e.part.split()), e.number, e.title) for e in doc.contents]
    assert got == expected
    assert sum(e.number.isdigit() and "第二部分" in e.part for e in doc.contents) == 11


def test_glossary(doc: Document) -> None:
    """第四部分 名词解释, L535–541."""
    assert [(t.term, t.definition) for t in doc.glossary] == [
        ("财政拨款收入", "指部门或单位从同级财政部门取得的财政预算资金。"),
        ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
        ("项目支出", "指在除基本支出之外的支出,主要用于完成特定的工作任务和事业发展目标。"),
        (
            "机关运行经费",
            "为保障行政单位(包括参照公务员法管理的事业单位)运行用于购买货物和服务的各项资金,"
            "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、一般设备购置费、"
            "办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
        ),
    ]


# --- 项目支出绩效目标申报表 (L440–513) ---

QUANTITY = {  # L466–475: mid-term | annual
    "mid": [
        ("指标 1：委托业务费", "12 万元"),
        ("指标 2：委托业务费", "22.5 万元"),
        ("指标 3：委托业务费", "15 万元"),
        ("指标 4：委托业务费", "21 万元"),
        ("指标 5：办公费", "15 万元"),
        ("指标 6：委托业务费", "31.5 万元"),
        ("指标 7：委托业务费", "24 万元"),
        ("指标 8：委托业务费", "30 万元"),
        ("指标 9：委托业务费", "90 万元"),
    ],
    "annual": [
        ("指标 1：委托业务费", "4 万元"),
        ("指标 2：委托业务费", "7.5 万元"),
        ("指标 3：委托业务费", "5 万元"),
        ("指标 4：委托业务费", "7 万元"),
        ("指标 5：办公费", "5 万元"),
        ("指标 6：委托业务费", "10.5 万元"),
        ("指标 7：委托业务费", "8 万元"),
        ("指标 8：委托业务费", "10 万元"),
        ("指标 9：委托业务费", "30 万元"),
    ],
}


def test_performance_target(doc: Document) -> None:
    assert len(doc.performance) == 1
    target = doc.performance[0]
    assert target.project == "区政府信息中心及政府网站、电子政务系统等运行维护保障费"  # L444
    assert target.implementer == "区政府办"  # L445
    assert target.leader == "徐海"  # L446
    assert target.phone == "18105572706"
    assert target.period_text == "2023 年 1 月 1 日至 2023 年 12 月 31 日"  # L447
    # L449–451: 中期资金总额 261 万 / 财政拨款 261 万; 年度 87 万 / 87 万; 其他资金 blank.
    assert target.mid_term.total == _wan("261")
    assert target.mid_term.fiscal == _wan("261")
    assert target.mid_term.other is None
    assert target.annual.total == _wan("87")
    assert target.annual.fiscal == _wan("87")
    assert target.annual.other is None
    # L452–463: 总体目标 | 中期目标（2021 年—2023 年）| 年度目标, nine goals a column, the same but for 七:
    # the mid-term one cites 国办发〔2017〕47号, the annual one has the third party develop and run it
    assert len(target.goals) == len(target.annual_goals) == 9
    assert [g[:2] for g in target.goals] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"]
    differing = [k for k, (a, b) in enumerate(zip(target.goals, target.annual_goals, strict=True)) if a != b]
    assert differing == [6]
    assert "国办发〔2017〕47号" in target.goals[6] and target.annual_goals[6].endswith("幸福感和获得感。")


@pytest.mark.parametrize(("period", "funds"), [("mid", "261"), ("annual", "87")])
def test_performance_quantity_indicators(doc: Document, period: str, funds: str) -> None:
    indicators = [i for i in doc.performance[0].indicators if i.period == period and i.level2 == "数量指标"]
    assert [(i.name, i.value) for i in indicators] == QUANTITY[period]
    for indicator, (_name, value) in zip(indicators, QUANTITY[period], strict=True):
        assert indicator.level1 == "产出指标"
        assert indicator.quantity == Decimal(value.removesuffix(" 万元"))
        assert indicator.unit == "万元"
    # The nine money indicators add up to the period's funds, by hand: 261 and 87.
    assert sum(Decimal(v.removesuffix(" 万元")) for _n, v in QUANTITY[period]) == Decimal(funds)


@pytest.mark.parametrize(
    ("period", "value", "quantity", "unit"),
    [("mid", "≦261 元", "261", "元"), ("annual", "≦87 万元", "87", "万元")],  # L494 (sic: 元)
)
def test_performance_cost_indicator(doc: Document, period: str, value: str, quantity: str, unit: str) -> None:
    costs = [i for i in doc.performance[0].indicators if i.period == period and i.level2 == "成本指标"]
    assert len(costs) == 1
    cost = costs[0]
    assert cost.level1 == "产出指标"
    assert "控制在预算额度内" in cost.name
    assert cost.value == value
    assert cost.quantity == Decimal(quantity)
    assert cost.unit == unit


@pytest.mark.parametrize(
    ("period", "values"),
    [
        # L495–504: the mid-term 指标 1–3 print no value; the annual ones print 显著提高.
        ("mid", ["", "", "", "显著提高", "影响程度较高", "成效明显", "成效明显", "成效明显"]),
        ("annual", ["显著提高"] * 4 + ["影响程度较高", "成效明显", "成效明显", "成效明显"]),
    ],
)
def test_performance_social_indicators(doc: Document, period: str, values: list[str]) -> None:
    """Eight 社会效益指标 per period; 指标 3's text runs on over a page break (L497 → L499)."""
    social = [i for i in doc.performance[0].indicators if i.period == period and i.level2 == "社会效益指标"]
    assert [i.name.split("：")[0] for i in social] == [f"指标 {n}" for n in range(1, 9)]
    assert [i.value for i in social] == values
    assert social[2].name.endswith("减少碳排放，降低道路拥堵。")


# --- 第三部分 说明 ---

REASON = "一是人员增加；二是人员工资调整"
UP, DOWN = Direction.UP, Direction.DOWN

# 二(三) items 1–7, L356–372: (类, 款, 项), 2023 amount, increase over the 2022 budget, growth.
ITEMS = [
    (("一般公共服务支出", "政府办公厅（室）及相关机构事务", "行政运行"), "1375.37", "240.45", "21.19"),
    (
        ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出"),
        "85.16",
        "29.73",
        "53.64",
    ),
    (
        ("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位职业年金缴费支出"),
        "42.58",
        "14.86",
        "53.61",
    ),
    (("卫生健康支出", "行政事业单位医疗", "行政单位医疗"), "25.26", "8.1", "32.07"),
    (("卫生健康支出", "行政事业单位医疗", "公务员医疗补助"), "10.61", "2.68", "33.80"),
    (("住房保障支出", "住房改革支出", "住房公积金"), "63.87", "22.29", "53.61"),
    (("住房保障支出", "住房改革支出", "提租补贴"), "20.51", "5.83", "39.71"),
]


def test_statements_items_1_to_7(doc: Document) -> None:
    with_path = [s for s in doc.statements if s.path]
    assert [s.path for s in with_path] == [path for path, *_ in ITEMS]
    for statement, (path, amount, change, growth) in zip(with_path, ITEMS, strict=True):
        assert statement.amount == _wan(amount), path
        assert statement.change == _wan(change), path
        assert statement.change_direction == UP, path
        assert statement.growth == _pct(growth), path
        assert statement.growth_direction == UP, path
        assert statement.base_year == 2022, path
        assert statement.base_kind == "预算", path
        assert statement.reason == REASON, path


def test_statements_changes(doc: Document) -> None:
    """Every year-over-year change the 说明 states, in order: 12 sentences."""
    expected = [
        ("1623.35", "317.35", UP, "24.30", UP, REASON),  # L348 一般公共预算支出
        *[(amount, change, UP, growth, UP, REASON) for _p, amount, change, growth in ITEMS],
        ("1623.35", "317.35", UP, "24.30", UP, REASON),  # L396 一般公共预算拨款收入
        ("1623.35", "317.35", UP, "24.30", UP, REASON),  # L400 支出预算
        ("615.00", "11.30", DOWN, "1.80", DOWN, "厉行节约，压减项目支出"),  # L408 减少 / 下降
        ("149.72", "11.92", UP, "8.65", UP, "人员增加致公用经费增加"),  # L517 机关运行经费
    ]
    changed = [s for s in doc.statements if s.change is not None or s.growth is not None]
    got = [(s.amount, s.change, s.change_direction, s.growth, s.growth_direction, s.reason) for s in changed]
    assert got == [(_wan(a), _wan(c), cd, _pct(g), gd, r) for a, c, cd, g, gd, r in expected]
    assert all(s.base_year == 2022 for s in changed)


def test_statements_shares(doc: Document) -> None:
    """Every 占 x% the 说明 states, in order (L342, L352, L396, L400)."""
    structure = [("1375.37", "84.72"), ("127.73", "7.87"), ("35.87", "2.21"), ("84.37", "5.20")]
    expected = [*structure, *structure, ("1623.35", "100"), ("1008.35", "62.12"), ("615.00", "37.88")]
    got = [(s.amount, s.share) for s in doc.statements if s.share is not None]
    assert got == [(_wan(a), _pct(p)) for a, p in expected]
