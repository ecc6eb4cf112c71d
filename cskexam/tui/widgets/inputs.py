"""Inputs that leave some keys to the app."""

from __future__ import annotations

from textual.widgets import Input


class HelpKeyInput(Input):
    """An input where ``?`` opens the help instead of being typed (a query never needs it)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character == "?":
            return False
        return super().check_consume_key(key, character)


class LimitedInput(Input):
    """An input that says why a key or a paste was not taken (Textual's only rings the bell)."""

    def __init__(self, *args, refused: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._refused = refused

    def restricted(self) -> None:
        self.app.notify(self._refused, severity="warning", timeout=4, markup=False)
