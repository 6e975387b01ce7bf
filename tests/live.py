"""The portal for real: `yusuan serve` in its own process on a loopback port, and Debian's Chromium
driven by Playwright (never `playwright install`: the browser is the system's, by executable_path)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_FLAGS = [
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-background-networking",  # this machine has no network: no update or sync calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(database_url: str, root: Path) -> Iterator[str]:
    """``yusuan serve`` on a free port until the block ends; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "yusuan", "serve", "--database", database_url, "--port", str(port)]
    process = subprocess.Popen(command, cwd=root, env={**os.environ, "PYTHONPATH": str(root / "src")})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/regions", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("yusuan serve did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
