"""Questions written in notes and their answers: ``问:…?`` / ``简述….`` read as
body, then ``答:…``. A mixin of ``OutlineBuilder`` (``outline.py``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cskexam.core.notes.drafts import Draft
from cskexam.core.notes.questions import ANSWER_LINE as _ANSWER_LINE, question_title

_ANSWER_HEADING = re.compile(r"^(?:答|答案)\s*:\s*([^:。,;!?()]{2,16}?)\s*:\s*$")


class AnsweredQuestions:
    if TYPE_CHECKING:
        stack: list[Draft]
        _body_line: tuple[Draft, str, int] | None
        _asked: list[Draft]

        def _plain(self, segment: str, style: str, lineno: int) -> Draft: ...
        def _append_text(self, text: str, whole: bool = False) -> None: ...

    def _answered_question(self, line: str) -> bool:
        """``简述客户投诉的处理步骤。`` / ``问:…有哪些?`` read as body, then ``答:…``:
        the question is a node of its own and the answer its body (a numbered
        question already is one)."""
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
        self._append_text(line)
        return True
