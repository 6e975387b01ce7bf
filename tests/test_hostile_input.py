"""Hostile input: whatever file is given, the user gets a Chinese message and exit status 2.

Every case runs the command line in-process (``main([...])``) and checks the contract from
``yusuan.cli``: exit status 2 for a file that cannot be read, a non-empty Chinese message on
stderr naming the file, never a traceback, and nothing on stdout. One subprocess test runs
``python -m yusuan check`` over all of them to prove no traceback reaches a real terminal.
Readable-but-odd input (a truncated disclosure, a UTF-8 BOM, a GBK file read with
``--encoding gb18030``) must be audited like any other document.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from yusuan.cli import main

from .refusal import CHINESE, assert_refused, run_cli

REFERENCE = Path(__file__).resolve().parents[1] / "samples" / "anhui-yongqiao-government-office-2023-budget.txt"
COMMANDS = ("read", "check")

NOVEL = (
    "那是一个雨夜，老张撑着油纸伞走过长街。街角的灯火昏黄，照见他鬓边新添的白发。\n"
    "他想起三十年前的那个春天，母亲站在村口的老槐树下，一遍又一遍地望着远处的山路，\n"
    "等他回家。风从河面上吹过来，带着泥土和青草的气味，他忽然觉得自己又成了那个少年。\n"
)


# --- the hostile files -------------------------------------------------------------------


def _empty(d: Path) -> Path:
    path = d / "empty.txt"
    path.write_bytes(b"")
    return path


def _whitespace(d: Path) -> Path:
    path = d / "blank.txt"
    path.write_text("  \n\t\n\u3000\u3000\n\r\n   ", encoding="utf-8")
    return path


def _binary(d: Path) -> Path:
    path = d / "random.txt"
    rng = random.Random(20230201)
    data = bytearray(rng.randbytes(8192))
    data[10:14] = b"\x00\x00\x00\x00"  # make sure there are NULs near the start
    path.write_bytes(bytes(data))
    return path


def _png(d: Path) -> Path:
    path = d / "picture.txt"
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
    path.write_bytes(header + random.Random(7).randbytes(2048))
    return path


def _novel(d: Path) -> Path:
    path = d / "novel.txt"
    path.write_text(NOVEL, encoding="utf-8")
    return path


def _gbk(d: Path) -> Path:
    path = d / "gbk" / REFERENCE.name
    path.parent.mkdir()
    path.write_bytes(REFERENCE.read_text(encoding="utf-8").encode("gbk"))
    return path


def _missing(d: Path) -> Path:
    return d / "does-not-exist.txt"


def _directory(d: Path) -> Path:
    path = d / "folder.txt"
    path.mkdir()
    return path


def _huge(d: Path) -> Path:
    path = d / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: nothing is written to disk
    return path


def _pdf(d: Path) -> Path:
    path = d / "budget.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + random.Random(3).randbytes(1024))
    return path


UNREADABLE: dict[str, Callable[[Path], Path]] = {
    "empty": _empty,
    "whitespace": _whitespace,
    "binary": _binary,
    "png-named-txt": _png,
    "novel": _novel,
    "gbk": _gbk,
    "missing": _missing,
    "directory": _directory,
    "200mb": _huge,
    "pdf": _pdf,
}


def _copy(text: str, directory: Path, *, bom: bool = False) -> Path:
    directory.mkdir()
    path = directory / REFERENCE.name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def _findings(out: str) -> list[tuple[str, str]]:
    """(code, location) of every finding in ``check --format json`` output, order kept."""
    data = json.loads(out)
    return [(f["code"], json.dumps(f["where"], ensure_ascii=False, sort_keys=True)) for f in data["findings"]]


# --- every unreadable input: exit 2, Chinese message naming the file, nothing on stdout ----


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_input_is_refused(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = UNREADABLE[case](tmp_path)
    status, out, err = run_cli(capsys, command, path)
    assert_refused(status, out, err, path)


@pytest.mark.parametrize("command", COMMANDS)
def test_unreadable_input_json_format_prints_nothing(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _binary(tmp_path)
    status, out, err = run_cli(capsys, command, path, "--format", "json")
    assert_refused(status, out, err, path)


# --- the messages say what is wrong -------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("empty", "为空"),
        ("whitespace", "为空"),
        ("binary", "二进制"),
        ("png-named-txt", "二进制"),
        ("novel", "不是预算公开文件"),
        ("missing", "不存在"),
        ("directory", "文件夹"),
        ("200mb", "过大"),
        ("pdf", "已损坏"),  # a PDF header followed by junk: corrupt, not a readable PDF
    ],
)
def test_message_says_why(case: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = UNREADABLE[case](tmp_path)
    _, _, err = run_cli(capsys, "check", path)
    assert words in err


def test_gbk_file_is_refused_with_advice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _gbk(tmp_path)
    status, out, err = run_cli(capsys, "check", path)
    assert_refused(status, out, err, path)
    assert "--encoding gb18030" in err


def test_gbk_file_read_with_encoding_gives_same_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gbk = _gbk(tmp_path)
    status_gbk, out_gbk, err_gbk = run_cli(capsys, "check", gbk, "--encoding", "gb18030", "--format", "json")
    status_utf8, out_utf8, _ = run_cli(capsys, "check", REFERENCE, "--format", "json")
    assert err_gbk == ""
    assert status_gbk == status_utf8
    assert _findings(out_gbk) == _findings(out_utf8)
    assert _findings(out_gbk), "the reference document should produce findings"


def test_unknown_encoding_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run_cli(capsys, "check", REFERENCE, "--encoding", "no-such-codec")
    assert_refused(status, out, err, REFERENCE)


# --- memory stays bounded on a 200 MB file ------------------------------------------------


def test_huge_file_is_refused_without_reading_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _huge(tmp_path)
    assert path.stat().st_size == 200 * 1024 * 1024
    tracemalloc.start()
    try:
        status = main(["check", str(path)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    out, err = capsys.readouterr()
    assert_refused(status, out, err, path)
    assert peak < 50 * 1024 * 1024, f"peak traced memory {peak / 1024 / 1024:.1f} MB"
    assert peak < 5 * 1024 * 1024, f"the file seems to have been read: peak {peak / 1024 / 1024:.1f} MB"


# --- readable but odd ---------------------------------------------------------------------


def test_truncated_disclosure_is_audited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = REFERENCE.read_text(encoding="utf-8").splitlines(keepends=True)
    path = _copy("".join(lines[: len(lines) * 3 // 10]), tmp_path / "truncated")
    status, out, err = run_cli(capsys, "check", path, "--format", "json")
    assert status in (0, 1)
    assert "Traceback" not in err
    codes = {code for code, _ in _findings(out)}
    assert codes, "a truncated disclosure should produce findings"
    assert any(code.startswith("complete") for code in codes), f"missing tables not reported: {sorted(codes)}"

    status_text, out_text, err_text = run_cli(capsys, "check", path)
    assert status_text == status
    assert "Traceback" not in err_text
    assert path.name in out_text
    assert "个错误" in out_text


def test_utf8_bom_reads_the_same(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    plain = _copy(text, tmp_path / "plain")
    bom = _copy(text, tmp_path / "bom", bom=True)
    for command in COMMANDS:
        status_plain, out_plain, err_plain = run_cli(capsys, command, plain, "--format", "json")
        status_bom, out_bom, err_bom = run_cli(capsys, command, bom, "--format", "json")
        assert (status_bom, err_bom) == (status_plain, err_plain) == (status_plain, "")
        assert out_bom == out_plain
        assert "\ufeff" not in out_bom


# --- one bad file among good ones ---------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_good_and_bad_file(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _binary(tmp_path)
    status, out, err = run_cli(capsys, command, REFERENCE, bad)
    assert status == 2
    assert "Traceback" not in err
    assert str(bad) in err and CHINESE.search(err)
    assert str(REFERENCE) not in err
    assert bad.name not in out
    alone_status, alone_out, _ = run_cli(capsys, command, REFERENCE)
    assert alone_status in (0, 1)
    assert out == alone_out, "the good file's report should be printed as if it were alone"


def test_good_and_bad_file_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _missing(tmp_path)
    status, out, err = run_cli(capsys, "check", bad, REFERENCE, "--format", "json")
    assert status == 2
    assert str(bad) in err
    _, alone_out, _ = run_cli(capsys, "check", REFERENCE, "--format", "json")
    assert _findings(out) == _findings(alone_out)


# --- a real process: no traceback reaches the user ----------------------------------------


def test_subprocess_no_traceback(tmp_path: Path) -> None:
    paths = [make(tmp_path) for make in UNREADABLE.values()]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "yusuan", "check", *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    messages = result.stderr.splitlines()
    for path in paths:
        assert any(str(path) in m and CHINESE.search(m) for m in messages), f"no message for {path.name}"
    assert result.stdout == "", f"stdout should be empty, got {result.stdout!r}"
