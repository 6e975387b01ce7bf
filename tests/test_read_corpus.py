"""Golden tests: the tables read from each corpus PDF, against hand-checked truth.

The PDFs are copies in tests/fixtures/docs/ (see its README for their source); the expected
values are in tests/fixtures/corpus_truth.py, typed from the PDFs (rendered pages and their text
layer), never from yusuan's output. Each file is read once per module.

Where yusuan reads a table wrong, the truth stays as printed and the test is marked
``xfail(strict=True)`` with the reader's exact problem, so the suite stays green while the defect
stays visible, and a fix makes the test pass (and the stale mark fail) at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.model.document import Document, Table
from yusuan.read import read, read_together

from .fixtures import corpus_truth as truth
from .fixtures.corpus_truth import DocTruth

DOCS = Path(__file__).resolve().parent / "fixtures" / "docs"

Reader = Callable[[str], Document]


@pytest.fixture(scope="module")
def document() -> Iterator[Reader]:
    """The document of a truth key, read on first use and kept for the module."""
    cache: dict[str, Document] = {}

    def get(key: str) -> Document:
        if key not in cache:
            paths = [DOCS / name for name in truth.BY_KEY[key].files]
            cache[key] = read(paths[0]) if len(paths) == 1 else read_together(paths)
        return cache[key]

    yield get
    cache.clear()


def _squash(text: str) -> str:
    return "".join(text.split())


def _amount(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def _find(doc: Document, kind: str) -> Table:
    found = [t for t in doc.tables if t.kind == kind]
    assert len(found) == 1, f"{len(found)} tables of kind {kind} read: {[t.title for t in doc.tables]}"
    return found[0]


def read_blocks(table: Table) -> list[list[tuple[str, ...]]]:
    """The table's rows as read, in the truth's shape: blocks of (code, label, *cell texts)."""
    return [
        [(row.code or "", _squash(row.label), *(cell.text for cell in row.cells)) for row in block.rows]
        for block in table.blocks
    ]


def expected_blocks(doc_truth: DocTruth, kind: str) -> list[list[tuple[str, ...]]]:
    return [[(row[0], _squash(row[1]), *row[2:]) for row in block] for block in doc_truth.rows[kind]]


_CPPCC = "jiangsu-cppcc-office-2019-budget"

# Reader defects, each checked against the PDF. Keyed by (truth key, what is tested).
XFAIL: dict[tuple[str, str], str] = {}


def _params(items: list[tuple[str, str]]) -> list[object]:
    return [
        pytest.param(key, what, id=f"{key}-{what}", marks=pytest.mark.xfail(strict=True, reason=XFAIL[(key, what)]))
        if (key, what) in XFAIL
        else pytest.param(key, what, id=f"{key}-{what}")
        for key, what in items
    ]


def test_fixture_copies_are_present() -> None:
    names = {path.name for path in DOCS.glob("*.pdf")}
    wanted = {name for doc_truth in truth.ALL for name in doc_truth.files}
    assert wanted <= names, sorted(wanted - names)
    assert (DOCS / "README.md").is_file()


@pytest.mark.parametrize(("key", "what"), _params([(t.key, "meta") for t in truth.ALL]))
def test_department_and_year(document: Reader, key: str, what: str) -> None:
    doc = document(key)
    doc_truth = truth.BY_KEY[key]
    assert (doc.department, doc.year) == (doc_truth.department, doc_truth.year)


def _layout_of(key: str) -> str:
    """The table set each document prints (checked against its tables; the high court numbers
    Jiangsu's 公开01–12表 一 to 十二)."""
    if key.startswith("jiangsu-"):
        return "jiangsu-12"
    return "shanghai-final-9" if "final-accounts" in key else "shanghai-9"


@pytest.mark.parametrize(("key", "what"), _params([(t.key, "layout") for t in truth.ALL]))
def test_layout(document: Reader, key: str, what: str) -> None:
    assert document(key).layout == _layout_of(key)


@pytest.mark.parametrize(("key", "what"), _params([(t.key, "tables") for t in truth.ALL]))
def test_table_list(document: Reader, key: str, what: str) -> None:
    """Every table, in order, with its printed number, its kind and its unit."""
    doc = document(key)
    read_list = [(t.number, t.kind, t.unit.value) for t in doc.tables]
    assert read_list == [(t.number, t.kind, t.unit) for t in truth.BY_KEY[key].tables]


_ROW_CASES = [(t.key, kind) for t in truth.ALL for kind in t.rows]


@pytest.mark.parametrize(("key", "what"), _params(_ROW_CASES))
def test_table_rows(document: Reader, key: str, what: str) -> None:
    """The main tables row by row: codes, labels and every cell as printed, with exact amounts."""
    doc_truth = truth.BY_KEY[key]
    table = _find(document(key), what)
    unit = next(t.unit for t in doc_truth.tables if t.kind == what)
    assert table.unit.value == unit
    assert read_blocks(table) == expected_blocks(doc_truth, what)
    for block in table.blocks:
        for row in block.rows:
            for cell in row.cells:
                if cell.text == "":
                    assert cell.amount is None, (row.label, cell)
                    continue
                assert cell.amount is not None, (row.label, cell.text)
                assert cell.amount.value == _amount(cell.text), (row.label, cell.text)
                assert cell.amount.unit.value == unit, (row.label, cell.text)
