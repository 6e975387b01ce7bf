"""What every hostile-input test expects of a refused file: exit 2, one Chinese message naming it, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yusuan.cli import main

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """``yusuan *argv`` in this process: exit status, stdout, stderr."""
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def assert_refused(status: int, out: str, err: str, path: Path) -> None:
    assert status == 2, f"exit status {status} for {path.name}; stderr: {err!r}"
    assert "Traceback" not in err
    assert err.strip(), "no message on stderr"
    assert CHINESE.search(err), f"message is not in Chinese: {err!r}"
    assert str(path) in err, f"message does not name the file: {err!r}"
    assert out == "", f"stdout should be empty for an unreadable file, got {out!r}"
