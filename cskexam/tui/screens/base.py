"""The base of the app's screens: ``self.app`` is the ``CskexamApp``, typed as such."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import events, on
from textual.screen import Screen

from cskexam.tui.widgets.dismiss_once import DismissOnce

if TYPE_CHECKING:
    from textual import getters

    from cskexam.tui.app import CskexamApp

ResultType = TypeVar("ResultType")


class AppScreen(DismissOnce, Screen[ResultType]):
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

    # The theme this screen's styles were last worked out for (None: not yet).
    styled_for_theme: str | None = None

    def on_screen_suspend(self) -> None:
        self.been_away = True

    @on(events.ScreenResume)
    def keep_styles(self, event: events.ScreenResume) -> None:
        # Textual calls the handlers of every class in a screen's MRO, the most
        # derived first, so this runs after a screen's own ``on_screen_resume``
        # and before Textual's handler, which reads ``refresh_styles``.
        # Textual works out every CSS rule for every widget of a screen brought
        # back by a push, which is most of the cost of coming back to a kept
        # screen. Nothing changes a screen's styles while it is away: class and
        # state changes restyle their widget at once, and only a new theme
        # restyles everything. So a screen styled before, under the same
        # theme, keeps its styles.
        theme = self.app.theme
        if self.styled_for_theme == theme:
            event.refresh_styles = False
        self.styled_for_theme = theme
