"""Problems in a budget input: values, located at a sheet and cell or a JSON path, rendered in Chinese.

The input checker never raises for bad data; it returns these. They are kept apart from the
disclosure findings (``yusuan.check.catalog``) because they point at a cell someone can fix,
not at a printed page. As there, the parameters are stored and the text is rendered at the edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    ERROR = "error"  # the disclosure cannot be generated correctly from this input
    WARNING = "warning"  # worth a look: an unknown code, a gap within rounding, a missing reason


@dataclass(frozen=True, slots=True)
class Where:
    """A cell of the workbook (``sheet`` + ``cell``) or a path in a YAML/JSON file."""

    sheet: str | None = None
    cell: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        if self.sheet is not None:
            return f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return self.path or "$"


# code → (level, Chinese template). The one place a problem code is born.
PROBLEMS: Mapping[str, tuple[Level, str]] = {
    "input.missing_sheet": (Level.ERROR, "缺少工作表“{sheet}”"),
    "input.missing_field": (Level.ERROR, "未填写“{field}”"),
    "input.no_rows": (Level.ERROR, "“{part}”没有填写任何数据"),
    "input.not_a_number": (Level.ERROR, "“{field}”应填写金额数字，实际为“{text}”"),
    "input.control_character": (Level.ERROR, "“{field}”含有不可见的控制字符（多为从别处复制带入），请删除后重新填写"),
    "input.not_an_integer": (Level.ERROR, "“{field}”应填写整数，实际为“{text}”"),
    "input.not_a_date": (Level.ERROR, "“{field}”应填写日期（如 2022-12-31），实际为“{text}”"),
    "input.not_a_choice": (Level.ERROR, "“{field}”应为{choices}之一，实际为“{text}”"),
    "input.wrong_shape": (Level.ERROR, "“{field}”的格式不对：应为{expected}"),
    "input.bad_code": (Level.ERROR, "“{field}”应为{digits}位数字的科目编码，实际为“{text}”"),
    "input.unknown_code": (
        Level.WARNING,
        "科目编码 {code}（{name}）不在随附的{system}目录中；目录并不完整，请核对编码",
    ),
    "input.economic_mismatch": (
        Level.ERROR,
        "经济分类基本支出合计 {economic} 万元，与功能分类中一般公共预算安排的基本支出合计 {basic} 万元不符，"
        "相差 {diff} 万元（经济分类只填一般公共预算安排的基本支出）",
    ),
    "input.economic_rounding": (
        Level.WARNING,
        "经济分类基本支出合计 {economic} 万元，功能分类中一般公共预算安排的基本支出合计 {basic} 万元，相差 {diff} 万元"
        "（在 {rows} 行各自四舍五入的误差 {bound} 万元以内，请核对）",
    ),
    "input.missing_prior": (
        Level.ERROR,
        "“{name}”本年 {amount} 万元，说明须与上年比较，但未填写上年数",
    ),
    "input.duplicate_item": (
        Level.ERROR,
        "科目 {code}（{name}）由{source}安排的金额已在 {first} 填写，同一科目同一资金来源只能填一行，请合并",
    ),
    "input.missing_reason": (Level.WARNING, "“{name}”比上年{direction} {diff} 万元，未填写变动原因"),
    "input.final_unbalanced": (
        Level.ERROR,
        "决算收入（含使用非财政拨款结余）{income} 万元加年初结转和结余 {opening} 万元，与支出（含结余分配）"
        "{expense} 万元加年末结转和结余 {closing} 万元不等，相差 {diff} 万元",
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    where: Where
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def level(self) -> Level:
        return PROBLEMS[self.code][0]

    def message(self) -> str:
        """The Chinese message, with its location."""
        return f"{self.where}：{PROBLEMS[self.code][1].format(**self.params)}"


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that stop generation."""
    return [p for p in problems if p.level == Level.ERROR]
