"""Helpers for Pilot tests: read the screen as a user sees it and wait for it."""

from __future__ import annotations

import asyncio

# Generous: the suite also runs on a busy 2-core machine.
DEFAULT_TIMEOUT = 10.0


def screen_text(app) -> str:
    """The visible screen as plain text, one terminal row per line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(pilot, predicate, timeout: float = DEFAULT_TIMEOUT) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not met; screen was:\n" + screen_text(pilot.app))
        await pilot.pause(0.02)


async def wait_for_text(pilot, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
    await wait_for(pilot, lambda: text in screen_text(pilot.app), timeout)
    return screen_text(pilot.app)


wait_text = wait_for_text


def run(coro):
    return asyncio.run(coro)
