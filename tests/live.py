"""The portal for real: `yusuan serve` in its own process on a loopback port, and Debian's Chromium
driven by Playwright (never `playwright install`: the browser is the system's, by executable_path)."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from subprocess import Popen

import httpx

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


def start(database_url: str, root: Path, program: Sequence[str] = ("-m", "yusuan")) -> tuple[Popen[bytes], str]:
    """``yusuan serve`` (or ``program`` given its arguments) on a free port, in a process group of
    its own, once it answers; the process and its base URL."""
    port = free_port()
    command = [sys.executable, *program, "serve", "--database", database_url, "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    process = subprocess.Popen(command, cwd=root, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/regions", timeout=2):
                return process, base
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                end_group(process)
                raise RuntimeError("yusuan serve did not start") from None
            time.sleep(0.1)


def stop(process: Popen[bytes]) -> bool:
    """Stop the server as an operator does (SIGTERM; SIGKILL after 10 s); True when every process
    it started ended with it (any left are killed)."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return end_group(process)


def end_group(process: Popen[bytes]) -> bool:
    """After the server's end: True when its process group empties within 5 s, else it is killed."""
    if process.poll() is None:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    return False


def signed_in(base: str, username: str, password: str) -> tuple[httpx.Client, str]:
    """A client of the running portal signed in as ``username`` (through the API), and its CSRF token."""
    client = httpx.Client(base_url=base, timeout=60)
    before = client.get("/api/session").json()["csrf"]
    response = client.post(
        "/api/session", json={"username": username, "password": password}, headers={"X-CSRF-Token": before}
    )
    assert response.status_code == 200, response.text
    return client, str(response.json()["csrf"])


@contextmanager
def serving(database_url: str, root: Path) -> Iterator[str]:
    """``yusuan serve`` on a free port until the block ends; yields its base URL."""
    process, base = start(database_url, root)
    try:
        yield base
    finally:
        stop(process)
