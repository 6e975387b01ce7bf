"""The budget input a department's finance staff fill in: the start of the "publish" pipeline.

Everything a disclosure states is either entered here once or derived from what is entered
(totals, 人员经费, 公用经费, the 类/款 roll-ups); nothing derived is stored, so the generated
tables and 说明 agree with each other by construction. Amounts are exact ``Decimal`` in the
input's unit (万元 unless stated); codes are strings. Prior-year figures are inputs, never
derived, because the 说明 compares with the previous year's budget or 执行数 (domain.md §7.1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from yusuan.model.money import ZERO, Unit


class Kind(StrEnum):
    """What the disclosure is."""

    BUDGET = "预算"
    FINAL = "决算"


class Scope(StrEnum):
    """Whether the disclosure covers a whole 部门 or a single 单位."""

    DEPARTMENT = "部门"
    UNIT = "单位"


class UnitType(StrEnum):
    """The kind of a unit the disclosure includes."""

    ADMINISTRATIVE = "行政"
    CIVIL_SERVICE_MANAGED = "参公"  # 参照公务员法管理的事业单位
    INSTITUTION = "事业"


class FundingSource(StrEnum):
    """Where money comes from: the columns of 收入总表 and the funding split of each 项."""

    GENERAL_PUBLIC_BUDGET = "一般公共预算"
    GOVERNMENT_FUND = "政府性基金"
    STATE_CAPITAL = "国有资本经营"
    FISCAL_SPECIAL_ACCOUNT = "财政专户管理资金"
    INSTITUTION_INCOME = "事业收入"
    OPERATING_INCOME = "事业单位经营收入"
    SUPERIOR_SUBSIDY = "上级补助收入"
    AFFILIATE_REMITTANCE = "附属单位上缴收入"
    OTHER = "其他收入"
    CARRYOVER = "上年结转"


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)


def _change(current: Decimal, prior: Decimal | None) -> Decimal | None:
    return None if prior is None else current - prior


@dataclass(frozen=True, slots=True)
class IncludedUnit:
    """A unit whose budget the disclosure includes (机构设置: 行政单位N家, 事业单位N家)."""

    name: str
    type: UnitType


@dataclass(frozen=True, slots=True)
class Profile:
    """The department and the disclosure: who, where, which year, which layout, and the 概况 texts."""

    name: str
    region: str
    year: int
    kind: Kind = Kind.BUDGET
    scope: Scope = Scope.DEPARTMENT
    layout: str = "anhui-11"
    duties: tuple[str, ...] = ()
    structure: str = ""
    tasks: tuple[str, ...] = ()
    units: tuple[IncludedUnit, ...] = ()

    def unit_count(self, type_: UnitType) -> int:
        return sum(1 for u in self.units if u.type == type_)


@dataclass(frozen=True, slots=True)
class IncomeLine:
    """One source of income (收入总表)."""

    source: FundingSource
    amount: Decimal


@dataclass(frozen=True, slots=True)
class FunctionalLine:
    """One 项 of the 功能分类: basic and project money, with the prior-year figure the 说明 compares with."""

    code: str  # 7-digit 项 code
    name: str
    basic: Decimal
    project: Decimal
    source: FundingSource = FundingSource.GENERAL_PUBLIC_BUDGET
    prior_budget: Decimal | None = None  # 上年预算数 (Anhui, central style)
    prior_executed: Decimal | None = None  # 上年执行数 (Shanghai compares with this)
    reason: str = ""  # why it changed
    # final accounts (决算): basic/project are the 决算数; these are the year's 年初预算 and balances
    initial_budget: Decimal | None = None  # 年初预算数
    opening: Decimal = ZERO  # 年初结转和结余
    closing: Decimal = ZERO  # 年末结转和结余

    @property
    def total(self) -> Decimal:
        return self.basic + self.project

    @property
    def received(self) -> Decimal:
        """本年收入 of the 项 in final accounts: what was spent and carried forward, less what was brought in."""
        return self.total + self.closing - self.opening

    @property
    def prior(self) -> Decimal | None:
        """The figure the 说明 compares with: 执行数 when given, else the prior budget."""
        return self.prior_executed if self.prior_executed is not None else self.prior_budget

    @property
    def change(self) -> Decimal | None:
        return _change(self.total, self.prior)


@dataclass(frozen=True, slots=True)
class EconomicLine:
    """One 款 of the 经济分类 of basic expenditure (基本支出表)."""

    code: str  # 5-digit 款 code
    name: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PriorTotals:
    """Last year's totals the 说明 compares with, each with the stated reason for the change."""

    income: Decimal | None = None
    expense: Decimal | None = None
    basic: Decimal | None = None
    project: Decimal | None = None
    income_reason: str = ""
    expense_reason: str = ""
    basic_reason: str = ""
    project_reason: str = ""


