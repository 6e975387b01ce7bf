"""Facts stated by the 说明: amounts, shares and year-over-year changes, sentence by sentence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from yusuan.model.location import Location
from yusuan.model.money import Amount, Percent


class Direction(StrEnum):
    UP = "up"  # 增加 / 增长
    DOWN = "down"  # 减少 / 下降 / 降低
    FLAT = "flat"  # 持平 / 保持不变 / 与…一致


@dataclass(frozen=True, slots=True)
class Statement:
    """One figure the text states, with what it says about the figure.

    ``subject`` is the printed name of what the amount is (``一般公共服务支出``); ``path`` holds
    the (类, 款, 项) names when the text names a functional item that way. ``change`` and
    ``growth`` are printed without sign: the direction words give it.
    """

    subject: str
    amount: Amount
    where: Location
    path: tuple[str, ...] = ()
    mismarked: str | None = None  # the level printed on the path's 款 when it is not 款 (行政事业单位离退休（类）)
    share: Percent | None = None
    share_base: str | None = None  # what the share is of, when the text names it (占“三公”经费的 x%)
    change: Amount | None = None
    change_direction: Direction | None = None
    growth: Percent | None = None
    growth_direction: Direction | None = None
    base_year: int | None = None
    base_kind: str | None = None  # 预算 / 执行数 / 上年
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class CountClaim:
    """A count the text states about the document itself (e.g. 6 个项目实行了绩效目标管理)."""

    what: str  # canonical: performance_projects
    count: int
    amount: Amount | None
    where: Location
