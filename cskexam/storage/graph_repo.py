"""Save a KnowledgeGraph into the graph tables and load it back.

Saving is a diff against what is stored, written with bulk Core statements in
the caller's transaction:

* a node id not stored yet is inserted (``added``);
* a stored node whose content changed (kind, title, text, marker, parent,
  count, mnemonic, page, tags) is updated and its ``changed_at`` set
  (``updated``); a node that only moved (outline order, source line, flags) is
  refreshed silently and counts as ``unchanged``;
* a stored node of the imported files that is missing from the graph is marked
  inactive (``deactivated``), never deleted; if it comes back it is
  reactivated with its id, and so with its history (``reactivated``).

Scope: only nodes whose source file is among the files of this import can be
deactivated, so importing one file leaves the notes of other files alone.
``replace=True`` makes the import the whole library.

Order: nodes load by (source file, outline position within that file's
import), which is the parser's order for a single file and for files parsed
together in name order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cskexam.core.graph import Definition, Edge, KnowledgeGraph, Node, SourceRef
from cskexam.storage.models_graph import DefinitionRow, EdgeRow, NodeRow

NODE_CONTENT = ("kind", "title", "text", "marker", "parent_id", "count", "mnemonic", "page", "tags")
NODE_PLACE = ("document_id", "position", "seq", "flags", "source_file", "source_line")

_nodes = NodeRow.__table__
_edges = EdgeRow.__table__
_defs = DefinitionRow.__table__


@dataclass
class SaveStats:
    """What ``save_graph`` changed, by node id (edges/definitions as counts)."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)
    reactivated: list[str] = field(default_factory=list)
    edges_added: int = 0
    edges_deactivated: int = 0
    definitions_added: int = 0
    definitions_updated: int = 0
    definitions_deactivated: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.added or self.updated or self.deactivated or self.reactivated
            or self.edges_added or self.edges_deactivated
            or self.definitions_added or self.definitions_updated or self.definitions_deactivated
        )


def definition_id(node_id: str, term: str, ordinal: int = 0) -> str:
    """Stable id of the ``ordinal``-th definition of ``term`` on a node."""
    key = "\x1f".join(["definition", node_id, term, str(ordinal)])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def node_rows(graph: KnowledgeGraph) -> list[dict]:
    """The graph's nodes as column dicts (content and place fields, no timestamps)."""
    positions: dict[str, int] = {}
    roots = 0
    for node in graph.nodes.values():
        for index, child in enumerate(node.children):
            positions.setdefault(child, index)
    for node in graph.nodes.values():
        if node.parent is None or node.parent not in graph.nodes:
            positions[node.id] = roots
            roots += 1
    documents: dict[str, str] = {}

    def document_of(node: Node) -> str:
        chain = []
        current = node
        while current.id not in documents and current.parent in graph.nodes:
            chain.append(current.id)
            current = graph.nodes[current.parent]
        top = documents.get(current.id, current.id)
        documents[current.id] = top
        for nid in chain:
            documents[nid] = top
        return top

    rows = []
    for seq, node in enumerate(graph.nodes.values()):
        rows.append(
            {
                "id": node.id,
                "kind": node.kind,
                "title": node.title,
                "text": node.text or "",
                "marker": node.marker or "",
                "parent_id": node.parent,
                "count": node.count,
                "mnemonic": node.mnemonic,
                "page": node.page,
                "tags": list(node.tags),
                "document_id": document_of(node),
                "position": positions.get(node.id, 0),
                "seq": seq,
                "flags": list(node.flags),
                "source_file": node.source.file,
                "source_line": node.source.line,
            }
        )
    return rows


