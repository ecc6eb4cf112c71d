"""Keep a node's id when its notes are re-read a little differently.

A node's id comes from its file and its path of titles, so the same notes give
the same ids. When the notes are edited, or a newer parser reads a heading
better (``服务质量`` becomes ``服务质量差距模型有五个差距``), the path changes and
so would the id, and with it the review history of every card of that node and
of everything under it. At import, ``carry_ids`` matches each node whose id the
library has never seen to a node of the same file that is no longer read:

* under the same parent (after the parent's own match), with a similar title
  (the same, one inside the other, or most characters in common), nearest in
  place among its siblings;
* else anywhere in the file, when exactly one vanished node and exactly one new
  node bear that title (a heading that moved to another level).

The matched node takes the stored id; its children then match under it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Iterable

from cskexam.core.graph import Edge, KnowledgeGraph

_SIMILAR = 0.75
_NEAREST = 24  # candidates compared per node: a huge outline stays linear


@dataclass(frozen=True)
class StoredNode:
    """What the library remembers of a node: enough to recognise it again."""

    id: str
    parent: str | None
    title: str
    file: str
    position: int = 0  # among its siblings


def similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 2 and short in long_:
        return 0.9
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def carry_ids(graph: KnowledgeGraph, stored: Iterable[StoredNode]) -> dict[str, str]:
    """Give nodes new to the library the ids of vanished nodes they continue
    (in place, in ``graph``); returns the mapping new id → stored id."""
    stored = list(stored)
    if not stored:
        return {}
    known = {s.id for s in stored}
    gone = [s for s in stored if s.id not in graph.nodes]
    if not gone or all(nid in known for nid in graph.nodes):
        return {}
    by_parent: dict[tuple[str, str | None], list[StoredNode]] = defaultdict(list)
    by_title: dict[tuple[str, str], list[StoredNode]] = defaultdict(list)
    for s in gone:
        by_parent[(s.file, s.parent)].append(s)
        by_title[(s.file, s.title)].append(s)
    fresh_titles: dict[tuple[str, str], int] = defaultdict(int)
    for node in graph.nodes.values():
        if node.id not in known:
            fresh_titles[(node.source.file, node.title)] += 1
    position = {child: k for node in graph.nodes.values() for k, child in enumerate(node.children)}

    mapping: dict[str, str] = {}
    used: set[str] = set()
    for node in graph.nodes.values():  # outline order: a parent before its children
        if node.id in known:
            continue
        parent = mapping.get(node.parent, node.parent) if node.parent else None
        where = position.get(node.id, 0)
        siblings = [s for s in by_parent.get((node.source.file, parent), ()) if s.id not in used]
        siblings.sort(key=lambda s: abs(s.position - where))
        best, score = None, _SIMILAR
        for s in siblings[:_NEAREST]:
            value = similarity(node.title, s.title)
            if value >= score and (best is None or value > score):
                best, score = s, value
        if best is None:
            same = [s for s in by_title.get((node.source.file, node.title), ()) if s.id not in used]
            if len(same) == 1 and fresh_titles[(node.source.file, node.title)] == 1:
                best = same[0]
        if best is not None:
            mapping[node.id] = best.id
            used.add(best.id)
    if mapping:
        rename_nodes(graph, mapping)
    return mapping


def rename_nodes(graph: KnowledgeGraph, mapping: dict[str, str]) -> None:
    """Replace node ids everywhere in ``graph`` (nodes, parents, children,
    edges, definitions), keeping the outline order."""
    nodes = {}
    for nid, node in graph.nodes.items():
        node.id = mapping.get(nid, nid)
        if node.parent is not None:
            node.parent = mapping.get(node.parent, node.parent)
        node.children = [mapping.get(c, c) for c in node.children]
        nodes[node.id] = node
    graph.nodes = nodes
    graph.edges = [Edge(mapping.get(e.source, e.source), mapping.get(e.target, e.target), e.kind) for e in graph.edges]
    graph.definitions = [replace(d, node=mapping.get(d.node, d.node)) for d in graph.definitions]
    graph._definitions_by_node = None
