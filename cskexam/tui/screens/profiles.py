"""考生档案: who is studying. Lists the library's profiles, switches to one, adds one,
and opens the class report (班级报告).

A switch takes effect at once: every other screen is closed and the home
screen shows the new profile's figures.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from cskexam.errors import UserError
from cskexam.tui.failures import guarded, shows_problems
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.inputs import LimitedInput
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer


class ProfilesScreen(AppScreen):
    KEEP = False  # see tui.navigation: it switches the profile, after which nothing kept is valid
    SCREEN_NAME = "profiles"

    BINDINGS = [
        Binding("n", "new", "新建档案"),
        Binding("b", "report", "班级报告"),
        Binding("escape", "back", "返回"),
    ]
    KEY_HELP = [
        ("↑ ↓ Enter", "切换到所选考生的档案"),
        ("n", "新建档案（输入名字后回车）"),
        ("b", "班级报告：每位考生的进度与全班最常错的知识点"),
    ]

    DEFAULT_CSS = """
    ProfilesScreen #profiles-current { height: auto; padding: 0 1; }
    ProfilesScreen #profiles-list { height: 1fr; border: round $primary-muted; }
    ProfilesScreen #profiles-new { display: none; }
    ProfilesScreen #profiles-new.shown { display: block; }
    """

    def compose(self) -> ComposeResult:
        from cskexam.services.profiles import MAX_NAME

        yield TitleBar("考生档案")
        yield Static(Content(""), id="profiles-current")
        yield OptionList(id="profiles-list")
        yield LimitedInput(placeholder="新档案的名字，如 张三（回车确定，Esc 取消）", id="profiles-new",
                           max_length=MAX_NAME, refused=f"档案名最长 {MAX_NAME} 个字符：这次输入或粘贴的没有放进去")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#profiles-list", OptionList).border_title = "档案（Enter 切换）"
        self.run_worker(guarded(self, self._read), thread=True, group="profiles", exclusive=True)

    def _read(self) -> None:
        from cskexam.services import profiles

        library = self.app.require_library()
        names = profiles.profile_names(library)
        self.app.call_from_thread(self._show, names, profiles.current(library))

    def _show(self, names: list[str], current: str) -> None:
        from cskexam.services.profiles import label

        self.query_one("#profiles-current", Static).update(
            Content.assemble("当前档案：", (label(current), "bold"), "（各自的复习、练习、错题本和考试；笔记与题库共用）")
        )
        options = self.query_one("#profiles-list", OptionList)
        options.clear_options()
        for name in names:
            mark = "● " if name == current else "  "
            options.add_option(Option(Content(mark + label(name)), id=name))
        options.highlighted = names.index(current) if current in names else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._switch(event.option.id)

    @shows_problems("未能切换档案")
    def _switch(self, name: str) -> None:
        from cskexam.services import profiles

        try:
            profiles.use_profile(self.app.require_library(), name)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.app.profile_switched()
        self.notify(f"已切换到档案：{profiles.label(name)}", markup=False)

    def action_new(self) -> None:
        box = self.query_one("#profiles-new", Input)
        box.add_class("shown")
        box.value = ""
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.remove_class("shown")
        self._switch(event.value)  # an empty name is refused with a message, as any bad one

    def action_back(self) -> None:
        box = self.query_one("#profiles-new", Input)
        if box.has_class("shown"):
            box.remove_class("shown")
            self.query_one("#profiles-list", OptionList).focus()
            return
        self.app.pop_screen()

    def action_report(self) -> None:
        from cskexam.tui.screens.class_report import ClassReportScreen

        self.app.push_screen(ClassReportScreen())
