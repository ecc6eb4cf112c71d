"""Pilot tests of the 知识图谱 screen: tree, details, literal note text, related jumps."""

from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from cskexam.core.graph import Definition, Edge, KnowledgeGraph, Node, SourceRef
from cskexam.tui.app import CskexamApp
from cskexam.tui.widgets.graph_tree import GraphTree
from cskexam.tui.widgets.node_details import NodeDetails
from pilot_helpers import notifications, record_notifications, run, screen_cells, screen_text, wait_for

SIZE = (120, 40)
MARKUP_TITLE = "选项[A]与a[i]及[/]"
MARKUP_TEXT = "原样: [A] a[i] [/] [bold]x[/bold] [@click=app.quit]点我[/]"


def build_graph() -> KnowledgeGraph:
    g = KnowledgeGraph()

    def add(nid, kind, title, parent=None, **kw):
        g.nodes[nid] = Node(id=nid, kind=kind, title=title, parent=parent, source=SourceRef("笔记.txt", len(g.nodes) + 1), **kw)
        if parent:
            g.nodes[parent].children.append(nid)

    add("d1", "document", "客户服务管理师二级-《技能理论》重点考点")
    add("c1", "chapter", "客户服务策划", "d1", marker="第一章")
    add("s1", "section", "客户服务环境分析", "c1", marker="第一节")
    add("p1", "point", "宏观环境分析", "s1", marker="(一)", count=5, mnemonic="宏五", page="P4", tags=["重点"])
    for i, (title, text) in enumerate(
        [("市场人口", "人口是构成市场的第一要素"), ("经济环境", ""), ("政治法律环境", ""),
         ("技术环境", "科学技术是社会生产力最新和最活跃的因素"), ("社会文化环境", "")], 1):
        add(f"i{i}", "item", title, "p1", marker=f"{i}、", text=text)
    add("p2", "point", "竞争者环境", "s1", marker="4、", count=4, tags=["简答", "案例分析"],
        flags=["count_mismatch: 4 stated, 3 found"])
    add("k1", "item", "愿望竞争者", "p2", marker="(1)", text="指提供不同的产品以满足不同需求的竞争者")
    add("k2", "item", "普通竞争者", "p2", marker="(2)", text="指提供不同的产品以满足相同需求的竞争者")
    add("k4", "item", "品牌竞争者", "p2", marker="(4)", text="指生产相同规格、型号的产品,但品牌不同的竞争者")
    add("d2", "document", "客户服务管理师(二级)知识点")
    add("p3", "point", "宏观环境分析", "d2", marker="(一)")
    add("m1", "point", MARKUP_TITLE, "d2", marker="[1]", text=MARKUP_TEXT)
    g.edges.append(Edge("p1", "p3"))
    g.definitions.append(Definition("普通竞争者", "指提供不同的产品以满足相同需求的竞争者", "k2"))
    return g


class FakeLibrary:
    """Contract A's methods over a hand-made graph (no database)."""

    def __init__(self, graph: KnowledgeGraph):
        self._graph = graph

    def ensure_imported(self, progress=None, *, defer_steps=False):
        return None

    def pending_steps(self):
        return []

    def graph(self):
        return self._graph

    def summary(self):
        g = self._graph
        return SimpleNamespace(documents=len(g.documents()), chapters=0, sections=0, points=0,
                               items=0, lists=0, definitions=len(g.definitions), imported_at=None)

    def close(self):
        pass


@pytest.fixture(autouse=True)
def _no_home_figures(request, monkeypatch):
    # Stand-in libraries have no database: skip importing the review service
    # (and SQLAlchemy) for the home screen's figures, except where a test uses
    # the real library.
    if "real_library" not in request.node.name:
        from cskexam.services.home import HomeFigures
        from cskexam.tui.screens import home

        monkeypatch.setattr(home, "figures_reader", lambda: lambda library, now: HomeFigures())


def make_app(graph: KnowledgeGraph | None = None) -> CskexamApp:
    library = FakeLibrary(graph if graph is not None else build_graph())
    app = CskexamApp(library_opener=lambda url: library)
    record_notifications(app)
    return app






async def open_graph(pilot) -> GraphTree:
    app = pilot.app
    await wait_for(pilot, lambda: app.library is not None)
    await pilot.press("g")
    await wait_for(pilot, lambda: bool(app.screen.query(GraphTree)))
    await pilot.pause()
    return app.screen.query_one(GraphTree)


def details(app) -> NodeDetails:
    return app.screen.query_one(NodeDetails)


def details_text(app) -> str:
    """The details pane as painted, one string with all whitespace removed.

    Whitespace goes so that a line wrapped by the terminal width still matches.
    """
    region = details(app).content_region
    rows = screen_cells(app)[region.y : region.bottom]
    lines = ["".join(row[region.x : region.right]) for row in rows]
    return "".join("".join(lines).split())


