"""``Footer``: the keys of the screen in front, drawn as one line of text.

Textual's footer is a container of one widget per key, recomposed whenever a
screen's bindings may have changed (each focus change, ``refresh_bindings()``,
each mount): every key widget is styled anew and the new widgets' sizes ask
for a second layout, which cost more than the rest of a screen switch or a
key press. This footer is one widget of a fixed size (the bottom row): when
the keys change it draws the new line, nothing is mounted or laid out.

It looks like Textual's (the same theme variables) and a click on a key
presses it, as there.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

# (key, shown key, description, enabled): what the footer shows, in order
Shown = tuple[tuple[str, str, str, bool], ...]

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"

# Keys Textual's own widgets show in the footer, in English: the 卡片 filters' open list has one.
TEXTUAL_DESCRIPTIONS = {"Dismiss menu": "关闭列表"}


class Footer(Widget, can_focus=False):
    ALLOW_SELECT = False
    DEFAULT_CSS = """
    Footer {
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.shown: Shown = ()
        self.spans: list[tuple[int, int, str, bool]] = []  # (start cell, end cell, key, enabled)
        self.line = Content("")

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def keys_shown(self) -> Shown:
        """The keys to show: one per action, the first binding of each, as Textual's footer does."""
        seen: set[str] = set()
        keys = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            description = TEXTUAL_DESCRIPTIONS.get(binding.description, binding.description)
            keys.append((binding.key, self.app.get_key_display(binding), description, enabled))
        return tuple(keys)

    def bindings_changed(self, screen) -> None:
        # A screen under another one is drawn again when it comes back (Textual
        # announces its bindings then): its keys depend on the screen in front.
        if screen is not self.screen or not self.is_attached or self.screen is not self.app.screen:
            return
        shown = self.keys_shown()
        if shown == self.shown and self.spans:
            return
        self.shown = shown
        parts: list[Content] = []
        self.spans = []
        at = 0
        for key, key_display, description, enabled in shown:
            label = Content.assemble((f" {key_display} ", KEY_STYLE), (f"{description} ", DESCRIPTION_STYLE))
            if not enabled:
                label = label.stylize("dim")
            parts.append(label)
            self.spans.append((at, at + label.cell_length, key, enabled))
            at += label.cell_length
        self.line = Content("").join(parts)
        self.refresh()

    def render(self) -> Content:
        return self.line

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key, enabled in self.spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
