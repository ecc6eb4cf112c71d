"""``cskexam search QUERY [--json] [--limit N]``: find key points by keyword.

Uses the stored index of the library (importing the bundled notes first if
the library is empty). Accepts Chinese words, phrases, typos, full pinyin
and pinyin initials.
"""

from __future__ import annotations

import argparse

from cskexam.commands import Subparsers, print_json
from cskexam.core.vocab import node_kind_label

ORDER = 40
DEFAULT_LIMIT = 20


def _limit(text: str) -> int:
    from cskexam.services.search import MAX_RESULTS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--limit 需要正整数，而不是 {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"--limit 需要正整数，而不是 {value}")
    if value > MAX_RESULTS:
        raise argparse.ArgumentTypeError(f"--limit 最大为 {MAX_RESULTS}，而不是 {value}")
    return value


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "search",
        help="按关键词搜索知识点（支持错别字、拼音和拼音首字母）",
        description="在知识库中搜索知识点：标题、正文、定义和列表项。支持错别字（营消环境）、全拼（shichang renkou）和首字母（hgfx）。",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="搜索词（多个词用空格分开）")
    p.add_argument("--json", action="store_true", help='输出 JSON 列表：[{"id","kind","title","path","snippet","score"}]')
    p.add_argument("--limit", type=_limit, default=DEFAULT_LIMIT, metavar="N", help=f"最多显示 N 条结果（默认 {DEFAULT_LIMIT}）")
    p.set_defaults(func=run)




def run(args: argparse.Namespace) -> int:
    from cskexam.errors import UserError
    from cskexam.services.library import open_library
    from cskexam.services.search import BLANK_QUERY, Searcher, blank_query, ensure_index

    query = " ".join(args.query)
    if blank_query(query):
        # Checked before the library is opened: an empty term makes and imports nothing.
        raise UserError(BLANK_QUERY)
    library = open_library(args.db)
    try:
        library.ensure_imported()
        ensure_index(library)
        searcher = Searcher(library)
        try:
            results = searcher.search(query, args.limit)
        finally:
            searcher.close()
    finally:
        library.close()
    if args.json:
        print_json([r.to_json() for r in results])
        return 0
    if not results:
        from cskexam.errors import shown_value

        print(f"没有找到与“{shown_value(query)}”相关的知识点。")
        return 0
    for rank, r in enumerate(results, 1):
        path = " › ".join(r.path)
        note = "（近似）" if r.fuzzy else ""
        print(f"{rank:>2}. {r.title}{note}  〔{node_kind_label(r.kind)}〕")
        if path:
            print(f"    {path}")
        if r.snippet and r.snippet != r.title:
            print(f"    {r.snippet}")
    return 0
