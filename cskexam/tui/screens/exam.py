"""模拟考试: choose a blueprint (with its predicted score), then sit it.

On open the screen looks for an attempt left in progress (a crash, a closed
terminal, a pause) and offers to resume it with every answer and the saved
remaining time. The exam itself runs on ``ExamSittingScreen``
(``cskexam.tui.screens.exam_sitting``), pushed on top of this one; when it is
handed in this screen shows the report, when it is paused this screen closes
too.

Every piece of blueprint text reaches a widget as ``Content(text)``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cskexam.tui.screens.base import AppScreen
from cskexam.tui.screens.exam_sitting import EXAM_HELP
from cskexam.tui.widgets.unchanged import update_if_changed
from cskexam.tui.widgets.cjk_text import CjkText
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.failures import guarded, shows_problems
from cskexam.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from cskexam.core.exam import Blueprint, ExamReport
    from cskexam.core.readiness import Prediction
    from cskexam.services.exam import ExamService, ExamSession


class ExamScreen(AppScreen):
    KEEPS_SESSION = True  # see app.open_screen: a look elsewhere keeps it
    SCREEN_NAME = "exam"
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("enter", "enter", "开始/作答"),
        Binding("l", "history", "考试记录"),
        Binding("escape", "leave", "暂停/返回"),
    ]

    KEY_HELP = EXAM_HELP

    DEFAULT_CSS = """
    ExamScreen #exam-top { height: 1; padding: 0 1; background: $boost; }
    ExamScreen #exam-status { width: 1fr; }
    ExamScreen #exam-choose { height: 1fr; padding: 0 1; }
    ExamScreen #exam-blueprints { width: 1fr; height: 1fr; border: round $primary-muted; }
    ExamScreen #exam-blueprint-info { width: 2fr; height: 1fr; border: round $primary-muted; padding: 0 1; }
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, blueprint: str | None = None,
                 seed: int | None = None, **kwargs: Any) -> None:
        """``clock`` (monotonic seconds) runs the sitting's countdown; tests pass a fake one."""
        super().__init__(**kwargs)
        self._monotonic = clock
        self.start_blueprint = blueprint
        self.start_seed = seed
        self.sitting = False
        self.blueprints: list[Blueprint] = []
        self.predictions: dict[str, Any] = {}
        self.service: ExamService  # set on mount

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar("模拟考试")
        with Horizontal(id="exam-top"):
            yield Static(Content("选择试卷方案，Enter 开始"), id="exam-status")
        with Horizontal(id="exam-choose"):
            yield OptionList(id="exam-blueprints")
            yield Static(Content(""), id="exam-blueprint-info")
        yield Footer()

    @shows_problems()
    def on_mount(self) -> None:
        from cskexam.services.exam import ExamService

        self.query_one("#exam-blueprints", OptionList).border_title = "试卷方案"
        self.query_one("#exam-blueprint-info").border_title = "方案与预测得分"
        self.service = ExamService(self.app.require_library())
        self._load_blueprints()
        active = self.service.active()
        if active is not None:
            self._offer_resume(active)
        elif self.start_blueprint:
            self._start(self.start_blueprint, self.start_seed)

    def _load_blueprints(self) -> None:
        from cskexam.errors import UserError

        options = self.query_one("#exam-blueprints", OptionList)
        options.clear_options()
        try:
            self.blueprints = self.service.blueprints()
        except UserError as exc:
            self.blueprints = []
            self.query_one("#exam-blueprint-info", Static).update(
                Content.assemble(("试卷方案文件有误\n", "bold $error"), str(exc)))
            return
        for bp in self.blueprints:
            options.add_option(Option(Content(f"{bp.name}\n  {bp.question_count} 题 · {bp.minutes} 分钟"), id=bp.name))
        if self.blueprints:
            options.highlighted = 0
        options.focus()
        self.run_worker(guarded(self, self._predict_all), thread=True, group="exam-predict", exclusive=True)

    def _predict_all(self) -> None:
        # One reading of the questions and the evidence for every blueprint, and one repaint.
        predictions: dict[str, Prediction | str]
        try:
            predictions = dict(self.service.predict_all([bp.name for bp in self.blueprints]))
        except Exception as exc:  # a prediction must never block the exam itself
            predictions = {bp.name: f"预测暂不可用: {type(exc).__name__}: {exc}" for bp in self.blueprints}
        self.predictions.update(predictions)
        if self.is_attached:
            self.app.call_from_thread(self._show_blueprint_info)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "exam-blueprints":
            self._show_blueprint_info()

    def _selected_blueprint(self) -> Blueprint | None:
        try:
            options = self.query_one("#exam-blueprints", OptionList)
        except NoMatches:  # the screen is being closed
            return None
        if options.highlighted is None or not self.blueprints:
            return None
        return self.blueprints[options.highlighted]

    def _show_blueprint_info(self) -> None:
        from cskexam.core.readiness import NO_DATA
        from cskexam.display import fmt_points

        if not self.is_attached or self.sitting:
            return  # the prediction worker may finish after the screen was closed
        bp = self._selected_blueprint()
        if bp is None:
            return
        parts: list[Any] = [(bp.name, "bold"), "\n", bp.summary(), "\n"]
        if bp.description:
            parts += ["\n", (bp.description, "$text-muted"), "\n"]
        parts.append("\n")
        p = self.predictions.get(bp.name)
        if p is None:
            parts.append(("正在计算预测得分…", "$text-muted"))
        elif isinstance(p, str):
            parts.append(p)
        elif not p.ready:  # nothing studied yet: no figure, only what is needed
            parts += [(f"预测得分：{NO_DATA}", "bold"), "\n", (p.needed_text(), "$text-muted")]
        else:
            parts += [(p.text(), "bold"), "\n",
                      f"满分 {fmt_points(p.total)}，合格线 {fmt_points(p.pass_mark)}：{p.pass_chance_text}\n",
                      (f"依据：FSRS 记忆概率与做题正确率（有记录的分值占 {p.covered:.0%}）", "$text-muted")]
            if p.attempts:
                parts += ["\n", (f"已按 {p.attempts} 次考试的实际得分校准（{p.shift:+.1f} 分）", "$text-muted")]
        parts += ["\n\n", ("Enter 开始考试 · l 考试记录", "$text-muted")]
        # Predicted anew each time 模拟考试 is opened: mostly the same, and then no second frame.
        update_if_changed(self.query_one("#exam-blueprint-info", Static), CjkText(Content.assemble(*parts)))

    # -- resume ---------------------------------------------------------------------
    def _offer_resume(self, active) -> None:
        from cskexam.display import format_clock

        from cskexam.tui.screens.exam_dialogs import ResumeDialog

        started = active.started_at.astimezone().strftime("%m-%d %H:%M")
        text = (f"{active.blueprint}（{started} 开始）\n已答 {active.answered}/{active.questions} 题，"
                f"剩余时间 {format_clock(active.remaining)}")

        self.app.push_screen(ResumeDialog(text), lambda choice: self._resume_chosen(active.id, choice))

    @shows_problems()
    def _resume_chosen(self, attempt_id: int, choice: str | None) -> None:
        if choice == "resume":
            self._enter_exam(self.service.resume(attempt_id))
        elif choice == "abandon":
            self.service.abandon(attempt_id)
            self.notify("已放弃这次考试")

    @shows_problems()
    def reopen(self, **kwargs: Any) -> None:
        """``e`` pressed again (e.g. from the home screen): offer a paused attempt, predict anew."""
        if not self.sitting and self.is_mounted:
            active = self.service.active()
            if active is not None:
                self._offer_resume(active)
            # what was studied meanwhile changes the predictions (the figures stay until the new ones
            # come); predicted once the screen is drawn, which a worker started now would hold up
            self.call_after_refresh(self.run_worker, guarded(self, self._predict_all), thread=True,
                                    group="exam-predict", exclusive=True)

    # -- starting -----------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "exam-blueprints" and event.option.id:
            self._start(event.option.id, None)

    @shows_problems("无法组卷")
    def _start(self, name: str, seed: int | None) -> None:
        from cskexam.errors import UserError
        from cskexam.services.exam import UnfinishedExam

        if self.sitting:
            return  # see _enter_exam
        try:
            session = self.service.start(name, seed)
        except UnfinishedExam as exc:
            # A candidate who picks a paper left half done expects to carry on with it.
            self.notify(f"继续「{exc.blueprint}」未完成的考试（答案与剩余时间已保存）", title="继续考试", markup=False)
            self._enter_exam(self.service.resume(exc.attempt_id))
            return
        except UserError as exc:
            self.notify(str(exc), title="无法组卷", severity="error", markup=False)
            return
        for s in session.paper.shortfalls:
            self.notify(s.message(), title="题目不足，本卷按实有题目组成", severity="warning", timeout=8, markup=False)
        self._enter_exam(session)

    def _enter_exam(self, session: ExamSession) -> None:
        from cskexam.tui.screens.exam_sitting import ExamSittingScreen

        if self.sitting:
            # A second Enter queued behind the first (a terminal delivers both before
            # either is handled) must not open the attempt again: a hidden sitting's
            # clock would keep saving its own position over the one in front.
            return
        self.sitting = True
        self.app.push_screen(ExamSittingScreen(session, clock=self._monotonic),
                             self._sitting_done)

    def _sitting_done(self, result: tuple[ExamReport, ExamSession] | None) -> None:
        from cskexam.tui.screens.exam_report import ExamReportScreen

        self.sitting = False
        self.predictions.clear()
        if result is None:  # paused: leave the exam altogether
            self.app.pop_screen()
            return
        report, session = result
        self._load_blueprints()  # predictions change after an attempt
        self.app.push_screen(ExamReportScreen(report, attempt_id=session.attempt_id,
                                              prediction=session.prediction))

    def action_enter(self) -> None:
        bp = self._selected_blueprint()
        if bp is not None:
            self._start(bp.name, None)

    def action_leave(self) -> None:
        self.app.pop_screen()

    def action_history(self) -> None:
        from cskexam.tui.screens.exam_history import ExamHistoryScreen

        self.app.push_screen(ExamHistoryScreen())
