"""Benchmark: building the reference document in every format.

Derives the Anhui document from examples/yongqiao-2023/budget.json (with the two corrections its
README names) and writes it to each format, median of repeated runs in one process. Targets from
the issue: DOCX, XLSX and HTML under 300 ms each, PDF under 2 s.

    python bench/build.py [--repeat N]
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from yusuan.build.derive import derive
from yusuan.build.input import BudgetInput, EconomicLine, IncomeLine
from yusuan.build.load import load

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


def median_ms(action: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    budget = corrected()
    derive(budget)  # warm-up: imports and catalogs
    document = derive(budget)
    print(f"derive: {median_ms(lambda: derive(budget), args.repeat):.1f} ms")
    with tempfile.TemporaryDirectory() as scratch:
        for fmt, target in TARGETS_MS.items():
            module = importlib.import_module(f"yusuan.write.{fmt}")
            path = Path(scratch) / f"out.{fmt}"
            module.write(document, path)  # warm-up (fonts, templates)
            ms = median_ms(lambda m=module, p=path: m.write(document, p), args.repeat)
            verdict = "met" if ms < target else "NOT met"
            print(f"{fmt:5s} {ms:8.1f} ms  (target < {target} ms: {verdict})")
    print(json.dumps({"repeat": args.repeat}))


if __name__ == "__main__":
    main()
