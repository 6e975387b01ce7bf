"""Benchmark: the portal under load, over a store of 5,000 department-years.

1. The store (bench/.data/serve-5000.sqlite3, made once and kept; ``--rebuild`` remakes it): 10
   regions × 100 departments × 5 years (2019–2023), each department-year built with the builder
   (``yusuan.build.derive``) from examples/yongqiao-2023/budget.json (with its README's two
   corrections) under its own department name and year, audited, and stored as a revision with
   the input JSON as its original file. Amounts are the reference document's in every one: what
   the pages cost depends on a document's size, not its figures. Each revision's part of its page
   is then rendered and kept, as ``yusuan ingest`` and uploads do (``web.part``; once, ~2 min, and
   again only when the rendering code changes; ``--no-render`` leaves it to the first views).
2. ``yusuan serve`` (uvicorn, one process) on a loopback port.
3. A second process sends requests over keep-alive connections from ``--clients`` threads for
   ``--seconds`` per kind of page, and reports latency percentiles and throughput:
   - *baseline*: a static file (/static/site.css), the server's floor, measured in the same run;
   - the department-year page (/filings/{id}, ``--pages`` random filings: with the default 500, most
     requests are the first for their page in the server process, so its rendering is read from
     the store, not from memory; with 100 every page is warmed up first and served from memory);
   - the region roll-up (/regions/{id}?year=…, random regions and years; kept in memory until one
     of the region's filings changes, which never happens here);
   - their JSON twins.
Target (issue 5): p95 under 100 ms for the department-year page and the region roll-up.

    python bench/serve.py [--clients 4] [--seconds 15] [--pages 500] [--workers 1] [--rebuild] [--database URL]
                          [--no-render]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
DATA = ROOT / "bench" / ".data"
REGIONS, DEPARTMENTS, YEARS = 10, 100, range(2019, 2024)


def _department(region: int, number: int) -> tuple[str, str]:
    region_name = f"示范省第{region + 1}市"
    return region_name, f"{region_name}第{number + 1}局"


def _made(job: tuple[int, int, int]) -> tuple[str, str, int, bytes, bytes]:
    """One department-year, derived and audited (in a worker process): pickled Document and Report."""
    import pickle

    from build import corrected  # bench/build.py

    from yusuan.build.derive import derive
    from yusuan.check import check

    region, number, year = job
    region_name, name = _department(region, number)
    base = corrected()
    budget = replace(base, profile=replace(base.profile, name=name, region=region_name, year=year))
    document = derive(budget, file=f"{name}-{year}.json")
    report = check(document)
    return region_name, name, year, pickle.dumps((document, report)), json.dumps({"department": name}).encode()


def make_store(url: str) -> None:
    import pickle

    from yusuan.store.db import Store
    from yusuan.store.ingest import store_document

    store = Store(url)
    jobs = [(r, d, y) for r in range(REGIONS) for d in range(DEPARTMENTS) for y in YEARS]
    start = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        for done, (region, name, year, blob, original) in enumerate(pool.map(_made, jobs, chunksize=20), 1):
            document, report = pickle.loads(blob)
            store_document(store, document, report, original, f"{name}-{year}.json", region=region)
            if done % 500 == 0:
                print(f"  {done}/{len(jobs)} stored ({time.perf_counter() - start:.0f} s)", file=sys.stderr)
    store.close()


def _render(job: tuple[str, list[int]]) -> int:
    """Render and keep the page part of some revisions (in a worker process)."""
    from yusuan.store.db import Store
    from yusuan.web.part import prerender

    url, revision_ids = job
    store = Store(url, create=False)
    try:
        return prerender(store, revision_ids)
    finally:
        store.close()


def render_store(url: str) -> None:
    """Render each revision's part of its page as ingest does, where the store has none of this
    version (a store made before renderings were kept, or by other code): once, then kept."""
    from yusuan.store import renderings
    from yusuan.store.db import Store
    from yusuan.web.part import render_version

    store = Store(url)  # makes the rendering table in a store made before it
    missing = renderings.without(store, render_version())
    store.close()
    if not missing:
        return
    print(f"rendering the page part of {len(missing)} revisions …", file=sys.stderr)
    start = time.perf_counter()
    chunks = [(url, missing[i : i + 100]) for i in range(0, len(missing), 100)]
    with ProcessPoolExecutor() as pool:
        done = sum(pool.map(_render, chunks))
    print(f"  {done} rendered and kept in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def _ids(base: str) -> tuple[list[int], list[int]]:
    """Filing ids and region ids, from the API."""
    with urllib.request.urlopen(f"{base}/api/regions", timeout=30) as response:
        regions = [r["id"] for r in json.load(response)["regions"]]
    from sqlalchemy import select

    from yusuan.store.db import Store
    from yusuan.store.schema import Filing

    store = Store(os.environ["BENCH_DATABASE"], create=False)
    with store.session() as session:
        filings = list(session.scalars(select(Filing.id)))
    store.close()
    return filings, regions


def load(host: str, port: int, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    """Requests from ``clients`` threads for ``seconds``; latencies in ms and requests per second."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine: list[float] = []
        while time.monotonic() < stop:
            path = rng.choice(paths)
            begin = time.perf_counter()
            connection.request("GET", path, headers={"Accept": "text/html" if "/api/" not in path else "*/*"})
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - begin) * 1000)
            if response.status != 200:
                with lock:
                    errors += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "errors": errors,
        "rps": len(ordered) / elapsed,
        "p50": statistics.median(ordered),
        "p95": ordered[int(0.95 * (len(ordered) - 1))],
        "p99": ordered[int(0.99 * (len(ordered) - 1))],
    }


