"""答题卡 of a practice round: every question's number and result; type a number to go there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cskexam.tui.widgets.dismiss_once import DismissOnce
from cskexam.tui.widgets.cjk_text import CjkText


def sheet_content(results: list[bool | None], current: int) -> Content:
    """``  1✓  2✗  3· …`` (the current one reversed), wrapping with the dialog."""
    parts: list = []
    for i, result in enumerate(results):
        mark, style = ("✓", "$success") if result else (("✗", "$error") if result is False else ("·", "$text-muted"))
        cell = f"{i + 1:>3}{mark}"
        parts += [(cell, "reverse" if i == current else style), " "]
    return Content.assemble(*parts)


class AnswerSheet(DismissOnce, ModalScreen[int | None]):
    DEFAULT_CSS = """
    AnswerSheet { align: center middle; }
    AnswerSheet > Vertical { width: 76; max-width: 95%; height: auto; max-height: 90%; border: round $accent;
                             background: $surface; padding: 0 1; }
    AnswerSheet #sheet-grid { height: auto; max-height: 16; overflow-y: auto; }
    AnswerSheet #sheet-summary { color: $text-muted; margin: 1 0 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", "关闭")]

    def __init__(self, results: list[bool | None], current: int) -> None:
        super().__init__()
        self.results = results
        self.current = current

    def compose(self) -> ComposeResult:
        right = sum(1 for r in self.results if r)
        wrong = sum(1 for r in self.results if r is False)
        with Vertical() as box:
            box.border_title = "答题卡"
            box.border_subtitle = "输入题号 Enter 跳转 · Esc 关闭"
            yield Static(CjkText(sheet_content(self.results, self.current)), id="sheet-grid")
            yield Static(Content(f"✓ 答对 {right} · ✗ 答错 {wrong} · · 未答 {len(self.results) - right - wrong}"),
                         id="sheet-summary")
            yield Input(placeholder=f"跳到第几题（1–{len(self.results)}）", id="sheet-input", type="integer",
                        compact=True)

    def on_mount(self) -> None:
        self.query_one("#sheet-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            number = int(event.value)
        except ValueError:
            return
        if 1 <= number <= len(self.results):
            self.dismiss(number - 1)

    def action_cancel(self) -> None:
        self.dismiss(None)
