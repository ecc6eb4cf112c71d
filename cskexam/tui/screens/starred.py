"""收藏: the questions starred in practice or in the 错题本; practise them, or take the star off."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cskexam.tui.failures import shows_problems
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.text import clip
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from cskexam.core.questions import Question
    from cskexam.services.practice import Practice


class StarredScreen(AppScreen):
    SCREEN_NAME = "starred"

    BINDINGS = [
        Binding("p", "practise_all", "练习全部收藏"),
        Binding("f", "unstar", "取消收藏"),
        Binding("v", "show_node", "查看要点", show=False),
    ]

    KEY_HELP = [
        ("↑ ↓", "在收藏的题目中移动"),
        ("Enter", "只练习选中的这道题"),
        ("p", "练习全部收藏的题目"),
        ("f", "取消收藏选中的题目"),
        ("v", "在知识图谱中查看选中题目的要点"),
    ]

    DEFAULT_CSS = """
    StarredScreen #starred-status { color: $text-muted; padding: 0 1; height: auto; }
    StarredScreen #starred-list { height: 1fr; border: round $primary-muted; }
    StarredScreen #starred-list > .option-list--option { padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.questions: list[Question] = []
        self._practice: Practice | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar("收藏")
        yield Static(Content(""), id="starred-status")
        yield OptionList(id="starred-list")
        yield Footer()

    @property
    def practice(self) -> Practice:
        if self._practice is None:
            from cskexam.services.practice import Practice

            self._practice = Practice(self.app.require_library())
        return self._practice

    def on_mount(self) -> None:
        self.query_one("#starred-list", OptionList).border_title = "收藏的题目"
        self.refresh_list()

    def on_screen_resume(self) -> None:
        if self.been_away and self._practice is not None:
            self.refresh_list()

    @shows_problems()
    def refresh_list(self) -> None:
        options = self.query_one("#starred-list", OptionList)
        keep = options.highlighted
        starred = self.practice.starred()
        self.questions = [q for q in self.practice.questions() if q.id in starred]
        width = max(20, self.app.size.width - 8)
        options.clear_options()
        options.add_options([
            Option(Content.assemble((f"{q.type} · {self.practice.node_path(q.node)}"[:width], "$text-muted"), "\n",
                                    Content(clip(q.stem, width))), id=q.id)
            for q in self.questions])
        status = self.query_one("#starred-status", Static)
        if not self.questions:
            status.update(Content("还没有收藏的题目。练习或错题本中按 f 收藏一道题。"))
        else:
            status.update(Content(f"共 {len(self.questions)} 题 · Enter 练习选中的题，p 练习全部，f 取消收藏"))
            options.highlighted = min(keep or 0, len(self.questions) - 1)
        options.focus()
        self.refresh_bindings()

    def selected(self) -> Question | None:
        index = self.query_one("#starred-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.questions):
            return None
        return self.questions[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        q = self.selected()
        if q is not None:
            self.app.open_screen("practice", question_ids=[q.id], title="收藏", mode="practice")

    def action_practise_all(self) -> None:
        if self.questions:
            self.app.open_screen("practice", question_ids=[q.id for q in self.questions], title="收藏",
                                 mode="practice")

    @shows_problems("收藏未能保存")
    def action_unstar(self) -> None:
        q = self.selected()
        if q is None:
            return
        self.practice.toggle_star(q.id)
        self.notify("已取消收藏", timeout=1.5)
        self.refresh_list()

    def action_show_node(self) -> None:
        q = self.selected()
        if q is not None and q.node:
            self.app.show_node(q.node)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("practise_all", "unstar", "show_node"):
            return bool(self.questions)
        return True
