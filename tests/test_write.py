"""Writing a Document and reading it back: every format gives the same tables and findings."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yusuan.catalogs import codes
from yusuan.check import check
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Document
from yusuan.model.performance import PerformanceTarget
from yusuan.read import read, sniff
from yusuan.write import docx, html, xlsx
from yusuan.write import json as json_writer
from yusuan.write.blocks import PERFORMANCE_TITLE, Style, TableLayout, Text, column_shares, layout, row_spans

REFERENCE = Path(__file__).resolve().parents[1] / "samples" / "anhui-yongqiao-government-office-2023-budget.txt"
WRITERS: dict[str, Callable[[Document, Path], Path]] = {
    "html": html.write,
    "docx": docx.write,
    "xlsx": xlsx.write,
}

TableFacts = tuple[object, ...]


def table_facts(document: Document) -> list[TableFacts]:
    """Number, title, kind, unit, department and every row's code, label and cells (text, exact amount)."""
    return [
        (
            t.number,
            t.title,
            t.kind,
            t.unit,
            t.department,
            t.note,
            [
                (
                    b.side,
                    [c.key for c in b.columns],
                    [(r.code, r.label, r.role, r.level, _cells(r.cells)) for r in b.rows],
                )
                for b in t.blocks
            ],
        )
        for t in document.tables
    ]


def _cells(cells: tuple[object, ...]) -> list[tuple[str, Decimal | None, int | None]]:
    out = []
    for cell in cells:
        amount = getattr(cell, "amount", None)
        out.append((getattr(cell, "text", ""), amount.value if amount else None, amount.places if amount else None))
    return out


@pytest.fixture(scope="module")
def reference() -> Document:
    return read(REFERENCE)


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_round_trip_same_tables_and_findings(kind: str, reference: Document, tmp_path: Path) -> None:
    path = WRITERS[kind](reference, tmp_path / f"out.{kind}")
    assert sniff(path) == kind
    document = read(path)
    assert table_facts(document) == table_facts(reference)
    assert [(p.project, len(p.indicators), p.annual, p.mid_term) for p in document.performance] == [
        (p.project, len(p.indicators), p.annual, p.mid_term) for p in reference.performance
    ]
    assert (document.title, document.department, document.year) == (
        reference.title,
        reference.department,
        reference.year,
    )
    assert [t.term for t in document.glossary] == [t.term for t in reference.glossary]
    assert sorted(check(document).flatten("code")) == sorted(check(reference).flatten("code"))


