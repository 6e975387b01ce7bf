"""Cell and field values to typed values: amounts, integers, codes, dates, choices.

Each reader returns ``(value, problem params)``: a value when the text is usable, or the
parameters of the problem to report. Nothing here raises for bad data.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from yusuan.model.money import D

_ZERO_MARKS = {"-", "—", "–", "－", "——"}
_CN_DATE = re.compile(r"^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$")
_NO: tuple[None, None] = (None, None)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: object) -> str | None:
    """Text as written; numbers are shown without a spurious ``.0``. None for lists and objects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str | int | float | Decimal):
        return str(value).strip()
    if isinstance(value, date):
        return value.isoformat()
    return None


def as_amount(value: object) -> tuple[Decimal | None, str | None]:
    """(amount, None) or (None, the offending text); a blank cell is (None, None)."""
    if is_blank(value):
        return _NO
    if isinstance(value, bool):
        return None, str(value)
    if isinstance(value, Decimal | int):
        return Decimal(value), None
    if isinstance(value, float):
        return Decimal(repr(value)), None  # openpyxl's float as the shortest exact text, no binary noise
    text = as_text(value)
    if text is None:
        return None, repr(value)
    if text in _ZERO_MARKS:
        return Decimal(0), None
    try:
        return D(text), None
    except ValueError:
        return None, text


def as_integer(value: object) -> tuple[int | None, str | None]:
    if is_blank(value):
        return _NO
    if isinstance(value, int) and not isinstance(value, bool):
        return value, None
    if isinstance(value, float) and value.is_integer():
        return int(value), None
    text = as_text(value) or ""
    return (int(text), None) if text.isdigit() else (None, text or repr(value))


def as_code(value: object, digits: int) -> tuple[str | None, str | None]:
    text = as_text(value) if not isinstance(value, bool) else None
    if text is None:
        return None, repr(value)
    text = text.replace(" ", "")
    if not text:
        return _NO
    return (text, None) if text.isdigit() and len(text) == digits else (None, text)


def as_date(value: object) -> tuple[date | None, str | None]:
    if is_blank(value):
        return _NO
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = as_text(value) or repr(value)
    match = _CN_DATE.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])), None
        except ValueError:
            return None, text
    return None, text
