"""Performance targets (项目支出绩效目标): a project's funds and its indicator tree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from yusuan.model.location import Location
from yusuan.model.money import Amount


@dataclass(frozen=True, slots=True)
class Indicator:
    """A 三级指标 with its 一级/二级 parents and its value as printed."""

    period: str  # "mid" (中期) or "annual" (年度)
    level1: str  # 产出指标 / 效益指标 / 满意度指标 / 成本指标
    level2: str  # 数量指标 / 质量指标 …
    name: str
    value: str
    quantity: Decimal | None
    unit: str | None
    where: Location


@dataclass(frozen=True, slots=True)
class Funds:
    """项目资金 for one period: total, of which fiscal, other."""

    total: Amount | None
    fiscal: Amount | None
    other: Amount | None


@dataclass(frozen=True, slots=True)
class PerformanceTarget:
    project: str
    implementer: str | None
    leader: str | None
    phone: str | None
    period_text: str | None
    mid_term: Funds
    annual: Funds
    goals: tuple[str, ...]  # 中期目标, or every goal where the form does not divide them
    indicators: tuple[Indicator, ...]
    where: Location
    annual_goals: tuple[str, ...] = ()  # 年度目标, where the form prints them in a column of their own

    def texts(self) -> Iterator[tuple[str, Location]]:
        yield self.project, self.where
        if self.phone:
            yield f"联系电话:{self.phone}", self.where
        for goal in (*self.goals, *self.annual_goals):
            yield goal, self.where
        for indicator in self.indicators:
            yield indicator.name, indicator.where
            yield indicator.value, indicator.where
