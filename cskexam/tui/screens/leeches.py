"""难记卡片: the leeches (cards forgotten ``leech_lapses`` times), reached with ``l``
from 复习 and 统计.

A leech is suspended when it is made, so it leaves the drill; here the
candidate sees which ones they are, reads the card and its place in the
notes, opens the node in 知识图谱 (``n``) to study it again, and puts the
card back into the drill (Enter; again to suspend it). Card text is note
text: ``Content`` only.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cskexam.tui.failures import shows_problems
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.text import clip
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer


class LeechScreen(AppScreen):
    DEFAULT_CSS = """
    LeechScreen #leech-body { padding: 1 2; height: 1fr; }
    LeechScreen #leech-intro { color: $text-muted; height: auto; margin-bottom: 1; }
    LeechScreen #leech-list { height: auto; max-height: 60%; border: round $primary-muted; }
    LeechScreen #leech-card { height: auto; max-height: 14; border: round $primary-muted; border-title-color: $accent;
                              padding: 0 1; margin-top: 1; }
    """

    BINDINGS = [
        # Enter on the list selects the card, which toggles it too (the list owns Enter)
        Binding("space", "toggle_suspended", "恢复/暂停", key_display="空格"),
        Binding("n", "show_node", "查看知识点"),
    ]

    KEY_HELP = [
        ("↑ ↓", "选择卡片"),
        ("Enter / 空格", "恢复复习（再按一次重新暂停）"),
        ("n", "在知识图谱中查看这张卡片的知识点"),
        ("Esc", "返回"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cards: list[Any] = []

    def compose(self) -> ComposeResult:
        yield TitleBar("难记卡片")
        with Vertical(id="leech-body"):
            yield Static(Content(""), id="leech-intro")
            yield OptionList(id="leech-list")
            yield Static(Content(""), id="leech-card")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#leech-card").border_title = "卡片"
        self.reload()

    @shows_problems()
    def reload(self, keep: str | None = None) -> None:
        if self.app.library is None:
            return
        with self.app.library.reviewer() as reviewer:
            self.cards = reviewer.leeches()
            threshold = reviewer.settings.leech_lapses
        intro = self.query_one("#leech-intro", Static)
        options = self.query_one("#leech-list", OptionList)
        options.clear_options()
        if not self.cards:
            intro.update(Content(f"还没有难记卡片：遗忘 {threshold} 次的卡片会出现在这里。"))
            self.query_one("#leech-card", Static).update(Content(""))
            self.refresh_bindings()
            return
        paused = sum(1 for c in self.cards if c.suspended)
        intro.update(Content(
            f"共 {len(self.cards)} 张（{paused} 张已暂停）：遗忘 {threshold} 次的卡片自动暂停，"
            "先在知识图谱中重温它的知识点，再恢复复习。"
        ))
        options.add_options([Option(self._prompt(c), id=c.id) for c in self.cards])
        index = next((i for i, c in enumerate(self.cards) if c.id == keep), 0)
        options.highlighted = index
        options.focus()
        self._show(index)
        self.refresh_bindings()

    @staticmethod
    def _prompt(card: Any) -> Content:
        status = ("已暂停", "$warning") if card.suspended else ("复习中", "$success")
        return Content.assemble(
            (f"遗忘 {card.state.lapses:>2} 次", "bold"), "  ", status, "  ", clip(card.front, 70),
        )

    def _show(self, index: int | None) -> None:
        box = self.query_one("#leech-card", Static)
        if index is None or not 0 <= index < len(self.cards):
            box.update(Content(""))
            return
        card = self.cards[index]
        box.update(Content.assemble(
            (card.front, "bold"), "\n", card.back, "\n", ("出处：" + card.path_text(), "$text-muted"),
        ))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_toggle_suspended()

    def _current(self) -> Any | None:
        index = self.query_one("#leech-list", OptionList).highlighted
        return self.cards[index] if index is not None and 0 <= index < len(self.cards) else None

    @shows_problems("未能保存")
    def action_toggle_suspended(self) -> None:
        card = self._current()
        if card is None:
            return
        with self.app.require_library().reviewer() as reviewer:
            reviewer.suspend(card.id, not card.suspended)
        self.notify("已暂停这张卡片" if not card.suspended else "已恢复复习：这张卡片回到复习队列", timeout=2)
        self.reload(keep=card.id)

    def action_show_node(self) -> None:
        card = self._current()
        if card is not None:
            self.app.show_node(card.node_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_suspended", "show_node") and not self.cards:
            return None
        return True
