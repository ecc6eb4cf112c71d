"""模拟考试: choose a blueprint (with its predicted score), sit it, hand it in.

On open the screen looks for an attempt left in progress (a crash, a closed
terminal, a pause) and offers to resume it with every answer and the saved
remaining time.

During the exam: the countdown is always on the top line (warning colour in
the last 10 minutes, auto-submit at 0); the 答题卡 on the right shows every
number as answered / flagged / empty; nothing says whether an answer is right.
Every answer and flag is committed as it changes, the remaining time every
5 s; leaving the screen (Esc) pauses the clock.

Keys: A–F or 1–6 choose (多选 toggles), 判断 also t / f; → or n next, ← or p
previous, j jump to a number, m flag, x clear, Enter types into a 简答/案例分析
answer (Esc leaves the text box), s 交卷 (after a confirmation listing
unanswered and flagged questions), Esc pause and leave.

Every piece of question text reaches a widget as ``Content(text)``.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.failures import guarded

if TYPE_CHECKING:
    from cskexam.core.exam import Blueprint
    from cskexam.services.exam import ExamService, ExamSession

OPTION_KEYS = "abcdef"
SAVE_EVERY = 5.0  # seconds between saves of the remaining time
TEXT_SAVE_DELAY = 1.0  # a typed answer is saved this long after the last keystroke
TEXT_TYPES = ("简答", "案例分析")
JUDGE_KEYS = {"a": "A", "1": "A", "t": "A", "b": "B", "2": "B", "f": "B"}


class ExamScreen(Screen):
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
        Binding("l", "history", "考试记录"),
        Binding("escape", "leave", "暂停/返回"),
        *(Binding(k, f"choose('{k}')", f"选 {k.upper()}", show=False) for k in "abcdef"),
        *(Binding(str(n), f"choose('{n}')", f"选第 {n} 项", show=False) for n in range(1, 7)),
        Binding("t", "choose('t')", "对", show=False),
        # The other screens stay shut during an exam, as on the real one.
        Binding("h,g,r,w,slash,q", "locked", "考试中", show=False),
    ]

    HELP = [
        ("Enter", "选择试卷方案后开始；简答题进入作答框"),
        ("A–F / 1–6", "选择选项（多选题按字母勾选或取消）"),
        ("a/b, 1/2, t/f", "判断题：对 / 错"),
        ("→ n / ← p", "下一题 / 上一题"),
        ("j", "跳到指定题号"),
        ("m", "标记本题，交卷前再看"),
        ("x", "清除本题作答"),
        ("Esc", "离开作答框；在考试中为暂停并离开（已保存，按 e 继续）"),
        ("s", "交卷（先列出未作答和已标记的题）"),
        ("l", "考试记录与成绩趋势"),
    ]

    DEFAULT_CSS = """
    ExamScreen #exam-top { height: 1; padding: 0 1; background: $boost; }
    ExamScreen #exam-status { width: 1fr; }
    ExamScreen #exam-clock { width: auto; text-style: bold; color: $success; }
    ExamScreen #exam-clock.-warning { color: $error; background: $error 20%; }
    ExamScreen #exam-choose { height: 1fr; padding: 0 1; }
    ExamScreen #exam-blueprints { width: 1fr; height: 1fr; border: round $primary-muted; }
    ExamScreen #exam-blueprint-info { width: 2fr; height: 1fr; border: round $primary-muted; padding: 0 1; }
    ExamScreen #exam-main { height: 1fr; }
    ExamScreen #exam-question { width: 1fr; height: 1fr; border: round $primary-muted; padding: 0 1; }
    ExamScreen #exam-sheet-pane { width: 40; height: 1fr; border: round $primary-muted; padding: 0 1; }
    ExamScreen #q-header { color: $text-muted; }
    ExamScreen #q-stem { margin: 1 0; text-style: bold; }
    ExamScreen #q-options { margin-bottom: 1; }
    ExamScreen #q-text { height: 10; }
    ExamScreen #exam-legend { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, *, clock: Callable[[], float] = time.monotonic, blueprint: str | None = None,
                 seed: int | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._monotonic = clock
        self.start_blueprint = blueprint
        self.start_seed = seed
        self.phase = "choose"  # choose | exam
        self.service: ExamService | None = None
        self.session: ExamSession | None = None
        self.blueprints: list[Blueprint] = []
        self.predictions: dict[str, Any] = {}
        self._last_tick = 0.0
        self._last_save = 0.0
        self._text_dirty_at: float | None = None
        self._timer = None
        self._showing: int | None = None
        self._submitting = False

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar("模拟考试")
        with Horizontal(id="exam-top"):
            yield Static(Content("选择试卷方案，Enter 开始"), id="exam-status")
            yield Static(Content(""), id="exam-clock")
        with Horizontal(id="exam-choose"):
            yield OptionList(id="exam-blueprints")
            yield Static(Content(""), id="exam-blueprint-info")
        with Horizontal(id="exam-main"):
            with VerticalScroll(id="exam-question"):
                yield Static(Content(""), id="q-header")
                yield Static(Content(""), id="q-stem")
                yield Static(Content(""), id="q-options")
                yield Input(placeholder="填写答案，多个空用、分隔（自动保存）", id="q-fill")
                yield TextArea(id="q-text")
            with Vertical(id="exam-sheet-pane"):
                yield Static(Content(""), id="exam-sheet")
                yield Static(Content.assemble(("■", "$success"), " 已答  ", ("⚑", "$warning"), " 标记  ",
                                              ("·", "$text-muted"), " 未答  ", ("[ ]", "bold"), " 当前"),
                             id="exam-legend")
        yield Footer()

    def on_mount(self) -> None:
        from cskexam.services.exam import ExamService

        self.query_one("#exam-blueprints", OptionList).border_title = "试卷方案（Enter 开始）"
        self.query_one("#exam-blueprint-info").border_title = "方案与预测得分"
        self.query_one("#exam-sheet-pane").border_title = "答题卡"
        self.query_one("#exam-main").display = False
        self.service = ExamService(self.app.library)
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
        for bp in self.blueprints:
            try:
                prediction = self.service.predict(bp.name)
            except Exception as exc:  # a prediction must never block the exam itself
                prediction = f"预测暂不可用: {type(exc).__name__}: {exc}"
            self.predictions[bp.name] = prediction
            if not self.is_attached:
                return
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
        from cskexam.core.exam import fmt_points

        if not self.is_attached or self.phase != "choose":
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
        else:
            parts += [(p.text(), "bold"), "\n",
                      f"满分 {fmt_points(p.total)}，合格线 {fmt_points(p.pass_mark)}：{p.pass_chance_text}\n",
                      (f"依据：FSRS 记忆概率与做题正确率（有记录的分值占 {p.covered:.0%}）", "$text-muted")]
            if p.attempts:
                parts += ["\n", (f"已按 {p.attempts} 次考试的实际得分校准（{p.shift:+.1f} 分）", "$text-muted")]
        parts += ["\n\n", ("Enter 开始考试 · l 考试记录", "$text-muted")]
        self.query_one("#exam-blueprint-info", Static).update(Content.assemble(*parts))

    # -- resume ---------------------------------------------------------------------
    def _offer_resume(self, active) -> None:
        from cskexam.core.exam import format_clock

        from cskexam.tui.screens.exam_dialogs import ResumeDialog

        started = active.started_at.astimezone().strftime("%m-%d %H:%M")
        text = (f"{active.blueprint}（{started} 开始）\n已答 {active.answered}/{active.questions} 题，"
                f"剩余时间 {format_clock(active.remaining)}")

        def done(choice: str | None) -> None:
            if choice == "resume":
                self._enter_exam(self.service.resume(active.id))
            elif choice == "abandon":
                self.service.abandon(active.id)
                self.notify("已放弃这次考试")

        self.app.push_screen(ResumeDialog(text), done)

    def reopen(self, **kwargs: Any) -> None:
        """``e`` pressed again (e.g. from the home screen): offer a paused attempt."""
        if self.phase == "choose" and self.service is not None:
            active = self.service.active()
            if active is not None:
                self._offer_resume(active)

    # -- starting -----------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "exam-blueprints" and event.option.id:
            self._start(event.option.id, None)

    def _start(self, name: str, seed: int | None) -> None:
        from cskexam.errors import UserError

        try:
            session = self.service.start(name, seed)
        except UserError as exc:
            self.notify(str(exc), title="无法组卷", severity="error")
            return
        for s in session.paper.shortfalls:
            self.notify(s.message(), title="题目不足，本卷按实有题目组成", severity="warning", timeout=8)
        self._enter_exam(session)

    def _enter_exam(self, session: ExamSession) -> None:
        self.session = session
        self.phase = "exam"
        self._showing = None
        self.query_one("#exam-choose").display = False
        self.query_one("#exam-main").display = True
        self._last_tick = self._last_save = self._monotonic()
        if self._timer is None:
            self._timer = self.set_interval(1.0, self.tick)
        else:
            self._timer.resume()
        self._show_question()
        self._update_clock()

    # -- the clock ----------------------------------------------------------------------
    def tick(self) -> None:
        """Run the countdown by the time passed since the last tick (called every second)."""
        if self.phase != "exam" or self.session is None or self._submitting:
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
        if now - self._last_save >= SAVE_EVERY:
            self.session.save_clock()
            self._last_save = now
        self._update_clock()

    def _update_clock(self) -> None:
        from cskexam.core.exam import format_clock

        clock = self.query_one("#exam-clock", Static)
        if self.phase != "exam" or self.session is None:
            clock.update(Content(""))
            return
        attempt = self.session.attempt
        clock.set_class(attempt.warning, "-warning")
        clock.update(Content(f"剩余 {format_clock(attempt.remaining)}"))

    # -- showing a question ----------------------------------------------------------------
    def _show_question(self) -> None:
        from cskexam.core.exam import fmt_points

        session = self.session
        attempt = session.attempt
        item = attempt.item
        q = item.question
        section = session.paper.section_of(item)
        bp = session.paper.blueprint
        self.query_one("#exam-status", Static).update(Content(
            f"{bp.name} · 第 {item.number}/{attempt.size} 题 · {section.label} · 已答 {attempt.answered_count()}"))
        flag = "  ⚑ 已标记" if item.number in attempt.flags else ""
        self.query_one("#q-header", Static).update(Content.assemble(
            f"{item.number}. 〔{q.type}〕 {fmt_points(item.points)} 分", (flag, "$warning")))
        self.query_one("#q-stem", Static).update(Content(q.stem))
        self._render_options()
        given = attempt.answers.get(item.number)
        fill = self.query_one("#q-fill", Input)
        text = self.query_one("#q-text", TextArea)
        if self._showing != item.number:
            fill.display = q.type == "填空"
            text.display = q.type in TEXT_TYPES
            if q.type == "填空":
                fill.value = given if isinstance(given, str) else "、".join(given or [])
            if q.type in TEXT_TYPES:
                text.load_text(given or "")
            self._showing = item.number
            if self.focused in (fill, text):
                self.set_focus(None)
        self._render_sheet()

    def _render_options(self) -> None:
        q = self.session.attempt.item.question
        given = self.session.attempt.answers.get(self.session.attempt.current)
        options = dict(q.options)
        if q.type == "判断":
            options = {"A": "对", "B": "错"}
            chosen = {"对": {"A"}, "错": {"B"}}.get(given, set())
        elif q.type == "多选":
            chosen = set(given or [])
        else:
            chosen = {given} if given else set()
        parts: list[Any] = []
        for key, text in options.items():
            mark = ("■ " if key in chosen else "□ ") if q.type == "多选" else ("● " if key in chosen else "○ ")
            style = "bold $accent" if key in chosen else ""
            parts += [(f"{mark}{key}. ", style), (text, style), "\n"]
        if q.type in TEXT_TYPES:
            parts.append(("Enter 进入作答框输入答案，Esc 离开（自动保存）", "$text-muted"))
        elif q.type == "填空":
            parts.append(("Enter 进入填空框（自动保存）", "$text-muted"))
        elif q.type == "多选":
            parts.append(("按字母勾选或取消（可多选）", "$text-muted"))
        self.query_one("#q-options", Static).update(Content.assemble(*parts) if parts else Content(""))

    def _render_sheet(self) -> None:
        attempt = self.session.attempt
        parts: list[Any] = []
        per_row = 6
        section = None
        col = 0
        for item in attempt.paper.items:
            if item.section != section:
                section = item.section
                if parts:
                    parts.append("\n")
                parts += [(attempt.paper.blueprint.sections[section].label, "$text-muted"), "\n"]
                col = 0
            elif col == per_row:
                parts.append("\n")
                col = 0
            n = item.number
            if n in attempt.flags:
                style, mark = "bold $warning", "⚑"
            elif attempt.is_answered(n):
                style, mark = "$success", "■"
            else:
                style, mark = "$text-muted", "·"
            cell = f"{n:>3}{mark}"
            if n == attempt.current:
                parts.append((f"[{cell.strip():>4}]", f"{style} reverse"))
            else:
                parts.append((f" {cell} ", style))
            col += 1
        self.query_one("#exam-sheet", Static).update(Content.assemble(*parts))

    # -- answering ---------------------------------------------------------------------------
    def _in_exam(self) -> bool:
        return self.phase == "exam" and self.session is not None and not self.session.finished

    def action_choose(self, key: str) -> None:
        if not self._in_exam():
            return
        attempt = self.session.attempt
        q = attempt.item.question
        if q.type == "判断":
            letter = JUDGE_KEYS.get(key)
        elif key.isdigit():
            letter = OPTION_KEYS[int(key) - 1].upper() if 1 <= int(key) <= 6 else None
        elif key == "t":
            letter = None
        else:
            letter = key.upper()
        if letter is None or (q.type != "判断" and letter not in q.options):
            return
        self.session.choose(attempt.current, letter)
        self._show_question()

    def action_move(self, delta: int) -> None:
        if not self._in_exam():
            return
        self._save_text()
        self.session.goto(self.session.attempt.current + delta)
        self._show_question()

    def action_jump(self) -> None:
        if not self._in_exam():
            return
        from cskexam.tui.screens.exam_dialogs import JumpDialog

        def done(number: int | None) -> None:
            if number is not None and self._in_exam():
                self._save_text()
                self.session.goto(number)
                self._show_question()

        self.app.push_screen(JumpDialog(self.session.attempt.size), done)

    def action_flag(self) -> None:
        if not self._in_exam():
            return
        self.session.toggle_flag(self.session.attempt.current)
        self._show_question()

    def action_clear(self) -> None:
        if not self._in_exam():
            return
        self.session.answer(self.session.attempt.current, None)
        self._showing = None
        self._show_question()

    def action_enter(self) -> None:
        if self.phase == "choose":
            bp = self._selected_blueprint()
            if bp is not None:
                self._start(bp.name, None)
            return
        if not self._in_exam():
            return
        q = self.session.attempt.item.question
        if q.type in TEXT_TYPES:
            self.query_one("#q-text", TextArea).focus()
        elif q.type == "填空":
            self.query_one("#q-fill", Input).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._in_exam() and self._showing == self.session.attempt.current:
            self._text_dirty_at = self._monotonic()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "q-fill" and self._in_exam() and self._showing == self.session.attempt.current:
            self._text_dirty_at = self._monotonic()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "q-fill":
            self._save_text()
            self.set_focus(None)

    def _save_text(self) -> None:
        """Store what was typed into the current 简答/填空 box (if it changed)."""
        if not self._in_exam() or self._text_dirty_at is None:
            return
        self._text_dirty_at = None
        attempt = self.session.attempt
        q = attempt.item.question
        if q.type in TEXT_TYPES:
            value = self.query_one("#q-text", TextArea).text
        elif q.type == "填空":
            value = self.query_one("#q-fill", Input).value
        else:
            return
        if (value.strip() or None) != (attempt.answers.get(attempt.current) or None):
            self.session.answer(attempt.current, value)
            self._render_sheet()

    # -- 交卷 -------------------------------------------------------------------------------------
    def action_submit(self) -> None:
        if not self._in_exam():
            return
        from cskexam.core.exam import format_clock
        from cskexam.tui.screens.exam_dialogs import SubmitDialog

        self._save_text()
        attempt = self.session.attempt

        def done(ok: bool | None) -> None:
            if ok and self._in_exam():
                self._finish(timed_out=False)

        self.app.push_screen(SubmitDialog(attempt.unanswered(), attempt.flagged(), format_clock(attempt.remaining)),
                             done)

    def _finish(self, *, timed_out: bool) -> None:
        from cskexam.tui.screens.exam_report import ExamReportScreen

        if self._submitting:
            return
        self._submitting = True
        try:
            self._save_text()
            session = self.session
            report = session.submit(timed_out=timed_out)
        finally:
            self._submitting = False
        if self._timer is not None:
            self._timer.pause()
        # A dialog (jump, 交卷) may still be open when time runs out.
        while self.app.screen is not self and len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        self._back_to_choose()
        if timed_out:
            self.notify("时间到，已自动交卷", severity="warning")
        self.app.push_screen(ExamReportScreen(report, attempt_id=session.attempt_id,
                                              prediction=session.prediction))

    def _back_to_choose(self, reload: bool = True) -> None:
        self.phase = "choose"
        self.session = None
        self._showing = None
        self.query_one("#exam-main").display = False
        self.query_one("#exam-choose").display = True
        self.query_one("#exam-status", Static).update(Content("选择试卷方案，Enter 开始"))
        self._update_clock()
        self.predictions.clear()
        if reload:  # predictions change after an attempt
            self._load_blueprints()

    # -- leaving -------------------------------------------------------------------------------------
    def action_leave(self) -> None:
        if self._in_exam():
            if self.focused is not None and self.focused.id in ("q-text", "q-fill"):
                self._save_text()
                self.set_focus(None)
                return
            self.pause()
            self.notify("已暂停并保存：剩余时间不再计算，按 e 继续考试")
        self.app.pop_screen()

    def pause(self) -> None:
        """Stop the clock and store everything (the attempt stays in progress)."""
        if not self._in_exam():
            return
        self.tick()
        self._save_text()
        self.session.save_clock()
        if self._timer is not None:
            self._timer.pause()
        self._back_to_choose(reload=False)

    def on_unmount(self) -> None:
        if self._in_exam():
            self._save_text()
            self.session.save_clock()

    def action_locked(self) -> None:
        self.notify("考试中不能打开其他界面：交卷（s）或暂停（Esc）后再去", timeout=3)

    def action_history(self) -> None:
        if self.phase != "choose":
            return
        from cskexam.tui.screens.exam_history import ExamHistoryScreen

        self.app.push_screen(ExamHistoryScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        exam_only = {"move", "jump", "flag", "clear", "submit", "choose", "locked"}
        if action in exam_only:
            return self._in_exam()
        if action == "history":
            return self.phase == "choose"
        return True
