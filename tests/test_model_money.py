"""Money as printed: exact parsing, precision, units, and the rounding interval rule.

The property tests are the rule's point: figures rounded honestly from true values never make a
sum look wrong, whatever the values; a real slip beyond the interval always does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yusuan.check.arithmetic import Verdict, compare_same, compare_sum
from yusuan.model.codes import Code, CodeSystem, Level, normalize_code
from yusuan.model.money import Amount, D, Unit, parse_amount, sum_tolerance


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,623.35", "1623.35"), ("１，６２３．３５", "1623.35"), (" 615.00 ", "615.00"), ("8.1", "8.1"), ("0", "0")],
)
def test_parse(text: str, value: str) -> None:
    assert D(text) == Decimal(value)


@pytest.mark.parametrize("text", ["合计", "1.2.3", "12,34.5", "", "1e5"])
def test_not_a_number(text: str) -> None:
    with pytest.raises(ValueError):
        D(text)


def test_printed_precision_and_blank_cells() -> None:
    assert Amount.of("8.1").places == 1 and Amount.of("8.1").tolerance == Decimal("0.05")
    assert Amount.of("1,623.35").places == 2
    assert parse_amount("", Unit.WAN_YUAN) is None  # blank: nothing printed
    assert parse_amount("-", Unit.YUAN) == Amount(Decimal(0), Unit.YUAN, 0)  # a dash is a printed zero


def test_units() -> None:
    yuan = Amount.of("91,016,775.35", Unit.YUAN)
    wan = yuan.to(Unit.WAN_YUAN)
    assert (wan.value, wan.places) == (Decimal("9101.677535"), 6)
    # 9,101.68 万元 in the text is the same figure, within the coarser half-unit
    assert compare_same(Amount.of("9101.68"), yuan).verdict == Verdict.ROUNDING


def test_sum_tolerance_is_n_plus_one_half_units() -> None:
    parts = [Amount.of("85.16"), Amount.of("42.58")]
    assert sum_tolerance(Amount.of("127.73"), parts) == Decimal("0.015")
    assert compare_sum(Amount.of("127.73"), parts).verdict == Verdict.ROUNDING
    assert compare_sum(Amount.of("149.72"), [Amount.of("149.61")]).verdict == Verdict.ERROR


def _printed(value: Decimal) -> Amount:
    return Amount(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), Unit.WAN_YUAN, 2)


true_values = st.lists(
    st.decimals(min_value=0, max_value=100000, places=4, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=30,
)


@given(true_values)
def test_honest_rounding_is_never_an_error(values: list[Decimal]) -> None:
    parts = [_printed(v) for v in values]
    total = _printed(sum(values, Decimal(0)))
    assert compare_sum(total, parts).verdict != Verdict.ERROR


@given(true_values, st.integers(min_value=1, max_value=500), st.sampled_from([1, -1]))
def test_a_total_beyond_the_interval_is_an_error(values: list[Decimal], cents: int, sign: int) -> None:
    parts = [_printed(v) for v in values]
    tolerance = sum_tolerance(_printed(Decimal(0)), parts)
    beyond = sum((p.value for p in parts), Decimal(0)) + sign * (tolerance + Decimal(cents).scaleb(-2))
    wrong = Amount(beyond.quantize(Decimal("0.001")), Unit.WAN_YUAN, 2)
    assert compare_sum(wrong, parts).verdict == Verdict.ERROR


@pytest.mark.parametrize(
    ("printed", "code"), [("201 03 01", "2010301"), ("301 2", "30102"), ("2010301", "2010301"), (" 221 ", "221")]
)
def test_codes_printed_split_or_unpadded(printed: str, code: str) -> None:
    assert normalize_code(printed) == code


def test_code_hierarchy() -> None:
    item = Code("2010301")
    assert item.level == Level.ITEM and str(item.parent) == "20103" and str(item.parent.parent) == "201"  # type: ignore[union-attr]
    assert Code("30102", CodeSystem.ECONOMIC).level == Level.SECTION
    assert not Code("3010201", CodeSystem.ECONOMIC).well_formed  # economic codes stop at 款
    assert not Code("20A03").well_formed
