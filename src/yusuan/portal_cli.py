"""The portal's commands: ``yusuan ingest``, ``yusuan serve``, ``yusuan render`` and ``yusuan user add``.

Kept apart from ``cli.py`` so that reading and checking never import the store or the web stack.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 2
ROLES = ("admin", "reviewer", "staff")


def add_parsers(commands: Any) -> None:
    database = argparse.ArgumentParser(add_help=False)
    database.add_argument(
        "--database", metavar="URL", help="数据库地址（默认 $YUSUAN_DATABASE_URL，或 var/yusuan.sqlite3）"
    )

    ingest = commands.add_parser(
        "ingest", parents=[database], help="读取、审核并存入数据库 (read, audit and store documents)"
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="文件或文件夹（并行处理）")
    ingest.add_argument("--region", help="地区（默认由部门名称推断，如 上海市普陀区）")
    ingest.add_argument("--year", type=int, help="年度（文件中没有写明时）")
    ingest.add_argument("--together", action="store_true", help="把给出的几个文件当作同一份公开文件")
    ingest.add_argument("--encoding", help="文本文件的编码，如 gb18030")

    serve = commands.add_parser("serve", parents=[database], help="启动门户网站 (start the portal)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="服务进程数（默认 1；多核机器上可设为核数）")

    commands.add_parser(
        "render",
        parents=[database],
        help="为缺少当前页面的版本生成部门年度页（升级 yusuan 后运行，首次打开也快）(render stored pages)",
    )

    user = commands.add_parser("user", parents=[database], help="管理门户账号 (portal accounts)")
    actions = user.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", parents=[database], help="添加账号")
    add.add_argument("username")
    add.add_argument("--role", choices=ROLES, required=True, help="admin 管理员 / reviewer 审核人 / staff 部门填报人")
    add.add_argument("--region", help="审核人负责的地区")
    add.add_argument("--department", help="填报人所属部门（名称）")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（否则交互输入）")


def run(args: argparse.Namespace) -> int:
    from yusuan.errors import StoreUnavailable
    from yusuan.store.db import Store

    try:
        store = Store(args.database)
    except StoreUnavailable as exc:
        print(f"yusuan: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        if args.command == "ingest":
            return _ingest(store, args)
        if args.command == "serve":
            return _serve(store, args)
        if args.command == "render":
            from yusuan.web.part import prerender

            print(f"已为 {prerender(store)} 个版本生成部门年度页。")
            return EXIT_OK
        return _user(store, args)
    finally:
        store.close()


def _ingest(store: Any, args: argparse.Namespace) -> int:
    from yusuan.batch import Job, expand, name, run
    from yusuan.errors import NotPlaceable
    from yusuan.store.ingest import read_original, store_document
    from yusuan.web.part import prerender

    files = expand(list(args.paths))
    sources: list[Path | tuple[Path, ...]] = [tuple(files)] if args.together and len(files) > 1 else list(files)
    jobs = [Job(source, args.encoding, audit=True, keep=True) for source in sources]
    failed: list[tuple[str, str]] = []
    added = unchanged = 0
    for outcome in run(jobs):
        label = name(outcome.source)
        if outcome.document is None or outcome.report is None:
            failed.append((label, outcome.error or "无法读取"))
            continue
        try:
            original, filename = read_original(outcome.source)
            stored = store_document(
                store, outcome.document, outcome.report, original, filename, region=args.region, year=args.year
            )
        except (NotPlaceable, OSError) as exc:
            failed.append((label, str(exc)))
            continue
        where = stored.placement
        if stored.new:
            prerender(store, [stored.revision_id])  # its page's first view needs no rendering
            added += 1
            state = f"第 {stored.number} 版"
        else:
            unchanged += 1
            state = f"与第 {stored.number} 版相同，未重复存入"
        print(f"{label}：{where.region} {where.department} {where.year}年{where.kind}，{state}")
    print(f"新存入 {added} 份，未变化 {unchanged} 份，失败 {len(failed)} 份。")
    for label, reason in failed:
        print(f"  失败：{label}：{reason}", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _serve(store: Any, args: argparse.Namespace) -> int:
    import uvicorn

    from yusuan.store.db import safe_url
    from yusuan.web.app import create_app

    print(f"门户网站：http://{args.host}:{args.port}/  （数据库 {safe_url(store.url)}）")
    if args.workers > 1:  # each process opens the store itself, from the environment
        os.environ["YUSUAN_DATABASE_URL"] = store.url
        uvicorn.run(
            "yusuan.web.app:app_from_environment",
            factory=True,
            workers=args.workers,
            host=args.host,
            port=args.port,
            log_level="warning",
        )
    else:
        uvicorn.run(create_app(store, serving=True), host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _user(store: Any, args: argparse.Namespace) -> int:
    from yusuan.store.accounts import AccountError, add_account

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif os.environ.get("YUSUAN_PASSWORD"):
        password = os.environ["YUSUAN_PASSWORD"]
    else:
        password = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != password:
            print("yusuan: 两次输入的密码不一致。", file=sys.stderr)
            return EXIT_FAILED
    try:
        add_account(store, args.username, password, args.role, region=args.region, department=args.department)
    except AccountError as exc:
        print(f"yusuan: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"已添加账号 {args.username}（{args.role}）。")
    return EXIT_OK
