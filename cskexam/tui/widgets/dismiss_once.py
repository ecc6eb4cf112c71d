"""A screen that is dismissed only while it is the screen in front.

Keys typed ahead (Enter pressed twice, a burst of keys) can leave a second
"done" message queued for a dialog that has already closed. Textual's
``dismiss`` then runs the dialog's callback again and pops whatever screen is
in front instead, down to the last one, which ends the app with
「Can't pop screen」. A dismiss that comes too late does nothing.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


class DismissOnce:
    """Mix in before the Textual screen class: ``class D(DismissOnce, ModalScreen[T])``."""

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.is_active:  # type: ignore[attr-defined]
            return AwaitComplete()
        return super().dismiss(result)  # type: ignore[misc]
