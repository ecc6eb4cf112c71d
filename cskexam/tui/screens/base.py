"""The base of the app's screens: ``self.app`` is the ``CskexamApp``, typed as such."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen

if TYPE_CHECKING:
    from textual import getters

    from cskexam.tui.app import CskexamApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    """A screen of cskexam.

    Only the type checker sees the narrower ``app``: at run time a screen works
    under any app that offers what it uses (tests run some under stand-ins).
    """

    if TYPE_CHECKING:
        app = getters.app(CskexamApp)

    # Set once another screen has covered this one: a later ScreenResume is a
    # return (read the figures again), not the first show, which Textual also
    # announces with a ScreenResume right after the screen is pushed.
    been_away = False

    def on_screen_suspend(self) -> None:
        self.been_away = True
