"""Widgets that settle in one layout pass.

After a layout Textual stores each widget's new size, and a widget whose
(virtual) size changed asks for a second whole layout, which repaints it a
frame later. So a key that changes the height of a card (the answer shown, the
next card) was drawn twice, some 30 ms apart, and the second frame was most
of the screen. The first pass already placed every widget at its new size:
these widgets keep that size without asking again. Scrollbars still follow a
scrollable one, since showing or hiding a scrollbar asks for its own layout.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.widgets import Button, Static


class OnePass:
    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)  # type: ignore[misc]


class OnePassStatic(OnePass, Static):
    pass


class OnePassVertical(OnePass, Vertical):
    pass


class OnePassHorizontal(OnePass, Horizontal):
    pass


class OnePassScroll(OnePass, VerticalScroll):
    pass


class OnePassButton(OnePass, Button):
    pass
