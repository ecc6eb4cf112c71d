"""One sitting at the review drill: the card shown, the ratings given, studying ahead, the time taken.

``DrillSession`` wraps a ``Reviewer`` (which keeps the queue and commits every
answer) with what the screen used to track by itself: which card is up, how
many were rated how, whether the candidate went on to cards due in the next
days, and how long the sitting and each card took. The clock is injected
(monotonic seconds), so a test can replay a sitting without waiting.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import TYPE_CHECKING, Callable

from cskexam.core.srs import AGAIN

if TYPE_CHECKING:
    from cskexam.services.review import Answered, DrillAction, DrillCard, Reviewer

AHEAD_DAYS = 7  # studying ahead: cards due within this many days, each once


class DrillSession:
    def __init__(self, reviewer: Reviewer, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.reviewer = reviewer
        self.clock = clock
        self.card: DrillCard | None = None
        self.finished = False
        self.ratings: Counter[int] = Counter()
        self.ahead_days: int | None = None  # set once the candidate studies ahead
        self.ahead_done: set[str] = set()
        self.started = clock()
        self._shown_at = self.started

    def next(self) -> DrillCard | None:
        """The next card (a card due ahead once studying ahead); None, and finished, when there is none."""
        card = self.reviewer.next_card()
        if card is None and self.ahead_days is not None:
            card = self.reviewer.next_ahead(self.ahead_days, exclude=sorted(self.ahead_done))
        self.show(card)
        return card

    def show(self, card: DrillCard | None) -> None:
        self.card = card
        self.finished = card is None
        self._shown_at = self.clock()

    def answer(self, rating: int) -> Answered:
        """Rate the card shown (the time since it was shown goes with the answer)."""
        assert self.card is not None
        elapsed = int((self.clock() - self._shown_at) * 1000)
        result = self.reviewer.answer(self.card.id, rating, duration_ms=elapsed)
        self.ratings[rating] += 1
        if self.ahead_days is not None:
            self.ahead_done.add(self.card.id)
        return result

    def undo(self) -> tuple[DrillAction, DrillCard]:
        """Take back the last action of this drill and show its card again."""
        action, card = self.reviewer.undo_last()
        if action.kind == "grade" and action.rating is not None:
            self.ratings[action.rating] -= 1
        self.show(card)
        return action, card

    def study_ahead(self) -> DrillCard | None:
        """Go on with cards due in the next ``AHEAD_DAYS`` days (Anki's custom study)."""
        self.ahead_days = AHEAD_DAYS
        return self.next()

    def ahead_left(self) -> int:
        """Cards that studying ahead would still bring."""
        return self.reviewer.ahead_count(AHEAD_DAYS) - len(self.ahead_done)

    @property
    def reviewed(self) -> int:
        return sum(self.ratings.values())

    @property
    def remembered(self) -> int:
        return self.reviewed - self.ratings[AGAIN]

    def minutes(self) -> float:
        return (self.clock() - self.started) / 60
