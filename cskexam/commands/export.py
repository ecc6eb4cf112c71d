"""``cskexam export apkg FILE``: the cards as an Anki package, for review on a phone."""

from __future__ import annotations

import argparse

ORDER = 45


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="导出卡片（Anki 牌组 .apkg）",
        description="把复习卡片导出到别的应用。apkg：Anki 牌组，可导入 AnkiDroid、AnkiMobile 或桌面版 Anki，"
        "每张卡片带章节与类型标签；再次导出会更新已导入的卡片而不重复。",
    )
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    formats = p.add_subparsers(dest="format", metavar="格式", required=True)
    apkg = formats.add_parser("apkg", help="Anki 牌组（.apkg）", description="把卡片写成 Anki 牌组文件（已暂停的卡片除外）。")
    apkg.add_argument("file", metavar="文件", help="目标 .apkg 文件")
    apkg.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    apkg.set_defaults(func=run_apkg)


def run_apkg(args: argparse.Namespace) -> int:
    from cskexam.services.anki_export import export_apkg, require_apkg_target
    from cskexam.services.library import open_library
    from cskexam.userfiles import expand_user

    # The target is looked at before the library is opened (or made): a bad path or name writes nothing.
    require_apkg_target(args.file)
    args.file = str(expand_user(args.file))
    with open_library(getattr(args, "db", None)) as library:
        library.ensure_imported()
        result = export_apkg(library, args.file)
    from cskexam.errors import shown_name

    print(f"已导出 {result.notes} 张卡片到 {shown_name(str(result.path))}")
    return 0
