"""A stored revision as the department-year page shows it: the Document JSON (``model.serialize``)
turned into tables, 说明 sections, performance targets and glossary, with each finding of the
audit placed on the element it is about.

A finding is placed by its location, the way the checks made it: most findings carry the
``where`` of the cell, row, table, indicator or sentence they are about, so an element whose
location is the same (file, line, page, sheet, table, row, column, bbox) is the place. The rest
are placed by table + row + column, table + row, table, the quoted sentence, the line, or the
page area, in that order; a finding placed nowhere is listed in the audit only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, TypeVar

_SPACE = re.compile(r"\s+")
_T = TypeVar("_T", bound="Marked")
_KEY_FIELDS = ("file", "line", "page", "sheet", "table", "row", "column", "bbox")
SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
# Chinese labels of the params the checks emit, for showing a finding's arithmetic.
PARAM_LABELS = {
    "table": "表",
    "name": "名称",
    "column": "列",
    "expected": "列示数/应为",
    "actual": "计算所得",
    "diff": "相差",
    "tolerance": "舍入误差",
    "subject": "事项",
    "stated": "说明所称",
    "amount": "本年数",
    "change": "变动额",
    "prior": "上年数",
    "word": "用词",
    "change_word": "变动用词",
    "title": "标题",
    "listed": "目录所列",
    "project": "项目",
    "period": "期间",
    "text": "文字",
    "code": "科目编码",
    "number": "编号",
    "count": "数量",
    "disclosed": "实际公开",
    "value": "值",
    "unit": "单位",
    "funds": "资金",
    "variant": "写法",
    "base": "基数",
}


def compact(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class Mark:
    """A finding of the audit, as the page shows it, and where it was placed."""

    index: int  # 1-based, in the order of the audit
    code: str
    severity: str
    message: str
    where: dict[str, Any]
    params: dict[str, Any]
    place: str = ""  # cell / row / table / indicator / target / paragraph / term / contents; "" = nowhere

    @property
    def ref(self) -> str:
        return f"finding-{self.index}"

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    @property
    def location(self) -> str:
        return describe(self.where)

    @property
    def arithmetic(self) -> str | None:
        """The sum a total finding is about: 列示数 − 计算所得 = 相差 (误差 ±t)."""
        p = self.params
        if {"expected", "actual", "diff"} <= p.keys():
            tail = f"（舍入误差 ±{p['tolerance']}）" if "tolerance" in p else ""
            return f"{p['expected']} − {p['actual']} = {p['diff']}{tail}"
        if {"amount", "change", "prior"} <= p.keys():
            return f"上年数 {p['prior']} = 本年数 {p['amount']} ∓ 变动额 {p['change']}"
        return None

    @property
    def labelled_params(self) -> list[tuple[str, str]]:
        return [(PARAM_LABELS.get(k, k), str(v)) for k, v in self.params.items()]


def describe(where: Mapping[str, Any]) -> str:
    """A short Chinese description of a location, like ``Location.describe``."""
    parts: list[str] = []
    if where.get("page") is not None:
        parts.append(f"第{where['page']}页")
    if (table := where.get("table")) is not None:
        numbered = all(c.isdigit() or c in "一二三四五六七八九十" for c in str(table))
        parts.append(f"表{table}" if numbered else f"“{table}”")
    if where.get("row") is not None:
        parts.append(f"第{where['row']}行")
    if where.get("column"):
        parts.append(f"“{where['column']}”列")
    if where.get("section"):
        parts.append(str(where["section"]))
    if where.get("line") is not None:
        parts.append(f"(文件第{where['line']}行)")
    return " ".join(parts) or str(where.get("file", ""))


@dataclass
class Marked:
    """Anything a finding can be placed on."""

    where: dict[str, Any]
    marks: list[Mark] = field(default_factory=list)

    @property
    def worst(self) -> str:
        for severity in SEVERITIES:
            if any(m.severity == severity for m in self.marks):
                return severity
        return ""


@dataclass
class CellView(Marked):
    text: str = ""
    value: str | None = None  # the exact amount as a decimal string, when the cell is an amount
    places: int | None = None


@dataclass
class RowView(Marked):
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
class Segment:
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def worst(self) -> str:
        return next((s for s in SEVERITIES if any(m.severity == s for m in self.marks)), "")


@dataclass
class ParagraphView(Marked):
    text: str = ""
    quoted: list[tuple[int, int, Mark]] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        """The text cut at the quotes findings are about, each piece with the findings on it."""
        cuts = sorted({0, len(self.text), *(s for s, _e, _m in self.quoted), *(e for _s, e, _m in self.quoted)})
        out = []
        for start, end in pairwise(cuts):
            on = [m for s, e, m in self.quoted if s <= start and end <= e]
            out.append(Segment(self.text[start:end], on))
        return out

    def place_quote(self, mark: Mark, quote: str | None) -> None:
        self.marks.append(mark)
        span = _find(self.text, quote) if quote else None
        if span:
            self.quoted.append((*span, mark))


@dataclass
class SectionView:
    part: str
    heading: ParagraphView | None
    level: int
    paragraphs: list[ParagraphView]


@dataclass
class IndicatorView(Marked):
    period: str = ""
    level1: str = ""
    level2: str = ""
    name: str = ""
    value: str = ""


@dataclass
class TargetView(Marked):
    project: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)
    goals: list[ParagraphView] = field(default_factory=list)
    indicators: list[IndicatorView] = field(default_factory=list)


@dataclass
class TermView(Marked):
    term: str = ""
    definition: str = ""


@dataclass
class ContentsView(Marked):
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


def _find(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``, ignoring whitespace (readers and checks space text differently)."""
    wanted = compact(quote)
    if not wanted:
        return None
    positions = [i for i, c in enumerate(text) if not c.isspace()]
    at = "".join(text[i] for i in positions).find(wanted)
    if at < 0:
        return None
    return positions[at], positions[at + len(wanted) - 1] + 1


