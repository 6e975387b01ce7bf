"""The layouts a disclosure can be derived in: layout id → the function that derives it.

Each id is one of catalogs/layouts/*.toml; the CLI's ``build --layout`` offers exactly these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from yusuan.build import derive as anhui
from yusuan.build.input import BudgetInput
from yusuan.build.layouts import jiangsu, shanghai, shanghai_final
from yusuan.model.document import Document

Derive = Callable[[BudgetInput, str], Document]

LAYOUTS: dict[str, Derive] = {
    "anhui-11": anhui.derive,
    "jiangsu-12": jiangsu.derive,
    "shanghai-9": shanghai.derive,
    "shanghai-final-9": shanghai_final.derive,
}


def derive(budget: BudgetInput, layout: str | None = None, file: str = "") -> Document:
    """The disclosure of ``budget`` in ``layout`` (default: the one its profile names)."""
    chosen = layout or budget.profile.layout
    if chosen not in LAYOUTS:
        raise ValueError(f"unknown layout {chosen!r}; known: {', '.join(LAYOUTS)}")
    if chosen != budget.profile.layout:
        budget = replace(budget, profile=replace(budget.profile, layout=chosen))
    return LAYOUTS[chosen](budget, file)
