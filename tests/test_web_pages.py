"""The reading pages and their JSON twins: search, department, department-year page (tables as
published, findings marked, audit summary, revisions), downloads, the error envelope.

Values are checked by hand against the sources: the reference document
(samples/anhui-yongqiao-government-office-2023-budget.txt, its audit reviewed in
docs/examples/yongqiao-2023-check.md) and 公开02表 of jiangsu-npc-office-2018-budget.pdf (page 9,
收入总计 15897.44 万元, as pdftotext prints it).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select

from tests.conftest import REFERENCE
from yusuan.batch import Job, work
from yusuan.check.report import Report
from yusuan.model.document import Document
from yusuan.store import renderings
from yusuan.store.db import Store
from yusuan.store.ingest import store_document
from yusuan.store.schema import Filing, Rendering
from yusuan.web.app import create_app
from yusuan.web.part import prerender, render_version

ROOT = Path(__file__).resolve().parent.parent
NPC = ROOT / "tests" / "fixtures" / "docs" / "jiangsu-npc-office-2018-budget.pdf"
ROLLUP = "表3“302 商品和服务支出”预算数为 149.72，下级科目合计 149.61，相差 0.11，超出舍入误差（±0.035）"


@dataclass(frozen=True)
class Read:
    document: Document
    report: Report
    original: bytes
    filename: str


def _read(path: Path, filename: str | None = None) -> Read:
    outcome = work(Job(path, keep=True))
    assert outcome.document is not None and outcome.report is not None, outcome.error
    return Read(outcome.document, outcome.report, path.read_bytes(), filename or path.name)


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Read]:
    """Read and audited once per module; stored afresh into each test's store."""
    changed = tmp_path_factory.mktemp("changed") / "埇桥区政府办公室2023年预算（更正）.txt"
    text = REFERENCE.read_text(encoding="utf-8")
    assert text.count("302\t商品和服务支出\t149.72") == 1
    # The correction: 302 now equals its six items (109.80 + 4.74 + 3.16 + 0.01 + 30.52 + 1.38).
    changed.write_text(text.replace("302\t商品和服务支出\t149.72", "302\t商品和服务支出\t149.61"), encoding="utf-8")
    reference = _read(REFERENCE)
    odd = replace(reference.document, department="<script>alert(1)</script>百分之%_'办公室")
    return {
        "reference": reference,
        "changed": _read(changed),
        "npc": _read(NPC),
        "odd": Read(odd, reference.report, b"odd", "odd.txt"),
    }


@dataclass(frozen=True)
class Portal:
    client: TestClient
    store: Store
    reference: int  # filing ids
    npc: int
    odd: int


def _put(store: Store, read: Read, region: str | None = None) -> int:
    return store_document(store, read.document, read.report, read.original, read.filename, region=region).filing_id


@pytest.fixture
def portal(store: Store, sources: dict[str, Read]) -> Iterator[Portal]:
    reference = _put(store, sources["reference"])
    npc = _put(store, sources["npc"])
    odd = _put(store, sources["odd"], region="测试区")
    with TestClient(create_app(store)) as client:
        yield Portal(client, store, reference, npc, odd)


def html(portal: Portal, url: str, status: int = 200) -> str:
    response = portal.client.get(url, headers={"accept": "text/html"})
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    text: str = response.text
    return text


def figure(page: str, number: str) -> str:
    """The <figure> of the table printed with that number."""
    match = re.search(
        rf'<figure class="budget-table[^"]*" id="table-\d+" data-table="{number}".*?</figure>', page, re.S
    )
    assert match, f"no table {number}"
    return match.group(0)


# ---- search and browse ------------------------------------------------------------------------


def test_search_groups_regions_departments_filings_with_their_audit(portal: Portal) -> None:
    data = portal.client.get("/api/search").json()
    assert data["count"] == 3
    by_region = {r["name"]: r for r in data["regions"]}
    assert set(by_region) == {"埇桥区", "江苏省", "测试区"}
    (department,) = by_region["埇桥区"]["departments"]
    assert department["name"] == "埇桥区人民政府办公室"
    (filing,) = department["filings"]
    assert (filing["id"], filing["year"], filing["kind"], filing["revision"]) == (portal.reference, 2023, "预算", 1)
    assert (filing["errors"], filing["warnings"], filing["infos"]) == (4, 12, 25)  # docs/examples/yongqiao-2023-…
    assert data["years"] == [2023, 2018]
    assert data["kinds"] == ["预算", "决算"]

    page = html(portal, "/")
    assert f'<a href="/filings/{portal.reference}">2023年预算</a>' in page
    assert "错误 4 · 警告 12" in page


