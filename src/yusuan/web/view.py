"""A stored revision as the department-year page shows it: the Document JSON (``model.serialize``)
turned into tables as printed, 说明 sections, performance targets, glossary and 目录, with each
finding of the audit placed on its element (``web.placing``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from yusuan.web.marks import Mark, Marked, ParagraphView, compact, find_quote, marks_of
from yusuan.web.placing import Placer


@dataclass
class CellView(Marked):
    place: ClassVar[str] = "cell"
    text: str = ""
    value: str | None = None  # the exact amount as a decimal string, when the cell is an amount
    places: int | None = None


@dataclass
class RowView(Marked):
    place: ClassVar[str] = "row"
    number: int = 0
    code: str | None = None
    label: str = ""
    level: int = 1
    role: str = "detail"
    cells: list[CellView] = field(default_factory=list)


@dataclass
class BlockView:
    side: str
    columns: list[str]
    has_code: bool
    rows: list[RowView]

    @property
    def width(self) -> int:
        return int(self.has_code) + 1 + len(self.columns)


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1


@dataclass
class TableView(Marked):
    place: ClassVar[str] = "table"
    index: int = 0
    number: str | None = None
    title: str = ""
    kind: str | None = None
    department: str | None = None
    unit: str = ""
    header: list[list[HeaderCell]] = field(default_factory=list)
    blocks: list[BlockView] = field(default_factory=list)
    note: str | None = None
    complete: bool = True

    @property
    def anchor(self) -> str:
        return f"table-{self.index}"

    @property
    def label(self) -> str:
        return f"表{self.number}" if self.number else self.title

    @property
    def empty(self) -> bool:
        return not any(c.value is not None for b in self.blocks for r in b.rows for c in r.cells)

    @property
    def lines(self) -> list[list[RowView | None]]:
        """Body lines as printed: the blocks side by side, row by row."""
        height = max((len(b.rows) for b in self.blocks), default=0)
        return [[b.rows[i] if i < len(b.rows) else None for b in self.blocks] for i in range(height)]


@dataclass
class SectionView:
    part: str
    heading: ParagraphView | None
    level: int
    paragraphs: list[ParagraphView]


@dataclass
class IndicatorView(Marked):
    place: ClassVar[str] = "indicator"
    period: str = ""
    level1: str = ""
    level2: str = ""
    name: str = ""
    value: str = ""


@dataclass
class TargetView(Marked):
    place: ClassVar[str] = "target"
    project: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)
    goals: list[ParagraphView] = field(default_factory=list)
    indicators: list[IndicatorView] = field(default_factory=list)

    def inner(self, quote: str | None) -> Marked:
        """A sentence quoted from one of its goals is marked on that goal."""
        return next((g for g in self.goals if quote and find_quote(g.text, quote)), self)


@dataclass
class TermView(Marked):
    place: ClassVar[str] = "term"
    term: str = ""
    definition: str = ""


@dataclass
class ContentsView(Marked):
    place: ClassVar[str] = "contents"
    part: str = ""
    number: str = ""
    title: str = ""


@dataclass
class DocumentView:
    title: str
    unit: str
    contents: list[ContentsView]
    tables: list[TableView]
    sections: list[SectionView]
    others: list[ParagraphView]  # text outside the sections and table notes (part headings …)
    targets: list[TargetView]
    glossary: list[TermView]
    marks: list[Mark]

    @property
    def unplaced(self) -> list[Mark]:
        return [m for m in self.marks if not m.place]


def _amount(data: Mapping[str, Any] | None) -> tuple[str | None, int | None]:
    if not data:
        return None, None
    return str(data["value"]), int(data.get("places", 0))


def _header(rows: list[list[str]], starts: set[int]) -> list[list[HeaderCell]]:
    """The printed header. An empty cell joins the heading on its left when the row below has a
    sub-heading under it (a spanning heading), never across the start of a side (收入 | 支出)."""
    out: list[list[HeaderCell]] = []
    for r, row in enumerate(rows):
        below = rows[r + 1] if r + 1 < len(rows) else None
        cells: list[HeaderCell] = []
        for j, text in enumerate(row):
            spans = not text and cells and j not in starts and below is not None and j < len(below) and below[j]
            if spans:
                cells[-1].colspan += 1
            else:
                cells.append(HeaderCell(text))
        out.append(cells)
    return out


def table_view(index: int, data: Mapping[str, Any]) -> TableView:
    """A table of the Document JSON as printed: header rows, blocks side by side (no findings placed)."""
    blocks = []
    for block in data.get("blocks", []):
        columns = [c.get("label") or c.get("key", "") for c in block.get("columns", [])]
        rows = []
        for row in block.get("rows", []):
            cells = [
                CellView(cell.get("where", {}), [], cell.get("text", ""), *_amount(cell.get("amount")))
                for cell in row.get("cells", [])
            ]
            rows.append(
                RowView(
                    row.get("where", {}),
                    [],
                    row.get("number", 0),
                    row.get("code"),
                    row.get("label", ""),
                    row.get("level", 1),
                    row.get("role", "detail"),
                    cells,
                )
            )
        blocks.append(BlockView(block.get("side", ""), columns, any(r.code for r in rows), rows))
    width = sum(b.width for b in blocks)
    printed = data.get("header", [])
    starts, at = set(), 0
    for before, block in zip([None, *blocks], blocks, strict=False):
        if before is not None and before.side != block.side:
            starts.add(at)
        at += block.width
    if printed and (all(len(h) == width for h in printed) or not any(b.rows for b in blocks)):
        header = _header(printed, starts)
    else:  # the printed header does not line up with the columns read: say what each column is
        header = [[HeaderCell(t) for b in blocks for t in (["编码"] if b.has_code else []) + ["项目", *b.columns]]]
    return TableView(
        data.get("where", {}),
        [],
        index,
        data.get("number"),
        data.get("title", ""),
        data.get("kind"),
        data.get("department"),
        data.get("unit", ""),
        header,
        blocks,
        data.get("note"),
        data.get("complete", True),
    )


def _paragraph(data: Mapping[str, Any]) -> ParagraphView:
    return ParagraphView(data.get("where", {}), [], data.get("text", ""))


def _sections(data: list[dict[str, Any]], skip_glossary: bool) -> list[SectionView]:
    out = []
    for section in data:
        if skip_glossary and "名词解释" in section.get("part", ""):
            continue
        paragraphs = [_paragraph(p) for p in section.get("paragraphs", [])]
        heading_text = compact(section.get("heading", ""))
        heading = None
        if paragraphs and heading_text and compact(paragraphs[0].text).startswith(heading_text):
            heading = paragraphs.pop(0)
        elif heading_text:
            heading = ParagraphView(section.get("where", {}), [], section.get("heading", ""))
        out.append(SectionView(section.get("part", ""), heading, section.get("level", 1), paragraphs))
    return out


def _funds(label: str, funds: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for key, name in (("total", "资金总额"), ("fiscal", "其中：财政拨款"), ("other", "其他资金")):
        if amount := funds.get(key):
            yield f"{label}{name}", f"{amount['value']} {amount.get('unit', '')}".strip()


def _target(data: Mapping[str, Any]) -> TargetView:
    details = [
        (label, str(data[key]))
        for key, label in (
            ("implementer", "实施单位"),
            ("leader", "项目负责人"),
            ("phone", "联系电话"),
            ("period_text", "项目期"),
        )
        if data.get(key)
    ]
    details += [*_funds("中期", data.get("mid_term", {})), *_funds("年度", data.get("annual", {}))]
    where = data.get("where", {})
    seen: set[str] = set()
    goals = []
    for goal in [*data.get("goals", []), *data.get("annual_goals", [])]:
        if goal not in seen:  # a goal printed in both the mid-term and the annual column
            seen.add(goal)
            goals.append(ParagraphView(where, [], goal))
    indicators = [
        IndicatorView(
            i.get("where", {}),
            [],
            "中期" if i.get("period") == "mid" else "年度",
            i.get("level1", ""),
            i.get("level2", ""),
            i.get("name", ""),
            i.get("value", ""),
        )
        for i in data.get("indicators", [])
    ]
    return TargetView(where, [], data.get("project", ""), details, goals, indicators)


def document_view(document: Mapping[str, Any], report: Mapping[str, Any], unit: str = "") -> DocumentView:
    """The page's view of a stored document, with every finding of its audit placed."""
    glossary = [
        TermView(t.get("where", {}), [], t.get("term", ""), t.get("definition", ""))
        for t in document.get("glossary", [])
    ]
    tables = [table_view(i, t) for i, t in enumerate(document.get("tables", []), start=1)]
    in_sections = {compact(p.get("text", "")) for s in document.get("sections", []) for p in s.get("paragraphs", [])}
    notes = {compact(t.note) for t in tables if t.note}
    others = [
        _paragraph(p)
        for p in document.get("paragraphs", [])
        if compact(p.get("text", "")) not in in_sections | notes
        and "目录" not in str(p.get("where", {}).get("section", ""))
    ]
    view = DocumentView(
        title=document.get("title", ""),
        unit=unit,
        contents=[
            ContentsView(c.get("where", {}), [], c.get("part", ""), c.get("number", ""), c.get("title", ""))
            for c in document.get("contents", [])
        ],
        tables=tables,
        sections=_sections(document.get("sections", []), skip_glossary=bool(glossary)),
        others=others,
        targets=[_target(t) for t in document.get("performance", [])],
        glossary=glossary,
        marks=marks_of(report),
    )
    placer = Placer(
        cells=[c for t in view.tables for b in t.blocks for r in b.rows for c in r.cells],
        rows=[r for t in view.tables for b in t.blocks for r in b.rows],
        indicators=[i for t in view.targets for i in t.indicators],
        targets=view.targets,
        tables=view.tables,
        paragraphs=[
            *(p for s in view.sections for p in ([s.heading] if s.heading else []) + s.paragraphs),
            *view.others,
            *(g for t in view.targets for g in t.goals),
        ],
        texts=[*view.glossary, *view.contents],
    )
    for mark in view.marks:
        placer.place(mark)
    return view
