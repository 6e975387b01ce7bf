"""Reading and auditing an upload off the server's event loop, in a small pool of processes.

Processes rather than threads: PDFium is not thread-safe, and a hostile file that exhausts
memory or crashes a reader takes down only a worker, never the server (the upload is then
refused and the pool replaced). The pool is started on the first upload and shared by every
app in the process; ``spawn`` because forking a threaded server is unsafe. ``yusuan serve`` ends
it when the server stops (``shutdown``): uvicorn ends the process by re-raising the signal that
stopped it, so no exit handler would, and the workers would be left running.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from yusuan.batch import Job, Outcome, work

WORKERS = min(2, os.cpu_count() or 1)
CRASHED = "读取该文件时读取进程意外退出（文件可能已损坏、过大或过于复杂），未存入。"

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def _discard(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


async def audit(path: Path) -> Outcome:
    """Read and check one file in a worker process; a reason in Chinese if it cannot be read."""
    pool = _executor()
    try:
        return await asyncio.wrap_future(pool.submit(work, Job(path, audit=True, keep=True)))
    except BrokenProcessPool:
        _discard(pool)
        return Outcome(path, error=CRASHED)


def shutdown() -> None:
    """End the pool's processes, waiting for an audit under way; a later upload starts a new pool."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
