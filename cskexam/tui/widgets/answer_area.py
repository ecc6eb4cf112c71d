"""The box a 简答 or 案例分析 answer is typed into: at most as long as the grader reads.

Textual's text area rewraps the edited line on every change, in time that
grows with the line. A paste of 100,000 characters on one line then held the
screen for minutes, and a paste holding escape characters, which the terminal
reader partly hands on as single keys, cost that much for each key. So:

* The grader reads the first ``MAX_ANSWER_CHARS`` characters only; the box
  takes no more. A paste that would go past that is refused whole (the box
  stays as it was, and says so); typing at the limit says so instead.
* Keys that arrive faster than anyone types (a burst of more than
  ``BURST_KEYS``, each within ``BURST_SECONDS`` of the last) are gathered and
  put in as one edit, so a burst costs one rewrap, not one per key. Any other
  key, a paste or leaving the box puts the gathered text in first, so it
  always sees everything typed before it.
"""

from __future__ import annotations

import time

from textual import events
from textual.timer import Timer
from textual.widgets import TextArea

from cskexam.core.grading_short import MAX_ANSWER_CHARS

FULL_TITLE = "作答太长"
NOTICE_SECONDS = 3.0
BURST_SECONDS = 0.005  # no hand types two keys this close together
BURST_KEYS = 32  # an input method commits a few characters at once: those stay single keys
GATHER_SECONDS = 0.05  # gathered keys go in this long after the first of them

FULL = f"作答已到 {MAX_ANSWER_CHARS:,} 字（评分只看这么多），不能再输入；可以删减后再写。"


def too_long_paste(pasted: int, room: int) -> str:
    return (f"这次粘贴有 {pasted:,} 字，作答最多 {MAX_ANSWER_CHARS:,} 字（评分只看这么多），"
            f"这里还能写 {max(room, 0):,} 字：没有粘贴，请删减后再粘贴。")


def cut_burst(typed: int, kept: int) -> str:
    return (f"作答最多 {MAX_ANSWER_CHARS:,} 字（评分只看这么多）：一下子输入的 {typed:,} 字只放进了前 {kept:,} 字，"
            "其余没有输入。")


class AnswerArea(TextArea):
    """A text area that holds at most ``MAX_ANSWER_CHARS`` characters and takes bursts of keys in one edit."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._said: tuple[str, float] = ("", -NOTICE_SECONDS)  # the last notice and when
        self._last_key_at = -1.0
        self._burst = 0  # keys in the current burst
        self._gathered: list[str] = []
        self._timer: Timer | None = None

    def _room(self) -> int:
        """How many characters may still be added (those selected are replaced)."""
        return MAX_ANSWER_CHARS - len(self.text) + len(self.selected_text)

    def _say(self, message: str, *, always: bool = False) -> None:
        # Keys held down or arriving in a burst: the same notice once at a time, not hundreds.
        now = time.monotonic()
        if always or message != self._said[0] or now - self._said[1] >= NOTICE_SECONDS:
            self._said = (message, now)
            self.app.notify(message, title=FULL_TITLE, severity="warning", timeout=NOTICE_SECONDS + 3,
                            markup=False)

    # -- bursts of keys ----------------------------------------------------------------
    def put_in_gathered(self) -> None:
        """Put the keys gathered from a burst into the text, as one edit, up to the limit."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._gathered:
            return
        text, self._gathered = "".join(self._gathered), []
        if self.read_only:
            return
        room = self._room()
        if room <= 0:
            self._say(FULL)
            return
        if len(text) > room:
            self._say(cut_burst(len(text), room), always=True)
            text = text[:room]
        result = self.replace(text, *self.selection, maintain_selection_offset=False)
        self.move_cursor(result.end_location)

    def on_key(self, event: events.Key) -> None:
        if self.read_only:
            return
        typed = "\n" if event.key == "enter" else event.character if event.is_printable else None
        if typed is None:
            self.put_in_gathered()  # Backspace, Ctrl+S, arrows … act on everything typed before them
            return
        close = event.time - self._last_key_at < BURST_SECONDS
        self._last_key_at = event.time
        self._burst = self._burst + 1 if close else 0
        if self._gathered or self._burst >= BURST_KEYS:
            event.prevent_default()
            event.stop()
            self._gathered.append(typed)
            if self._timer is None:
                self._timer = self.set_timer(GATHER_SECONDS, self.put_in_gathered)
            return
        if self._room() <= 0:
            event.prevent_default()
            event.stop()
            self._say(FULL)

    def on_paste(self, event: events.Paste) -> None:
        if self.read_only:
            return
        self.put_in_gathered()
        room = self._room()
        if len(event.text) > room:
            event.prevent_default()
            event.stop()
            self._say(too_long_paste(len(event.text), room), always=True)

    def on_blur(self, event: events.Blur) -> None:
        self.put_in_gathered()

    def load_text(self, text: str) -> None:
        # A new answer (the next question): keys gathered for the last one are not part of it.
        self._gathered = []
        super().load_text(text)