@dataclass(frozen=True, slots=True)
class FinalBalances:
    """Final accounts (决算) only: the two rows of the 收入支出决算总表 besides income and carry-overs."""

    balance_used: Decimal = ZERO  # 使用非财政拨款结余: last years' non-fiscal balances spent this year
    distribution: Decimal = ZERO  # 结余分配: balances distributed (taxes, funds set aside)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One 三级 performance indicator, under its 一级/二级 heading."""

    level1: str  # 产出指标, 效益指标, 满意度指标
    level2: str  # 数量指标, 质量指标, 时效指标, 成本指标, 社会效益指标 …
    name: str
    value: str  # as written: "4", "≥95", "及时"
    unit: str = ""  # "万元", "%", or empty for qualitative values


@dataclass(frozen=True, slots=True)
class Project:
    """A project with its performance targets (项目支出绩效目标申报表)."""

    name: str
    amount: Decimal
    functional_code: str
    source: FundingSource = FundingSource.GENERAL_PUBLIC_BUDGET
    mid_term_funds: Decimal | None = None
    annual_funds: Decimal | None = None
    mid_term_goals: tuple[str, ...] = ()
    annual_goals: tuple[str, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    summary: str = ""  # 项目概述
    basis: str = ""  # 立项依据
    period: str = ""  # 起止时间, as written: 2023年1月至2025年12月


@dataclass(frozen=True, slots=True)
class ThreePublic:
    """“三公”经费 this year and last, with the reason for the change."""

    abroad: Decimal
    vehicle_purchase: Decimal
    vehicle_running: Decimal
    reception: Decimal
    prior_abroad: Decimal | None = None
    prior_vehicle_purchase: Decimal | None = None
    prior_vehicle_running: Decimal | None = None
    prior_reception: Decimal | None = None
    reason: str = ""
    # 会议费 and 培训费: printed beside the “三公” by the Jiangsu layout (公开09表); None: not given
    meeting: Decimal | None = None
    training: Decimal | None = None
    prior_meeting: Decimal | None = None
    prior_training: Decimal | None = None
    # final accounts: the year's 年初预算 of each item (the amounts above are then the 决算数)
    initial_abroad: Decimal | None = None
    initial_vehicle_purchase: Decimal | None = None
    initial_vehicle_running: Decimal | None = None
    initial_reception: Decimal | None = None

    @property
    def vehicles(self) -> Decimal:
        return self.vehicle_purchase + self.vehicle_running

    @property
    def total(self) -> Decimal:
        return self.abroad + self.vehicles + self.reception

    @property
    def prior_total(self) -> Decimal | None:
        parts = (self.prior_abroad, self.prior_vehicle_purchase, self.prior_vehicle_running, self.prior_reception)
        return None if any(p is None for p in parts) else _sum(p for p in parts if p is not None)

    @property
    def initial_total(self) -> Decimal | None:
        parts = (
            self.initial_abroad,
            self.initial_vehicle_purchase,
            self.initial_vehicle_running,
            self.initial_reception,
        )
        return None if any(p is None for p in parts) else _sum(p for p in parts if p is not None)


@dataclass(frozen=True, slots=True)
class OperatingCosts:
    """机关运行经费 this year and last."""

    amount: Decimal
    prior: Decimal | None = None
    reason: str = ""

    @property
    def change(self) -> Decimal | None:
        return _change(self.amount, self.prior)


@dataclass(frozen=True, slots=True)
class Procurement:
    """政府采购预算 by kind, and what is reserved for small and medium enterprises."""

    goods: Decimal = ZERO
    works: Decimal = ZERO
    services: Decimal = ZERO
    sme_reserved: Decimal = ZERO  # 面向中小企业预留
    small_micro_reserved: Decimal = ZERO  # 其中预留给小型和微型企业

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


@dataclass(frozen=True, slots=True)
class Holding:
    """A count of one kind of asset: 应急保障用车 1, 单位价值50万元以上的通用设备 0."""

    name: str
    count: int


@dataclass(frozen=True, slots=True)
class Assets:
    """国有资产占有使用情况 at a reference date."""

    as_of: date | None = None
    vehicles: tuple[Holding, ...] = ()
    equipment: tuple[Holding, ...] = ()

    @property
    def vehicle_count(self) -> int:
        return sum(v.count for v in self.vehicles)


@dataclass(frozen=True, slots=True)
class Term:
    """A 名词解释 entry."""

    term: str
    definition: str


# The standard terms (domain.md §4, worded as the Anhui reference prints them); used when none are given.
STANDARD_GLOSSARY: tuple[Term, ...] = (
    Term("财政拨款收入", "指部门或单位从同级财政部门取得的财政预算资金。"),
    Term("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。"),
    Term("项目支出", "指在除基本支出之外的支出，主要用于完成特定的工作任务和事业发展目标。"),
    Term(
        "“三公”经费",
        "指用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    ),
    Term(
        "机关运行经费",
        "为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，"
        "包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、一般设备购置费、办公用房水电费、"
        "办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。",
    ),
)

PERSONNEL_CLASSES = ("301", "303")  # 人员经费 = 工资福利支出 + 对个人和家庭的补助
PUBLIC_CLASSES = ("302", "310")  # 公用经费 = 商品和服务支出 + 资本性支出


@dataclass(frozen=True, slots=True)
class BudgetInput:
    """Everything needed to generate one disclosure; derived totals are methods."""

    profile: Profile
    unit: Unit = Unit.WAN_YUAN
    income: tuple[IncomeLine, ...] = ()
    functional: tuple[FunctionalLine, ...] = ()
    economic: tuple[EconomicLine, ...] = ()
    prior: PriorTotals = field(default_factory=PriorTotals)
    projects: tuple[Project, ...] = ()
    three_public: ThreePublic | None = None  # None: the layout has no 三公 table and the input gives none
    operating_costs: OperatingCosts | None = None
    procurement: Procurement = field(default_factory=Procurement)
    assets: Assets = field(default_factory=Assets)
    glossary: tuple[Term, ...] = STANDARD_GLOSSARY
    final: FinalBalances = field(default_factory=FinalBalances)

    def total_income(self) -> Decimal:
        return _sum(i.amount for i in self.income)

    def income_from(self, source: FundingSource) -> Decimal:
        return _sum(i.amount for i in self.income if i.source == source)

    def basic_total(self) -> Decimal:
        return _sum(f.basic for f in self.functional)

    def basic_from(self, source: FundingSource) -> Decimal:
        """The basic spending of the 项 lines paid from one source."""
        return _sum(f.basic for f in self.functional if f.source == source)

    def project_total(self) -> Decimal:
        return _sum(f.project for f in self.functional)

    def total_expense(self) -> Decimal:
        return self.basic_total() + self.project_total()

    def expense_from(self, source: FundingSource) -> Decimal:
        return _sum(f.total for f in self.functional if f.source == source)

    def rollup(self, prefix_length: int) -> dict[str, tuple[Decimal, Decimal]]:
        """(basic, project) per 类 (3), 款 (5) or 项 (7) code, in first-seen order."""
        out: dict[str, tuple[Decimal, Decimal]] = {}
        for f in self.functional:
            key = f.code[:prefix_length]
            basic, project = out.get(key, (ZERO, ZERO))
            out[key] = (basic + f.basic, project + f.project)
        return out

    def economic_total(self) -> Decimal:
        return _sum(e.amount for e in self.economic)

    def economic_class_total(self, *classes: str) -> Decimal:
        """The sum of the 款 lines under the given 类 codes ("301", "303" …)."""
        return _sum(e.amount for e in self.economic if e.code[:3] in classes)

    def personnel(self) -> Decimal:
        """人员经费 = 301 + 303."""
        return self.economic_class_total(*PERSONNEL_CLASSES)

    def public_funds(self) -> Decimal:
        """公用经费 = 302 + 310."""
        return self.economic_class_total(*PUBLIC_CLASSES)

    def opening_total(self, *sources: FundingSource) -> Decimal:
        """年初结转和结余 of the 项 lines (of the given sources; all when none is given)."""
        return _sum(f.opening for f in self.functional if not sources or f.source in sources)

    def closing_total(self, *sources: FundingSource) -> Decimal:
        """年末结转和结余 of the 项 lines (of the given sources; all when none is given)."""
        return _sum(f.closing for f in self.functional if not sources or f.source in sources)

    def projects_total(self) -> Decimal:
        return _sum(p.amount for p in self.projects)
