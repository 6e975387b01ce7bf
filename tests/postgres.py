"""A private PostgreSQL server for the tests: its own cluster in a temporary folder, on a Unix
socket only, started once per test session and removed at the end.

The binaries are found in ``$YUSUAN_PG_BINDIR`` or Debian's /usr/lib/postgresql/<version>/bin.
Run as root (as in CI), the server runs as the ``postgres`` system user, as PostgreSQL requires.
Each ``database()`` is a new, empty database, so tests never see each other's data.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

from tests.live import free_port


def find_bindir() -> Path | None:
    given = os.environ.get("YUSUAN_PG_BINDIR")
    candidates = [Path(given)] if given else sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return next((c for c in candidates if (c / "initdb").exists() and (c / "pg_ctl").exists()), None)


class PostgresServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="yusuan-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0
        self._names = itertools.count(1)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed: {result.stdout}{result.stderr}")

    def start(self) -> None:
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "yusuan",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
        )
        options = (
            f"-k {self.folder} -p {self.port} -c listen_addresses='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://yusuan@/{database}?host={self.folder}&port={self.port}"

    def database(self) -> str:
        """A new empty database; its SQLAlchemy URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(
            host=str(self.folder), port=self.port, user="yusuan", dbname="postgres", autocommit=True
        ) as c:
            c.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return self.url(name)
