"""Pilot tests of the back stack: Esc returns to where you came from, a session survives a look
elsewhere, and opening screens again and again does not pile them up."""

from __future__ import annotations

import asyncio

from cskexam.tui.app import CskexamApp
from cskexam.tui.navigation import is_key_screen
from cskexam.tui.screens import registry
from pilot_helpers import screen_text, wait_for, wait_for_text

SIZE = (120, 40)


def run_app(library, body, size=SIZE):
    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=size) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await body(app, pilot)

    asyncio.run(main())


def names(app) -> list[str]:
    return [getattr(s, "SCREEN_NAME", type(s).__name__) for s in app.screen_stack]


def key_screens(app) -> list[str]:
    return [s.SCREEN_NAME for s in app.screen_stack if is_key_screen(s)]


async def on(pilot, name: str) -> None:
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "SCREEN_NAME", "") == name)


def test_keys_again_and_again_keep_one_of_each_screen_and_the_drill_keeps_its_count(library):
    # Fault: r, e, r, e, … stacked a new drill and a new exam screen each time, and each new
    # drill started its counters from 0.
    async def body(app, pilot):
        await pilot.press("r")
        await wait_for_text(pilot, "剩余")
        drill = app.screen
        await pilot.press("space", "3")
        await wait_for_text(pilot, "本次已复习 1")
        for key in "erperpgtwcgerb":
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen is drill)
        await wait_for_text(pilot, "本次已复习 1")
        shown = key_screens(app)
        assert len(app.screen_stack) <= len(registry.available_entries()) + 1, names(app)
        # every screen once (home twice at most: the bottom one and the one kept for going home over a session)
        assert all(shown.count(n) == 1 for n in set(shown) - {"home"}), names(app)

    run_app(library, body)


def test_esc_goes_back_to_where_the_key_was_pressed(library):
    async def body(app, pilot):
        await pilot.press("g")
        await on(pilot, "graph")
        await pilot.press("t")
        await on(pilot, "stats")
        await pilot.press("g")  # back to the graph as it was left; Esc then leads to 统计
        await on(pilot, "graph")
        await pilot.press("escape")
        await on(pilot, "stats")
        await wait_for_text(pilot, "统计")
        await pilot.press("escape")
        await on(pilot, "home")
        assert len(app.screen_stack) == 1

    run_app(library, body)


def test_a_practice_from_the_wrongbook_goes_back_to_it_though_a_practice_was_open(library):
    # Fault: Esc from a practice started in 错题本 landed on the screen under an older practice.
    from cskexam.services.practice import Practice

    p = Practice(library)
    qs = {q.id: q for q in p.questions()}
    p.answer(qs["jn-001"], "A")

    async def body(app, pilot):
        await pilot.press("p")
        await wait_for_text(pilot, "选择练习范围")
        await pilot.press("r")
        await on(pilot, "drill")
        await pilot.press("w")
        await wait_for_text(pilot, "共 1 题")
        await pilot.press("p")  # practise the wrong questions
        await wait_for_text(pilot, "范围: 错题")
        await pilot.press("escape")
        await on(pilot, "wrongbook")
        await pilot.press("escape")
        await on(pilot, "drill")
        assert names(app) == ["home", "practice", "drill"]  # the practice opened by p is still there
        await pilot.press("p")
        await wait_for_text(pilot, "选择练习范围")

    run_app(library, body)


def test_going_home_over_a_drill_and_back_keeps_it(library):
    async def body(app, pilot):
        await pilot.press("r")
        await wait_for_text(pilot, "剩余")
        drill = app.screen
        await pilot.press("space", "3")
        await wait_for_text(pilot, "本次已复习 1")
        for _ in range(4):
            await pilot.press("h")
            await on(pilot, "home")
            await wait_for_text(pilot, "今日")
            await pilot.press("r")
            await wait_for(pilot, lambda: app.screen is drill)
        assert len(app.screen_stack) == 3, names(app)  # home, the kept home, the drill
        await pilot.press("escape")
        await on(pilot, "home")
        await pilot.press("escape")  # the drill is closed; Esc from the kept home comes to the bottom
        await wait_for(pilot, lambda: len(app.screen_stack) == 1)
        assert "本次已复习" not in screen_text(app)

    run_app(library, body)


def test_a_screen_opened_again_is_the_one_kept_and_shows_fresh_figures(library):
    # Opening 卡片 again costs no new screen; what the drill changed meanwhile is on it.
    async def body(app, pilot):
        await pilot.press("c")
        await wait_for_text(pilot, "共 ")
        cards = app.screen
        await wait_for(pilot, lambda: bool(cards.all_cards))
        assert not any(c.state == "learning" for c in cards.all_cards)
        await pilot.press("escape")
        await on(pilot, "home")
        await pilot.press("r")
        await wait_for_text(pilot, "剩余")
        await pilot.press("space", "1")  # 重来: the card is learning now
        await wait_for_text(pilot, "本次已复习 1")
        await pilot.press("escape")
        await on(pilot, "home")
        await pilot.press("c")
        await wait_for(pilot, lambda: app.screen is cards)
        await wait_for(pilot, lambda: any(c.state == "learning" for c in cards.all_cards))
        await wait_for_text(pilot, "学习中")
        # a drill left with Esc is over: r starts a new one
        await pilot.press("r")
        await wait_for_text(pilot, "本次已复习 0")

    run_app(library, body)
