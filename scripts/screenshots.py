"""Screenshots of the portal's main pages for docs/examples/ (looked at before they are committed):
charts, comparison, region, the search page, a filing's audit summary and a clicked finding.

A temporary SQLite store with the reference document, a derived second year of it
(tests/second_year.py) and the corpus PDFs; `yusuan serve` in its own process; Debian's
Chromium through Playwright. Run from the repository: ``.venv/bin/python scripts/screenshots.py``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from sqlalchemy import select  # noqa: E402
from tests.live import CHROMIUM_FLAGS, chromium, serving  # noqa: E402
from tests.second_year import write_second_year  # noqa: E402

from yusuan.batch import Job, work  # noqa: E402
from yusuan.store.db import Store  # noqa: E402
from yusuan.store.ingest import store_document  # noqa: E402
from yusuan.store.schema import Department, Filing, Region  # noqa: E402

OUT = ROOT / "docs" / "examples"
REFERENCE = ROOT / "samples" / "anhui-yongqiao-government-office-2023-budget.txt"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'yusuan.sqlite3'}"
        store = Store(url)
        files = [
            REFERENCE,
            write_second_year(Path(folder)),
            *sorted(p for p in (ROOT / "tests/fixtures/docs").glob("*.pdf") if "cppcc" not in p.name),
        ]  # the corpus too, for the search page; the CPPCC text and tables as one document
        cppcc = tuple(sorted((ROOT / "tests/fixtures/docs").glob("*cppcc*.pdf"), key=lambda p: "tables" in p.name))
        for k, source in enumerate([*files, cppcc]):
            outcome = work(Job(source, keep=True))
            assert outcome.document is not None and outcome.report is not None, outcome.error
            path = source[0] if isinstance(source, tuple) else source
            region = "安徽省宿州市埇桥区" if k < 2 else None  # the reference and its second year; others say theirs
            store_document(store, outcome.document, outcome.report, path.read_bytes(), path.name, region=region)
        with store.session() as session:
            department = session.scalar(select(Department.id).where(Department.name == "埇桥区人民政府办公室"))
            filing = session.scalar(select(Filing.id).where(Filing.department_id == department, Filing.year == 2023))
            region = session.scalar(select(Region.id).where(Region.name == "上海市普陀区"))
        store.close()
        with serving(url, ROOT) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
            page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
            shots = {
                "portal-charts.png": f"/filings/{filing}/charts",
                "portal-compare.png": f"/departments/{department}/compare?from=2023&to=2024",
                "portal-region.png": f"/regions/{region}",
            }
            for name, path in shots.items():
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(1200)  # the charts' entry animation
                page.screenshot(path=str(OUT / name))
                print(OUT / name)
            page.goto(f"{base}/")  # the search page: every filing with its audit counts
            page.screenshot(path=str(OUT / "portal-search.png"))
            page.goto(f"{base}/filings/{filing}")
            page.locator("#audit").scroll_into_view_if_needed()
            page.evaluate("document.getElementById('audit').scrollIntoView()")
            page.screenshot(path=str(OUT / "portal-filing-audit.png"))
            cell = page.locator('figure[data-table="3"] td[data-row="16"][data-column="预算数"]')
            cell.scroll_into_view_if_needed()
            cell.locator('button.finding.error[data-finding="total.rollup"]').click()
            page.screenshot(path=str(OUT / "portal-filing-finding.png"))
            print(OUT / "portal-search.png", OUT / "portal-filing-audit.png", OUT / "portal-filing-finding.png")
            browser.close()


if __name__ == "__main__":
    main()
