"""Constants and small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt

# The moment most tests happen at: a Saturday morning, UTC.
T0 = dt.datetime(2025, 3, 1, 8, 0, tzinfo=dt.timezone.utc)


class StepClock:
    """A clock that moves on by ``step`` every time it is read, starting after ``start``."""

    def __init__(self, start: dt.datetime = T0, step: dt.timedelta = dt.timedelta(seconds=1)):
        self.t = start
        self.step = step

    def __call__(self) -> dt.datetime:
        self.t += self.step
        return self.t