def save_graph(
    session: Session,
    graph: KnowledgeGraph,
    now: dt.datetime,
    *,
    files: Iterable[str] | None = None,
    replace: bool = False,
) -> SaveStats:
    """Store ``graph`` (see the module docstring); ``files`` widens the scope
    of deactivation to files that now yield no node at all."""
    stats = SaveStats()
    rows = node_rows(graph)
    scope = {r["source_file"] for r in rows} | set(files or ())

    stored = {
        r.id: r
        for r in session.execute(select(_nodes.c.id, _nodes.c.active, *(_nodes.c[c] for c in NODE_CONTENT + NODE_PLACE)))
    }
    inserts, content_updates, place_updates = [], [], []
    for row in rows:
        old = stored.get(row["id"])
        if old is None:
            inserts.append({**row, "active": True, "first_seen": now, "last_seen": now, "changed_at": now})
            stats.added.append(row["id"])
            continue
        content_same = all(getattr(old, c) == row[c] for c in NODE_CONTENT)
        place_same = all(getattr(old, c) == row[c] for c in NODE_PLACE)
        if not old.active:
            change = {**row, "active": True, "last_seen": now}
            if not content_same:
                change["changed_at"] = now
            content_updates.append(change)
            stats.reactivated.append(row["id"])
        elif not content_same:
            content_updates.append({**row, "last_seen": now, "changed_at": now})
            stats.updated.append(row["id"])
        else:
            if not place_same:
                place_updates.append({"id": row["id"], **{c: row[c] for c in NODE_PLACE}})
            stats.unchanged.append(row["id"])

    present = {r["id"] for r in rows}
    gone = [
        nid for nid, old in stored.items()
        if old.active and nid not in present and (replace or old.source_file in scope)
    ]
    stats.deactivated = gone

    if inserts:
        session.execute(_nodes.insert(), inserts)
    _bulk_update(session, NodeRow, content_updates)
    _bulk_update(session, NodeRow, place_updates)
    _bulk_update(session, NodeRow, [{"id": nid, "active": False} for nid in gone])
    if stats.unchanged:
        # One statement instead of one per node: every active node of the
        # scope that is still there was seen now.
        present_files = sorted({r["source_file"] for r in rows})
        session.execute(
            update(_nodes)
            .where(_nodes.c.active.is_(True), _nodes.c.source_file.in_(present_files), _nodes.c.last_seen != now)
            .values(last_seen=now)
        )

    file_of = {nid: old.source_file for nid, old in stored.items()}
    file_of.update((r["id"], r["source_file"]) for r in rows)
    in_scope = (lambda nid: True) if replace else (lambda nid: file_of.get(nid) in scope)
    _save_edges(session, graph.edges, now, in_scope, stats)
    _save_definitions(session, graph.definitions, now, in_scope, stats)
    return stats


def _bulk_update(session: Session, model, rows: list[dict]) -> None:
    # ORM bulk UPDATE by primary key: one executemany per distinct key set.
    if not rows:
        return
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(row))].append(row)
    for group in groups.values():
        session.execute(update(model), group)


def _save_edges(session: Session, edges: list[Edge], now, in_scope, stats: SaveStats) -> None:
    wanted: dict[tuple, int] = {}
    for seq, edge in enumerate(edges):
        wanted.setdefault((edge.source, edge.target, edge.kind), seq)
    stored = {
        (r.source_id, r.target_id, r.kind): r
        for r in session.execute(select(_edges.c.source_id, _edges.c.target_id, _edges.c.kind, _edges.c.seq, _edges.c.active))
    }
    inserts, changes = [], []
    for key, seq in wanted.items():
        old = stored.get(key)
        ident = {"source_id": key[0], "target_id": key[1], "kind": key[2]}
        if old is None:
            inserts.append({**ident, "seq": seq, "active": True, "first_seen": now, "last_seen": now})
        elif not old.active or old.seq != seq:
            changes.append({**ident, "seq": seq, "active": True, "last_seen": now})
        else:
            changes.append({**ident, "last_seen": now})
    gone = [
        {"source_id": k[0], "target_id": k[1], "kind": k[2], "active": False}
        for k, old in stored.items()
        if old.active and k not in wanted and (in_scope(k[0]) or in_scope(k[1]))
    ]
    if inserts:
        session.execute(_edges.insert(), inserts)
    _bulk_update(session, EdgeRow, changes + gone)
    stats.edges_added = len(inserts)
    stats.edges_deactivated = len(gone)


