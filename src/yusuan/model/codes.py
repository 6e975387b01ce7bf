"""Classification codes (支出功能分类, 支出经济分类) as strings with their hierarchy.

Functional codes are 类 3 digits, 款 5, 项 7; economic codes 类 3, 款 5. A code's parent is
the code less its last two digits. Codes are never numbers: ``"20103"`` keeps its zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum


class CodeSystem(StrEnum):
    """Which classification a code belongs to."""

    FUNCTIONAL = "functional"  # 支出功能分类科目
    ECONOMIC = "economic"  # 部门预算支出经济分类科目 (301, 302 …)
    ECONOMIC_GOVERNMENT = "economic_government"  # 政府预算支出经济分类科目 (501, 502 …)


class Level(IntEnum):
    """The level of a code: 类, 款 or 项."""

    CLASS = 1  # 类
    SECTION = 2  # 款
    ITEM = 3  # 项


_LEVEL_BY_LENGTH = {3: Level.CLASS, 5: Level.SECTION, 7: Level.ITEM}
_DIGITS = re.compile(r"^\d+$")


@dataclass(frozen=True, slots=True)
class Code:
    """One classification code."""

    value: str
    system: CodeSystem = CodeSystem.FUNCTIONAL

    @property
    def well_formed(self) -> bool:
        """Digits only, of a length the system allows."""
        if not _DIGITS.match(self.value):
            return False
        lengths = (3, 5, 7) if self.system == CodeSystem.FUNCTIONAL else (3, 5)
        return len(self.value) in lengths

    @property
    def level(self) -> Level | None:
        return _LEVEL_BY_LENGTH.get(len(self.value)) if self.well_formed else None

    @property
    def parent(self) -> Code | None:
        if not self.well_formed or len(self.value) == 3:
            return None
        return Code(self.value[:-2], self.system)

    def is_ancestor_of(self, other: Code) -> bool:
        return other.value != self.value and other.value.startswith(self.value)

    def __str__(self) -> str:
        return self.value


def system_of(code: str) -> CodeSystem:
    """Guess the system from the leading digits: 3xx is economic, 5xx government-economic."""
    if code.startswith("3") and len(code) <= 5:
        return CodeSystem.ECONOMIC
    if code.startswith("5") and len(code) <= 5:
        return CodeSystem.ECONOMIC_GOVERNMENT
    return CodeSystem.FUNCTIONAL


def normalize_code(text: str) -> str:
    """Join a code printed split into columns or with spaces (``201 03 01`` → ``2010301``).

    An unpadded 款 printed as ``301 2`` becomes ``30102``.
    """
    parts = text.split()
    if len(parts) > 1 and all(_DIGITS.match(p) for p in parts):
        head, *rest = parts
        return head + "".join(p.zfill(2) for p in rest)
    return text.strip()


_BRACKETS = str.maketrans("()", "（）")


def name_key(name: str) -> str:
    """A classification name as compared: no spaces, full-width brackets, no trailing 支出
    (the 说明 writes 公共安全（类） for the class the tables call 公共安全支出)."""
    key = "".join(name.split()).translate(_BRACKETS)
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key
