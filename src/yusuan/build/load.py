"""Load a budget input from YAML, JSON or the XLSX template, and validate it.

``load(path)`` returns the input and every problem found, each located at a sheet and cell or
a JSON path with a Chinese message. Bad data never raises; only a file that cannot be read
at all raises an ``UnreadableInput``.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from yusuan.build.input import BudgetInput
from yusuan.build.parse import parse
from yusuan.build.problems import Problem, Where
from yusuan.build.tree import Obj, from_data
from yusuan.build.validate import validate
from yusuan.build.workbook import read_workbook
from yusuan.errors import CorruptInput, EmptyInput, MissingExtra, UnreadableInput, UnsupportedFormat


def load(path: str | Path, layout: str | None = None) -> tuple[BudgetInput, list[Problem]]:
    """Read and validate a budget input file (.yaml, .yml, .json or .xlsx); ``layout`` overrides the
    input's own (``build --layout``) before validating, since some checks depend on it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".json", ".yaml", ".yml", ".xlsx"}:
        raise UnsupportedFormat(f"{path.name}（支持 .yaml、.json、.xlsx）")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{path}（{exc.strerror}）") from exc
    if not raw.strip():
        raise EmptyInput(str(path))
    if suffix == ".xlsx":
        root, problems, missing = read_workbook(path)
        budget, found = _check(root, missing, layout)
        return budget, [*problems, *found]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorruptInput(f"{path.name} 不是 UTF-8 文本") from exc
    return load_data(_parse_text(text, suffix, path.name), layout)


def _parse_text(text: str, suffix: str, name: str) -> object:
    if suffix == ".json":
        try:
            return json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise CorruptInput(f"{name}（JSON 第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from exc
    try:
        yaml = importlib.import_module("yaml")  # PyYAML is optional; JSON needs nothing
    except ImportError as exc:
        raise MissingExtra("pip install pyyaml（或改用 .json / .xlsx）") from exc
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CorruptInput(f"{name}（YAML：{exc}）") from exc


def load_data(data: object, layout: str | None = None) -> tuple[BudgetInput, list[Problem]]:
    """Validate already-parsed YAML/JSON data (floats are read through their shortest text)."""
    root = from_data(data)
    if not isinstance(root, Obj):
        budget, problems = _check(Obj(Where(path="$")), frozenset(), layout)
        return budget, [
            Problem("input.wrong_shape", Where(path="$"), {"field": "预算数据", "expected": "一组字段"}),
            *problems,
        ]
    return _check(root, frozenset(), layout)


def _check(root: Obj, missing: frozenset[str], layout: str | None) -> tuple[BudgetInput, list[Problem]]:
    budget, parser = parse(root, missing)
    if layout:
        budget = replace(budget, profile=replace(budget.profile, layout=layout))
    return budget, [*parser.problems, *validate(budget, parser.where)]
