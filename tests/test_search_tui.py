"""Pilot tests of the 搜索 screen: typing, highlighting, opening, drilling, practising."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass

import pytest
from textual.app import App
from textual.widgets import Input, OptionList

from cskexam.services.search_index import rebuild_index
from cskexam.storage.db import open_database
from cskexam.tui.screens import registry
from cskexam.tui.screens.search import SearchScreen, highlighted

from test_search_data import make_graph
from pilot_helpers import screen_text, wait_for

SIZE = (110, 36)
NOW = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


class IndexedLibrary:
    """A library over a real indexed SQLite file; only what the search screen and shell use."""

    def __init__(self, path):
        self.db = open_database(f"sqlite:///{path}")
        self._graph = make_graph()
        with self.db.session() as session:
            rebuild_index(session, self._graph, NOW)

    def ensure_imported(self, progress=None, *, defer_steps=False):
        return None

    def pending_steps(self):
        return []

    def graph(self, **_):
        return self._graph

    def summary(self):
        g = self._graph

        @dataclass
        class S:
            documents: int = len(g.documents())
            chapters: int = 2
            sections: int = 1
            points: int = 5
            items: int = 20
            lists: int = 4
            definitions: int = 4
            inactive: int = 0
            imported_at: dt.datetime | None = NOW
            empty: bool = False

        return S()

    def close(self):
        self.db.close()


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    lib = IndexedLibrary(tmp_path_factory.mktemp("tui") / "s.sqlite3")
    yield lib
    lib.close()


class SearchTestApp(App):
    def __init__(self, library, query=""):
        super().__init__()
        self.library = library
        self.query_text = query
        self.shown: list[str] = []
        self.opened: list[tuple[str, dict]] = []
        self.notices: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(SearchScreen(query=self.query_text))

    def show_node(self, node_id: str) -> None:
        self.shown.append(node_id)

    def notify(self, message, **kwargs):
        self.notices.append(message)
        return super().notify(message, **kwargs)

    def open_screen(self, name: str, **kwargs) -> None:
        self.opened.append((name, kwargs))






def results_of(app) -> list[str]:
    return [r.title for r in app.screen.results]


def test_results_update_as_you_type_and_enter_opens_the_node(library):
    async def main():
        app = SearchTestApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"竞争者")
            await wait_for(pilot, lambda: app.screen.last_query == "竞争者")
            assert {"愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"} <= set(results_of(app)[:5])
            text = screen_text(app)
            assert "愿望竞争者" in text and "指提供不同的产品以满足不同需求的竞争者" in text
            assert "条结果" in text
            await pilot.press("backspace", "backspace", "backspace", *"着装")
            await wait_for(pilot, lambda: app.screen.last_query == "着装")
            assert results_of(app)[0] == "客户服务着装第一要素"
            await pilot.press("enter")
            assert app.shown == ["dress"]

    asyncio.run(main())


def test_a_wrong_character_still_finds_the_key_point_marked_as_near(library):
    async def main():
        app = SearchTestApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"竞挣者")
            await wait_for(pilot, lambda: app.screen.last_query == "竞挣者")
            first = app.screen.results[0]
            assert first.title == "竞争者环境" and first.fuzzy and "竞争者" in first.matches
            text = screen_text(app)
            assert "含近似结果" in text and "近似" in text
            await pilot.press("enter")
            assert app.shown == ["comp"]

    asyncio.run(main())


def test_arrow_keys_pick_a_result_then_d_and_p(library, monkeypatch):
    entries = list(registry.ENTRIES)
    monkeypatch.setattr(registry, "available_entries", lambda: entries)

    async def main():
        app = SearchTestApp(library, query="竞争者")
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.screen.last_query == "竞争者")
            # Letters in the search box are text, not commands.
            await pilot.press("d")
            assert app.screen.query_one(Input).value == "竞争者d" and app.opened == []
            await pilot.press("backspace")
            await wait_for(pilot, lambda: app.screen.last_query == "竞争者")
            await pilot.press("down")
            assert isinstance(app.focused, OptionList)
            await pilot.press("down")
            second = app.screen.results[1].id
            await pilot.press("d")
            await pilot.press("p")
            assert app.opened == [("drill", {"node_id": second}), ("practice", {"node_id": second})]
            await pilot.press("enter")
            assert app.shown == [second]
            await pilot.press("slash")
            assert isinstance(app.focused, Input)

    asyncio.run(main())


def test_missing_drill_screen_gives_a_notice(library, monkeypatch):
    monkeypatch.setattr(registry, "available_entries", lambda: [e for e in registry.ENTRIES if e.name not in ("drill", "practice")])

    async def main():
        app = SearchTestApp(library, query="市场人口")
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.screen.last_query == "市场人口")
            await pilot.press("down", "d")
            assert app.opened == []
            await wait_for(pilot, lambda: "复习功能尚未提供" in app.notices)

    asyncio.run(main())


def test_note_text_with_brackets_is_shown_literally(library):
    async def main():
        app = SearchTestApp(library, query="粗体")
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.screen.last_query == "粗体")
            text = screen_text(app)
            assert "a[i] 与 [/] 与 [b]粗体[/b]" in text
            assert "标记 [A] 不是样式 [red]红[/red]" in text

    asyncio.run(main())


def test_no_results_and_typo_and_pinyin(library):
    async def main():
        app = SearchTestApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"zzzz")
            await wait_for(pilot, lambda: app.screen.last_query == "zzzz")
            assert "没有找到与“zzzz”相关的知识点" in screen_text(app)
            app.screen.query_one(Input).value = "营消环境"
            await wait_for(pilot, lambda: app.screen.last_query == "营消环境")
            assert results_of(app)[0] == "营销环境"
            assert "近似" in screen_text(app)
            app.screen.query_one(Input).value = "hgfx"
            await wait_for(pilot, lambda: app.screen.last_query == "hgfx")
            assert results_of(app)[0] == "宏观环境分析"

    asyncio.run(main())


def test_highlight_spans_on_literal_content():
    content = highlighted("[b]竞争者[/b] 竞争者", ["竞争者"])
    assert content.plain == "[b]竞争者[/b] 竞争者"
    assert [(s.start, s.end) for s in content.spans] == [(3, 6), (11, 14)]


def test_slash_opens_search_in_the_real_app(library):
    from cskexam.tui.app import CskexamApp

    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("slash")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
            await pilot.press(*"五大特性")
            await wait_for(pilot, lambda: app.screen.last_query == "五大特性")
            assert results_of(app)[0] == "客户服务的五大特性"
            await pilot.press("enter")
            await wait_for(pilot, lambda: getattr(app.screen, "SCREEN_NAME", "") == "graph")

    asyncio.run(main())


def test_esc_from_a_result_opened_over_the_graph_goes_back_to_the_search(library):
    from cskexam.tui.app import CskexamApp

    def names(app):
        return [getattr(s, "SCREEN_NAME", "") for s in app.screen_stack]

    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("g")
            await wait_for(pilot, lambda: names(app)[-1] == "graph")
            await pilot.press("slash")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
            await pilot.press(*"五大特性")
            await wait_for(pilot, lambda: app.screen.last_query == "五大特性")
            await pilot.press("enter")
            await wait_for(pilot, lambda: names(app)[-1] == "graph")
            await wait_for(pilot, lambda: "客户服务的五大特性" in screen_text(app))
            await pilot.press("escape")
            await wait_for(pilot, lambda: names(app)[-1] != "graph")
            assert names(app)[-1] == "search", names(app)  # where the candidate came from
            assert app.screen.query_one(Input).value == "五大特性"
            await pilot.press("escape")  # leaves the box
            await pilot.press("escape")
            await wait_for(pilot, lambda: names(app)[-1] != "search")
            assert names(app) == ["home", "graph"]

    asyncio.run(main())
