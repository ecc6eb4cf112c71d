"""``cskexam db check|restore|copy``: the library's health, its daily backups, moving it.

Each sub-command is one ``add_parser`` in ``register`` with its own ``run_*``
function; a new one (e.g. copying a library between databases) is added the
same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from cskexam.commands import Subparsers

ORDER = 90


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "db", help="资料库：完整性检查、从自动备份恢复、复制到另一个数据库",
        description="检查资料库文件是否完好，或从自动备份恢复。cskexam 每天第一次打开资料库时自动备份一次"
                    "（SQLite 在线备份），保存在资料库旁的 backups 目录中，保留最近 7 天；升级数据库结构和恢复之前也先另存一份。"
                    "PostgreSQL 资料库由数据库服务器负责备份（如 pg_dump），也可用 db copy 复制成一个 SQLite 文件。",
    )
    actions = p.add_subparsers(dest="db_command", metavar="操作", required=True)

    check = actions.add_parser(
        "check", help="检查资料库是否完好",
        description="用 SQLite 的完整性检查（integrity_check）检查资料库文件，并核对 cskexam 需要的数据表；"
                    "同时列出自动备份。完好时退出码为 0，有问题时为 2。",
    )
    _db_option(check)
    check.set_defaults(func=run_check)

    restore = actions.add_parser(
        "restore", help="从自动备份恢复（不带日期则列出备份）",
        description="用某一天的自动备份替换资料库的内容。不带日期时只列出现有备份，不做任何改动。"
                    "恢复前，当前内容先另存到 backups 目录（已损坏无法复制时，原文件改名保留）。",
    )
    restore.add_argument("date", nargs="?", metavar="日期", type=_date,
                         help="备份的日期，如 2026-12-07；latest 表示最近的一份")
    _db_option(restore)
    restore.set_defaults(func=run_restore)

    copy = actions.add_parser(
        "copy", help="把整个资料库复制到另一个数据库（SQLite ↔ PostgreSQL）",
        description="复制笔记、题库、所有考生档案及其复习、练习、错题本和考试记录。目标必须是新的（空的）数据库，"
                    "会自动建表；复制在一个事务中完成，失败时目标保持原样。搜索索引在目标中重新建立。"
                    "例：cskexam db copy sqlite:////home/me/cskexam.sqlite3 postgresql+psycopg://postgres@127.0.0.1/csk",
    )
    copy.add_argument("source", metavar="SRC_URL", help="源数据库 SQLAlchemy URL")
    copy.add_argument("target", metavar="DST_URL", help="目标数据库 SQLAlchemy URL（新的、空的）")
    copy.set_defaults(func=run_copy)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")


def _date(text: str) -> dt.date | str:
    if text.strip().lower() in ("latest", "最近", "最新"):
        return "latest"
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 2026-12-07 或 latest，而不是 {text!r}") from None


def _url(args: argparse.Namespace) -> str:
    from cskexam.paths import database_url

    return database_url(getattr(args, "db", None))


def run_copy(args: argparse.Namespace) -> int:
    from cskexam.services.library_copy import copy_library

    started: list[bool] = []

    def progress(table: str, rows: int) -> None:
        if not started:
            started.append(True)
            print("正在复制…", flush=True)
        print(f"  {table}: {rows} 行", flush=True)

    result = copy_library(args.source, args.target, progress)
    print(f"已复制 {result.total} 行：{result.source} → {result.target}")
    if result.search_rebuilt:
        print("搜索索引已在目标中重新建立。")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from cskexam.services.backup import check_library

    report = check_library(_url(args))
    if report.ok:
        print(f"✓ 资料库完好：{report.path}")
        print("  SQLite 完整性检查通过，cskexam 需要的数据表都在。")
    else:
        print(f"✗ 资料库有问题：{report.path}", file=sys.stderr)
        if report.problems:
            print(f"  SQLite 完整性检查发现 {len(report.problems)} 处损坏（文件中的部分数据页已被破坏）。"
                  "原文如下:", file=sys.stderr)
            for line in report.problems[:10]:
                print(f"    {line}", file=sys.stderr)
        for line in report.schema:
            print(f"  {line}", file=sys.stderr)
        if report.missing_tables:
            print(f"  缺少数据表: {'、'.join(report.missing_tables)}（可能被其他程序删除）", file=sys.stderr)
    _print_backups(report.backups, sys.stdout if report.ok else sys.stderr)
    if not report.ok:
        if report.backups:
            print(f"建议: cskexam db restore {report.backups[0].day.isoformat()}  "
                  "（恢复前会先另存当前文件）", file=sys.stderr)
        return 2
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from cskexam.services.backup import list_library_backups, restore_library

    url = _url(args)
    if args.date is None:
        backups = list_library_backups(url)
        if not backups:
            print("还没有自动备份（每天第一次打开资料库时自动备份一次）")
            return 0
        _print_backups(backups, sys.stdout)
        print("恢复: cskexam db restore 日期（例如 cskexam db restore " + backups[0].day.isoformat() + "）")
        return 0
    day = None if args.date == "latest" else args.date
    result = restore_library(url, day)
    print(f"已从 {result.restored.day.isoformat()} 的备份恢复: {result.path}")
    if result.saved_as is not None:
        print(f"恢复前的内容已另存为: {result.saved_as}")
    for moved in result.moved_aside:
        print(f"已损坏的原文件改名保留为: {moved}")
    return 0


def _print_backups(backups, stream) -> None:
    if not backups:
        print("自动备份: 还没有", file=stream)
        return
    print(f"自动备份（{len(backups)} 份，最新在前）:", file=stream)
    for b in backups:
        print(f"  {b.day.isoformat()}  {b.size / 1024:,.0f} KB  {b.path}", file=stream)
