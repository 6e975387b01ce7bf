"""Ruled tables and text lines read with pypdfium2 alone (yusuan.read.pdfgrid).

Values were checked by hand against the rendered pages of the corpus copies in
tests/fixtures/docs/ (a test is skipped when its file is missing). One test compares a whole
page with pdfplumber's ``find_tables()``/``extract_text_lines()``, which pdfgrid re-does; a
small PDF written here checks the four page rotations.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pdfium = pytest.importorskip("pypdfium2")

from yusuan.read import pdfgrid  # noqa: E402

DOCS = Path(__file__).resolve().parent / "fixtures" / "docs"
SHANGHAI_OFFICE = DOCS / "shanghai-putuo-government-office-2025-unit-budget.pdf"
PROCURATORATE = DOCS / "jiangsu-procuratorate-2019-budget.pdf"
CPPCC_TABLES = DOCS / "jiangsu-cppcc-office-2019-budget-tables.pdf"


def _layout(path: Path, number: int) -> tuple[list[pdfgrid.Table], list[pdfgrid.TextLine]]:
    if not path.exists():
        pytest.skip(f"{path.name} is not in tests/fixtures/docs")
    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[number - 1]
        try:
            return pdfgrid.page_layout(page)
        finally:
            page.close()
    finally:
        pdf.close()


def _filled(row: list[str | None]) -> list[str]:
    return [text for text in row if text]


def test_shanghai_function_table() -> None:
    """Shanghai 普陀区政府办公室 2025, page 14: 一般公共预算支出功能分类预算表."""
    tables, lines = _layout(SHANGHAI_OFFICE, 14)
    assert [line.text for line in lines] == [
        "2025年预算单位一般公共预算支出功能分类预算表",
        "编制单位：上海市普陀区人民政府办公室 单位：元",
    ]
    assert len(tables) == 1
    table = tables[0]
    assert table.bbox == pytest.approx((55.08, 129.12, 785.88, 522.72), abs=0.01)
    assert len(table.rows) == 16
    rows = table.extract()
    # merged header cells leave None at the positions they cover
    assert rows[0] == ["项目", None, None, None, "一般公共预算支出", None, None]
    assert rows[1] == ["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出", "项目支出"]
    assert rows[2] == ["类", "款", "项", None, None, None, None]
    assert rows[3] == ["201", "", "", "一般公共服务支出", "82,096,797.42", "15,686,797.42", "66,410,000.00"]
    assert rows[5] == ["201", "03", "01", "行政运行", "12,029,501.84", "11,919,501.84", "110,000.00"]
    assert rows[-1] == ["210", "", "", "卫生健康支出", "1,097,073.43", "1,097,073.43", ""]
    # every row's cells line up with its texts, None for None
    for row, texts in zip(table.rows, rows, strict=True):
        assert [cell is None for cell in row.cells] == [text is None for text in texts]
    first = table.rows[3].cells[0]
    assert first == pytest.approx((55.08, 202.92, 92.64, 227.52), abs=0.01)
    assert table.rows[3].bbox == pytest.approx((55.08, 202.92, 785.88, 227.52), abs=0.01)


def test_jiangsu_procuratorate_running_costs() -> None:
    """Jiangsu 省人民检察院 2019, page 21 (公开11表): a grid with spacer columns."""
    tables, lines = _layout(PROCURATORATE, 21)
    texts = [line.text for line in lines]
    assert texts[:2] == ["公开11表", "一般公共预算机关运行经费支出预算表"]
    assert texts[2].startswith("部门名称： 江苏省人民检察院 单位：万元")
    assert texts[3].startswith("注：1.“机关运行经费”指行政单位")
    assert len(tables) == 1
    rows = tables[0].extract()
    assert len(rows) == 20 and len(rows[0]) == 9
    assert _filled(rows[0]) == ["科目编码", "科目名称", "机关运行经费支出"]
    assert _filled(rows[1]) == ["合计"]
    assert _filled(rows[2]) == ["2,391.92"]
    assert _filled(rows[4]) == ["302", "商品和服务支出", "2,391.92"]
    assert _filled(rows[5]) == ["30201", "办公费", "158.00"]
    assert _filled(rows[-1]) == ["30299", "其他商品和服务支出", "603.56"]


def test_jiangsu_cppcc_summary_table() -> None:
    """Jiangsu 省政协办公厅 2019 tables, page 1 (公开01表 收支预算总表): title inside the grid."""
    tables, lines = _layout(CPPCC_TABLES, 1)
    assert [line.text for line in lines] == ["公开01表"]
    assert len(tables) == 1
    table = tables[0]
    assert table.bbox == pytest.approx((42.65, 63.39, 742.03, 520.03), abs=0.01)
    rows = table.extract()
    assert len(rows) == 27
    assert rows[0] == ["收支预算总表\n部门：江苏省政协办公厅 单位：万元", None, None, None, None, None]
    assert rows[1] == ["收入", None, "支出", None, None, None]
    assert rows[2] == ["项目名称", "金额", "功能分类", None, "支出用途", None]
    assert rows[3] == [None, None, "功能科目名称", "金额", "项目名称", "金额"]
    assert rows[4] == ["一、财政拨款", "13,297.11", "一、一般公共服务支出", "10,271.56", "一、基本支出", "6,522.75"]
    assert rows[-1] == ["收入合计", "13,377.11", "支出合计", None, None, "13,377.11"]


def test_same_as_pdfplumber_on_a_page() -> None:
    """pdfgrid gives pdfplumber's tables (boxes, rows, texts) and outside lines on a whole page."""
    pdfplumber = pytest.importorskip("pdfplumber")
    tables, lines = _layout(SHANGHAI_OFFICE, 14)
    with pdfplumber.open(SHANGHAI_OFFICE) as pdf:
        page = pdf.pages[13]
        theirs = page.find_tables()
        assert len(tables) == len(theirs)
        for mine, their in zip(tables, theirs, strict=True):
            assert mine.bbox == pytest.approx(their.bbox, abs=0.01)
            assert len(mine.rows) == len(their.rows)
            for row, their_row in zip(mine.rows, their.rows, strict=True):
                assert row.bbox == pytest.approx(their_row.bbox, abs=0.01)
                assert len(row.cells) == len(their_row.cells)
                for cell, their_cell in zip(row.cells, their_row.cells, strict=True):
                    assert (cell is None) == (their_cell is None)
                    if cell is not None:
                        assert cell == pytest.approx(their_cell, abs=0.01)
            assert mine.extract() == their.extract()
        boxes = [t.bbox for t in theirs]

        def outside(obj: dict[str, object]) -> bool:
            if obj.get("object_type") != "char":
                return True
            x = (float(obj["x0"]) + float(obj["x1"])) / 2  # type: ignore[arg-type]
            y = (float(obj["top"]) + float(obj["bottom"])) / 2  # type: ignore[arg-type]
            return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

        their_lines = page.filter(outside).extract_text_lines(return_chars=False)
    assert [line.text for line in lines] == [line["text"] for line in their_lines]
    for line, their_line in zip(lines, their_lines, strict=True):
        mine_box = (line.x0, line.top, line.x1, line.bottom)
        their_box = (their_line["x0"], their_line["top"], their_line["x1"], their_line["bottom"])
        assert mine_box == pytest.approx(their_box, abs=0.01)


