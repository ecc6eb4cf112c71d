"""设置: the review settings and the study plan, edited in place.

Each field is an input; Enter or Ctrl+S saves all of them at once, and a
value the scheduler would refuse is named in Chinese without saving
anything. The CLI (``cskexam settings``) edits the same stored values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Input, Static

from cskexam.tui.failures import guarded
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("retention", "目标记忆保持率", "0.70–0.99，越高复习越频繁"),
    ("new_per_day", "每日新卡上限", "每天最多学多少张新卡"),
    ("max_interval", "最大间隔（天）", "两次复习之间最长隔多少天"),
    ("exam_date", "考试日期", "如 2027-05-16 或 5月16日；留空表示未定"),
    ("daily_goal", "每日目标（张）", "每天复习多少张算完成；0 表示不设"),
)


class SettingsScreen(AppScreen):
    SCREEN_NAME = "settings"

    DEFAULT_CSS = """
    SettingsScreen #settings-body { padding: 1 2; max-width: 90; }
    SettingsScreen .settings-row { height: auto; margin-bottom: 1; }
    SettingsScreen .settings-label { width: 18; }
    SettingsScreen .settings-input { width: 20; }
    SettingsScreen Checkbox.settings-input { width: 20; border: none; padding: 0; height: 1; }
    SettingsScreen .settings-hint { width: 1fr; color: $text-muted; padding-left: 2; }
    SettingsScreen #settings-status { height: auto; margin-top: 1; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "保存"),
        Binding("escape", "leave", "返回"),
    ]

    KEY_HELP = [
        ("↑ ↓ / Tab", "在各项之间移动"),
        ("空格", "切换开关（同点卡片隔天）"),
        ("Enter / Ctrl+S", "保存全部设置"),
        ("Esc", "返回（未保存的修改会丢弃）"),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar("设置")
        with VerticalScroll(id="settings-body"):
            for key, label, hint in FIELDS:
                with Horizontal(classes="settings-row"):
                    yield Static(Content(label), classes="settings-label")
                    yield Input(id=f"settings-{key}", classes="settings-input", compact=True)
                    yield Static(Content(hint), classes="settings-hint")
            with Horizontal(classes="settings-row"):
                yield Static(Content("同点卡片隔天"), classes="settings-label")
                yield Checkbox("开启", id="settings-bury_siblings", classes="settings-input", compact=True)
                yield Static(Content("答过一张，同点其他卡片明天再出（空格切换）"),
                             classes="settings-hint")
            yield Static(Content("Enter 或 Ctrl+S 保存 · Esc 返回"), id="settings-status")
        yield Footer()

    def on_mount(self) -> None:
        self.run_worker(guarded(self, self._load), thread=True, group="settings", exclusive=True)

    def on_screen_resume(self) -> None:
        # Opened again (the screen is kept): the stored values, not what was typed and left unsaved.
        if self.been_away:
            self.run_worker(guarded(self, self._load), thread=True, group="settings", exclusive=True)

    def _load(self) -> None:
        from cskexam.services import plan as plan_service

        library = self.app.require_library()
        with library.reviewer() as reviewer:
            settings = reviewer.settings
        plan = plan_service.load_plan(library)
        self.app.call_from_thread(self._show, settings, plan)

    def _show(self, settings: Any, plan: Any) -> None:
        self._settings, self._plan = settings, plan
        values = {
            "retention": f"{settings.desired_retention:.2f}",
            "new_per_day": str(settings.daily_new_limit),
            "max_interval": str(settings.maximum_interval),
            "exam_date": plan.exam_date.isoformat() if plan.exam_date else "",
            "daily_goal": str(plan.daily_goal),
        }
        for key, value in values.items():
            self.query_one(f"#settings-{key}", Input).value = value
        box = self.query_one("#settings-bury_siblings", Checkbox)
        box.value = settings.bury_siblings
        box.label = "开启" if settings.bury_siblings else "关闭"
        self.query_one("#settings-retention", Input).focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#settings-{key}", Input).value.strip()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        # The mark is drawn in colour only: the label says the state in words.
        event.checkbox.label = "开启" if event.value else "关闭"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def key_down(self) -> None:
        self.focus_next()

    def key_up(self) -> None:
        self.focus_previous()

    def action_save(self) -> None:
        from cskexam.core.plan import parse_date

        if not hasattr(self, "_settings"):
            return
        try:
            retention = float(self._value("retention"))
            new_per_day = int(self._value("new_per_day"))
            max_interval = int(self._value("max_interval"))
            goal = int(self._value("daily_goal") or 0)
        except ValueError:
            self._status("请填写数字：保持率如 0.9，其余为整数", error=True)
            return
        try:
            exam_date = parse_date(self._value("exam_date"), dt.date.today())
            settings = replace(self._settings, desired_retention=retention, daily_new_limit=new_per_day,
                               maximum_interval=max_interval,
                               bury_siblings=self.query_one("#settings-bury_siblings", Checkbox).value)
            plan = replace(self._plan, exam_date=exam_date, daily_goal=goal)
        except ValueError as exc:
            self._status(str(exc), error=True)
            return
        self.run_worker(guarded(self, lambda: self._save(settings, plan), title="设置未能保存"), thread=True, group="settings-save", exclusive=True)

    def _save(self, settings: Any, plan: Any) -> None:
        from cskexam.services import plan as plan_service

        library = self.app.require_library()
        with library.reviewer() as reviewer:
            reviewer.save_settings(settings)
        plan_service.save_plan(library, plan)
        self._settings, self._plan = settings, plan
        self.app.call_from_thread(self._status, "已保存，下次作答起生效")

    def _status(self, text: str, error: bool = False) -> None:
        style = "bold $error" if error else "bold $success"
        self.query_one("#settings-status", Static).update(Content.styled(text, style))

    async def action_leave(self) -> None:
        await self.app.action_back()
