"""Helpers for Pilot tests: read the screen as a user sees it and wait for it."""

from __future__ import annotations

import asyncio
import html
import inspect
import re
import weakref
from dataclasses import dataclass

from rich.cells import cell_len

# Generous: the suite also runs on a busy 2-core machine.
DEFAULT_TIMEOUT = 10.0

# App.export_screenshot() draws each run of text as one <text> element placed on its
# row (clip-path …-line-N) at x = column × the cell width.
_SVG_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
                       r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>', re.S)
_CELL_WIDTH = 0.61 * 20  # rich's SVG export: font size 20, cells 0.61 em wide


@dataclass(frozen=True)
class Notice:
    """One notification as the app asked to show it."""

    message: str
    title: str
    severity: str
    markup: bool


_NOTICES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def record_notifications(app) -> list[Notice]:
    """Record every notification ``app`` shows from now on, through its public ``notify``.

    Widgets and screens notify through ``self.app.notify``, so wrapping the app's method
    catches them all. Call it before ``run_test``; ``notifications(app)`` reads the list.
    """
    shown: list[Notice] = []
    original = app.notify
    signature = inspect.signature(original)

    def notify(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        a = bound.arguments
        shown.append(Notice(str(a["message"]), str(a["title"]), str(a["severity"]), bool(a["markup"])))
        return original(*args, **kwargs)

    app.notify = notify
    _NOTICES[app] = shown
    return shown


def notifications(app) -> list[Notice]:
    """The notifications ``app`` has shown since ``record_notifications(app)``."""
    return _NOTICES[app]


def screen_cells(app) -> list[list[str]]:
    """The visible screen, one list of terminal cells per row (from the app's public screenshot).

    A wide character fills its first cell; its second cell holds "".
    """
    width, height = app.size
    cells = [[" "] * width for _ in range(height)]
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        row, col = cells[int(line)], round(float(x) / _CELL_WIDTH)
        for ch in html.unescape(text).replace("\xa0", " "):
            if col >= width:
                break
            row[col] = ch
            if cell_len(ch) == 2 and col + 1 < width:
                row[col + 1] = ""  # the right half of a wide character
            col += max(1, cell_len(ch))
    return cells


def screen_rows(app) -> list[str]:
    """The visible screen as plain text rows."""
    return ["".join(row) for row in screen_cells(app)]


def screen_text(app) -> str:
    """The visible screen as plain text, one terminal row per line."""
    return "\n".join(screen_rows(app))


async def wait_for(pilot, predicate, timeout: float = DEFAULT_TIMEOUT) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met; screen was:\n" + screen_text(pilot.app))
        await pilot.pause(0.02)


async def wait_for_text(pilot, *texts: str, timeout: float = DEFAULT_TIMEOUT) -> str:
    """Wait until every one of ``texts`` is on the screen at once, and return the screen.

    Parts of a screen settle one after another (a card, then its counters), so a
    test that checks several of them waits for all, not for the first.
    """
    await wait_for(pilot, lambda: all(t in screen_text(pilot.app) for t in texts), timeout)
    return screen_text(pilot.app)


wait_text = wait_for_text


def run(coro):
    return asyncio.run(coro)
