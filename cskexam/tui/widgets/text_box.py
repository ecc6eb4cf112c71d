"""``TextBox``: a ``Static`` that a key press redraws in one frame.

Two things make a plain ``Static`` slow to answer a key:

* ``update()`` always asks for a layout of the whole screen, even when the new
  text takes as many lines as the old one (a question's header, an option
  marked, the answer sheet); ``show()`` lays out only when the height changes.
* When a layout gives it a new size (the feedback appears, a stem takes another
  line), Textual sets its virtual size, which asks for a second layout and so a
  second frame one timer tick later, although the first one already placed and
  drew it at that size. A ``TextBox`` does not scroll: its virtual size is its
  size, and it needs no second pass.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import Static


class TextBox(Static):
    def show(self, content: VisualType) -> None:
        """Show ``content``; lay the screen out again only if it needs another size."""
        width = self.content_size.width
        if not self.is_mounted or not self.display or not width:
            self.update(content)
            return
        before = self._extent(width)
        self.update(content, layout=False)
        if self._extent(width) != before:
            self.refresh(layout=True)

    def _extent(self, width: int) -> tuple[int, int]:
        """The cells the content asks for: its width (when that is its own) and its height at ``width``."""
        styles = self.styles
        own_width = 0
        if styles.width is not None and styles.width.is_auto:
            own_width = self.get_content_width(self.container_size, self.app.size)
            width = own_width
        nowhere = Size(0, 0)  # a Static's height depends on its width alone
        return own_width, self.get_content_height(nowhere, nowhere, width)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)
