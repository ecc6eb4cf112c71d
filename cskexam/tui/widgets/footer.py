"""``Footer``: Textual's footer, rebuilt only when the keys it shows change.

Textual's footer recomposes every one of its keys whenever a screen's bindings
may have changed: each focus change, each ``refresh_bindings()``, each mount.
Opening a screen triggers that several times, and every key widget is styled
anew, which costs more than the rest of a screen switch or a key press. This
footer gathers the requests of one refresh and rebuilds only when the keys it
would show (key, label, enabled) differ from the ones on screen, and only on
the screen in front.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[tuple[str, str, str, bool, str], ...]


class Footer(TextualFooter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: Shown | None = None
        self._pending = False

    def _keys_shown(self) -> Shown:
        return tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip or "")
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._pending = False
        # A screen under another one is rebuilt when it comes back (Textual
        # refreshes its bindings then): its keys depend on the screen in front.
        if self.is_attached and self.screen is self.app.screen and self._keys_shown() != self._shown:
            await self.recompose()
