"""Updating a panel only when what it shows has changed.

A screen that comes back reads its figures again (they may have changed
meanwhile), but mostly they have not. ``Static.update`` lays the panel out
again and draws it anew even then: another frame, some tens of milliseconds
after the screen itself, that looks exactly like the one before.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from cskexam.tui.widgets.cjk_text import CjkText

Shown = Content | CjkText | str


def same_text(a: object, b: object) -> bool:
    """Whether ``a`` and ``b`` look the same: the same text with the same styles."""
    if isinstance(a, CjkText) and isinstance(b, CjkText):
        a, b = a.content, b.content
    elif type(a) is not type(b):
        return False
    if isinstance(a, Content) and isinstance(b, Content):
        # Content's own == compares the text alone.
        return a.plain == b.plain and a.spans == b.spans
    return isinstance(a, str) and a == b


def update_if_changed(panel: Static, shown: Shown) -> bool:
    """Show ``shown`` on ``panel`` unless it shows that already; whether it was updated."""
    if same_text(panel.content, shown):
        return False
    panel.update(shown)
    return True
