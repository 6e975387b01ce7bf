"""Benchmark: building the reference document in every format.

Derives the Anhui document from examples/yongqiao-2023/budget.json (with the two corrections its
README names) and writes it to each format, median of repeated runs in one process. Targets from
the issue: DOCX, XLSX and HTML under 300 ms each, PDF under 2 s.

Each format has a baseline measured in the same run, alternating with it, so that a busy shared
machine shows in both and the ratio stays meaningful: the same library writing the document's
text with no layout at all — every paragraph and every table cell's text as plain paragraphs
(DOCX: python-docx; PDF: WeasyPrint on that plain HTML; HTML: the escaped text joined into <p>),
or as plain cell values, one sheet per table (XLSX: openpyxl).

    python bench/build.py [--repeat N]
"""

from __future__ import annotations

import argparse
import html
import importlib
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from yusuan.build.derive import derive
from yusuan.build.input import BudgetInput, EconomicLine, IncomeLine
from yusuan.build.load import load
from yusuan.model.document import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yongqiao-2023" / "budget.json"
TARGETS_MS = {"docx": 300, "xlsx": 300, "html": 300, "json": 300, "pdf": 2000}


def corrected() -> BudgetInput:
    budget, _problems = load(EXAMPLE)
    income = (IncomeLine(budget.income[0].source, budget.total_expense()),)
    economic = tuple(
        EconomicLine(e.code, e.name, e.amount + Decimal("0.11")) if e.code == "30201" else e for e in budget.economic
    )
    return replace(budget, income=income, economic=economic)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def texts(document: Document) -> list[str]:
    """Every paragraph, then every table cell's text, in order."""
    cells = [c.text for t in document.tables for b in t.blocks for r in b.rows for c in r.cells if c.text]
    return [*(p.text for p in document.paragraphs), *cells]


def plain_html(document: Document) -> str:
    body = "".join(f"<p>{html.escape(t)}</p>" for t in texts(document))
    return f'<html><head><meta charset="utf-8"></head><body style="font-family: Noto Serif CJK SC">{body}</body></html>'


def baselines(document: Document, scratch: Path) -> dict[str, Callable[[], object]]:
    def docx_floor() -> None:
        import docx

        word = docx.Document()
        for text in texts(document):
            word.add_paragraph(text)
        word.save(str(scratch / "floor.docx"))

    def xlsx_floor() -> None:
        import openpyxl

        book = openpyxl.Workbook(write_only=True)
        for table in document.tables:
            sheet = book.create_sheet(table.number)
            for block in table.blocks:
                for row in block.rows:
                    sheet.append([row.code, row.label, *(c.text for c in row.cells)])
        book.save(str(scratch / "floor.xlsx"))

    def pdf_floor() -> None:
        import weasyprint  # type: ignore[import-untyped]

        weasyprint.HTML(string=plain_html(document)).write_pdf(str(scratch / "floor.pdf"))

    return {
        "docx": docx_floor,
        "xlsx": xlsx_floor,
        "html": lambda: (scratch / "floor.html").write_text(plain_html(document), encoding="utf-8"),
        "json": lambda: (scratch / "floor.json").write_text(json.dumps(texts(document)), encoding="utf-8"),
        "pdf": pdf_floor,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    budget = corrected()
    derive(budget)  # warm-up: imports and catalogs
    document = derive(budget)
    derive_ms = statistics.median(timed(lambda: derive(budget)) for _ in range(args.repeat))
    print(f"derive: {derive_ms:.1f} ms")
    print(f"{'format':6s} {'yusuan ms':>10s} {'floor ms':>9s} {'ratio':>6s}  target")
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        floors = baselines(document, scratch)
        for fmt, target in TARGETS_MS.items():
            module = importlib.import_module(f"yusuan.write.{fmt}")
            path = scratch / f"out.{fmt}"
            ours, floor = (lambda m=module, p=path: m.write(document, p)), floors[fmt]
            ours(), floor()  # warm-up (fonts, templates)
            ours_ms, floor_ms = [], []
            for _ in range(args.repeat):  # alternating, so that the load falls on both alike
                ours_ms.append(timed(ours))
                floor_ms.append(timed(floor))
            a, b = statistics.median(ours_ms), statistics.median(floor_ms)
            verdict = "met" if a < target else "NOT met"
            print(f"{fmt:6s} {a:10.1f} {b:9.1f} {a / b:5.1f}×  < {target} ms: {verdict}")
            results[fmt] = {"ms": round(a, 1), "floor_ms": round(b, 1), "ratio": round(a / b, 2)}
    print(json.dumps({"repeat": args.repeat, "derive_ms": round(derive_ms, 1), **results}))


if __name__ == "__main__":
    main()
