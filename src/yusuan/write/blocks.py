"""A Document → the ordered blocks a publication prints: the one layout every writer shares.

The order is the one the readers recognise: the title, the 目录, then the body in document
order — part headings and paragraphs, and for each table ``表 N``, its title, ``部门名称``,
``单位``, the grid (header rows, then body rows) and its ``注`` lines. Body rows are laid out
code | name | amounts per block, blocks side by side (收入 | 支出), totals on the last line.
Performance targets are printed as a 项目支出绩效目标申报表 grid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from yusuan.model.document import Document, Paragraph, Row, RowRole, Table
from yusuan.model.location import Location
from yusuan.model.money import Amount
from yusuan.model.performance import Funds, Indicator, PerformanceTarget


class Style(StrEnum):
    TITLE = "title"
    CONTENTS = "contents"
    PART = "part"
    PARAGRAPH = "paragraph"
    TABLE_NUMBER = "table-number"
    TABLE_TITLE = "table-title"
    TABLE_META = "table-meta"
    NOTE = "note"


class CellKind(StrEnum):
    HEADER = "header"
    CODE = "code"
    LABEL = "label"
    AMOUNT = "amount"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    style: Style


@dataclass(frozen=True, slots=True)
class GridCell:
    text: str
    kind: CellKind


@dataclass(frozen=True, slots=True)
class Grid:
    """A table's grid: ``header`` rows first (they repeat on each printed page), then the body."""

    rows: tuple[tuple[GridCell, ...], ...]
    header: int
    merge_first_row: bool = False  # header cells of the first row span the blank cells after them
    spans: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # rows printed with merged cells
    widths: tuple[float, ...] = ()  # the columns' shares of the width, where the layout sets them


def row_spans(grid: Grid, i: int) -> list[tuple[int, int]]:
    """The (start, end) column ranges of row ``i`` as printed: a merged first header row's cells
    span the blank cells after them, a row of ``spans`` is printed so (项目名称 | the name over six
    columns), any other row has a cell per column. Readers take a spanning cell back as its text
    followed by blanks, so the grid is unchanged."""
    if i in grid.spans:
        return list(grid.spans[i])
    row = grid.rows[i]
    if i == 0 and grid.merge_first_row:
        out: list[tuple[int, int]] = []
        j = 0
        while j < len(row):
            end = j + 1
            if row[j].text:
                while end < len(row) and not row[end].text:
                    end += 1
            out.append((j, end))
            j = end
        return out
    return [(j, j + 1) for j in range(len(row))]


@dataclass(frozen=True, slots=True)
class TableLayout:
    """One table as printed: its title lines, grid and notes (``name`` names an XLSX sheet)."""

    name: str
    titles: tuple[Text, ...]
    grid: Grid
    notes: tuple[Text, ...]
    own_page: bool = False  # a 申报表 starts a page, as the attachments of a publication do


Item = Text | TableLayout

_NOTE = re.compile(r"^注\s*[:：]")
_TITLE_SUFFIX = re.compile(r"^(.*表)\s*([（(][^（）()]{1,12}[）)])$")
_CHINESE_NUMBER = re.compile(r"^[一二三四五六七八九十]+$")
PERFORMANCE_TITLE = "项目支出绩效目标申报表"


