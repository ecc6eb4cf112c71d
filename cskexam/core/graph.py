"""The knowledge graph: documents, chapters, sections, key points and list items.

Pure data. A node's id comes from its place in the outline (file name and the
path of titles from the document down), so re-importing edited notes keeps the
ids of every unchanged key point.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, NamedTuple


# Problems the parser noticed on a node, as plain dicts so that they travel
# unchanged through JSON and the database: {"kind": ..., <details>}.
COUNT_MISMATCH = "count_mismatch"  # details: stated, found
TITLE_TRUNCATED = "title_truncated"
FALSE_STATEMENT = "false_statement"  # the notes mark the statement （×）
TRUE_STATEMENT = "true_statement"  # the notes mark the statement （√）
FLAG_KINDS = (COUNT_MISMATCH, TITLE_TRUNCATED, FALSE_STATEMENT, TRUE_STATEMENT)
# A node flagged so is no ground for a card or a generated question: its list
# is incomplete, its title a guess, or it is a 判断 statement, not a fact.
BLOCKING_FLAGS = frozenset(FLAG_KINDS)
_JUDGED = frozenset({FALSE_STATEMENT, TRUE_STATEMENT})


def make_flag(kind: str, **details) -> dict:
    return {"kind": kind, **details}


def as_flag(raw) -> dict:
    """A flag as a dict; older libraries stored strings such as
    ``count_mismatch: stated 5, found 4``."""
    if isinstance(raw, dict):
        return dict(raw)
    text = str(raw)
    kind, _, rest = text.partition(":")
    kind = kind.strip()
    if kind == COUNT_MISMATCH:
        numbers = [int(n) for n in re.findall(r"\d+", rest)]
        if len(numbers) == 2:
            return make_flag(COUNT_MISMATCH, stated=numbers[0], found=numbers[1])
    return make_flag(kind)


def flag_reason(flag: dict) -> str:
    """The flag in words, for the candidate."""
    kind = flag.get("kind")
    if kind == COUNT_MISMATCH:
        return f"数量不符：写明 {flag.get('stated')} 项，找到 {flag.get('found')} 项"
    if kind == TITLE_TRUNCATED:
        return "标题过长被截断：请在笔记中用冒号或换行分开标题与正文"
    if kind == FALSE_STATEMENT:
        return "笔记标为错误（×）的说法：只出判断题，不作为知识点"
    if kind == TRUE_STATEMENT:
        return "笔记标为正确（√）的判断：只出判断题，不作为知识点"
    return str(kind)


# A named tuple: made for every node of every parse, and a frozen dataclass
# costs several times as much to make.
class SourceRef(NamedTuple):
    file: str
    line: int
    end: int = 0  # last line of the node's own text (0: the same as line)

    @property
    def last(self) -> int:
        return max(self.line, self.end)

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line}


# Slots: a library holds a node for every heading and item, tens of thousands
# in a big one.
@dataclass(slots=True)
class Node:
    id: str
    kind: str
    title: str
    text: str = ""
    marker: str = ""
    parent: str | None = None
    count: int | None = None
    mnemonic: str | None = None
    page: str | None = None
    tags: list[str] = field(default_factory=list)
    source: SourceRef = SourceRef("", 0)
    children: list[str] = field(default_factory=list)
    # Problems noticed while parsing: dicts, see make_flag / FLAG_KINDS.
    flags: list[dict] = field(default_factory=list)
    # The lines of the notes this node came from, as written (before any
    # errata correction): what the candidate wrote, to check the node against.
    original: str = ""

    def __post_init__(self) -> None:
        if self.flags and not all(isinstance(f, dict) for f in self.flags):
            self.flags = [as_flag(f) for f in self.flags]

    @property
    def blocks_items(self) -> bool:
        """True when no card or generated question should come from this node."""
        return any(f.get("kind") in BLOCKING_FLAGS for f in self.flags)

    @property
    def flag_reasons(self) -> list[str]:
        return [flag_reason(f) for f in self.flags]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "marker": self.marker,
            "title": self.title,
            "text": self.text,
            "parent": self.parent,
            "count": self.count,
            "mnemonic": self.mnemonic,
            "page": self.page,
            "tags": list(self.tags),
            "source": self.source.to_dict(),
            "flags": [dict(f) for f in self.flags],
        }


class Edge(NamedTuple):  # a named tuple, as SourceRef: a graph holds many
    source: str
    target: str
    kind: str = "related"

    def to_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "kind": self.kind}


@dataclass(frozen=True)
class Definition:
    term: str
    text: str
    node: str

    def to_dict(self) -> dict:
        return {"term": self.term, "text": self.text, "node": self.node}


def node_id(file: str, titles: Iterable[str]) -> str:
    """Stable id from the file name and the path of titles (with #n for repeats)."""
    key = "\x1f".join([file, *titles])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class KnowledgeGraph:
    nodes: dict[str, Node] = field(default_factory=dict)  # in outline order
    edges: list[Edge] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    # definitions_of's index: ((id, length) of the list it was built from, by node).
    _definitions_by_node: tuple | None = field(default=None, init=False, repr=False, compare=False)

    # -- navigation -----------------------------------------------------
    def __contains__(self, node_id: str) -> bool:
        return node_id in self.nodes

    def __iter__(self) -> Iterator[Node]:
        return iter(self.nodes.values())

    def __len__(self) -> int:
        return len(self.nodes)

    def get(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def roots(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.parent is None]

    def documents(self) -> list[Node]:
        return [n for n in self.nodes.values() if n.kind == "document"]

    def children(self, node_id: str) -> list[Node]:
        return [self.nodes[c] for c in self.nodes[node_id].children]

    def entries(self, node_id: str) -> list[Node]:
        """The children that are entries of the node's list: not the statements
        the notes mark true or false beside them (…最难。(√) after 1. 2. 3.)."""
        return [n for n in self.children(node_id) if not any(as_flag(f).get("kind") in _JUDGED for f in n.flags)]

    def parent(self, node_id: str) -> Node | None:
        pid = self.nodes[node_id].parent
        return self.nodes[pid] if pid else None

    def siblings(self, node_id: str) -> list[Node]:
        """The other children of the same parent, in order (the node excluded)."""
        parent = self.parent(node_id)
        if parent is None:
            return [n for n in self.roots() if n.id != node_id]
        return [n for n in self.children(parent.id) if n.id != node_id]

    def ancestors(self, node_id: str) -> list[Node]:
        """From the document down to the parent (the node excluded)."""
        chain: list[Node] = []
        current = self.parent(node_id)
        while current is not None:
            chain.append(current)
            current = self.parent(current.id)
        return list(reversed(chain))

    def path_titles(self, node_id: str) -> list[str]:
        return [n.title for n in self.ancestors(node_id)]

    def document_of(self, node_id: str) -> Node:
        chain = self.ancestors(node_id)
        return chain[0] if chain else self.nodes[node_id]

    def descendants(self, node_id: str) -> list[Node]:
        out: list[Node] = []
        stack = list(reversed(self.nodes[node_id].children))
        while stack:
            nid = stack.pop()
            out.append(self.nodes[nid])
            stack.extend(reversed(self.nodes[nid].children))
        return out

    def related(self, node_id: str) -> list[Node]:
        out = []
        for e in self.edges:
            if e.kind != "related":
                continue
            if e.source == node_id:
                out.append(self.nodes[e.target])
            elif e.target == node_id:
                out.append(self.nodes[e.source])
        return out

    def lists(self) -> list[Node]:
        """Enumerations: nodes with a stated count or at least two item children."""
        out = []
        for n in self.nodes.values():
            if n.kind == "document":
                continue
            kids = self.children(n.id)
            if n.count is not None or sum(1 for k in kids if k.kind == "item") >= 2:
                out.append(n)
        return out

    def definitions_of(self, node_id: str) -> list[Definition]:
        # Indexed once, not scanned per call: question generation asks for every
        # node of a library. Rebuilt when definitions are added or replaced.
        key = (id(self.definitions), len(self.definitions))
        index = getattr(self, "_definitions_by_node", None)
        if index is None or index[0] != key:
            by_node: dict[str, list[Definition]] = {}
            for d in self.definitions:
                by_node.setdefault(d.node, []).append(d)
            index = self._definitions_by_node = (key, by_node)
        return list(index[1].get(node_id, ()))

    def find(self, title: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.title == title]

    # -- serialisation --------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "nodes": [n.to_dict() for n in self.nodes.values()],
            "edges": [e.to_dict() for e in self.edges],
            "definitions": [d.to_dict() for d in self.definitions],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "KnowledgeGraph":
        graph = cls()
        for raw in data["nodes"]:
            src = raw.get("source") or {}
            graph.nodes[raw["id"]] = Node(
                id=raw["id"],
                kind=raw["kind"],
                title=raw["title"],
                text=raw.get("text", ""),
                marker=raw.get("marker", ""),
                parent=raw.get("parent"),
                count=raw.get("count"),
                mnemonic=raw.get("mnemonic"),
                page=raw.get("page"),
                tags=list(raw.get("tags") or []),
                source=SourceRef(src.get("file", ""), int(src.get("line", 0)), int(src.get("end", 0) or 0)),
                flags=[as_flag(f) for f in raw.get("flags") or []],
                original=raw.get("original", ""),
            )
        for node in graph.nodes.values():
            if node.parent and node.parent in graph.nodes:
                graph.nodes[node.parent].children.append(node.id)
        graph.edges = [Edge(e["source"], e["target"], e.get("kind", "related")) for e in data.get("edges", [])]
        graph.definitions = [Definition(d["term"], d["text"], d["node"]) for d in data.get("definitions", [])]
        return graph
