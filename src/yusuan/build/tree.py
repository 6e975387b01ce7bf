"""A located tree: the shape of the YAML/JSON input, each value carrying where it was written.

Both the YAML/JSON loader and the workbook reader produce this tree, so one parser turns
either into a ``BudgetInput`` and every problem points at a JSON path or a sheet and cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yusuan.build.problems import Where


@dataclass(slots=True)
class Leaf:
    value: object
    where: Where


@dataclass(slots=True)
class Obj:
    where: Where
    fields: dict[str, Node] = field(default_factory=dict)


@dataclass(slots=True)
class Arr:
    where: Where
    items: list[Node] = field(default_factory=list)


Node = Leaf | Obj | Arr


def from_data(value: object, path: str = "$") -> Node:
    """Wrap parsed YAML/JSON; keys starting with ``_`` are comments and are dropped."""
    if isinstance(value, dict):
        return Obj(
            Where(path=path),
            {str(k): from_data(v, f"{path}.{k}") for k, v in value.items() if not str(k).startswith("_")},
        )
    if isinstance(value, list):
        return Arr(Where(path=path), [from_data(v, f"{path}[{i}]") for i, v in enumerate(value)])
    return Leaf(value, Where(path=path))


def child_where(parent: Obj, key: str) -> Where:
    """Where a missing key would have been written."""
    if parent.where.path is not None:
        return Where(path=f"{parent.where.path}.{key}")
    return parent.where
