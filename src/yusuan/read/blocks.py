"""What every format reader produces: text lines and grids of cell strings, each with its location.

The recognition step (``recognize``) maps these to the model the same way whatever the format,
so a PDF, a Word file, a workbook and a text file of one disclosure give one Document.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.model.location import Location

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line (or paragraph) of running text."""

    text: str
    where: Location


@dataclass(frozen=True, slots=True)
class Grid:
    """Rows of cell text; ``wheres`` locates each row, ``boxes`` each cell on its page where known."""

    rows: tuple[tuple[str, ...], ...]
    wheres: tuple[Location, ...]
    boxes: tuple[tuple[BBox | None, ...], ...] | None = None

    @property
    def where(self) -> Location:
        return self.wheres[0]


Block = TextLine | Grid
