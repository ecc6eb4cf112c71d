"""The screens of the app, their keys and where their classes live.

An entry whose module does not exist yet is hidden, so features can land one
by one without touching the shell. Classes are imported on first use only:
importing a screen module may pull in heavy libraries (the storage layer,
plotting), and none of that may happen before the home screen is painted.

What the shell understands on a screen class (all optional):

* ``SCREEN_NAME``: its registry name; the footer then hides the screen's own key.
* ``reopen(**kwargs)``: called by ``app.open_screen(name, **kwargs)`` when the
  screen is already on the stack (otherwise it is replaced when kwargs are given).
* ``HELP``: ``[(key, description), ...]`` for the help overlay (``?``); without
  it the overlay lists the screen's shown bindings.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class ScreenEntry:
    key: str
    name: str
    label: str
    target: str  # "module:Class"
    summary: str = ""

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    @property
    def class_name(self) -> str:
        return self.target.partition(":")[2]


ENTRIES: tuple[ScreenEntry, ...] = (
    ScreenEntry("h", "home", "主页", "cskexam.tui.screens.home:HomeScreen", "资料库概况与今日任务"),
    ScreenEntry("g", "graph", "知识图谱", "cskexam.tui.screens.graph:GraphScreen", "按章节浏览笔记的要点、清单与定义"),
    ScreenEntry("/", "search", "搜索", "cskexam.tui.screens.search:SearchScreen", "按关键词、拼音或首字母查找要点"),
    ScreenEntry("r", "drill", "复习", "cskexam.tui.screens.drill:DrillScreen", "按记忆曲线复习今日到期的卡片"),
    ScreenEntry("t", "stats", "统计", "cskexam.tui.screens.stats:StatsScreen", "复习记录、到期预测与掌握程度"),
    ScreenEntry("p", "practice", "章节练习", "cskexam.tui.screens.practice:PracticeScreen", "按章节做题并查看解析"),
    ScreenEntry("w", "wrongbook", "错题本", "cskexam.tui.screens.wrongbook:WrongBookScreen", "做错的题目，再练一遍"),
    ScreenEntry("e", "exam", "模拟考试", "cskexam.tui.screens.exam:ExamScreen", "限时模拟考试与成绩报告"),
    ScreenEntry("c", "cards", "卡片", "cskexam.tui.screens.cards:CardBrowserScreen", "查找、暂停、编辑与新增卡片"),
    ScreenEntry(",", "settings", "设置", "cskexam.tui.screens.settings:SettingsScreen", "复习参数、考试日期与每日目标"),
)


@lru_cache(maxsize=None)
def _module_exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def available_entries() -> list[ScreenEntry]:
    """The entries whose screen module is present, in menu order."""
    return [e for e in ENTRIES if _module_exists(e.module)]


def entry(name: str) -> ScreenEntry:
    """The entry called ``name`` (KeyError when unknown or not available)."""
    for e in available_entries():
        if e.name == name:
            return e
    raise KeyError(name)


def screen_class(name: str) -> type:
    """Import and return the screen class of ``name`` (imported on first use)."""
    e = entry(name)
    module = importlib.import_module(e.module)
    return getattr(module, e.class_name)
