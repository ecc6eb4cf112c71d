"""Save a KnowledgeGraph into the graph tables and load it back.

Saving is a diff against what is stored, written with bulk Core statements in
the caller's transaction:

* a node id not stored yet is inserted (``added``);
* a stored node whose content changed (kind, title, text, marker, parent,
  count, mnemonic, page, tags) is updated and its ``changed_at`` set
  (``updated``); a node that only moved (outline order, source lines, flags) is
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
import functools
import hashlib
import json
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator, cast

from sqlalchemy import Table, Text, bindparam, func, select, type_coerce, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from cskexam.core.graph import Definition, Edge, KnowledgeGraph, Node, SourceRef, as_flag
from cskexam.core.notes.identity import StoredNode
from cskexam.storage.models_graph import DefinitionRow, EdgeRow, NodeRow

NODE_CONTENT = ("kind", "title", "text", "marker", "parent_id", "count", "mnemonic", "page", "tags")
NODE_PLACE = ("document_id", "position", "seq", "flags", "source_file", "source_line", "source_end", "original")

_nodes = cast(Table, NodeRow.__table__)
_edges = cast(Table, EdgeRow.__table__)
_defs = cast(Table, DefinitionRow.__table__)


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
    return list(iter_node_rows(graph))


def iter_node_rows(graph: KnowledgeGraph) -> Iterator[dict]:
    """``node_rows`` one at a time, in outline order."""
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
        # Outline order lists parents first, so one look-up is the usual case.
        if node.parent is None or node.parent not in graph.nodes:
            return node.id
        if node.parent in documents:
            return documents[node.parent]
        return document_of(graph.nodes[node.parent])

    for seq, node in enumerate(graph.nodes.values()):
        yield (
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
                "document_id": documents.setdefault(node.id, document_of(node)),
                "position": positions.get(node.id, 0),
                "seq": seq,
                "flags": list(node.flags),
                "source_file": node.source.file,
                "source_line": node.source.line,
                "source_end": node.source.last,
                "original": node.original or "",
            }
        )


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
    writer = _BulkWriter(session)
    scope = {n.source.file for n in graph.nodes.values()} | set(files or ())

    columns = ("active", *NODE_CONTENT, *NODE_PLACE)
    stored = {
        r[0]: r[1:]
        for r in session.execute(select(_nodes.c.id, *(_raw(_nodes.c[c], session) for c in columns)))
    }

    content_of = _comparable(NODE_CONTENT)
    place_of = _comparable(NODE_PLACE)

    def same(stored_part: tuple, new_part: tuple, names) -> bool:
        if stored_part == new_part:
            return True
        # Equal JSON may be spelled differently (another serializer).
        return all(
            (json.loads(a or "null") == json.loads(b)) if c in _JSON_COLUMNS else a == b
            for c, a, b in zip(names, stored_part, new_part)
        )

    active_at = 0
    file_at = columns.index("source_file")
    present: set[str] = set()
    file_of = {nid: old[file_at] for nid, old in stored.items()}
    # A chunk of rows at a time: a big graph's rows are never all held as dicts.
    for chunk in _chunked(iter_node_rows(graph), _SAVE_CHUNK):
        for row in chunk:
            present.add(row["id"])
            file_of[row["id"]] = row["source_file"]
        _save_nodes(writer, chunk, stored, now, stats, same, content_of, place_of)

    gone = [
        nid for nid, old in stored.items()
        if old[active_at] and nid not in present and (replace or old[file_at] in scope)
    ]
    stats.deactivated = gone
    writer.update(_nodes, [{"id": nid, "active": False} for nid in gone])
    if stats.unchanged:
        # One statement instead of one per node: every active node of the
        # files just read that is still active was seen now.
        present_files = sorted({n.source.file for n in graph.nodes.values()})
        session.execute(
            update(_nodes)
            .where(_nodes.c.active.is_(True), _nodes.c.source_file.in_(present_files), _nodes.c.last_seen != now)
            .values(last_seen=now)
        )

    in_scope = (lambda nid: True) if replace else (lambda nid: file_of.get(nid) in scope)
    _save_edges(writer, graph.edges, now, in_scope, stats)
    _save_definitions(writer, graph.definitions, now, in_scope, stats)
    # Edges and definitions still there were seen now: those of nodes seen now.
    seen_now = select(_nodes.c.id).where(_nodes.c.last_seen == now)
    session.execute(
        update(_edges).where(_edges.c.active.is_(True), _edges.c.source_id.in_(seen_now)).values(last_seen=now)
    )
    session.execute(
        update(_defs).where(_defs.c.active.is_(True), _defs.c.node_id.in_(seen_now)).values(last_seen=now)
    )
    return stats


_SAVE_CHUNK = 2000


def _chunked(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _save_nodes(writer: "_BulkWriter", rows: list[dict], stored: dict, now, stats: SaveStats,
                same, content_of, place_of) -> None:
    """Insert the new rows, update the changed ones (content, place or state)."""
    n_content = len(NODE_CONTENT)
    inserts, content_updates, place_updates = [], [], []
    for row in rows:
        old = stored.get(row["id"])
        if old is None:
            inserts.append({**row, "active": True, "first_seen": now, "last_seen": now, "changed_at": now})
            stats.added.append(row["id"])
            continue
        content_same = same(old[1 : 1 + n_content], content_of(row), NODE_CONTENT)
        if not old[0]:
            change = {**row, "active": True, "last_seen": now}
            if not content_same:
                change["changed_at"] = now
            content_updates.append(change)
            stats.reactivated.append(row["id"])
        elif not content_same:
            content_updates.append({**row, "last_seen": now, "changed_at": now})
            stats.updated.append(row["id"])
        else:
            if not same(old[1 + n_content :], place_of(row), NODE_PLACE):
                place_updates.append({"id": row["id"], **{c: row[c] for c in NODE_PLACE}})
            stats.unchanged.append(row["id"])

    writer.insert(_nodes, inserts)
    writer.update(_nodes, content_updates)
    writer.update(_nodes, place_updates)


_JSON_COLUMNS = ("tags", "flags")


def _json_text(value) -> str:
    """``value`` as SQLAlchemy's JSON type stores it (json.dumps), cached:
    tag lists repeat across thousands of nodes."""
    if not value:
        return "[]"
    try:
        return _json_cached(tuple(value))
    except TypeError:  # unhashable members
        return json.dumps(value)


@functools.lru_cache(maxsize=4096)
def _json_cached(value: tuple) -> str:
    return json.dumps(list(value))


def _comparable(names: tuple[str, ...]):
    """row dict -> tuple of ``names`` in stored form (JSON as text)."""
    get = operator.itemgetter(*names)
    json_at = [i for i, n in enumerate(names) if n in _JSON_COLUMNS]

    def comparable(row: dict) -> tuple:
        values = get(row)
        if not json_at:
            return values
        values = list(values)
        for i in json_at:
            values[i] = _json_text(values[i])
        return tuple(values)

    return comparable


def _raw(column, session: Session):
    # JSON as stored text: comparing strings is much cheaper than decoding
    # every stored row on every import. PostgreSQL's driver decodes a json
    # column whatever SQLAlchemy's type says, so the text is asked for in SQL.
    if column.name not in _JSON_COLUMNS:
        return column
    if session.get_bind().dialect.name == "sqlite":
        return type_coerce(column, Text)
    return sql_cast(column, Text)


class _BulkWriter:
    """executemany for inserts and updates by primary key.

    On SQLite the rows go straight to the driver (values still pass through
    each column type's bind processor): SQLAlchemy's per-row parameter
    handling costs more than SQLite's own work for big imports.
    """

    def __init__(self, session: Session):
        self.session = session
        self.connection = session.connection()
        self.dialect = self.connection.dialect
        self.fast = self.dialect.name == "sqlite" and self.dialect.paramstyle == "qmark"
        self._processors: dict = {}

    def _processor(self, column):
        key = (column.table.name, column.name)
        if key not in self._processors:
            self._processors[key] = column.type.dialect_impl(self.dialect).bind_processor(self.dialect)
        return self._processors[key]

    def _tuples(self, table, names, rows):
        columns = []
        for name in names:
            values = [row[name] for row in rows]
            proc = self._processor(table.c[name])
            if proc is not None:
                if name in _JSON_COLUMNS:
                    values = [_json_text(v) for v in values]
                else:
                    # Timestamps and flags repeat across a whole import:
                    # process each distinct value once.
                    cache: dict = {}
                    values = [cache[v] if v in cache else cache.setdefault(v, proc(v)) for v in values]
            columns.append(values)
        return list(zip(*columns))

    def insert(self, table, rows: list[dict]) -> None:
        if not rows:
            return
        if not self.fast:
            self.session.execute(table.insert(), rows)
            return
        names = list(rows[0])
        sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        self.connection.exec_driver_sql(sql, self._tuples(table, names, rows))

    def update(self, table, rows: list[dict]) -> None:
        """Update rows by primary key; each dict holds the key columns and the new values."""
        if not rows:
            return
        keys = [c.name for c in table.primary_key.columns]
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for row in rows:
            groups[tuple(row)].append(row)
        for names, group in groups.items():
            values = [n for n in names if n not in keys]
            if self.fast:
                sql = (
                    f"UPDATE {table.name} SET {', '.join(f'{n} = ?' for n in values)} "
                    f"WHERE {' AND '.join(f'{k} = ?' for k in keys)}"
                )
                self.connection.exec_driver_sql(sql, self._tuples(table, values + keys, group))
            else:
                stmt = (
                    table.update()
                    .where(*(table.c[k] == bindparam(f"key_{k}") for k in keys))
                    .values({n: bindparam(n) for n in values})
                )
                self.session.execute(stmt, [{**r, **{f"key_{k}": r[k] for k in keys}} for r in group])


def _save_edges(writer: _BulkWriter, edges: list[Edge], now, in_scope, stats: SaveStats) -> None:
    session = writer.session
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
            changes.append({**ident, "seq": seq, "active": True})
    gone = [
        {"source_id": k[0], "target_id": k[1], "kind": k[2], "active": False}
        for k, old in stored.items()
        if old.active and k not in wanted and (in_scope(k[0]) or in_scope(k[1]))
    ]
    writer.insert(_edges, inserts)
    writer.update(_edges, changes + gone)
    stats.edges_added = len(inserts)
    stats.edges_deactivated = len(gone)


def _save_definitions(writer: _BulkWriter, definitions: list[Definition], now, in_scope, stats: SaveStats) -> None:
    session = writer.session
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
            changes.append({**row, "active": True, "changed_at": now})
            stats.definitions_updated += 1
        elif not old.active or old.seq != row["seq"]:
            changes.append({"id": did, "seq": row["seq"], "active": True})
    gone = [
        {"id": did, "active": False}
        for did, old in stored.items()
        if old.active and did not in wanted and in_scope(old.node_id)
    ]
    writer.insert(_defs, inserts)
    writer.update(_defs, changes + gone)
    stats.definitions_added = len(inserts)
    stats.definitions_deactivated = len(gone)


def stored_outline(session: Session, files: Iterable[str]) -> list[StoredNode]:
    """Every node stored for ``files`` (active or not), as much as ``carry_ids``
    needs to recognise it in a new reading of the notes."""
    names = sorted(set(files))
    if not names:
        return []
    rows = session.execute(
        select(_nodes.c.id, _nodes.c.parent_id, _nodes.c.title, _nodes.c.source_file, _nodes.c.position)
        .where(_nodes.c.source_file.in_(names))
    )
    return [StoredNode(nid, parent, title, file, position or 0) for nid, parent, title, file, position in rows]


def load_graph(session: Session, *, include_inactive: bool = False) -> KnowledgeGraph:
    """The stored graph (active nodes only unless asked), as the parser made it."""
    graph = KnowledgeGraph()
    c = _nodes.c
    query = select(
        c.id, c.kind, c.title, c.text, c.marker, c.parent_id, c.count, c.mnemonic, c.page,
        _raw(c.tags, session), _raw(c.flags, session), c.source_file, c.source_line, c.source_end, c.original,
    ).order_by(c.source_file, c.seq)
    if not include_inactive:
        query = query.where(c.active.is_(True))
    nodes = graph.nodes
    for nid, kind, title, text, marker, parent, count, mnemonic, page, tags, flags, file, line, end, original in session.execute(query):
        nodes[nid] = Node(
            id=nid,
            kind=kind,
            title=title,
            text=text,
            marker=marker,
            parent=parent,
            count=count,
            mnemonic=mnemonic,
            page=page,
            tags=_json_list(tags),
            source=SourceRef(file, line, end or 0),
            flags=[as_flag(f) for f in _json_list(flags)],
            original=original or "",
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


def _json_list(raw: str | None) -> list:
    # Most nodes have no tags or flags: skip the decoder for them.
    if not raw or raw == "[]":
        return []
    return list(json.loads(raw))


def active_counts(session: Session) -> dict[str, int]:
    """Active rows per table: nodes, edges, definitions."""
    def count(table):
        return session.execute(select(func.count()).select_from(table).where(table.c.active.is_(True))).scalar_one()

    return {"nodes": count(_nodes), "edges": count(_edges), "definitions": count(_defs)}
