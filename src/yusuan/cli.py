"""The command line: ``yusuan read FILE…`` and ``yusuan check FILE…``.

``main(argv) -> int`` never raises on bad input: a file that cannot be read gets a clear
message on stderr and exit status 2; ``check`` exits 1 when any error finding is made.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from yusuan import __version__, portal_cli
from yusuan.batch import Job, Outcome, expand, name, rules_with, run
from yusuan.catalogs import layouts
from yusuan.check.render import report_text, reports_json
from yusuan.check.report import Report
from yusuan.model.codes import CodeSystem
from yusuan.model.document import Document
from yusuan.model.serialize import to_data

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yusuan",
        description="读取并审核部门预算/决算公开文件 (read and audit budget disclosures)",
    )
    parser.add_argument("--version", action="version", version=f"yusuan {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    reader = commands.add_parser("read", help="读取公开文件，输出结构化数据 (read into structured data)")
    reader.add_argument("files", nargs="+", type=Path, metavar="FILE", help="文件或文件夹")
    reader.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 (default: text)")
    reader.add_argument("--encoding", help="文件编码，如 gb18030（默认要求 UTF-8）")
    reader.add_argument("--together", action="store_true", help="把给出的几个文件当作同一份公开文件")

    checker = commands.add_parser("check", help="审核公开文件，列出问题 (audit and list findings)")
    checker.add_argument("files", nargs="+", type=Path, metavar="FILE", help="文件或文件夹（多个文件并行处理）")
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
    template = commands.add_parser("template", help="写出空白的预算数据填报表 (a blank input workbook)")
    template.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")

    validate = commands.add_parser("validate", help="检查预算数据填报表 (check a budget input: .xlsx/.json/.yaml)")
    validate.add_argument("file", type=Path, metavar="FILE")

    build = commands.add_parser("build", help="由预算数据生成公开文件 (generate the disclosure from budget input)")
    build.add_argument("file", type=Path, metavar="FILE", help="预算数据（.xlsx / .json / .yaml）")
    build.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="输出文件夹")
    build.add_argument("--format", default="docx,html,xlsx,json", help="docx,pdf,html,xlsx,json 中的若干种，逗号分隔")
    build.add_argument(
        "--layout",
        default=None,
        choices=sorted(layouts()),
        help="表套（默认取预算数据中的“公开格式”，未填为 anhui-11）",
    )
    portal_cli.add_parsers(commands)
    return parser


def _jobs(args: argparse.Namespace, audit: bool) -> list[Job]:
    """Each file (folders expanded) alone, or all of them as one document with --together."""
    files = expand(list(args.files))
    catalogs = tuple(
        (system.value, str(path))
        for option, system in (("functional_catalog", CodeSystem.FUNCTIONAL), ("economic_catalog", CodeSystem.ECONOMIC))
        if (path := getattr(args, option, None)) is not None
    )
    if args.together and len(files) > 1:
        return [Job(tuple(files), args.encoding, audit, catalogs)]
    return [Job(path, args.encoding, audit, catalogs) for path in files]


def _unreadable(outcome: Outcome) -> None:
    print(f"yusuan: {name(outcome.source)}: {outcome.error}", file=sys.stderr)


def _read_command(args: argparse.Namespace) -> int:
    status = EXIT_OK
    documents = []
    for outcome in run(_jobs(args, audit=False)):
        if outcome.document is None:
            _unreadable(outcome)
            status = EXIT_UNREADABLE
            continue
        documents.append(outcome.document)
        if args.format == "text":
            print(describe(outcome.document))
    if args.format == "json" and documents:
        payload = to_data(documents[0]) if len(documents) == 1 else {"documents": to_data(documents)}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    return status


def _check_command(args: argparse.Namespace) -> int:
    jobs = _jobs(args, audit=True)
    try:
        for job in jobs[:1]:
            rules_with(job.catalogs)  # a bad catalog file is refused once, before any work
    except (OSError, KeyError, UnicodeDecodeError, ValueError) as exc:
        print(f"yusuan: 无法读取科目表：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    reports: list[Report] = []
    unreadable = False
    for outcome in run(jobs):
        if outcome.report is None:
            _unreadable(outcome)
            unreadable = True
            continue
        reports.append(outcome.report)
    if args.format == "json":
        if reports:
            print(reports_json(reports, args.lang))
    elif reports:
        print("\n\n".join(report_text(r, args.lang) for r in reports))
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_FINDINGS if any(r.has_errors for r in reports) else EXIT_OK


def _template_command(args: argparse.Namespace) -> int:
    from yusuan.build.template import write_template

    if args.output.exists():
        print(f"yusuan: {args.output} 已存在，不覆盖。", file=sys.stderr)
        return EXIT_UNREADABLE
    write_template(args.output)
    print(f"已写出空白填报表：{args.output}")
    return EXIT_OK


def _validate_command(args: argparse.Namespace) -> int:
    from yusuan.build.load import load
    from yusuan.build.problems import Level
    from yusuan.errors import UnreadableInput

    try:
        _budget, problems = load(args.file)
    except UnreadableInput as exc:
        print(f"yusuan: {args.file}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    labels = {Level.ERROR: "错误", Level.WARNING: "警告"}
    for problem in problems:
        print(f"  [{labels[problem.level]}] {problem.message()}")
    errors = sum(p.level == Level.ERROR for p in problems)
    print(f"共 {errors} 个错误，{len(problems) - errors} 个警告。")
    return EXIT_FINDINGS if errors else EXIT_OK


_FORMATS = ("docx", "pdf", "html", "xlsx", "json")


def _build_command(args: argparse.Namespace) -> int:
    """Load and validate the input; on any error write nothing, else every format asked for."""
    import importlib
    import tempfile

    from yusuan.build.layouts import derive
    from yusuan.build.load import load
    from yusuan.build.problems import Level
    from yusuan.check import check
    from yusuan.errors import UnreadableInput

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in _FORMATS]
    if unknown or not formats:
        print(f"yusuan: 不支持的格式：{'、'.join(unknown) or '（空）'}；可选 {','.join(_FORMATS)}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        budget, problems = load(args.file, args.layout)
    except UnreadableInput as exc:
        print(f"yusuan: {args.file}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    errors = [p for p in problems if p.level == Level.ERROR]
    for problem in problems:
        print(f"  [{'错误' if problem.level == Level.ERROR else '警告'}] {problem.message()}")
    if errors:
        print(f"有 {len(errors)} 个错误，未生成文件。")
        return EXIT_FINDINGS
    document = derive(budget, args.layout)
    report = check(document)
    if report.has_errors:  # the input does not add up in a way validation let through: publish nothing
        print(report_text(report))
        print("由这份数据生成的文件没有通过审核（见上），未写出任何文件。")
        return EXIT_FINDINGS
    stem = f"{budget.profile.name}-{budget.profile.year}"
    args.output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.output) as scratch:
        written = []
        for fmt in formats:  # all written first, then moved: an error leaves nothing half-done
            module = importlib.import_module(f"yusuan.write.{fmt}")
            written.append(module.write(document, Path(scratch) / f"{stem}.{fmt}"))
        for path in written:
            path.replace(args.output / path.name)
            print(f"已生成：{args.output / path.name}")
    print(report_text(report) if report.findings else "生成的文件通过了自身的审核：没有错误、警告或提示。")
    return EXIT_OK


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
        if args.command == "template":
            return _template_command(args)
        if args.command == "validate":
            return _validate_command(args)
        if args.command == "build":
            return _build_command(args)
        if args.command in ("ingest", "serve", "user", "render"):
            return portal_cli.run(args)
        return _check_command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug of ours: say so plainly; YUSUAN_DEBUG=1 shows the traceback
        if os.environ.get("YUSUAN_DEBUG"):
            raise
        print(f"yusuan: 内部错误（{type(exc).__name__}: {exc}）。请把文件和这条信息报告给开发者。", file=sys.stderr)
        return EXIT_INTERNAL
