"""帮助: every key that works on the current screen, over that screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from cskexam.tui.widgets.dismiss_once import DismissOnce
from cskexam.tui.screens import registry

if TYPE_CHECKING:
    from textual import getters

    from cskexam.tui.app import CskexamApp
from cskexam.tui.widgets.cjk_text import CjkText


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """(key, description) for a screen: its ``KEY_HELP`` list, else its shown bindings."""
    own_help = getattr(screen, "KEY_HELP", None)
    if own_help:
        return list(own_help)
    keys: list[tuple[str, str]] = []
    known: set[str] = set()
    for binding in getattr(screen, "BINDINGS", []):
        if isinstance(binding, tuple):
            key, _action, description = (*binding, "")[:3]
            show, key_display = True, None
        else:
            key, description = binding.key, binding.description
            show, key_display = binding.show, binding.key_display
        shown = key_display or key
        if show and description and shown not in known:
            known.add(shown)
            keys.append((shown, description))
    return keys


def key_rows(sections: list[tuple[str, list[tuple[str, str]]]]) -> list[Widget]:
    """A title per section and one row per key: the description wraps in its own column."""
    width = max((cell_len(k) for _, rows in sections for k, _ in rows), default=0)
    widgets: list[Widget] = []
    for title, rows in sections:
        if not rows:
            continue
        widgets.append(Static(Content.styled(title, "bold $accent"), classes="help-title"))
        for key, description in rows:
            key_box = Static(Content.styled(key, "bold"), classes="help-key")
            key_box.styles.width = width + 4
            widgets.append(Horizontal(key_box, Static(CjkText(Content(description)), classes="help-desc"),
                                      classes="help-row"))
    return widgets


def screen_label(screen: Screen) -> str:
    name = getattr(screen, "SCREEN_NAME", None)
    for entry in registry.ENTRIES:
        if entry.name == name:
            return entry.label
    return "当前界面"


class HelpScreen(DismissOnce, ModalScreen):
    SCREEN_NAME = "help"
    if TYPE_CHECKING:
        app = getters.app(CskexamApp)

    # A modal screen does not see the app's keys, so it closes itself.
    BINDINGS = [
        Binding("escape", "close", "关闭"),
        Binding("question_mark", "close", "关闭", show=False),
        Binding("q", "close", "关闭", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 64; max-width: 90%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 1 2;
    }
    HelpScreen .help-title { margin-top: 1; }
    HelpScreen .help-title:first-child { margin-top: 0; }
    HelpScreen .help-row { height: auto; }
    HelpScreen .help-key { padding-left: 2; }
    HelpScreen .help-desc { width: 1fr; }
    """

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self._under = under

    def compose(self) -> ComposeResult:
        sections = []
        own = screen_keys(self._under)
        if own:
            sections.append((screen_label(self._under), own))
        sections.append(("全局按键", self.app.global_keys()))
        with VerticalScroll(id="help-keys"):
            yield from key_rows(sections)

    def on_mount(self) -> None:
        scroll = self.query_one(VerticalScroll)
        scroll.border_title = "帮助 · 按键"
        scroll.border_subtitle = "Esc 或 ? 关闭"

    def action_close(self) -> None:
        self.dismiss()
