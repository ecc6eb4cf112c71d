"""The base of the app's screens: ``self.app`` is the ``CskexamApp``, typed as such."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual import events
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

    # The theme this screen's styles were last worked out for (None: not yet).
    _styled_for_theme: str | None = None

    def on_screen_suspend(self) -> None:
        self.been_away = True

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Runs before Textual's own handler (a subclass's handlers come first).
        # Textual works out every CSS rule for every widget of a screen brought
        # back by a push, which is most of the cost of coming back to a kept
        # screen. Nothing changes a screen's styles while it is away: class and
        # state changes restyle their widget at once, and only a new theme
        # restyles everything. So a screen styled before, under the same
        # theme, keeps its styles.
        theme = self.app.theme
        if self._styled_for_theme == theme:
            event.refresh_styles = False
        self._styled_for_theme = theme