def test_search_filters_by_name_region_year_and_kind(portal: Portal) -> None:
    def found(query: str) -> list[int]:
        data = portal.client.get(f"/api/search?{query}").json()
        return [f["id"] for r in data["regions"] for d in r["departments"] for f in d["filings"]]

    assert found("q=人大常委会") == [portal.npc]
    assert found("q=人民政府办公室") == [portal.reference]
    assert found("year=2018") == [portal.npc]
    assert found("kind=决算") == []
    assert sorted(found("kind=预算")) == sorted([portal.reference, portal.npc, portal.odd])
    regions = {r["name"]: r["id"] for r in portal.client.get("/api/regions").json()["regions"]}
    assert found(f"region={regions['江苏省']}") == [portal.npc]
    assert found(f"q=办公&region={regions['埇桥区']}&year=2023&kind=预算") == [portal.reference]
    assert portal.client.get("/api/search?kind=草案").status_code == 422


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("%", ["odd"]),  # literally in one name only; as a LIKE wildcard it would match every department
        ("_", ["odd"]),
        ("'", ["odd"]),
        ("%_'", ["odd"]),
        ("人民%办公室", []),  # LIKE would match 人民政府办公室
        ("人民_府", []),
        ("' OR '1'='1", []),
        ("'; DROP TABLE department; --", []),
    ],
)
def test_search_treats_sql_metacharacters_literally(portal: Portal, q: str, expected: list[str]) -> None:
    response = portal.client.get("/api/search", params={"q": q})
    assert response.status_code == 200
    ids = [f["id"] for r in response.json()["regions"] for d in r["departments"] for f in d["filings"]]
    assert ids == [getattr(portal, name) for name in expected]
    assert portal.client.get("/api/search").json()["count"] == 3  # nothing was dropped


def test_names_from_documents_render_as_text(portal: Portal) -> None:
    page = html(portal, "/?q=%25")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;百分之%_&#39;办公室" in page
    assert "<script>alert(1)" not in html(portal, f"/filings/{portal.odd}")


def test_department_page_lists_filings_and_links_to_them(portal: Portal) -> None:
    data = portal.client.get("/api/search?q=人民政府办公室").json()
    department_id = data["regions"][0]["departments"][0]["id"]
    info = portal.client.get(f"/api/departments/{department_id}").json()
    assert info["name"] == "埇桥区人民政府办公室"
    assert info["region"]["name"] == "埇桥区"
    assert [(f["year"], f["kind"], f["errors"]) for f in info["filings"]] == [(2023, "预算", 4)]
    page = html(portal, f"/departments/{department_id}")
    assert f'<a href="/filings/{portal.reference}">2023</a>' in page
    assert "错误 4 · 警告 12 · 提示 25" in page
    # its units, as the 概况 names them (仅包括埭桥区人民政府办公室本级预算)
    assert [u["name"] for u in info["units"]] == ["埭桥区人民政府办公室本级"]
    assert '<ul class="units"><li>埭桥区人民政府办公室本级</li></ul>' in page


# ---- the department-year page -------------------------------------------------------------------


def test_table_cells_as_printed_on_the_page_and_in_the_json(portal: Portal) -> None:
    page = html(portal, f"/filings/{portal.reference}")
    table3 = figure(page, "3")
    assert "2023 年部门一般公共预算基本支出预算表" in table3
    assert "单位：万元" in table3
    assert '<td class="code">30201</td>' in table3
    assert 'data-row="17" data-column="预算数" data-value="109.80">109.80</td>' in table3  # 办公费, line 200
    table1 = figure(page, "1")
    assert 'data-value="1623.35">1,623.35' in table1  # printed with its thousands separator

    data = portal.client.get(f"/api/filings/{portal.reference}").json()
    table = next(t for t in data["document"]["tables"] if t.get("number") == "3")
    row = table["blocks"][0]["rows"][16]
    assert (row["code"], row["label"], row["cells"][0]["text"]) == ("30201", "办公费", "109.80")
    assert row["cells"][0]["amount"] == {"value": "109.80", "unit": "万元", "places": 2}


