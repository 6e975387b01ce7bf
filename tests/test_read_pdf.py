"""The PDF reader's table assembly (yusuan.read.pdf): title rows, and tables continued across pages.

The tables are built here as the table finder gives them (cell boxes and texts), so each test
shows the shape of page that went wrong: a 项目支出绩效目标申报表 whose first page fills only
two of its seven columns, continued on a page that starts with a goal in the first column.
"""

from __future__ import annotations

from yusuan.model.location import Location
from yusuan.read.blocks import BBox, Grid, TextLine
from yusuan.read.pdf import _join_full_lines, _table_blocks
from yusuan.read.pdfgrid import Row, Table
from yusuan.read.pdfjoin import merge_continued
from yusuan.read.text import join_broken

# seven columns: 一级指标 | 二级 | 三级 | 指标值 (mid) | 二级 | 三级 | 指标值 (annual)
EDGES = (57.0, 115.0, 160.0, 200.0, 230.0, 270.0, 470.0, 538.0)


def _table(
    top: float, rows: list[list[str]], merged: dict[int, int] | None = None, last: dict[int, int] | None = None
) -> Table:
    """A ruled table of the seven columns; ``merged`` maps a row to the column its first cell spans to,
    ``last`` to the column whose cell spans to the table's right edge (the 申报表's merged fields)."""
    out_rows, texts = [], []
    for i, row in enumerate(rows):
        y0, y1 = top + 20 * i, top + 20 * (i + 1)
        cells: list[BBox | None] = []
        text: list[str | None] = []
        end = (merged or {}).get(i)
        wide = (last or {}).get(i)
        for j in range(7):
            if (end is not None and 0 < j < end) or (wide is not None and j > wide):
                cells.append(None)
                text.append(None)
            else:
                right = EDGES[end] if end is not None and j == 0 else EDGES[-1] if j == wide else EDGES[j + 1]
                cells.append((EDGES[j], y0, right, y1))
                text.append(row[j] if j < len(row) else "")
        out_rows.append(Row((EDGES[0], y0, EDGES[-1], y1), cells))
        texts.append(text)
    return Table((EDGES[0], top, EDGES[-1], top + 20 * len(rows)), out_rows, texts)


def _blocks(table: Table, page: int) -> list[TextLine | Grid]:
    return [block for _, block in _table_blocks(table, page, "t.pdf")]


def test_a_merged_title_row_is_text_a_one_column_row_is_data() -> None:
    titled = _table(50.0, [["项目支出绩效目标申报表"], ["项目名称", "某项目"]], merged={0: 7})
    title, grid = _blocks(titled, 1)
    assert isinstance(title, TextLine) and title.text == "项目支出绩效目标申报表"
    assert isinstance(grid, Grid) and grid.rows[0][:2] == ("项目名称", "某项目")
    # a continued page starting with goals printed in the first column: rows, not titles
    goals = _table(50.0, [["九、电子政务服务费"], ["一、第三方评估"], ["一级指标", "二级指标"]])
    (grid,) = _blocks(goals, 2)
    assert isinstance(grid, Grid)
    assert [row[0] for row in grid.rows] == ["九、电子政务服务费", "一、第三方评估", "一级指标"]


def test_a_continuation_keeps_the_columns_its_first_part_left_empty() -> None:
    first = _blocks(_table(600.0, [["项目名称", "某项目"], ["实施单位", "某单位"]]), 1)
    more = _blocks(
        _table(
            50.0,
            [
                ["中期资金总额:", "261万元", "年度资金总额:", "87万元"],
                ["总体目标"],
                ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
                ["", "", "", "", "数量指标", "指标1：委托业务费", "4 万元"],
            ],
        ),
        2,
    )
    (grid,) = merge_continued([*first, *more])
    assert isinstance(grid, Grid)
    assert grid.rows == (
        ("项目名称", "某项目", "", "", "", "", ""),
        ("实施单位", "某单位", "", "", "", "", ""),
        ("中期资金总额:", "261万元", "年度资金总额:", "87万元", "", "", ""),
        ("总体目标", "", "", "", "", "", ""),
        ("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"),
        ("", "", "", "", "数量指标", "指标1：委托业务费", "4 万元"),
    )
    assert [w.page for w in grid.wheres] == [1, 1, 2, 2, 2, 2]


