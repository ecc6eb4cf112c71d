"""``cskexam graph [PATH ...] [--json]``: parse notes and show the knowledge graph.

Touches no database: it is the quickest way to see what the parser makes of
a notes file.
"""

from __future__ import annotations

import argparse

from cskexam.commands import Subparsers, print_json

ORDER = 10


def register(sub: Subparsers) -> None:
    p = sub.add_parser("graph", help="解析笔记并显示知识图谱（不写数据库）", description="解析笔记（默认：内置笔记）并显示知识图谱大纲。")
    p.add_argument("paths", nargs="*", metavar="PATH", help="笔记文件或目录（.txt / .md）")
    p.add_argument("--json", action="store_true", help="输出 JSON：{nodes, edges, definitions}")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from cskexam.services.notes import load_graph

    graph = load_graph(args.paths or None)
    if args.json:
        print_json(graph.to_dict())
        return 0
    for line in outline_lines(graph):
        print(line)
    docs = graph.documents()
    print(f"\n共 {len(docs)} 篇文档，{len(graph.nodes) - len(docs)} 个知识点，{len(graph.definitions)} 条定义，{len(graph.edges)} 条关联。")
    return 0


def outline_lines(graph) -> list[str]:
    lines: list[str] = []

    def walk(node_id: str, depth: int) -> None:
        node = graph.get(node_id)
        extras = []
        if node.mnemonic:
            extras.append(f"口诀:{node.mnemonic}")
        if node.count is not None:
            extras.append(f"{node.count}项")
        if node.page:
            extras.append(node.page)
        if node.tags:
            extras.append("/".join(node.tags))
        extras.extend(f"⚠{reason}" for reason in node.flag_reasons)
        marker = f"{node.marker} " if node.marker else ""
        suffix = f"  〔{'，'.join(extras)}〕" if extras else ""
        lines.append(f"{'  ' * depth}{marker}{node.title}{suffix}")
        for child in node.children:
            walk(child, depth + 1)

    for root in graph.roots():
        walk(root.id, 0)
    return lines
