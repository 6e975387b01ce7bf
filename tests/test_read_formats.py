"""The Word, Excel and HTML readers: the reference document in each format reads and audits the same.

``fixtures/build_formats.py`` writes the reference document's blocks into a real .docx
(paragraphs and Word tables, header cells merged), an .xlsx (sheet 说明 with the running text,
one sheet per table with amounts stored as numbers in the format they were printed in) and an
.html page. Each must give the same tables, cell by cell, and the same findings as the text.
Hostile files (encrypted, truncated, a zip bomb, XML entity expansion) are refused with exit
status 2 and a Chinese message, never a traceback.
"""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.check import check
from yusuan.cli import main
from yusuan.errors import CorruptInput, EncryptedInput, InputTooLarge, UnsafeInput
from yusuan.model.document import Document, Row, Table
from yusuan.model.performance import PerformanceTarget
from yusuan.read import docx as docx_reader
from yusuan.read import html as html_reader
from yusuan.read import read, read_blocks, sniff
from yusuan.read import xlsx as xlsx_reader
from yusuan.read.blocks import Grid, TextLine

from .fixtures import build_formats as build

CHINESE = re.compile(r"[\u4e00-\u9fff]")
FORMATS = ("docx", "xlsx", "html")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    directory = tmp_path_factory.mktemp("formats")
    items = build.reference_blocks()
    return {
        "docx": build.write_docx(items, directory / "yongqiao.docx"),
        "xlsx": build.write_xlsx(items, directory / "yongqiao.xlsx"),
        "html": build.write_html(items, directory / "yongqiao.html"),
    }


@pytest.fixture(scope="module")
def reference() -> Document:
    return read(build.REFERENCE)


def _row_facts(row: Row) -> tuple[object, ...]:
    cells = tuple((c.text, c.amount.value if c.amount else None) for c in row.cells)
    return (row.code, row.label, row.role, cells)


def _table_facts(table: Table) -> tuple[object, ...]:
    rows = tuple(
        (block.side, tuple(c.key for c in block.columns), tuple(_row_facts(r) for r in block.rows))
        for block in table.blocks
    )
    return (table.number, table.title, table.kind, table.department, table.unit, table.header, rows, table.note)


def _target_facts(target: PerformanceTarget) -> tuple[object, ...]:
    indicators = tuple((i.period, i.level1, i.level2, i.name, i.value, i.quantity, i.unit) for i in target.indicators)
    people = (target.project, target.implementer, target.leader, target.phone, target.period_text)
    return (*people, target.mid_term, target.annual, target.goals, target.annual_goals, indicators)


# --- the same document in every format --------------------------------------------------------


@pytest.mark.parametrize("kind", FORMATS)
def test_same_tables(kind: str, files: dict[str, Path], reference: Document) -> None:
    document = read(files[kind])
    assert [t.number for t in document.tables] == [t.number for t in reference.tables]
    for table, expected in zip(document.tables, reference.tables, strict=True):
        assert _table_facts(table) == _table_facts(expected), f"表 {table.number}"
    amounts = [c.amount.value for t in document.tables for b in t.blocks for r in b.rows for c in r.cells if c.amount]
    assert Decimal("1623.35") in amounts and all(isinstance(a, Decimal) for a in amounts)
    assert [_target_facts(p) for p in document.performance] == [_target_facts(p) for p in reference.performance]
    assert (document.title, document.department, document.year) == (
        reference.title,
        reference.department,
        reference.year,
    )


@pytest.mark.parametrize("kind", FORMATS)
def test_same_findings(kind: str, files: dict[str, Path], reference: Document) -> None:
    # No format loses anything the checks use: the 4 errors and 12 warnings of
    # test_check_reference.py, and every info finding, come out the same. Only their
    # locations differ (a paragraph index, a sheet and row, a source line).
    report = check(read(files[kind]))
    assert sorted(report.flatten("code")) == sorted(check(reference).flatten("code"))
    severities = report.flatten("severity")
    assert (severities.count(("error",)), severities.count(("warning",))) == (4, 12)