def test_a_continuation_divides_the_merged_cells_of_its_first_part() -> None:
    # page 1: 项目名称 | the name over six columns; 项目负责人 | 徐海 | 联系电话 | the number over four
    first = _blocks(
        _table(600.0, [["项目名称", "某项目"], ["项目负责人", "徐海", "联系电话", "18105572706"]], last={0: 1, 1: 3}),
        1,
    )
    # page 2: a goal beside its label over six columns; page 3: the indicators, a cell per column
    goals = _blocks(_table(50.0, [["总体目标", "一、第三方评估：按照考核指标，通过第三方机构评估。"]], last={0: 1}), 2)
    indicators = _blocks(
        _table(50.0, [["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]]), 3
    )
    (grid,) = merge_continued([*first, *goals, *indicators])
    assert isinstance(grid, Grid)
    assert grid.rows == (
        ("项目名称", "某项目", "", "", "", "", ""),
        ("项目负责人", "徐海", "联系电话", "18105572706", "", "", ""),
        ("总体目标", "一、第三方评估：按照考核指标，通过第三方机构评估。", "", "", "", "", ""),
        ("一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"),
    )
    assert [w.page for w in grid.wheres] == [1, 1, 2, 3]


def test_a_cell_wrapped_after_a_slash_or_a_hyphen_is_joined_without_a_space() -> None:
    (grid,) = _blocks(_table(50.0, [["标准", "GB/\nT 37668", "2021-\n2023 年", "Budget\nTable", "预算\n表"]]), 1)
    assert isinstance(grid, Grid)
    assert grid.rows[0][:5] == ("标准", "GB/T 37668", "2021-2023 年", "Budget Table", "预算表")


def _grid(page: int, top: float, rows: list[list[tuple[str, float, float]]]) -> Grid:
    """A table finder's grid: each cell (text, left, right), rows 20 pt high from ``top``."""
    boxes = tuple(tuple((x0, top + 20 * i, x1, top + 20 * (i + 1)) for _, x0, x1 in row) for i, row in enumerate(rows))
    return Grid(
        tuple(tuple(text for text, _, _ in row) for row in rows), (Location("t.pdf", page=page),) * len(rows), boxes
    )


def _loose(text: str, page: int, x0: float, top: float, x1: float) -> TextLine:
    return TextLine(text, Location("t.pdf", page=page, bbox=(x0, top, x1, top + 10.0)))


def test_a_merged_header_row_and_a_lone_header_cell_continue_the_table() -> None:
    # 法院 表四: page 1 ends with 收入 | 支出 over two halves; page 2 starts with a lone 支出用途 cell
    # (taken for a title) over the grid of four columns
    # (the converter prints spacer columns: the text cells leave gaps at the rules)
    first = _grid(1, 700.0, [[("收入", 62.0, 294.0), ("支出", 294.0, 537.0)]])
    piece = _loose("支出用途", 2, 294.0, 40.0, 537.0)
    cells = ((67.0, 185.0), (195.0, 288.0), (299.0, 433.0), (443.0, 532.0))
    more = _grid(
        2,
        50.0,
        [
            [(t, a, b) for t, (a, b) in zip(("项目名称", "金额", "项目名称", "金额"), cells, strict=True)],
            [
                (t, a, b)
                for t, (a, b) in zip(("一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82"), cells, strict=True)
            ],
        ],
    )
    (grid,) = merge_continued([first, piece, more])
    assert isinstance(grid, Grid)
    assert grid.rows == (
        ("收入", "", "支出", ""),
        ("项目名称", "金额", "项目名称", "金额"),
        ("一、一般公共预算", "33,172.15", "一、基本支出", "18,570.82"),
    )


def test_a_row_cut_by_the_page_break_is_the_continuations_first_row() -> None:
    # 法院 表十二: the row atop page 2 has no upper rule there, so its text comes as loose lines
    columns = ((57.0, 155.0), (155.0, 400.0), (400.0, 538.0))

    def row(*texts: str) -> list[tuple[str, float, float]]:
        return [(t, a, b) for t, (a, b) in zip(texts, columns, strict=True)]

    first = _grid(1, 600.0, [row("品目", "方式", "金额"), row("会议服务", "分散自行组织", "1.51")])
    cut = [
        _loose("计算机设备维修和保", 2, 60.0, 74.0, 150.0),
        _loose("分散自行组织 2.00", 2, 160.0, 81.0, 530.0),  # over two columns, two words
        _loose("养服务", 2, 60.0, 89.0, 90.0),
    ]
    more = _grid(2, 100.0, [row("其他服务", "分散自行组织", "9.00")])
    (grid,) = merge_continued([first, *cut, more])
    assert isinstance(grid, Grid)
    assert grid.rows[2:] == (("计算机设备维修和保养服务", "分散自行组织", "2.00"), ("其他服务", "分散自行组织", "9.00"))
    # a new table's title and unit above the next grid: text, and the tables stay apart
    titled = [_loose("二、某单位收入预算表", 2, 150.0, 60.0, 400.0), _loose("单位：万元", 2, 480.0, 80.0, 538.0)]
    assert merge_continued([first, *titled, more]) == [first, *titled, more]


def test_a_continuation_in_the_same_columns_is_unchanged() -> None:
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "", ""]
    first = _blocks(_table(600.0, [header, ["201", "一般公共服务支出", "10.00", "10.00", ""]]), 1)
    more = _blocks(_table(50.0, [header, ["20101", "人大事务", "10.00", "10.00", ""]]), 2)
    (grid,) = merge_continued([*first, *more])
    assert isinstance(grid, Grid)
    assert [row[:4] for row in grid.rows] == [
        ("科目编码", "科目名称", "合计", "基本支出"),
        ("201", "一般公共服务支出", "10.00", "10.00"),
        ("20101", "人大事务", "10.00", "10.00"),
    ]
    assert Location("t.pdf", page=2).page == grid.wheres[-1].page


def _line(text: str, x0: float, top: float, x1: float) -> TextLine:
    return TextLine(text, Location("t.pdf", page=1, bbox=(x0, top, x1, top + 11.0)))


def test_a_line_wrapped_before_a_number_continues() -> None:
    """A paragraph wrapped before 1375.37 (too wide to fit) ends short of the margin, yet continues;
    11.92 at the start of a line is an amount, not item 11."""
    lines = [
        _line("一、收支预算总体情况", 79.0, 40.0, 200.0),
        _line("埇桥区人民政府办公室 2023 年收入预算 1623.36 万元，比 2022 年预算增加", 79.0, 60.0, 530.0),
        _line("11.92 万元，增长 8.65%。", 57.0, 78.0, 180.0),
        _line("1.行政运行(项)2023 年预算", 79.0, 100.0, 502.0),
        _line("1375.37 万元，与 2022 年预算持平。", 57.0, 118.0, 230.0),
        _line("（一）下一段从这里开始，它缩进了，也不接在上一行后面。这一行很长很长很长很长很长", 79.0, 140.0, 538.0),
        _line("2.另一项", 79.0, 158.0, 200.0),
    ]
    texts = [b.text for b in _join_full_lines(list(lines)) if isinstance(b, TextLine)]
    assert texts == [
        "一、收支预算总体情况",
        "埇桥区人民政府办公室 2023 年收入预算 1623.36 万元，比 2022 年预算增加11.92 万元，增长 8.65%。",
        "1.行政运行(项)2023 年预算1375.37 万元，与 2022 年预算持平。",
        "（一）下一段从这里开始，它缩进了，也不接在上一行后面。这一行很长很长很长很长很长",
        "2.另一项",
    ]


def test_centred_title_lines_are_not_joined() -> None:
    lines = [_line("上海市 XX 局", 250.0, 200.0, 345.0), _line("2024 年度部门决算", 230.0, 215.0, 365.0)]
    assert [b.text for b in _join_full_lines(list(lines)) if isinstance(b, TextLine)] == [
        "上海市 XX 局",
        "2024 年度部门决算",
    ]


def test_an_amount_carried_to_the_next_page_continues_the_sentence() -> None:
    """Hypothesis found this (a random budget's PDF): 说明一 broke after 社会保障和就业支出 at the foot of
    a page, and 34.26 万元 at the top of the next was taken for item 34, leaving a figure with no
    subject ('年财政拨款收支预算总表的说明'). 9.2025年… still starts an item."""
    before = TextLine(
        "支出按功能分类分为：城乡社区支出 611.59 万元，占 22.73%；社会保障和就业支出", Location("t.pdf", page=9)
    )
    after = TextLine("34.26 万元，占 1.27%。", Location("t.pdf", page=10))
    assert [b.text for b in join_broken([before, after]) if isinstance(b, TextLine)] == [before.text + after.text]
    item = TextLine("9.2025年单位“三公”经费预算表", Location("t.pdf", page=10))
    assert len(join_broken([before, item])) == 2


def test_a_line_wrapped_before_a_bracketed_word_continues() -> None:
    """Hypothesis found this (a random jiangsu-12 budget's PDF): the line broke before （项）, which
    moves to the next line whole (no break after （ nor before ）), so the line ends three characters
    (33 points here) short of the margin, more than the one character allowed until now; the item
    lost its 类-款-项 path."""
    lines = [
        _line(
            "3．住房保障支出（类）住房改革支出（款）提租补贴（项）支出 6.20 万元，比 2022 年预算减少", 79.0, 40.0, 538.0
        ),
        _line("1805.10 万元。", 57.0, 58.0, 150.0),
        _line("4．社会保障和就业支出（类）行政事业单位养老支出（款）未归口管理的行政单位离退休", 79.0, 80.0, 514.0),
        _line(
            "（项）支出 83.75 万元，比 2022 年预算增加 83.75 万元，增长主要原因：一是人员增加；二是人",
            57.0,
            98.0,
            538.0,
        ),
    ]
    texts = [b.text for b in _join_full_lines(list(lines)) if isinstance(b, TextLine)]
    assert texts == [
        "3．住房保障支出（类）住房改革支出（款）提租补贴（项）支出 6.20 万元，比 2022 年预算减少1805.10 万元。",
        "4．社会保障和就业支出（类）行政事业单位养老支出（款）未归口管理的行政单位离退休（项）支出 83.75 万元，"
        "比 2022 年预算增加 83.75 万元，增长主要原因：一是人员增加；二是人",
    ]
