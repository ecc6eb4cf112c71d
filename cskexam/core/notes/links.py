"""``related`` edges between nodes of different documents with (nearly) the same title."""

from __future__ import annotations

import re
from collections import defaultdict

from cskexam.core.graph import Edge, KnowledgeGraph

_SUFFIX = re.compile(r"(分析|研究|简介|介绍|概述)$")
_ENDINGS = ("分析", "研究", "简介", "介绍", "概述", "\n")  # what _SUFFIX can match ($ before a final newline too)
_MAX_GROUP = 12


def title_key(title: str) -> str:
    key = title.split("#", 1)[0] if "#" in title else title
    key = key.replace("的", "").replace("部门", "部")
    if key.endswith(_ENDINGS):
        key = _SUFFIX.sub("", key)
    return key


def related_edges(graph: KnowledgeGraph) -> list[Edge]:
    groups: dict[str, list[str]] = defaultdict(list)
    document: dict[str, str] = {}
    for node in graph:  # outline order: a parent comes before its children
        document[node.id] = document[node.parent] if node.parent else node.id
        key = title_key(node.title)
        if len(key) >= 3 and not node.title.endswith("…"):
            groups[key].append(node.id)
    edges: list[Edge] = []
    for ids in groups.values():
        ids = ids[:_MAX_GROUP]
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if document[a] != document[b]:
                    edges.append(Edge(a, b, "related"))
    return edges
