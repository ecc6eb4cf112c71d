"""Study statistics as pure functions over plain values (no storage, no UI).

Days are study days (rolling over at 4 am local, see ``studyday``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Iterable

from cskexam.core.srs import AGAIN, NEW, REVIEW
from cskexam.core.studyday import study_day

MATURE_DAYS = 21.0  # stability from which a card counts as mastered, as Anki's 'mature'


@dataclass(frozen=True)
class Retention:
    passed: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.total if self.total else None

    def to_dict(self) -> dict:
        return {"passed": self.passed, "total": self.total, "rate": self.rate}


@dataclass(frozen=True)
class Mastery:
    """How well one document (or chapter) is known."""

    id: str
    title: str
    cards: int
    new: int
    learning: int  # learning or relearning
    review: int
    mature: int
    recall: float  # mean predicted recall now; new cards count as 0

    @property
    def mastered(self) -> float:
        return self.mature / self.cards if self.cards else 0.0

    def to_dict(self) -> dict:
        return {
            "id": self.id, "title": self.title, "cards": self.cards, "new": self.new, "learning": self.learning,
            "review": self.review, "mature": self.mature, "mastered": round(self.mastered, 4),
            "recall": round(self.recall, 4),
        }


def daily_counts(times: Iterable[datetime], today: date, days: int, tz: tzinfo | None = None) -> list[tuple[date, int]]:
    """Reviews per study day for the ``days`` days ending with ``today`` (zeros included)."""
    first = today - timedelta(days=days - 1)
    counts = Counter(d for d in (study_day(t, tz) for t in times) if first <= d <= today)
    return [(first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in range(days)]


def streak(days_studied: Iterable[date], today: date) -> int:
    """Consecutive study days with at least one review, up to today (or yesterday if not yet today)."""
    studied = set(days_studied)
    day = today if today in studied else today - timedelta(days=1)
    n = 0
    while day in studied:
        n += 1
        day -= timedelta(days=1)
    return n


def forecast(dues: Iterable[datetime], now: datetime, days: int = 30, tz: tzinfo | None = None) -> list[tuple[date, int]]:
    """Cards due per study day for the next ``days`` days; overdue cards count today."""
    today = study_day(now, tz)
    counts: Counter = Counter()
    for due in dues:
        day = max(study_day(due, tz), today)
        if (day - today).days < days:
            counts[day] += 1
    return [(today + timedelta(days=i), counts.get(today + timedelta(days=i), 0)) for i in range(days)]


def true_retention(answers: Iterable[tuple[int, int]]) -> Retention:
    """Share of reviews of cards in the review state that were not 重来 (rating, state before)."""
    passed = total = 0
    for rating, state_before in answers:
        if state_before != REVIEW:
            continue
        total += 1
        passed += rating != AGAIN
    return Retention(passed, total)


def mastery(groups: dict[tuple[str, str], list[tuple[int, float | None, float]]]) -> list[Mastery]:
    """Per group (id, title): cards as (state, stability, predicted recall now)."""
    out = []
    for (gid, title), cards in groups.items():
        states = Counter(state for state, _, _ in cards)
        mature = sum(1 for state, stab, _ in cards if state == REVIEW and (stab or 0) >= MATURE_DAYS)
        recall = sum(r for _, _, r in cards) / len(cards) if cards else 0.0
        out.append(Mastery(
            id=gid, title=title, cards=len(cards), new=states.get(NEW, 0),
            learning=len(cards) - states.get(NEW, 0) - states.get(REVIEW, 0), review=states.get(REVIEW, 0),
            mature=mature, recall=recall,
        ))
    return out


@dataclass(frozen=True)
class HeatCell:
    day: date
    count: int
    level: int  # 0 none, 1–4 light to heavy, relative to the busiest day shown


def heat_level(count: int, peak: int) -> int:
    """GitHub-style intensity: 0 for no review, else 1–4 in quarters of the peak."""
    if count <= 0 or peak <= 0:
        return 0
    return min(4, max(1, -(-4 * count // peak)))


def heatmap(per_day: Iterable[tuple[date, int]], today: date, weeks: int) -> list[list[HeatCell | None]]:
    """A calendar of the last ``weeks`` weeks: one column per week, Monday to Sunday.

    The last column is the week of ``today``; days after today, and days
    before the data starts, are None. Levels are relative to the busiest day
    in view, so a light week next to a heavy one still shows.
    """
    counts = dict(per_day)
    first = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    days = [first + timedelta(days=i) for i in range(weeks * 7)]
    peak = max((counts.get(d, 0) for d in days if d <= today), default=0)
    columns: list[list[HeatCell | None]] = []
    for w in range(weeks):
        column: list[HeatCell | None] = []
        for d in days[w * 7:(w + 1) * 7]:
            if d > today or d not in counts:
                column.append(None)
            else:
                column.append(HeatCell(d, counts[d], heat_level(counts[d], peak)))
        columns.append(column)
    return columns
