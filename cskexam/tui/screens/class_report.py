"""班级报告: each candidate's progress and the key points the class gets wrong most."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from cskexam.tui.failures import guarded
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.title_bar import TitleBar


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _score(score: float | None, total: float | None) -> str:
    if score is None:
        return "—"
    return f"{score:g}/{total:g}" if total else f"{score:g}"


class ClassReportScreen(AppScreen):
    SCREEN_NAME = "class_report"

    BINDINGS = [Binding("escape", "app.pop_screen", "返回"), Binding("f5", "reload", "刷新")]
    KEY_HELP = [("↑ ↓", "浏览考生与知识点"), ("F5", "重新统计")]

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
        candidates.add_columns("考生", "复习", "保持率", "练习", "正确率", "最近模考", "预测得分")
        weak = self.query_one("#class-weak", DataTable)
        weak.border_title = "全班最常错的知识点"
        weak.add_columns("知识点", "错误率", "作答", "位置")
        self.action_reload()

    def action_reload(self) -> None:
        self.run_worker(guarded(self, self._read), thread=True, group="class-report", exclusive=True)

    def _read(self) -> None:
        from cskexam.services.classroom import class_report

        report = class_report(self.app.require_library())
        self.app.call_from_thread(self._show, report)

    def _show(self, report) -> None:
        candidates = self.query_one("#class-candidates", DataTable)
        candidates.clear()
        for p in report.profiles:
            candidates.add_row(
                Content(p.label), str(p.reviews), _percent(p.retention), str(p.practice_answers),
                _percent(p.practice_accuracy), _score(p.last_exam_score, p.last_exam_total),
                _score(p.predicted, p.predicted_total),
            )
        weak = self.query_one("#class-weak", DataTable)
        weak.clear()
        for w in report.weak_points:
            weak.add_row(Content(w.title), _percent(w.wrong_rate), str(w.answers), Content(" › ".join(w.path[1:] or w.path)))
        status = f"考生 {len(report.profiles)} 人"
        if not report.weak_points:
            status += "；作答还不够多，暂无常错知识点"
        self.query_one("#class-status", Static).update(Content(status))
        candidates.focus()
