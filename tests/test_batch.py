"""Folders and several files: read and checked in parallel, in order, one bad file never stops the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from yusuan.batch import Job, expand, run
from yusuan.cli import main

from .conftest import REFERENCE


def test_folder_is_expanded_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for target in (tmp_path / "b" / "2.txt", tmp_path / "1.txt", tmp_path / "notes.bin", tmp_path / ".hidden.txt"):
        target.write_text("x", encoding="utf-8")
    assert expand([tmp_path]) == [tmp_path / "1.txt", tmp_path / "b" / "2.txt"]


def test_parallel_results_match_sequential_and_keep_order(tmp_path: Path) -> None:
    paths = []
    for n in range(3):
        path = tmp_path / f"copy{n}.txt"
        shutil.copy(REFERENCE, path)
        paths.append(path)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    jobs = [Job(paths[0]), Job(bad), Job(paths[1]), Job(paths[2])]
    parallel = list(run(jobs, workers=2))
    sequential = list(run(jobs, workers=1))
    assert [o.source for o in parallel] == [j.source for j in jobs]
    assert [o.error is not None for o in parallel] == [False, True, False, False]
    assert parallel[1].error == sequential[1].error and "为空" in (parallel[1].error or "")
    flat = [o.report.flatten("code", "line") for o in parallel if o.report]
    assert flat == [o.report.flatten("code", "line") for o in sequential if o.report]
    assert len(flat) == 3 and flat[0] == flat[1] == flat[2]


def test_cli_on_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(REFERENCE, tmp_path / "a.txt")
    shutil.copy(REFERENCE, tmp_path / "b.txt")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary")
    status = main(["check", str(tmp_path), "--format", "json"])
    out, err = capsys.readouterr()
    documents = json.loads(out)["documents"]
    assert status == 2  # one file could not be read; the other two were still audited
    assert [d["summary"]["file"] for d in documents] == ["a.txt", "b.txt"]
    assert all(d["summary"]["errors"] == 4 for d in documents)
    assert "c.txt" in err and "二进制" in err
