"""Hostile PDFs: every one gets a Chinese message and exit status 2, or is read; never a traceback.

The files are real PDFs written by ``fixtures/build_pdfs.py`` in PDF syntax (no PDF library):
a scan with no text layer, an encrypted file, a real disclosure cut short, noise behind a PDF
header, 500 and 2,001 pages, text in fonts without a Unicode map (``(cid:N)``), and pages
damaged in ways PDFium tolerates and pdfminer does not (or the other way round). Each runs
``main(["check", path])`` in-process and checks the contract of ``yusuan.cli``: exit status 2,
a Chinese message on stderr naming the file, no "Traceback", nothing on stdout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .fixtures import build_pdfs as build
from .refusal import CHINESE, assert_refused, run_cli

ROOT = Path(__file__).resolve().parents[1]
REAL_NAME = "shanghai-putuo-government-office-2025-unit-budget.pdf"
REFERENCE = ROOT / "samples" / "anhui-yongqiao-government-office-2023-budget.txt"


def _real_pdf() -> Path:
    for folder in (ROOT / "tests" / "fixtures" / "docs", Path("/work/shared/corpus")):
        if (folder / REAL_NAME).is_file():
            return folder / REAL_NAME
    pytest.skip(f"{REAL_NAME} is not in tests/fixtures/docs")


def _reference_pages(lines_per_page: int = 55, width: int = 60) -> list[list[str]]:
    """The reference disclosure's lines (tables flattened to spaced text), wrapped onto A4 pages."""
    text = REFERENCE.read_text(encoding="utf-8")
    lines: list[str] = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line or line.startswith("<"):
            continue
        lines += [line[i : i + width] for i in range(0, len(line), width)]
    return [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]


