"""``TextPane``: a pane of fixed size showing text of any length, scrolled within.

A widget whose size changes in a layout (a card's answer appears, the next
card's front takes another line) makes Textual lay the screen out and draw
it a second time, one timer tick after the first frame. A ``TextPane`` keeps
its size (``height: 1fr`` of a fixed box) whatever it shows: its text is
drawn line by line (Textual's line API) and only its scrollable (virtual)
size follows the text, so a new text costs one frame.

It shows a list of blocks, one under the other: each a ``Content`` or a
``CjkText`` (laid out for the pane's width), or ``RULE``, a dashed line
across the pane. Text reaches it as ``Content``, never as markup.
"""

from __future__ import annotations

from typing import Union

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from cskexam.tui.widgets.cjk_text import CjkText


class Rule:
    """A dashed line across the pane."""


RULE = Rule()

Block = Union[Content, CjkText, Rule]


class TextPane(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    TextPane {
        height: 1fr;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    """

    def __init__(self, *blocks: Block, rule_style: str = "$primary-muted", **kwargs) -> None:
        super().__init__(**kwargs)
        self.blocks: tuple[Block, ...] = blocks
        self.rule_style = rule_style
        self.lines: list[Strip] = []
        self.lines_width = 0  # the width ``lines`` were laid out for (0: not yet)

    def show(self, *blocks: Block) -> None:
        """Show ``blocks`` from their top."""
        self.blocks = blocks
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.lay_out()
        self.refresh()

    @property
    def plain(self) -> str:
        """What the pane shows, as text (a rule as a blank line)."""
        return "\n".join("" if isinstance(b, Rule) else b.plain for b in self.blocks)

    def lay_out(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            self.lines_width = 0
            return  # not laid out yet: on_resize does it
        lines: list[Strip] = []
        style = self.visual_style
        for block in self.blocks:
            if isinstance(block, Rule):
                block = Content.styled("╍" * width, self.rule_style)
            lines += Visual.to_strips(self, block, width, None, style, pad=True)
        self.lines, self.lines_width = lines, width
        self.virtual_size = Size(width, len(lines))
        # Decided here, in the same layout as the new text, rather than by the
        # layout itself, which would then ask for a second one.
        self.show_vertical_scrollbar = len(lines) > self.scrollable_content_region.height

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self.lines_width:
            self.lay_out()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        if width != self.lines_width or not 0 <= index < len(self.lines):
            return Strip.blank(width, self.rich_style)
        return self.lines[index].crop_extend(0, width, self.rich_style)
