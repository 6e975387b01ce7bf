"""A 项目支出绩效目标申报表 grid → PerformanceTarget (funds by period, goals, indicator tree).

The table prints the mid-term (中期) side on the left and the annual (年度) side on the right;
converters damage it (labels split across rows, stray empty cells), so rows are read by what
their cells say, not by fixed positions. 一级指标 follow from the 二级 by the standard tree.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from yusuan.model.finding import Finding
from yusuan.model.location import Location
from yusuan.model.money import Amount, Unit
from yusuan.model.performance import Funds, Indicator, PerformanceTarget
from yusuan.read.blocks import Grid
from yusuan.read.grid import compact

# The standard indicator tree: 二级 → 一级. A printed label matches by its first characters,
# since converters cut labels such as 可持续影响指标 across rows.
LEVEL2 = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "满意度指标": "满意度指标",
}
_LEVEL1 = {"产出指标", "效益指标", "满意度指标"}
_VALUE = re.compile(
    r"^(?P<op>[≤≦≥≧<>＜＞=]*)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万元|元|%|％|万|个|家|次|天|辆|台|套)?"
)
_BARE_LABEL = re.compile(r"^指标\d+[：:]?$")
_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*万")
_GOAL_HEADING = re.compile(r"^(?:中期|年度|长期)?目标(?:[（(][^）)]*[）)])?$")  # 中期目标（2021年—2023年）


def _level2(cell: str) -> str | None:
    text = compact(cell)
    if len(text) < 2:
        return None
    for name in LEVEL2:
        if name == text or (len(text) >= 2 and name.startswith(text) and text != "指标"):
            return name
    return None


def _money(text: str) -> Amount | None:
    match = _MONEY.search(text)
    return Amount.of(match.group(1), Unit.WAN_YUAN) if match else None


def parse_value(value: str) -> tuple[Decimal | None, str | None]:
    """Quantity and unit of an indicator value: ``≦87 万元`` → (87, 万元)."""
    match = _VALUE.match(compact(value))
    if not match:
        return None, None
    unit = match.group("unit")
    unit = {"％": "%", "万": "万元"}.get(unit or "", unit)
    return Decimal(match.group("num")), unit


def parse_performance(grid: Grid, where: Location) -> tuple[PerformanceTarget, list[Finding]]:
    fields: dict[str, str] = {}
    funds: dict[str, list[Amount | None]] = {"mid": [None, None, None], "annual": [None, None, None]}
    goals: list[str] = []
    annual_goals: list[str] = []
    goals_annual_from: int | None = None  # the column of the 年度目标 heading, where there is one
    indicators: list[Indicator] = []
    problems: list[Finding] = []
    in_indicators = False
    in_goals = False
    annual_from: int | None = None
    level2 = {"mid": "", "annual": ""}
    for row, place in zip(grid.rows, grid.wheres, strict=True):
        cells = [c.strip() for c in row]
        texts = [c for c in cells if c]
        if not texts:
            continue
        row_where = where.with_(line=place.line, page=place.page, sheet=place.sheet, bbox=place.bbox)
        joined = compact("".join(texts))
        if not in_indicators and "一级指标" in joined:
            in_indicators, in_goals = True, False
            seconds = [j for j, c in enumerate(cells) if compact(c) == "二级指标"]
            annual_from = seconds[1] if len(seconds) > 1 else None  # where the annual (年度) half starts
            continue
        if in_indicators:
            filled = [j for j, c in enumerate(cells) if c]
            annual_only = annual_from is not None and filled[0] >= annual_from
            for indicator in _indicator_row(texts, level2, row_where, annual_only):
                _add_indicator(indicators, indicator)
            continue
        labelled = compact(texts[0]).rstrip(":：") == "总体目标"
        if labelled or (not in_goals and "总体目标" in joined):
            in_goals = True  # the label, headings (中期目标（…）| 年度目标) or a goal beside it
            heading = next((j for j, c in enumerate(cells) if compact(c).startswith("年度目标")), None)
            goals_annual_from = heading if heading is not None else goals_annual_from
        if in_goals:  # the goals come after the fields and funds: a goal naming 财政拨款 is a goal
            _goals_from(cells, goals_annual_from, goals, annual_goals)
            continue
        _fields_from(texts, fields)
        if "资金总额" in joined or "财政拨款" in joined or "其他资金" in joined:
            _funds_from(texts, funds)
            continue
    target = PerformanceTarget(
        project=fields.get("项目名称", ""),
        implementer=fields.get("实施单位"),
        leader=fields.get("项目负责人"),
        phone=fields.get("联系电话"),
        period_text=fields.get("项目起止时间"),
        mid_term=Funds(*funds["mid"]),
        annual=Funds(*funds["annual"]),
        goals=tuple(goals),
        indicators=tuple(indicators),
        where=where,
        annual_goals=tuple(annual_goals),
    )
    if not target.project:
        problems.append(Finding("read.performance_unplaced", where, {"what": "项目名称"}))
    return target, problems


def _goals_from(cells: list[str], annual_from: int | None, mid: list[str], annual: list[str]) -> None:
    """A goal row's goals: where the form has a 年度目标 column, the first goal of a row is the 中期
    one and the next the 年度 one (converters shift a row's cells, so their order is what holds),
    and a goal alone is the column's it stands in; without one, every goal is a 中期 (or undivided)
    one. Labels, headings and short fragments are not goals."""
    found = [
        (j, c)
        for j, c in enumerate(cells)
        if len(c) > 8 and not _GOAL_HEADING.match(compact(c)) and compact(c) != "总体目标"
    ]
    if annual_from is None:
        mid.extend(c for _, c in found)
    elif len(found) == 1:
        (annual if found[0][0] >= annual_from else mid).append(found[0][1])
    elif found:
        mid.append(found[0][1])
        annual.extend(c for _, c in found[1:])


def _add_indicator(indicators: list[Indicator], indicator: Indicator) -> None:
    """Append, or join a name cut by a page break onto the indicator it continues."""
    previous = next((i for i in reversed(indicators) if i.period == indicator.period), None)
    continues = (
        previous is not None
        and not indicator.name.startswith("指标")
        and not indicator.value
        and previous.name.startswith("指标")
        and len(previous.name) > 20
        and "\u4e00" <= previous.name[-1] <= "\u9fff"
    )
    if previous is not None and continues:
        indicators[indicators.index(previous)] = replace(previous, name=previous.name + indicator.name)
    else:
        indicators.append(indicator)


def _fields_from(texts: list[str], fields: dict[str, str]) -> None:
    for i, text in enumerate(texts):
        key = compact(text).rstrip(":：")
        for name in ("项目名称", "实施单位", "项目负责人", "联系电话", "项目起止时间"):
            if key.startswith(name):
                inline = compact(text)[len(name) :].lstrip(":：")
                value = inline or (texts[i + 1] if i + 1 < len(texts) else "")
                fields.setdefault(name, value.strip())


def _funds_from(texts: list[str], funds: dict[str, list[Amount | None]]) -> None:
    slots = {"资金总额": 0, "财政拨款": 1, "其他资金": 2}
    seen: dict[int, int] = {}
    for i, text in enumerate(texts):
        label = compact(text)
        for word, slot in slots.items():
            if word in label:
                period = "mid" if seen.get(slot, 0) == 0 and "年度" not in label else "annual"
                seen[slot] = seen.get(slot, 0) + 1
                following = texts[i + 1] if i + 1 < len(texts) else ""
                amount = _money(following) if not any(w in compact(following) for w in slots) else None
                funds[period][slot] = amount
                break


def _indicator_row(
    texts: list[str], level2: dict[str, str], where: Location, annual_only: bool = False
) -> list[Indicator]:
    """One printed row → up to two indicators (mid-term left, annual right; ``annual_only`` when
    every filled cell of the row stands in the annual half)."""
    cells = [t for t in texts if compact(t) not in _LEVEL1 and compact(t) not in ("指标", "响指标", "影响指标")]
    marks = [i for i, c in enumerate(cells) if compact(c).startswith("指标") and _level2(c) is None]
    halves: list[list[str]]
    if annual_only:
        halves = [[], cells]
    elif len(marks) >= 2:
        split = marks[1]
        while split > 0 and _level2(cells[split - 1]):
            split -= 1
        halves = [cells[:split], cells[split:]]
    elif len(cells) % 2 == 0 and cells:
        halves = [cells[: len(cells) // 2], cells[len(cells) // 2 :]]
    else:
        halves = [cells]
    out = []
    for period, half in zip(("mid", "annual"), halves, strict=False):
        rest = []
        for cell in half:
            name = _level2(cell)
            if name:
                level2[period] = name
            else:
                rest.append(cell)
        if not rest:
            continue
        value = rest[-1] if len(rest) >= 2 else ""
        label = " ".join(rest[:-1] if value else rest)
        if value and _BARE_LABEL.match(compact(label)):
            label, value = f"{label} {value}", ""  # 指标 2 | 使用单位满意度: a name, its value lost
        quantity, unit = parse_value(value) if value else (None, None)
        out.append(
            Indicator(
                period=period,
                level1=LEVEL2.get(level2[period], ""),
                level2=level2[period],
                name=label,
                value=value,
                quantity=quantity,
                unit=unit,
                where=where.with_(quote=" ".join(half)),
            )
        )
    return out
