"""The machinery every layout's derivation shares: a ``Builder`` that places paragraphs, sections
and tables the way the readers build them, and the sums of the input the tables print.

A layout module (``build/derive.py`` for Anhui, ``build/layouts/*.py`` for the others) calls the
builder in document order; ``Builder.document()`` then assembles the ``Document``. Rows are
``Line`` values (code, label, level, amounts) until the builder places them, so that a layout
only says what it prints, never how a row's role, location or cell is made. Amounts are in the
input's unit and converted exactly to a table's unit (万元 → 元 multiplies by 10 000).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from yusuan.build.input import BudgetInput, FunctionalLine, FundingSource
from yusuan.build.wording import ECONOMIC_CLASSES, chinese_number
from yusuan.catalogs import codes
from yusuan.model.codes import CodeSystem
from yusuan.model.document import (
    Block,
    Cell,
    Column,
    ContentsEntry,
    Document,
    DocumentKind,
    Paragraph,
    Row,
    RowRole,
    Scope,
    Section,
    Table,
    Term,
)
from yusuan.model.location import Location
from yusuan.model.money import ZERO, Amount, Unit
from yusuan.model.performance import PerformanceTarget
from yusuan.read.narrative import extract_claims, extract_statements
from yusuan.read.recognize import _HEADING2, _is_heading

TEN_THOUSAND = Decimal(10000)
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Line:
    """A body row before it is placed: its code, label, level and amounts (None: blank cell)."""

    code: str | None
    label: str
    level: int
    amounts: tuple[Decimal | None, ...]
    total: bool = False


@dataclass
class Builder:
    budget: BudgetInput
    file: str
    line: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    contents: list[ContentsEntry] = field(default_factory=list)
    performance: list[PerformanceTarget] = field(default_factory=list)
    part: str = ""
    title_prefix: str = "部门"  # 2023年部门… (Anhui); "" prints the layout's title after the year as given

    @property
    def unit(self) -> Unit:
        return self.budget.unit

    @property
    def name(self) -> str:
        return self.budget.profile.name

    @property
    def year(self) -> int:
        return self.budget.profile.year

    def next_line(self) -> int:
        self.line += 1
        return self.line

    def where(self, section: str, table: str | None = None) -> Location:
        return Location(file=self.file, line=self.next_line(), table=table, section=section)

    # --- text ---------------------------------------------------------------------------------

    def paragraph(self, text: str, section: str | None = None) -> Paragraph:
        paragraph = Paragraph(text, self.where(section or self.part))
        self.paragraphs.append(paragraph)
        return paragraph

    def start_part(self, part: str) -> None:
        self.part = part
        self.paragraph(part, part)

    def section(self, number: str, level: int, heading: str, texts: Iterable[str]) -> None:
        """A heading (一、… / (一)…) and its paragraphs, as a reader makes a Section of them."""
        head = f"{number}、{heading}" if level == 1 else f"({number}){heading}"
        path = f"{self.part} {head}"
        heading_line = self.paragraph(head, path)
        body = (heading_line, *(self.paragraph(text, path) for text in texts))  # a reader keeps the heading
        self.sections.append(Section(self.part, head, number, level, body, heading_line.where))

    def outline(self, number: str, heading: str, texts: Iterable[str]) -> None:
        """A 一、 heading and lines numbered （一）…: a short line reads as a (一) heading, so it opens a
        section of its own (with the longer lines after it), the way a reader takes the printed text."""
        groups: list[tuple[str, list[str]]] = [("", [])]
        for text in texts:
            if _is_heading(text) and _HEADING2.match(text):
                groups.append((text, []))
            else:
                groups[-1][1].append(text)
        self.section(number, 1, heading, groups[0][1])
        for head, body in groups[1:]:
            match = _HEADING2.match(head)
            assert match is not None
            path = f"{self.part} {head}"
            heading_line = self.paragraph(head, path)
            paragraphs = (heading_line, *(self.paragraph(text, path) for text in body))
            self.sections.append(Section(self.part, head, match.group(1), 2, paragraphs, heading_line.where))

    # --- tables -------------------------------------------------------------------------------

    def cell(self, value: Decimal | None, where: Location, column: Column, unit: Unit | None = None) -> Cell:
        if value is None:
            return Cell("", None, where.with_(column=column.label))
        unit = unit or self.unit
        value = convert(value, self.unit, unit).quantize(CENT)
        return Cell(f"{value:,.2f}", Amount(value, unit, 2), where.with_(column=column.label))

    def block(
        self, side: str, columns: tuple[Column, ...], lines: Sequence[Line], number: str, unit: Unit | None = None
    ) -> Block:
        rows = []
        for i, line in enumerate(lines):
            deeper = i + 1 < len(lines) and not lines[i + 1].total and lines[i + 1].level > line.level
            role = RowRole.TOTAL if line.total else RowRole.PARENT if deeper else RowRole.DETAIL
            where = Location(file=self.file, line=self.line + 1 + i, table=number, row=i + 1, section=self.part)
            cells = tuple(self.cell(v, where, c, unit) for v, c in zip(line.amounts, columns, strict=True))
            rows.append(Row(i + 1, line.code, line.label, line.level, role, cells, where))
        return Block(side, columns, tuple(rows))

    def table(
        self,
        number: str,
        title: str,
        kind: str,
        header: tuple[tuple[str, ...], ...],
        blocks: Sequence[tuple[str, tuple[Column, ...], Sequence[Line]]],
        note: str | None = None,
        unit: Unit | None = None,
    ) -> None:
        """Place a table: its number, title (after the year), header rows and blocks of lines, in
        ``unit`` (default the input's)."""
        unit = unit or self.unit
        where = self.where(self.part, number)
        built = tuple(self.block(side, columns, lines, number, unit) for side, columns, lines in blocks)
        self.line += max((len(b.rows) for b in built), default=0) + len(header)
        prefix = self.title_prefix
        full_title = f"{self.year}年{title}" if title.startswith(prefix) else f"{self.year}年{prefix}{title}"
        self.tables.append(Table(number, full_title, kind, self.name, unit, header, built, note, where))
        if note:
            self.paragraph(note)


# --- amounts ------------------------------------------------------------------------------------


def convert(value: Decimal, source: Unit, target: Unit) -> Decimal:
    """An amount in another unit: exact from 万元 to 元; from 元 to 万元 to the cent of 万元."""
    if source == target:
        return value
    if target == Unit.YUAN:
        return value * TEN_THOUSAND
    return (value / TEN_THOUSAND).quantize(CENT)


def blank(value: Decimal) -> Decimal | None:
    return None if value == ZERO else value


def code_name(system: CodeSystem, code: str) -> str:
    names = codes(system).names(code)
    return names[0] if names else code


def only(budget: BudgetInput, source: FundingSource | None) -> BudgetInput:
    """The input restricted to the 项 lines funded from one source (None: all of them)."""
    if source is None:
        return budget
    return replace(budget, functional=tuple(f for f in budget.functional if f.source == source))


def functional_lines(budget: BudgetInput) -> list[Line]:
    """合计, then each 类 / 款 / 项 with 合计 | 基本 | 项目; parents are exact sums of their 项."""
    lines = [Line(None, "合计", 0, triple(budget.basic_total(), budget.project_total()), total=True)]
    classes = budget.rollup(3)
    sections = budget.rollup(5)
    seen: set[str] = set()
    for item, name, basic, project in sorted(merged_items(budget)):  # each 项 under its own 类 and 款
        for code, level, sums in ((item[:3], 1, classes), (item[:5], 2, sections)):
            if code not in seen:
                seen.add(code)
                lines.append(Line(code, code_name(CodeSystem.FUNCTIONAL, code), level, triple(*sums[code])))
        lines.append(Line(item, name, 3, triple(basic, project)))
    return lines


def by_source(
    budget: BudgetInput, groups: Sequence[tuple[FundingSource, ...]], received: bool = False
) -> Callable[[str], tuple[Decimal | None, ...]]:
    """The amounts of the income tables' row of a code prefix ("" for all): 合计, then the money of
    each group of sources (blank where there is none). A budget's income is what its lines spend; a
    决算's (``received``) what they spent and carried forward less what they brought in."""

    def value(line: FunctionalLine) -> Decimal:
        return line.received if received else line.total

    def amounts(prefix: str) -> tuple[Decimal | None, ...]:
        lines = [f for f in budget.functional if f.code.startswith(prefix)]
        parts = [sum((value(f) for f in lines if f.source in sources), ZERO) for sources in groups]
        return (sum((value(f) for f in lines), ZERO), *(blank(p) for p in parts))

    return amounts


def coded_lines(budget: BudgetInput, amounts: Callable[[str], tuple[Decimal | None, ...]]) -> list[Line]:
    """Each 类, 款 and 项 of the input in code order (a 项 once, by its first name), amounts by code."""
    lines: list[Line] = []
    seen: set[str] = set()
    for item in sorted(budget.functional, key=lambda f: f.code):
        for code, level in ((item.code[:3], 1), (item.code[:5], 2), (item.code, 3)):
            if code not in seen:
                seen.add(code)
                name = item.name if level == 3 else code_name(CodeSystem.FUNCTIONAL, code)
                lines.append(Line(code, name, level, amounts(code)))
    return lines


def merged_items(budget: BudgetInput) -> list[tuple[str, str, Decimal, Decimal]]:
    """(code, name, basic, project) of each 项 in first-seen order: a 项 paid from two sources is
    entered once per source and printed once where the table spans sources (its first name)."""
    names = {f.code: f.name for f in reversed(budget.functional)}
    return [(code, names[code], basic, project) for code, (basic, project) in budget.rollup(7).items()]


def triple(basic: Decimal, project: Decimal) -> tuple[Decimal | None, ...]:
    return (blank(basic + project), blank(basic), blank(project))


def economic_lines(
    budget: BudgetInput, split: Callable[[str, Decimal], tuple[Decimal | None, ...]] = lambda _c, a: (a,)
) -> list[Line]:
    """合计, then each 类 and its 款 lines; ``split`` gives a row's amounts from its code and sum."""
    lines = [Line(None, "合计", 0, split("", budget.economic_total()), total=True)]
    seen: set[str] = set()
    for item in budget.economic:
        code = item.code[:3]
        if code not in seen:
            seen.add(code)
            name = ECONOMIC_CLASSES.get(code) or code_name(CodeSystem.ECONOMIC, code)
            lines.append(Line(code, name, 1, split(code, budget.economic_class_total(code))))
        lines.append(Line(item.code, item.name, 2, split(item.code, item.amount)))
    return lines


def class_sums(budget: BudgetInput, *sources: FundingSource) -> dict[str, dict[FundingSource, Decimal]]:
    out: dict[str, dict[FundingSource, Decimal]] = {}
    for item in budget.functional:
        if item.source in sources:
            by_source = out.setdefault(item.code[:3], {})
            by_source[item.source] = by_source.get(item.source, ZERO) + item.total
    return out


FISCAL = (FundingSource.GENERAL_PUBLIC_BUDGET, FundingSource.GOVERNMENT_FUND, FundingSource.STATE_CAPITAL)


def assets_text(budget: BudgetInput, name: str) -> str:
    """截至 … 共有车辆 N 辆，其中：… — the categories sum to the total by construction."""
    assets = budget.assets
    when = assets.as_of
    text = f"截至 {when.year} 年 {when.month} 月 {when.day} 日，" if when is not None else ""
    text += f"{name}共有车辆 {assets.vehicle_count} 辆"
    if assets.vehicles:
        text += "，其中：" + "，".join(f"{v.name} {v.count} 辆" for v in assets.vehicles)
    text += "。"
    if assets.equipment:
        text += "，".join(f"{e.name} {e.count} 台（套）" for e in assets.equipment) + "。"
    return text


def glossary(b: Builder, part: str) -> tuple[Term, ...]:
    """名词解释: the input's terms numbered 一、…, as one section without a heading."""
    b.start_part(part)
    terms = []
    body = []
    for i, term in enumerate(b.budget.glossary, 1):
        paragraph = b.paragraph(f"{chinese_number(i)}、{term.term}：{term.definition}")
        body.append(paragraph)
        terms.append(Term(term.term, term.definition, paragraph.where))
    if body:  # the part reads as one section without a heading, its terms as paragraphs
        b.sections.append(Section(part, "", "", 1, tuple(body), body[0].where))
    return tuple(terms)


def assemble(
    b: Builder,
    title: str,
    layout: str,
    overview: tuple[str, str, Sequence[str]],
    tables_part: str,
    terms: tuple[Term, ...],
) -> Document:
    """The Document of what the builder placed; its 目录 lists the overview headings, then the tables.

    ``overview`` is (part, numbering style "1" or "一", headings).
    """
    profile = b.budget.profile
    paragraphs = tuple(b.paragraphs)
    part, style, headings = overview
    where = Location(file=b.file, line=0, section=part)
    numbers = [str(i) if style == "1" else chinese_number(i) for i in range(1, len(headings) + 1)]
    contents = (
        *(ContentsEntry(part, n, heading, where) for n, heading in zip(numbers, headings, strict=True)),
        *(ContentsEntry(tables_part, t.number or "", f"{profile.name} {t.title}", t.where) for t in b.tables),
    )
    return Document(
        file=b.file,
        title=title,
        department=profile.name,
        year=profile.year,
        kind=DocumentKind(profile.kind.value),
        scope=Scope(profile.scope.value),
        layout=layout,
        contents=contents,
        tables=tuple(b.tables),
        sections=tuple(b.sections),
        statements=tuple(extract_statements(paragraphs, profile.year)),
        claims=tuple(extract_claims(paragraphs)),
        glossary=terms,
        paragraphs=paragraphs,
        performance=tuple(b.performance),
    )
