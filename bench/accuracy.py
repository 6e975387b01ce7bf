"""Benchmark: cell-level extraction accuracy on the corpus PDFs, against hand-checked truth.

Run with ``python bench/accuracy.py`` (``-v`` adds one line per table). The truth is the one the
golden tests use, tests/fixtures/corpus_truth.py: for each document, every cell of its main tables
(收支总表, 一般公共预算支出 by function, 基本支出 by economic class, 三公), typed from the PDF.

A cell is exact when yusuan read the same table kind, a row with the same code and label
(whitespace ignored; the n-th such row of the block for the n-th expected one) in the same block,
and in that row's same column a cell whose text equals the printed text and whose amount equals
the printed amount as a Decimal (no amount for a blank cell). Anything else counts as wrong:
a wrong number, a blank read as a number, a cell in the wrong column, a row whose label was split
or lost, a table not read at all. Blank cells count too (a blank read as a number is an error);
the non-blank cells are also reported on their own.

Target (from the issue): at least 99.5 % of cells exact.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "tests" / "fixtures" / "docs"
sys.path.insert(0, str(ROOT))

try:
    from yusuan.model.document import Block, Document
    from yusuan.read import read, read_together
except ImportError:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT / "src"))
    from yusuan.model.document import Block, Document
    from yusuan.read import read, read_together

from tests.fixtures import corpus_truth as truth  # noqa: E402

TARGET = 99.5


@dataclass
class Score:
    cells: int = 0
    exact: int = 0
    filled: int = 0  # non-blank expected cells
    filled_exact: int = 0

    def add(self, other: Score) -> None:
        self.cells += other.cells
        self.exact += other.exact
        self.filled += other.filled
        self.filled_exact += other.filled_exact

    @staticmethod
    def percent(part: int, whole: int) -> str:
        return f"{100 * part / whole:.2f}" if whole else "—"


def _squash(text: str) -> str:
    return "".join(text.split())


def _keyed(rows: Iterable[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """(code, label) made unique by their occurrence: the second 30102 津贴补贴 is (…, 1)."""
    seen: Counter[tuple[str, str]] = Counter()
    keys = []
    for code, label in rows:
        keys.append((code, label, seen[(code, label)]))
        seen[(code, label)] += 1
    return keys


def _amount(printed: str) -> Decimal | None:
    return Decimal(printed.replace(",", "")) if printed else None


def score_block(expected: truth.Block, block: Block | None) -> Score:
    score = Score()
    read_rows = {}
    if block is not None:
        keys = _keyed((row.code or "", _squash(row.label)) for row in block.rows)
        read_rows = dict(zip(keys, block.rows, strict=True))
    for key, row in zip(_keyed((r[0], _squash(r[1])) for r in expected), expected, strict=True):
        got = read_rows.get(key)
        for column, printed in enumerate(row[2:]):
            score.cells += 1
            score.filled += printed != ""
            if got is None or column >= len(got.cells):
                continue
            cell = got.cells[column]
            value = cell.amount.value if cell.amount is not None else None
            if cell.text == printed and value == _amount(printed):
                score.exact += 1
                score.filled_exact += printed != ""
    return score


def score_document(doc_truth: truth.DocTruth, doc: Document) -> dict[str, Score]:
    scores = {}
    for kind, blocks in doc_truth.rows.items():
        table = doc.table(kind)
        score = Score()
        for index, expected in enumerate(blocks):
            block = table.blocks[index] if table is not None and index < len(table.blocks) else None
            score.add(score_block(expected, block))
        scores[kind] = score
    return scores


def load(doc_truth: truth.DocTruth) -> Document:
    paths = [DOCS / name for name in doc_truth.files]
    return read(paths[0]) if len(paths) == 1 else read_together(paths)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per table")
    args = parser.parse_args(argv)

    total = Score()
    header = f"{'document':<52} {'cells':>6} {'exact':>6} {'%':>7}   {'non-blank':>9} {'exact':>6} {'%':>7}"
    print(header)
    print("-" * len(header))
    started = time.perf_counter()
    for doc_truth in truth.DOCUMENTS:
        scores = score_document(doc_truth, load(doc_truth))
        doc_score = Score()
        for score in scores.values():
            doc_score.add(score)
        total.add(doc_score)
        name = doc_truth.key + (" (--together)" if len(doc_truth.files) > 1 else "")
        print(_line(name, doc_score))
        if args.verbose:
            for kind, score in scores.items():
                print(_line(f"    {kind}", score))
    print("-" * len(header))
    print(_line("total", total))
    print(f"\n({len(truth.DOCUMENTS)} documents read in {time.perf_counter() - started:.1f} s)")
    met = total.cells and 100 * total.exact / total.cells >= TARGET
    print(f"Target: at least {TARGET} % of cells exact — {'met' if met else 'NOT met'}.")
    return 0


def _line(name: str, score: Score) -> str:
    return (
        f"{name:<52} {score.cells:>6} {score.exact:>6} {Score.percent(score.exact, score.cells):>7}"
        f"   {score.filled:>9} {score.filled_exact:>6} {Score.percent(score.filled_exact, score.filled):>7}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
