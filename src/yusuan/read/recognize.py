"""Blocks of text and grids → the Document model, whatever the file format was.

Finds the title (department, year, kind), the 目录, the parts and their headings, each table
(表 N, its title, 部门名称, 单位, grid and 注), the performance-target tables, the 名词解释,
and the facts the 说明 states. What it cannot place is kept as a problem, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from yusuan.catalogs import kind_of_title, layouts
from yusuan.model.document import (
    ContentsEntry,
    Document,
    Paragraph,
    Section,
    Table,
    Term,
)
from yusuan.model.finding import Finding
from yusuan.model.location import Location
from yusuan.model.money import Unit
from yusuan.model.numerals import number_value
from yusuan.model.performance import PerformanceTarget
from yusuan.read.blocks import Block, Grid, TextLine
from yusuan.read.grid import compact, parse_grid
from yusuan.read.identity import DEPARTMENT, PART, UNIT, identify
from yusuan.read.narrative import extract_claims, extract_statements
from yusuan.read.performance import parse_performance

_TABLE_NUMBER = re.compile(r"^(?:表\s*(\d+)|公开(\d+)表)$")
_NUMBERED_TITLE = re.compile(r"^(?:([一二三四五六七八九十]+)、|(\d+)[.．、]\s*)")
_TITLE_SUFFIX = re.compile(r"[（(][^（）()]{1,8}[）)]$")
_STANDALONEPARTS = ("名词解释", "主要职能", "主要职责", "机构设置", "说明", "部门概况", "单位概况")
_HEADING1 = re.compile(r"^([一二三四五六七八九十]+)、\s*(.+)$")
_HEADING2 = re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]\s*(.+)$")
_CONTENTS_ENTRY = re.compile(r"^-?\s*(\d+|[一二三四五六七八九十]+)[.．、]\s*(.+)$")
_GLOSSARY = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])?\s*([^:：，。]{2,30}?)[:：]\s*(.+)$"
)


@dataclass
class _State:
    file: str
    part: str = ""
    heading1: str = ""
    heading2: str = ""
    tables: list[Table] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    section_paragraphs: list[Paragraph] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    performance: list[PerformanceTarget] = field(default_factory=list)
    glossary: list[Term] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    narrative: list[Paragraph] = field(default_factory=list)

    def section_label(self) -> str:
        return " ".join(p for p in (self.part, self.heading1, self.heading2) if p)

    def where(self, place: Location) -> Location:
        return place.with_(file=place.file or self.file, section=self.section_label() or None)


def recognize(items: Sequence[Block], file: str) -> Document:
    """Build the Document from a disclosure's blocks."""
    identity = identify([b for b in items if isinstance(b, TextLine)])

    contents, body_start = _contents(items, file)
    state = _State(file)
    i = body_start
    current_file = items[i].where.file if i < len(items) else ""
    while i < len(items):
        item = items[i]
        if item.where.file != current_file:  # --together: the next file starts afresh
            _close_section(state)
            state.part, state.heading1, state.heading2 = "", "", ""
            current_file = item.where.file
        if isinstance(item, Grid):
            i = _loose_grid(items, i, state)
            continue
        text = item.text
        part = PART.match(compact(text))
        if part:
            _close_section(state)
            state.part, state.heading1, state.heading2 = " ".join(text.split()), "", ""
            state.paragraphs.append(Paragraph(text, state.where(item.where)))
            i += 1
            continue
        if _is_standalone_part(text):
            _close_section(state)
            state.part, state.heading1, state.heading2 = " ".join(text.split()), "", ""
            state.paragraphs.append(Paragraph(text, state.where(item.where)))
            i += 1
            continue
        if _TABLE_NUMBER.match(compact(text)) or _is_table_title(items, i):
            i = _table(items, i, state, contents)
            continue
        if kind_of_title(text) == "performance" and text.rstrip().endswith("表") and len(text) <= 40:
            i = _table(items, i, state, contents)
            continue
        _text_line(item, state)
        i += 1
    _close_section(state)

    state.problems.extend(_undecodable(items, file))
    statements = extract_statements(state.narrative, identity.year)
    claims = extract_claims(state.narrative)
    return Document(
        file=file,
        title=identity.title,
        department=identity.department,
        year=identity.year,
        kind=identity.kind,
        scope=identity.scope,
        layout=_layout(state.tables, contents),
        contents=tuple(contents),
        tables=tuple(state.tables),
        sections=tuple(state.sections),
        statements=tuple(statements),
        claims=tuple(claims),
        performance=tuple(state.performance),
        glossary=tuple(state.glossary),
        paragraphs=tuple(state.paragraphs),
        problems=tuple(state.problems),
    )


