"""模拟考试 in progress: one paper, its countdown, the answer sheet and 交卷.

Pushed by the exam chooser (``cskexam.tui.screens.exam``) with a started or
resumed ``ExamSession``; it dismisses itself with the report when the paper is
handed in (or time is up), or with ``None`` when the candidate pauses (Esc).

The countdown is always on the top line (warning colour in the last 10
minutes, auto-submit at 0); the 答题卡 on the right shows every number as
answered / flagged / empty; nothing says whether an answer is right. Every
answer and flag is committed as it changes, the remaining time every few
seconds; leaving (Esc) pauses the clock.

Keys: A–F or 1–6 choose (多选 toggles), 判断 also t / f; → or n next, ← or p
previous, j jump to a number, m flag, x clear, Enter types into a 简答/案例分析
answer (Esc leaves the text box), s 交卷 (after a confirmation listing
unanswered and flagged questions), Esc pause and leave.

Every piece of question text reaches a widget as ``Content(text)``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from cskexam.tui.screens.base import AppScreen
from cskexam.core.vocab import QuestionType
from cskexam.services.typed import clean_typed
from cskexam.tui.failures import shows_problems
from cskexam.tui.widgets.answer_keys import JUDGE_HELP, JUDGE_LETTERS, answer_for_key
from cskexam.tui.widgets.question_render import paper_options_content
from cskexam.tui.widgets.exam_sheet import ExamSheet
from cskexam.tui.widgets.question_view import QuestionView
from cskexam.tui.widgets.text_box import TextBox
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from textual.timer import Timer

    from cskexam.core.exam import ExamReport
    from cskexam.services.exam import ExamSession

TEXT_SAVE_DELAY = 1.0  # a typed answer is saved this long after the last keystroke
TEXT_TYPES = (QuestionType.SHORT, QuestionType.CASE)

# What the candidate reads above the library's message when a write of the sitting fails.
CHOICE_NOT_SAVED = "本题作答未能保存（答题卡上仍为未保存前的样子），请稍后再选一次。"
TEXT_NOT_SAVED = "作答未能保存：输入框里的答案还在，仍停在本题，稍后会再次保存。"
FLAG_NOT_SAVED = "标记未能保存，请稍后再按 m。"
MOVE_NOT_SAVED = "未能保存，仍停在本题（屏幕上的答案还在），请稍后再试。"
SUBMIT_FAILED = "交卷未能完成：答案都还在，请稍后再交卷（s）。"
PROGRESS_NOT_SAVED = "考试进度未能保存：屏幕上的答案都还在，稍后会再次保存。"
PAUSE_FAILED = "未能暂停：考试仍在进行，屏幕上的答案都还在，请稍后再试。"
LEAVE_NOT_SAVED = "离开前的作答或剩余时间未能保存。"

# Below this width the 答题卡 (40 columns) leaves the question no room: it is hidden and the
# top line (第 n/100 题 · 已答 k) says where the candidate is. Below the smallest size the
# question itself cannot be read: a message asks for a bigger window instead, the answers
# stay saved and the clock runs on, and answering keys wait until the window is bigger.
SHEET_MIN_WIDTH = 60
EXAM_MIN_SIZE = (40, 12)
TOO_SMALL = "窗口太小，看不全题目：请把终端放大到至少 {0} 列 × {1} 行。作答都已保存，计时照常；Esc 暂停离开。"

EXAM_HELP = [
    ("Enter", "选择试卷方案后开始；简答题进入作答框"),
    ("A–F / 1–6", "选择选项（多选题按字母勾选或取消）"),
    JUDGE_HELP,
    ("→ n / ← p", "下一题 / 上一题"),
    ("j", "跳到指定题号"),
    ("m", "标记本题，交卷前再看"),
    ("x", "清除本题作答"),
    ("Esc", "离开作答框；在考试中为暂停并离开（已保存，按 e 继续）"),
    ("s", "交卷（先列出未作答和已标记的题）"),
    ("l", "考试记录与成绩趋势"),
]


class ExamSittingScreen(AppScreen["tuple[ExamReport, ExamSession] | None"]):
    SCREEN_NAME = "exam"
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("enter", "enter", "开始/作答"),
        Binding("right,n", "move(1)", "下一题"),
        Binding("left,p", "move(-1)", "上一题"),
        Binding("j", "jump", "跳题"),
        Binding("m", "flag", "标记"),
        Binding("x", "clear", "清除作答", show=False),
        Binding("s", "submit", "交卷"),
        Binding("escape", "leave", "暂停/返回"),
        *(Binding(k, f"choose('{k}')", f"选 {k.upper()}", show=False) for k in "abcdef"),
        *(Binding(str(n), f"choose('{n}')", f"选第 {n} 项", show=False) for n in range(1, 7)),
        Binding("t", "choose('t')", "对", show=False),
        # The other screens stay shut during an exam, as on the real one.
        Binding("h,g,r,w,slash,q,comma,k", "locked", "考试中", show=False),
        Binding("e", "stay", "模拟考试", show=False),
    ]

    KEY_HELP = EXAM_HELP

    DEFAULT_CSS = """
    ExamSittingScreen #exam-top { height: 1; padding: 0 1; background: $boost; }
    ExamSittingScreen #exam-status { width: 1fr; }
    ExamSittingScreen #exam-clock { width: auto; text-style: bold; color: $success; }
    ExamSittingScreen #exam-clock.-warning { color: $error; background: $error 20%; }
    ExamSittingScreen #exam-main { height: 1fr; }
    ExamSittingScreen #exam-question { width: 1fr; height: 1fr; border: round $primary-muted; padding: 0 1; }
    ExamSittingScreen #exam-sheet-pane { width: 40; height: 1fr; border: round $primary-muted; padding: 0 1; }
    ExamSittingScreen #q-text { height: 10; }
    ExamSittingScreen #exam-legend { color: $text-muted; margin-top: 1; }
    ExamSittingScreen #exam-too-small { height: 1fr; padding: 0 1; color: $warning; display: none; }
    ExamSittingScreen.-compact #exam-sheet-pane { display: none; }
    ExamSittingScreen.-too-small #exam-main { display: none; }
    ExamSittingScreen.-too-small #exam-too-small { display: block; }
    """

    def __init__(self, session: ExamSession, *, clock: Callable[[], float] = time.monotonic,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._monotonic = clock
        self.session = session
        self.paused = False
        self._last_tick = clock()  # never 0: a tick before mounting would count the machine's uptime
        self._text_dirty_at: float | None = None
        self._timer: Timer | None = None
        self._showing: int | None = None
        self._submitting = False
        self._typed = ""  # the text in the current question's box, as last changed

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar("模拟考试")
        with Horizontal(id="exam-top"):
            yield TextBox(Content(""), id="exam-status")
            yield TextBox(Content(""), id="exam-clock")
        with Horizontal(id="exam-main"):
            yield QuestionView(id="exam-question", fill_placeholder="填写答案，多个空用、分隔（自动保存）",
                               feedback=False)
            with Vertical(id="exam-sheet-pane"):
                yield ExamSheet(id="exam-sheet")
                yield Static(Content.assemble(("■", "$success"), " 已答  ", ("⚑", "$warning"), " 标记  ",
                                              ("·", "$text-muted"), " 未答  ", ("[ ]", "bold"), " 当前"),
                             id="exam-legend")
        yield Static(Content(TOO_SMALL.format(*EXAM_MIN_SIZE)), id="exam-too-small")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#exam-sheet-pane").border_title = "答题卡"
        self._fit(self.app.size.width, self.app.size.height)
        self._last_tick = self._monotonic()
        self._timer = self.set_interval(1.0, self.tick)
        self._show_question()
        self._update_clock()

    # -- the window's size -------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < SHEET_MIN_WIDTH, "-compact")
        too_small = width < EXAM_MIN_SIZE[0] or height < EXAM_MIN_SIZE[1]
        self.set_class(too_small, "-too-small")

    # -- the clock ----------------------------------------------------------------------
    @shows_problems("作答未能保存", PROGRESS_NOT_SAVED)
    def tick(self) -> None:
        """Run the countdown by the time passed since the last tick (called every second)."""
        if not self._in_exam() or self._submitting:
            return
        now = self._monotonic()
        elapsed, self._last_tick = now - self._last_tick, now
        time_up = self.session.tick(elapsed)
        if self._text_dirty_at is not None and now - self._text_dirty_at >= TEXT_SAVE_DELAY:
            self._save_text()
        if time_up:
            self._update_clock()
            self._finish(timed_out=True)
            return
        self._update_clock()

    def _update_clock(self) -> None:
        from cskexam.display import format_clock

        clock = self.query_one("#exam-clock", TextBox)
        attempt = self.session.attempt
        clock.set_class(attempt.warning, "-warning")
        clock.show(Content(f"剩余 {format_clock(attempt.remaining)}"))

    # -- showing a question ----------------------------------------------------------------
    def _show_question(self) -> None:
        from cskexam.display import fmt_points

        session = self.session
        attempt = session.attempt
        item = attempt.item
        q = item.question
        section = session.paper.section_of(item)
        bp = session.paper.blueprint
        self.query_one("#exam-status", TextBox).show(Content(
            f"{bp.name} · 第 {item.number}/{attempt.size} 题 · {section.label} · 已答 {attempt.answered_count()}"))
        flag = "  ⚑ 已标记" if item.number in attempt.flags else ""
        view = self.query_one(QuestionView)
        header = Content.assemble(f"{item.number}. 〔{q.type}〕 {fmt_points(item.points)} 分", (flag, "$warning"))
        given = attempt.answers.get(item.number)
        view.set_options(paper_options_content(q, given))
        fill, text = view.fill, view.text
        if self._showing != item.number:
            view.show(header, q.stem, typed=q.type == QuestionType.FILL, written=q.type in TEXT_TYPES)
            if q.type == QuestionType.FILL:
                fill.value = given if isinstance(given, str) else "、".join(given or [])
            if q.type in TEXT_TYPES:
                text.load_text(given or "")
            self._showing = item.number
            if self.focused in (fill, text):
                self.set_focus(None)
        else:
            view.set_header(header)
        self._render_sheet()

    def _render_sheet(self) -> None:
        for sheet in self.query(ExamSheet):  # none left while the app quits and takes the screen down
            sheet.show(self.session.attempt)

    # -- answering ---------------------------------------------------------------------------
    def _in_exam(self) -> bool:
        return not self.paused and not self.session.finished

    def _answering(self) -> bool:
        """In the exam with the question in sight: nothing is answered blind while the
        window is too small to show it (the keys wait, they do not reach other screens)."""
        return self._in_exam() and not self.has_class("-too-small")

    @shows_problems("作答未能保存", CHOICE_NOT_SAVED)
    def action_choose(self, key: str) -> None:
        if not self._answering():
            return
        attempt = self.session.attempt
        q = attempt.item.question
        answer = answer_for_key(q.type, q.options, key)
        if answer is None:
            return
        self.session.choose(attempt.current, JUDGE_LETTERS.get(answer, answer))
        self._show_question()

    @shows_problems("作答未能保存", MOVE_NOT_SAVED)
    def action_move(self, delta: int) -> None:
        if not self._answering():
            return
        self._save_text()
        self.session.goto(self.session.attempt.current + delta)
        self._show_question()

    def action_jump(self) -> None:
        if not self._answering():
            return
        from cskexam.tui.screens.exam_dialogs import JumpDialog

        self.app.push_screen(JumpDialog(self.session.attempt.size), self._jump_to)

    @shows_problems("作答未能保存", MOVE_NOT_SAVED)
    def _jump_to(self, number: int | None) -> None:
        if number is not None and self._in_exam():
            self._save_text()
            self.session.goto(number)
            self._show_question()

    @shows_problems("标记未能保存", FLAG_NOT_SAVED)
    def action_flag(self) -> None:
        if not self._answering():
            return
        self.session.toggle_flag(self.session.attempt.current)
        self._show_question()

    @shows_problems("作答未能保存", CHOICE_NOT_SAVED)
    def action_clear(self) -> None:
        if not self._answering():
            return
        self.session.answer(self.session.attempt.current, None)
        self._showing = None
        self._show_question()

    def action_enter(self) -> None:
        if not self._answering():
            return
        q = self.session.attempt.item.question
        if q.type in TEXT_TYPES:
            self.query_one("#q-text", TextArea).focus()
        elif q.type == QuestionType.FILL:
            self.query_one("#q-fill", Input).focus()

    # What was typed is kept as it changes: at quitting (Ctrl+Q) the boxes are gone
    # before this screen is unmounted, and the last words must still be saved.
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._in_exam() and self._showing == self.session.attempt.current:
            self._typed = event.text_area.text
            self._text_dirty_at = self._monotonic()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "q-fill" and self._in_exam() and self._showing == self.session.attempt.current:
            self._typed = event.value
            self._text_dirty_at = self._monotonic()

    @shows_problems("作答未能保存", TEXT_NOT_SAVED)
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "q-fill":
            self._save_text()
            self.set_focus(None)

    def _save_text(self) -> None:
        """Store what was typed into the current 简答/填空 box (if it changed)."""
        if not self._in_exam() or self._text_dirty_at is None:
            return
        dirty, self._text_dirty_at = self._text_dirty_at, None
        attempt = self.session.attempt
        if attempt.item.question.type not in (*TEXT_TYPES, QuestionType.FILL):
            return
        value = clean_typed(self._typed)  # as it is stored: else every tick would store it again
        if (value.strip() or None) != (attempt.answers.get(attempt.current) or None):
            try:
                self.session.answer(attempt.current, value)
            except Exception:
                self._text_dirty_at = dirty  # still unsaved: the next save tries again
                raise
            self._render_sheet()

    # -- 交卷 -------------------------------------------------------------------------------------
    @shows_problems("作答未能保存", TEXT_NOT_SAVED)
    def action_submit(self) -> None:
        if not self._answering():
            return
        from cskexam.display import format_clock
        from cskexam.tui.screens.exam_dialogs import SubmitDialog

        self._save_text()
        attempt = self.session.attempt

        def done(ok: bool | None) -> None:
            if ok and self._in_exam():
                self._finish(timed_out=False)

        self.app.push_screen(SubmitDialog(attempt.unanswered(), attempt.flagged(), format_clock(attempt.remaining)),
                             done)

    @shows_problems("交卷失败", SUBMIT_FAILED)
    def _finish(self, *, timed_out: bool) -> None:
        if self._submitting:
            return
        self._submitting = True
        try:
            self._save_text()
            report = self.session.submit(timed_out=timed_out)
        finally:
            self._submitting = False
        if self._timer is not None:
            self._timer.stop()
        # A dialog (jump, 交卷) may still be open when time runs out.
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        if timed_out:
            self.notify("时间到，已自动交卷", severity="warning")
        self.dismiss((report, self.session))

    # -- leaving -------------------------------------------------------------------------------------
    @shows_problems("暂停未能保存", PAUSE_FAILED)
    def action_leave(self) -> None:
        if self._in_exam():
            if self.focused is not None and self.focused.id in ("q-text", "q-fill"):
                self._leave_text_box()
                return
            self.pause()
            self.notify("已暂停并保存：剩余时间不再计算，按 e 继续考试")
        self.dismiss(None)

    @shows_problems("作答未能保存", TEXT_NOT_SAVED)
    def _leave_text_box(self) -> None:
        self._save_text()
        self.set_focus(None)

    def pause(self) -> None:
        """Stop the clock and store everything (the attempt stays in progress)."""
        if not self._in_exam():
            return
        self.tick()
        self._save_text()
        self.session.save_clock()
        if self._timer is not None:
            self._timer.stop()
        self.paused = True

    @shows_problems("作答未能保存", LEAVE_NOT_SAVED)
    def on_unmount(self) -> None:
        if self._in_exam():
            self._save_text()
            self.session.save_clock()

    def action_locked(self) -> None:
        self.notify("考试中不能打开其他界面：交卷（s）或暂停（Esc）后再去", timeout=3)

    def action_stay(self) -> None:
        """``e`` during the exam: this is the exam already."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        exam_only = {"move", "jump", "flag", "clear", "submit", "choose", "locked"}
        if action in exam_only:
            return self._in_exam()
        return True
