"""Opening the store: a SQLite file by default, PostgreSQL when ``YUSUAN_DATABASE_URL`` says so."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from yusuan.errors import StoreUnavailable
from yusuan.store.schema import Base

DEFAULT_PATH = Path("var") / "yusuan.sqlite3"
ENV = "YUSUAN_DATABASE_URL"


def database_url(url: str | None = None) -> str:
    """The URL given, else ``$YUSUAN_DATABASE_URL``, else the SQLite file ``var/yusuan.sqlite3``."""
    url = url or os.environ.get(ENV)
    if url:
        # "postgresql://" means psycopg 3 here, the one driver we install.
        return "postgresql+psycopg://" + url.removeprefix("postgresql://") if url.startswith("postgresql://") else url
    DEFAULT_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_PATH}"


BUSY_TIMEOUT_MS = 30_000  # how long a SQLite writer waits for another one to finish


def _sqlite_pragmas(connection: Any, _record: object) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers go on while an ingest writes
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Store:
    """The database behind the portal: an engine and a session factory; tables made on open."""

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        self.url = database_url(url)
        try:
            self.engine: Engine = create_engine(self.url, pool_pre_ping=True)
        except (ArgumentError, ModuleNotFoundError) as exc:
            raise StoreUnavailable(f"数据库地址无效：{safe_url(self.url)}（{exc}）") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        if create:
            try:
                Base.metadata.create_all(self.engine)
            except OperationalError as exc:
                raise StoreUnavailable(f"无法打开数据库 {safe_url(self.url)}：{exc.orig}") from exc

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed at the end, or rolled back whole on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    head, sep, tail = url.partition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, credentials = head.partition("//")
    return f"{scheme}//{credentials.split(':', 1)[0]}:***@{tail}"
