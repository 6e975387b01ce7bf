"""The command line: ``yusuan read FILE…`` and ``yusuan check FILE…``.

``main(argv) -> int`` never raises on bad input: a file that cannot be read gets a clear
message on stderr and exit status 2; ``check`` exits 1 when any error finding is made.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from yusuan import __version__
from yusuan.catalogs import CodeCatalog, load_codes
from yusuan.check import RULES, Rule, check
from yusuan.check.codes import check_codes
from yusuan.check.render import report_text, reports_json
from yusuan.check.report import Report
from yusuan.errors import UnreadableInput
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Document
from yusuan.model.serialize import to_data
from yusuan.read import read, read_together

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yusuan",
        description="读取并审核部门预算/决算公开文件 (read and audit budget disclosures)",
    )
    parser.add_argument("--version", action="version", version=f"yusuan {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    reader = commands.add_parser("read", help="读取公开文件，输出结构化数据 (read into structured data)")
    reader.add_argument("files", nargs="+", type=Path, metavar="FILE")
    reader.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 (default: text)")
    reader.add_argument("--encoding", help="文件编码，如 gb18030（默认要求 UTF-8）")
    reader.add_argument("--together", action="store_true", help="把给出的几个文件当作同一份公开文件")

    checker = commands.add_parser("check", help="审核公开文件，列出问题 (audit and list findings)")
    checker.add_argument("files", nargs="+", type=Path, metavar="FILE")
    checker.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 (default: text)")
    checker.add_argument("--lang", choices=("zh", "en"), default="zh", help="提示语言 (default: zh)")
    checker.add_argument("--encoding", help="文件编码，如 gb18030（默认要求 UTF-8）")
    checker.add_argument(
        "--together", action="store_true", help="把给出的几个文件当作同一份公开文件（如正文和表格分开发布）"
    )
    checker.add_argument("--functional-catalog", type=Path, metavar="CSV", help="完整的支出功能分类科目表 (code,name)")
    checker.add_argument(
        "--economic-catalog", type=Path, metavar="CSV", help="完整的部门预算支出经济分类科目表 (code,name)"
    )
    return parser


def _load(path: Path | list[Path], encoding: str | None) -> Document | None:
    try:
        if isinstance(path, list):
            return read_together(path, encoding=encoding)
        return read(path, encoding=encoding)
    except UnreadableInput as exc:
        print(f"yusuan: {path}: {exc}", file=sys.stderr)
    except FileNotFoundError:
        print(f"yusuan: {path}: 文件不存在。", file=sys.stderr)
    except IsADirectoryError:
        print(f"yusuan: {path}: 这是一个文件夹，请给出文件。", file=sys.stderr)
    except PermissionError:
        print(f"yusuan: {path}: 没有读取权限。", file=sys.stderr)
    except OSError as exc:
        print(f"yusuan: {path}: 无法读取（{exc.strerror}）。", file=sys.stderr)
    return None


def _inputs(args: argparse.Namespace) -> list[Path | list[Path]]:
    """Each file alone, or all of them as one document with --together."""
    files: list[Path] = list(args.files)
    if args.together and len(files) > 1:
        return [files]
    return list(files)


def _rules(args: argparse.Namespace) -> Sequence[Rule]:
    catalogs: dict[CodeSystem, CodeCatalog] = {}
    for option, system in (("functional_catalog", CodeSystem.FUNCTIONAL), ("economic_catalog", CodeSystem.ECONOMIC)):
        path = getattr(args, option)
        if path is not None:
            catalogs[system] = load_codes(path, system)
    if not catalogs:
        return RULES
    return tuple(replace(r, run=partial(check_codes, catalogs=catalogs)) if r.name == "codes" else r for r in RULES)


def _read_command(args: argparse.Namespace) -> int:
    status = EXIT_OK
    documents = []
    for path in _inputs(args):
        document = _load(path, args.encoding)
        if document is None:
            status = EXIT_UNREADABLE
            continue
        documents.append(document)
        if args.format == "text":
            print(describe(document))
    if args.format == "json" and documents:
        payload = to_data(documents[0]) if len(documents) == 1 else {"documents": to_data(documents)}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    return status


def _check_command(args: argparse.Namespace) -> int:
    try:
        rules = _rules(args)
    except (OSError, KeyError, UnicodeDecodeError) as exc:
        print(f"yusuan: 无法读取科目表：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    reports: list[Report] = []
    unreadable = False
    for path in _inputs(args):
        document = _load(path, args.encoding)
        if document is None:
            unreadable = True
            continue
        reports.append(check(document, rules))
    if args.format == "json":
        if reports:
            print(reports_json(reports, args.lang))
    elif reports:
        print("\n\n".join(report_text(r, args.lang) for r in reports))
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if any(r.has_errors for r in reports) else EXIT_OK


def describe(document: Document) -> str:
    """A short Chinese overview of what was read."""
    lines = [
        f"{document.title}",
        f"  部门：{document.department or '未识别'}  年度：{document.year or '未识别'}  "
        f"类型：{document.scope.value}{document.kind.value}  表套：{document.layout or '未识别'}",
        f"  表格 {len(document.tables)} 张：",
    ]
    for table in document.tables:
        rows = sum(len(b.rows) for b in table.blocks)
        state = "空表" if table.empty else f"{rows} 行"
        lines.append(f"    {table.label} {table.title}（{table.kind or '未识别'}，{table.unit.value}，{state}）")
    lines.append(f"  说明中的金额 {len(document.statements)} 处，绩效目标表 {len(document.performance)} 张，")
    lines.append(f"  名词解释 {len(document.glossary)} 条，目录 {len(document.contents)} 条。")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "read":
            return _read_command(args)
        return _check_command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