def _loader(arguments: list[str]) -> None:
    """The second process: ``serve.py --load HOST PORT CLIENTS SECONDS PATHS-JSON``."""
    host, port, clients, seconds, paths = arguments
    print(json.dumps(load(host, int(port), json.loads(paths), int(clients), float(seconds))))


def main() -> None:
    if sys.argv[1:2] == ["--load"]:
        _loader(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--pages", type=int, default=500, help="distinct department-year pages requested at random")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--database", help="default: a SQLite file in bench/.data/")
    parser.add_argument("--workers", type=int, default=1, help="server processes (yusuan serve --workers)")
    parser.add_argument(
        "--no-render",
        action="store_true",
        help="do not render the page parts a store lacks first (first views then render and keep them)",
    )
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    url = args.database or f"sqlite:///{DATA / 'serve-5000.sqlite3'}"
    if args.rebuild and not args.database:
        (DATA / "serve-5000.sqlite3").unlink(missing_ok=True)
    fresh = args.database is None and not (DATA / "serve-5000.sqlite3").exists()
    if fresh or args.rebuild:
        print(f"making the store of {REGIONS * DEPARTMENTS * len(YEARS)} department-years …", file=sys.stderr)
        make_store(url)
    if not args.no_render:
        render_store(url)
    os.environ["BENCH_DATABASE"] = url
    from tests.live import free_port

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "yusuan",
            "serve",
            "--database",
            url,
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/static/site.css", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        filings, regions = _ids(base)
        rng = random.Random(1)
        sample = rng.sample(filings, min(args.pages, len(filings)))
        kinds = {
            "baseline: static file": ["/static/site.css"],
            "department-year page": [f"/filings/{i}" for i in sample],
            "region roll-up page": [f"/regions/{r}?year={y}" for r in regions for y in YEARS],
            "department-year JSON": [f"/api/filings/{i}" for i in sample],
            "region roll-up JSON": [f"/api/regions/{r}?year={y}" for r in regions for y in YEARS],
        }
        for paths in kinds.values():  # warm up, untimed: every page when there are few, else the first 20
            for path in paths if len(paths) <= 100 else paths[:20]:
                urllib.request.urlopen(f"{base}{path}", timeout=60).read()
        print(
            f"{len(filings)} filings, {len(regions)} regions; {args.workers} server processes, "
            f"{args.clients} clients, {args.seconds:.0f} s each"
        )
        print(f"{'':24} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>8} {'errors':>7} {'p95/base':>9}")
        baseline_p95 = None
        for kind, paths in kinds.items():
            command = [sys.executable, __file__, "--load", "127.0.0.1", str(port), str(args.clients)]
            out = subprocess.run(
                [*command, str(args.seconds), json.dumps(paths)], capture_output=True, text=True, check=True
            ).stdout
            result = json.loads(out)
            baseline_p95 = baseline_p95 or result["p95"]
            print(
                f"{kind:24} {result['p50']:8.1f} {result['p95']:8.1f} {result['p99']:8.1f} "
                f"{result['rps']:8.0f} {result['errors']:7d} {result['p95'] / baseline_p95:8.1f}×"
            )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