def layout(document: Document) -> list[Item]:
    """The document as the ordered text lines and tables a publication prints."""
    items: list[Item] = [Text(document.title, Style.TITLE)]
    items.extend(contents(document))
    placed: list[tuple[tuple[int, int, int], int, Item | Paragraph]] = []
    ranks = _sheet_ranks(document)
    order = 0
    for paragraph in document.paragraphs:
        placed.append((_position(paragraph.where, ranks), order, paragraph))
        order += 1
    note_texts = {p.text for p in document.paragraphs if _NOTE.match(p.text)}
    for table in document.tables:
        placed.append((_position(table.where, ranks), order, table_layout(table, note_texts)))
        order += 1
    for target in document.performance:
        placed.append((_position(target.where, ranks), order, performance_layout(target)))
        order += 1
    parts = {" ".join(e.part.split()) for e in document.contents} | {
        " ".join(s.part.split()) for s in document.sections
    }
    for _key, _order, item in sorted(placed, key=lambda x: (x[0], x[1])):
        last = items[-1]
        if isinstance(item, Paragraph) and _NOTE.match(item.text) and isinstance(last, TableLayout):
            items[-1] = replace(last, notes=(*last.notes, Text(item.text, Style.NOTE)))  # the table's 注
            continue
        if isinstance(item, Paragraph):
            style = Style.PART if " ".join(item.text.split()) in parts else Style.PARAGRAPH
            items.append(Text(item.text, Style.NOTE if _NOTE.match(item.text) else style))
        else:
            items.append(item)
    return items


def contents(document: Document) -> Iterator[Text]:
    """目录: the heading, each part once, then its entries (``1.主要职责``)."""
    if not document.contents:
        return
    yield Text("目录", Style.CONTENTS)
    part = None
    for entry in document.contents:
        if entry.part and entry.part != part:
            part = entry.part
            yield Text(entry.part, Style.CONTENTS)
        mark = "、" if _CHINESE_NUMBER.match(entry.number) else "."
        yield Text(f"{entry.number}{mark}{entry.title}", Style.CONTENTS)


def _sheet_ranks(document: Document) -> dict[str | None, int]:
    """Sheets (of a workbook read in) in the order the document's parts come in it."""
    sheets: list[str | None] = [None]
    if document.paragraphs:
        sheets.append(document.paragraphs[0].where.sheet)
    sheets.extend(t.where.sheet for t in document.tables)
    sheets.extend(p.where.sheet for p in document.performance)
    sheets.extend(p.where.sheet for p in document.paragraphs)
    ranks: dict[str | None, int] = {}
    for sheet in sheets:
        ranks.setdefault(sheet, len(ranks))
    return ranks


def _position(where: Location, ranks: dict[str | None, int]) -> tuple[int, int, int]:
    return ranks.get(where.sheet, 0), where.page or 0, where.line or 0


# --- tables -----------------------------------------------------------------------------------


def column_shares(grid: Grid) -> list[float]:
    """Each column's share of the table's width, as wide as its longest line needs (科目名称 wide,
    编码 and amounts narrow, 4 to 16 characters); a heading may wrap onto two lines, and a merged
    first header row spans its columns anyway, as do the merged cells of a row of ``spans``. A layout
    that sets ``widths`` (the 申报表's equal halves) has those. DOCX and the printed HTML use the same
    widths."""
    if grid.widths:
        return list(grid.widths)
    width = len(grid.rows[0])
    need = [4.0] * width
    for i, row in enumerate(grid.rows):
        for start, end in row_spans(grid, i) if i in grid.spans else [(j, j + 1) for j in range(width)]:
            if end - start > 1:
                continue
            longest = max((len(line) for line in row[start].text.split("\n")), default=0)
            if i < grid.header:
                longest = longest // 2 if not (grid.merge_first_row and i == 0) else 0
            need[start] = max(need[start], min(float(longest), 16.0))
    total = sum(need)
    return [n / total for n in need]


def table_layout(table: Table, note_texts: frozenset[str] | set[str] = frozenset()) -> TableLayout:
    """表 N, title, 部门名称, 单位, the grid, and the 注 when no paragraph of the document holds it."""
    titles = []
    if table.number and not table.number.isdigit():  # 一、收入支出决算总表: readers take 表 N as digits only
        titles.append(Text(f"{table.number}、{table.title}", Style.TABLE_TITLE))
    else:
        if table.number:
            titles.append(Text(f"表 {table.number}", Style.TABLE_NUMBER))
        titles.append(Text(table.title, Style.TABLE_TITLE))
    if table.department:
        titles.append(Text(f"部门名称：{table.department}", Style.TABLE_META))
    titles.append(Text(f"单位：{table.unit.value}", Style.TABLE_META))
    notes: tuple[Text, ...] = ()
    if table.note and not any(text in table.note for text in note_texts):
        notes = (Text(table.note, Style.NOTE),)
    name = table.title or table.label
    return TableLayout(name, tuple(titles), table_grid(table), notes)