def test_json_is_the_model_with_exact_amounts(reference: Document, tmp_path: Path) -> None:
    data = json.loads(json_writer.write(reference, tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data["title"] == reference.title
    first = data["tables"][1]["blocks"][0]["rows"][0]["cells"][0]
    assert first["text"] == "1,623.35" and first["amount"] == {"value": "1623.35", "unit": "万元", "places": 2}
    assert [t["number"] for t in data["tables"]] == [t.number for t in reference.tables]


def test_layout_order(reference: Document) -> None:
    items = layout(reference)
    assert items[0] == Text(reference.title, Style.TITLE)
    assert items[1] == Text("目录", Style.CONTENTS)
    tables = [i for i in items if isinstance(i, TableLayout)]
    assert [t.titles[0].text for t in tables[:2]] == ["表 1", "表 2"]
    table4 = tables[3]
    assert [t.text for t in table4.titles[2:]] == ["部门名称：埇桥区人民政府办公室", "单位：万元"]
    assert table4.notes and table4.notes[0].text.startswith("注")
    assert tables[0].grid.header == 2 and tables[0].grid.rows[-1][0].text == "收入总计"


def test_performance_grid_merges_its_fields_not_its_indicators(reference: Document, tmp_path: Path) -> None:
    target = next(i for i in layout(reference) if isinstance(i, TableLayout) and i.name == PERFORMANCE_TITLE)
    grid = target.grid
    assert row_spans(grid, 0) == [(0, 1), (1, 7)]  # 项目名称 | the name across six columns
    # 项目负责人 | 徐海 | 联系电话 | the number, on the plan of the goals' 中期 | 年度 columns
    assert row_spans(grid, 2) == [(0, 1), (1, 4), (4, 5), (5, 7)]
    assert [c.text for c in grid.rows[4]][:6] == ["中期资金总额:", "261万元", "", "", "年度资金总额:", "87万元"]
    heading = next(i for i, row in enumerate(grid.rows) if row[1].text == "中期目标")
    assert [c.text for c in grid.rows[heading]] == ["总体目标", "中期目标", "", "", "年度目标", "", ""]
    goals = [row for row in grid.rows[heading + 1 :] if row[0].text == "总体目标"]
    assert len(goals) == 9 and all(row_spans(grid, grid.rows.index(row)) == [(0, 1), (1, 4), (4, 7)] for row in goals)
    mid, annual = goals[6][1].text, goals[6][4].text  # the reference's 七 differs between its two columns
    assert mid.startswith("七、政府网站与政府系统") and annual.startswith("七、政府网站与政府系统") and mid != annual
    indicators = next(i for i, row in enumerate(grid.rows) if row[0].text == "一级指标")
    assert row_spans(grid, indicators + 1) == [(j, j + 1) for j in range(7)]  # indicators: a cell per column
    # widths by the longest unmerged line: 其中：财政拨款: (8), 服务对象满意度指标 (9), indicator names
    # (16, the cap), 2021 年—2023 年 (13); the project's name, merged, does not widen its column; the
    # 年度 half as wide as the 中期 one (its 指标值 column needs 8, 2023 年底前, and gets 13)
    assert column_shares(grid) == pytest.approx([n / 84 for n in (8, 9, 16, 13, 9, 16, 13)])
    page = html.render(reference)
    assert '<td class="text" colspan="6">区政府信息中心及政府网站、电子政务系统等运行维护保障费</td>' in page
    path = docx.write(reference, tmp_path / "out.docx")
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode()
    row = body[body.index(">项目名称<") : body.index(">实施单位<")]
    assert '<w:gridSpan w:val="6"/>' in row
    # it starts a page in both, as an attachment does
    assert '<section class="table own-page">\n<p class="table-title">项目支出绩效目标申报表</p>' in page
    title = body[: body.index(">项目支出绩效目标申报表<")]
    assert title[title.rindex("<w:p>") :].count("<w:pageBreakBefore/>") == 1


def test_docx_page_fonts_and_repeating_headers(reference: Document, tmp_path: Path) -> None:
    import docx as python_docx
    from docx.oxml.ns import qn

    path = docx.write(reference, tmp_path / "out.docx")
    word = python_docx.Document(str(path))
    section = word.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    xml = word.element.xml
    assert 'w:tblHeader w:val="true"' in xml
    styles = word.styles.element.xml
    assert 'w:eastAsia="Noto Serif CJK SC"' in styles and 'w:eastAsia="zh-CN"' in styles
    assert "PAGE" in section.footer._element.xml
    style = word.tables[0].style
    assert style is not None and style.name == "Table Grid"
    widths = [int(c.get(qn("w:w"))) for c in word.tables[1]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[1] > 2 * widths[0]  # 科目名称 is wide, 科目编码 narrow (not python-docx's equal widths)
    title = next(p for p in word.paragraphs if p.text == "2023 年部门一般公共预算支出预算表")
    assert title.paragraph_format.keep_with_next  # stays on the page of its table
    amount = word.tables[1].rows[2].cells[2].paragraphs[0]  # 表2 合计 row, 合计 column
    assert amount.text == "1,623.35"
    assert amount.style is not None and amount.style.font.size is not None and amount.style.font.size.pt == 9


def test_xlsx_numbers_are_numbers(reference: Document, tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(xlsx.write(reference, tmp_path / "out.xlsx"))
    assert workbook.sheetnames[:2] == ["说明", "2023年部门财政拨款收支预算总表"]
    sheet = workbook["2023年部门一般公共预算支出预算表"]
    rows = list(sheet.iter_rows(values_only=False))
    total = next(r for r in rows if r[1].value == "合计")
    assert isinstance(total[2].value, float) and total[2].number_format == "#,##0.00"  # a number cell
    with zipfile.ZipFile(tmp_path / "out.xlsx") as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert any("<v>1623.35</v>" in xml for xml in sheets)  # the exact Decimal, no binary noise
    code = next(r for r in rows if r[0].value == "201")
    assert isinstance(code[0].value, str)
    plain = workbook["2023年部门收支预算总表"]
    assert any(c.number_format == "0.00" for row in plain.iter_rows() for c in row)  # printed 1623.35


def test_html_page(reference: Document) -> None:
    page = html.render(reference)
    assert "Noto Sans CJK SC" in page and "Noto Serif CJK SC" in page and "size: A4" in page
    assert '<td class="amount">1,623.35</td>' in page
    assert '<th colspan="2">收 入</th>' in page
    # a cell of several lines (the performance goals) breaks them, never prints the tag as text
    assert "&lt;br&gt;" not in page and "五、信息中心专项经费：<br>1. 负责全区网络信息系统建设" in page


def test_pdf_reads_back(reference: Document, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from yusuan.write import pdf

    path = pdf.write(reference, tmp_path / "out.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    document = read(path)
    # Every table reads back exactly, across page breaks (表1, 表5 continue on the next page).
    assert table_facts(document) == table_facts(reference)
    # So do the performance targets, over four pages, but for white space: a PDF cannot tell a
    # line break in a goal, or a space where a cell wraps (25 个乡镇 / 11 家), from the wrapping.
    assert [_loose(t) for t in document.performance] == [_loose(t) for t in reference.performance]


def _loose(target: PerformanceTarget) -> tuple[object, ...]:
    def bare(text: str) -> str:
        return "".join(text.split())

    return (
        target.project,
        target.mid_term,
        target.annual,
        [bare(g) for g in target.goals],
        [bare(g) for g in target.annual_goals],
        [(i.period, i.level1, i.level2, bare(i.name), bare(i.value), i.quantity, i.unit) for i in target.indicators],
    )


# --- random tables ------------------------------------------------------------------------------

_CATALOG = codes(CodeSystem.FUNCTIONAL)
_ITEMS = sorted(
    c for c in _CATALOG.entries if len(c) == 7 and _CATALOG.knows(c[:5]) and _CATALOG.knows(c[:3]) and _CATALOG.names(c)
)


def _money(cents: int) -> str:
    return f"{Decimal(cents) / 100:,.2f}"


@st.composite
def expense_tables(draw: st.DrawFn) -> str:
    """A 一般公共预算支出预算表 as text: 类/款/项 rows whose parents are the exact sums."""
    items = draw(st.lists(st.sampled_from(_ITEMS), min_size=1, max_size=5, unique=True))
    amounts = {c: (draw(st.integers(0, 10**8)), draw(st.integers(0, 10**7))) for c in items}
    lines = [
        "测试部门 2023 年部门预算",
        "表 2",
        "2023 年部门一般公共预算支出预算表",
        "部门名称：测试部门",
        "单位：万元",
    ]
    lines += ["功能分类科目\t\t预算数\t\t", "科目编码\t科目名称\t合计\t基本支出\t项目支出"]

    def row(code: str, name: str, members: list[str]) -> str:
        basic = sum(amounts[m][0] for m in members)
        project = sum(amounts[m][1] for m in members)
        return "\t".join([code, name, _money(basic + project), _money(basic), _money(project)])

    lines.append(row("", "合计", items))
    for group in sorted({c[:3] for c in items}):
        lines.append(row(group, _CATALOG.names(group)[0], [c for c in items if c.startswith(group)]))
        for middle in sorted({c[:5] for c in items if c.startswith(group)}):
            lines.append(row(middle, _CATALOG.names(middle)[0], [c for c in items if c.startswith(middle)]))
            for item in sorted(c for c in items if c.startswith(middle)):
                lines.append(row(item, _CATALOG.names(item)[0], [item]))
    return "\n".join(lines) + "\n"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=expense_tables())
def test_random_tables_round_trip_exactly(text: str, tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text(text, encoding="utf-8")
    original = read(source)
    assert original.tables and original.tables[0].kind == "gpb_expense"
    assert not [f for f in check(original).flatten("code") if str(f[0]).startswith("total.")]
    for kind in ("docx", "xlsx"):
        document = read(WRITERS[kind](original, tmp_path / f"out.{kind}"))
        assert table_facts(document) == table_facts(original), kind
