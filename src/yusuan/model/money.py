"""Exact amounts and percentages as printed: the lowest layer of yusuan.

Every number read from a disclosure keeps its printed precision, because the rounding
interval of a printed figure is what decides whether a difference is an error or only
rounding (a figure printed to 0.01 stands for anything within ±0.005).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

ZERO = Decimal(0)
HUNDRED = Decimal(100)
TEN_THOUSAND = Decimal(10000)


class Unit(StrEnum):
    """The unit a table or sentence states its amounts in."""

    YUAN = "元"
    WAN_YUAN = "万元"


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def half_ulp(places: int) -> Decimal:
    """Half a unit in the last printed place: 2 places → 0.005."""
    return Decimal(5).scaleb(-(places + 1))


@dataclass(frozen=True, slots=True)
class Amount:
    """A sum of money as printed: exact value, unit and number of decimal places."""

    value: Decimal
    unit: Unit = Unit.WAN_YUAN
    places: int = 2

    @classmethod
    def of(cls, text: str | int | Decimal, unit: Unit = Unit.WAN_YUAN) -> Amount:
        """Build from a printed figure, keeping its precision: ``Amount.of("8.1")`` has 1 place."""
        value = D(text) if isinstance(text, str) else Decimal(text)
        return cls(value, unit, _places(value))

    @property
    def tolerance(self) -> Decimal:
        """Half a unit of the last printed place, in this amount's unit."""
        return half_ulp(self.places)

    def to(self, unit: Unit) -> Amount:
        """The same amount in another unit (exact; precision shifts with the unit)."""
        if unit == self.unit:
            return self
        if unit == Unit.WAN_YUAN:
            return Amount(self.value / TEN_THOUSAND, unit, self.places + 4)
        return Amount(self.value * TEN_THOUSAND, unit, max(self.places - 4, 0))

    def __str__(self) -> str:
        return f"{self.value:,.{self.places}f}"


@dataclass(frozen=True, slots=True)
class Percent:
    """A percentage as printed (``24.30%`` → value 24.30, 2 places)."""

    value: Decimal
    places: int = 2

    @classmethod
    def of(cls, text: str) -> Percent:
        value = D(text)
        return cls(value, _places(value))

    @property
    def tolerance(self) -> Decimal:
        return half_ulp(self.places)

    def __str__(self) -> str:
        return f"{self.value:.{self.places}f}%"


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_ZERO_MARKS = {"-", "—", "－", "--"}


def D(text: str) -> Decimal:
    """Parse a printed figure (``1,234.56``, full-width digits) into an exact Decimal.

    Raises:
        ValueError: the text is not a plain number.
    """
    cleaned = text.strip().translate(_FULL_WIDTH).replace(" ", "")
    if not _NUMBER.match(cleaned):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - guarded by the pattern
        raise ValueError(f"not a number: {text!r}") from exc


def parse_amount(text: str, unit: Unit) -> Amount | None:
    """A table cell's amount, or None when the cell holds no number.

    Blank cells are None (absent); ``-`` and its dashes are a printed zero.
    """
    cleaned = text.strip().translate(_FULL_WIDTH)
    if not cleaned:
        return None
    if cleaned in _ZERO_MARKS:
        return Amount(ZERO, unit, 0)
    try:
        return Amount.of(cleaned, unit)
    except ValueError:
        return None


def sum_tolerance(total: Amount, parts: list[Amount]) -> Decimal:
    """How far a printed total may differ from the sum of its printed parts by rounding alone.

    Each printed figure lies within half a unit of its last place of the true value, so the
    difference is bounded by the total's half-unit plus every part's: (n+1)×0.005 for n parts
    printed to 0.01.
    """
    return total.tolerance + sum((p.tolerance for p in parts), ZERO)