def shows(app, expected: str) -> bool:
    return "".join(expected.split()) in details_text(app)


def keys_to(graph: KnowledgeGraph, node_id: str) -> list[str]:
    """The arrow keys that walk a fresh, collapsed tree to ``node_id``."""
    chain = [*graph.ancestors(node_id), graph.get(node_id)]
    roots = [n.id for n in graph.roots()]
    keys = ["down"] * roots.index(chain[0].id)
    for parent, child in zip(chain, chain[1:]):
        keys += ["right", "right"]  # expand, then step onto the first child
        keys += ["down"] * parent.children.index(child.id)
    return keys



# -- tests -------------------------------------------------------------------
def test_tree_shows_documents_and_arrow_keys_reach_a_node():
    graph = build_graph()

    async def main():
        app = make_app(graph)
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            text = screen_text(app)
            assert "客户服务管理师二级-《技能理论》重点考点" in text
            assert "客户服务管理师(二级)知识点" in text
            assert "市场人口" not in text  # collapsed until opened
            for key in keys_to(graph, "p1"):
                await pilot.press(key)
            await wait_for(pilot, lambda: details(app).node_id == "p1")
            for expected in ("宏观环境分析", "口诀 宏五", "页码 P4", "数量 5", "标签 重点", "编号 (一)", "清单（5 项）",
                             "1、 市场人口：人口是构成市场的第一要素", "社会文化环境",
                             "客户服务管理师二级-《技能理论》重点考点 › 客户服务策划 › 客户服务环境分析"):
                assert shows(app, expected), expected
            await pilot.press("right", "right", "down")  # into the list: 经济环境
            await wait_for(pilot, lambda: details(app).node_id == "i2")
            await pilot.press("left", "left")  # up to the parent, then collapse it
            await wait_for(pilot, lambda: details(app).node_id == "p1")
            await wait_for(pilot, lambda: "2、 经济环境" not in screen_text(app).split("╮")[0])

    run(main())


def test_note_text_is_shown_literally_never_as_markup():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            app.show_node("m1")
            await wait_for(pilot, lambda: details(app).node_id == "m1")
            await pilot.pause()
            text = screen_text(app)
            assert MARKUP_TEXT in text
            assert MARKUP_TITLE in text
            assert "[1] " + MARKUP_TITLE in text  # the tree label too, marker and all
            assert app.is_running  # [@click=app.quit] did nothing

    run(main())


def test_count_mismatch_is_flagged_in_tree_and_details():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            app.show_node("p2")
            await wait_for(pilot, lambda: details(app).node_id == "p2")
            await pilot.pause()
            text = screen_text(app)
            assert "4、 竞争者环境 ×4 ⚠" in text
            assert shows(app, "⚠ 数量不符：写明 4 项，找到 3 项")
            assert shows(app, "标签 简答、案例分析")
            app.show_node("p1")  # no flag, no warning
            await wait_for(pilot, lambda: details(app).node_id == "p1")
            await pilot.pause()
            assert shows(app, "口诀 宏五") and not shows(app, "数量不符")

    run(main())


def test_definitions_are_shown_on_their_node():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            app.show_node("k2")
            await wait_for(pilot, lambda: details(app).node_id == "k2")
            await pilot.pause()
            assert shows(app, "定义")
            assert shows(app, "普通竞争者：指提供不同的产品以满足相同需求的竞争者")
            tree = app.screen.query_one(GraphTree)
            assert tree.cursor_node_id == "k2"  # the tree follows show_node

    run(main())


def test_related_nodes_are_followed_with_number_keys_and_backspace_returns():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            tree = await open_graph(pilot)
            app.show_node("p1")
            await wait_for(pilot, lambda: details(app).node_id == "p1")
            await pilot.pause()
            assert shows(app, "相关节点") and shows(app, "客户服务管理师(二级)知识点")
            await pilot.press("1")
            await wait_for(pilot, lambda: details(app).node_id == "p3")
            await pilot.pause()
            assert tree.cursor_node_id == "p3"
            assert shows(app, "客户服务管理师二级-《技能理论》重点考点 › 客户服务策划")  # the way back
            await pilot.press("2")  # only one related node: nothing happens
            assert details(app).node_id == "p3"
            await pilot.press("backspace")
            await wait_for(pilot, lambda: details(app).node_id == "p1")
            assert tree.cursor_node_id == "p1"

    run(main())