@pytest.mark.parametrize("kind", FORMATS)
def test_every_block_is_located(kind: str, files: dict[str, Path]) -> None:
    path = files[kind]
    _, items = read_blocks(path)
    wheres = [w for item in items for w in ((item.where,) if isinstance(item, TextLine) else item.wheres)]
    assert wheres and all(w.file == path.name and w.line and w.line > 0 for w in wheres)
    assert all(w.page is None for w in wheres)
    if kind == "xlsx":
        assert all(w.sheet for w in wheres)
        grid = next(i for i in items if isinstance(i, Grid))
        assert grid.where.sheet == "表1" and grid.where.line == 5  # below 表 1, title, 部门名称, 单位


def test_cli_check_reads_each_format(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    for path in files.values():
        assert main(["check", str(path)]) == 1
        out, err = capsys.readouterr()
        assert "共 4 个错误，12 个警告" in out, out[-300:]
        assert err == ""


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_reads_body_in_order(files: dict[str, Path]) -> None:
    items = docx_reader.blocks(files["docx"])
    texts = [i.text for i in items if isinstance(i, TextLine)]
    assert texts[0] == "埇桥区人民政府办公室 2023 年部门预算"
    first_grid = next(i for i, item in enumerate(items) if isinstance(item, Grid))
    assert [t.text for t in items[first_grid - 4 : first_grid] if isinstance(t, TextLine)] == [
        "表 1",
        "2023 年部门财政拨款收支预算总表",
        "部门名称：埭桥区人民政府办公室",
        "单位：万元",
    ]
    grid = items[first_grid]
    assert isinstance(grid, Grid)
    assert grid.rows[0] == ("收 入", "", "支 出", "", "", "", "")  # merged header cells
    first = grid.where.line or 0
    assert [w.line for w in grid.wheres[:3]] == [first, first + 1, first + 2]


def test_docx_merged_cells(tmp_path: Path) -> None:
    items = docx_reader.blocks(build.write_docx_merged(tmp_path / "merged.docx"))
    grid = next(i for i in items if isinstance(i, Grid))
    assert grid.rows == (
        ("科目", "", "预算数", ""),
        ("编码", "名称", "合计", "基本支出"),
        ("201", "一般公共服务支出", "10.00", "8.00"),
        ("", "另一行", "2.00", ""),  # 201 is merged down: the continuation is ""
    )
    assert [i.text for i in items if isinstance(i, TextLine)] == ["表 1", "注：合并单元格。"]
    assert [w.line for w in grid.wheres] == [2, 3, 4, 5]


def test_docx_text_in_revisions_and_controls(tmp_path: Path) -> None:
    items = docx_reader.blocks(build.write_docx_revisions(tmp_path / "revised.docx"))
    assert [(i.text, i.where.line) for i in items if isinstance(i, TextLine)] == [
        ("表 1", 1),
        ("支出 1,623.35 万元。", 2),  # inserted text kept, deleted text left out
        ("单位：万元", 3),
    ]


# --- XLSX -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [
        (1623.35, "#,##0.00", "1,623.35"),
        (1623.3500000001, "#,##0.00", "1,623.35"),
        (1623.3500000001, "General", "1623.35"),
        (1623.35, "0.00", "1623.35"),
        (615, "#,##0.00", "615.00"),
        (615, "General", "615"),
        (615.0, "General", "615"),
        (0.1 + 0.2, "General", "0.30"),
        (0.0525, "General", "0.0525"),
        (1, "0%", "100%"),
        (0.955, "0.0%", "95.5%"),
        (-1234.5, "#,##0.00_);[Red](#,##0.00)", "-1,234.50"),
        (12.5, '0.00"万元"', "12.50"),
        ("201", "@", "201"),
        (None, "General", ""),
    ],
)
def test_numbers_as_excel_shows_them(value: object, number_format: str, text: str) -> None:
    assert xlsx_reader.render(value, number_format) == text


