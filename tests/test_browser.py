"""The portal in a real browser: Debian's Chromium driven by Playwright, `yusuan serve` in its own
process on loopback, a SQLite store holding the reference document.

A finding marked on its cell and clicked is in tests/test_browser_reading.py; here, accounts:
an anonymous visitor is refused the upload page, a department's staff upload their own file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import REFERENCE, ROOT
from tests.live import CHROMIUM_FLAGS, chromium, serving
from yusuan.batch import Job, work
from yusuan.store.accounts import add_account
from yusuan.store.db import Store
from yusuan.store.ingest import store_document
from yusuan.store.schema import Filing

if chromium() is None:
    if os.environ.get("YUSUAN_REQUIRE_BROWSER"):
        pytest.fail("没有找到 Chromium（apt-get install chromium），make test 需要它。", pytrace=False)
    pytest.skip("Chromium is not installed here (make test requires it)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright


@pytest.fixture(scope="module")
def portal(new_store: Callable[[str], Store]) -> Iterator[tuple[str, Store]]:
    store = new_store("sqlite")
    outcome = work(Job(REFERENCE, keep=True))
    assert outcome.document is not None and outcome.report is not None
    store_document(store, outcome.document, outcome.report, REFERENCE.read_bytes(), REFERENCE.name)
    with serving(store.url, ROOT) as base:
        yield base, store


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


def test_anonymous_upload_is_refused(portal: tuple[str, Store], page: Page) -> None:
    base, _store = portal
    response = page.goto(f"{base}/upload")
    assert response is not None
    expect(page.locator("body")).to_contain_text("登录")
    assert "/login" in page.url or response.status == 401


def test_a_department_user_uploads_and_sees_the_findings(portal: tuple[str, Store], page: Page, tmp_path: Path) -> None:
    """张三, staff of 埇桥区人民政府办公室, signs in and uploads a corrected copy of the reference:
    302 printed as 149.61 (its 款's sum), so the 302 roll-up error of the original is gone and a new
    revision 2 is stored; the result page lists the remaining findings at once."""
    base, store = portal
    add_account(store, "张三", "一个足够长的密码123", "staff", department="埇桥区人民政府办公室")
    corrected = tmp_path / "埇桥区人民政府办公室2023年部门预算（更正）.txt"
    text = REFERENCE.read_text(encoding="utf-8")
    corrected.write_text(text.replace("302\t商品和服务支出\t149.72", "302\t商品和服务支出\t149.61"), encoding="utf-8")
    assert corrected.read_text(encoding="utf-8") != text

    page.goto(f"{base}/login")
    page.fill('input[name="username"]', "张三")
    page.fill('input[name="password"]', "一个足够长的密码123")
    page.click('main button[type="submit"]')
    expect(page.locator("header.site")).to_contain_text("张三")

    page.goto(f"{base}/upload")
    page.set_input_files('input[name="file"]', str(corrected))
    page.click('main button[type="submit"]')
    expect(page.locator("h1")).to_contain_text("埇桥区人民政府办公室 2023年预算")
    findings = page.locator("table.findings")
    expect(findings).to_contain_text("目录列出的第 6 张表")  # complete.missing_table stays
    expect(findings).not_to_contain_text("“302 商品和服务支出”预算数为 149.72")
    page.screenshot(path=str(tmp_path / "upload.png"), full_page=True)
    with store.session() as session:
        filing = session.scalars(select(Filing)).one()
        assert [(r.number, r.filename) for r in filing.revisions] == [
            (1, REFERENCE.name),
            (2, corrected.name),
        ]
        assert filing.current_id == filing.revisions[1].id
