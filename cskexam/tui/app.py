"""The Textual app: start fast, open the library in the background, route keys.

Start-up order matters more than anything else here. The home screen is
painted first; only after that paint does a worker thread import the storage
layer (``import sqlalchemy.orm`` alone costs more than a bare Textual app takes
to start), open the library, store the bundled notes' graph on first run, and
post ``LibraryReady``. On a fresh data dir the worker parses the bundled notes
before that and posts ``LibraryParsed``: the home screen shows the library
from the parsed graph while the storage layer is imported and the graph
stored (keys wait for ``LibraryReady`` as usual). Nothing on the path to the first paint may import
sqlalchemy, alembic or jieba; ``bench/startup.py`` watches that.

What the graph gives rise to (cards, generated questions, the search index)
takes several times longer than the graph itself, so on a first start (or
after an import cut short) the same worker builds it once the home screen
shows the library, and posts ``LibraryPrepared`` when it is stored. Until then
the app is *preparing*: a screen that needs those things is opened when they
are ready (its key says 「正在准备…，请稍候」), so none shows an empty queue that
is only not built yet.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
import time
from typing import TYPE_CHECKING, Any, Callable

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from cskexam.errors import UserError, os_error_text
from cskexam.tui.keys import KeyGate
from cskexam.tui.messages import (
    ImportProgress, LibraryFailed, LibraryOpened, LibraryParsed, LibraryPrepared, LibraryReady, PrepareFailed,
)
from cskexam.tui.screens import registry

if TYPE_CHECKING:
    from textual.screen import Screen

    from cskexam.core.graph import KnowledgeGraph
    from cskexam.services.library import ImportResult, Library
    from cskexam.services.notes_import import LibrarySummary, PreparedImport

# Set by bench/startup.py: exit as soon as the first screen has been painted,
# writing the wall-clock time of that paint to CSKEXAM_FIRST_PAINT_FILE.
EXIT_AFTER_FIRST_PAINT_ENV = "CSKEXAM_EXIT_AFTER_FIRST_PAINT"
FIRST_PAINT_FILE_ENV = "CSKEXAM_FIRST_PAINT_FILE"

THEME = "gruvbox"  # warm and low in blue: easy on the eyes for evening study

LibraryOpener = Callable[[str | None], "Library"]

SPARE_HOME = "home-over-session"  # the installed home screen opened over a session

# Screens that need only the graph: they open while cards and questions are being prepared.
GRAPH_SCREENS = frozenset({"graph"})

# How long the preparation waits for the home screen to show the library
# before it starts anyway (it competes for the interpreter with that paint).
SHOWN_WAIT_SECONDS = 1.0

WAIT_IMPORT = "正在导入，请稍候…（就绪后自动打开）"
WAIT_PREPARE = "正在准备…，请稍候（就绪后自动打开）"


class CskexamApp(App[int]):
    """The cskexam terminal app (contract C)."""

    CSS_PATH = "app.tcss"
    TITLE = "cskexam"
    SUB_TITLE = "客户服务管理师（二级）备考"
    ENABLE_COMMAND_PALETTE = False

    # The candidate studying, when it is not the default profile ("" otherwise):
    # every screen's title bar shows it (see widgets.title_bar).
    profile_label: reactive[str] = reactive("")

    BINDINGS = [
        *registry.screen_bindings(),
        # In an input box Esc leaves the box (the footer says so); elsewhere it goes back.
        Binding("escape", "leave_input", "离开输入框"),
        Binding("escape", "back", "返回"),
        # A priority key, so that ? opens the help from an input box too.
        Binding("question_mark", "help", "帮助", key_display="?", priority=True),
        Binding("q", "quit", "退出"),
    ]

    def __init__(
        self,
        db_url: str | None = None,
        *,
        library_opener: LibraryOpener | None = None,
        parse_first_start: bool | None = None,
    ) -> None:
        """``library_opener(db_url)`` replaces ``open_library`` (tests pass a fake).

        ``parse_first_start``: on a fresh data dir, show the bundled notes
        parsed before the library is opened (default: unless an opener is given).
        """
        super().__init__()
        self.db_url = db_url
        self._parse_first_start = library_opener is None if parse_first_start is None else parse_first_start
        # First start: the library's summary from the parsed notes, before they are stored.
        self.parsed_summary: LibrarySummary | None = None
        self.library: Library | None = None
        self.load_error: str | None = None
        # Cards, questions and the search index are being built (see LibraryPrepared).
        self.preparing = False
        self.prepare_error: str | None = None
        self._library_shown = threading.Event()
        self.import_result: ImportResult | None = None
        self.resume_offered = False  # the home screen offers an unfinished exam once per start
        self._opener = library_opener
        self._graph: KnowledgeGraph | None = None
        self._graph_lock = threading.Lock()
        self._exit_after_first_paint = bool(os.environ.get(EXIT_AFTER_FIRST_PAINT_ENV))
        self._first_paint_seen = False
        self._last_progress = 0.0
        self._library_closed = False
        # A screen key pressed while the library was still loading or being
        # prepared: (name, kwargs, the screen it was pressed on), opened once it
        # is ready if that screen is still in front.
        self._pending_key: tuple[str, dict[str, Any], Screen] | None = None
        self._keys = KeyGate(self)  # what becomes of a key before Textual handles it
        self.theme = THEME

    # -- start-up -------------------------------------------------------
    def get_default_screen(self) -> Screen:
        from cskexam.tui.screens.home import HomeScreen

        return HomeScreen()

    def first_paint_done(self) -> None:
        """Called by the home screen once it is on the terminal."""
        if self._first_paint_seen:
            return
        self._first_paint_seen = True
        if self._exit_after_first_paint:
            path = os.environ.get(FIRST_PAINT_FILE_ENV)
            if path:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(repr(time.time()))
            self.exit(0)
            return
        self.run_worker(self._open_library, name="open-library", group="library", thread=True, exclusive=True)

    def _open_library(self) -> None:
        try:
            first = self._parse_first() if self._parse_first_start else None
        except UserError as exc:
            self.post_message(LibraryFailed(str(exc)))
            return
        opener = self._opener
        if opener is None:
            from cskexam.services.library import open_library

            opener = open_library
        try:
            library = opener(self.db_url)
        except UserError as exc:
            self.post_message(LibraryFailed(str(exc)))
            return
        except OSError as exc:  # e.g. CSKEXAM_HOME points somewhere unwritable
            where = f"{exc.filename}: " if exc.filename else ""
            self.post_message(LibraryFailed(f"{where}无法打开资料库（{os_error_text(exc)}）"))
            return
        try:
            # The import steps are left for below: the library is shown first.
            if first is None:
                self.import_result = library.ensure_imported(progress=self._report_progress, defer_steps=True)
            else:
                self.import_result = library.ensure_imported(
                    progress=self._report_progress, defer_steps=True, prepared=first[0], now=first[1]
                )
            pending = library.pending_steps()
        except UserError as exc:
            library.close()
            self.post_message(LibraryFailed(str(exc)))
            return
        self.post_message(LibraryOpened(library, preparing=bool(pending)))
        if pending:
            self._library_shown.wait(SHOWN_WAIT_SECONDS)
            self._prepare(library)

    def _parse_first(self) -> tuple[PreparedImport, dt.datetime] | None:
        """On a fresh data dir: parse the bundled notes and show the library from them (in the worker thread).

        Storing them needs the storage layer, whose import alone (SQLAlchemy)
        takes longer than parsing; the parser does not need it. So the home
        screen shows the library as soon as the notes are parsed, with the
        figures and import time storing them gives, and the caller then
        opens the library and stores them (keys wait for that as usual). A
        kill before the store commits leaves no notes stored: the next start
        imports them again.
        """
        from cskexam.services.notes_import import DEFAULT_PROFILE, first_start, graph_summary, prepare_import

        if not first_start(self.db_url):
            return None
        # No progress box: the bundled notes parse in a few hundredths of a second, and the box's
        # widgets would be mounted on the way to the library line.
        prepared = prepare_import(None)
        now = dt.datetime.now(dt.timezone.utc)
        self.post_message(LibraryParsed(graph_summary(prepared.graph, now), DEFAULT_PROFILE))
        # The storage layer's import would compete with painting the line: it waits for the line
        # (then the event is cleared again: preparing the cards waits for the stored library's line).
        self._library_shown.wait(SHOWN_WAIT_SECONDS)
        self._library_shown.clear()
        return prepared, now

    def _prepare(self, library: Library) -> None:
        """Run the import steps left pending (in the worker thread), then post ``LibraryPrepared``."""
        from cskexam.tui.failures import problem_text

        self._last_progress = 0.0
        try:
            # Quitting does not wait for the steps: they roll back and the next start runs them.
            library.finish_import(progress=self._report_progress, stop=lambda: self._library_closed)
        except Exception as exc:
            message = problem_text(exc, self.db_url)
            if message is None:
                raise  # a bug: the worker fails loudly
            self.post_message(PrepareFailed(message))
            return
        if not self._library_closed:
            self.post_message(LibraryPrepared())

    def library_shown(self) -> None:
        """Called by the home screen once the library is on it: preparation may start."""
        self._library_shown.set()

    def _report_progress(self, done: int, total: int, label: str) -> None:
        # Called from the worker thread, possibly thousands of times: keep the
        # message queue short by passing on only a few updates a second.
        now = time.monotonic()
        if done < total and now - self._last_progress < 0.05:
            return
        self._last_progress = now
        self.post_message(ImportProgress(done, total, label))

    def on_library_parsed(self, message: LibraryParsed) -> None:
        self.parsed_summary = message.summary
        for screen in self.screen_stack:
            screen.post_message(LibraryParsed(message.summary, message.profile))

    def on_library_opened(self, message: LibraryOpened) -> None:
        self.library = message.library
        self.preparing = message.preparing
        self._show_profile()
        if not self.preparing:  # else once prepared: the library is shown first
            self._freeze_heap()
        self.post_message(LibraryReady())

    @staticmethod
    def _freeze_heap() -> None:
        # The storage layer's imports leave many long-lived objects behind; a
        # full collection over them would otherwise land in whatever the user
        # does first (a search, a key press).
        gc.collect()
        gc.freeze()

    def on_library_ready(self, message: LibraryReady) -> None:
        self._broadcast(LibraryReady)
        if self.preparing:
            pending = self._pending_key
            if pending is not None and pending[0] in GRAPH_SCREENS:
                self._open_pending()
            return
        self._now_ready()

    def on_library_prepared(self, message: LibraryPrepared) -> None:
        self.preparing = False
        self._freeze_heap()
        self._broadcast(LibraryPrepared)
        self._now_ready()

    def on_prepare_failed(self, message: PrepareFailed) -> None:
        self.prepare_error = message.message
        self._pending_key = None
        self.notify(message.message, title="卡片与题目未能准备好", severity="error", timeout=12, markup=False)
        for screen in self.screen_stack:
            screen.post_message(PrepareFailed(message.message))

    def _now_ready(self) -> None:
        self._open_pending()
        if not self._exit_after_first_paint:
            self.run_worker(registry.preload_screens, name="preload-screens", group="preload", thread=True,
                            exit_on_error=False)

    def _open_pending(self) -> None:
        pending, self._pending_key = self._pending_key, None
        # Only where it was pressed: a key from a screen since closed would be a surprise.
        if pending is not None and self.screen is pending[2]:
            name, kwargs, _ = pending
            self.call_later(self.open_screen, name, **kwargs)

    def on_library_failed(self, message: LibraryFailed) -> None:
        self.load_error = message.message
        for screen in self.screen_stack:
            screen.post_message(LibraryFailed(message.message))

    def on_import_progress(self, message: ImportProgress) -> None:
        for screen in self.screen_stack:
            screen.post_message(ImportProgress(message.done, message.total, message.label))

    def _broadcast(self, message_type: type[Message]) -> None:
        for screen in self.screen_stack:
            screen.post_message(message_type())

    def on_unmount(self) -> None:
        self.close_library()

    def close_library(self) -> None:
        library = self.library
        if library is not None and not self._library_closed:
            self._library_closed = True
            library.close()

    # -- data shared by screens -----------------------------------------
    def require_library(self) -> Library:
        """The open library; screens that need it are opened only once it is (see ``open_screen``)."""
        if self.library is None:
            raise RuntimeError("the library is not open yet")
        return self.library

    def knowledge_graph(self) -> KnowledgeGraph:
        """The library's graph, read once (thread-safe; call it from a worker)."""
        with self._graph_lock:
            if self._graph is None:
                if self.library is None:
                    raise RuntimeError("the library is not open yet")
                self._graph = self.library.graph()
            return self._graph

    @property
    def cached_graph(self) -> KnowledgeGraph | None:
        return self._graph

    # -- navigation -----------------------------------------------------
    def open_screen(self, name: str, **kwargs: Any) -> None:
        """Open the registered screen ``name``; kwargs go to its constructor.

        Esc goes back to where you came from: the screen stack is the back
        stack, and a screen already on it comes to the front as it was left
        (see ``cskexam.tui.navigation``), so a look elsewhere never ends a
        session and the stack never grows past one of each screen.
        """
        from cskexam.tui import navigation

        if name == "home":
            self._open_home()
            return
        if self.library is None or (self.preparing and name not in GRAPH_SCREENS):
            if self.load_error:
                self.notify(self.load_error, title="资料库无法打开", severity="error", markup=False)
            elif self.prepare_error:
                self.notify(self.prepare_error, title="卡片与题目未能准备好", severity="error", markup=False)
            else:
                self._pending_key = (name, kwargs, self.screen)
                self.notify(WAIT_IMPORT if self.library is None else WAIT_PREPARE, timeout=2)
            return
        try:
            cls = registry.screen_class(name)
        except KeyError:
            self.notify(f"没有这个界面: {name}", severity="error", markup=False)
            return
        navigation.open_key_screen(self, cls, kwargs, name)

    def _open_home(self) -> None:
        """Back to the home screen at the bottom, or, over a session, to the one kept for that."""
        from cskexam.tui import navigation
        from cskexam.tui.screens.home import HomeScreen

        if not navigation.session_above(self, 0):
            navigation.pop_above(self, 0)
            return
        # Over a session (a drill, a round, an exam): the spare home screen is
        # kept when popped, so going home and back costs no new screen.
        if not self.is_screen_installed(SPARE_HOME):
            self.install_screen(HomeScreen(), SPARE_HOME)
        spare = self.get_screen(SPARE_HOME)
        if spare in self.screen_stack:
            navigation.bring_to_front(self, self.screen_stack.index(spare))
        else:
            self.push_screen(spare)

    def profile_switched(self) -> None:
        """Another profile is studying now: close every screen and show its figures."""
        self.resume_offered = False
        self._show_profile()
        try:
            self._pop_to(0)
            self.call_later(self._forget_kept_screens)
            home = self.screen_stack[0]
            for refresh in ("refresh_summary", "refresh_stats"):
                getattr(home, refresh, lambda: None)()
        except LookupError:  # a screen or its data is gone
            self.notify("档案已切换，但未能刷新界面：请按 h 回到首页，或重新打开 cskexam",
                        severity="error", markup=False)
        except Exception as exc:
            from cskexam.tui.failures import report_problem

            if not report_problem(self, exc, title="档案已切换，但未能刷新界面",
                                  note="请按 h 回到首页，或重新打开 cskexam"):
                raise

    def _forget_kept_screens(self) -> None:
        from cskexam.tui import navigation

        navigation.forget_kept(self)

    def _show_profile(self) -> None:
        from cskexam.services.profiles import title_label

        profile = getattr(getattr(self.library, "db", None), "profile", None)
        shown = title_label(profile if isinstance(profile, str) else None)
        self.profile_label = shown
        self.sub_title = self.SUB_TITLE + (f" · 考生：{shown}" if shown else "")

    def show_node(self, node_id: str) -> None:
        """Open 知识图谱 with ``node_id`` selected."""
        self.open_screen("graph", node_id=node_id)

    def _pop_to(self, index: int) -> None:
        from cskexam.tui import navigation

        navigation.pop_above(self, index)

    if not TYPE_CHECKING:  # Textual's signature and overloads stand; only the callback is noted

        def push_screen(self, screen, callback=None, *args, **kwargs):
            from cskexam.tui import navigation

            navigation.note_pushed(self, screen, callback)  # to push it again with it when its group moves
            return super().push_screen(screen, callback, *args, **kwargs)

    async def on_event(self, event: events.Event) -> None:
        admitted = self._keys.admit(event) if isinstance(event, events.Key) else event
        if admitted is not None:  # a key may be held back for a screen being set up, or dropped
            await super().on_event(admitted)

    async def action_quit(self) -> None:
        self._keys.closed = True
        await super().action_quit()

    # -- actions --------------------------------------------------------
    def action_open_screen(self, name: str) -> None:
        self.open_screen(name)

    async def action_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help_quit(self) -> None:
        # Ctrl+C does not quit a Textual app; Textual's own hint is English.
        self.notify("按 q 退出（在输入框中先按 Esc），或按 Ctrl+Q。", title="要退出吗？")

    def action_help(self) -> None:
        from cskexam.tui.widgets.help_overlay import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    def _typing(self) -> bool:
        from textual.widgets import Input, TextArea

        return isinstance(self.screen.focused, (Input, TextArea))

    def action_leave_input(self) -> None:
        self.screen.set_focus(None)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_input":
            return self._typing()
        if action == "back":
            return len(self.screen_stack) > 1 and not self._typing()
        if action == "open_screen" and parameters:
            # The key of the screen in front is pointless there: keep the footer short.
            current = getattr(self.screen, "SCREEN_NAME", None)
            return parameters[0] != current
        return True

    def global_keys(self) -> list[tuple[str, str]]:
        """(key, description) of every app-wide key, for the help overlay."""
        keys = [(e.key, e.label) for e in registry.available_entries()]
        keys += [("Esc", "返回上一界面"), ("?", "帮助（本页）"), ("q", "退出")]
        return keys

