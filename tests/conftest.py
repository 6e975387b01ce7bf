"""Shared helpers: build a small disclosure from inline text and audit it (beancount load_doc style)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from yusuan.check import check
from yusuan.check.report import Report
from yusuan.model.document import Document
from yusuan.read.recognize import recognize
from yusuan.read.text import blocks

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
