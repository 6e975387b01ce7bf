"""The input workbook (the layout of ``sheets.py``) to the located tree the parser reads.

Every value keeps its sheet and cell, so a problem says where to fix it: ``功能分类支出!C5``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yusuan.build.problems import Problem, Where
from yusuan.build.sheets import (
    DEPARTMENT_KEYS,
    FIRST_DATA_ROW,
    REPEATED_KEYS,
    SHEETS,
    Shape,
    Sheet,
)
from yusuan.build.tree import Arr, Leaf, Node, Obj
from yusuan.build.values import as_text, is_blank
from yusuan.errors import CorruptInput, MissingExtra

_PROJECT_KEYS = (
    "name",
    "amount",
    "functional_code",
    "source",
    "mid_term_funds",
    "annual_funds",
    "mid_term_goals",
    "annual_goals",
    "summary",
    "basis",
    "period",
)
_INDICATOR_KEYS = {"level1": "level1", "level2": "level2", "indicator": "name", "value": "value", "unit": "unit"}


def _column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_workbook(path: Path) -> tuple[Obj, list[Problem], frozenset[str]]:
    """The tree, the problems of the workbook's shape, and the parts whose sheet is missing."""
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is the xlsx extra
        raise MissingExtra("pip install 'yusuan[xlsx]'") from exc
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise CorruptInput(f"{path.name}（{exc}）") from exc
    root = Obj(Where(sheet="部门信息"))
    problems: list[Problem] = []
    missing: set[str] = set()
    for spec in SHEETS:
        if spec.name not in book.sheetnames:
            problems.append(Problem("input.missing_sheet", Where(sheet=spec.name), {"sheet": spec.name}))
            missing.add(spec.key)
            continue
        rows = _rows(book[spec.name], spec)
        if spec.shape is Shape.KEYS:
            _department(spec, rows, root)
        elif spec.shape is Shape.ROW:
            if rows and rows[0][0] == FIRST_DATA_ROW:
                root.fields[spec.key] = rows[0][1]
            elif spec.key != "three_public":  # a blank 三公 row means the layout has none
                root.fields[spec.key] = _blank_row(spec)
        elif spec.key == "projects":
            root.fields[spec.key] = _projects(spec, rows)
        elif spec.key == "assets":
            root.fields[spec.key] = _assets(spec, rows)
        else:
            root.fields[spec.key] = Arr(Where(sheet=spec.name), [obj for _, obj in rows])
    return root, problems, frozenset(missing)


def _rows(sheet: Any, spec: Sheet) -> list[tuple[int, Obj]]:
    """The non-blank data rows, each as an object of located leaves (headers found by name)."""
    header = {as_text(c.value): c.column for c in sheet[1] if not is_blank(c.value)}
    positions = [(col, header.get(col.header, i + 1)) for i, col in enumerate(spec.columns)]
    out = []
    for r in range(FIRST_DATA_ROW, sheet.max_row + 1):
        leaves = {
            col.key: Leaf(sheet.cell(row=r, column=c).value, Where(sheet=spec.name, cell=f"{_column_letter(c)}{r}"))
            for col, c in positions
        }
        if any(not is_blank(leaf.value) for leaf in leaves.values()):
            out.append((r, Obj(Where(sheet=spec.name, cell=f"A{r}"), dict[str, Node](leaves))))
    return out


def _blank_row(spec: Sheet) -> Obj:
    """The data row of a one-row sheet left blank: its cells, so that problems point at them."""
    cells = {
        col.key: Leaf(None, Where(sheet=spec.name, cell=f"{_column_letter(i)}{FIRST_DATA_ROW}"))
        for i, col in enumerate(spec.columns, start=1)
    }
    return Obj(Where(sheet=spec.name, cell=f"A{FIRST_DATA_ROW}"), dict[str, Node](cells))


def _department(spec: Sheet, rows: list[tuple[int, Obj]], root: Obj) -> None:
    dept = Obj(Where(sheet=spec.name))
    prior = Obj(Where(sheet=spec.name))
    final = Obj(Where(sheet=spec.name))
    keys = {label: (key, type_) for label, key, type_ in DEPARTMENT_KEYS}
    for _, row in rows:
        label = row.fields["key"]
        value, extra = row.fields["value"], row.fields["extra"]
        assert isinstance(label, Leaf) and isinstance(value, Leaf) and isinstance(extra, Leaf)
        key, _ = keys.get(as_text(label.value) or "", ("", None))
        if not key:
            continue
        if key.startswith("prior."):
            name = key.removeprefix("prior.")
            prior.fields[name], prior.fields[f"{name}_reason"] = value, extra
        elif key.startswith("final."):
            final.fields[key.removeprefix("final.")] = value
        elif key == "unit":
            root.fields["unit"] = value
        elif key in REPEATED_KEYS:
            items = dept.fields.setdefault(key, Arr(value.where))
            assert isinstance(items, Arr)
            if key == "units" and not (is_blank(value.value) and is_blank(extra.value)):
                items.items.append(Obj(value.where, {"name": value, "type": extra}))
            elif not is_blank(value.value):
                items.items.append(value)
        else:
            dept.fields[key] = value
    root.fields["department"] = dept
    root.fields["prior"] = prior
    root.fields["final"] = final


def _projects(spec: Sheet, rows: list[tuple[int, Obj]]) -> Arr:
    projects = Arr(Where(sheet=spec.name))
    current: Obj | None = None
    for _, row in rows:
        name = row.fields["name"]
        if current is None or (isinstance(name, Leaf) and not is_blank(name.value)):
            current = Obj(row.where, {k: row.fields[k] for k in _PROJECT_KEYS})
            current.fields["indicators"] = Arr(row.where)
            projects.items.append(current)
        fields = {new: row.fields[old] for old, new in _INDICATOR_KEYS.items()}
        if any(isinstance(v, Leaf) and not is_blank(v.value) for v in fields.values()):
            indicators = current.fields["indicators"]
            assert isinstance(indicators, Arr)
            indicators.items.append(Obj(row.where, fields))
    return projects


def _assets(spec: Sheet, rows: list[tuple[int, Obj]]) -> Obj:
    where = Where(sheet=spec.name)
    assets = Obj(where, {"vehicles": Arr(where), "equipment": Arr(where)})
    as_of: Node = Leaf(None, Where(sheet=spec.name, cell=f"D{FIRST_DATA_ROW}"))
    for _, row in rows:
        kind, date = row.fields["kind"], row.fields["as_of"]
        if isinstance(date, Leaf) and not is_blank(date.value) and isinstance(as_of, Leaf) and is_blank(as_of.value):
            as_of = date
        part = "equipment" if isinstance(kind, Leaf) and as_text(kind.value) == "设备" else "vehicles"
        target = assets.fields[part]
        assert isinstance(target, Arr)
        target.items.append(Obj(row.where, {"name": row.fields["name"], "count": row.fields["count"]}))
    assets.fields["as_of"] = as_of
    return assets
