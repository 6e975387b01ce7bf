"""The "完整输出" blocks of docs/examples/*.md are what ``yusuan check`` prints today.

Each block follows a ``<!-- yusuan: check … -->`` line naming the command; the reports' prose
quotes these outputs, so a change to the audit that alters one must update the report too
(``scripts/examples-output --write`` rewrites the blocks; the prose is for a person to review).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yusuan.cli import main

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"<!-- yusuan: (check [^>]*?) -->\n```\n(.*?)```", re.S)
BLOCKS = [
    (md.name, match.group(1), match.group(2))
    for md in sorted((ROOT / "docs" / "examples").glob("*.md"))
    for match in BLOCK.finditer(md.read_text(encoding="utf-8"))
]


def test_every_corpus_report_has_its_output() -> None:
    """The eight corpus PDFs, each checked alone, the CPPCC pair also read together, and the reference."""
    assert len(BLOCKS) == 10
    named = {Path(arg).name for _name, command, _out in BLOCKS for arg in command.split() if arg.endswith(".pdf")}
    assert named == {p.name for p in (ROOT / "tests" / "fixtures" / "docs").glob("*.pdf")}
    commands = {command for _name, command, _out in BLOCKS}
    assert "check samples/anhui-yongqiao-government-office-2023-budget.txt" in commands


@pytest.mark.parametrize(("name", "command", "expected"), BLOCKS, ids=[f"{n}:{c.split()[-1]}" for n, c, _ in BLOCKS])
def test_report_shows_todays_output(
    name: str, command: str, expected: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    main(command.split())
    assert capsys.readouterr().out == expected, f"docs/examples/{name}: run scripts/examples-output --write"
