"""The screens of the app, their keys and the class behind each.

Each entry names a loader that imports its screen class on first use only:
importing a screen module may pull in heavy libraries (the storage layer,
plotting), and none of that may happen before the home screen is painted.
The loaders are plain imports, so a missing module fails loudly.

What the shell understands on a screen class (all optional):

* ``SCREEN_NAME``: its registry name; the footer then hides the screen's own key.
* ``reopen(**kwargs)``: called by ``app.open_screen(name, **kwargs)`` when the
  screen is already on the stack (otherwise it is replaced when kwargs are given).
* ``KEY_HELP``: ``[(key, description), ...]`` for the help overlay (``?``); without
  it the overlay lists the screen's shown bindings.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True)
class ScreenEntry:
    key: str
    name: str
    label: str
    load: Callable[[], type[Screen]]
    summary: str = ""


def _home() -> type[Screen]:
    from cskexam.tui.screens.home import HomeScreen

    return HomeScreen


def _graph() -> type[Screen]:
    from cskexam.tui.screens.graph import GraphScreen

    return GraphScreen


def _search() -> type[Screen]:
    from cskexam.tui.screens.search import SearchScreen

    return SearchScreen


def _drill() -> type[Screen]:
    from cskexam.tui.screens.drill import DrillScreen

    return DrillScreen


def _stats() -> type[Screen]:
    from cskexam.tui.screens.stats import StatsScreen

    return StatsScreen


def _practice() -> type[Screen]:
    from cskexam.tui.screens.practice import PracticeScreen

    return PracticeScreen


def _wrongbook() -> type[Screen]:
    from cskexam.tui.screens.wrongbook import WrongBookScreen

    return WrongBookScreen


def _exam() -> type[Screen]:
    from cskexam.tui.screens.exam import ExamScreen

    return ExamScreen


def _cards() -> type[Screen]:
    from cskexam.tui.screens.cards import CardBrowserScreen

    return CardBrowserScreen


def _profiles() -> type[Screen]:
    from cskexam.tui.screens.profiles import ProfilesScreen

    return ProfilesScreen


def _starred() -> type[Screen]:
    from cskexam.tui.screens.starred import StarredScreen

    return StarredScreen


def _settings() -> type[Screen]:
    from cskexam.tui.screens.settings import SettingsScreen

    return SettingsScreen


ENTRIES: tuple[ScreenEntry, ...] = (
    ScreenEntry("h", "home", "主页", _home, "资料库概况与今日任务"),
    ScreenEntry("g", "graph", "知识图谱", _graph, "按章节浏览笔记的要点、清单与定义"),
    ScreenEntry("/", "search", "搜索", _search, "按关键词、拼音或首字母查找要点"),
    ScreenEntry("r", "drill", "复习", _drill, "按记忆曲线复习今日到期的卡片"),
    ScreenEntry("t", "stats", "统计", _stats, "复习记录、到期预测与掌握程度"),
    ScreenEntry("p", "practice", "章节练习", _practice, "按章节做题并查看解析"),
    ScreenEntry("w", "wrongbook", "错题本", _wrongbook, "做错的题目，再练一遍"),
    ScreenEntry("e", "exam", "模拟考试", _exam, "限时模拟考试与成绩报告"),
    ScreenEntry("c", "cards", "卡片", _cards, "查找、暂停、编辑与新增卡片"),
    ScreenEntry("b", "starred", "收藏", _starred, "收藏的题目，再练一遍"),
    ScreenEntry(",", "settings", "设置", _settings, "复习参数、考试日期与每日目标"),
    ScreenEntry("k", "profiles", "考生档案", _profiles, "切换或新建考生档案；班级报告"),
)


def available_entries() -> list[ScreenEntry]:
    """Every entry, in menu order."""
    return list(ENTRIES)


def entry(name: str) -> ScreenEntry:
    """The entry called ``name`` (KeyError when unknown)."""
    for e in ENTRIES:
        if e.name == name:
            return e
    raise KeyError(name)


def screen_class(name: str) -> type[Screen]:
    """Import and return the screen class of ``name`` (imported on first use)."""
    return entry(name).load()


_KEY_NAMES = {"/": "slash", "?": "question_mark", ",": "comma"}

# Every screen key works everywhere, but only these are in the footer: the
# home screen lists all of them, and each footer key is a widget that costs
# time whenever a screen opens (the help overlay lists them all too).
FOOTER_SCREENS = {"home", "search"}


# What the screens import when they open (besides their own modules): read
# in the background once the library is open, so no screen pays for it later.
_PRELOAD_MODULES = (
    "cskexam.services.review", "cskexam.services.practice", "cskexam.services.exam",
    "cskexam.services.card_browser", "cskexam.services.stats", "cskexam.core.readiness", "cskexam.display",
)


def preload_screens() -> None:
    """Import every screen's module and the services they use (in a worker thread).

    Screens are imported on first use so that nothing delays the first paint;
    importing them while the candidate looks at the home screen makes the
    first visit of each as quick as the next. A module that fails to import
    is left for the screen to report when it is opened.
    """
    import importlib

    for e in available_entries():
        try:
            e.load()
        except Exception:  # noqa: BLE001 - the screen reports it when opened
            pass
        time.sleep(0)  # let the UI thread in between modules
    for name in _PRELOAD_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001
            pass
        time.sleep(0)
    warm_line_breaking()


def common_hanzi() -> str:
    """The 3755 most common Chinese characters (GB 2312 level 1), in order."""
    return bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo)).decode(
        "gb2312", errors="ignore")


def warm_line_breaking() -> None:
    """Work out the line breaking of the common characters ahead of the screens.

    The line breaking rules (``core.linebreak``) are worked out once per piece
    of text and kept: the first screen to show Chinese text of a kind pays
    for its characters (tens of milliseconds for a panel of new text), so
    they are worked out here, in small pieces, while the candidate looks at
    the home screen.
    """
    from cskexam.core.linebreak import prepare

    chars = common_hanzi() + "，。、；：？！（）「」《》“”…—·"
    for start in range(0, len(chars), 150):
        prepare(chars[start:start + 150])
        time.sleep(0)  # let the UI thread in between pieces


def screen_bindings() -> list[Binding]:
    bindings = []
    for e in available_entries():
        bindings.append(
            Binding(
                _KEY_NAMES.get(e.key, e.key),
                f"app.open_screen('{e.name}')",
                e.label,
                key_display=e.key,
                show=e.name in FOOTER_SCREENS,
            )
        )
    return bindings
