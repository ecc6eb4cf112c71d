"""Capital letters work as their small letters: Shift or Caps Lock must not make a key do nothing.

No key of the app is bound to a capital, and the README's 「A–F 选择选项」 is
read with Shift or Caps Lock as often as without. So outside a text box a
capital letter key (``A``, or ``shift+a`` from a terminal that reports Shift)
is handled as its small letter everywhere: answers, 下一题, 交卷, every screen.
In an input box or text area letters are text and stay as typed.
"""

from __future__ import annotations

from textual import events
from textual.app import App, ScreenStackError
from textual.widget import Widget


def small_letter(key: str) -> str | None:
    """The small letter a capital letter key stands for, None for any other key."""
    if len(key) == 1 and "A" <= key <= "Z":
        return key.lower()
    if key.startswith("shift+") and len(key) == 7 and "a" <= key[-1] <= "z":
        return key[-1]
    return None


def as_small_letter(event: events.Key, focused: Widget | None) -> events.Key:
    """``event`` as the key of its small letter, unless a text box takes the letter as it is."""
    from textual.widgets import Input, TextArea

    letter = small_letter(event.key)
    if letter is None or isinstance(focused, (Input, TextArea)):
        return event
    return events.Key(letter, letter)


def page_key_without_room(event: events.Key, focused: Widget | None) -> bool:
    """A PageUp/PageDown for a list that has no room on screen (a terminal squeezed to a
    few rows or columns): Textual's list then looks up lines it has not laid out and
    fails. There is no page to move by, so the key is dropped."""
    from textual.widgets import OptionList

    if event.key not in ("pageup", "pagedown") or not isinstance(focused, OptionList):
        return False
    room = focused.scrollable_content_region
    return room.width <= 0 or room.height <= 0


class KeyGate:
    """What becomes of a key before Textual handles it (see ``CskexamApp.on_event``).

    * Keys that arrive while the screen in front is not mounted yet wait for it, in
      order. Textual runs a key's action at once, even for a screen pushed a moment
      ago whose widgets are not there yet: Esc typed right after Enter on the resume
      dialog paused a sitting whose clock had not started (the whole exam counted as
      spent, handed in at 0 points).
    * Once the app is quitting, keys do nothing: ``e`` typed after ``q`` opened
      模拟考试 into an app being taken down (a traceback on the terminal).
    * A page key for a list with no room is dropped; a capital letter is its small one.
    """

    RETRY_SECONDS = 0.01

    def __init__(self, app: App) -> None:
        self.app = app
        self.held: list[events.Key] = []
        self.closed = False  # set when the app quits

    def admit(self, event: events.Key) -> events.Key | None:
        """The key to handle for ``event``, or None when it is dropped or held back.

        A key comes to the app first, and again (forwarded) on its way to the bindings.
        """
        if self.closed:
            return None
        if event.is_forwarded:
            return event
        if self.held or not self._ready():
            if not self.held:
                self.app.set_timer(self.RETRY_SECONDS, self.release)
            self.held.append(events.Key(event.key, event.character))
            return None
        focused = self.app.focused
        if page_key_without_room(event, focused):
            return None
        return as_small_letter(event, focused)

    def release(self) -> None:
        held, self.held = self.held, []
        for key in held:
            self.app.post_message(key)  # back through the app's handling, in the order typed

    def _ready(self) -> bool:
        try:
            return self.app.screen.is_mounted
        except ScreenStackError:
            return False
