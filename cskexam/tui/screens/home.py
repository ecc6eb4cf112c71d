"""主页: what is in the library, what is due today, and where each key leads.

The home screen is the first thing painted, so it imports nothing heavy: the
library's figures arrive later (``LibraryReady``) and are read in a worker.
On a first start the library is shown as soon as its notes are parsed
(``LibraryParsed``: the figures storing them gives), before it is even open; while
cards and questions are being prepared a box says so, and today's figures
wait for them (``LibraryPrepared``) instead of showing an empty queue.

Today's figures are one ``HomeFigures`` value (``cskexam.services.home``),
read in a worker thread; ``figure_rows`` words them for the panel.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from cskexam.tui.screens.base import AppScreen
from cskexam.tui.messages import (
    ImportProgress, LibraryFailed, LibraryParsed, LibraryPrepared, LibraryReady, PrepareFailed,
)
from cskexam.tui.screens import registry
from cskexam.tui.widgets.cjk_text import CjkText
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.text import aligned_pairs
from cskexam.tui.failures import guarded
from cskexam.tui.widgets.footer import Footer
from cskexam.tui.widgets.unchanged import update_if_changed

if TYPE_CHECKING:
    from cskexam.services.home import HomeFigures

FiguresReader = Callable[[Any, datetime], "HomeFigures"]


def figures_reader() -> FiguresReader:
    """How today's figures are read: the home service, imported off the first-paint path."""
    from cskexam.services.home import home_figures

    return home_figures


DEFAULT_ROWS: list[tuple[str, str]] = [("今日到期", "0"), ("新卡", "0")]

IMPORT_TITLE = "首次导入笔记"
PREPARE_TITLE = "正在准备复习卡片、题目与搜索索引"
PREPARE_LABEL = "读取知识图谱…"
TODAY_PREPARING = "正在生成复习卡片…\n可先按 g 浏览知识图谱"


def figure_rows(figures: HomeFigures) -> list[tuple[str, str]]:
    """Today's figures as (label, value) rows, in the order the panel shows them."""
    from cskexam.display import fmt_points, format_clock

    review = figures.review
    if review is None:
        rows = list(DEFAULT_ROWS)
    else:
        rows = [("今日到期", str(review.due_today)), ("新卡", str(review.new_available)),
                ("今日已复习", str(review.reviewed_today)), ("连续学习", f"{review.streak} 天")]
    exam = figures.exam
    if exam is not None:
        if exam.unfinished is not None:
            a = exam.unfinished
            rows.append(("未完成考试", f"{a.blueprint} 已答 {a.answered}/{a.questions}，"
                                   f"剩 {format_clock(a.remaining)} · 按 e 继续"))
        if exam.prediction is not None:
            rows.append(("预测得分", exam.prediction.short_text()))
        if exam.last is not None:
            last = exam.last
            rows.append(("最近模考", f"{fmt_points(last.score or 0)}/{fmt_points(last.total)} 分 "
                                 f"{'合格' if last.passed else '不合格'}（{last.blueprint}）"))
    plan = figures.plan
    if plan is not None:
        if plan.catch_up_due:
            rows.append(("今天先复习", f"{plan.catch_up_due} 张（已 {plan.days_away} 天没复习）"))
        rows.append(("距离考试", plan.countdown))
        if plan.goal:
            rows.append(("今日目标", plan.goal))
    return rows

SUMMARY_FIELDS: tuple[tuple[str, str], ...] = (
    ("documents", "文档"),
    ("chapters", "章"),
    ("sections", "节"),
    ("points", "要点"),
    ("lists", "清单"),
    ("items", "清单条目"),
    ("definitions", "定义"),
)


def summary_pairs(summary: Any) -> list[tuple[str, str]]:
    """(label, value) rows for a ``LibrarySummary`` (missing fields are skipped)."""
    rows = []
    for attr, label in SUMMARY_FIELDS:
        value = getattr(summary, attr, None)
        if value is not None:
            rows.append((label, str(value)))
    inactive = getattr(summary, "inactive", None)
    if inactive:
        rows.append(("已从笔记删除", f"{inactive}（复习记录保留）"))
    imported_at = getattr(summary, "imported_at", None)
    if isinstance(imported_at, datetime):
        if imported_at.tzinfo is None:  # stored as naive UTC
            imported_at = imported_at.replace(tzinfo=timezone.utc)
        rows.append(("导入时间", imported_at.astimezone().strftime("%Y-%m-%d %H:%M")))
    return rows


def library_pairs(summary: Any, profile: str | None) -> list[tuple[str, str]]:
    """The library line's (label, value) rows: the profile studying, then the summary's."""
    pairs = summary_pairs(summary)
    if profile:
        from cskexam.services.profile_names import label  # no storage behind it: also before the library opens

        pairs = [("考生档案", label(profile)), *pairs]
    return pairs


