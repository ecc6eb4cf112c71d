"""Capital letters work as their small letters: Shift or Caps Lock must not make a key do nothing.

No key of the app is bound to a capital, and the README's 「A–F 选择选项」 is
read with Shift or Caps Lock as often as without. So outside a text box a
capital letter key (``A``, or ``shift+a`` from a terminal that reports Shift)
is handled as its small letter everywhere: answers, 下一题, 交卷, every screen.
In an input box or text area letters are text and stay as typed.
"""

from __future__ import annotations

from textual import events
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