def _save_definitions(session: Session, definitions: list[Definition], now, in_scope, stats: SaveStats) -> None:
    wanted: dict[str, dict] = {}
    ordinals: dict[tuple[str, str], int] = defaultdict(int)
    for seq, d in enumerate(definitions):
        ordinal = ordinals[(d.node, d.term)]
        ordinals[(d.node, d.term)] += 1
        did = definition_id(d.node, d.term, ordinal)
        wanted[did] = {"id": did, "node_id": d.node, "term": d.term, "text": d.text, "seq": seq}
    stored = {
        r.id: r
        for r in session.execute(select(_defs.c.id, _defs.c.node_id, _defs.c.text, _defs.c.seq, _defs.c.active))
    }
    inserts, changes = [], []
    for did, row in wanted.items():
        old = stored.get(did)
        if old is None:
            inserts.append({**row, "active": True, "first_seen": now, "last_seen": now, "changed_at": now})
        elif old.text != row["text"]:
            changes.append({**row, "active": True, "last_seen": now, "changed_at": now})
            stats.definitions_updated += 1
        elif not old.active or old.seq != row["seq"]:
            changes.append({"id": did, "seq": row["seq"], "active": True, "last_seen": now})
        else:
            changes.append({"id": did, "last_seen": now})
    gone = [
        {"id": did, "active": False}
        for did, old in stored.items()
        if old.active and did not in wanted and in_scope(old.node_id)
    ]
    if inserts:
        session.execute(_defs.insert(), inserts)
    _bulk_update(session, DefinitionRow, changes + gone)
    stats.definitions_added = len(inserts)
    stats.definitions_deactivated = len(gone)


def load_graph(session: Session, *, include_inactive: bool = False) -> KnowledgeGraph:
    """The stored graph (active nodes only unless asked), as the parser made it."""
    graph = KnowledgeGraph()
    query = select(_nodes).order_by(_nodes.c.source_file, _nodes.c.seq)
    if not include_inactive:
        query = query.where(_nodes.c.active.is_(True))
    for r in session.execute(query):
        graph.nodes[r.id] = Node(
            id=r.id,
            kind=r.kind,
            title=r.title,
            text=r.text,
            marker=r.marker,
            parent=r.parent_id,
            count=r.count,
            mnemonic=r.mnemonic,
            page=r.page,
            tags=list(r.tags or []),
            source=SourceRef(r.source_file, r.source_line),
            flags=list(r.flags or []),
        )
    children: dict[str, list[str]] = defaultdict(list)
    for node in graph.nodes.values():
        if node.parent in graph.nodes:
            children[node.parent].append(node.id)
    for parent_id, kids in children.items():
        graph.nodes[parent_id].children = kids

    edge_query = select(_edges.c.source_id, _edges.c.target_id, _edges.c.kind).order_by(
        _edges.c.seq, _edges.c.source_id, _edges.c.target_id
    )
    def_query = select(_defs.c.term, _defs.c.text, _defs.c.node_id).order_by(_defs.c.seq, _defs.c.id)
    if not include_inactive:
        edge_query = edge_query.where(_edges.c.active.is_(True))
        def_query = def_query.where(_defs.c.active.is_(True))
    graph.edges = [
        Edge(s, t, k) for s, t, k in session.execute(edge_query) if s in graph.nodes and t in graph.nodes
    ]
    graph.definitions = [Definition(term, text, nid) for term, text, nid in session.execute(def_query) if nid in graph.nodes]
    return graph


def active_counts(session: Session) -> dict[str, int]:
    """Active rows per table: nodes, edges, definitions."""
    def count(table):
        return session.execute(select(func.count()).select_from(table).where(table.c.active.is_(True))).scalar_one()

    return {"nodes": count(_nodes), "edges": count(_edges), "definitions": count(_defs)}
