"""Many files at once: folders expanded, documents read and checked in parallel on all cores.

Each document is one task in a process pool (PDFium is not thread-safe; processes also use
both cores). Results come back in the order given, each either a report or the reason the file
could not be read, so one bad file never stops the batch. A progress bar is shown on a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from yusuan.catalogs import CodeCatalog, load_codes
from yusuan.check import RULES, Rule, check
from yusuan.check.codes import check_codes
from yusuan.check.report import Report
from yusuan.errors import UnreadableInput
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Document
from yusuan.read import read, read_together

SUFFIXES = frozenset({".txt", ".pdf", ".docx", ".xlsx", ".xls", ".htm", ".html"})
Source = Path | tuple[Path, ...]  # one file, or several read as one document


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a folder becomes the disclosure files inside it, sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
            )
            out.extend(found or [path])  # an empty folder stays, to be reported as such
        else:
            out.append(path)
    return out


@dataclass(frozen=True, slots=True)
class Job:
    source: Source
    encoding: str | None = None
    audit: bool = True
    catalogs: tuple[tuple[str, str], ...] = ()  # (code system, CSV path) of user catalogs
    keep: bool = False  # return the document as well as its report (for the store)


@dataclass(frozen=True, slots=True)
class Outcome:
    source: Source
    document: Document | None = None
    report: Report | None = None
    error: str | None = None


def name(source: Source) -> str:
    return " + ".join(str(p) for p in source) if isinstance(source, tuple) else str(source)


def rules_with(catalogs: tuple[tuple[str, str], ...]) -> Sequence[Rule]:
    """The rules, with the code check using the user's complete catalogs where given."""
    if not catalogs:
        return RULES
    loaded: dict[CodeSystem, CodeCatalog] = {
        CodeSystem(system): load_codes(Path(path), CodeSystem(system)) for system, path in catalogs
    }
    return tuple(replace(r, run=partial(check_codes, catalogs=loaded)) if r.name == "codes" else r for r in RULES)


def load(source: Source, encoding: str | None) -> Document:
    if isinstance(source, tuple):
        return read_together(source, encoding=encoding)
    return read(source, encoding=encoding)


def work(job: Job) -> Outcome:
    """Read (and check) one document; any reason it cannot be read becomes the outcome's error."""
    try:
        document = load(job.source, job.encoding)
        report = check(document, rules_with(job.catalogs)) if job.audit else None
        return Outcome(job.source, document if job.keep or not job.audit else None, report)
    except UnreadableInput as exc:
        return Outcome(job.source, error=str(exc))
    except FileNotFoundError:
        return Outcome(job.source, error="文件不存在。")
    except IsADirectoryError:
        return Outcome(job.source, error="文件夹中没有可读取的预算公开文件（.txt .pdf .docx .xlsx .xls .html）。")
    except PermissionError:
        return Outcome(job.source, error="没有读取权限。")
    except OSError as exc:
        return Outcome(job.source, error=f"无法读取（{exc.strerror or exc}）。")
    except (RecursionError, MemoryError) as exc:
        return Outcome(job.source, error=f"文件结构过深或过大，无法读取（{type(exc).__name__}）。")
    except Exception as exc:  # a bug of ours on this file must not stop the others
        return Outcome(job.source, error=f"内部错误（{type(exc).__name__}: {exc}），请把文件报告给开发者。")


def run(jobs: Sequence[Job], workers: int | None = None) -> Iterator[Outcome]:
    """Outcomes in the order of the jobs; in parallel when there is more than one."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        for job in jobs:
            yield work(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool, _progress(len(jobs)) as advance:
        for outcome in pool.map(work, jobs):
            advance()
            yield outcome


class _progress:
    """A rich progress bar on stderr when it is a terminal and rich is installed; else nothing."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: object | None = None

    def __enter__(self) -> Callable[[], None]:
        if not sys.stderr.isatty():
            return lambda: None
        try:
            from rich.console import Console
            from rich.progress import Progress
        except ModuleNotFoundError:
            return lambda: None
        progress = Progress(console=Console(stderr=True), transient=True)
        progress.start()
        task = progress.add_task("读取并审核", total=self.total)
        self.bar = progress
        return lambda: progress.advance(task)

    def __exit__(self, *exc: object) -> None:
        stop = getattr(self.bar, "stop", None)
        if stop is not None:
            stop()
