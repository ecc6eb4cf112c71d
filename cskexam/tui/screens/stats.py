"""统计: today's figures, reviews per day, the 30-day due forecast, retention, mastery.

The figures are read in a worker (``cskexam.services.stats.study_stats``).
Reviews per day are a calendar heatmap like GitHub's (one column per week, as
many weeks as the width allows, up to a year); the forecast is drawn with
textual-plotext. ``l`` opens the 难记卡片 list. Titles of documents are note
text: ``Content`` only.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from datetime import datetime, timezone
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static
from textual_plotext import PlotextPlot

from cskexam.tui.screens.base import AppScreen
from cskexam.core import stats as core_stats
from cskexam.tui.widgets.text import aligned_pairs, clip
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.failures import guarded
from cskexam.tui.widgets.footer import Footer

MAX_WEEKS = 53
HISTORY_DAYS = MAX_WEEKS * 7
WEEKDAYS = ("一", "", "三", "", "五", "", "日")
# No review, then light to heavy: GitHub's greens, readable on dark and light themes.
HEAT_COLORS = ("#4b5260", "#0e4429", "#006d32", "#26a641", "#39d353")
CELL = "■"


class ReviewHeatmap(Widget):
    """Reviews per study day as a calendar: rows Monday–Sunday, one column per week."""

    DEFAULT_CSS = """
    ReviewHeatmap { height: auto; border: round $primary-muted; border-title-color: $accent; padding: 0 1; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.series: list = []
        self.today = None
        # render() runs for the height and again for each paint: draw once per width
        self._drawn: tuple[int, Content] | None = None

    def set_data(self, series: list, today) -> None:
        self.series = series
        self.today = today
        self._drawn = None
        self.refresh(layout=True)

    def weeks_that_fit(self) -> int:
        width = self.content_size.width or 80
        return max(4, min(MAX_WEEKS, (width - 3) // 2))

    def render(self) -> Content:
        if self.today is None:
            return Content("正在统计…")
        weeks = self.weeks_that_fit()
        if self._drawn is None or self._drawn[0] != weeks:
            self._drawn = (weeks, self._draw(weeks))
        return self._drawn[1]

    def _draw(self, weeks: int) -> Content:
        assert self.today is not None
        columns = core_stats.heatmap(self.series, self.today, weeks)
        parts: list[Any] = [self._month_row(self.today, len(columns)), "\n"]
        for row in range(7):
            parts.append(WEEKDAYS[row] + " " if WEEKDAYS[row] else "   ")  # a CJK label takes 2 cells
            for column in columns:
                cell = column[row]
                parts.append((CELL, HEAT_COLORS[cell.level]) if cell is not None else " ")
                parts.append(" ")
            parts.append("\n")
        shown = [c for column in columns for c in column if c is not None]
        total = sum(c.count for c in shown)
        active = sum(1 for c in shown if c.count)
        parts += ["   少 "]
        parts += [x for color in HEAT_COLORS for x in ((CELL, color), " ")]
        parts.append(f"多    {len(columns)} 周共复习 {total} 次，{active} 天有复习")
        if total:
            best = max(shown, key=lambda c: c.count)
            parts.append(f"，最多 {best.count} 次（{best.day.month}-{best.day.day:02d}）")
        return Content.assemble(*parts)

    @staticmethod
    def _month_row(today, weeks: int) -> Content:
        """Month names above the first week of each month (a week is 2 cells wide)."""
        first = today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)
        row = "   "
        end = 3 + 2 * weeks  # the grid's width: a name that would pass it is left out
        for w in range(1, weeks):
            monday = first + dt.timedelta(weeks=w)
            if monday.month != (monday - dt.timedelta(weeks=1)).month:
                at = 3 + 2 * w
                name = f"{monday.month}月"
                if _cells(row) <= at and at + _cells(name) <= end:
                    row += " " * (at - _cells(row)) + name
        return Content.styled(row, "$text-muted")


def _cells(text: str) -> int:
    """Terminal columns of ``text`` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


class StatsScreen(AppScreen):
    SCREEN_NAME = "stats"

    DEFAULT_CSS = """
    StatsScreen #stats-body { padding: 0 1; }
    StatsScreen #stats-top { height: auto; }
    StatsScreen #stats-today { width: 1fr; margin-right: 1; }
    StatsScreen #stats-cards { width: 1fr; }
    StatsScreen .chart { height: 14; border: round $primary-muted; border-title-color: $accent; }
    StatsScreen #stats-mastery { margin-top: 0; }
    """

    BINDINGS = [
        Binding("f5", "reload", "刷新", key_display="F5"),
        Binding("l", "leeches", "难记卡片"),
    ]

    KEY_HELP = [("F5", "重新读取统计"), ("l", "难记卡片：遗忘多次而暂停的卡片"), ("↑ ↓ / PgUp PgDn", "滚动")]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stats: Any = None

    def compose(self) -> ComposeResult:
        yield TitleBar("统计")
        with VerticalScroll(id="stats-body"):
            with Horizontal(id="stats-top"):
                with Vertical(id="stats-today", classes="panel"):
                    yield Static(Content("正在统计…"), id="stats-today-figures")
                with Vertical(id="stats-cards", classes="panel"):
                    yield Static(Content(""), id="stats-card-figures")
            yield ReviewHeatmap(id="stats-daily")
            yield PlotextPlot(id="stats-forecast", classes="chart")
            with Vertical(id="stats-mastery", classes="panel"):
                yield Static(Content(""), id="stats-mastery-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-today").border_title = "今日"
        self.query_one("#stats-cards").border_title = "卡片与保持率"
        self.query_one("#stats-cards").border_subtitle = "l 难记卡片"
        self.query_one("#stats-daily").border_title = "每日复习量（按周排列，颜色越深复习越多）"
        self.query_one("#stats-forecast").border_title = "未来 30 天到期"
        self.query_one("#stats-mastery").border_title = "掌握程度（按文档）"
        self.action_reload()

    def on_screen_resume(self) -> None:
        if self.been_away:
            self.call_after_refresh(self.action_reload)  # once drawn: reading now would hold up the frame

    def action_reload(self) -> None:
        if self.app.library is None:
            return
        self.run_worker(guarded(self, self._load), thread=True, group="stats-load", exclusive=True)

    def _load(self) -> None:
        st = self.app.require_library().study_stats(datetime.now(timezone.utc), days=HISTORY_DAYS)
        self.app.call_from_thread(self.show_stats, st)

    def show_stats(self, st: Any) -> None:
        old, self.stats = self.stats, st
        if st == old:
            return  # as shown already: the screen came back as it was left, in one frame
        t = st.today
        self.query_one("#stats-today-figures", Static).update(aligned_pairs([
            ("学习日", t.day.isoformat()),
            ("今日到期", str(t.due_today)),
            ("可学新卡", str(t.new_available)),
            ("今日已复习", str(t.reviewed_today)),
            ("连续学习", f"{t.streak} 天"),
        ]))
        c = st.cards
        self.query_one("#stats-card-figures", Static).update(aligned_pairs([
            ("新卡 / 学习中 / 复习", f"{c.get('new', 0)} / {c.get('learning', 0)} / {c.get('review', 0)}"),
            ("已暂停 / 记忆难点", f"{c.get('suspended', 0)} / {c.get('leeches', 0)}"),
            ("真实保持率（30 天）", f"{_percent(st.retention_30d.rate)}（{st.retention_30d.total} 次）"),
            ("真实保持率（全部）", f"{_percent(st.retention_all.rate)}（{st.retention_all.total} 次）"),
        ]))
        if old is None or (old.reviews_per_day, old.today.day) != (st.reviews_per_day, t.day):
            self.query_one("#stats-daily", ReviewHeatmap).set_data(st.reviews_per_day, t.day)
        if old is None or old.forecast != st.forecast:  # a chart is slow to draw
            self._bars("#stats-forecast", st.forecast, "green")
        self.query_one("#stats-mastery-table", Static).update(self._mastery_content(st.documents))

    def action_leeches(self) -> None:
        from cskexam.tui.screens.leeches import LeechScreen

        self.app.push_screen(LeechScreen())

    def _bars(self, selector: str, series: list, color: str) -> None:
        plot = self.query_one(selector, PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        labels = [d.strftime("%m-%d") for d, _ in series]
        values = [n for _, n in series]
        plt.bar(list(range(len(values))), values, color=color, width=0.6)
        step = max(1, len(labels) // 8)
        ticks = list(range(0, len(labels), step))
        plt.xticks([float(t) for t in ticks], [labels[i] for i in ticks])
        top = max(values + [1])
        step = max(1, -(-top // 4))  # whole reviews: integer ticks only
        yticks = list(range(0, top + step, step))
        plt.yticks([float(t) for t in yticks])
        plt.ylim(0, yticks[-1])
        plot.refresh()

    @staticmethod
    def _mastery_content(rows: list) -> Content:
        if not rows:
            return Content("还没有卡片。")
        parts: list[Any] = [("已掌握  记忆   卡片  文档", "$text-muted")]
        for m in rows:
            bar_len = round(m.mastered * 10)
            parts += [
                "\n",
                (f"{_percent(m.mastered):>5}", "bold"),
                f"  {_percent(m.recall):>4}  {m.cards:>5}  ",
                ("█" * bar_len + "░" * (10 - bar_len), "$success"),
                " ",
                clip(m.title, 60),
            ]
        return Content.assemble(*parts)
