"""Benchmark: reading and auditing real PDF disclosures against PDFium's raw text extraction.

Run with ``python bench/read_pdf.py [FILE.pdf …]``; by default every PDF in ``tests/fixtures/docs``
(or ``/work/shared/corpus`` when that folder is missing). In one process, for each file:

- *baseline*: pypdfium2 opens the file and takes every page's raw text
  (``get_textpage().get_text_range()``), then closes it: the floor for getting text out of a PDF;
- *yusuan*: ``yusuan.check.check(yusuan.read.read(path))``, what ``yusuan check FILE`` does per file
  minus start-up and printing (a file yusuan refuses is timed up to the refusal, and marked).

Each is called once untimed, then timed ``--repeat`` times (default 5), the two alternating so
that a change in machine load hits both; the table gives medians. Targets (from the issue):
yusuan within 5× the baseline, and at least 20 pages/s on one core (the run is one process).
``--profile`` runs yusuan once over the files under cProfile and prints the top functions by
cumulative time instead.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import platform
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "tests" / "fixtures" / "docs", Path("/work/shared/corpus"))

try:
    import pypdfium2 as pdfium

    from yusuan.check import check
    from yusuan.errors import UnreadableInput
    from yusuan.read import read
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    import pypdfium2 as pdfium

    from yusuan.check import check
    from yusuan.errors import UnreadableInput
    from yusuan.read import read

TARGET_RATIO = 5.0
TARGET_PAGES_PER_S = 20.0


def baseline(path: Path) -> int:
    """PDFium's raw text of every page; returns the number of characters (so nothing is skipped)."""
    pdf = pdfium.PdfDocument(path)
    chars = 0
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return chars


def yusuan(path: Path) -> str:
    """Read and check; returns "ok" or the name of the refusal."""
    try:
        check(read(path))
    except UnreadableInput as exc:
        return type(exc).__name__
    return "ok"


def pages(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def timed(step: Callable[[], str | int]) -> tuple[float, str | int]:
    """Milliseconds taken, and what the step returned."""
    start = time.perf_counter()
    value = step()
    return (time.perf_counter() - start) * 1000, value


@dataclass
class Result:
    path: Path
    pages: int
    baseline_ms: float
    yusuan_ms: float
    status: str

    @property
    def ratio(self) -> float:
        return self.yusuan_ms / self.baseline_ms

    @property
    def pages_per_s(self) -> float:
        return self.pages / (self.yusuan_ms / 1000)


def measure(path: Path, repeat: int, warmup: int) -> Result:
    for _ in range(warmup):
        baseline(path)
        yusuan(path)
    base, ours = [], []
    status: str | int = ""
    for _ in range(repeat):
        base.append(timed(lambda: baseline(path))[0])
        ms, status = timed(lambda: yusuan(path))
        ours.append(ms)
    return Result(path, pages(path), statistics.median(base), statistics.median(ours), str(status))


def table(results: list[Result]) -> str:
    lines = [
        "| file | pages | baseline ms | yusuan ms | ratio | pages/s |",
        "|------|------:|------------:|----------:|------:|--------:|",
    ]
    for r in results:
        name = r.path.name + ("" if r.status == "ok" else f" ({r.status})")
        lines.append(
            f"| {name} | {r.pages} | {r.baseline_ms:.1f} | {r.yusuan_ms:.0f} | {r.ratio:.1f}× | {r.pages_per_s:.1f} |"
        )
    total_pages = sum(r.pages for r in results)
    base = sum(r.baseline_ms for r in results)
    ours = sum(r.yusuan_ms for r in results)
    lines.append(
        f"| **total** | {total_pages} | {base:.1f} | {ours:.0f} | {ours / base:.1f}× "
        f"| {total_pages / (ours / 1000):.1f} |"
    )
    return "\n".join(lines)


def verdict(results: list[Result]) -> str:
    total_pages = sum(r.pages for r in results)
    ratio = sum(r.yusuan_ms for r in results) / sum(r.baseline_ms for r in results)
    rate = total_pages / (sum(r.yusuan_ms for r in results) / 1000)
    slowest = min(results, key=lambda r: r.pages_per_s)
    return "\n".join(
        [
            f"within {TARGET_RATIO:.0f}× of the baseline: {'met' if ratio <= TARGET_RATIO else 'NOT met'} "
            f"(total {ratio:.2f}×; per file {min(r.ratio for r in results):.1f}–{max(r.ratio for r in results):.1f}×)",
            f"at least {TARGET_PAGES_PER_S:.0f} pages/s per core: {'met' if rate >= TARGET_PAGES_PER_S else 'NOT met'} "
            f"(total {rate:.1f} pages/s; slowest {slowest.path.name} {slowest.pages_per_s:.1f} pages/s)",
        ]
    )


def profile(paths: list[Path], top: int) -> str:
    for path in paths:  # warm the imports and caches first
        yusuan(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        yusuan(path)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE.pdf")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per step (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument("--profile", action="store_true", help="profile yusuan over the files instead")
    parser.add_argument("--top", type=int, default=40, help="rows of the profile (default 40)")
    args = parser.parse_args(argv)
    paths: list[Path] = args.files
    if not paths:
        folder = next((f for f in FOLDERS if f.is_dir() and any(f.glob("*.pdf"))), None)
        if folder is None:
            parser.error("no PDFs given and none in tests/fixtures/docs or /work/shared/corpus")
        paths = sorted(folder.glob("*.pdf"))
    if args.profile:
        print(profile(paths, args.top))
        return 0
    print(
        f"Python {platform.python_version()} on {platform.machine()}, pypdfium2 {version('pypdfium2')}, "
        f"pdfplumber {version('pdfplumber')}; "
        f"median of {args.repeat} after {args.warmup} warm-up",
        flush=True,
    )
    results = []
    for path in paths:
        result = measure(path, args.repeat, args.warmup)
        results.append(result)
        print(
            f"{path.name}: {result.pages} pages, baseline {result.baseline_ms:.1f} ms, "
            f"yusuan {result.yusuan_ms:.0f} ms ({result.status}), {result.ratio:.1f}×, "
            f"{result.pages_per_s:.1f} pages/s",
            flush=True,
        )
    print()
    print(table(results))
    print()
    print(verdict(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