def _key(where: Mapping[str, Any]) -> tuple[object, ...]:
    return tuple(tuple(v) if isinstance(v := where.get(k), list) else v for k in _KEY_FIELDS)


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
    for goal in data.get("goals", []):
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


def _marks(report: Mapping[str, Any]) -> list[Mark]:
    return [
        Mark(n, f["code"], f["severity"], f["message"], dict(f.get("where", {})), dict(f.get("params", {})))
        for n, f in enumerate(report.get("findings", []), start=1)
    ]


def _overlaps(a: object, b: object) -> bool:
    if not (isinstance(a, list | tuple) and isinstance(b, list | tuple) and len(a) == len(b) == 4):
        return False
    return bool(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


class _Placer:
    """Puts each finding on the element it is about (see the module's docstring for the order)."""

    def __init__(self, view: DocumentView) -> None:
        self.cells = [c for t in view.tables for b in t.blocks for r in b.rows for c in r.cells]
        self.rows = [r for t in view.tables for b in t.blocks for r in b.rows]
        self.indicators = [i for t in view.targets for i in t.indicators]
        self.paragraphs: list[ParagraphView] = [
            *(p for s in view.sections for p in ([s.heading] if s.heading else []) + s.paragraphs),
            *view.others,
            *(g for t in view.targets for g in t.goals),
        ]
        self.tables = view.tables
        self.targets = view.targets
        self.texts: list[Marked] = [*view.glossary, *view.contents]
        self.exact: dict[tuple[object, ...], Marked] = {}
        for kind in (self.cells, self.rows, self.indicators, self.targets, self.tables, self.paragraphs, self.texts):
            for element in kind:
                self.exact.setdefault(_key(element.where), element)

    def place(self, mark: Mark) -> None:
        where = mark.where
        element = self.exact.get(_key(where)) or self._by_table(where)
        quote = where.get("quote")
        if isinstance(element, TargetView) and quote:  # a sentence of one of its goals
            element = next((g for g in element.goals if _find(g.text, quote)), element)
        if element is not None:
            if isinstance(element, ParagraphView):
                element.place_quote(mark, where.get("quote"))
            else:
                element.marks.append(mark)
            mark.place = _PLACE[type(element)]
            return
        paragraph = self._by_text(where)
        if paragraph is not None:
            paragraph.place_quote(mark, where.get("quote"))
            mark.place = "paragraph"
            return
        for text in self.texts:
            if where.get("line") is not None and text.where.get("line") == where["line"]:
                text.marks.append(mark)
                mark.place = _PLACE[type(text)]
                return

    def _by_table(self, where: Mapping[str, Any]) -> Marked | None:
        table, row, column = where.get("table"), where.get("row"), where.get("column")
        if table is None:
            return None
        if row is not None:
            if column:
                cell = _first(
                    self.cells, lambda w: (w.get("table"), w.get("row"), w.get("column")) == (table, row, column)
                )
                if cell:
                    return cell
            found = _first(self.rows, lambda w: (w.get("table"), w.get("row")) == (table, row))
            if found:
                return found
        line = where.get("line")
        indicator = _first(
            self.indicators, lambda w: w.get("table") == table and line is not None and w.get("line") == line
        )
        if indicator:
            return indicator
        target: Marked | None = _first(self.targets, lambda w: w.get("table") == table)
        if target and not where.get("quote"):
            return target
        if target is None:
            return _first(self.tables, lambda w: w.get("table") == table)
        return None  # a quote inside a performance target: placed on its sentence below

    def _by_text(self, where: Mapping[str, Any]) -> ParagraphView | None:
        quote = compact(str(where.get("quote") or ""))
        section = where.get("section")
        if quote:
            candidates = [p for p in self.paragraphs if quote in compact(p.text)]
            same = [p for p in candidates if p.where.get("section") == section]
            if same or candidates:
                return (same or candidates)[0]
        line, page = where.get("line"), where.get("page")
        if line is not None:
            found = _first(self.paragraphs, lambda w: w.get("line") == line and w.get("file") == where.get("file"))
            if found:
                return found
        if page is not None and where.get("bbox"):
            return _first(self.paragraphs, lambda w: w.get("page") == page and _overlaps(w.get("bbox"), where["bbox"]))
        return None


def _first(elements: Iterable[_T], test: Any) -> _T | None:
    for element in elements:
        if test(element.where):
            return element
    return None


_PLACE: dict[type, str] = {
    CellView: "cell",
    RowView: "row",
    TableView: "table",
    IndicatorView: "indicator",
    TargetView: "target",
    ParagraphView: "paragraph",
    TermView: "term",
    ContentsView: "contents",
}


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
        marks=_marks(report),
    )
    placer = _Placer(view)
    for mark in view.marks:
        placer.place(mark)
    return view
