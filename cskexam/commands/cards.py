"""``cskexam cards [--json]``: the flashcards made from the notes."""

from __future__ import annotations

import argparse

from cskexam.commands import print_json

ORDER = 40


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "cards",
        help="列出由笔记生成的复习卡片",
        description="列出由知识图谱生成的复习卡片（定义、列举、归属、辨析、填空、岗位职责）。"
        "默认读取资料库（首次使用时导入内置笔记）；给出 --notes 时直接解析这些笔记，不写数据库。",
    )
    p.add_argument("--json", action="store_true", help='输出 JSON 数组：[{"id","node","kind","front","back","state"}, …]')
    p.add_argument("--kind", choices=["definition", "list", "item_parent", "item_definition", "cloze", "duties"],
                   help="只列出这一类卡片")
    p.add_argument("--notes", nargs="+", metavar="PATH", help="直接解析这些笔记文件或目录（不使用数据库）")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.notes:
        from cskexam.core.cards import generate_cards
        from cskexam.services.notes import load_graph

        cards = generate_cards(load_graph(args.notes))
        states: dict[str, str] = {}
    else:
        from cskexam.services.library import open_library

        with open_library(getattr(args, "db", None)) as library:
            library.ensure_imported()
            cards = library.cards()
            from cskexam.services.card_browser import CardBrowser

            states = {c.id: c.state for c in CardBrowser(library).cards()}
    if args.kind:
        cards = [c for c in cards if c.kind == args.kind]
    if args.json:
        # state: new, learning, review, suspended, buried or leech (notes read directly: new)
        print_json([{**c.to_dict(), "state": states.get(c.id, "new")} for c in cards])
        return 0
    from cskexam.core.vocab import card_kind_label

    for c in cards:
        print(f"[{card_kind_label(c.kind)}] {c.id}")
        print(f"  问: {c.front}".replace("\n", "\n      "))
        print(f"  答: {c.back}".replace("\n", "\n      "))
    print(f"\n共 {len(cards)} 张卡片。")
    return 0
