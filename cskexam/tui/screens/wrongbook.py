"""错题本: every question answered wrongly, how often and when; practise only these.

A question leaves the book after it is answered right N times in a row (the
setting shown at the top). ``x`` exports the book as CSV to a place the user
confirms (~/Downloads or the current directory by default).
"""

from __future__ import annotations

import datetime as dt
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
    from cskexam.services.practice import Practice, WrongEntry

STEM_CELLS = 100


def entry_prompt(e: WrongEntry) -> Content:
    when = e.last_wrong_at.astimezone().strftime("%m-%d %H:%M")
    info = f"{e.question.type} · 错 {e.wrong_count} 次 · 最近 {when}"
    if e.right_streak:
        info += f" · 连对 {e.right_streak}"
    parts: list = [(info, "$text-muted")]
    if e.starred:
        parts.append(("  ★", "$warning"))
    if e.cleared_at is not None:
        parts.append(("  已移出", "$success"))
    parts += ["\n", Content(clip(e.question.stem, STEM_CELLS))]
    return Content.assemble(*parts)


class WrongBookScreen(AppScreen):
    SCREEN_NAME = "wrongbook"

    BINDINGS = [
        Binding("p", "practise_all", "练习全部错题"),
        Binding("x", "export", "导出 CSV", show=False),
        Binding("f", "star", "收藏", show=False),
        Binding("v", "show_node", "查看要点", show=False),
        Binding("a", "toggle_cleared", "显示已移出", show=False),
        Binding("y", "type_filter", "题型"),
        Binding("z", "chapter_filter", "章节"),
    ]

    KEY_HELP = [
        ("↑ ↓", "在错题中移动"),
        ("Enter", "只练习选中的这道题"),
        ("p", "练习错题本中的全部题目"),
        ("x", "把错题本导出为 CSV 文件（Excel 可打开）"),
        ("f", "收藏或取消收藏选中的题目"),
        ("v", "在知识图谱中查看选中题目的要点"),
        ("a", "显示或隐藏已移出错题本的题目"),
        ("y", "按题型筛选（再按换下一种，回到全部）"),
        ("z", "按章节筛选（再按换下一章，回到全部）"),
    ]

    DEFAULT_CSS = """
    WrongBookScreen #wrong-body { padding: 0 1; }
    WrongBookScreen #wrong-status { color: $text-muted; padding: 0 1; height: auto; }
    WrongBookScreen #wrong-list { height: 1fr; border: round $primary-muted; }
    WrongBookScreen #wrong-list > .option-list--option { padding: 0 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries: list[WrongEntry] = []  # shown: after the filters
        self.all_entries: list[WrongEntry] = []
        self.chapters: dict[str, str] = {}  # question id → chapter title
        self.type_filter: str | None = None
        self.chapter_filter: str | None = None
        self.include_cleared = False
        self._practice: Practice | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar("错题本")
        yield Static(Content(""), id="wrong-status")
        yield OptionList(id="wrong-list")
        yield Footer()

    @property
    def practice(self) -> Practice:
        if self._practice is None:
            from cskexam.services.practice import Practice

            self._practice = Practice(self.app.require_library())
        return self._practice

    def on_mount(self) -> None:
        self.query_one("#wrong-list", OptionList).border_title = "错题"
        self.refresh_entries()

    def on_screen_resume(self) -> None:
        if self.been_away and self._practice is not None:
            self.refresh_entries()

    @shows_problems()
    def refresh_entries(self) -> None:
        options = self.query_one("#wrong-list", OptionList)
        keep = options.highlighted
        self.all_entries = self.practice.wrong_book(include_cleared=self.include_cleared)
        self.chapters = self._chapters(self.all_entries)
        self.entries = [e for e in self.all_entries
                        if (self.type_filter is None or e.question.type == self.type_filter)
                        and (self.chapter_filter is None or self.chapters.get(e.question.id) == self.chapter_filter)]
        options.clear_options()
        options.add_options([Option(entry_prompt(e), id=e.question.id) for e in self.entries])
        status = self.query_one("#wrong-status", Static)
        n = self.practice.clear_after()
        filters = " · ".join(f for f in (self.type_filter, self.chapter_filter) if f)
        shown = f"筛选：{filters}（y 题型 / z 章节）· " if filters else ""
        if not self.all_entries:
            status.update(Content(f"错题本是空的。练习中答错的题目会出现在这里；连续答对 {n} 次后移出。"))
        elif not self.entries:
            status.update(Content(f"{shown}没有符合筛选的错题（共 {len(self.all_entries)} 题）"))
        else:
            status.update(Content(f"{shown}共 {len(self.entries)} 题 · 连续答对 {n} 次后移出 · "
                                  "Enter 练习选中的题，p 练习全部"))
            options.highlighted = min(keep or 0, len(self.entries) - 1)
        options.focus()
        self.refresh_bindings()

    def _chapters(self, entries: list[WrongEntry]) -> dict[str, str]:
        from cskexam.services.card_browser import chapter_of

        graph = self.app.knowledge_graph()
        return {e.question.id: chapter_of(graph, e.question.node)[0] if e.question.node else "" for e in entries}

    def _cycle(self, current: str | None, values: list[str]) -> str | None:
        choices: list[str | None] = [None, *values]
        return choices[(choices.index(current) + 1) % len(choices)] if current in choices else None

    def action_type_filter(self) -> None:
        types = sorted({e.question.type for e in self.all_entries})
        self.type_filter = self._cycle(self.type_filter, types)
        self.refresh_entries()

    def action_chapter_filter(self) -> None:
        chapters = list(dict.fromkeys(c for c in self.chapters.values() if c))
        self.chapter_filter = self._cycle(self.chapter_filter, chapters)
        self.refresh_entries()

    def selected(self) -> WrongEntry | None:
        index = self.query_one("#wrong-list", OptionList).highlighted
        if index is None or not (0 <= index < len(self.entries)):
            return None
        return self.entries[index]

    def _practise(self, ids: list[str], title: str) -> None:
        self.app.open_screen("practice", question_ids=ids, title=title, mode="wrongbook")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        e = self.selected()
        if e is not None:
            self._practise([e.question.id], "错题")

    def action_practise_all(self) -> None:
        ids = [e.question.id for e in self.entries if e.cleared_at is None]
        if not ids:
            self.notify("错题本是空的", timeout=1.5)
            return
        self._practise(ids, "错题")

    def action_export(self) -> None:
        from cskexam.paths import export_dir
        from cskexam.tui.widgets.save_dialog import SaveDialog

        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        default = export_dir() / f"错题本-{stamp}.csv"
        self.app.push_screen(SaveDialog("导出错题本（CSV，Excel 可直接打开）", default), self._export_to)

    @shows_problems("导出失败")
    def _export_to(self, target) -> None:
        from cskexam.errors import UserError

        if target is None:
            return
        try:
            n = self.practice.export_wrong_book(target, include_cleared=self.include_cleared)
        except (UserError, OSError) as exc:
            self.notify(str(exc), title="导出失败", severity="error", markup=False)
            return
        self.notify(f"已导出 {n} 道错题到 {target.resolve()}", title="导出完成", timeout=8, markup=False)

    @shows_problems("收藏未能保存")
    def action_star(self) -> None:
        e = self.selected()
        if e is None:
            return
        on = self.practice.toggle_star(e.question.id)
        self.notify("已收藏" if on else "已取消收藏", timeout=1.5)
        self.refresh_entries()

    def action_show_node(self) -> None:
        e = self.selected()
        if e is None or not e.question.node:
            self.notify("这道题没有关联的要点", timeout=1.5)
            return
        self.app.show_node(e.question.node)

    def action_toggle_cleared(self) -> None:
        self.include_cleared = not self.include_cleared
        self.refresh_entries()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("star", "show_node", "export") and not self.entries:
            return False
        if action in ("type_filter", "chapter_filter"):
            return bool(self.all_entries)
        if action == "practise_all":
            return any(e.cleared_at is None for e in self.entries)
        return True