def table_grid(table: Table) -> Grid:
    """Header rows as printed, then the blocks' rows side by side (a block's total on the last line)."""
    header = [tuple(GridCell(text, CellKind.HEADER) for text in row) for row in table.header]
    widths = _label_widths(table)
    height = max((len(b.rows) for b in table.blocks), default=0)
    columns: list[list[tuple[GridCell, ...]]] = []
    for block, labels in zip(table.blocks, widths, strict=True):
        rows = [_row_cells(row, labels) for row in block.rows]
        blank = tuple(GridCell("", CellKind.TEXT) for _ in range(labels + len(block.columns)))
        tail = rows[-1:] if block.rows and block.rows[-1].role == RowRole.TOTAL and len(block.rows) > 1 else []
        body = rows[: len(rows) - len(tail)]
        columns.append(body + [blank] * (height - len(body) - len(tail)) + tail)
    body_rows = [tuple(cell for column in columns for cell in column[i]) for i in range(height)]
    width = max((len(r) for r in header + body_rows), default=0)
    padded = [r + tuple(GridCell("", CellKind.TEXT) for _ in range(width - len(r))) for r in header + body_rows]
    return Grid(tuple(padded), len(header), merge_first_row=len(header) > 1)


def _label_widths(table: Table) -> list[int]:
    """How many label columns (code, name) each block prints before its amounts: none when the
    header has no room for one and no row has a label (the 三公 tables' one unnamed row)."""
    wanted = [2 if any(r.code for r in b.rows) else 1 for b in table.blocks]
    width = max((len(r) for r in table.header), default=0)
    spare = width - sum(len(b.columns) for b in table.blocks)
    if table.header and spare == 0 and not any(r.code or r.label for b in table.blocks for r in b.rows):
        return [0] * len(table.blocks)
    if not table.blocks or spare <= 0 or spare == sum(wanted):
        return wanted
    if len(table.blocks) == 1:
        return [spare]
    wanted[-1] += spare - sum(wanted)  # what is left goes to the last block
    return [max(w, 1) for w in wanted]


def _row_cells(row: Row, labels: int) -> tuple[GridCell, ...]:
    cells: list[GridCell] = []
    if labels >= 2:
        codes = _split_code(row.code or "", labels - 1)
        cells.extend(GridCell(c, CellKind.CODE) for c in codes)
        cells.append(GridCell(row.label, CellKind.LABEL))
    elif labels == 1:
        label = f"{row.code} {row.label}".strip() if row.code else row.label
        cells.append(GridCell(label, CellKind.LABEL))
    cells.extend(GridCell(c.text, CellKind.AMOUNT if c.amount is not None else CellKind.TEXT) for c in row.cells)
    return tuple(cells)


def _split_code(code: str, columns: int) -> list[str]:
    """A code in one column, or split across 类 | 款 | 项 columns (201 | 03 | 01)."""
    if columns == 1 or not code:
        return [code] + [""] * (columns - 1)
    parts = [code[:3], code[3:5], code[5:7]][:columns]
    return [*parts, *[""] * (columns - len(parts))]


# --- performance targets ------------------------------------------------------------------------


