"""The department-year page in a real browser (Debian's Chromium, driven by Playwright): a finding
marked on its cell, clicked, shows its explanation; Escape hides it.

The value is the one docs/examples/yongqiao-2023-check.md reviewed by hand: 表3 “302 商品和服务支出”
149.72 against its six items' 149.61.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import live
from tests.conftest import REFERENCE
from yusuan.batch import Job, work
from yusuan.store.db import Store
from yusuan.store.ingest import store_document

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    if live.chromium() is None:
        pytest.skip("Chromium is not installed here (scripts/system-packages installs it)")
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'yusuan.sqlite3'}"
    outcome = work(Job(REFERENCE, keep=True))
    assert outcome.document is not None and outcome.report is not None
    store = Store(url)
    try:
        stored = store_document(store, outcome.document, outcome.report, REFERENCE.read_bytes(), REFERENCE.name)
    finally:
        store.close()
    with live.serving(url, ROOT) as base:
        yield base, stored.filing_id


def test_a_click_on_a_marked_cell_shows_the_explanation(site: tuple[str, int]) -> None:
    from playwright.sync_api import sync_playwright

    base, filing = site
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=live.chromium(), args=live.CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.goto(f"{base}/filings/{filing}")
            cell = page.locator('figure[data-table="3"] td[data-row="16"][data-column="预算数"]')
            assert cell.inner_text().startswith("149.72")
            panel = page.locator("#finding-panel")
            assert panel.is_hidden()
            cell.locator('button.finding.error[data-finding="total.rollup"]').click()
            assert panel.is_visible()
            text = panel.inner_text()
            assert "表3“302 商品和服务支出”预算数为 149.72，下级科目合计 149.61，相差 0.11" in text
            assert "算式：149.72 − 149.61 = 0.11（舍入误差 ±0.035）" in text
            page.keyboard.press("Escape")
            assert panel.is_hidden()
            # A sentence's mark works the same way.
            page.locator('button.finding[data-finding="narrative.growth_wrong_base"]').click()
            assert "增长率应以上年数 17.16 为基数，应为 47.20%" in panel.inner_text()
        finally:
            browser.close()
