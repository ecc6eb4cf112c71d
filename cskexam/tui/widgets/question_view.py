"""One question on screen, the same in 章节练习 and 模拟考试.

A header line, the stem, the options, a line to type a 填空 answer into, a box
for a 简答/案例分析 answer and (in practice) the feedback below. The screens
fill it from their service's state and answer with the keys of
``tui/widgets/answer_keys.py``; every piece of question text arrives as
``Content(text)``. Stem, options and feedback wrap by the Chinese rule
(``CjkText``): no line starts with 。，、）」.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input

from cskexam.core.vocab import QuestionType
from cskexam.tui.widgets.answer_area import MAX_ANSWER_CHARS, AnswerArea
from cskexam.tui.widgets.cjk_text import CjkText
from cskexam.tui.widgets.inputs import LimitedInput
from cskexam.tui.widgets.text_box import TextBox

WRITTEN_TYPES = (QuestionType.SHORT, QuestionType.CASE)


class QuestionView(VerticalScroll):
    DEFAULT_CSS = """
    QuestionView #q-header { color: $text-muted; }
    QuestionView #q-stem { margin: 1 0; text-style: bold; }
    QuestionView #q-options { margin-bottom: 1; }
    """

    def __init__(self, *, fill_placeholder: str, feedback: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fill_placeholder = fill_placeholder
        self._with_feedback = feedback

    def compose(self) -> ComposeResult:
        yield TextBox(Content(""), id="q-header")
        yield TextBox(Content(""), id="q-stem")
        yield TextBox(Content(""), id="q-options")
        yield LimitedInput(placeholder=self._fill_placeholder, id="q-fill", max_length=MAX_ANSWER_CHARS,
                           refused=f"作答最多 {MAX_ANSWER_CHARS:,} 字（评分只看这么多）：这次输入或粘贴的没有放进去")
        yield AnswerArea(id="q-text")
        if self._with_feedback:
            yield TextBox(Content(""), id="q-feedback")

    @property
    def fill(self) -> Input:
        return self.query_one("#q-fill", Input)

    @property
    def text(self) -> AnswerArea:
        return self.query_one("#q-text", AnswerArea)

    def show(self, header: Content, stem: str, *, typed: bool, written: bool) -> None:
        """A new question: its header and stem, and which answer box (if any) is shown."""
        self.query_one("#q-header", TextBox).show(header)
        self.query_one("#q-stem", TextBox).show(CjkText(Content(stem)))
        self.fill.display = typed
        self.text.display = written

    def set_header(self, header: Content) -> None:
        self.query_one("#q-header", TextBox).show(header)

    def set_options(self, options: Content | None) -> None:
        """The options as drawn (``None``: a question without options)."""
        box = self.query_one("#q-options", TextBox)
        box.display = options is not None
        if options is not None:
            box.show(CjkText(options))

    def set_feedback(self, feedback: Content | None) -> None:
        """What the candidate learns after answering (``None``: nothing yet)."""
        box = self.query_one("#q-feedback", TextBox)
        box.display = feedback is not None
        box.show(CjkText(feedback) if feedback is not None else Content(""))
