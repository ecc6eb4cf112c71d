"""Small modal dialogs of the exam: resume, confirm 交卷, jump to a question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cskexam.tui.widgets.cjk_text import CjkText
from cskexam.tui.widgets.dismiss_once import DismissOnce

_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 70; height: auto; max-height: 80%;
    border: thick $accent; background: $surface; padding: 1 2;
}}
{name} .dialog-title {{ text-style: bold; margin-bottom: 1; }}
{name} .dialog-keys {{ color: $text-muted; margin-top: 1; }}
"""


def _numbers(numbers: list[int], limit: int = 60) -> str:
    if not numbers:
        return "无"
    shown = "、".join(str(n) for n in numbers[:limit])
    return shown + (f" 等 {len(numbers)} 题" if len(numbers) > limit else f"（{len(numbers)} 题）")


class ResumeDialog(DismissOnce, ModalScreen[str]):
    """An unfinished exam was found: 继续 (Enter/y), 放弃 (d) or 稍后 (Esc)."""

    DEFAULT_CSS = _CSS.format(name="ResumeDialog")
    BINDINGS = [
        Binding("enter,y", "answer('resume')", "继续考试"),
        Binding("d", "answer('abandon')", "放弃这次考试"),
        Binding("escape", "answer('later')", "稍后再说"),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.confirming = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("发现未完成的考试"), classes="dialog-title")
            yield Static(Content(self.text), id="resume-text")
            yield Static(Content("Enter 继续（答案与剩余时间已保存） · d 放弃 · Esc 稍后"), classes="dialog-keys")

    def action_answer(self, choice: str) -> None:
        if choice == "abandon" and not self.confirming:
            # One key must not throw an exam away: d asks, a second d confirms.
            self.confirming = True
            self.query_one("#resume-text", Static).update(Content.assemble(
                ("确定放弃这次考试吗？", "bold $warning"), "\n", self.text, "\n\n",
                "放弃后不计成绩，不进错题本；这次考试以「已放弃」留在考试记录中。"))
            self.query_one(".dialog-keys", Static).update(Content("再按 d 确认放弃 · Enter 继续考试 · Esc 稍后"))
            return
        self.dismiss(choice)


class SubmitDialog(DismissOnce, ModalScreen[bool]):
    """交卷 confirmation listing unanswered and flagged questions."""

    DEFAULT_CSS = _CSS.format(name="SubmitDialog")
    BINDINGS = [
        Binding("y,enter", "answer(True)", "确认交卷"),
        Binding("n,escape", "answer(False)", "返回作答"),
    ]

    def __init__(self, unanswered: list[int], flagged: list[int], remaining: str) -> None:
        super().__init__()
        self.unanswered = unanswered
        self.flagged = flagged
        self.remaining = remaining

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("确认交卷？"), classes="dialog-title")
            body = Content.assemble(
                ("未作答: ", "bold"), _numbers(self.unanswered), "\n",
                ("已标记: ", "bold"), _numbers(self.flagged), "\n",
                ("剩余时间: ", "bold"), self.remaining,
            )
            yield Static(CjkText(body), id="submit-summary")  # 19、20 never cut as 19、2 / 0
            yield Static(Content("y / Enter 交卷 · n / Esc 返回作答"), classes="dialog-keys")

    def action_answer(self, ok: bool) -> None:
        self.dismiss(ok)


class JumpDialog(DismissOnce, ModalScreen[int | None]):
    """Type a question number, Enter jumps there."""

    DEFAULT_CSS = _CSS.format(name="JumpDialog")
    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, size: int) -> None:
        super().__init__()
        self.questions = size

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(f"跳到第几题？（1–{self.questions}）"), classes="dialog-title")
            yield Input(placeholder="题号，Enter 跳转", id="jump-input", type="integer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            number = int(event.value)
        except ValueError:
            self.notify("请输入题号数字", severity="warning")
            return
        if not 1 <= number <= self.questions:
            self.notify(f"题号须在 1–{self.questions} 之间", severity="warning")
            return
        self.dismiss(number)

    def action_cancel(self) -> None:
        self.dismiss(None)