def test_a_finding_is_marked_on_its_cell_with_its_explanation(portal: Portal) -> None:
    page = html(portal, f"/filings/{portal.reference}")
    cell = re.search(
        r'<td class="amount marked error" data-row="16" data-column="预算数" data-value="149.72">149.72'
        r'<button type="button" class="finding error" id="mark-(\d+)" data-finding="total.rollup" '
        r'data-ref="(finding-\d+)"',
        figure(page, "3"),
    )
    assert cell, "total.rollup not marked on 表3 302 商品和服务支出"
    ref = cell.group(2)
    detail = re.search(
        rf'<li class="finding-detail error" id="{ref}" data-finding="total.rollup">(.*?)</li>', page, re.S
    )
    assert detail
    assert f'<p class="message">{ROLLUP}</p>' in detail.group(1)
    assert "算式：149.72 − 149.61 = 0.11（舍入误差 ±0.035）" in detail.group(1)
    assert '<div class="finding-panel-body"></div>' in page  # filled by findings.js on a click
    assert '<script src="/static/findings.js" defer></script>' in page
    assert portal.client.get("/static/findings.js").status_code == 200

    findings = portal.client.get(f"/api/filings/{portal.reference}").json()["findings"]
    (rollup,) = [f for f in findings if f["code"] == "total.rollup"]
    assert rollup["place"] == "cell"
    assert rollup["message"] == ROLLUP
    assert (rollup["where"]["table"], rollup["where"]["row"], rollup["where"]["column"]) == ("3", 16, "预算数")
    assert rollup["params"]["diff"] == "0.11"
    assert f"finding-{rollup['index']}" == ref


def test_findings_are_marked_on_rows_sentences_and_the_contents(portal: Portal) -> None:
    page = html(portal, f"/filings/{portal.reference}")
    # 表3 第31行 repeats 第23行 (line 214): the row's label carries the warning.
    assert re.search(
        r'<td class="label level-1 parent marked warning" data-row="31">对个人和家庭的补助'
        r'<button[^>]*data-finding="total.duplicate_row"',
        figure(page, "3"),
    )
    # Line 364: the growth rate computed on the wrong base, underlined in its sentence.
    assert re.search(
        r'<mark class="quote error" data-finding="narrative.growth_wrong_base">'
        r"4\.卫生健康支出（类）[^<]*增长 32\.07%[^<]*</mark>"
        r'<button type="button" class="finding error"[^>]*data-finding="narrative.growth_wrong_base"',
        page,
    )
    # Line 79: 埭桥区 for 埇桥区, the quote found in the paragraph despite the text's spaces.
    assert re.search(
        r'<mark class="quote warning" data-finding="safety.name_variant">[^<]*埭桥区人民政府办公室 2023 年</mark>', page
    )
    # Lines 22 and 25: tables 6 and 9 of the 目录 missing from the body.
    assert (
        len(
            re.findall(r'<li class="marked error">第二部分[^<]*<button[^>]*data-finding="complete.missing_table"', page)
        )
        == 2
    )
    # The mobile number of the performance target's contact (line 440), and the 元 for 万元 (line 494).
    assert re.search(
        r'<h3>区政府信息中心及政府网站、电子政务系统等运行维护保障费<button[^>]*data-finding="safety.mobile"', page
    )
    assert re.search(r"<td>≦261 元<button[^>]*data-finding=\"perf.units\"", page)
    # Line 440: the stray English "and", in a goal printed for both periods: two findings, one underline.
    assert (
        page.count('<mark class="quote info" data-finding="safety.stray_latin">全，确保没有各类非法资料 and 非法言论')
        == 1
    )
    findings = portal.client.get(f"/api/filings/{portal.reference}").json()["findings"]
    assert all(f["place"] for f in findings), [f for f in findings if not f["place"]]