_CID = re.compile(r"\(cid:\d+\)")


def _undecodable(items: Sequence[Block], file: str) -> list[Finding]:
    """``(cid:N)``: text in a font with no Unicode map. Said once per page, never read as words."""
    pages: dict[tuple[str, int | None], list[Location]] = {}
    for item in items:
        texts = [item.text] if isinstance(item, TextLine) else [c for row in item.rows for c in row]
        count = sum(len(_CID.findall(t)) for t in texts)
        if count:
            pages.setdefault((item.where.file or file, item.where.page), []).extend([item.where] * count)
    return [
        Finding("read.undecodable_text", wheres[0].with_(file=key[0]), {"count": len(wheres)})
        for key, wheres in pages.items()
    ]


def _is_standalone_part(text: str) -> bool:
    """An unnumbered heading that opens a part where a document has no 第X部分 (名词解释, …编制说明)."""
    body = compact(text)
    if len(body) > 30 or re.search(r"[，。；：:,]", body) or _NUMBERED_TITLE.match(body) or _HEADING2.match(body):
        return False
    return any(body.endswith(word) for word in _STANDALONEPARTS)


def _is_table_title(items: Sequence[Block], i: int) -> bool:
    """A line naming a standard table (…表) with a grid right after it (a few metadata lines allowed)."""
    item = items[i]
    if not isinstance(item, TextLine) or len(item.text) > 60:
        return False
    text = _TITLE_SUFFIX.sub("", compact(item.text))
    if not text.endswith("表") or kind_of_title(text) is None:
        return False
    for following in items[i + 1 : i + 5]:
        if isinstance(following, Grid):
            return True
        if not _metadata_parts(following.text) and not _is_fragment(following.text):
            return False
    return False


def _is_fragment(text: str) -> bool:
    """A short piece printed between a table's title and its grid: a header cell drawn outside the
    ruling (“三公”经费) or the rest of a wrapped 部门名称 (常委会办公厅)."""
    body = compact(text)
    return (
        0 < len(body) <= 12
        and not re.search(r"[，。；：:,;\d]", body)
        and not (_NUMBERED_TITLE.match(body) or _HEADING2.match(body) or PART.match(body))
        and not _TABLE_NUMBER.match(body)
        and not (body.endswith("表") and kind_of_title(body))
    )


def _metadata_parts(text: str) -> list[str]:
    """``编制单位：X 单位：元`` → its parts when every part is a 部门名称 or 单位 line, else []."""
    parts = [compact(p) for p in re.split(r"\s+(?=(?:金额)?单位[:：])", text.strip()) if p.strip()]
    if parts and all(UNIT.match(p) or DEPARTMENT.match(p) for p in parts):
        return parts
    return []


def _contents(items: Sequence[Block], file: str) -> tuple[list[ContentsEntry], int]:
    """The 目录 entries and the index where the body starts (0 when there is no 目录)."""
    start = next(
        (i for i, b in enumerate(items) if isinstance(b, TextLine) and compact(b.text) == "目录"),
        None,
    )
    if start is None:
        return [], 0
    entries: list[ContentsEntry] = []
    seen_parts: list[str] = []
    part = ""
    for i in range(start + 1, len(items)):
        item = items[i]
        if not isinstance(item, TextLine):
            return entries, i
        heading = compact(item.text)
        if PART.match(heading):
            if heading in seen_parts:  # the body repeats the first part heading
                return entries, i
            seen_parts.append(heading)
            part = " ".join(item.text.split())
            continue
        entry = _CONTENTS_ENTRY.match(item.text.strip())
        if entry and any(e.part == part and e.title == entry.group(2).strip() for e in entries):
            return entries, i  # the body begins by repeating an entry
        if entry:
            where = item.where.with_(file=item.where.file or file)
            entries.append(ContentsEntry(part, entry.group(1), entry.group(2).strip(), where))
        else:
            return entries, i
    return entries, len(items)


