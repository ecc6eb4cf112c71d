"""Pilot tests of the back stack's reordering (tui.navigation.restack) and of kept screens' styles.

A group brought to the front is popped and pushed again through Textual's
public API: its screens must survive, keep the callbacks they were pushed
with, and only the screen that was in front and the one in front now may
hear of it.
"""

from __future__ import annotations

import asyncio

from textual.screen import ModalScreen

from pilot_helpers import wait_for

SIZE = (100, 32)


class Dialog(ModalScreen[int]):
    """A stand-in for a dialog a key screen opened, which notes what it is told."""

    def __init__(self) -> None:
        super().__init__()
        self.heard: list[str] = []

    def on_screen_resume(self) -> None:
        self.heard.append("resume")

    def on_screen_suspend(self) -> None:
        self.heard.append("suspend")


def run_app(library, body):
    from cskexam.tui.app import CskexamApp

    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await body(app, pilot)

    asyncio.run(main())


def names(app) -> list[str]:
    return [getattr(s, "SCREEN_NAME", type(s).__name__) for s in app.screen_stack]


def test_a_group_brought_to_the_front_keeps_its_screens_and_callbacks(library):
    async def body(app, pilot):
        app.open_screen("graph")
        await wait_for(pilot, lambda: names(app) == ["home", "graph"])
        graph = app.screen
        results: list[int] = []
        dialog = Dialog()
        app.push_screen(dialog, results.append)  # the graph's own dialog: it belongs to its group
        await wait_for(pilot, lambda: app.screen is dialog)
        app.open_screen("stats")
        await wait_for(pilot, lambda: names(app) == ["home", "graph", "Dialog", "stats"])
        stats = app.screen
        await pilot.pause()
        dialog.heard.clear()
        app.open_screen("graph")  # the graph's group comes to the front as it was left
        await wait_for(pilot, lambda: names(app) == ["home", "stats", "graph", "Dialog"])
        assert app.screen is dialog and app.screen_stack[2] is graph and app.screen_stack[1] is stats
        await pilot.pause(0.1)
        assert dialog.heard == ["resume"]  # once, as by a push; not the pops and pushes in between
        assert graph.is_attached and stats.is_attached
        dialog.dismiss(7)
        await wait_for(pilot, lambda: results == [7])
        await wait_for(pilot, lambda: app.screen is graph)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is stats)

    run_app(library, body)


def test_a_kept_screen_brought_back_is_not_styled_again(library):
    async def body(app, pilot):
        app.open_screen("stats")
        await wait_for(pilot, lambda: names(app) == ["home", "stats"])
        stats = app.screen
        await pilot.pause(0.1)
        styled: list[bool] = []
        original = stats.update_node_styles

        def update_node_styles(animate: bool = True) -> None:
            styled.append(True)
            original(animate)

        stats.update_node_styles = update_node_styles
        await pilot.press("escape")
        await wait_for(pilot, lambda: names(app) == ["home"])
        app.open_screen("stats")
        await wait_for(pilot, lambda: app.screen is stats)
        await pilot.pause(0.1)
        assert styled == []
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause(0.1)
        styled.clear()
        await pilot.press("escape")
        await wait_for(pilot, lambda: names(app) == ["home"])
        app.open_screen("stats")  # another theme since it was styled: styled again
        await wait_for(pilot, lambda: app.screen is stats)
        await wait_for(pilot, lambda: bool(styled))

    run_app(library, body)
