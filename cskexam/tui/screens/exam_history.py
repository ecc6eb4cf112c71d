"""Past mock exams: a score trend chart (score, prediction and pass line, on a
100-point scale) and the list of attempts; Enter opens an attempt's report.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from cskexam.core.vocab import AttemptStatus
from cskexam.tui.failures import shows_problems
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer


def percent(value: float | None, total: float) -> float | None:
    return None if value is None or not total else round(value / total * 100, 1)


class ExamHistoryScreen(AppScreen):
    SCREEN_NAME = "exam_history"

    BINDINGS = [Binding("escape", "app.pop_screen", "返回")]
    KEY_HELP = [("↑ ↓ Enter", "选择一次考试，查看成绩报告")]

    DEFAULT_CSS = """
    ExamHistoryScreen #history-chart { height: 14; border: round $primary-muted; }
    ExamHistoryScreen #history-calibration { height: auto; padding: 0 1; color: $text-muted; }
    ExamHistoryScreen #history-list { height: 1fr; border: round $primary-muted; }
    """

    def compose(self) -> ComposeResult:
        yield TitleBar("考试记录")
        yield PlotextPlot(id="history-chart")
        yield Static(Content(""), id="history-calibration")
        yield OptionList(id="history-list")
        yield Footer()

    @shows_problems()
    def on_mount(self) -> None:
        from cskexam.services.exam import ExamService

        self.query_one("#history-chart").border_title = "成绩趋势（百分制）"
        self.query_one("#history-list", OptionList).border_title = "历次考试（Enter 查看报告）"
        self.service = ExamService(self.app.require_library())
        # Abandoned attempts stay in the list (as 已放弃), without a score.
        self.rows = [r for r in self.service.history(include_unfinished=True) if r.status != AttemptStatus.IN_PROGRESS]
        self._fill_list()
        self._draw()
        cal = self.service.calibration()
        if cal.attempts:
            goal = {None: "3 次以上考试后评估", True: "达到 ±5 分目标", False: "未达 ±5 分目标"}[cal.within_goal]
            text = f"预测校准：{cal.attempts} 次考试，平均绝对误差 {cal.mae:.1f} 分（{goal}）"
        else:
            text = "还没有交卷的考试。"
        self.query_one("#history-calibration", Static).update(Content(text))

    def _fill_list(self) -> None:
        from cskexam.display import fmt_points, format_duration

        options = self.query_one("#history-list", OptionList)
        for r in self.rows:
            when = r.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
            if r.status == "abandoned":
                options.add_option(Option(Content.assemble(
                    f"#{r.id:<4} {when}  ", (r.blueprint, "bold"), "  ", ("已放弃", "$warning"),
                    f"（已答 {r.answered}/{r.questions} 题）"), id=str(r.id)))
                continue
            verdict = ("合格", "$success") if r.passed else ("不合格", "$error")
            pred = f"  预测 {r.predicted:.0f}" if r.predicted is not None else "  考前预测：尚无数据"
            options.add_option(Option(Content.assemble(
                f"#{r.id:<4} {when}  ", (r.blueprint, "bold"),
                f"  {fmt_points(r.score or 0)}/{fmt_points(r.total)} 分 ", verdict,
                f"  用时 {format_duration(r.time_used)}{pred}"), id=str(r.id)))
        if self.rows:
            options.highlighted = 0
        options.focus()

    def _draw(self) -> None:
        plot = self.query_one("#history-chart", PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        rows = [r for r in reversed(self.rows) if r.score is not None]  # scored ones, oldest first
        if not rows:
            plt.title("还没有考试记录")
            plot.refresh()
            return
        xs = list(range(1, len(rows) + 1))
        scores = [percent(r.score, r.total) or 0 for r in rows]
        plt.plot(xs, scores, marker="braille", label="得分", color="green")
        # Every score as a dot with its figure, so that none hides in the line.
        plt.scatter(xs, scores, marker="●", color="green")
        for x, score in zip(xs, scores):
            plt.text(f"{score:g}", x, min(score + 6, 98), color="green", alignment="center")
        predicted = [(x, percent(r.predicted, r.total)) for x, r in zip(xs, rows) if r.predicted is not None]
        if predicted:
            plt.plot([x for x, _ in predicted], [p for _, p in predicted], label="预测", color="cyan")
        passes = [percent(r.pass_mark, r.total) or 60 for r in rows]
        plt.plot(xs, passes, label="合格线", color="red")
        plt.ylim(0, 100)
        step = max(1, len(xs) // 12)  # ticks that do not run into each other
        plt.xticks([float(x) for x in xs[::step]], [f"#{r.id}" for r in rows][::step])
        plt.xlim(0.5, len(xs) + 0.5)
        plot.refresh()

    @shows_problems()
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from cskexam.tui.screens.exam_report import ExamReportScreen

        if not event.option.id:
            return
        attempt_id = int(event.option.id)
        row = next(r for r in self.rows if r.id == attempt_id)
        if row.status == "abandoned":
            self.notify("这次考试已放弃，没有成绩报告", timeout=2)
            return
        report = self.service.report(attempt_id)
        prediction: Any = None
        if row.predicted is not None:
            from types import SimpleNamespace

            # 0 is a real bound (a range 0–62), not a missing one.
            prediction = SimpleNamespace(
                expected=row.predicted,
                low=row.predicted if row.predicted_low is None else row.predicted_low,
                high=row.predicted if row.predicted_high is None else row.predicted_high)
        self.app.push_screen(ExamReportScreen(report, attempt_id=attempt_id, prediction=prediction))
