"""The budget as data: line items from which every standard table is a view.

A line item carries a functional code (to 项), an economic code (to 款) where known, whether it
is basic or project spending, and its funding source. Amounts are exact Decimals in the
budget's unit. What a published document discloses cannot always be crossed (the functional
and economic tables are separate), so either code may be absent on a line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from yusuan.model.document import DocumentKind
from yusuan.model.money import ZERO, Unit


class Purpose(StrEnum):
    BASIC = "基本支出"
    PROJECT = "项目支出"
    UNSPLIT = "未分基本和项目"  # the document prints only a total by function (the Jiangsu tables)


class Funding(StrEnum):
    GENERAL = "一般公共预算"
    FUND = "政府性基金预算"
    STATE_CAPITAL = "国有资本经营预算"
    SPECIAL_ACCOUNT = "财政专户管理资金"
    OTHER = "其他资金"


# 人员经费 are economic classes 301 and 303; 公用经费 are 302, 307, 309, 310 and 399.
PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "307", "309", "310", "399")


@dataclass(frozen=True, slots=True)
class LineItem:
    amount: Decimal
    purpose: Purpose
    funding: Funding = Funding.GENERAL
    functional: str | None = None
    economic: str | None = None


@dataclass(frozen=True, slots=True)
class Budget:
    department: str
    year: int
    kind: DocumentKind = DocumentKind.BUDGET
    unit: Unit = Unit.WAN_YUAN
    lines: tuple[LineItem, ...] = ()
    prior: dict[str, Decimal] = field(default_factory=dict)  # prior-year figures by key

    def total(self, purpose: Purpose | None = None) -> Decimal:
        """Total spending (of one purpose) over the functional lines."""
        return sum(
            (li.amount for li in self.lines if li.functional and (purpose is None or li.purpose == purpose)),
            ZERO,
        )

    def by_functional(self, level: int = 3, purpose: Purpose | None = None) -> dict[str, Decimal]:
        """Amounts summed to 类 (1), 款 (2) or 项 (3) functional codes."""
        width = {1: 3, 2: 5, 3: 7}[level]
        return _sum_by(
            (li.functional[:width], li.amount)
            for li in self.lines
            if li.functional and (purpose is None or li.purpose == purpose)
        )

    def by_economic(self, level: int = 2) -> dict[str, Decimal]:
        """Basic spending summed to economic 类 (1) or 款 (2)."""
        width = {1: 3, 2: 5}[level]
        return _sum_by((li.economic[:width], li.amount) for li in self.lines if li.economic)

    def personnel(self) -> Decimal:
        """人员经费: basic spending in economic classes 301 and 303."""
        return sum((v for k, v in self.by_economic(1).items() if k in PERSONNEL_CLASSES), ZERO)

    def public(self) -> Decimal:
        """公用经费: basic spending in economic classes 302, 307, 309, 310, 399."""
        return sum((v for k, v in self.by_economic(1).items() if k in PUBLIC_CLASSES), ZERO)


def _sum_by(pairs: Iterable[tuple[str, Decimal]]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for key, amount in pairs:
        sums[key] += amount
    return dict(sums)
