"""A finding: a claim about a published document, with its code, location and raw facts.

Findings are values, not exceptions. The message is rendered at the edge from the one
catalog of codes (``yusuan.check.catalog``), in Chinese or English, from ``params``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from yusuan.model.location import Location


class Severity(StrEnum):
    ERROR = "error"  # the disclosure is wrong
    WARNING = "warning"  # suspicious or incomplete; a reviewer should look
    INFO = "info"  # worth knowing, not a defect (rounding, codes a partial catalog lacks)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    where: Location
    params: Mapping[str, object] = field(default_factory=dict)
