"""Benchmark: how long yusuan takes to read and audit one disclosure, and whether memory stays flat.

Run with ``make bench`` or ``python bench/read_check.py``. Standard library only.

1. Timing: after warm-ups, each step is timed with ``time.perf_counter`` over a number of
   repetitions and reported as median and p90 in milliseconds, with the ratio of the median to
   a raw-text baseline measured in the same run (read the file's bytes, decode, split lines):
   ``yusuan.read.read(path)``, ``yusuan.check.check(doc)``, and read+check together.
2. Memory: read+check a batch of copies of the reference document (each copy its own file,
   so nothing keyed by file name is reused) in one process; record resident memory and the
   number of live Python objects after the first 100 and after all of them. Flat means
   neither grows between the two points.

Target (from the issue): read+check under 50 ms per document in-process, memory flat over a
batch of 1,000 copies.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "anhui-yongqiao-government-office-2023-budget.txt"

try:
    from yusuan.check import check
    from yusuan.read import read
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    from yusuan.check import check
    from yusuan.read import read

TARGET_MS = 50.0
FLAT_RSS_MB = 2.0  # growth of resident memory from copy 100 to the last allowed as "flat"
FLAT_OBJECTS = 1000  # growth of live gc-tracked objects allowed as "flat"


def measure(step: Callable[[], object], repeat: int, warmup: int) -> list[float]:
    """Milliseconds per call, one value per repetition, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        step()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def baseline(path: Path) -> list[str]:
    """The raw-text floor: what any tool must do to look at the file."""
    return path.read_bytes().decode("utf-8").splitlines()


def _proc_status_mb(field: str) -> float | None:
    """A memory field of /proc/self/status (Linux) in MB, or None where there is no /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    return None


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far."""
    peak = _proc_status_mb("VmHWM")
    if peak is not None:
        return peak
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / 1024 / 1024 if sys.platform == "darwin" else maxrss / 1024  # bytes on macOS, KiB on Linux


def rss_mb() -> float:
    """Current resident memory, or the peak where the current value is not available."""
    current = _proc_status_mb("VmRSS")
    return current if current is not None else peak_rss_mb()


def live_objects() -> int:
    gc.collect()
    return len(gc.get_objects())


def timing(path: Path, repeat: int, warmup: int) -> float:
    doc = read(path)
    steps: list[tuple[str, Callable[[], object]]] = [
        ("baseline: bytes→decode→lines", lambda: baseline(path)),
        ("read(path)", lambda: read(path)),
        ("check(doc)", lambda: check(doc)),
        ("read + check", lambda: check(read(path))),
    ]
    results = [(name, measure(step, repeat, warmup)) for name, step in steps]
    base = statistics.median(results[0][1])
    print(f"Timing: {repeat} repetitions after {warmup} warm-ups, milliseconds per document")
    print(f"  {'step':<30} {'median':>9} {'p90':>9} {'× baseline':>12}")
    for name, times in results:
        median = statistics.median(times)
        print(f"  {name:<30} {median:>9.3f} {p90(times):>9.3f} {median / base:>12.0f}")
    return statistics.median(results[-1][1])


def memory(path: Path, copies: int, early: int) -> tuple[float, int]:
    text = path.read_bytes()
    with tempfile.TemporaryDirectory(prefix="yusuan-bench-") as tmp:
        files = []
        for i in range(copies):
            copy = Path(tmp) / f"copy-{i:04d}-{path.name}"
            copy.write_bytes(text)
            files.append(copy)
        print(f"\nMemory: read + check {copies} copies of the document in one process")
        print(f"  {'after':>8} {'RSS MB':>9} {'peak RSS MB':>12} {'live objects':>13}")
        marks: dict[int, tuple[float, float, int]] = {}
        start = time.perf_counter()
        for i, copy in enumerate(files, 1):
            report = check(read(copy))
            del report
            if i in (early, copies):
                objects = live_objects()
                marks[i] = (rss_mb(), peak_rss_mb(), objects)
                print(f"  {i:>8} {marks[i][0]:>9.1f} {marks[i][1]:>12.1f} {objects:>13}")
        elapsed = time.perf_counter() - start
    (rss_a, peak_a, obj_a), (rss_b, peak_b, obj_b) = marks[early], marks[copies]
    print(
        f"  growth from {early} to {copies}: RSS {rss_b - rss_a:+.1f} MB, peak RSS {peak_b - peak_a:+.1f} MB, "
        f"live objects {obj_b - obj_a:+d}"
    )
    print(f"  ({elapsed:.1f} s, {elapsed / copies * 1000:.1f} ms per document including file I/O)")
    return rss_b - rss_a, obj_b - obj_a


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=30, help="timed repetitions per step (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed warm-up calls per step (default 3)")
    parser.add_argument("--copies", type=int, default=1000, help="documents in the memory run (default 1000)")
    parser.add_argument("--early", type=int, default=100, help="first memory mark (default 100)")
    parser.add_argument("file", nargs="?", type=Path, default=SAMPLE, help="the document (default: the reference)")
    args = parser.parse_args(argv)
    if not 0 < args.early < args.copies or args.repeat < 2:
        parser.error("need 0 < --early < --copies and --repeat >= 2")

    began = time.perf_counter()
    print(f"yusuan read+check benchmark: {args.file.name} ({args.file.stat().st_size:,} bytes)")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs\n")
    per_doc = timing(args.file, args.repeat, args.warmup)
    rss_growth, object_growth = memory(args.file, args.copies, args.early)

    fast = per_doc < TARGET_MS
    flat = rss_growth < FLAT_RSS_MB and object_growth < FLAT_OBJECTS
    print("\nTarget: read + check under 50 ms per document; memory flat over the batch")
    print(f"  time:   median {per_doc:.1f} ms → {'met' if fast else 'NOT met'}")
    print(
        f"  memory: RSS {rss_growth:+.1f} MB (< {FLAT_RSS_MB:.0f} MB), objects {object_growth:+d} "
        f"(< {FLAT_OBJECTS}) → {'flat' if flat else 'NOT flat'}"
    )
    print(f"\nTotal {time.perf_counter() - began:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