class HomeScreen(AppScreen):
    SCREEN_NAME = "home"

    def compose(self) -> ComposeResult:
        # Few widgets on purpose: this screen is on the start-up path, and
        # every widget (and every container's styles) delays the first paint.
        yield TitleBar("主页")
        # 80x24 is the smallest size: the library fits in one line, and today's
        # figures sit beside the menu; on a wide terminal the body keeps a
        # readable width instead of stretching two boxes across it.
        with VerticalScroll(id="home-body"):
            yield Static(Content("客户服务管理师（二级）· 从自己的笔记备考"), id="home-banner")
            yield Static(Content("正在打开资料库…"), id="home-library")
            with Horizontal(id="home-panels"):
                yield Static(aligned_pairs(DEFAULT_ROWS), id="home-today", classes="panel")
                yield Static(self._menu_content(), id="home-menu", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#home-today").border_title = "今日"
        self.query_one("#home-menu").border_title = "功能"
        if self.app.library is not None:
            self.call_later(self._library_ready)
        elif self.app.load_error:
            self._show_error(self.app.load_error)
        # Only after this screen is on the terminal may the library start loading.
        self.call_after_refresh(self._painted)

    def _panel_before_menu(self, widget_id: str, classes: str = "") -> Static:
        """A box between the library line and the panels, created when first needed."""
        found = self.query(f"#{widget_id}")
        if found:
            return found.first(Static)
        box = Static(Content(""), id=widget_id, classes=classes)
        self.query_one("#home-body").mount(box, before=self.query_one("#home-panels"))
        return box

    def _painted(self) -> None:
        first_paint_done = getattr(self.app, "first_paint_done", None)
        if first_paint_done is not None:
            first_paint_done()

    # -- library events -------------------------------------------------
    def on_import_progress(self, message: ImportProgress) -> None:
        # Before the library is open this is the import; after, the preparation.
        preparing = self.app.library is not None
        if preparing and not self.app.preparing:
            return  # a late message of a preparation already done
        label = message.label or "正在导入…"
        if preparing:
            label = f"{label}（{min(message.done + 1, message.total)}/{message.total}）…"
        self._show_progress(PREPARE_TITLE if preparing else IMPORT_TITLE, label, message.done, message.total)

    def _show_progress(self, title: str, label: str, done: int, total: int) -> AwaitComplete | None:
        """Show the progress box; returns what to await for it to be mounted, the first time."""
        from textual.widgets import ProgressBar

        found = self.query("#home-import")
        mounted = None
        if found:
            box = found.first()
            bar = box.query_one(ProgressBar)
        else:
            # Only a first start imports and prepares: the ProgressBar stays off the usual start-up path.
            box = Vertical(id="home-import", classes="panel")
            bar = ProgressBar(id="home-import-bar", show_eta=False)
            label_line = Static(Content(""), id="home-import-label")
            mounted = AwaitComplete(self.query_one("#home-body").mount(box, before=self.query_one("#home-panels")),
                                    box.mount_all([label_line, bar]))
        box.border_title = title
        box.display = True
        bar.update(total=max(total, 1), progress=done)
        box.query_one("#home-import-label", Static).update(Content(label))
        return mounted

    def on_library_parsed(self, message: LibraryParsed) -> None:
        # First start: the notes are parsed, not stored yet; storing them gives these very figures.
        if self.app.library is None and not self.app.load_error:
            self._show_library(self._summary_line(library_pairs(message.summary, message.profile)))

    async def on_library_ready(self, message: LibraryReady) -> None:
        await self._library_ready()

    def on_library_prepared(self, message: LibraryPrepared) -> None:
        self._hide_import()
        self.refresh_stats()

    def on_prepare_failed(self, message: PrepareFailed) -> None:
        self._hide_import()
        self.query_one("#home-today", Static).update(Content("—"))
        error = self._panel_before_menu("home-error")
        error.update(Content.assemble(("卡片与题目未能准备好\n", "bold"), message.message,
                                      "\n\n按 g 浏览知识图谱；重新打开 cskexam 时会再试。"))

    def on_library_failed(self, message: LibraryFailed) -> None:
        self._show_error(message.message)

    def on_screen_resume(self) -> None:
        # Back from a drill or an exam: today's figures may have changed (and a
        # home screen kept over a session may have missed a profile switch).
        if self.app.library is not None:
            # Read once this screen is drawn: a worker reading now would hold up the frame.
            self.call_after_refresh(self._read_again)

    def _read_again(self) -> None:
        if self.app.library is None or not self.is_attached:
            return
        if self is not self.app.screen_stack[0]:
            self.refresh_summary()
        self.refresh_stats()

    async def _library_ready(self) -> None:
        if self.app.preparing:
            mounted = self._show_progress(PREPARE_TITLE, PREPARE_LABEL, 0, 1)
            if mounted is not None:
                # Mounted before the library line changes: a line updated while the box
                # was being mounted could keep the height it had before.
                await mounted
        else:
            self._hide_import()
        self.refresh_summary()
        self.refresh_stats()

    def _hide_import(self) -> None:
        for box in self.query("#home-import"):
            box.display = False

    def _show_error(self, text: str) -> None:
        self._hide_import()
        self.query_one("#home-library", Static).update(Content("资料库无法打开"))
        self.query_one("#home-today", Static).update(Content("—"))
        error = self._panel_before_menu("home-error")
        error.update(Content.assemble(("资料库无法打开\n", "bold"), text, "\n\n按 q 退出。"))

    # -- figures (read in workers: they touch the database) -------------
    def refresh_summary(self) -> None:
        self.run_worker(guarded(self, self._read_summary), thread=True, group="home-summary", exclusive=True)

    def refresh_stats(self) -> None:
        """Re-read today's figures from the providers (hook for later features)."""
        self.run_worker(guarded(self, self._read_stats), thread=True, group="home-stats", exclusive=True)

    def _read_summary(self) -> None:
        library = self.app.require_library()
        summary = library.summary()
        profile = getattr(getattr(library, "db", None), "profile", None)
        content = self._summary_line(library_pairs(summary, profile if isinstance(profile, str) else None))
        self.app.call_from_thread(self._show_library, content)

    def _show_library(self, content: CjkText) -> None:
        self._show_figures("#home-library", content)
        # Preparing cards and questions waits for this line to be on the terminal.
        library_shown = getattr(self.app, "library_shown", None)
        if library_shown is not None:
            self.call_after_refresh(library_shown)

    def _read_stats(self) -> None:
        if self.app.preparing:
            # Read now, the queue would look empty: it is only not built yet.
            self.app.call_from_thread(self._show_preparing_today)
            return
        library = self.app.library
        now = datetime.now(timezone.utc)
        try:
            figures = figures_reader()(library, now)
        except Exception as exc:  # a broken provider must not take the home screen down
            content = Content.assemble(("统计暂不可用: ", "bold"), f"{type(exc).__name__}: {exc}")
        else:
            content = aligned_pairs(figure_rows(figures))
            # Only the first figures after start-up: an exam paused on purpose
            # is offered again from its own screen, not every time home shows.
            if not self.app.resume_offered:
                self.app.resume_offered = True
                if figures.exam is not None and figures.exam.unfinished is not None:
                    self.app.call_from_thread(self._offer_resume)
        self.app.call_from_thread(self._show_figures, "#home-today", content)

    def _show_preparing_today(self) -> None:
        if self.app.preparing:  # not if the figures were read meanwhile
            self._show_figures("#home-today", Content(TODAY_PREPARING))

    def _show_figures(self, selector: str, content: Content | CjkText) -> None:
        # Looked up here, on the UI thread: by the time a worker has read its
        # figures the screen may be closing (the app quits, or its panels are gone).
        for panel in self.query(selector).results(Static):
            update_if_changed(panel, content)

    def _offer_resume(self) -> None:
        # The exam screen opens with its 继续 / 放弃 / 稍后 dialog.
        if self.app.screen is self:
            self.app.open_screen("exam")

    @staticmethod
    def _summary_line(rows: list[tuple[str, str]]) -> CjkText:
        """The library in one line: ``资料库  文档 16 · 章 4 · … · 导入时间 …``."""
        parts: list[Any] = [("资料库  ", "bold $accent")]
        for i, (label, value) in enumerate(rows):
            if i:
                # a no-break space keeps the dot at the end of a line, never at the start
                parts.append(("\u00a0·  ", "$text-muted"))
            # a word joiner between the characters keeps a figure and its label on one line
            parts += [("\u2060".join(label), "$text-muted"), "\u00a0", ("\u2060".join(value), "bold")]
        return CjkText(Content.assemble(*parts))

    def on_resize(self, event) -> None:
        # Summaries only where they fit beside the figures.
        self.query_one("#home-menu", Static).update(self._menu_content(event.size.width >= 110))

    @staticmethod
    def _menu_content(with_summary: bool = True) -> Content:
        parts: list[Any] = []
        entries = [e for e in registry.available_entries() if e.name != "home"]
        label_width = max((Content(e.label).cell_length for e in entries), default=0)
        for i, e in enumerate(entries):
            pad = " " * (label_width - Content(e.label).cell_length)
            parts += [(f" {e.key} ", "bold reverse"), "  ", (e.label, "bold")]
            if with_summary:
                parts += [pad, "   ", (e.summary, "dim")]
            if i < len(entries) - 1:
                parts.append("\n")
        return Content.assemble(*parts)
