"""Shared helpers: build a small disclosure from inline text and audit it (beancount load_doc style)."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.postgres import PostgresServer, find_bindir
from yusuan.check import check
from yusuan.check.report import Report
from yusuan.model.document import Document
from yusuan.read.recognize import recognize
from yusuan.read.text import blocks
from yusuan.store.db import Store

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "samples" / "anhui-yongqiao-government-office-2023-budget.txt"


def doc_from(text: str, name: str = "case.txt") -> Document:
    """A Document from inline text; ``|`` separates cells (written as tabs in real files)."""
    body = textwrap.dedent(text).strip("\n").replace(" | ", "\t").replace("|", "\t")
    return recognize(blocks(body), name)


@pytest.fixture
def audit() -> Callable[[str], Report]:
    def run(text: str) -> Report:
        return check(doc_from(text))

    return run


# ---- the store, on SQLite and on a real PostgreSQL --------------------------------------------
# `make test` sets YUSUAN_REQUIRE_POSTGRES=1: there a missing PostgreSQL fails the run instead of
# skipping half of the store's tests.

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("YUSUAN_REQUIRE_POSTGRES"):
            pytest.fail("没有找到 PostgreSQL（apt-get install postgresql），make test 需要它。", pytrace=False)
        yield None
        return
    server = PostgresServer(bindir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def new_store(
    postgres_server: PostgresServer | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Store]]:
    """A factory of fresh, empty stores: ``new_store("sqlite")`` or ``new_store("postgresql")``."""
    made: list[Store] = []

    def make(backend: str) -> Store:
        if backend == "postgresql":
            if postgres_server is None:
                pytest.skip("PostgreSQL is not installed here (make test requires it)")
            url = postgres_server.database()
        else:
            url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'yusuan.sqlite3'}"
        made.append(Store(url))
        return made[-1]

    yield make
    for store in made:
        store.close()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, new_store: Callable[[str], Store]) -> Store:
    """A fresh empty store, once on SQLite and once on PostgreSQL."""
    return new_store(request.param)
