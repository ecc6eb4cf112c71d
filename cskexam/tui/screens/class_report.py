"""班级报告: each candidate's progress and the key points the class gets wrong most."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from cskexam.core.linebreak import clip, clip_path
from cskexam.services.classroom import CANDIDATE_COLUMNS, percent_text
from cskexam.tui.failures import guarded
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from cskexam.services.classroom import ClassReport, WeakPoint




class ClassReportScreen(AppScreen):
    SCREEN_NAME = "class_report"

    BINDINGS = [Binding("escape", "app.pop_screen", "返回"), Binding("f5", "reload", "刷新")]
    KEY_HELP = [("↑ ↓", "浏览考生与知识点"), ("F5", "重新统计")]
    _report: ClassReport | None = None  # the last one shown, laid out again on resize

    DEFAULT_CSS = """
    ClassReportScreen #class-candidates { height: 1fr; border: round $primary-muted; }
    ClassReportScreen #class-weak { height: 1fr; border: round $primary-muted; }
    ClassReportScreen #class-status { height: auto; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield TitleBar("班级报告")
        yield Static(Content("正在统计…"), id="class-status")
        yield DataTable(id="class-candidates", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="class-weak", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        candidates = self.query_one("#class-candidates", DataTable)
        candidates.border_title = "考生进度"
        candidates.add_columns(*CANDIDATE_COLUMNS)
        self.query_one("#class-weak", DataTable).border_title = "全班最常错的知识点"
        self._weak_columns([])
        self.action_reload()

    def _weak_widths(self) -> tuple[int, int]:
        """Cells for a weak point's title and its path: the table fits the screen, so they are cut with …."""
        # borders, scrollbar, the two figures' columns and every column's padding
        free = max(20, self.size.width - 2 - 2 - (6 + 4) - 4 * 2)
        title = max(10, free * 2 // 5)
        return title, free - title

    def _weak_columns(self, weak_points: list[WeakPoint]) -> None:
        weak = self.query_one("#class-weak", DataTable)
        weak.clear(columns=True)
        title_cells, path_cells = self._weak_widths()
        weak.add_column("知识点", width=title_cells)
        weak.add_column("错误率", width=6)
        weak.add_column("作答", width=4)
        weak.add_column("位置", width=path_cells)
        for w in weak_points:
            weak.add_row(Content(clip(w.title, title_cells)), percent_text(w.wrong_rate), str(w.answers),
                         Content(clip_path(w.path[1:] or w.path, path_cells)))

    def on_resize(self) -> None:
        if self._report is not None:
            self._weak_columns(self._report.weak_points)

    def action_reload(self) -> None:
        self.run_worker(guarded(self, self._read), thread=True, group="class-report", exclusive=True)

    def _read(self) -> None:
        from cskexam.services.classroom import class_report

        report = class_report(self.app.require_library())
        self.app.call_from_thread(self._show, report)

    def _show(self, report: ClassReport) -> None:
        candidates = self.query_one("#class-candidates", DataTable)
        candidates.clear()
        for p in report.profiles:
            label, *figures = p.cells()
            candidates.add_row(Content(label), *figures)
        self._report = report
        self._weak_columns(report.weak_points)
        status = f"考生 {len(report.profiles)} 人"
        if not report.weak_points:
            status += "；作答还不够多，暂无常错知识点"
        self.query_one("#class-status", Static).update(Content(status))
        candidates.focus()
