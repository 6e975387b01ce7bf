"""A disclosure table's grid → header, column keys, blocks and rows with roles and levels.

Format-independent: any reader that produces rows of cell strings gets the same result. The
header is the run of rows before the first row holding an amount, a code or a numbered item;
header cells merged across columns are carried to the right. A label column after an amount
column starts a second block (收入 | 支出 tables print two side by side).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from yusuan.catalogs import column_key
from yusuan.model.codes import normalize_code
from yusuan.model.document import Block, Cell, Column, Row, RowRole
from yusuan.model.finding import Finding
from yusuan.model.location import Location
from yusuan.model.money import Unit, parse_amount
from yusuan.read.blocks import BBox

_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_SPLIT_CODE = re.compile(r"^\d{3}(\s+\d{1,2}){1,2}$")
_CODE_IN_LABEL = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*(\S.*)$")
_NUMBERED = [
    (re.compile(r"^[一二三四五六七八九十]+[、.．]"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d+[.．、]"), 3),
    (re.compile(r"^[（(]\d+[）)]"), 4),
]
# Carry-over items stand at the top level beside 本年收入/本年支出 whatever their numbering (the
# final accounts' 使用非财政拨款结余 and 结余分配 too).
_TOP_LEVEL_ITEMS = (
    "上年结转",
    "结转下年",
    "年初结转和结余",
    "年末结转和结余",
    "上年结余",
    "使用非财政拨款结余",
    "结余分配",
)


@dataclass(frozen=True, slots=True)
class ParsedGrid:
    header: tuple[tuple[str, ...], ...]
    blocks: tuple[Block, ...]
    problems: tuple[Finding, ...]


def compact(text: str) -> str:
    """Remove every space, including the ideographic space, from a label."""
    return "".join(text.split()).replace("\u3000", "")


def _is_code(text: str) -> bool:
    return bool(_CODE.match(text) or _SPLIT_CODE.match(text))


def _is_data_row(row: Sequence[str]) -> bool:
    """A body row holds an amount, a code or a numbered item (一、 / （一）); a header does not."""
    for cell in row:
        text = cell.strip()
        if not text:
            continue
        if _is_code(text) or parse_amount(text, Unit.WAN_YUAN) is not None:
            return True
        if any(p.match(compact(text)) for p, _ in _NUMBERED[:2]):
            return True
    return False


def _header_paths(header: list[list[str]], width: int) -> list[tuple[str, ...]]:
    """Each column's header labels from the top row down.

    A merged cell is printed once, at its left; its label is carried to the right across the
    blank cells of its row, but never past a column where a row above starts a new label
    (三公 | 机关运行经费: the 公务用车 heading of the second row stops at 机关运行经费).
    """
    texts = [[compact(row[j]) if j < len(row) else "" for j in range(width)] for row in header]
    paths: list[list[str]] = [[] for _ in range(width)]
    for depth, row in enumerate(texts):
        carried = ""
        last = depth == len(texts) - 1
        for j in range(width):
            text = row[j]
            if text:
                carried = text
            elif not last and carried and not any(texts[up][j] for up in range(depth)):
                text = carried  # a merged cell spans the columns to its right
            else:
                carried = "" if any(texts[up][j] for up in range(depth)) else carried
            if text and (not paths[j] or paths[j][-1] != text):
                paths[j].append(text)
    return [tuple(p) for p in paths]


_LABEL_ENDINGS = ("项目", "名称", "科目", "品目", "内容", "数量", "形式", "代码")


def _is_label_header(text: str) -> bool:
    """项目, 科目名称, 支出功能分类科目, 采购品目…: a column of labels, not of amounts."""
    return text.endswith(_LABEL_ENDINGS) and not text.endswith("项目支出")


def _label_kind(path: tuple[str, ...], cells: list[str]) -> str | None:
    """``code``/``name`` for label columns, None for amount columns."""
    last = path[-1] if path else ""
    values = [c.strip() for c in cells if c.strip()]
    headed_code = any("编码" in p or "代码" in p for p in path) or last in ("类", "款", "项")
    code_like = sum(bool(re.fullmatch(r"\d{1,7}|\d{3}(?:\s+\d{1,2}){1,2}", v)) for v in values)
    if headed_code and (not values or code_like * 2 >= len(values)):
        return "code"  # headed as codes and holding codes (not labels printed under a code heading)
    if _is_label_header(last):
        return "name"
    if column_key(path) is not None:
        return None  # an amount heading: whole numbers such as 237 under it are amounts, not codes
    if values and sum(_is_code(v) for v in values) >= max(1, len(values) * 3 // 4):
        return "code"
    if not path or (not values and not last):
        return "name"
    if not values:
        return None  # a headed column left blank: an amount column with nothing in it
    return None if all(parse_amount(v, Unit.WAN_YUAN) is not None for v in values) else "name"


def _level(label: str, code: str | None, last_numbered: int) -> int:
    if code:
        return {3: 1, 5: 2, 7: 3}.get(len(code), 3)
    if any(label.startswith(item) for item in _TOP_LEVEL_ITEMS):
        return 1
    for pattern, level in _NUMBERED:
        if pattern.match(label):
            return level
    return last_numbered + 1


def parse_grid(
    rows: Sequence[Sequence[str]],
    wheres: Sequence[Location],
    unit: Unit,
    where: Location,
    boxes: Sequence[Sequence[BBox | None]] | None = None,
) -> ParsedGrid:
    """Parse a table body (metadata rows such as 部门名称 already removed)."""
    width = max((len(r) for r in rows), default=0)
    if width == 0:
        return ParsedGrid((), (), ())
    padded = [[*r, *([""] * (width - len(r)))] for r in rows]
    first_data = next((i for i, r in enumerate(padded) if _is_data_row(r)), len(padded))
    header, body = padded[:first_data], padded[first_data:]
    body_wheres = list(wheres[first_data:])
    body_boxes = list(boxes[first_data:]) if boxes else []
    paths = _header_paths(header, width)
    kinds = [_label_kind(paths[j], [r[j] for r in body]) for j in range(width)]

    # Split into blocks: a label column that follows an amount column starts a new block.
    spans: list[tuple[int, int]] = []
    start = 0
    for j in range(1, width):
        if kinds[j] is not None and kinds[j - 1] is None:
            spans.append((start, j))
            start = j
    spans.append((start, width))

    _move_spanning_labels(body, spans, kinds)
    problems: list[Finding] = []
    blocks: list[Block] = []
    for b, (lo, hi) in enumerate(spans):
        side = _side(paths[lo], b, len(spans))
        amount_cols = [j for j in range(lo, hi) if kinds[j] is None]
        columns = tuple(Column(column_key(paths[j]) or f"col{j + 1}", "/".join(paths[j])) for j in amount_cols)
        code_cols = [j for j in range(lo, hi) if kinds[j] == "code"]
        name_cols = [j for j in range(lo, hi) if kinds[j] == "name"]
        entries: list[_Entry] = []
        for i, row in enumerate(body):
            code = _code(row, code_cols)
            label_cols = [*name_cols, *(j for j in code_cols if row[j].strip() and not code_part(row[j]))]
            label = " ".join(row[j].strip() for j in sorted(label_cols) if row[j].strip())
            if code is None and (m := _CODE_IN_LABEL.match(label)):
                code, label = m.group(1), m.group(2)
            texts = [row[j].strip() for j in amount_cols]
            if not label and not code and not any(texts):
                continue
            row_boxes = body_boxes[i] if i < len(body_boxes) else ()
            entries.append(
                _Entry(
                    code=code,
                    label=label,
                    texts=texts,
                    boxes=[row_boxes[j] if j < len(row_boxes) else None for j in amount_cols],
                    place=body_wheres[i] if i < len(body_wheres) else where,
                    quote=" ".join(t for t in row if t.strip()),
                )
            )
        parsed_rows: list[Row] = []
        last_numbered = 0
        for entry in _join_wrapped(entries):
            place = entry.place
            row_where = where.with_(
                line=place.line, page=place.page, sheet=place.sheet, bbox=place.bbox, row=len(parsed_rows) + 1
            )
            cells = []
            for column, text, box in zip(columns, entry.texts, entry.boxes, strict=True):
                amount = parse_amount(text, unit)
                cell_where = row_where.with_(column=column.label or column.key, bbox=box or row_where.bbox)
                if text and amount is None:
                    problems.append(Finding("read.bad_number", cell_where, {"text": text}))
                cells.append(Cell(text, amount, cell_where))
            code, label = entry.code, entry.label
            compact_label = compact(label)
            is_total = not code and (
                compact_label.endswith(("合计", "总计", "小计")) or (not compact_label and not parsed_rows)
            )
            level = 0 if is_total else _level(compact_label, code, last_numbered)
            if not code and not is_total and any(p.match(compact_label) for p, _ in _NUMBERED):
                last_numbered = level
            parsed_rows.append(
                Row(
                    number=len(parsed_rows) + 1,
                    code=code,
                    label=label,
                    level=level,
                    role=RowRole.TOTAL if is_total else RowRole.DETAIL,
                    cells=tuple(cells),
                    where=row_where.with_(quote=entry.quote),
                )
            )
        blocks.append(Block(side, columns, tuple(_mark_parents(parsed_rows))))
    return ParsedGrid(tuple(tuple(r) for r in header), tuple(blocks), tuple(problems))


# Last characters of complete item names (支出, 收入, 资金, 预算, 经费, 合计 …): a name ending
# otherwise was cut by the cell's width (单位预留机动经 / 费).
_COMPLETE_ENDINGS = frozenset("出入金算费计款项类助贴利险税他）)")


@dataclass
class _Entry:
    """A body row of one block before it becomes a Row: wrapped pieces are joined first."""

    code: str | None
    label: str
    texts: list[str]
    boxes: list[BBox | None]
    place: Location
    quote: str


def _join_wrapped(entries: list[_Entry]) -> list[_Entry]:
    """Join an item whose name wrapped onto the rows below it, in an unnumbered, uncoded block.

    ``三、单位预留机动经`` / (3,990.40 on a row of its own) / ``费`` is one item: a short piece
    of name without figures joins the name above it, and figures without a name join the name
    above them when it has none yet.
    """
    out: list[_Entry] = []
    for entry in entries:
        previous = out[-1] if out else None
        figures = any(entry.texts)
        if previous is not None and not entry.code and not previous.code:
            piece = compact(entry.label)
            if (
                piece
                and not figures
                and len(piece) <= 2
                and not any(p.match(piece) for p, _ in _NUMBERED)
                and any(p.match(compact(previous.label)) for p, _ in _NUMBERED)
                and compact(previous.label)[-1:] not in _COMPLETE_ENDINGS
            ):
                previous.label += entry.label
                previous.quote += entry.quote
                continue
            if not entry.label and figures and previous.label and not any(previous.texts):
                previous.texts, previous.boxes = entry.texts, entry.boxes
                previous.quote += " " + entry.quote
                continue
        out.append(entry)
    return out


def _move_spanning_labels(body: list[list[str]], spans: list[tuple[int, int]], kinds: list[str | None]) -> None:
    """A total printed across two blocks (当年支出小计 over 功能分类, its figure under 支出用途)
    belongs to the block that holds its figure: the last block whose label cell it spans."""
    for row in body:
        for lo, hi in spans:  # the label drawn over the amount column of its own block
            name = next((j for j in range(lo, hi) if kinds[j] == "name"), None)
            stray = [j for j in range(lo, hi) if kinds[j] is None and _total_like(row[j])]
            if name is not None and not row[name].strip() and len(stray) == 1:
                row[name], row[stray[0]] = row[stray[0]], ""
        for (lo, hi), (lo2, hi2) in pairwise(spans):
            labels = [j for j in range(lo, hi) if kinds[j] is not None and row[j].strip()]
            figures = [j for j in range(lo, hi) if kinds[j] is None and row[j].strip()]
            labels2 = [j for j in range(lo2, hi2) if kinds[j] is not None and row[j].strip()]
            target = next((j for j in range(lo2, hi2) if kinds[j] == "name"), None)
            if len(labels) == 1 and not figures and not labels2 and target is not None and _total_like(row[labels[0]]):
                row[target], row[labels[0]] = row[labels[0]], ""


def _total_like(text: str) -> bool:
    body = compact(text)
    return body.endswith(("合计", "小计", "总计")) or "结转下年" in body


def _code(row: Sequence[str], code_cols: Sequence[int]) -> str | None:
    """The row's code, joined from 类/款/项 columns when printed split (``201 | 03 | 01``).

    Text in a code column that is not digits (合计 printed across the code and name columns)
    is not a code; the caller reads it as the label.
    """
    parts = [row[j].strip() for j in code_cols if re.fullmatch(r"[\d\s]+", row[j].strip() or "x")]
    if not parts:
        return None
    if len(parts) == 1:
        return normalize_code(parts[0])
    return normalize_code(" ".join(parts))


def code_part(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s]+", text.strip()))


def _side(path: tuple[str, ...], index: int, count: int) -> str:
    if count == 1:
        return ""
    for segment in reversed(path):
        if "收入" in segment:
            return "income"
        if "支出" in segment:
            return "expense"
    return ("left", "right")[index] if count == 2 else f"block{index + 1}"


def _mark_parents(rows: list[Row]) -> list[Row]:
    """A row followed by a deeper row (or a code with descendants) is a parent."""
    marked: list[Row] = []
    for i, row in enumerate(rows):
        if row.role == RowRole.TOTAL:
            marked.append(row)
            continue
        if row.code:
            has_children = any(r.code and r.code != row.code and r.code.startswith(row.code) for r in rows)
        else:
            following = rows[i + 1] if i + 1 < len(rows) else None
            has_children = bool(following and not following.code and following.level > row.level)
        if has_children:
            row = Row(row.number, row.code, row.label, row.level, RowRole.PARENT, row.cells, row.where)
        marked.append(row)
    return marked
