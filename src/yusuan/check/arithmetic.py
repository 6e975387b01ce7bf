"""Rounding-aware comparisons of printed figures (the interval rule).

A figure printed to 0.01 stands for anything within ±0.005 of it, so a printed total of n
printed parts may differ from their sum by up to the sum of all their half-units. A
difference is exact, rounding, or an error; never a float comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from yusuan.model.money import HUNDRED, ZERO, Amount, Percent, sum_tolerance


class Verdict(StrEnum):
    EXACT = "exact"
    ROUNDING = "rounding"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Comparison:
    verdict: Verdict
    expected: Amount
    actual: Amount
    diff: Decimal
    tolerance: Decimal


def compare_sum(expected: Amount, parts: list[Amount]) -> Comparison:
    """A printed total against the sum of its printed parts."""
    unit = expected.unit
    converted = [p.to(unit) for p in parts]
    places = max([expected.places, *(p.places for p in parts)]) if parts else expected.places
    actual = Amount(sum((p.value for p in converted), ZERO), unit, places)
    diff = expected.value - actual.value
    tolerance = sum_tolerance(expected, converted)
    verdict = Verdict.EXACT if diff == 0 else Verdict.ROUNDING if abs(diff) <= tolerance else Verdict.ERROR
    return Comparison(verdict, expected, actual, diff, tolerance)


def compare_same(left: Amount, right: Amount) -> Comparison:
    """The same figure printed twice: equal when printed alike, within the coarser half-unit otherwise."""
    right_in_left = right.to(left.unit)
    diff = left.value - right_in_left.value
    # Printed alike, the same figure must match exactly; otherwise within the coarser half-unit.
    tolerance = ZERO if left.places == right_in_left.places else max(left.tolerance, right_in_left.tolerance)
    verdict = Verdict.EXACT if diff == 0 else Verdict.ROUNDING if abs(diff) <= tolerance else Verdict.ERROR
    return Comparison(verdict, left, right_in_left, diff, tolerance)


def percent_interval(numerator: Amount, denominator: Amount) -> tuple[Decimal, Decimal] | None:
    """Every value 100×a/b can take when a and b are printed figures."""
    lo_d = denominator.value - denominator.tolerance
    hi_d = denominator.value + denominator.tolerance
    if lo_d <= 0:
        return None
    lo_n = max(numerator.value - numerator.tolerance, ZERO)
    hi_n = numerator.value + numerator.tolerance
    return HUNDRED * lo_n / hi_d, HUNDRED * hi_n / lo_d


def judge_percent(stated: Percent, interval: tuple[Decimal, Decimal], point: Decimal) -> Verdict:
    """EXACT when the stated % is a correct rounding of a possible value; ROUNDING within one more unit."""
    lo, hi = interval
    step = Decimal(1).scaleb(-stated.places)
    if stated.value - stated.tolerance <= hi and stated.value + stated.tolerance >= lo:
        return Verdict.EXACT
    # Truncation instead of rounding, or shares adjusted to sum to 100: one unit in the last place.
    if abs(stated.value - point) <= step + stated.tolerance:
        return Verdict.ROUNDING
    return Verdict.ERROR


def quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