GRID = b"".join(b"50 %d m 250 %d l S\n" % (y, y) for y in (700, 680, 660)) + b"".join(
    b"%d 660 m %d 700 l S\n" % (x, x) for x in (50, 150, 250)
)
CELLS = b"BT /F1 10 Tf 60 685 Td (A1) Tj 100 0 Td (B1 x) Tj -100 -20 Td (A2) Tj 100 0 Td (B2) Tj ET\n"
TITLE = b"BT /F1 12 Tf 50 720 Td (Title line) Tj ET\n"


def _pdf(content: bytes, rotate: int = 0, form: bytes | None = None) -> bytes:
    """One A4 page in Helvetica, written by hand; ``form`` is drawn by ``/Fm1 Do`` in ``content``."""
    resources = b"<< /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate %d" % rotate
        + b" /Resources "
        + resources
        + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = form or b""
    objects.append(
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1.2 0 0 1 10 -20]"
        + b" /Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n" % len(body)
        + body
        + b"\nendstream"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, item in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + item + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _same_as_pdfplumber(data: bytes, bbox: tuple[float, ...], texts: list[list[str]]) -> None:
    try:
        import pdfplumber
    except ImportError:
        return
    with pdfplumber.open(io.BytesIO(data)) as other:
        theirs = other.pages[0].find_tables()
        assert [t.bbox for t in theirs] == [pytest.approx(bbox, abs=0.01)]
        assert theirs[0].extract() == texts


