"""Ask where to save a file: a path prefilled with a sensible place, Enter saves, Esc cancels."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from cskexam.tui.widgets.dismiss_once import DismissOnce


class SaveDialog(DismissOnce, ModalScreen[Path | None]):
    DEFAULT_CSS = """
    SaveDialog { align: center middle; }
    SaveDialog > Vertical { width: 76; max-width: 95%; height: auto; border: round $accent;
                            background: $surface; padding: 1 2; }
    SaveDialog .save-hint { color: $text-muted; margin-top: 1; }
    SaveDialog #save-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, default: Path) -> None:
        super().__init__()
        self._title = title
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self._title
            yield Static(Content("保存到（可修改路径）："))
            yield Input(str(self._default), id="save-path")
            yield Static(Content(""), id="save-error")
            yield Static(Content("Enter 保存 · Esc 取消"), classes="save-hint")

    def on_mount(self) -> None:
        box = self.query_one("#save-path", Input)
        box.focus()
        box.cursor_position = len(box.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#save-error", Static).update(Content("请给出文件路径"))
            return
        try:
            path = Path(text).expanduser()
            if path.is_dir():
                path = path / self._default.name
            folder_exists = path.parent.is_dir()
        except (RuntimeError, OSError, ValueError):
            # ~nosuchuser, a NUL character or a name too long for the system
            self.query_one("#save-error", Static).update(Content(f"无法使用这个路径：{text}"))
            return
        if not folder_exists:
            self.query_one("#save-error", Static).update(Content(f"目录不存在：{path.parent}"))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