def test_big_graph_is_expanded_lazily():
    g = KnowledgeGraph()
    g.nodes["doc"] = Node(id="doc", kind="document", title="大文档")
    for c in range(40):
        cid = f"c{c}"
        g.nodes[cid] = Node(id=cid, kind="chapter", title=f"第{c + 1}章", parent="doc")
        g.nodes["doc"].children.append(cid)
        for p in range(100):
            pid = f"c{c}p{p}"
            g.nodes[pid] = Node(id=pid, kind="point", title=f"要点{c + 1}-{p + 1}", parent=cid, text="客户服务" * 20)
            g.nodes[cid].children.append(pid)

    async def main():
        app = make_app(g)
        async with app.run_test(size=SIZE) as pilot:
            tree = await open_graph(pilot)
            assert tree.loaded_count == 1  # only the document so far
            await pilot.press("right")
            await wait_for(pilot, lambda: tree.loaded_count == 41)
            app.show_node("c39p99")
            await wait_for(pilot, lambda: details(app).node_id == "c39p99")
            assert tree.loaded_count == 141  # one chapter's points, not 4000
            await pilot.pause()
            assert "要点40-100" in screen_text(app)  # scrolled into view

    run(main())


def test_empty_library_says_so():
    async def main():
        app = make_app(KnowledgeGraph())
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("g")
            await wait_for(pilot, lambda: "资料库里还没有笔记" in screen_text(app))

    run(main())


def test_tab_moves_focus_to_the_details_and_back():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            tree = await open_graph(pilot)
            assert tree.has_focus
            await pilot.press("tab")
            assert details(app).has_focus
            await pilot.press("tab")
            assert tree.has_focus

    run(main())


# -- the real notes ------------------------------------------------------------
def test_real_notes_macro_environment_by_keys(bundled_graph):
    graph = copy.deepcopy(bundled_graph)
    target = next(n for n in graph.find("宏观环境分析") if n.mnemonic == "宏五")

    async def main():
        app = make_app(graph)
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            for doc in graph.documents()[:3]:
                assert doc.title in screen_text(app)
            for key in keys_to(graph, target.id):
                await pilot.press(key)
            await wait_for(pilot, lambda: details(app).node_id == target.id)
            await pilot.pause()
            for expected in ("宏观环境分析", "口诀 宏五", "页码 P4", "清单（5 项）", "市场人口", "经济环境",
                             "政治法律环境", "技术环境", "社会文化环境"):
                assert shows(app, expected), expected
            await pilot.press("escape")
            await wait_for(pilot, lambda: len(app.screen_stack) == 1)
            await pilot.press("q")
            await wait_for(pilot, lambda: not app.is_running)

    run(main())


def test_real_notes_competitor_types_with_definitions(bundled_graph):
    graph = copy.deepcopy(bundled_graph)
    competitor = next(n for n in graph.find("竞争者环境") if len(graph.children(n.id)) == 4)

    async def main():
        app = make_app(graph)
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            app.show_node(competitor.id)
            await wait_for(pilot, lambda: details(app).node_id == competitor.id)
            await pilot.pause()
            for name in ("愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"):
                assert shows(app, name), name
            ordinary = next(c for c in graph.children(competitor.id) if c.title == "普通竞争者")
            app.show_node(ordinary.id)
            await wait_for(pilot, lambda: details(app).node_id == ordinary.id)
            await pilot.pause()
            assert shows(app, "指提供不同的产品以满足相同需求的竞争者")

    run(main())


class RecordingScreen(Screen):
    """Stands in for the 复习 screen: remembers what it was opened with."""

    def __init__(self, node_id: str | None = None):
        super().__init__()
        self.node_id = node_id

    def compose(self):
        yield Static(Content(f"复习 {self.node_id}"))


def test_d_drills_the_selected_node(monkeypatch):
    from cskexam.tui.screens import registry

    entries = tuple(e for e in registry.ENTRIES if e.name != "drill")
    stand_in = registry.ScreenEntry("r", "drill", "复习", lambda: RecordingScreen)
    monkeypatch.setattr(registry, "ENTRIES", (*entries, stand_in))

    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            assert "d 复习本节" in screen_text(app)
            app.show_node("p2")
            await wait_for(pilot, lambda: details(app).node_id == "p2")
            await pilot.press("d")
            await wait_for(pilot, lambda: isinstance(app.screen, RecordingScreen))
            assert app.screen.node_id == "p2"
            await pilot.press("escape")
            await wait_for(pilot, lambda: details(app).node_id == "p2" and app.screen.SCREEN_NAME == "graph")

    run(main())


def test_drill_key_is_hidden_when_there_is_no_drill_screen(monkeypatch):
    from cskexam.tui.screens import registry

    monkeypatch.setattr(registry, "ENTRIES", tuple(e for e in registry.ENTRIES if e.name != "drill"))

    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            assert "复习本节" not in screen_text(app)
            await pilot.press("d")
            assert app.screen.SCREEN_NAME == "graph"

    run(main())


def test_unknown_node_id_is_reported_not_raised():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            app.show_node("no-such-node")
            await wait_for(pilot, lambda: any("找不到这个节点" in str(n.message) for n in notifications(app)))
            assert app.screen.SCREEN_NAME == "graph" and app.is_running

    run(main())