def test_xlsx_sheet_layout(files: dict[str, Path]) -> None:
    items = xlsx_reader.blocks(files["xlsx"])
    by_sheet: dict[str, list[str]] = {}
    for item in items:
        by_sheet.setdefault(item.where.sheet or "", []).append("grid" if isinstance(item, Grid) else item.text)
    assert list(by_sheet)[:3] == ["说明", "表1", "表2"]
    assert all(not isinstance(i, Grid) for i in items if i.where.sheet == "说明")
    assert by_sheet["表5"][-2:] == ["grid", "注：本表反映部门各项收入、支出预算安排情况。"]
    assert by_sheet["绩效目标"][:3] == ["项目支出绩效目标申报表", "(2023 年度)", "grid"]
    table5 = next(i for i in items if isinstance(i, Grid) and i.where.sheet == "表5")
    assert table5.rows[0][0] == "收 入"  # a one-cell header row is not taken for a title
    assert table5.rows[2][:2] == ("一、一般公共预算拨款收入", "1623.35")  # printed without a comma


def test_xls_path_reads_values_with_calamine(files: dict[str, Path]) -> None:
    # No .xls writer is installed; calamine reads .xlsx too, so its path is checked on the
    # same workbook. Without number formats, amounts are plain (1623.35, 615) and percents
    # are fractions (1): the printed places and "%" are what .xls reading cannot recover.
    sheets = dict(xlsx_reader.calamine_sheets(files["xlsx"]))
    rows = {n: cells for n, cells in sheets["表2"]}
    assert rows[7][:5] == ["", "合计", "1623.35", "1008.35", "615"]
    assert all("0000" not in c for _, cells in sheets["表3"] for c in cells)


def test_xlsx_with_vba_project_is_read_not_run(files: dict[str, Path], reference: Document) -> None:
    # Macros are never executed (openpyxl reads cell values, keep_vba=False drops the part),
    # so a macro-enabled workbook is an ordinary data source, not a threat to refuse.
    path = build.add_vba_part(files["xlsx"])
    with zipfile.ZipFile(path) as archive:
        assert "xl/vbaProject.bin" in archive.namelist()
    assert sniff(path) == "xlsx"
    document = read(path)
    assert [_table_facts(t) for t in document.tables] == [_table_facts(t) for t in reference.tables]


def test_text_sheet_lines_are_joined(tmp_path: Path) -> None:
    rows = [(1, ["第一部分 部门概况"]), (2, ["（八）协助区政府领导处理突发公共事件、国防动员工"]), (3, ["作。"])]
    items = xlsx_reader.sheet_blocks("说明", rows, "x.xlsx")
    assert [i.text for i in items if isinstance(i, TextLine)] == [
        "第一部分 部门概况",
        "（八）协助区政府领导处理突发公共事件、国防动员工作。",
    ]


# --- HTML -------------------------------------------------------------------------------------


def test_html_rowspan_colspan_script_and_nbsp(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        """<html><head><title>标题不算</title><script>var t = "<p>脚本</p>";</script>
<style>p { color: red }</style></head><body>
<h1>某部门&nbsp;&nbsp;2023 年
  部门预算</h1>
<div>表 2</div>
<table><caption>一般公共预算支出表</caption>
<tr><th colspan="2">科目</th><th>合计</th></tr>
<tr><td rowspan="2">201</td><td>一般公共服务支出</td><td>10.00</td></tr>
<tr><td>另一行<br>第二行</td><td><p>2.00</p></td></tr>
<tr><td>合计</td><td></td><td rowspan="2">12.00</td></tr>
<tr><td>尾行</td></tr>
</table>
<ul><li>注：单位 <b>万元</b>。</li></ul>
</body></html>""",
        encoding="utf-8",
    )
    items = html_reader.blocks(page)
    texts = [(i.text, i.where.line) for i in items if isinstance(i, TextLine)]
    assert texts == [
        ("某部门 2023 年 部门预算", 3),
        ("表 2", 5),
        ("一般公共预算支出表", 6),
        ("注：单位 万元。", 13),
    ]
    (grid,) = [i for i in items if isinstance(i, Grid)]
    assert grid.rows == (
        ("科目", "", "合计"),
        ("201", "一般公共服务支出", "10.00"),
        ("", "另一行\n第二行", "2.00"),
        ("合计", "", "12.00"),
        ("尾行", "", ""),
    )
    assert [w.line for w in grid.wheres] == [7, 8, 9, 10, 11]