def _close_section(state: _State) -> None:
    if state.section_paragraphs:
        first = state.section_paragraphs[0]
        heading = state.heading2 or state.heading1
        level = 2 if state.heading2 else 1
        number_match = (_HEADING2 if state.heading2 else _HEADING1).match(heading)
        state.sections.append(
            Section(
                part=state.part,
                heading=heading,
                number=number_match.group(1) if number_match else "",
                level=level,
                paragraphs=tuple(state.section_paragraphs),
                where=first.where,
            )
        )
    state.section_paragraphs = []


def _is_heading(text: str) -> bool:
    body = text.rstrip("。")
    return len(body) <= 40 and "，" not in body and "," not in body and "。" not in body


def _text_line(item: TextLine, state: _State) -> None:
    text = item.text
    in_glossary = "名词解释" in state.part
    in_tables = compact(state.part).endswith("表")  # 第二部分 …预算表: numbered lines are table rows
    if not in_glossary and not in_tables and _is_heading(text):
        h1, h2 = _HEADING1.match(text), _HEADING2.match(text)
        if h1:
            _close_section(state)
            state.heading1, state.heading2 = text, ""
        elif h2:
            _close_section(state)
            state.heading2 = text
    where = state.where(item.where)
    paragraph = Paragraph(text, where)
    state.paragraphs.append(paragraph)
    state.section_paragraphs.append(paragraph)
    if "说明" in state.part:
        state.narrative.append(paragraph)
    if in_glossary and (entry := _GLOSSARY.match(text)):
        state.glossary.append(Term(entry.group(1).strip(), entry.group(2).strip(), where))


def _table(items: Sequence[Block], i: int, state: _State, contents: Sequence[ContentsEntry]) -> int:
    """Read 表 N (or a numbered title), its title, 部门名称, 单位, grid and notes; return the index after them."""
    start = items[i]
    assert isinstance(start, TextLine)
    number_match = _TABLE_NUMBER.match(compact(start.text))
    number = (number_match.group(1) or number_match.group(2)) if number_match else None
    title = "" if number else start.text
    if title and (numbered := _NUMBERED_TITLE.match(title.strip())):
        number = numbered.group(1) or numbered.group(2)
        title = title.strip()[numbered.end() :].strip()
    department: str | None = None
    unit = Unit.WAN_YUAN
    unit_seen = False
    j = i + 1
    grid: Grid | None = None
    wrapped_department = False
    while j < len(items):
        item = items[j]
        if isinstance(item, Grid):
            meta_rows, grid = _strip_metadata(item)
            for text in meta_rows:
                department, unit, unit_seen = _metadata(text, department, unit, unit_seen)
            j += 1
            break
        text = compact(item.text)
        parts = _metadata_parts(item.text)
        if parts:
            for part in parts:
                department, unit, unit_seen = _metadata(part, department, unit, unit_seen)
            wrapped_department = any(DEPARTMENT.match(p) and not UNIT.match(p) for p in parts)
            j += 1
            continue
        if title and _is_fragment(item.text):
            if wrapped_department and department:
                department += text  # 部门名称：江苏省人大 / 常委会办公厅
                wrapped_department = False
            j += 1  # a header cell printed outside the ruled grid: the grid's own header stands
            continue
        if not title:
            title = item.text
        elif kind_of_title(title) == "performance" and len(text) <= 20:
            title = f"{title}{item.text}"  # (2023 年度)
        else:
            break
        j += 1
    notes: list[str] = []
    while j < len(items):
        item = items[j]
        if isinstance(item, TextLine) and re.match(r"^注[:：]", item.text):
            notes.append(item.text)
            state.paragraphs.append(Paragraph(item.text, state.where(item.where)))
            j += 1
        else:
            break
    kind = kind_of_title(title)
    if number is None:
        number = _number_from_contents(title, contents)
    listed = next((e for e in contents if e.number == number and kind_of_title(e.title) == kind), None)
    if listed is not None and listed.part and listed.part != state.part:
        _close_section(state)  # the 目录 puts this table in a part whose heading the body left out
        state.part, state.heading1, state.heading2 = listed.part, "", ""
    where = start.where.with_(file=start.where.file or state.file, table=number or None, section=state.part or None)
    if kind == "performance" and grid is not None:
        target, problems = parse_performance(grid, where.with_(table=title))
        state.performance.append(target)
        state.problems.extend(problems)
        return j
    if grid is None or not grid.rows:
        state.problems.append(Finding("read.table_body_missing", where, {"title": title}))
    elif not unit_seen:
        state.problems.append(Finding("read.unit_missing", where, {"title": title}))
    rows = grid.rows if grid else ()
    wheres = grid.wheres if grid else ()
    parsed = parse_grid(rows, wheres, unit, where, grid.boxes if grid else None)
    state.problems.extend(parsed.problems)
    if kind is None:
        state.problems.append(Finding("read.unknown_table", where, {"title": title}))
    state.tables.append(
        Table(
            number=number,
            title=title,
            kind=kind,
            department=department,
            unit=unit,
            header=parsed.header,
            blocks=parsed.blocks,
            note="".join(notes) or None,
            where=where,
        )
    )
    return j


