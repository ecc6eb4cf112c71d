"""搜索: find key points as you type; open them, drill their cards or practise them.

Queries run in a worker thread after a short pause in typing; a stale answer
(the user typed on meanwhile) is dropped. Note text is shown literally: the
matched words are highlighted by adding spans to ``Content(text)``, never by
writing markup around note text.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from cskexam.core.vocab import node_kind_label
from cskexam.tui.screens import registry
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.inputs import HelpKeyInput
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.failures import guarded
from cskexam.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from textual.timer import Timer

    from cskexam.core.search import SearchResult

DEBOUNCE_SECONDS = 0.08
RESULT_LIMIT = 50
PATH_CELLS = 90
HIGHLIGHT = "bold reverse $warning"
PLACEHOLDER = "输入关键词、拼音或首字母（如 竞争者、shichang renkou、hgfx）"


def highlighted(text: str, terms: list[str], style: str = HIGHLIGHT) -> Content:
    """``text`` as literal Content with every matched word styled."""
    from cskexam.core.search import highlight_spans

    content = Content(text)
    for start, end in highlight_spans(text, terms):
        content = content.stylize(style, start, end)
    return content


def result_prompt(result: "SearchResult", path_cells: int = PATH_CELLS) -> Content:
    from cskexam.core.linebreak import clip_path

    title = highlighted(result.title, result.matches)
    parts: list = [title, ("  " + node_kind_label(result.kind), "$text-muted")]
    if result.fuzzy:
        parts.append(("  近似", "italic $text-warning"))
    if result.path:
        # a path keeps its tail (where the point is) and ends in … at its head when cut
        parts += ["\n", (clip_path(result.path, path_cells), "$text-muted")]
    if result.snippet and result.snippet != result.title:
        parts += ["\n", highlighted(result.snippet, result.matches)]
    return Content.assemble(*parts)


def _blank(query: str) -> bool:
    """Nothing to look for (spaces, zero-width marks): the box shows its hint, never an error."""
    from cskexam.services.search import blank_query

    return blank_query(query)


class SearchScreen(AppScreen):
    SCREEN_NAME = "search"

    BINDINGS = [
        Binding("d", "drill", "复习此要点"),
        Binding("p", "practice", "练习此要点"),
        Binding("down", "to_results", "结果", show=False),
        Binding("slash", "to_input", "修改搜索词", key_display="/"),
    ]

    KEY_HELP = [
        ("输入", "边输入边搜索：汉字、错别字、全拼或拼音首字母"),
        ("↓ / ↑", "在结果中移动"),
        ("Enter", "在知识图谱中打开选中的要点"),
        ("d", "复习选中要点的卡片"),
        ("p", "练习选中要点的题目"),
        ("/", "回到搜索框"),
    ]

    DEFAULT_CSS = """
    SearchScreen #search-body { padding: 0 1; }
    SearchScreen #search-input { margin: 1 0 0 0; }
    SearchScreen #search-status { color: $text-muted; padding: 0 1; height: 1; }
    SearchScreen #search-results { height: 1fr; border: round $primary-muted; }
    SearchScreen #search-results > .option-list--option { padding: 0 1; }
    """

    def __init__(self, query: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.initial_query = query
        self.results: list[SearchResult] = []
        self._searcher = None
        self._seq = 0
        self._timer: Timer | None = None
        self.last_query: str | None = None
        self.last_ms: float | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar("搜索")
        with Vertical(id="search-body"):
            yield HelpKeyInput(value=self.initial_query, placeholder=PLACEHOLDER, id="search-input",
                               select_on_focus=False)
            yield Static(Content("输入后即显示结果。"), id="search-status")
            yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search-results", OptionList).border_title = "结果"
        self.query_one(Input).focus()
        if self.initial_query:
            self._schedule(self.initial_query, delay=0)

    def on_unmount(self) -> None:
        searcher, self._searcher = self._searcher, None
        if searcher is not None:
            searcher.close()

    def reopen(self, query: str | None = None, **_: object) -> None:
        """Called when 搜索 is opened again while on the stack."""
        box = self.query_one(Input)
        if query is not None:
            box.value = query
        box.focus()
        # Coming back with "/" usually means a new search: typing replaces the old one.
        box.select_all()

    # -- searching --------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self._schedule(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_open_node()

    def _schedule(self, query: str, delay: float = DEBOUNCE_SECONDS) -> None:
        self._seq += 1
        seq = self._seq
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if _blank(query):
            self._show(seq, query, [], 0.0)
            return
        self._timer = self.set_timer(max(delay, 0.001), lambda: self._start(seq, query))

    def _start(self, seq: int, query: str) -> None:
        if seq != self._seq:
            return
        self.run_worker(guarded(self, lambda: self._run_query(seq, query)), thread=True, group="search", exclusive=True)

    def _run_query(self, seq: int, query: str) -> None:
        from cskexam.errors import UserError

        try:
            searcher = self._get_searcher()
            started = time.perf_counter()
            results = searcher.search(query, RESULT_LIMIT)
            elapsed = (time.perf_counter() - started) * 1000
        except UserError as exc:
            self.app.call_from_thread(self._show_error, str(exc))
            return
        self.app.call_from_thread(self._show, seq, query, results, elapsed)

    def _get_searcher(self):
        if self._searcher is None:
            from cskexam.services.search import Searcher, ensure_index

            library = self.app.library
            if library is None:
                raise RuntimeError("the library is not open yet")
            ensure_index(library)
            self._searcher = Searcher(library)
        return self._searcher

    def _show(self, seq: int, query: str, results: list["SearchResult"], elapsed: float) -> None:
        if seq != self._seq:
            return  # the user typed on; a newer query is coming
        self.results = results
        self.last_query = query
        self.last_ms = elapsed
        options = self.query_one("#search-results", OptionList)
        options.clear_options()
        cells = max(20, min(PATH_CELLS, self.app.size.width - 8))
        options.add_options([Option(result_prompt(r, cells), id=f"r{i}") for i, r in enumerate(results)])
        if results:
            options.highlighted = 0
        status = self.query_one("#search-status", Static)
        if _blank(query):
            status.update(Content("输入后即显示结果。"))
        elif not results:
            status.update(Content.assemble("没有找到与“", (query.strip(), "bold"), "”相关的知识点。"))
        else:
            fuzzy = "（含近似结果）" if any(r.fuzzy for r in results) else ""
            status.update(Content(f"{len(results)} 条结果{fuzzy}，用时 {elapsed:.1f} 毫秒。↓ 选择，Enter 打开，d 复习，p 练习"))

    def _show_error(self, message: str) -> None:
        self.query_one("#search-status", Static).update(Content(message))
        self.notify(message, severity="error", markup=False)

    # -- acting on a result ---------------------------------------------------
    def selected(self) -> "SearchResult | None":
        options = self.query_one("#search-results", OptionList)
        index = options.highlighted
        if index is None or not (0 <= index < len(self.results)):
            return None
        return self.results[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_node()

    def action_open_node(self) -> None:
        result = self.selected()
        if result is None:
            if self.last_query and not _blank(self.last_query):
                self.notify("没有可打开的结果", timeout=1.5)
            return
        self.app.show_node(result.id)

    def _open_for_node(self, name: str, label: str) -> None:
        result = self.selected()
        if result is None:
            self.notify("先选中一条结果", timeout=1.5)
            return
        if name not in {e.name for e in registry.available_entries()}:
            self.notify(f"{label}功能尚未提供", timeout=2)
            return
        self.app.open_screen(name, node_id=result.id)

    def action_drill(self) -> None:
        self._open_for_node("drill", "复习")

    def action_practice(self) -> None:
        self._open_for_node("practice", "练习")

    def action_to_results(self) -> None:
        options = self.query_one("#search-results", OptionList)
        if self.results:
            options.focus()

    def action_to_input(self) -> None:
        self.query_one(Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letters typed into the search box are text, not commands.
        if action in ("drill", "practice", "to_input") and isinstance(self.focused, Input):
            return False
        if action == "to_results" and not isinstance(self.focused, Input):
            return False
        return True
