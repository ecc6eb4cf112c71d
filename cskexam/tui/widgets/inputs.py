"""Inputs that leave some keys to the app."""

from __future__ import annotations

from textual.widgets import Input


class HelpKeyInput(Input):
    """An input where ``?`` opens the help instead of being typed (a query never needs it)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character == "?":
            return False
        return super().check_consume_key(key, character)