def performance_layout(target: PerformanceTarget) -> TableLayout:
    """The 申报表 as a grid its reader takes back: fields, funds, goals, indicators by period.

    Seven columns, as the indicators need (一级 | 二级 三级 指标值 of the mid term | of the year); the
    rows above them merge cells on the same plan, label | three columns | label | two columns (a
    field's value over all six), so that a row's parts stand over the same columns on every page:
    中期 things in columns 2–4, 年度 things from column 5 on."""
    title = target.where.table or PERFORMANCE_TITLE
    split = _TITLE_SUFFIX.match(title)
    titles = (
        (Text(split.group(1), Style.TABLE_TITLE), Text(split.group(2), Style.TABLE_META))
        if split
        else (Text(title, Style.TABLE_TITLE),)
    )
    whole, halves, goal_halves = ((0, 1), (1, 7)), ((0, 1), (1, 4), (4, 5), (5, 7)), ((0, 1), (1, 4), (4, 7))
    rows: list[tuple[list[str], tuple[tuple[int, int], ...] | None]] = [(["项目名称", target.project], whole)]
    if target.implementer:
        rows.append((["实施单位", target.implementer], whole))
    if target.leader and target.phone:
        rows.append((["项目负责人", target.leader, "", "", "联系电话", target.phone, ""], halves))
    elif target.leader or target.phone:
        rows.append((["项目负责人", target.leader] if target.leader else ["联系电话", target.phone or ""], whole))
    if target.period_text:
        rows.append((["项目起止时间", target.period_text], whole))
    rows.extend((row, halves) for row in _funds_rows(target.mid_term, target.annual))
    # 总体目标 on every goal row, as 一级指标 on every indicator's: a lone goal atop a page would be
    # taken for a title by PDF readers
    if target.annual_goals:
        rows.append((["总体目标", "中期目标", "", "", "年度目标", "", ""], goal_halves))
        for k in range(max(len(target.goals), len(target.annual_goals))):
            mid = target.goals[k] if k < len(target.goals) else ""
            annual = target.annual_goals[k] if k < len(target.annual_goals) else ""
            rows.append((["总体目标", mid, "", "", annual, "", ""], goal_halves))
    else:
        rows.extend((["总体目标", goal], whole) for goal in target.goals)
    rows.append((["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"], None))
    rows.extend((row, None) for row in _indicator_rows(target.indicators))
    width = 7
    grid = tuple(tuple(GridCell(t, CellKind.TEXT) for t in [*r, *[""] * (width - len(r))]) for r, _ in rows)
    spans = {i: s for i, (_, s) in enumerate(rows) if s is not None}
    # the 中期 and 年度 halves as wide as each other, as on the form, whichever has more to say
    shares = column_shares(Grid(grid, 0, spans=spans))
    half = [max(shares[j], shares[j + 3]) for j in (1, 2, 3)]
    mirrored = [shares[0], *half, *half]
    widths = tuple(share / sum(mirrored) for share in mirrored)
    return TableLayout(PERFORMANCE_TITLE, titles, Grid(grid, 0, spans=spans, widths=widths), (), own_page=True)


def _money(amount: Amount | None) -> str:
    return f"{amount.value:f}万元" if amount is not None else ""


def _funds_rows(mid: Funds, annual: Funds) -> Iterator[list[str]]:
    for label, first, second in (
        ("资金总额", mid.total, annual.total),
        ("其中：财政拨款", mid.fiscal, annual.fiscal),
        ("其他资金", mid.other, annual.other),
    ):
        if first is None and second is None:
            continue
        mid_label = f"中期{label}" if label == "资金总额" else label
        annual_label = f"年度{label}" if label == "资金总额" else label
        yield [f"{mid_label}:", _money(first), "", "", f"{annual_label}:", _money(second), ""]


def _indicator_rows(indicators: Sequence[Indicator]) -> Iterator[list[str]]:
    """Mid-term indicators on the left, annual ones on the right, paired in order."""
    mid = [i for i in indicators if i.period == "mid"]
    annual = [i for i in indicators if i.period != "mid"]
    for k in range(max(len(mid), len(annual))):
        left = mid[k] if k < len(mid) else None
        right = annual[k] if k < len(annual) else None
        row = [left.level1 if left else ""]
        row.extend(_half(left))
        row.extend(_half(right))
        yield row


def _half(indicator: Indicator | None) -> list[str]:
    if indicator is None:
        return ["", "", ""]
    return [indicator.level2, indicator.name, indicator.value]
