"""Pilot tests of the TUI shell: start-up, home screen, keys, screen registry."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

import pytest

from cskexam.core.graph import Definition, Edge, KnowledgeGraph, Node, SourceRef
from cskexam.errors import UserError
from cskexam.tui.app import CskexamApp
from cskexam.tui.launch import finish
from cskexam.tui.screens import registry
from pilot_helpers import notifications, record_notifications, run, screen_text, wait_for, wait_for_text

SIZE = (120, 40)


# -- a small library built by hand -------------------------------------------
def small_graph() -> KnowledgeGraph:
    g = KnowledgeGraph()

    def add(nid, kind, title, parent=None, **kw):
        g.nodes[nid] = Node(id=nid, kind=kind, title=title, parent=parent, source=SourceRef("笔记.txt", len(g.nodes) + 1), **kw)
        if parent:
            g.nodes[parent].children.append(nid)

    add("d1", "document", "客户服务管理师二级-《技能理论》重点考点")
    add("c1", "chapter", "客户服务策划", "d1", marker="第一章")
    add("p1", "point", "宏观环境分析", "c1", marker="(一)", count=5, mnemonic="宏五", page="P4")
    for i, title in enumerate(["市场人口", "经济环境", "政治法律环境", "技术环境", "社会文化环境"], 1):
        add(f"i{i}", "item", title, "p1", marker=f"{i}、")
    add("d2", "document", "客户管理总复习试题")
    add("p2", "point", "客户服务的五大特性", "d2", marker="3、", count=5)
    g.definitions.append(Definition("客户服务环境", "与企业营销活动有潜在关系的所有外部力量和相关因素的集合", "c1"))
    g.edges.append(Edge("p1", "p2"))
    return g


@dataclass
class Summary:
    documents: int
    chapters: int
    sections: int
    points: int
    items: int
    lists: int
    definitions: int
    imported_at: datetime | None = None


class FakeLibrary:
    """Same methods as ``cskexam.services.library.Library`` (contract A), no database."""

    def __init__(self, graph: KnowledgeGraph | None = None, gate: threading.Event | None = None):
        self._graph = graph or small_graph()
        self.gate = gate
        self.closed = False
        self.graph_calls = 0

    def ensure_imported(self, progress=None, *, defer_steps=False):
        if progress:
            progress(1, 4, "正在导入笔记")
        if self.gate is not None:
            assert self.gate.wait(10)
        if progress:
            progress(4, 4, "正在导入笔记")
        return None

    def pending_steps(self):
        return []

    def graph(self):
        self.graph_calls += 1
        return self._graph

    def summary(self):
        g = self._graph
        return Summary(
            documents=len(g.documents()),
            chapters=sum(n.kind == "chapter" for n in g),
            sections=sum(n.kind == "section" for n in g),
            points=sum(n.kind == "point" for n in g),
            items=sum(n.kind == "item" for n in g),
            lists=len(g.lists()),
            definitions=len(g.definitions),
            imported_at=datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc),
        )

    def close(self):
        self.closed = True


@pytest.fixture(autouse=True)
def _no_home_figures(request, monkeypatch):
    # Stand-in libraries have no database: skip importing the review service
    # (and SQLAlchemy) for the home screen's figures, except where a test uses
    # the real library.
    if "real_library" not in request.node.name:
        from cskexam.services.home import HomeFigures
        from cskexam.tui.screens import home

        monkeypatch.setattr(home, "figures_reader", lambda: lambda library, now: HomeFigures())


def make_app(library=None, **kwargs) -> CskexamApp:
    library = library or FakeLibrary()
    app = CskexamApp(library_opener=lambda url: library, **kwargs)
    record_notifications(app)
    return app


# -- helpers -----------------------------------------------------------------








# -- tests -------------------------------------------------------------------
def test_home_shows_library_counts_and_today():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            text = await wait_for_text(pilot, "文档")
            await wait_for(pilot, lambda: re.search(r"清单条目\s+5", screen_text(app)) is not None)
            text = screen_text(app)
            assert re.search(r"文档\s+2\b", text)
            assert re.search(r"章\s+1\b", text) and re.search(r"节\s+0\b", text)
            assert re.search(r"要点\s+2\b", text)
            assert re.search(r"定义\s+1\b", text)
            assert re.search(r"今日到期\s+0", text) and re.search(r"新卡\s+0", text)
            assert "g   知识图谱" in text  # the screen list with its key
            assert "q 退出" in text  # the footer

    run(main())


def test_home_is_painted_before_the_library_opens_and_shows_import_progress():
    gate = threading.Event()

    async def main():
        library = FakeLibrary(gate=gate)
        app = make_app(library)
        async with app.run_test(size=SIZE) as pilot:
            text = await wait_for_text(pilot, "正在导入笔记")
            assert "正在打开资料库" in text
            assert app.library is None
            await pilot.press("g")  # not ready yet: stays home, says so, and opens it once ready
            await wait_for(pilot, lambda: any("正在导入，请稍候" in str(n.message) for n in notifications(app)))
            assert len(app.screen_stack) == 1
            gate.set()
            await wait_for(pilot, lambda: app.library is library)
            await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")
            await pilot.press("escape")
            await wait_for(pilot, lambda: re.search(r"文档\s+2", screen_text(app)) is not None)
            assert "正在导入笔记" not in screen_text(app)
        assert library.closed  # closed when the app shuts down

    try:
        run(main())
    finally:
        gate.set()


def test_unopenable_library_shows_the_message_and_run_returns_2(capsys):
    def opener(url):
        raise UserError("数据库文件已损坏或不是 SQLite 数据库", file="/tmp/坏的[A]/cskexam.sqlite3")

    async def main():
        app = CskexamApp(library_opener=opener)
        record_notifications(app)
        async with app.run_test(size=SIZE) as pilot:
            text = await wait_for_text(pilot, "数据库文件已损坏")
            assert "/tmp/坏的[A]/cskexam.sqlite3" in text  # a path is text, not markup
            assert "资料库无法打开" in text
            await pilot.press("g")  # says why instead of opening
            assert len(app.screen_stack) == 1
            await wait_for(pilot, lambda: any("坏的[A]" in n.message and not n.markup for n in notifications(app)))
            await pilot.press("q")
        return app

    app = run(main())
    assert finish(app) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误: /tmp/坏的[A]/cskexam.sqlite3: 数据库文件已损坏")
    assert "Traceback" not in err


def test_g_opens_the_graph_escape_goes_back_q_quits():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("g")
            text = await wait_for_text(pilot, "客户服务管理师二级-《技能理论》重点考点")
            assert "客户管理总复习试题" in text
            assert "知识图谱" in text
            assert "esc 返回" in text
            await pilot.press("escape")
            await wait_for(pilot, lambda: len(app.screen_stack) == 1)
            assert "资料库" in screen_text(app)
            assert "esc 返回" not in screen_text(app)  # nothing to go back to
            await pilot.press("q")
            await wait_for(pilot, lambda: not app.is_running)

    run(main())


def test_screens_do_not_pile_up():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("g")
            await wait_for_text(pilot, "章节与要点")
            graph_screen = app.screen
            await pilot.press("h")
            await wait_for(pilot, lambda: len(app.screen_stack) == 1)
            await pilot.press("g")
            await wait_for_text(pilot, "章节与要点")
            app.show_node("i3")  # already open: the same screen shows the node
            await wait_for_text(pilot, "政治法律环境")
            assert len(app.screen_stack) == 2
            assert app.screen is not graph_screen or app.screen.SCREEN_NAME == "graph"

    run(main())


def test_help_lists_the_keys():
    async def main():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("g")
            await wait_for_text(pilot, "章节与要点")
            await pilot.press("question_mark")
            text = await wait_for_text(pilot, "全局按键")
            for expected in ("知识图谱", "返回上一界面", "退出", "跳到第 n 个相关节点"):
                assert expected in text
            await pilot.press("escape")
            await wait_for(pilot, lambda: "全局按键" not in screen_text(app))
            assert app.screen.SCREEN_NAME == "graph"

    run(main())


def test_registry_wires_every_screen_by_its_name():
    names = [e.name for e in registry.available_entries()]
    assert names[:2] == ["home", "graph"]
    for e in registry.available_entries():
        assert getattr(e.load(), "SCREEN_NAME", e.name) == e.name
    with pytest.raises(KeyError):
        registry.screen_class("nowhere")
    assert registry.screen_class("graph").__name__ == "GraphScreen"


def test_app_keys_come_from_the_registry():
    keys = {b.key: b.description for b in CskexamApp.BINDINGS}
    for e in registry.available_entries():
        key = {"/": "slash", "?": "question_mark", ",": "comma"}.get(e.key, e.key)
        assert keys[key] == e.label
    assert keys["q"] == "退出" and keys["escape"] == "返回" and keys["question_mark"] == "帮助"


def test_first_paint_path_imports_neither_storage_nor_jieba(tmp_path):
    # The real start-up path in a fresh process, headless, exiting after the
    # first paint: nothing heavy may have been imported by then.
    code = (
        "import sys\n"
        "from cskexam.tui.app import CskexamApp\n"
        "app = CskexamApp()\n"
        "app.run(headless=True, size=(100, 30))\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'jieba', 'rjieba'))\n"
        "print('HEAVY', heavy)\n"
    )
    env = dict(os.environ, CSKEXAM_HOME=str(tmp_path), CSKEXAM_EXIT_AFTER_FIRST_PAINT="1",
               CSKEXAM_FIRST_PAINT_FILE=str(tmp_path / "painted"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout
    assert float((tmp_path / "painted").read_text()) > 0
    assert not (tmp_path / "cskexam.sqlite3").exists()  # the library was not opened yet


@pytest.mark.skipif(importlib.util.find_spec("cskexam.services.library") is None, reason="library service not there yet")
def test_real_library_first_run_imports_the_bundled_notes(tmp_db_url):
    try:
        from cskexam.services.notes import load_graph

        load_graph()
    except NotImplementedError:
        pytest.skip("the notes parser is not available yet")

    async def main():
        app = CskexamApp(db_url=tmp_db_url)  # migrated, holding no notes yet
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None or app.load_error is not None, timeout=30)
            assert app.load_error is None
            await wait_for(pilot, lambda: re.search(r"文档\s+[1-9]", screen_text(app)) is not None)
            assert app.import_result is not None  # it was the first run
            # Cards are prepared after the library is shown: the figures come when they are stored.
            await wait_for(pilot, lambda: re.search(r"新卡\s+[1-9]", screen_text(app)) is not None, timeout=30)
            await pilot.press("g")
            await wait_for_text(pilot, "客户服务管理师二级-《技能理论》重点考点", timeout=10)

    run(main())


@pytest.mark.skipif(importlib.util.find_spec("cskexam.services.library") is None, reason="library service not there yet")
def test_real_library_corrupt_database_is_reported_on_screen(tmp_path, capsys):
    bad = tmp_path / "坏库.sqlite3"
    bad.write_bytes(b"this is not SQLite\x00\xff" * 300)
    before = bad.read_bytes()

    async def main():
        app = CskexamApp(db_url=f"sqlite:///{bad}")
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.load_error is not None, timeout=30)
            # The library line says 资料库无法打开 as soon as it is updated; the box that names the
            # file is mounted beside it and drawn a moment later (later still on a busy machine):
            # wait for the box, its file name and its last words.
            await wait_for_text(pilot, "资料库无法打开", "坏库.sqlite3", "按 q 退出")
            await pilot.press("q")
        return app

    app = run(main())
    assert finish(app) == 2
    assert "坏库.sqlite3" in capsys.readouterr().err
    assert bad.read_bytes() == before  # nothing written


def test_aligned_pairs_line_up_cjk_labels_and_counts():
    from rich.cells import cell_len

    from cskexam.tui.widgets.text import aligned_pairs, clip

    lines = aligned_pairs([("文档", "16"), ("清单条目", "167"), ("连续学习", "3 天"), ("导入时间", "2026-11-29 19:14")]).plain.split("\n")
    ends = [cell_len(line.split(" 天")[0]) for line in lines[:3]]
    assert len(set(ends)) == 1, lines  # the last digits share a column
    assert lines[3].endswith("  2026-11-29 19:14")
    assert clip("客户服务的五大特性：无形性、不可分性", 10) == "客户服务…"
    assert clip("宏观 环境\n分析", 20) == "宏观 环境 分析"


def test_every_available_registry_entry_names_a_screen_class():
    from textual.screen import Screen

    entries = registry.available_entries()
    assert len({e.key for e in entries}) == len(entries)  # one key per screen
    for e in entries:
        cls = registry.screen_class(e.name)
        assert issubclass(cls, Screen), e.target


def test_unwritable_data_dir_is_reported_on_screen(tmp_path, monkeypatch):
    blocker = tmp_path / "不是目录"
    blocker.write_text("x")
    monkeypatch.setenv("CSKEXAM_HOME", str(blocker / "home"))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)

    async def main():
        app = CskexamApp()  # the real open_library, which creates the data dir
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.load_error is not None, timeout=30)
            text = await wait_for_text(pilot, "无法创建数据目录")
            assert "不是目录" in text
        return app

    app = run(main())
    assert finish(app) == 2


def test_home_fits_80x24_and_does_not_stretch_at_200x50():
    # Fault: at 80x24 the menu fell below the fold; at 200x50 two huge boxes.
    async def main():
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: re.search(r"文档\s+2", screen_text(app)) is not None)
            labels = [e.label for e in registry.available_entries() if e.name != "home"]
            # The menu and the figures settle after the library line: wait for all of them.
            await wait_for_text(pilot, *labels, "今日到期", "q 退出")
            await pilot.resize_terminal(200, 50)

            def fitted() -> bool:
                return (app.size.width == 200 and app.screen.query_one("#home-panels").size.width > 0
                        and app.screen.query_one("#home-menu").size.width > 0)

            await wait_for(pilot, fitted)
            await pilot.pause(0.2)
            panels = app.screen.query_one("#home-panels")
            assert panels.size.width <= 130
            assert app.screen.query_one("#home-menu").size.width < 80

    run(main())
