"""The scope-choosing half of the practice screen: the list of scopes with their
progress and remembered rounds, the settings line, and starting a round from a
scope or from given question ids. ``PracticeScreen`` builds on it and asks the
questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cskexam.tui.failures import guarded, shows_problems
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.text_box import TextBox

from cskexam.services.practice_round import (
    ALL_SCOPE_LABEL, SPECIAL_SCOPES, WRONG, PracticeRound, ScopeChoice, questions_in_scope, scope_choices,
)

if TYPE_CHECKING:
    from cskexam.core.graph import KnowledgeGraph
    from cskexam.core.questions import Question
    from cskexam.services.practice import AnswerOutcome, Practice


@dataclass(frozen=True)
class SetupData:
    """The scope list's figures as read from the library."""

    wrong_ids: set[str]
    choices: list[ScopeChoice]
    saved: dict[str, dict]
    type_filter: str | None  # the filter they were read with


class PracticeScopes(AppScreen):
    """Choosing what to practise; the state is set up by ``PracticeScreen.__init__``."""

    order: str
    type_filter: str | None
    round_filter: str | None
    recite: bool
    shuffle_options: bool
    mode: str
    scope_title: str | None
    scope_node: str | None
    round_key: str | None
    phase: str
    all_questions: list[Question]
    starred: set[str]
    round: PracticeRound
    outcome: AnswerOutcome | None
    _saved: dict[str, dict]
    _scopes: list[str | None]
    _wrong_ids: set[str]
    _practice: Practice
    _options_shown: list[str] | None = None  # the scope list's lines as shown

    def _begin(self, found: list[Question], type_filter: str | None = None, saved: dict | None = None) -> None:
        """Start a round of ``found`` (the question half: ``PracticeScreen``)."""
        raise NotImplementedError

    def _graph(self) -> KnowledgeGraph:
        return self.app.knowledge_graph()

    def _in_scope(self, node_id: str | None) -> list[Question]:
        return questions_in_scope(self._graph(), self.all_questions, node_id, starred=self.starred,
                                  wrong_ids=self._wrong_ids, type_filter=self.type_filter)

    def _read_questions(self) -> None:
        self.all_questions = self._practice.questions()
        self.starred = self._practice.starred()

    def _open_setup(self) -> None:
        """Opened by its key: the screen is drawn at once, the scopes follow from a worker
        (the questions take a while to read)."""
        self.query_one("#practice-scopes", OptionList).add_option(Option(Content("正在读取题目…"), disabled=True))
        self._show_settings()
        self.run_worker(guarded(self, self._read_first_setup), thread=True, group="practice-load", exclusive=True)

    def _read_first_setup(self) -> None:
        self._read_questions()
        data = self._read_setup()
        self.app.call_from_thread(self._first_setup_read, data)

    def _first_setup_read(self, data: SetupData) -> None:
        # A key pressed meanwhile (a filter, a round from elsewhere) has read its own figures.
        if not self.is_attached or self.phase != "setup":
            return
        if data.type_filter == self.type_filter:
            self._fill_setup(data)
        else:
            self._show_setup()

    def _show_setup(self) -> None:
        self._fill_setup(self._read_setup())

    def _read_setup(self) -> SetupData:
        """What the scope list shows, read from the library (safe in a worker thread)."""
        wrong_ids = {q.id for q in self._practice.questions(wrong_only=True)}
        choices = scope_choices(self._graph(), self.all_questions, starred=self.starred, wrong_ids=wrong_ids,
                                type_filter=self.type_filter, stats=self._practice.answer_stats())
        return SetupData(wrong_ids, choices, self._practice.saved_rounds(), self.type_filter)

    def _fill_setup(self, data: SetupData) -> None:
        self.phase = "setup"
        self._wrong_ids = data.wrong_ids
        choices = data.choices
        self._scopes = [c.node_id for c in choices]
        self._saved = data.saved
        options = []
        for c in choices:
            parts: list = [Content(c.label), ("  " + c.progress_text(), "$text-muted")]
            saved = self._saved.get(self._scope_key(c.node_id))
            if saved:
                parts.append((f" · 上次做到第 {saved['index'] + 1}/{len(saved['ids'])} 题（Enter 继续，b 从头）",
                              "$accent"))
            options.append(Content.assemble(*parts))
        scope_list = self.query_one("#practice-scopes", OptionList)
        shown = [o.plain for o in options]
        if shown != self._options_shown:  # unchanged (back from a look elsewhere): kept as is
            self._options_shown = shown
            scope_list.clear_options()
            scope_list.add_options([Option(o) for o in options])
            if options:
                scope_list.highlighted = 0
        scope_list.display = True
        self.query_one("#practice-question").display = False
        scope_list.focus()
        self._show_settings()
        self.refresh_bindings()

    def _show_settings(self) -> None:
        kind = (self.type_filter if self.phase == "setup" else self.round_filter) or "全部题型"
        recite = "开" if self.recite else "关"
        if self.phase == "setup":
            mixed = "开" if self.shuffle_options else "关"
            text = (f"顺序: {self.order}（o） · 题型: {kind}（y） · 选项乱序: {mixed}（x） · "
                    f"背题模式: {recite}（m）")
        else:
            where = self.scope_title or ALL_SCOPE_LABEL
            if self.scope_node is not None and self.scope_title is None:
                where = self._graph().get(self.scope_node).title
            text = (f"范围: {where} · {self.order} · {kind} · 背题模式: {recite}"
                    f" · 本轮答对 {self.round.right}/{self.round.answered}")
        self.query_one("#practice-settings", TextBox).show(Content(text))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self._scopes):
            self._start_scope(self._scopes[index], resume=True)

    def _scope_key(self, node_id: str | None) -> str:
        """Where a scope's round is remembered (继续上次): the scope and the type filter."""
        return f"{node_id or '*all'}|{self.type_filter or ''}"

    def action_from_start(self) -> None:
        """b in the scope list: start the highlighted scope again from its first question."""
        index = self.query_one("#practice-scopes", OptionList).highlighted
        if index is not None and 0 <= index < len(self._scopes):
            self._start_scope(self._scopes[index], resume=False)

    @shows_problems()
    def _start_scope(self, node_id: str | None, resume: bool = False) -> None:
        key = self._scope_key(node_id)
        saved = self._saved.get(key) if resume else None
        if not resume:
            self._practice.forget_round(key)
        found = self._in_scope(node_id)
        if node_id in SPECIAL_SCOPES:
            self.scope_title = SPECIAL_SCOPES[node_id].split(" ", 1)[1]
            self.mode = "wrongbook" if node_id == WRONG else "practice"
            node_id = None
        else:
            self.scope_title = None
            self.mode = "practice"
        self.scope_node = node_id
        if not found:
            self.notify("这个范围内没有题目", timeout=2)
            self._show_setup()
            return
        self._begin(found, type_filter=self.type_filter, saved=saved)
        self.round_key = key
        self._save_round()

    @shows_problems("练习进度未能保存")
    def _save_round(self) -> None:
        """Remember where this scope's round is (after each answer), to continue it later."""
        if self.round_key is None or self.round.finished:
            return
        r = self.round
        index = r.index + (1 if self.outcome is not None else 0)  # an answered question is done
        if index >= len(r.questions):
            self._practice.forget_round(self.round_key)
            return
        self._practice.save_round(self.round_key, [q.id for q in r.questions], index, r.right, r.answered)

    def _start_ids(self, ids: list[str]) -> None:
        self.scope_node = None
        by_id = {q.id: q for q in self.all_questions}
        found = [by_id[i] for i in ids if i in by_id]
        if not found:
            self.notify("没有可练习的题目", timeout=2)
            self._show_setup()
            return
        self._begin(found, type_filter=None)
