"""Build: the input a department fills in (YAML/JSON or the XLSX template), loaded and validated.

``load(path)`` returns the input and a list of located problems; ``write_template(path)``
writes the blank workbook. The disclosure is later generated from a ``BudgetInput``.
"""

from __future__ import annotations

from yusuan.build.input import BudgetInput
from yusuan.build.load import load, load_data
from yusuan.build.problems import Level, Problem, Where
from yusuan.build.template import write_template

__all__ = ["BudgetInput", "Level", "Problem", "Where", "load", "load_data", "write_template"]
