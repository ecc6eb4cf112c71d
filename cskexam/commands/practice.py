"""``cskexam wrongbook [list|export FILE|setting]``: the 错题本 from the command line."""

from __future__ import annotations

import argparse

from cskexam.commands import Subparsers, print_json

ORDER = 42


def register(sub: Subparsers) -> None:
    p = sub.add_parser("wrongbook", help="错题本：查看、导出 CSV、设置移出规则",
                       description="错题本：答错的题目、答错次数和时间。连续答对 N 次（默认 2）后移出。")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    actions = p.add_subparsers(dest="wrongbook_command", metavar="操作")

    ls = actions.add_parser("list", help="列出错题（默认操作）", description="列出错题本中的题目。")
    ls.add_argument("--all", action="store_true", help="也列出已移出的题目")
    ls.add_argument("--json", action="store_true", help="输出 JSON")
    ls.set_defaults(func=run_list)

    ex = actions.add_parser("export", help="导出为 CSV（Excel 可直接打开）", description="把错题本导出为 CSV 文件。")
    ex.add_argument("file", metavar="文件", help="目标 .csv 文件")
    ex.add_argument("--all", action="store_true", help="也导出已移出的题目")
    ex.set_defaults(func=run_export)

    st = actions.add_parser("setting", help="查看或设置：连续答对几次后移出",
                            description="查看或设置错题连续答对几次后移出错题本。")
    st.add_argument("--clear-after", type=_clear_after, metavar="N", help="连续答对 N 次后移出（1–20）")
    st.set_defaults(func=run_setting)
    p.set_defaults(func=run_list, all=False, json=False)


def _practice(args):
    from cskexam.services.library import open_library
    from cskexam.services.practice import Practice

    library = open_library(getattr(args, "db", None))
    return library, Practice(library)


def run_list(args: argparse.Namespace) -> int:
    library, practice = _practice(args)
    with library:
        entries = practice.wrong_book(include_cleared=args.all)
        paths = {e.question.id: practice.node_path(e.question.node) for e in entries}
    if args.json:
        data = [{
            **e.question.to_dict(),
            "wrong_count": e.wrong_count,
            "first_wrong_at": e.first_wrong_at.isoformat(),
            "last_wrong_at": e.last_wrong_at.isoformat(),
            "right_streak": e.right_streak,
            "cleared_at": e.cleared_at.isoformat() if e.cleared_at else None,
            "starred": e.starred,
        } for e in entries]
        print_json(data)
        return 0
    if not entries:
        print("错题本是空的")
        return 0
    for e in entries:
        when = e.last_wrong_at.astimezone().strftime("%Y-%m-%d %H:%M")
        mark = "（已移出）" if e.cleared_at else ""
        print(f"{e.question.id:<16} 错 {e.wrong_count} 次  最近 {when}{mark}  {e.question.stem}")
        if paths[e.question.id]:
            print(f"{'':<16} 知识点: {paths[e.question.id]}")
    print(f"\n共 {len(entries)} 题")
    return 0


def _clear_after(text: str) -> int:
    """--clear-after, checked with the other arguments: a bad value opens (or makes) no library."""
    try:
        n = int(text)
    except ValueError:
        n = None
    if n is None or not 1 <= n <= 20:
        raise argparse.ArgumentTypeError(f"连续答对次数必须是 1–20 的整数，而不是「{text[:40]}」")
    return n


def run_export(args: argparse.Namespace) -> int:
    from cskexam.services.practice import require_csv_target
    from cskexam.userfiles import expand_user

    # The target is looked at before the library is opened (or made): a bad path writes nothing.
    require_csv_target(args.file)
    args.file = str(expand_user(args.file))
    library, practice = _practice(args)
    with library:
        n = practice.export_wrong_book(args.file, include_cleared=args.all)
    from cskexam.errors import shown_name

    print(f"已导出 {n} 道错题到 {shown_name(args.file)}")
    return 0


def run_setting(args: argparse.Namespace) -> int:
    library, practice = _practice(args)
    with library:
        if args.clear_after is not None:
            practice.set_clear_after(args.clear_after)
        n = practice.clear_after()
    print(f"连续答对 {n} 次后移出错题本")
    return 0