def test_audit_summary_counts_and_what_was_not_checked(portal: Portal) -> None:
    page = html(portal, f"/filings/{portal.reference}")
    assert '<span class="count error" id="count-error">错误 4</span>' in page
    assert '<span class="count warning" id="count-warning">警告 12</span>' in page
    assert '<span class="count info" id="count-info">提示 25</span>' in page
    assert '<span class="count not-checked" id="count-not-checked">未检查 5 项</span>' in page
    assert "<li>未检查：表4的基本支出、项目支出列全部为空，未核对行内合计</li>" in page
    assert re.search(
        r'<li class="check partial" data-check="totals">表内合计、层级汇总与行内合计：<strong>部分未检查</strong>', page
    )

    audit = portal.client.get(f"/api/filings/{portal.reference}").json()["audit"]
    assert (audit["errors"], audit["warnings"], audit["info"]) == (4, 12, 25)
    assert {c["code"]: c["count"] for c in audit["by_code"]}["total.rollup_rounding"] == 16
    assert "1 个科目不在随附的分类目录中（目录不完整），其名称未核对" in audit["not_checked"]
    statuses = {c["name"]: c["status"] for c in audit["checks"]}
    assert statuses["ties"] == "ran" and statuses["codes"] == "partial"


def test_empty_tables_show_their_note(portal: Portal) -> None:
    table4 = figure(html(portal, f"/filings/{portal.reference}"), "4")
    assert '<p class="empty-table">本表无数据。</p>' in table4
    note = "注:埇桥区人民政府办公室没有政府性基金预算拨款收入，也没有政府性基金预算拨款安排的支出，故本表无数据。"
    assert f'<p class="note">{note}</p>' in table4


def test_sections_performance_targets_and_glossary(portal: Portal) -> None:
    page = html(portal, f"/filings/{portal.reference}")
    assert '<h3 class="part">第三部分 2023 年部门预算情况说明</h3>' in page
    assert "<dt>中期资金总额</dt><dd>261 万元</dd>" in page
    assert "<dt>年度资金总额</dt><dd>87 万元</dd>" in page
    assert "<dt>财政拨款收入</dt><dd>指部门或单位从同级财政部门取得的财政预算资金。</dd>" in page


def test_a_pdf_filing_page(portal: Portal) -> None:
    table02 = figure(html(portal, f"/filings/{portal.npc}"), "02")
    assert "收入预算总表" in table02
    assert 'data-row="1" data-column="金额" data-value="15897.44">15897.44</td>' in table02


def test_a_new_revision_leaves_the_earlier_one_viewable(portal: Portal, sources: dict[str, Read]) -> None:
    changed = sources["changed"]
    assert _put(portal.store, changed) == portal.reference
    page = html(portal, f"/filings/{portal.reference}")
    assert "第 2 版（当前版本）" in page
    table3 = figure(page, "3")
    assert 'data-row="16" data-column="预算数" data-value="149.61">149.61</td>' in table3  # no longer marked
    # …but now 合计 1,008.35 ≠ 774.24 + 149.61 + 84.39 = 1,008.24: the error moved up a row.
    assert re.search(
        r'data-row="1" data-column="预算数" data-value="1008.35">1,008.35<button[^>]*data-finding="total.rollup"',
        table3,
    )
    assert "表3“合计”预算数为 1,008.35，下级科目合计 1,008.24，相差 0.11，超出舍入误差（±0.020）" in page
    assert ROLLUP not in page
    # …and the 说明 still says 公用经费 149.72 万元 (lines 376 and 380), twice an error now.
    assert page.count('<mark class="quote error" data-finding="narrative.amount_mismatch">') == 2
    assert '<span class="count error" id="count-error">错误 6</span>' in page

    first = html(portal, f"/filings/{portal.reference}?revision=1")
    assert "第 1 版（<strong>不是当前版本</strong>" in first
    assert 'data-value="149.72">149.72<button type="button" class="finding error"' in figure(first, "3")
    sha1 = hashlib.sha256(sources["reference"].original).hexdigest()
    sha2 = hashlib.sha256(changed.original).hexdigest()
    for listing in (page, first):
        assert f'<code class="sha256">{sha1}</code>' in listing
        assert f'<code class="sha256">{sha2}</code>' in listing
        assert "埇桥区政府办公室2023年预算（更正）.txt" in listing
    assert f'<a href="/filings/{portal.reference}?revision=1">第 1 版</a>' in page

    data = portal.client.get(f"/api/filings/{portal.reference}?revision=1").json()
    assert data["revision"]["number"] == 1 and not data["revision"]["current"]
    assert [(r["number"], r["sha256"], r["current"]) for r in data["revisions"]] == [(1, sha1, False), (2, sha2, True)]
    (listed,) = portal.client.get("/api/search?q=人民政府").json()["regions"][0]["departments"][0]["filings"]
    assert (listed["revision"], listed["errors"]) == (2, 6)


# ---- a revision's part of the page, rendered once and kept (web/part.py) -----------------------


