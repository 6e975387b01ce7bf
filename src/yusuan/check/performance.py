"""Performance targets: money indicators add up to the project's funds, in consistent units."""

from __future__ import annotations

from collections.abc import Iterator

from yusuan.check.report import NotRun
from yusuan.model.document import Document
from yusuan.model.finding import Finding
from yusuan.model.money import ZERO
from yusuan.model.performance import Funds, PerformanceTarget

PERIOD_NAMES = {"mid": "中期", "annual": "年度"}


def check_performance(document: Document) -> Iterator[Finding | NotRun]:
    if not document.performance:
        yield NotRun("performance", "文件没有绩效目标表，未核对绩效目标")
        return
    for target in document.performance:
        for period, funds in (("mid", target.mid_term), ("annual", target.annual)):
            yield from _amounts(target, period, funds)
            yield from _units(target, period, funds)
        for indicator in target.indicators:
            if indicator.name.startswith("指标") and not indicator.value:
                yield Finding(
                    "perf.value_missing",
                    indicator.where,
                    {
                        "project": target.project,
                        "period": PERIOD_NAMES[indicator.period],
                        "name": indicator.name,
                    },
                )


def _amounts(target: PerformanceTarget, period: str, funds: Funds) -> Iterator[Finding | NotRun]:
    money = [
        i
        for i in target.indicators
        if i.period == period
        and i.unit == "万元"
        and i.quantity is not None
        and i.level2 != "成本指标"
        and not i.value.lstrip().startswith(("≤", "≦", "≥", "≧", "<", ">", "＜", "＞"))
    ]
    if len(money) < 2 or funds.total is None:
        return
    actual = sum((i.quantity for i in money if i.quantity is not None), ZERO)
    if actual != funds.total.value:
        yield Finding(
            "perf.amounts",
            money[0].where,
            {
                "project": target.project,
                "period": PERIOD_NAMES[period],
                "actual": actual,
                "expected": funds.total,
            },
        )


def _units(target: PerformanceTarget, period: str, funds: Funds) -> Iterator[Finding]:
    if funds.total is None:
        return
    for indicator in target.indicators:
        if indicator.period != period or indicator.unit != "元" or indicator.quantity is None:
            continue
        amounts = {a.value for a in (target.mid_term.total, target.annual.total) if a is not None}
        if indicator.level2 == "成本指标" or indicator.quantity in amounts:
            yield Finding(
                "perf.units",
                indicator.where,
                {
                    "project": target.project,
                    "period": PERIOD_NAMES[period],
                    "name": indicator.name,
                    "value": indicator.value,
                    "unit": indicator.unit,
                    "funds": funds.total,
                },
            )