def test_html_layout_table_is_read_as_page(tmp_path: Path) -> None:
    # Older government sites lay pages out in tables: a table holding a heading or another
    # table is layout, its cells read as blocks; only the innermost data table is a grid.
    page = tmp_path / "layout.html"
    page.write_text(
        "<table><tr><td><h1>某部门 2023 年部门预算</h1><p>正文。</p>"
        "<table><tr><td>科目</td><td>合计</td></tr><tr><td>201</td><td>1.00</td></tr></table>"
        "</td><td>网站导航</td></tr></table>",
        encoding="utf-8",
    )
    items = html_reader.blocks(page)
    assert [i.text if isinstance(i, TextLine) else i.rows for i in items] == [
        "某部门 2023 年部门预算",
        "正文。",
        (("科目", "合计"), ("201", "1.00")),
        "网站导航",
    ]


def test_html_deep_nesting_and_unclosed_tags(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    # Past a depth limit elements are flattened into their parent, so no recursion overflows.
    page.write_text("<div>" * 20000 + "深" + "</div>" * 20000 + "<table><tr><td>a<td>b<tr><td>c", encoding="utf-8")
    items = html_reader.blocks(page)
    assert [i.text if isinstance(i, TextLine) else i.rows for i in items] == ["深", (("a", "b"), ("c", ""))]


@pytest.mark.parametrize(("encoding", "meta"), [("gb18030", True), ("gbk", False), ("utf-8-sig", False)])
def test_html_encodings(encoding: str, meta: bool, tmp_path: Path, reference: Document) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=GB2312">' if meta else ""
    page = tmp_path / "page.html"
    page.write_bytes(f"<html><head>{head}</head><body><p>埇桥区人民政府办公室</p></body></html>".encode(encoding))
    assert [i.text for i in html_reader.blocks(page) if isinstance(i, TextLine)] == ["埇桥区人民政府办公室"]


def test_html_gb18030_reference_reads_the_same(tmp_path: Path, reference: Document) -> None:
    path = build.write_html(build.reference_blocks(), tmp_path / "gb.html", encoding="gb18030")
    assert [_table_facts(t) for t in read(path).tables] == [_table_facts(t) for t in reference.tables]


def test_html_over_the_size_limit(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    with page.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse
    with pytest.raises(InputTooLarge):
        html_reader.blocks(page)


# --- hostile files ----------------------------------------------------------------------------


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    status = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert status == 2, err
    assert out == ""
    assert "Traceback" not in err
    assert str(path) in err and CHINESE.search(err), err
    return err


def test_encrypted_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.encrypted_ole(tmp_path / "secret.docx")
    with pytest.raises(EncryptedInput, match="加密"):
        docx_reader.blocks(path)
    assert "加密" in _refused(path, capsys)  # the command line says why, whatever the name


def test_encrypted_xls(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.encrypted_ole(tmp_path / "secret.xls")
    assert "加密" in _refused(path, capsys)


def test_truncated_docx(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.truncated(files["docx"], tmp_path / "half.docx")
    with pytest.raises(CorruptInput, match="损坏"):
        docx_reader.blocks(path)
    assert "损坏" in _refused(path, capsys)


def test_truncated_xlsx(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.truncated(files["xlsx"], tmp_path / "half.xlsx")
    with pytest.raises(CorruptInput, match="损坏"):
        xlsx_reader.blocks(path)
    assert "损坏" in _refused(path, capsys)


def test_zip_bomb(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.zip_bomb(files["docx"], tmp_path / "bomb.docx")
    assert path.stat().st_size < 2 * 1024 * 1024
    err = _refused(path, capsys)
    assert "压缩炸弹" in err and "不安全" in err


def test_billion_laughs_docx(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.billion_laughs_docx(files["docx"], tmp_path / "laughs.docx")
    with pytest.raises(UnsafeInput):
        docx_reader.blocks(path)
    assert "实体" in _refused(path, capsys)


def test_billion_laughs_xlsx(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.billion_laughs_xlsx(files["xlsx"], tmp_path / "laughs.xlsx")
    assert "实体" in _refused(path, capsys)
