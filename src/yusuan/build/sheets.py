"""The workbook layout of the budget input: one sheet per part, shared by the template and its reader.

Row 1 holds the Chinese column headers, row 2 a short instruction, data starts at row 3.
Each column names the key it fills in the YAML/JSON shape, so a workbook and a YAML file
load through the same parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from yusuan.build.input import FundingSource, Kind, Scope, UnitType

HEADER_ROW = 1
INSTRUCTION_ROW = 2
FIRST_DATA_ROW = 3


class Type(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    AMOUNT = "amount"
    CODE = "code"
    INTEGER = "integer"
    DATE = "date"
    CHOICE = "choice"


class Shape(StrEnum):
    TABLE = "table"  # any number of rows → a list
    ROW = "row"  # one data row → an object
    KEYS = "keys"  # 项目 | 内容 | 补充 rows → the department object


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    key: str
    type: Type = Type.TEXT
    choices: tuple[str, ...] = ()
    width: int = 14


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    key: str  # where it goes in the YAML/JSON shape
    shape: Shape
    instruction: str
    columns: tuple[Column, ...]


SOURCES = tuple(s.value for s in FundingSource)
_A = Type.AMOUNT

DEPARTMENT_KEYS: tuple[tuple[str, str, Type], ...] = (
    # (项目, key, type of 内容); 补充 holds the unit type or the reason for a change
    ("部门名称", "name", Type.TEXT),
    ("地区", "region", Type.TEXT),
    ("年度", "year", Type.INTEGER),
    ("公开类型", "kind", Type.CHOICE),
    ("公开范围", "scope", Type.CHOICE),
    ("公开格式", "layout", Type.TEXT),
    ("金额单位", "unit", Type.CHOICE),
    ("主要职责", "duties", Type.LONG_TEXT),
    ("机构设置", "structure", Type.LONG_TEXT),
    ("主要工作任务", "tasks", Type.LONG_TEXT),
    ("所属单位", "units", Type.TEXT),
    ("上年收入合计", "prior.income", _A),
    ("上年支出合计", "prior.expense", _A),
    ("上年基本支出", "prior.basic", _A),
    ("上年项目支出", "prior.project", _A),
    ("使用非财政拨款结余（决算）", "final.balance_used", _A),
    ("结余分配（决算）", "final.distribution", _A),
)
REPEATED_KEYS = ("duties", "tasks", "units")
KEY_CHOICES = {
    "kind": tuple(k.value for k in Kind),
    "scope": tuple(s.value for s in Scope),
    "unit": ("万元", "元"),
}
UNIT_TYPES = tuple(t.value for t in UnitType)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "部门信息",
        "department",
        Shape.KEYS,
        "每行一项。“主要职责”“主要工作任务”“所属单位”可重复多行；所属单位在“补充”栏填单位类型（行政/参公/事业）；"
        "上年数在“补充”栏填变动原因。",
        (Column("项目", "key", width=16), Column("内容", "value", width=60), Column("补充", "extra", width=30)),
    ),
    Sheet(
        "收入",
        "income",
        Shape.TABLE,
        "每个收入来源一行，金额单位见“部门信息”（默认万元）。",
        (Column("收入来源", "source", Type.CHOICE, SOURCES, 20), Column("金额", "amount", _A)),
    ),
    Sheet(
        "功能分类支出",
        "functional",
        Shape.TABLE,
        "每个功能分类“项”（7位编码）一行；上年预算数或上年执行数至少填一个，说明将与之比较；有增减时填写变动原因。",
        (
            Column("科目编码", "code", Type.CODE, width=12),
            Column("科目名称", "name", width=28),
            Column("基本支出", "basic", _A),
            Column("项目支出", "project", _A),
            Column("资金来源", "source", Type.CHOICE, SOURCES, 16),
            Column("上年预算数", "prior_budget", _A),
            Column("上年执行数", "prior_executed", _A),
            Column("变动原因", "reason", width=40),
            Column("年初预算数（决算）", "initial_budget", _A),
            Column("年初结转和结余（决算）", "opening", _A),
            Column("年末结转和结余（决算）", "closing", _A),
        ),
    ),
    Sheet(
        "经济分类基本支出",
        "economic",
        Shape.TABLE,
        "一般公共预算安排的基本支出按经济分类“款”（5位编码）逐行填写；合计应等于功能分类中资金来源为一般公共预算的"
        "基本支出合计（事业收入等其他资金安排的基本支出不列入）。人员经费=301+303，公用经费=302+310。",
        (
            Column("科目编码", "code", Type.CODE, width=12),
            Column("科目名称", "name", width=28),
            Column("金额", "amount", _A),
        ),
    ),
    Sheet(
        "项目与绩效",
        "projects",
        Shape.TABLE,
        "每个绩效指标一行；同一项目的后续行可不再填项目名称至年度目标各栏。目标可分行写多条。",
        (
            Column("项目名称", "name", width=30),
            Column("项目金额", "amount", _A),
            Column("功能分类科目编码", "functional_code", Type.CODE, width=12),
            Column("资金来源", "source", Type.CHOICE, SOURCES, 16),
            Column("中期资金总额", "mid_term_funds", _A),
            Column("年度资金总额", "annual_funds", _A),
            Column("中期目标", "mid_term_goals", Type.LONG_TEXT, width=40),
            Column("年度目标", "annual_goals", Type.LONG_TEXT, width=40),
            Column("项目概述", "summary", Type.LONG_TEXT, width=40),
            Column("立项依据", "basis", Type.LONG_TEXT, width=40),
            Column("起止时间", "period", width=24),
            Column("一级指标", "level1", width=12),
            Column("二级指标", "level2", width=14),
            Column("三级指标", "indicator", width=30),
            Column("指标值", "value", width=12),
            Column("计量单位", "unit", width=10),
        ),
    ),
    Sheet(
        "三公经费",
        "three_public",
        Shape.ROW,
        "在第3行填写本年与上年数；本部门不公开“三公”经费时整行留空。",
        (
            Column("因公出国（境）费", "abroad", _A),
            Column("公务用车购置费", "vehicle_purchase", _A),
            Column("公务用车运行费", "vehicle_running", _A),
            Column("公务接待费", "reception", _A),
            Column("上年因公出国（境）费", "prior_abroad", _A),
            Column("上年公务用车购置费", "prior_vehicle_purchase", _A),
            Column("上年公务用车运行费", "prior_vehicle_running", _A),
            Column("上年公务接待费", "prior_reception", _A),
            Column("变动原因", "reason", width=40),
            Column("会议费（江苏表套）", "meeting", _A),
            Column("培训费（江苏表套）", "training", _A),
            Column("上年会议费", "prior_meeting", _A),
            Column("上年培训费", "prior_training", _A),
            Column("年初预算因公出国（境）费（决算）", "initial_abroad", _A),
            Column("年初预算公务用车购置费（决算）", "initial_vehicle_purchase", _A),
            Column("年初预算公务用车运行费（决算）", "initial_vehicle_running", _A),
            Column("年初预算公务接待费（决算）", "initial_reception", _A),
        ),
    ),
    Sheet(
        "机关运行经费",
        "operating_costs",
        Shape.ROW,
        "在第3行填写。上年数为上年预算数（决算为上年决算数）。",
        (Column("本年预算", "amount", _A), Column("上年数", "prior", _A), Column("变动原因", "reason", width=40)),
    ),
    Sheet(
        "政府采购",
        "procurement",
        Shape.ROW,
        "在第3行填写；没有政府采购时填 0。预留小微企业金额不超过中小企业预留金额。",
        (
            Column("货物", "goods", _A),
            Column("工程", "works", _A),
            Column("服务", "services", _A),
            Column("面向中小企业预留", "sme_reserved", _A, width=18),
            Column("其中预留小微企业", "small_micro_reserved", _A, width=18),
        ),
    ),
    Sheet(
        "国有资产",
        "assets",
        Shape.TABLE,
        "车辆按类别、设备按价值档次各填一行；数量为截至日期的台（套）数，截至日期每行相同。",
        (
            Column("资产类别", "kind", Type.CHOICE, ("车辆", "设备"), 10),
            Column("名称", "name", width=30),
            Column("数量", "count", Type.INTEGER, width=8),
            Column("截至日期", "as_of", Type.DATE, width=12),
        ),
    ),
    Sheet(
        "名词解释",
        "glossary",
        Shape.TABLE,
        "每个名词一行；整表留空则使用标准名词解释。",
        (Column("名词", "term", width=20), Column("解释", "definition", Type.LONG_TEXT, width=80)),
    ),
)

SHEET_BY_KEY = {s.key: s for s in SHEETS}