# --- (a) a scan: no text layer -------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "read"])
def test_scan_without_text_layer_needs_ocr(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.image_pdf(tmp_path / "scan.pdf", pages=2)
    status, out, err = run_cli(capsys, command, path)
    assert_refused(status, out, err, path)
    assert "OCR" in err and "文字层" in err and "共 2 页" in err


# --- (b) encryption ------------------------------------------------------------------------


def test_encrypted_pdf_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.text_pdf(tmp_path / "locked.pdf", [["Hello secret"]], user_password="secret")
    import pypdfium2 as pdfium

    with pytest.raises(pdfium.PdfiumError, match="password"):
        pdfium.PdfDocument(path)
    unlocked = pdfium.PdfDocument(path, password="secret")  # the fixture is a real encrypted file
    assert unlocked[0].get_textpage().get_text_range() == "Hello secret"
    unlocked.close()

    status, out, err = run_cli(capsys, "check", path)
    assert_refused(status, out, err, path)
    assert "加密" in err and "密码" in err


# --- (c) a download cut short --------------------------------------------------------------


def test_first_half_of_a_real_pdf_is_corrupt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With no cross-reference table and no trailer, PDFium will not open it: refused as incomplete."""
    path = build.truncated(_real_pdf(), tmp_path / "half.pdf", 0.5)
    status, out, err = run_cli(capsys, "check", path)
    assert_refused(status, out, err, path)
    assert "已损坏或不完整" in err


def test_pdf_missing_only_its_eof_marker_reads_as_whole(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The last few bytes (``%%EOF``) lost: everything is still there, so the audit is the same."""
    source = _real_pdf()
    (tmp_path / "whole").mkdir()
    (tmp_path / "cut").mkdir()
    whole = shutil.copy(source, tmp_path / "whole" / source.name)
    data = source.read_bytes()
    assert data.rstrip().endswith(b"%%EOF")
    cut = tmp_path / "cut" / source.name
    cut.write_bytes(data[: data.rstrip().rindex(b"%%EOF")])
    status_whole, out_whole, err_whole = run_cli(capsys, "check", whole, "--format", "json")
    status_cut, out_cut, err_cut = run_cli(capsys, "check", cut, "--format", "json")
    assert (status_cut, err_cut) == (status_whole, err_whole) == (status_whole, "")
    assert status_whole in (0, 1)
    assert json.loads(out_cut)["findings"] == json.loads(out_whole)["findings"]


# --- (d) noise behind a PDF header -----------------------------------------------------------


def test_random_bytes_after_pdf_header_are_corrupt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.junk_pdf(tmp_path / "noise.pdf")
    status, out, err = run_cli(capsys, "check", path)
    assert_refused(status, out, err, path)
    assert "已损坏" in err


# --- (e) many pages ----------------------------------------------------------------------------

_MEASURE = """
import resource, sys
from yusuan.cli import main
status = main(["check", sys.argv[1]])
print(f"peak-rss-kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(status)
"""


def test_500_pages_read_in_bounded_memory(tmp_path: Path) -> None:
    """500 pages of a little text each: read through (not a disclosure), peak memory far below 500 MB.

    Run in a child process that reports its own peak resident memory (``ru_maxrss``), so the
    figure is the reading alone, not the test session's.
    """
    pages = [
        [f"Chapter {n // 10 + 1}, page {n + 1} of a long report.", "Nothing here is a budget."] for n in range(500)
    ]
    path = build.text_pdf(tmp_path / "long.pdf", pages)
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    *messages, peak = result.stderr.splitlines()
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert len(messages) == 1 and messages[0].startswith(f"yusuan: {path}: ") and "不是预算公开文件" in messages[0]
    peak_mb = int(peak.split()[1]) / 1024
    assert peak_mb < 500, f"peak resident memory {peak_mb:.0f} MB"


def test_more_pages_than_the_limit_are_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.many_pages_pdf(tmp_path / "huge.pdf", 2001)
    status, out, err = run_cli(capsys, "check", path)
    assert_refused(status, out, err, path)
    assert "过大" in err and "2001 页" in err


# --- (f) text in a font without a Unicode map --------------------------------------------------


def test_undecodable_page_is_a_finding_not_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A disclosure whose page 2 is set in a font with no ToUnicode map: pdfminer gives ``(cid:N)``.

    The rest is read and audited; page 2 is reported once as undecodable and nothing on it is
    taken as a statement (PDFium guesses the text from the codes; pdfplumber, which reads, cannot).
    """
    pages = _reference_pages()
    assert len(pages) > 3
    mapped = build.cjk_pdf(tmp_path / "mapped.pdf", pages)
    garbled = build.cjk_pdf(tmp_path / "garbled.pdf", pages, unmapped=frozenset({2}))

    status, out, err = run_cli(capsys, "check", garbled, "--format", "json")
    assert status in (0, 1), err
    assert err == ""
    findings = json.loads(out)["findings"]
    undecodable = [f for f in findings if f["code"] == "read.undecodable_text"]
    assert [f["where"]["page"] for f in undecodable] == [2]
    assert int(undecodable[0]["params"]["count"]) > 100
    assert not any("(cid:" in json.dumps(f, ensure_ascii=False) for f in findings if f not in undecodable)

    _, out_mapped, _ = run_cli(capsys, "check", mapped, "--format", "json")
    assert not any(f["code"] == "read.undecodable_text" for f in json.loads(out_mapped)["findings"])


def test_wholly_undecodable_pdf_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.cjk_pdf(tmp_path / "garbled.pdf", _reference_pages(), unmapped=frozenset(range(1, 100)))
    status, out, err = run_cli(capsys, "check", path)
    assert_refused(status, out, err, path)


def test_wholly_undecodable_pdf_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = build.cjk_pdf(tmp_path / "garbled.pdf", _reference_pages(), unmapped=frozenset(range(1, 100)))
    _, _, err = run_cli(capsys, "check", path)
    assert "不是预算公开文件" not in err
    assert "Unicode" in err or "无法解码" in err or "OCR" in err


# --- damaged pages -----------------------------------------------------------------------------


@pytest.mark.parametrize("damage", build.DAMAGES)
def test_damaged_pages_are_refused_or_read(damage: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two ASCII pages, one damaged: unreadable (exit 2) either way, as corrupt or as not a disclosure."""
    path = build.damaged_pdf(tmp_path / f"{damage}.pdf", damage)
    status, out, err = run_cli(capsys, "check", path)
    assert_refused(status, out, err, path)
    assert "已损坏" in err or "不是预算公开文件" in err


def test_damaged_pdf_does_not_stop_the_batch(tmp_path: Path) -> None:
    damaged = build.damaged_pdf(tmp_path / "damaged.pdf", "missing-page")
    scan = build.image_pdf(tmp_path / "scan.pdf", pages=1)
    result = _subprocess_check(REFERENCE, damaged, scan)
    assert result.returncode == 2, result.stderr
    assert REFERENCE.name in result.stdout, "the good file's report is missing"
    for path in (damaged, scan):
        assert any(str(path) in line and CHINESE.search(line) for line in result.stderr.splitlines())


# --- a real process: no traceback, and stderr holds only yusuan's own messages ----------------


def _subprocess_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "yusuan", "check", *map(str, paths)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )


def _refusable(d: Path) -> list[Path]:
    return [
        build.image_pdf(d / "scan.pdf", pages=1),
        build.text_pdf(d / "locked.pdf", [["x"]], user_password="secret"),
        build.truncated(_real_pdf(), d / "half.pdf"),
        build.junk_pdf(d / "noise.pdf"),
        build.many_pages_pdf(d / "huge.pdf", 2001),
        build.damaged_pdf(d / "bad-stream.pdf", "bad-stream"),
    ]


def test_subprocess_no_traceback(tmp_path: Path) -> None:
    paths = _refusable(tmp_path)
    result = _subprocess_check(*paths)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    for path in paths:
        assert any(str(path) in line and CHINESE.search(line) for line in lines), f"no message for {path.name}"
    assert all(line.startswith("yusuan: ") for line in lines), result.stderr


def test_subprocess_stderr_has_only_yusuan_messages(tmp_path: Path) -> None:
    path = build.damaged_pdf(tmp_path / "bad-checksum.pdf", "bad-checksum")
    result = _subprocess_check(path)
    assert result.returncode == 2
    assert all(line.startswith("yusuan: ") for line in result.stderr.splitlines()), result.stderr
