"""The portal in a real browser: Debian's Chromium driven by Playwright, `yusuan serve` in its own
process on loopback, a SQLite store holding the reference document.

A finding marked on its cell and clicked is in tests/test_browser_reading.py; here, accounts:
an anonymous visitor is refused the upload page, a department's staff upload their own file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from tests.conftest import REFERENCE, ROOT
from tests.live import CHROMIUM_FLAGS, chromium, serving
from yusuan.batch import Job, work
from yusuan.store.db import Store
from yusuan.store.ingest import store_document

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
