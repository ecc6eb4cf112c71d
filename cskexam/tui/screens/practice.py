"""章节练习: choose a part of the notes, answer with the keyboard, see why at once.

Keys while answering: A–F (or 1–6) choose an option, Space toggles the one
under the cursor in 多选, a/b, 1/2 or t/f answer 判断 (the keys of
``tui/widgets/answer_keys.py``, as in the exam), Enter submits and goes on.
填空 is typed into a line, 简答/案例分析 into a text area (Ctrl+S submits).
``f`` and ``*`` star the question, except that while a 判断 (or a question
with an option F) waits for its answer ``f`` is that answer; ``*`` always stars.
背题模式 (``m``) shows the answer and 解析 straight away and records nothing.

Every piece of note or question text reaches a widget as ``Content(text)``.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING, Any, Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static, TextArea

from cskexam.tui.failures import shows_problems
from cskexam.tui.screens.practice_scopes import PracticeScopes
from cskexam.tui.widgets.answer_keys import JUDGE_HELP, JUDGE_KEYS, answer_for_key
from cskexam.tui.widgets.question_render import CHOICE_TYPES, feedback_content, options_content
from cskexam.tui.widgets.question_view import WRITTEN_TYPES, QuestionView
from cskexam.tui.widgets.text_box import TextBox
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer

from cskexam.core.vocab import QUESTION_TYPES, QuestionType
from cskexam.errors import UserError
from cskexam.services.practice_round import PracticeRound, key_point_path

if TYPE_CHECKING:
    from cskexam.core.questions import Question
    from cskexam.services.practice import AnswerOutcome, Practice

TYPE_FILTERS: tuple[str | None, ...] = (None, *QUESTION_TYPES)
SOURCE_LABELS = {"generated": "生成", "bank": "题库", "import": "导入"}


class PracticeScreen(PracticeScopes):
    KEEPS_SESSION = True  # see app.open_screen: a look elsewhere keeps it
    SCREEN_NAME = "practice"
    AUTO_FOCUS = ""  # focus follows the phase: scope list, answer box or the screen itself

    BINDINGS = [
        Binding("enter", "submit", "提交/下一题"),
        Binding("space", "toggle_option", "勾选", show=False),
        Binding("up", "cursor(-1)", "上一个选项", show=False),
        Binding("down", "cursor(1)", "下一个选项", show=False),
        *(Binding(k, f"choose('{k}')", f"选 {k.upper()}", show=False) for k in "abcde"),
        *(Binding(str(n), f"choose('{n}')", f"选第 {n} 项", show=False) for n in range(1, 7)),
        Binding("t", "choose('t')", "对", show=False),
        Binding("f", "f_key", "收藏"),
        Binding("asterisk", "star", "收藏", show=False, key_display="*"),
        Binding("ctrl+s", "submit_text", "提交作答"),
        Binding("m", "recite", "背题模式", show=False),
        Binding("o", "order", "顺序/随机", show=False),
        Binding("y", "type_filter", "题型", show=False),
        Binding("x", "shuffle_options", "选项乱序", show=False),
        Binding("b", "from_start", "从头开始", show=False),
        Binding("j", "sheet", "答题卡"),
        Binding("v", "show_node", "查看要点", show=False),
        Binding("s", "setup", "重选范围", show=False),
        Binding("escape", "leave_field", "离开输入框"),
    ]

    KEY_HELP = [
        ("Enter", "选择范围后开始；作答后提交；看完解析后下一题"),
        ("A–F / 1–6", "选择选项（多选题按字母勾选或取消）"),
        ("↑ ↓ 空格", "多选题中移动光标、勾选光标处的选项"),
        JUDGE_HELP,
        ("Ctrl+S", "提交简答题、案例分析题的作答"),
        ("f 或 *", "收藏本题（判断题作答前 f 表示“错”，此时用 *）"),
        ("m", "背题模式：直接显示答案和解析，不计入记录"),
        ("o / y", "选择范围时：顺序或随机、按题型筛选"),
        ("x", "选择范围时：选项乱序（字母随之重排，按原题记分）"),
        ("Enter / b", "选择范围时：继续上次做到的题 / 从第一题重新开始"),
        ("j", "答题卡：每题对错，输入题号跳过去"),
        ("v", "在知识图谱中查看本题的要点"),
        ("s", "回到范围选择"),
        ("Esc", "在输入框中：离开输入框（再按一次返回上一界面）"),
    ]

    DEFAULT_CSS = """
    /* on a wide terminal the round keeps a readable width, centred */
    PracticeScreen #practice-body { height: 1fr; align-horizontal: center; }
    PracticeScreen #practice-body > * { max-width: 110; }
    PracticeScreen #practice-settings { color: $text-muted; padding: 0 1; height: auto; }
    PracticeScreen #practice-scopes { height: 1fr; border: round $primary-muted; }
    PracticeScreen #practice-question { height: 1fr; border: round $primary-muted; padding: 0 1; }
    PracticeScreen #q-fill { margin-bottom: 1; }
    PracticeScreen #q-text { height: 8; margin-bottom: 1; }
    PracticeScreen #q-feedback { margin-top: 1; }
    """

    def __init__(
        self,
        node_id: str | None = None,
        *,
        question_ids: list[str] | None = None,
        title: str | None = None,
        mode: str = "practice",
        recite: bool = False,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
        **kwargs: Any,
    ) -> None:
        """``rng`` orders a random round and ``clock`` times the answers (tests pass their own)."""
        super().__init__(**kwargs)
        self.rng = rng or random.Random()
        self._monotonic = clock
        self.initial_node_id = node_id
        self.initial_ids = list(question_ids) if question_ids is not None else None
        self.scope_title = title
        self.mode = mode
        self.recite = recite
        self.order = "顺序"
        self.type_filter: str | None = None
        self.round_filter: str | None = None
        self.shuffle_options = False  # x in the scope list: options in another order each round
        self.round_key: str | None = None  # the scope whose round is remembered (继续上次)
        self._saved: dict[str, dict] = {}
        self.phase = "setup"  # setup | question | done
        self.all_questions: list[Question] = []
        self.round = PracticeRound([])
        self.selected: set[str] = set()
        self.cursor = 0
        self.outcome: AnswerOutcome | None = None
        self.revealed = False
        self.starred: set[str] = set()
        self.scope_node: str | None = None
        self._scopes: list[str | None] = []
        self._wrong_ids: set[str] = set()
        self._practice: Practice  # set on mount
        self._shown_at = self._monotonic()

    @property
    def questions(self) -> list[Question]:
        return self.round.questions

    @property
    def index(self) -> int:
        return self.round.index

    # -- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield TitleBar("章节练习")
        with Vertical(id="practice-body"):
            yield TextBox(Content(""), id="practice-settings")
            yield OptionList(id="practice-scopes")
            yield QuestionView(id="practice-question", fill_placeholder="填写答案，多个空用、分隔，Enter 提交",
                               feedback=True)
        yield Footer()

    @shows_problems()
    def on_mount(self) -> None:
        self.query_one("#practice-scopes", OptionList).border_title = "选择练习范围（Enter 开始）"
        from cskexam.services.practice import Practice

        self._practice = Practice(self.app.require_library())
        if self.initial_ids is None and self.initial_node_id is None:
            self._open_setup()
            return
        self._read_questions()
        if self.initial_ids is not None:
            self._start_ids(self.initial_ids)
        elif self.initial_node_id is not None:
            self._start_scope(self.initial_node_id)

    def reopen(self, node_id: str | None = None, question_ids: list[str] | None = None,
               title: str | None = None, mode: str = "practice", **_: Any) -> None:
        """Opened again (on the stack, or kept): start the new scope, if one is given."""
        if question_ids is None and node_id is None:
            if self.phase == "setup":  # the figures of each scope may have changed meanwhile
                scopes = self.query_one("#practice-scopes", OptionList)
                keep = scopes.highlighted
                self._show_setup()
                if keep is not None and keep < scopes.option_count:
                    scopes.highlighted = keep
            return
        self.mode = mode
        if question_ids is not None:
            self.scope_title = title
            self._start_ids(list(question_ids))
        elif node_id is not None:
            self.scope_title = None
            self._start_scope(node_id)

    def _begin(self, found: list[Question], type_filter: str | None = None, saved: dict | None = None) -> None:
        # The header shows the filter this round was made with, not whatever was chosen before.
        self.round_filter = type_filter
        self.round_key = None  # set by _start_scope: ad hoc rounds (错题, an exam's) are not remembered
        resumed = PracticeRound.resume(found, saved) if saved else None
        self.round = resumed or PracticeRound.start(found, self.order, self.rng, shuffle=self.shuffle_options)
        if resumed is not None:
            self.notify(f"继续上次：第 {resumed.index + 1}/{len(resumed.questions)} 题", timeout=2)
        self.phase = "question"
        self.set_focus(None)
        self.query_one("#practice-scopes").display = False
        self.query_one("#practice-question").display = True
        self._show_question()

    # -- one question -----------------------------------------------------------
    @property
    def question(self) -> Question | None:
        return self.round.current if self.phase == "question" else None

    def _show_question(self) -> None:
        q = self.question
        if q is None:
            return
        self.selected = set()
        self.cursor = 0
        self.outcome = None
        self.revealed = self.recite
        self._shown_at = self._monotonic()
        star = "  ★ 已收藏" if q.id in self.starred else ""
        header = f"第 {self.index + 1}/{len(self.questions)} 题 · {q.type} · {SOURCE_LABELS.get(q.source, q.source)}{star}"
        view = self.query_one(QuestionView)
        fill, text = view.fill, view.text
        fill.value = ""
        text.text = ""
        text.read_only = False
        typed = q.type == QuestionType.FILL and not self.revealed
        written = q.type in WRITTEN_TYPES and not self.revealed
        view.show(Content(header), q.stem, typed=typed, written=written)
        self._render_options()
        self._render_feedback()
        if typed:
            fill.focus()
        elif written:
            text.focus()
        else:
            self.set_focus(None)
        self._show_settings()
        self.refresh_bindings()
        view.scroll_home(animate=False)

    def _render_options(self) -> None:
        q = self.question
        view = self.query_one(QuestionView)
        if q is None or q.type not in CHOICE_TYPES:
            view.set_options(None)
            return
        done = self.outcome is not None or self.revealed
        view.set_options(options_content(q, self.selected, self.cursor, done=done))

    def _render_feedback(self) -> None:
        q = self.question
        view = self.query_one(QuestionView)
        if q is None or (self.outcome is None and not self.revealed):
            view.set_feedback(None)
            return
        view.set_feedback(feedback_content(q, self.outcome, key_point_path(self._graph(), q.node),
                                           last=self.round.is_last))

    # -- answering ------------------------------------------------------------------
    def _waiting(self) -> bool:
        return self.question is not None and self.outcome is None and not self.revealed

    def action_choose(self, key: str) -> None:
        q = self.question
        if q is None or not self._waiting():
            return
        answer = answer_for_key(q.type, q.options, key)
        if answer is None:
            return
        if q.type == QuestionType.JUDGE:
            self.selected = {answer}
        else:
            letter = answer
            self.cursor = list(q.options).index(letter)
            if q.type == QuestionType.MULTI:
                self.selected ^= {letter}
            else:
                self.selected = {letter}
        self._render_options()

    def action_f_key(self) -> None:
        q = self.question
        if q is not None and self._waiting() and (q.type == QuestionType.JUDGE or "F" in q.options):
            self.action_choose("f")
        else:
            self.action_star()

    def action_cursor(self, delta: int) -> None:
        q = self.question
        if q is None or q.type != QuestionType.MULTI or not self._waiting():
            return
        self.cursor = (self.cursor + delta) % len(q.options)
        self._render_options()

    def action_toggle_option(self) -> None:
        q = self.question
        if q is None or q.type != QuestionType.MULTI or not self._waiting():
            return
        self.selected ^= {list(q.options)[self.cursor]}
        self._render_options()

    def _given(self) -> Any:
        q = self.question
        if q is None:
            return None
        if q.type == QuestionType.SINGLE:
            return next(iter(self.selected), None)
        if q.type == QuestionType.MULTI:
            return "".join(sorted(self.selected)) or None
        if q.type == QuestionType.JUDGE:
            return next(iter(self.selected), None)
        if q.type == QuestionType.FILL:
            return self.query_one("#q-fill", Input).value.strip() or None
        return self.query_one("#q-text", TextArea).text.strip() or None

    def action_submit(self) -> None:
        if self.phase == "done":
            key = self.round_key
            self._begin(list(self.questions), type_filter=self.round_filter)
            self.round_key = key
            return
        if self.phase != "question":
            return
        if not self._waiting():
            self._next()
            return
        given = self._given()
        q = self.question
        if q is None:
            return
        if given is None:
            hint = "先选择选项" if q.type in CHOICE_TYPES else "先写下答案"
            self.notify(hint, timeout=1.5)
            return
        self._record(given)

    def action_submit_text(self) -> None:
        q = self.question
        if q is not None and self._waiting() and q.type in (*WRITTEN_TYPES, QuestionType.FILL):
            self.action_submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @shows_problems("作答未能保存")
    def _record(self, given: Any) -> None:
        q = self.question
        if q is None:
            return
        elapsed = int((self._monotonic() - self._shown_at) * 1000)
        stored, stored_given = self.round.original(q, given)  # letters as stored, if options were shuffled
        try:
            self.outcome = self._practice.answer(stored, stored_given, mode=self.mode, duration_ms=elapsed)
        except UserError as exc:  # e.g. the disk is full: the answer was not saved, say so and stay
            self.notify(str(exc), title="作答未能保存", severity="error", timeout=12, markup=False)
            return
        self.round.record(self.outcome.correct)
        self.query_one("#q-fill", Input).display = False
        area = self.query_one("#q-text", TextArea)
        area.read_only = True
        if q.type == QuestionType.FILL:
            self.query_one("#q-feedback", Static).display = True
        self.set_focus(None)
        self._render_options()
        self._render_feedback()
        self._show_settings()
        self.refresh_bindings()
        self._save_round()

    def _next(self) -> None:
        if self.round.advance():
            self._show_question()
            return
        self._finish()

    def _finish(self) -> None:
        self.phase = "done"
        r = self.round
        if self.round_key is not None:
            self._practice.forget_round(self.round_key)
        rate = f"，正确率 {r.accuracy:.0%}" if r.accuracy is not None else ""
        summary = f"本轮练习完成：共 {len(r.questions)} 题，作答 {r.answered} 题，答对 {r.right} 题{rate}。"
        self.query_one("#q-header", Static).update(Content("本轮结束"))
        self.query_one("#q-stem", Static).update(Content(summary))
        for wid in ("#q-options", "#q-fill", "#q-text"):
            self.query_one(wid).display = False
        feedback = self.query_one("#q-feedback", Static)
        feedback.display = True
        feedback.update(Content("Enter 再练一轮，s 重新选择范围，w 打开错题本，Esc 返回"))
        self.set_focus(None)
        self._show_settings()
        self.refresh_bindings()

    # -- other actions ------------------------------------------------------------------
    @shows_problems("收藏未能保存")
    def action_star(self) -> None:
        q = self.question
        if q is None:
            return
        on = self._practice.toggle_star(q.id)
        (self.starred.add if on else self.starred.discard)(q.id)
        self.notify("已收藏" if on else "已取消收藏", timeout=1.5)
        header = self.query_one("#q-header", TextBox)
        star = "  ★ 已收藏" if on else ""
        header.show(Content(f"第 {self.index + 1}/{len(self.questions)} 题 · {q.type} · "
                              f"{SOURCE_LABELS.get(q.source, q.source)}{star}"))

    def action_recite(self) -> None:
        self.recite = not self.recite
        if self.phase == "question" and self.outcome is None:
            self._show_question()
        else:
            self._show_settings()
        self.notify("背题模式已开启：直接显示答案" if self.recite else "背题模式已关闭", timeout=1.5)

    def action_sheet(self) -> None:
        from cskexam.tui.widgets.answer_sheet import AnswerSheet

        def go(index: int | None) -> None:
            if index is not None and index != self.round.index:
                self.round.goto(index)
                self._show_question()

        self.app.push_screen(AnswerSheet(self.round.sheet(), self.round.index), go)

    def action_shuffle_options(self) -> None:
        self.shuffle_options = not self.shuffle_options
        self._show_settings()

    def action_order(self) -> None:
        self.order = "随机" if self.order == "顺序" else "顺序"
        self._show_settings()

    def action_type_filter(self) -> None:
        i = TYPE_FILTERS.index(self.type_filter)
        self.type_filter = TYPE_FILTERS[(i + 1) % len(TYPE_FILTERS)]
        self._show_setup()

    def action_show_node(self) -> None:
        q = self.question
        if q is None or not q.node:
            self.notify("这道题没有关联的要点", timeout=1.5)
            return
        self.app.show_node(q.node)

    def action_leave_field(self) -> None:
        self.set_focus(None)
        self.refresh_bindings()

    @shows_problems()
    def action_setup(self) -> None:
        self.all_questions = self._practice.questions()
        self._show_setup()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, (Input, TextArea))
        q = self.question
        if action in ("choose", "f_key", "star", "recite", "order", "type_filter", "show_node", "setup",
                      "toggle_option", "cursor") and typing:
            return False  # letters typed into an answer are text
        if action == "choose":
            if q is None or not self._waiting():
                return False
            key = str(parameters[0]) if parameters else ""
            if q.type == QuestionType.JUDGE:
                return key in JUDGE_KEYS
            if key.isalpha():
                return key.upper() in q.options
            return q.type in (QuestionType.SINGLE, QuestionType.MULTI) and int(key) <= len(q.options)
        if action in ("toggle_option", "cursor"):
            return q is not None and q.type == QuestionType.MULTI and self._waiting()
        if action in ("order", "type_filter", "shuffle_options", "from_start"):
            return self.phase == "setup"
        if action == "sheet":
            return self.phase == "question" and not typing
        if action in ("f_key", "star", "show_node"):
            return q is not None
        if action == "setup":
            return self.phase != "setup"
        if action == "submit":
            return self.phase != "setup" and not typing
        if action == "leave_field":
            return typing  # otherwise Esc goes back, as everywhere
        if action == "submit_text":
            return q is not None and q.type in WRITTEN_TYPES and self._waiting()
        return True