def _number_from_contents(title: str, contents: Sequence[ContentsEntry]) -> str | None:
    """A table printed without its number takes the number the 目录 gives its title."""
    wanted = _short(title)
    for entry in contents:
        if _short(entry.title) == wanted:
            return entry.number
    kind = kind_of_title(title)
    same_kind = [e for e in contents if kind and kind_of_title(e.title) == kind and "说明" not in e.title]
    return same_kind[0].number if len(same_kind) == 1 else None


def _short(title: str) -> str:
    text = _TITLE_SUFFIX.sub("", compact(title))
    return re.sub(r"^.*?(?:19|20)\d{2}年度?", "", text)


def _strip_metadata(grid: Grid) -> tuple[list[str], Grid]:
    """Take 部门名称/单位 rows (printed inside the grid by some converters) out of it."""
    meta: list[str] = []
    keep_rows, keep_wheres, keep_boxes = [], [], []
    boxes = grid.boxes or [()] * len(grid.rows)
    for row, place, box in zip(grid.rows, grid.wheres, boxes, strict=True):
        cells = [compact(c) for c in row if c.strip()]
        parts = _metadata_parts(" ".join(c for c in row if c.strip()).replace("： ", "："))
        joined = parts or _metadata_parts("".join(cells))
        if cells and all(DEPARTMENT.match(c) or UNIT.match(c) for c in cells):
            meta.extend(cells)
        elif joined:  # 部门： | 江苏省人大常委会办公厅 | 单位：万元 printed across cells
            meta.extend(joined)
        else:
            keep_rows.append(row)
            keep_wheres.append(place)
            keep_boxes.append(tuple(box))
    return meta, Grid(tuple(keep_rows), tuple(keep_wheres), tuple(keep_boxes) if grid.boxes else None)


def _metadata(text: str, department: str | None, unit: Unit, seen: bool) -> tuple[str | None, Unit, bool]:
    if m := UNIT.match(text):
        return department, Unit(m.group(1)), True
    if m := DEPARTMENT.match(text):
        return m.group(1), unit, seen
    return department, unit, seen


def _loose_grid(items: Sequence[Block], i: int, state: _State) -> int:
    """A grid with no table title before it: kept as a problem, not guessed at."""
    grid = items[i]
    assert isinstance(grid, Grid)
    if state.tables and state.tables[-1].complete:
        # It may continue the table before it: that table's checks would see only a part.
        state.tables[-1] = replace(state.tables[-1], complete=False)
    state.problems.append(
        Finding(
            "read.unplaced_grid",
            state.where(grid.where),
            {"rows": len(grid.rows), "first": " ".join(c for c in grid.rows[0] if c)[:40]},
        )
    )
    return i + 1


def _layout(tables: Sequence[Table], contents: Sequence[ContentsEntry]) -> str | None:
    """The shipped layout whose numbered tables best match the document's (numbers by value: the
    high court numbers Jiangsu's 公开01–12表 一 to 十二)."""
    seen = {(number_value(t.number), t.kind) for t in tables if t.number and t.kind}
    for entry in contents:
        kind = kind_of_title(entry.title)
        if kind and "表" in entry.title and "说明" not in entry.title:
            seen.add((number_value(entry.number), kind))
    best, best_score = None, 0
    for layout in layouts().values():
        score = sum((number_value(t.number), t.kind) in seen for t in layout.tables)
        if score > best_score:
            best, best_score = layout.id, score
    return best if best_score >= 3 else None
