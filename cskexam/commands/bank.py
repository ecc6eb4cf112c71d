"""``cskexam bank check|import``: validate the question bank, import 刷题 files."""

from __future__ import annotations

import argparse
import sys

from cskexam.commands import Subparsers

ORDER = 41


def register(sub: Subparsers) -> None:
    p = sub.add_parser("bank", help="题库：检查 YAML 题库、导入 xlsx/csv 刷题文件",
                       description="检查题库文件，或把常见刷题模板（xlsx/csv）导入资料库。")
    actions = p.add_subparsers(dest="bank_command", metavar="操作", required=True)

    check = actions.add_parser(
        "check", help="检查题库文件（默认：内置题库）",
        description="按题库格式检查 YAML 题库文件，并核对每题的知识点在笔记的知识图谱中存在。"
                    "列出全部问题（文件:行号: 说明）；有问题时退出码为 2。不写数据库。",
    )
    check.add_argument("paths", nargs="*", metavar="路径", help="题库文件或目录（默认：内置题库）")
    check.add_argument("--notes", action="append", metavar="路径",
                       help="用这些笔记（文件或目录）核对知识点（默认：内置笔记）")
    check.set_defaults(func=run_check)

    imp = actions.add_parser(
        "import", help="导入刷题文件（xlsx/csv 模板或 YAML 题库）",
        description="导入常见刷题模板：首行为列名 题型、题干、A–F（或 选项A–F）、答案、解析、章节。"
                    "先检查全部题目，任何一题有问题都不导入（一个事务）。重复导入同一文件不会产生重复题目。",
    )
    imp.add_argument("file", metavar="文件", help=".xlsx、.csv 或 .yaml 文件")
    imp.add_argument("--allow-unlinked", action="store_true",
                     help="章节在笔记中找不到时仍然导入（题目不关联知识点）")
    imp.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    imp.set_defaults(func=run_import)


def run_check(args: argparse.Namespace) -> int:
    from cskexam.services.notes import load_graph
    from cskexam.services.questions import check_bank

    graph = load_graph(args.notes or None)
    results = check_bank(args.paths or None, graph)
    if not results:
        print("没有找到题库文件", file=sys.stderr)
        return 2
    problems = [p for r in results for p in r.problems]
    for r in results:
        if not r.problems:
            print(f"✓ {r.file}: {len(r.questions)} 题")
    from cskexam.errors import listed_problems

    for line in listed_problems([str(p) for p in problems]):
        print(line, file=sys.stderr)
    total = sum(len(r.questions) for r in results)
    if problems:
        bad = sum(1 for r in results if r.problems)
        print(f"错误: {bad} 个文件共 {len(problems):,} 个问题（有问题的文件不会导入）", file=sys.stderr)
        return 2
    print(f"全部通过：{len(results)} 个文件，{total} 题")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from cskexam.services.library import open_library
    from cskexam.services.questions import check_before_creating, import_question_file, read_question_file

    # The file is read, parsed and (for a library not created yet) checked against the
    # bundled notes first: a missing, broken or refused file leaves no library behind.
    loaded = read_question_file(args.file)
    db_url = getattr(args, "db", None)
    prepared = check_before_creating(loaded, db_url, allow_unlinked=args.allow_unlinked)
    with open_library(db_url) as library:
        library.ensure_imported(prepared=prepared)
        res = import_question_file(library, loaded, allow_unlinked=args.allow_unlinked)
    print(f"已导入 {res.file}: {res.rows} 题（新增 {res.added}，更新 {res.updated}）")
    return 0
