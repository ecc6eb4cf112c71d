"""Constants and small helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
import time
import tracemalloc

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


def bounded(fn, seconds: float = 3.0, megabytes: int = 100):
    """Run ``fn`` and assert it stayed within ``seconds`` of CPU time (a busy machine
    must not fail it) and ``megabytes`` of traced memory; return its result."""
    tracemalloc.start()
    start = time.process_time()
    try:
        result = fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.process_time() - start < seconds
    assert peak < megabytes * 2**20
    return result
