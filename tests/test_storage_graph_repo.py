"""Saving a KnowledgeGraph: round trip, idempotence, edits, vanished nodes, scope."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from sqlalchemy import select

from cskexam.core.graph import Definition, Edge, KnowledgeGraph, Node, SourceRef, node_id
from cskexam.storage import graph_repo
from cskexam.storage.db import open_database
from cskexam.storage.models_graph import DefinitionRow, EdgeRow, ImportRunRow, NodeRow

T0 = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
T1 = T0 + dt.timedelta(days=1)
T2 = T0 + dt.timedelta(days=2)


class GraphBuilder:
    """Builds a graph the way the parser lays it out (outline order, ids from title paths)."""

    def __init__(self, file: str = "notes.txt"):
        self.file = file
        self.graph = KnowledgeGraph()
        self.line = 0

    def add(self, title: str, kind: str, parent: str | None = None, **fields) -> str:
        titles = [*(self.graph.path_titles(parent) if parent else []), *([self.graph.get(parent).title] if parent else []), title]
        nid = node_id(self.file, titles)
        self.line += 1
        self.graph.nodes[nid] = Node(id=nid, kind=kind, title=title, parent=parent, source=SourceRef(self.file, self.line), **fields)
        if parent:
            self.graph.nodes[parent].children.append(nid)
        return nid


def competitor_graph(file: str = "notes.txt") -> KnowledgeGraph:
    b = GraphBuilder(file)
    doc = b.add("客户服务管理师二级-《技能理论》重点考点", "document")
    ch = b.add("第一章 客户服务策划", "chapter", doc, marker="第一章")
    macro = b.add("宏观环境分析", "point", ch, marker="(一)", count=5, mnemonic="宏五", page="P4", tags=["重点"])
    for i, t in enumerate(["市场人口", "经济环境", "政治法律环境", "技术环境", "社会文化环境"], 1):
        b.add(t, "item", macro, marker=f"{i}、", text="人口是构成市场的第一要素" if i == 1 else "")
    micro = b.add("微观环境", "point", ch, marker="(二)", count=4, mnemonic="微四", page="P5")
    for i, t in enumerate(["营销环境", "销售环境", "服务环境"], 1):
        b.add(t, "item", micro, marker=f"{i}、")
    comp = b.add("竞争者环境", "item", micro, marker="4、", tags=["简答", "案例分析"])
    texts = {
        "愿望竞争者": "指提供不同的产品以满足不同需求的竞争者",
        "普通竞争者": "指提供不同的产品以满足相同需求的竞争者",
        "产品形式竞争者": "指生产同类但规格、型号、款式不同产品的竞争者",
        "品牌竞争者": "指生产相同规格、型号的产品,但品牌不同的竞争者",
    }
    for i, (t, text) in enumerate(texts.items(), 1):
        nid = b.add(t, "item", comp, marker=f"({i})、", text=text)
        b.graph.definitions.append(Definition(t, text, nid))
    odd = b.add("[企业为什么要重视营销环境?]", "point", ch, text="a[i] 与 [A] 以及 [/] 都是文字", flags=["count_mismatch: 3 stated, 2 found"])
    b.graph.edges.append(Edge(macro, odd))
    return b.graph


def _find(graph: KnowledgeGraph, title: str) -> Node:
    (node,) = graph.find(title)
    return node


@pytest.fixture
def db(db_url):
    database = open_database(db_url)
    yield database
    database.close()


def _rows(db, model):
    with db.session() as s:
        return {tuple(getattr(r, c.name) for c in model.__table__.primary_key.columns): {
            c.name: getattr(r, c.name) for c in model.__table__.columns
        } for r in s.scalars(select(model))}


def _save(db, graph, now, **kw):
    with db.session(immediate=True) as s:
        return graph_repo.save_graph(s, graph, now, **kw)


def _load(db, **kw):
    with db.session() as s:
        return graph_repo.load_graph(s, **kw)


def test_round_trip_gives_the_same_graph(db):
    graph = competitor_graph()
    stats = _save(db, graph, T0)
    assert len(stats.added) == len(graph) and not (stats.updated or stats.unchanged or stats.deactivated)
    loaded = _load(db)
    assert loaded.to_dict() == graph.to_dict()
    assert [n.children for n in loaded] == [n.children for n in graph]
    assert [n.flags for n in loaded] == [n.flags for n in graph]
    odd = _find(loaded, "[企业为什么要重视营销环境?]")
    assert odd.text == "a[i] 与 [A] 以及 [/] 都是文字"
    macro = _find(loaded, "宏观环境分析")
    assert (macro.count, macro.mnemonic, macro.page, macro.tags) == (5, "宏五", "P4", ["重点"])
    assert [c.title for c in loaded.children(macro.id)] == ["市场人口", "经济环境", "政治法律环境", "技术环境", "社会文化环境"]


def test_timestamps_are_stored_as_sqlalchemy_writes_them(db):
    """The fast insert path must store exactly what the ORM would (string comparisons in SQL)."""
    from sqlalchemy import text

    if not db.is_sqlite:
        pytest.skip("the fast insert path is SQLite's; PostgreSQL stores timestamps as such")

    _save(db, competitor_graph(), T0)
    with db.session() as s:
        s.add(ImportRunRow(started_at=T0, finished_at=T0, files=[]))
    with db.session() as s:
        via_orm = s.execute(text("SELECT started_at FROM import_runs")).scalar()
        stored = {r[0] for r in s.execute(text("SELECT first_seen FROM nodes UNION SELECT last_seen FROM definitions"))}
        tags = s.execute(text("SELECT tags FROM nodes WHERE title = '宏观环境分析'")).scalar()
    assert stored == {via_orm} == {"2025-03-01 12:00:00.000000"}
    assert tags == '["\\u91cd\\u70b9"]'  # JSON as SQLAlchemy's JSON type writes it


def test_rows_know_their_document_and_place_among_siblings(db):
    graph = competitor_graph()
    _save(db, graph, T0)
    rows = _rows(db, NodeRow)
    doc = graph.documents()[0]
    brand = _find(graph, "品牌竞争者")
    row = rows[(brand.id,)]
    assert row["document_id"] == doc.id
    assert row["position"] == 3
    assert row["parent_id"] == _find(graph, "竞争者环境").id
    assert row["first_seen"] == row["last_seen"] == row["changed_at"] == T0


def test_saving_the_same_graph_twice_changes_nothing(db):
    graph = competitor_graph()
    _save(db, graph, T0)
    before = {k: {c: v for c, v in r.items() if c != "last_seen"} for k, r in _rows(db, NodeRow).items()}
    defs_before = _rows(db, DefinitionRow)
    stats = _save(db, copy.deepcopy(graph), T1)
    assert not stats.changed
    assert (len(stats.added), len(stats.updated), len(stats.unchanged), len(stats.deactivated)) == (0, 0, len(graph), 0)
    after = _rows(db, NodeRow)
    assert {k: {c: v for c, v in r.items() if c != "last_seen"} for k, r in after.items()} == before
    assert all(r["last_seen"] == T1 for r in after.values())
    assert all(r["last_seen"] == T1 for r in _rows(db, DefinitionRow).values())
    assert all(r["last_seen"] == T1 for r in _rows(db, EdgeRow).values())
    assert {k: r["text"] for k, r in _rows(db, DefinitionRow).items()} == {k: r["text"] for k, r in defs_before.items()}


def test_edited_text_keeps_ids_and_counts_one_update(db):
    graph = competitor_graph()
    _save(db, graph, T0)
    edited = copy.deepcopy(graph)
    plain = _find(edited, "普通竞争者")
    plain.text = "指提供不同的产品以满足相同需求的竞争者（例如汽车与摩托车）"
    stats = _save(db, edited, T1)
    assert stats.updated == [plain.id] and not stats.added and not stats.deactivated
    rows = _rows(db, NodeRow)
    assert set(rows) == {(nid,) for nid in graph.nodes}
    assert rows[(plain.id,)]["changed_at"] == T1 and rows[(plain.id,)]["first_seen"] == T0
    assert rows[(_find(edited, "品牌竞争者").id,)]["changed_at"] == T0
    assert _load(db).get(plain.id).text.endswith("（例如汽车与摩托车）")


def test_a_node_that_only_moved_is_unchanged_but_its_line_is_updated(db):
    graph = competitor_graph()
    _save(db, graph, T0)
    moved = copy.deepcopy(graph)
    for node in moved:
        node.source = SourceRef(node.source.file, node.source.line + 3)
    stats = _save(db, moved, T1)
    assert not stats.updated and len(stats.unchanged) == len(graph)
    assert _load(db).to_dict() == moved.to_dict()
    assert all(r["changed_at"] == T0 for r in _rows(db, NodeRow).values())


def test_vanished_nodes_are_deactivated_not_deleted_and_come_back_with_their_id(db):
    graph = competitor_graph()
    _save(db, graph, T0)
    shrunk = copy.deepcopy(graph)
    comp = _find(shrunk, "竞争者环境")
    gone = [n.id for n in shrunk.descendants(comp.id)] + [comp.id]
    micro = shrunk.get(comp.parent)
    micro.children.remove(comp.id)
    for nid in gone:
        del shrunk.nodes[nid]
    shrunk.definitions = [d for d in shrunk.definitions if d.node not in gone]

    stats = _save(db, shrunk, T1)
    assert sorted(stats.deactivated) == sorted(gone)
    rows = _rows(db, NodeRow)
    assert all(rows[(nid,)]["active"] is False for nid in gone)  # still there
    assert len(rows) == len(graph)
    loaded = _load(db)
    assert loaded.to_dict() == shrunk.to_dict()
    assert all(not r["active"] for r in _rows(db, DefinitionRow).values())
    assert len(_load(db, include_inactive=True)) == len(graph)

    stats = _save(db, graph, T2)
    assert sorted(stats.reactivated) == sorted(gone) and not stats.added
    rows = _rows(db, NodeRow)
    assert all(rows[(nid,)]["active"] and rows[(nid,)]["first_seen"] == T0 for nid in gone)
    assert _load(db).to_dict() == graph.to_dict()


def test_removed_edges_and_definitions_are_deactivated(db):
    graph = competitor_graph()
    _save(db, graph, T0)
    edited = copy.deepcopy(graph)
    edited.edges = []
    edited.definitions = edited.definitions[1:]
    stats = _save(db, edited, T1)
    assert stats.edges_deactivated == 1 and stats.definitions_deactivated == 1
    assert not stats.deactivated  # nodes untouched
    assert [r["active"] for r in _rows(db, EdgeRow).values()] == [False]
    assert _load(db).to_dict() == edited.to_dict()


def test_changed_definition_text_is_updated_in_place(db):
    graph = competitor_graph()
    _save(db, graph, T0)
    edited = copy.deepcopy(graph)
    d = edited.definitions[0]
    edited.definitions[0] = Definition(d.term, d.text + "。", d.node)
    stats = _save(db, edited, T1)
    assert stats.definitions_updated == 1 and stats.definitions_added == 0
    assert _load(db).definitions == edited.definitions


def test_importing_another_file_leaves_the_first_alone_unless_replacing(db):
    first = competitor_graph("a.txt")
    second = competitor_graph("b.txt")
    _save(db, first, T0)
    stats = _save(db, second, T1)
    assert len(stats.added) == len(second) and not stats.deactivated
    both = _load(db)
    assert len(both) == len(first) + len(second)
    assert [n.id for n in both] == [*first.nodes, *second.nodes]

    stats = _save(db, second, T2, replace=True)
    assert sorted(stats.deactivated) == sorted(first.nodes)
    assert _load(db).to_dict() == second.to_dict()


def test_a_file_that_now_yields_nothing_is_deactivated_when_named(db):
    _save(db, competitor_graph("a.txt"), T0)
    other = competitor_graph("b.txt")
    stats = _save(db, other, T1, files=["a.txt", "b.txt"])
    assert len(stats.deactivated) == len(competitor_graph("a.txt"))


def test_definition_ids_are_stable_and_distinguish_repeats():
    assert graph_repo.definition_id("n1", "客户服务") == graph_repo.definition_id("n1", "客户服务", 0)
    assert graph_repo.definition_id("n1", "客户服务", 1) != graph_repo.definition_id("n1", "客户服务", 0)
    assert graph_repo.definition_id("n1", "客户服务") != graph_repo.definition_id("n2", "客户服务")


def test_a_failed_save_leaves_nothing(db):
    graph = competitor_graph()
    with pytest.raises(RuntimeError):
        with db.session(immediate=True) as s:
            graph_repo.save_graph(s, graph, T0)
            raise RuntimeError("later step failed")
    assert _rows(db, NodeRow) == {} and _rows(db, DefinitionRow) == {}


def test_bundled_notes_round_trip(db, bundled_graph):
    _save(db, bundled_graph, T0)
    loaded = _load(db)
    assert loaded.to_dict() == bundled_graph.to_dict()
    assert [n.children for n in loaded] == [n.children for n in bundled_graph]
    macro = next(n for n in loaded.find("宏观环境分析") if n.count == 5)
    assert (macro.mnemonic, macro.page) == ("宏五", "P4")
    assert [c.title for c in loaded.children(macro.id)] == ["市场人口", "经济环境", "政治法律环境", "技术环境", "社会文化环境"]


def test_flags_and_original_lines_round_trip_and_old_string_flags_read_as_objects(db):
    from cskexam.core.notes import NoteSource, parse_notes

    notes = "复习\n复习\n1、服务的四大特性:无形性、不可分性、易消失性\n  补充说明"
    graph = parse_notes([NoteSource("n.txt", notes, original=notes.replace("无形性", "无形"))])
    _save(db, graph, T0)
    loaded = _load(db)
    node = _find(loaded, "服务的四大特性")
    assert node.flags == [{"kind": "count_mismatch", "stated": 4, "found": 3}] and node.blocks_items
    assert node.original == "1、服务的四大特性:无形、不可分性、易消失性\n  补充说明"
    assert (node.source.line, node.source.last) == (3, 4)
    with db.session(immediate=True) as s:
        s.execute(NodeRow.__table__.update().where(NodeRow.id == node.id).values(flags=["count_mismatch: stated 4, found 3", "title_truncated"]))
    again = _find(_load(db), "服务的四大特性")
    assert again.flags == [{"kind": "count_mismatch", "stated": 4, "found": 3}, {"kind": "title_truncated"}]
