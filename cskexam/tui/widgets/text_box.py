"""``TextBox``: a ``Static`` that a key press redraws in one frame.

Two things make a plain ``Static`` slow to answer a key:

* ``update()`` always asks for a layout of the whole screen, even when the new
  text takes as many lines as the old one (a question's header, an option
  marked, the answer sheet); ``show()`` lays out only when the size changes.
* When a layout gives a widget a new size (the feedback appears, a stem takes
  another line), Textual also gives it a new virtual (scrollable) size, and
  a new virtual size asks for a second layout, so a second frame one timer
  tick later, although the first one already placed and drew it. For a
  widget that does not scroll the virtual size is its size: ``show()``
  works the new size out and sets it as the virtual size beforehand, so the
  layout finds it unchanged. A wrong guess (the width changed while the box
  was hidden) costs only that second layout.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.visual import VisualType
from textual.widget import Widget
from textual.widgets import Static


class TextBox(Static):
    def show(self, content: VisualType) -> None:
        """Show ``content``; lay the screen out again only if it needs another size."""
        outer = self.outer_size  # from the last layout that showed it, also while it is hidden
        if not outer.width:  # never shown yet: as wide as its parent's room
            parent = self.parent
            room = parent.scrollable_content_region.width if isinstance(parent, Widget) else 0
            outer = Size(room - self.styles.margin.width, 0)
        if not self.is_mounted or outer.width <= self.styles.gutter.width:
            self.update(content)  # not laid out yet: its width is not known
            return
        self.update(content, layout=False)
        size = self._outer_size_for(outer.width, outer.height)
        if size != outer:
            self.refresh(layout=True)
        # Set without the layout a new virtual size asks for: the one just asked for places it.
        self.set_reactive(Widget.virtual_size, size)

    def _outer_size_for(self, width: int, height: int) -> Size:
        """The size (with padding and border) the content asks for, given the box's last one."""
        styles = self.styles
        gutter = styles.gutter
        if styles.width is not None and styles.width.is_auto:
            width = self.get_content_width(self.container_size, self.app.size) + gutter.width
        if styles.height is None or styles.height.is_auto:
            nowhere = Size(0, 0)  # a Static's height depends on its width alone
            height = self.get_content_height(nowhere, nowhere, width - gutter.width) + gutter.height
        return Size(width, height)
