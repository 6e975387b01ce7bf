"""The model as plain JSON-ready data: Decimals as strings (exact), enums as their values."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from enum import Enum

from yusuan.model.money import Amount, Percent


def to_data(value: object) -> object:
    """Convert a model value (dataclasses, tuples, Decimals, enums) to JSON-ready data."""
    if isinstance(value, Amount):
        return {"value": f"{value.value:.{value.places}f}", "unit": value.unit.value, "places": value.places}
    if isinstance(value, Percent):
        return {"value": f"{value.value:.{value.places}f}", "places": value.places}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, object] = {}
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if item is None or item == () or item == "":
                continue
            out[field.name] = to_data(item)
        return out
    if isinstance(value, list | tuple):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value