# Expected as pdfplumber reads the same pages (on a turned page the text runs sideways).
ROTATIONS: dict[int, tuple[tuple[float, ...], list[list[str]], list[str]]] = {
    0: ((50.0, 142.0, 250.0, 182.0), [["A1", "B1 x"], ["A2", "B2"]], ["Title line"]),
    90: ((660.0, 50.0, 700.0, 250.0), [["A2", "A1"], ["B2", "B1\nx"]], ["Title", "line"]),
    180: ((345.0, 660.0, 545.0, 700.0), [["2B", "2A"], ["x 1B", "1A"]], ["enil eltiT"]),
    270: ((142.0, 345.0, 182.0, 545.0), [["x\n1B", "2B"], ["1A", "2A"]], ["enil", "eltiT"]),
}


@pytest.mark.parametrize("rotate", sorted(ROTATIONS))
def test_page_rotation(rotate: int) -> None:
    bbox, texts, line_texts = ROTATIONS[rotate]
    data = _pdf(b"0.5 w\n" + GRID + CELLS + TITLE, rotate)
    tables, lines = pdfgrid.page_layout(pdfium.PdfDocument(data)[0])
    assert len(tables) == 1
    assert tables[0].bbox == pytest.approx(bbox, abs=0.01)
    assert tables[0].extract() == texts
    assert [line.text for line in lines] == line_texts
    _same_as_pdfplumber(data, bbox, texts)


def test_rulings_inside_a_form_xobject() -> None:
    """A form's /Matrix and the ``cm`` before ``Do`` both move its rulings and text."""
    data = _pdf(b"q 1 0 0 0.8 5 30 cm /Fm1 Do Q\n", form=b"0.5 w\n" + GRID + CELLS)
    tables, lines = pdfgrid.page_layout(pdfium.PdfDocument(data)[0])
    assert [t.bbox for t in tables] == [pytest.approx((75.0, 268.0, 315.0, 300.0), abs=0.01)]
    assert tables[0].extract() == [["A1", "B1 x"], ["A2", "B2"]]
    assert lines == []
    _same_as_pdfplumber(data, (75.0, 268.0, 315.0, 300.0), [["A1", "B1 x"], ["A2", "B2"]])


def test_text_without_rulings_is_lines() -> None:
    page = pdfium.PdfDocument(_pdf(CELLS + TITLE))[0]
    tables, lines = pdfgrid.page_layout(page)
    assert tables == [] and pdfgrid.find_tables(page) == []
    assert [line.text for line in lines] == ["Title line", "A1 B1 x", "A2 B2"]
    title = lines[0]
    # pdfminer's box: the font size tall from the descent (Helvetica: -207/1000 em in its
    # metrics; pdfium's built-in Helvetica descends a little lower)
    assert (title.x0, title.top, title.bottom) == pytest.approx(
        (50.0, 842 - 720 - 12 * 0.793, 842 - 720 + 12 * 0.207), abs=0.3
    )


def test_points_in_boxes_edges_included() -> None:
    """The slot index answers as testing every box would: edges, shared edges and corners count."""
    boxes = [(0.0, 0.0, 10.0, 5.0), (10.0, 0.0, 30.0, 5.0), (0.0, 5.0, 30.0, 9.5), (40.0, 0.0, 50.0, 2.0)]
    index = pdfgrid._Boxes(boxes)
    points = [(x / 2, y / 2) for x in range(-2, 104) for y in range(-2, 22)]
    points += [(10.0, 5.0), (30.0, 9.5), (50.0, 2.0), (35.0, 1.0), (40.0, 2.0), (30.0, 9.6)]
    for x, y in points:
        expected = any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)
        assert index.hold(x, y) is expected, (x, y)
    assert not pdfgrid._Boxes([]).hold(1.0, 1.0)
