"""The drill's sitting state (services/drill.py) with an injected clock: no waiting, exact times."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from cskexam.core.srs import AGAIN, GOOD
from cskexam.services.drill import DrillSession
from cskexam.services.review import Reviewer
from cskexam.storage.models_review import ReviewLogRow

NOW = dt.datetime(2024, 5, 6, 1, 0, tzinfo=dt.timezone.utc)


class Ticks:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_a_sitting_counts_ratings_times_answers_and_undoes(library_db):
    ticks = Ticks()
    with Reviewer(library_db, clock=lambda: NOW) as reviewer:
        drill = DrillSession(reviewer, clock=ticks)
        first = drill.next()
        assert first is not None and drill.card == first and not drill.finished
        ticks.t += 2.5
        drill.answer(GOOD)
        second = drill.next()
        assert second is not None and second.id != first.id
        ticks.t += 4
        drill.answer(AGAIN)
        assert drill.reviewed == 2 and drill.remembered == 1 and drill.ratings[GOOD] == 1
        assert drill.minutes() == 6.5 / 60
        action, card = drill.undo()
        assert action.kind == "grade" and card.id == second.id and drill.card == card
        assert drill.reviewed == 1 and drill.ratings[AGAIN] == 0
    with library_db.session() as s:
        durations = [r.duration_ms for r in s.scalars(select(ReviewLogRow).where(ReviewLogRow.rating > 0))]
    assert durations == [2500]