def _views(client: TestClient, portal: Portal) -> list[str]:
    """Every filing's page and JSON twin."""
    filings = (portal.reference, portal.npc, portal.odd)
    return [client.get(url).text for f in filings for url in (f"/filings/{f}", f"/api/filings/{f}")]


def _current(portal: Portal, filing_id: int) -> int:
    with portal.store.session() as session:
        revision_id = session.scalar(select(Filing.current_id).where(Filing.id == filing_id))
    assert revision_id is not None
    return revision_id


def test_the_kept_rendering_is_what_a_fresh_render_gives(portal: Portal) -> None:
    with portal.store.session() as session:  # store_document renders nothing: the first views do
        assert session.scalar(select(func.count()).select_from(Rendering)) == 0
    with TestClient(create_app(portal.store)) as fresh:
        rendered = _views(fresh, portal)
    kept = renderings.load(portal.store, _current(portal, portal.reference))
    assert kept is not None and kept.version == render_version()
    assert kept.title == "埇桥区人民政府办公室 2023 年部门预算"
    assert json.loads(kept.audit)["errors"] == 4  # as docs/examples/yongqiao-2023-check.md
    with TestClient(create_app(portal.store)) as restarted:  # read from the store, not rendered
        assert _views(restarted, portal) == rendered
    assert prerender(portal.store) == 0  # every revision has this version's rendering
    with portal.store.session() as session:
        session.execute(delete(Rendering))
    assert prerender(portal.store) == 3  # what ingest and uploads do
    with TestClient(create_app(portal.store)) as restarted:
        assert _views(restarted, portal) == rendered
    page = rendered[0]
    assert "第 1 版（当前版本）" in page and ROLLUP in page and page.count('id="mark-') == 41  # 4 + 12 + 25


def test_a_rendering_by_other_code_is_rendered_again(portal: Portal) -> None:
    revision_id = _current(portal, portal.reference)
    html(portal, f"/filings/{portal.reference}")
    kept = renderings.load(portal.store, revision_id)
    assert kept is not None
    # The same version: what is kept is what is served (here altered, to tell it from a new render).
    renderings.save(portal.store, revision_id, replace(kept, tables=kept.tables + "<p>保存的</p>"))
    with TestClient(create_app(portal.store)) as restarted:
        assert "<p>保存的</p>" in restarted.get(f"/filings/{portal.reference}").text
    # Another version (templates or code changed since): rendered again, and kept again.
    renderings.save(portal.store, revision_id, replace(kept, version="旧版本", tables="<p>旧的</p>"))
    with TestClient(create_app(portal.store)) as restarted:
        page = restarted.get(f"/filings/{portal.reference}").text
        assert "<p>旧的</p>" not in page and "<p>保存的</p>" not in page and ROLLUP in page
    assert renderings.load(portal.store, revision_id) == kept


# ---- downloads ----------------------------------------------------------------------------------


