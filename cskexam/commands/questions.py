"""``cskexam questions [--json]``: list the library's exam questions."""

from __future__ import annotations

import argparse

from cskexam.commands import Subparsers, print_json
from cskexam.core.vocab import QUESTION_TYPES

ORDER = 40

TYPES = tuple(t.value for t in QUESTION_TYPES)
SOURCES = ("generated", "bank", "import")


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "questions",
        help="列出题目（生成的、内置题库和导入的）",
        description="列出资料库中的全部题目。资料库为空时先导入内置笔记。",
    )
    p.add_argument("--json", action="store_true",
                   help='输出 JSON 列表：{"id","type","stem","options","answer","explanation","node","source"}')
    p.add_argument("--type", dest="types", action="append", choices=TYPES, metavar="题型",
                   help=f"只列出此题型（可重复）：{'、'.join(TYPES)}")
    p.add_argument("--source", dest="sources", action="append", choices=SOURCES, metavar="来源",
                   help="只列出此来源（可重复）：generated 生成、bank 内置题库、import 导入")
    p.add_argument("--lint", action="store_true",
                   help="检查题目：选项数、泄露答案（含题干与答案共用词）、重复、与图谱不符的数量、疑似漏字；有问题时退出码 1")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cskexam.services.library import open_library
    from cskexam.services.questions import list_questions

    with open_library(getattr(args, "db", None)) as library:
        library.ensure_imported()
        if args.lint:
            return _lint(library)
        questions = list_questions(library, types=args.types, sources=args.sources)
    if args.json:
        print_json([q.to_dict() for q in questions])
        return 0
    for q in questions:
        print(f"{q.id:<16} {q.type:<4} {q.stem}")
    counts: dict[str, int] = {}
    for q in questions:
        counts[q.source] = counts.get(q.source, 0) + 1
    names = {"generated": "生成", "bank": "内置题库", "import": "导入"}
    detail = "，".join(f"{names[s]} {n}" for s, n in counts.items())
    print(f"\n共 {len(questions)} 题" + (f"（{detail}）" if detail else ""))
    return 0


def _lint(library) -> int:
    from cskexam.core.question_lint import LABELS
    from cskexam.services.questions import lint_library

    found = lint_library(library)
    notes = [f for f in found if f.advisory]
    findings = [f for f in found if not f.advisory]
    if notes:
        print(f"提示（题库题，请作者复核，不计为问题）：{len(notes)} 处")
        for f in notes:
            print(f"  {f.describe()}")
    for f in findings:
        print(f.describe())
    counts = {k: sum(1 for f in findings if f.kind == k) for k in LABELS}
    print("，".join(f"{LABELS[k]} {n}" for k, n in counts.items()) + f"；共 {len(findings)} 处")
    return 1 if findings else 0
