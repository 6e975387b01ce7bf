"""Charts, comparison of two years, region roll-up and Fiscal Data Package export, on both stores.

Figures checked by hand:
- samples/anhui-yongqiao-government-office-2023-budget.txt, 表 2 (lines 157–172): 201 一般公共服务支出
  1,375.37 万元 = 20103 = 2010301 行政运行 (760.37 基本 + 615.00 项目); the seven 项 sum to
  1,623.36 万元 (the printed 合计 says 1,623.35), 基本支出 1,008.36; 表 3: 301 工资福利支出 774.24;
  302 商品和服务支出 is printed 149.72, its 款 sum to 109.80 + 4.74 + 3.16 + 0.01 + 30.52 + 1.38 = 149.61.
- tests/second_year.py derives 2024 from it: 提租补贴 20.51 → 25.51 (+5.00, +24.38%),
  公务员医疗补助 10.61 dropped, 一般行政管理事务 30.00 added; total 1,623.36 + 5.00 − 10.61 + 30.00
  = 1,647.75 万元 (+24.39, 24.39 / 1,623.36 = 1.50%).
- tests/fixtures/docs/shanghai-putuo-*-2025-unit-budget.pdf, 表 5 合计 (元): 商务委员会
  371,514,655.00, 人民政府办公室 91,016,775.35; 201 一般公共服务支出 21,601,733.00 + 82,096,797.42.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.conftest import REFERENCE, ROOT
from tests.second_year import NEW_REASON, write_second_year
from yusuan.batch import Job, work
from yusuan.store.accounts import Viewer, add_account
from yusuan.store.db import Store
from yusuan.store.ingest import Stored, store_document
from yusuan.store.revisions import Refused, delete_revision
from yusuan.store.schema import Account
from yusuan.web.app import create_app

DOCS = ROOT / "tests" / "fixtures" / "docs"
PUTUO = (
    DOCS / "shanghai-putuo-commerce-2025-unit-budget.pdf",
    DOCS / "shanghai-putuo-government-office-2025-unit-budget.pdf",
)


def _ingest(store: Store, path: Path, *, region: str | None = None, year: int | None = None) -> Stored:
    outcome = work(Job(path, keep=True))
    assert outcome.document is not None and outcome.report is not None, outcome.error
    return store_document(
        store, outcome.document, outcome.report, path.read_bytes(), path.name, region=region, year=year
    )


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


def _rows(body: dict[str, object]) -> dict[str, dict[str, object]]:
    rows = body["rows"]
    assert isinstance(rows, list)
    return {f"{r.get('section', '')}{r['code']}{r['name'] if not r['code'] else ''}": r for r in rows}


# ---- charts of a department-year ------------------------------------------------------------


def test_treemap_of_the_reference_has_the_printed_class_amounts(store: Store, client: TestClient) -> None:
    filing = _ingest(store, REFERENCE).filing_id
    body = client.get(f"/api/filings/{filing}/charts/functional").json()
    rows = {r["code"]: r for r in body["rows"]}
    assert rows["201"] == {
        "level": "类",
        "code": "201",
        "name": "一般公共服务支出",
        "total": "13753700.00",  # 1,375.37 万元
        "basic": "7603700.00",
        "project": "6150000.00",
    }
    assert rows["22102"]["name"] == "住房改革支出" and rows["22102"]["total"] == "843800.00"
    tree = {node["code"]: node for node in body["tree"]}
    assert list(tree) == ["201", "208", "210", "221"]
    assert tree["201"]["value"] == "13753700.00"
    (kuan,) = tree["201"]["children"]
    assert kuan["name"] == "20103 政府办公厅（室）及相关机构事务"
    assert [x["name"] for x in kuan["children"]] == ["2010301 行政运行"]
    assert body["note"] is None


def test_basic_project_and_economic_charts(store: Store, client: TestClient) -> None:
    filing = _ingest(store, REFERENCE).filing_id
    purpose = client.get(f"/api/filings/{filing}/charts/purpose").json()["rows"]
    assert purpose == [
        {"purpose": "基本支出", "amount": "10083600.00"},
        {"purpose": "项目支出", "amount": "6150000.00"},
    ]
    economic = {r["code"]: r for r in client.get(f"/api/filings/{filing}/charts/economic").json()["rows"]}
    assert economic["301"]["total"] == "7742400.00" and economic["301"]["name"] == "工资福利支出"
    # 表 3 prints 302 as 149.72 but its 款 sum to 149.61 (one of the document's errors): a chart
    # sums the details, as the store's items are the details.
    assert economic["302"]["total"] == "1496100.00"
    assert economic["30101"] == {"level": "款", "code": "30101", "name": "基本工资", "total": "2491900.00"}


def test_chart_data_downloads_as_csv_and_xlsx(store: Store, client: TestClient) -> None:
    filing = _ingest(store, REFERENCE).filing_id
    response = client.get(f"/api/filings/{filing}/charts/functional?format=csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["级次", "科目编码", "科目名称", "合计（元）", "基本支出（元）", "项目支出（元）"]
    assert ["类", "201", "一般公共服务支出", "13753700.00", "7603700.00", "6150000.00"] in lines

    from openpyxl import load_workbook

    response = client.get(f"/api/filings/{filing}/charts/functional?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    first = values[0]
    assert first[:3] == ["类", "201", "一般公共服务支出"]
    assert Decimal(str(first[3])) == Decimal("13753700.00")


def test_a_document_without_a_functional_breakdown_says_so(store: Store, client: TestClient) -> None:
    """Jiangsu's functional table prints a total column only: totals, and no basic/project split
    (jiangsu-high-court-2018-budget.pdf, 五、财政拨款支出预算表: 204 公共安全支出 26,200.88 万元)."""
    filing = _ingest(store, DOCS / "jiangsu-high-court-2018-budget.pdf").filing_id
    body = client.get(f"/api/filings/{filing}/charts/functional").json()
    rows = {r["code"]: r for r in body["rows"]}
    assert (rows["204"]["total"], rows["204"]["basic"], rows["204"]["project"]) == ("262008800.00", None, None)
    assert "没有分列基本支出和项目支出" in body["note"]
    purpose = client.get(f"/api/filings/{filing}/charts/purpose").json()
    assert purpose["rows"] == [] and purpose["note"] == "本文件没有分列基本支出和项目支出，暂无此图。"


def test_chart_pages_use_the_local_echarts(store: Store, client: TestClient) -> None:
    filing = _ingest(store, REFERENCE)
    page = client.get(f"/filings/{filing.filing_id}/charts", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert 'src="/static/echarts.min.js"' in page.text and "cdn" not in page.text.lower()
    assert f'data-src="/api/filings/{filing.filing_id}/charts/functional"' in page.text
    script = client.get("/static/echarts.min.js")
    assert script.status_code == 200 and len(script.content) > 500_000
    assert client.get("/static/charts.js").status_code == 200


def test_year_over_year_bars_of_a_department(store: Store, client: TestClient, tmp_path: Path) -> None:
    first = _ingest(store, REFERENCE)
    _ingest(store, write_second_year(tmp_path))
    department = client.get(f"/api/filings/{first.filing_id}/charts/purpose").json()["filing"]["department_id"]
    body = client.get(f"/api/departments/{department}/charts/years").json()
    assert [(r["year"], r["total"], r["basic"], r["project"]) for r in body["rows"]] == [
        (2023, "16233600.00", "10083600.00", "6150000.00"),
        (2024, "16477500.00", "10027500.00", "6450000.00"),
    ]
    page = client.get(f"/departments/{department}/charts", headers={"accept": "text/html"})
    assert page.status_code == 200 and "与2023年比较" in page.text


# ---- comparison of two years ----------------------------------------------------------------


def test_comparison_of_two_years_with_the_reasons_given(store: Store, client: TestClient, tmp_path: Path) -> None:
    before = _ingest(store, REFERENCE)
    after = _ingest(store, write_second_year(tmp_path))
    department = client.get(f"/api/filings/{before.filing_id}/charts/purpose").json()["filing"]["department_id"]
    body = client.get(f"/api/departments/{department}/compare?from=2023&to=2024").json()
    rows = _rows(body)

    changed = rows["功能分类2210202"]
    assert (changed["name"], changed["before"], changed["after"]) == ("提租补贴", "205100.00", "255100.00")
    assert (changed["change"], changed["percent"], changed["reason"]) == ("50000.00", "24.38", NEW_REASON)
    assert "提租补贴(项)2024年预算 25.51 万元" in changed["quote"]

    klass = rows["功能分类221"]
    assert (klass["before"], klass["after"], klass["change"], klass["percent"]) == (
        "843800.00",
        "893800.00",
        "50000.00",
        "5.93",
    )
    dropped = rows["功能分类2101103"]
    assert (dropped["before"], dropped["after"], dropped["change"], dropped["status"]) == (
        "106100.00",
        None,
        None,
        "仅2023年有",
    )
    added = rows["功能分类2010302"]
    assert (added["before"], added["after"], added["status"]) == (None, "300000.00", "仅2024年有")

    total = rows["合计支出合计"]
    assert (total["before"], total["after"], total["change"], total["percent"]) == (
        "16233600.00",
        "16477500.00",
        "243900.00",
        "1.50",
    )
    assert total["reason"] == "一是人员增加；二是人员工资调整"
    unchanged = rows["功能分类2010301"]
    assert (unchanged["change"], unchanged["percent"], unchanged["status"]) == ("0.00", "0.00", "持平")
    # Lines the 2024 说明 gives no reason for have none.
    assert rows["经济分类30101"]["reason"] is None

    by_ids = client.get(f"/api/filings/{after.filing_id}/compare/{before.filing_id}").json()
    assert by_ids["rows"] == body["rows"]
    page = client.get(f"/departments/{department}/compare", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert NEW_REASON in page.text and "仅2023年有" in page.text and "24.38%" in page.text
    assert "255,100.00" in page.text  # amounts for reading: thousands separated, still exact
    download = client.get(f"/api/departments/{department}/compare?from=2023&to=2024&format=csv")
    assert "2210202,提租补贴,205100.00,255100.00,50000.00,24.38" in download.content.decode("utf-8-sig")


def test_comparison_needs_two_years(store: Store, client: TestClient) -> None:
    _ingest(store, REFERENCE)
    response = client.get("/api/departments/1/compare")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "该部门没有可比较的两个年度的预算（已有：2023）。"


# ---- region roll-up ----------------------------------------------------------------------------


def test_region_roll_up_is_the_sum_of_its_departments(store: Store, client: TestClient) -> None:
    """Two 元 documents and, placed in the same region and year on purpose, the 万元 reference."""
    for path in PUTUO:
        _ingest(store, path)
    _ingest(store, REFERENCE, region="上海市普陀区", year=2025)
    regions = {r["name"]: r["id"] for r in client.get("/api/regions").json()["regions"]}
    body = client.get(f"/api/regions/{regions['上海市普陀区']}?year=2025&kind=预算").json()
    departments = {d["department"]: d for d in body["rows"]}
    assert {name: (d["total"], d["unit"], d["failed"]) for name, d in departments.items()} == {
        "上海市普陀区人民政府办公室": ("91016775.35", "元", False),
        "上海市普陀区商务委员会": ("371514655.00", "元", False),
        "埇桥区人民政府办公室": ("16233600.00", "万元", True),
    }
    hand_sum = Decimal("91016775.35") + Decimal("371514655.00") + Decimal("16233600.00")
    assert Decimal(body["total"]) == hand_sum == Decimal("478765030.35")
    assert body["failed_count"] == 1 and body["departments_count"] == 3
    classes = {c["code"]: c["amount"] for c in body["classes"]}
    assert classes["201"] == str(Decimal("21601733.00") + Decimal("82096797.42") + Decimal("13753700.00"))
    assert sum((Decimal(v) for v in classes.values()), Decimal(0)) == hand_sum

    page = client.get(f"/regions/{regions['上海市普陀区']}", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "478,765,030.35" in page.text and "1 个部门审核未通过" in page.text
    assert re.search(r"埇桥区人民政府办公室</a></td><td>万元", page.text)


def test_the_kept_roll_up_changes_with_an_upload_or_a_deletion(store: Store, client: TestClient) -> None:
    """The reference (表 2: 1,623.36 万元 = 16,233,600.00 元, 4 errors) and the same document filed
    by a second department of its region: 32,467,200.00 元; deleting that one's only revision
    takes it out again."""
    outcome = work(Job(REFERENCE, keep=True))
    assert outcome.document is not None and outcome.report is not None
    original = REFERENCE.read_bytes()
    store_document(store, outcome.document, outcome.report, original, REFERENCE.name)
    (region,) = (r["id"] for r in client.get("/api/regions").json()["regions"] if r["name"] == "埇桥区")
    url = f"/api/regions/{region}?year=2023&kind=预算"

    def state() -> tuple[int, str, int]:
        body = client.get(url).json()
        return body["departments_count"], body["total"], body["failed_count"]

    assert state() == (1, "16233600.00", 1)
    assert state() == (1, "16233600.00", 1)  # kept: nothing changed
    other = dataclasses.replace(outcome.document, department="埇桥区财政局")
    stored = store_document(store, other, outcome.report, original + b"\n", REFERENCE.name)
    assert state() == (2, "32467200.00", 2)
    page = client.get(f"/regions/{region}", headers={"accept": "text/html"}).text
    assert "32,467,200.00" in page and "埇桥区财政局" in page
    add_account(store, "管理员", "一个足够长的密码123", "admin")
    with store.session() as session:
        admin_id = session.scalar(select(Account.id))
    admin = Viewer(admin_id, "管理员", "admin", None, None, "")
    assert not isinstance(delete_revision(store, stored.filing_id, 1, admin), Refused)
    assert state() == (1, "16233600.00", 1)
    assert "埇桥区财政局" not in client.get(f"/regions/{region}", headers={"accept": "text/html"}).text


# ---- Fiscal Data Package -----------------------------------------------------------------------


def _package(content: bytes) -> tuple[dict[str, object], dict[str, list[dict[str, str]]]]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    assert sorted(archive.namelist()) == ["datapackage.json", "economic.csv", "functional.csv"]
    meta = json.loads(archive.read("datapackage.json"))
    tables = {
        name: list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8"))))
        for name in ("functional", "economic")
    }
    return meta, tables


def _assert_valid_fdp(meta: dict[str, object], tables: dict[str, list[dict[str, str]]]) -> None:
    """The Fiscal Data Package schema's required fields (frictionlessdata/schemas
    fiscal-data-package.json): the package's name, title, resources and model; each resource's
    path (or url/data); each measure's source and currency (three capitals); each dimension's
    attributes (each with a source) and primaryKey. Sources must be columns of their resource."""
    for key in ("name", "title", "resources", "model"):
        assert meta.get(key), key
    assert re.fullmatch(r"[-a-z0-9._/]+", str(meta["name"]))
    resources = {r["name"]: r for r in meta["resources"]}  # type: ignore[attr-defined]
    for name, resource in resources.items():
        assert resource["path"] == f"{name}.csv"
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert fields == list(tables[name][0]) if tables[name] else True
    model = meta["model"]
    assert isinstance(model, dict)
    for measure in model["measures"].values():
        assert re.fullmatch(r"[A-Z]{3}", measure["currency"]) and measure["currency"] == "CNY"
        assert measure["source"] in [f["name"] for f in resources[measure["resource"]]["schema"]["fields"]]
    for dimension in model["dimensions"].values():
        assert dimension["attributes"] and dimension["primaryKey"]
        for attribute in dimension["attributes"].values():
            columns = [f["name"] for f in resources[attribute.get("resource", "functional")]["schema"]["fields"]]
            assert attribute["source"] in columns
        keys = dimension["primaryKey"]
        assert all(k in dimension["attributes"] for k in keys)


def test_fiscal_data_package_of_a_filing(store: Store, client: TestClient) -> None:
    stored = _ingest(store, REFERENCE)
    response = client.get(f"/api/filings/{stored.filing_id}/fdp.zip")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    meta, tables = _package(response.content)
    _assert_valid_fdp(meta, tables)
    assert meta["fiscalPeriod"] == {"start": "2023-01-01", "end": "2023-12-31"}
    functional = tables["functional"]
    assert sum((Decimal(r["amount"]) for r in functional), Decimal(0)) == Decimal("16233600.00")
    assert all(re.fullmatch(r"\d+\.\d{2}", r["amount"]) for r in functional)
    first = functional[0]
    assert {k: first[k] for k in ("functional_class_code", "functional_class_name", "functional_code")} == {
        "functional_class_code": "201",
        "functional_class_name": "一般公共服务支出",
        "functional_code": "2010301",
    }
    assert (first["functional_name"], first["purpose"], first["funding"]) == ("行政运行", "基本支出", "一般公共预算")
    basic = sum((Decimal(r["amount"]) for r in functional if r["purpose"] == "基本支出"), Decimal(0))
    assert basic == Decimal("10083600.00")
    economic = tables["economic"]
    assert economic[0]["economic_code"] == "30101" and economic[0]["economic_class_name"] == "工资福利支出"


def test_fiscal_data_package_of_a_region(store: Store, client: TestClient) -> None:
    for path in PUTUO:
        _ingest(store, path)
    regions = {r["name"]: r["id"] for r in client.get("/api/regions").json()["regions"]}
    response = client.get(f"/api/regions/{regions['上海市普陀区']}/fdp.zip?year=2025&kind=预算")
    assert response.status_code == 200
    meta, tables = _package(response.content)
    _assert_valid_fdp(meta, tables)
    total = sum((Decimal(r["amount"]) for r in tables["functional"]), Decimal(0))
    assert total == Decimal("371514655.00") + Decimal("91016775.35")
    assert {r["department"] for r in tables["functional"]} == {"上海市普陀区商务委员会", "上海市普陀区人民政府办公室"}
    missing = client.get(f"/api/regions/{regions['上海市普陀区']}/fdp.zip?year=2019")
    assert missing.status_code == 404 and "2019年预算" in missing.json()["error"]["message"]


def test_unknown_filing_or_chart_is_the_one_error_envelope(store: Store, client: TestClient) -> None:
    response = client.get("/api/filings/999/charts/functional")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    filing = _ingest(store, REFERENCE).filing_id
    assert client.get(f"/api/filings/{filing}/charts/pie").status_code == 404
    assert client.get(f"/api/filings/{filing}/charts/functional?format=pdf").status_code == 422