def test_a_table_as_csv(portal: Portal) -> None:
    response = portal.client.get(f"/filings/{portal.reference}/tables/3.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["表3 2023 年部门一般公共预算基本支出预算表"]
    assert lines[1] == ["部门名称：埭桥区人民政府办公室", "单位：万元"]
    assert lines[2:4] == [["经济分类科目", "", "预算数"], ["科目编码", "科目名称", ""]]
    assert lines[4] == ["", "合计", "1008.35"]
    assert ["302", "商品和服务支出", "149.72"] in lines
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="')
    assert "filename*=UTF-8''%E5%9F%87%E6%A1%A5%E5%8C%BA" in disposition  # 埇桥区…
    assert disposition.endswith("%E8%A1%A83.csv")  # …表3.csv


def test_all_tables_as_csv_xlsx_and_json(portal: Portal) -> None:
    from openpyxl import load_workbook

    long = portal.client.get(f"/filings/{portal.reference}/tables.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(long)))
    assert rows[0] == ["表序", "表号", "表名", "单位", "栏", "行", "编码", "项目", "列", "印刷文字", "金额"]
    assert [
        "3",
        "3",
        "2023 年部门一般公共预算基本支出预算表",
        "万元",
        "",
        "16",
        "302",
        "商品和服务支出",
        "预算数",
        "149.72",
        "149.72",
    ] in rows
    assert [
        "1",
        "1",
        "2023 年部门财政拨款收支预算总表",
        "万元",
        "expense",
        "1",
        "",
        "一、本年支出",
        "支出/合计",
        "1,623.35",
        "1623.35",
    ] in rows

    response = portal.client.get(f"/filings/{portal.reference}/tables.xlsx")
    assert response.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["表1", "表2", "表3", "表4", "表5", "表7", "表8", "表10", "表11"]
    sheet = book["表3"]
    cell = next(c for row in sheet.iter_rows() for c in row if row[0].value == "302" and c.column == 3)
    assert isinstance(cell.value, int | float) and Decimal(str(cell.value)) == Decimal("149.72")
    assert cell.number_format == "#,##0.00"

    tables = portal.client.get(f"/filings/{portal.reference}/tables.json").json()["tables"]
    assert [t.get("number") for t in tables] == ["1", "2", "3", "4", "5", "7", "8", "10", "11"]
    assert (
        portal.client.get(f"/filings/{portal.reference}/tables/3.json").json()["title"]
        == "2023 年部门一般公共预算基本支出预算表"
    )


def test_the_original_file_as_uploaded(portal: Portal, sources: dict[str, Read]) -> None:
    response = portal.client.get(f"/filings/{portal.reference}/original?revision=1")
    assert response.content == REFERENCE.read_bytes()
    digest = hashlib.sha256(REFERENCE.read_bytes()).hexdigest()
    assert digest == "4f900c714e894410ed5407d30c16e912d48b4fd19a52abb25cedaf9e3e1df9b4"
    assert response.headers["x-checksum-sha256"] == digest
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["content-disposition"] == (
        'attachment; filename="anhui-yongqiao-government-office-2023-budget.txt"; '
        "filename*=UTF-8''anhui-yongqiao-government-office-2023-budget.txt"
    )
    pdf = portal.client.get(f"/filings/{portal.npc}/original")
    assert pdf.content == NPC.read_bytes() and pdf.headers["content-type"] == "application/pdf"

    _put(portal.store, sources["changed"])
    second = portal.client.get(f"/filings/{portal.reference}/original")  # the current revision: 2
    assert second.content == sources["changed"].original
    assert "filename*=UTF-8''%E5%9F%87%E6%A1%A5%E5%8C%BA" in second.headers["content-disposition"]
    assert portal.client.get(f"/filings/{portal.reference}/original?revision=1").content == REFERENCE.read_bytes()


def test_findings_as_csv_and_json(portal: Portal) -> None:
    rows = list(
        csv.reader(
            io.StringIO(portal.client.get(f"/filings/{portal.reference}/findings.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][:5] == ["序号", "级别", "代码", "说明", "位置"]
    assert len(rows) == 1 + 41  # 4 errors, 12 warnings, 25 infos
    (rollup,) = [r for r in rows if r[2] == "total.rollup"]
    assert rollup[1] == "错误" and rollup[3] == ROLLUP
    assert rollup[5:8] == ["3", "16", "预算数"]
    data = portal.client.get(f"/filings/{portal.reference}/findings.json").json()
    assert data["revision"] == 1 and len(data["findings"]) == 41
    assert data["summary"]["errors"] == 4


# ---- errors and documentation -------------------------------------------------------------------


def test_not_found_has_one_envelope(portal: Portal) -> None:
    for url, message in [
        ("/api/filings/999999", "没有找到该文件。"),
        ("/api/departments/999999", "没有找到该部门。"),
        (f"/api/filings/{portal.reference}?revision=9", "该文件没有第 9 版。"),
        (f"/filings/{portal.reference}/tables/99.csv", "该版本没有第 99 张表。"),
        (f"/filings/{portal.reference}/original?revision=9", "该文件没有第 9 版。"),
    ]:
        response = portal.client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"error": {"status": 404, "code": "not_found", "message": message}}
    page = html(portal, "/filings/999999", status=404)
    assert "没有找到该文件。" in page


def test_the_api_is_documented(portal: Portal) -> None:
    spec = portal.client.get("/openapi.json").json()
    assert spec["paths"]["/api/search"]["get"]["summary"] == "搜索与浏览"
    assert spec["paths"]["/api/filings/{filing_id}"]["get"]["summary"] == "部门年度（一个版本）"
    assert spec["paths"]["/api/departments/{department_id}"]["get"]["summary"] == "部门"
    assert "FilingData" in spec["components"]["schemas"]
    assert portal.client.get("/docs").status_code == 200
