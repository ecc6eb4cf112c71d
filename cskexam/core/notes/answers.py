"""Questions written in notes and their answers: ``问:…?`` / ``简述….`` read as
body, then ``答:…``. A mixin of ``OutlineBuilder`` (``outline.py``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cskexam.core.notes.drafts import Draft, _next_number
from cskexam.core.notes.outline_patterns import _FAMILY_RANK, _JUDGEMENT_PREFIX
from cskexam.core.notes.questions import _ASKED_BY, ANSWER_LINE as _ANSWER_LINE, question_title

_TAG = re.compile(r"\s*[【\[(][^】\])]{1,6}[】\])]\s*$")  # 有哪些?【重点】 / (简答)
_ANSWER_HEADING = re.compile(r"^(?:答|答案)\s*:\s*([^:。,;!?()]{2,16}?)\s*:\s*$")


class AnsweredQuestions:
    _cut_question: tuple[Draft, Draft] | None = None  # a numbered question closed by 问:, and its parent
    if TYPE_CHECKING:
        stack: list[Draft]
        root: Draft
        _body_line: tuple[Draft, str, int] | None
        _asked: list[Draft]
        _next_rest: str

        def _plain(self, segment: str, style: str, lineno: int) -> Draft: ...
        def _append_text(self, text: str, whole: bool = False) -> None: ...
        def _finish_pending(self) -> None: ...

    def _judge_open_statement(self, true: bool) -> bool:
        """9、企业只需分析外部环境。 then 答案：×: the numbered statement above is judged."""
        self._finish_pending()
        top = self.stack[-1]
        if top is self.root or top.children or top.text_parts or not top.number or top.judged is not None:
            return False
        top.judged = true
        top.segment = _JUDGEMENT_PREFIX.sub("", top.segment).strip().rstrip("。.")
        top.whole_title = True
        return True

    def _close_answer(self, line: str) -> None:
        """``问:…`` after an answer (its points numbered or not): the next question,
        beside the last one, not inside the answer's last point."""
        if len(self.stack) < 2 or not _ASKED_BY.match(line):
            return
        for at in range(len(self.stack) - 1, 0, -1):
            draft = self.stack[at]
            if any(draft is q for q in self._asked) or (draft.number and question_title(_TAG.sub("", draft.segment))):
                self._finish_pending()
                if draft.number:
                    self._cut_question = (draft, self.stack[at - 1])
                del self.stack[at:]
                return

    def _asked_among(self, found: list[Draft]) -> Draft | None:
        """The numbered question among the drafts a new numbered line may continue,
        when that line asks a question too (else None)."""
        if not question_title(_TAG.sub("", self._next_rest.strip())):
            return None
        asked = [d for d in found if question_title(_TAG.sub("", d.segment))]
        return asked[0] if len(asked) == 1 else None

    def _beside_cut_question(self, draft: Draft) -> None:
        """``4.简述…`` after ``3.…?`` closed by a ``问:…`` line: the next numbered
        question, beside the one it continues (the ``问:`` question closes too)."""
        cut, parent = self._cut_question or (None, None)
        if cut is None or draft.style != cut.style or not draft.number or _next_number(cut.number, cut.style) != draft.number:
            return
        if any(d is parent for d in self.stack):
            while self.stack[-1] is not parent:
                self.stack.pop()
            self._cut_question = None
        elif parent is not None and parent.style in _FAMILY_RANK:
            # 8.简述… after 模块三 and a 问: question with its points: the numbered
            # questions go on under the new chapter, beside the 问: question.
            while len(self.stack) > 1 and self.stack[-1].style not in _FAMILY_RANK:
                self.stack.pop()
            self._cut_question = None

    def _answered_question(self, line: str, marked: bool = False) -> bool:
        """``简述客户投诉的处理步骤。`` / ``问:…有哪些?`` read as body, then ``答:…``:
        the question is a node of its own and the answer its body (a numbered
        question already is one). ``marked``: the answer line holds numbered points;
        the question is made and False returned, so that the line is read on."""
        if not _ANSWER_LINE.match(line) or self._body_line is None:
            return False
        owner, question, at = self._body_line
        if owner is not self.stack[-1] or not owner.text_parts or owner.text_parts[-1] != question:
            return False
        title = question_title(question)
        if title is None:
            return False
        owner.text_parts.pop()
        if owner.bare_lines and owner.bare_lines[-1] == question:
            owner.bare_lines.pop()
        self._asked.append(self._plain(title, "plain", at))
        if marked:
            return False  # 答:(1)…;(2)…: the answer's points are read as under a numbered question
        self._append_text(line)
        return True
