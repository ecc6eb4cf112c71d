"""The base of the app's screens: ``self.app`` is the ``CskexamApp``, typed as such."""

from __future__ import annotations

from typing import TypeVar

from textual import getters
from textual.screen import Screen

from cskexam.tui.app import CskexamApp

ResultType = TypeVar("ResultType")


class AppScreen(Screen[ResultType]):
    """A screen of cskexam."""

    app = getters.app(CskexamApp)
