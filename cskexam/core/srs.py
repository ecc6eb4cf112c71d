"""A thin adapter over the ``fsrs`` package (FSRS-6), the only scheduler we use.

What this module adds to fsrs:

* ``CardState``: the scheduling state as a plain value with a ``new`` state
  (fsrs has none: its fresh card is 'learning, step 0, never reviewed') and
  the reps/lapses counters fsrs 6 no longer keeps.
* ``SrsSettings``: the per-profile settings, validated, JSON-friendly.
* Deterministic fuzz. fsrs fuzzes with the global ``random``; here the fuzz is
  drawn from a generator seeded with the card key and its review number, so
  replaying the review log reproduces every due date exactly.
* ``preview``: the interval each rating would give, for the rating buttons.
* ``replay``: rebuild a card's state from its review log (the source of truth).
* Leeches: a card that lapses ``leech_lapses`` times (default 8) is flagged.
* Ordered intervals: whenever a rating sends the card to review, its interval
  is longer than the next lower rating's (困难 < 良好 < 简单), as Anki enforces.
  fsrs rounds each rating's interval on its own, so a learning card could get
  1天 for both 良好 and 简单.
"""

from __future__ import annotations

import functools
import hashlib
import math
import random
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler
from fsrs import State as FsrsState

NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
STATE_LABELS = {NEW: "新卡", LEARNING: "学习中", REVIEW: "复习", RELEARNING: "重学"}

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = (AGAIN, HARD, GOOD, EASY)
RATING_LABELS = {AGAIN: "重来", HARD: "困难", GOOD: "良好", EASY: "简单"}
# A log entry that is not an answer: the card was put back in the queue, due
# now (a wrong answer in practice or an exam). Replay honours it too.
RESCHEDULE = 0
# A log entry that forgets the card: it is new again (reset from the card browser).
RESET = -1


# Bounds a candidate can mean: beyond them a date overflows or the number is a typo.
MAX_NEW_PER_DAY = 9999
MAX_INTERVAL_DAYS = 36500
MAX_STEP_SECONDS = 365 * 86400
MAX_LEECH_LAPSES = 99


@dataclass(frozen=True)
class SrsSettings:
    learning_steps: tuple[int, ...] = (60, 600)  # seconds
    relearning_steps: tuple[int, ...] = (600,)
    desired_retention: float = 0.9
    daily_new_limit: int = 20
    maximum_interval: int = 36500  # days
    enable_fuzzing: bool = True
    leech_lapses: int = 8
    # Answering a card in the drill buries its siblings (the other cards of its
    # key point, new or due today) until the next study day (Anki's bury siblings).
    bury_siblings: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "learning_steps", tuple(int(s) for s in self.learning_steps))
        object.__setattr__(self, "relearning_steps", tuple(int(s) for s in self.relearning_steps))
        problems = self.problems()
        if problems:
            raise ValueError("；".join(problems))

    def problems(self) -> list[str]:
        out = []
        if not 0.7 <= self.desired_retention <= 0.99:
            out.append(f"目标记忆保持率须在 0.70–0.99 之间（现为 {self.desired_retention}）")
        if self.daily_new_limit < 0:
            out.append("每日新卡上限不能为负数")
        elif self.daily_new_limit > MAX_NEW_PER_DAY:
            out.append(f"每日新卡上限最多 {MAX_NEW_PER_DAY} 张（现为 {self.daily_new_limit}）")
        if not 1 <= self.maximum_interval <= MAX_INTERVAL_DAYS:
            out.append(f"最大间隔须在 1–{MAX_INTERVAL_DAYS} 天之间（现为 {self.maximum_interval}）")
        steps = (*self.learning_steps, *self.relearning_steps)
        if any(s <= 0 for s in steps):
            out.append("学习步长须为正数（秒）")
        elif any(s > MAX_STEP_SECONDS for s in steps):
            out.append("学习步长最长 1 年")
        if not 1 <= self.leech_lapses <= MAX_LEECH_LAPSES:
            out.append(f"记忆难点（leech）阈值须在 1–{MAX_LEECH_LAPSES} 次之间")
        return out

    def to_dict(self) -> dict:
        data = asdict(self)
        data["learning_steps"] = list(self.learning_steps)
        data["relearning_steps"] = list(self.relearning_steps)
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> "SrsSettings":
        """Settings from stored values; a value out of range (stored by an older
        release or edited by hand) falls back to its default, so reviews still run."""
        known = {f for f in cls.__dataclass_fields__}
        fields = {k: v for k, v in data.items() if k in known}
        try:
            return cls(**fields)
        except (ValueError, TypeError):
            kept: dict[str, Any] = {}
            for key, value in fields.items():
                try:
                    cls(**{**kept, key: value})
                except (ValueError, TypeError):
                    continue
                kept[key] = value
            return cls(**kept)


@dataclass(frozen=True)
class CardState:
    state: int = NEW
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None  # None while new: new cards are ordered, not dated
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    leech: bool = False

    @property
    def is_new(self) -> bool:
        return self.state == NEW

    def to_dict(self) -> dict:
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": self.due.isoformat() if self.due else None,
            "last_review": self.last_review.isoformat() if self.last_review else None,
            "reps": self.reps,
            "lapses": self.lapses,
            "leech": self.leech,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> "CardState":
        def when(value):
            return datetime.fromisoformat(value).astimezone(timezone.utc) if value else None

        return cls(
            state=int(data.get("state", NEW)),
            step=data.get("step"),
            stability=data.get("stability"),
            difficulty=data.get("difficulty"),
            due=when(data.get("due")),
            last_review=when(data.get("last_review")),
            reps=int(data.get("reps", 0)),
            lapses=int(data.get("lapses", 0)),
            leech=bool(data.get("leech", False)),
        )


@dataclass(frozen=True)
class ReviewEvent:
    """One entry of a card's review log: a rating 1–4, or RESCHEDULE."""

    rating: int
    at: datetime


@dataclass(frozen=True)
class Outcome:
    before: CardState
    after: CardState
    rating: int
    at: datetime
    became_leech: bool = False

    @property
    def interval(self) -> timedelta:
        return (self.after.due or self.at) - self.at


@functools.lru_cache(maxsize=16)
def scheduler_for(settings: SrsSettings) -> Scheduler:
    """The fsrs scheduler for these settings; fuzz is applied here, not by fsrs."""
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=[timedelta(seconds=s) for s in settings.learning_steps],
        relearning_steps=[timedelta(seconds=s) for s in settings.relearning_steps],
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=False,
    )


def _utc(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("naive datetime; pass an aware UTC datetime")
    return at.astimezone(timezone.utc)


def _fsrs_id(card_key: str) -> int:
    return int(hashlib.sha1(card_key.encode("utf-8")).hexdigest()[:12], 16)


def _to_fsrs(state: CardState, card_key: str, at: datetime) -> FsrsCard:
    if state.state == NEW:
        return FsrsCard(card_id=_fsrs_id(card_key), state=FsrsState.Learning, step=0, due=at)
    return FsrsCard(
        card_id=_fsrs_id(card_key),
        state=FsrsState(state.state),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due or at,
        last_review=state.last_review,
    )


# FSRS's fuzz (as in Anki): an interval of d days moves by up to 1 day plus these
# fractions of the days that fall in each range. fsrs itself draws the fuzz from the
# global random generator, which a replay of the review log cannot repeat.
FUZZ_RANGES: tuple[dict[str, float], ...] = (
    {"start": 2.5, "end": 7.0, "factor": 0.15},
    {"start": 7.0, "end": 20.0, "factor": 0.1},
    {"start": 20.0, "end": math.inf, "factor": 0.05},
)


def fuzz_days(days: int, rng: random.Random, maximum_interval: int) -> int:
    """FSRS's fuzz of an interval of ``days``, drawn from ``rng`` so that a replay draws the same."""
    if days < 2.5:
        return days
    delta = 1.0
    for r in FUZZ_RANGES:
        delta += r["factor"] * max(min(float(days), r["end"]) - r["start"], 0.0)
    lo = max(2, round(days - delta))
    hi = min(round(days + delta), maximum_interval)
    lo = min(lo, hi)
    return min(round(rng.random() * (hi - lo + 1) + lo), maximum_interval)


def fuzz_rng(card_key: str, reps: int) -> random.Random:
    """The generator for a card's n-th review: the same on every replay."""
    return random.Random(f"{card_key}:{reps}")


def _answers(card: FsrsCard, at: datetime, settings: SrsSettings) -> dict[int, FsrsCard]:
    """What each rating would make of ``card`` at ``at``, intervals ordered.

    A rating that lands in review gets at least one day more than the next
    lower rating when that one lands in review too, and at least one day.
    """
    sched = scheduler_for(settings)
    out = {r: sched.review_card(card, Rating(r), at)[0] for r in RATINGS}
    floor = 0
    for rating in RATINGS:
        after = out[rating]
        if after.state != FsrsState.Review:
            continue
        days = max((after.due - at).days, floor + 1, 1)
        days = min(days, settings.maximum_interval)
        if days != (after.due - at).days:
            out[rating] = replace(after, due=at + timedelta(days=days))
        floor = days
    return out


def _due(card: FsrsCard, at: datetime, settings: SrsSettings, rng: random.Random) -> datetime:
    """When ``card`` (just answered at ``at``) is due, with the fuzz when it goes to review."""
    if not (settings.enable_fuzzing and card.state == FsrsState.Review):
        return card.due
    days = (card.due - at).days
    return at + timedelta(days=fuzz_days(days, rng, settings.maximum_interval))


def review(
    state: CardState,
    rating: int,
    at: datetime,
    settings: SrsSettings,
    card_key: str = "",
    rng: random.Random | None = None,
) -> Outcome:
    """Answer a card: the state after rating it ``rating`` (1–4) at ``at``.

    ``rng`` draws the fuzz; by default it is seeded from ``card_key`` and the
    review number so that ``replay`` gives the very same due date.
    """
    if rating not in RATINGS:
        raise ValueError(f"rating must be 1–4, got {rating!r}")
    at = _utc(at)
    card = _answers(_to_fsrs(state, card_key, at), at, settings)[rating]
    due = _due(card, at, settings, rng or fuzz_rng(card_key, state.reps))
    lapses = state.lapses + (1 if rating == AGAIN and state.state == REVIEW else 0)
    leech = state.leech or lapses >= settings.leech_lapses
    after = CardState(
        state=int(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=due,
        last_review=card.last_review,
        reps=state.reps + 1,
        lapses=lapses,
        leech=leech,
    )
    return Outcome(before=state, after=after, rating=rating, at=at, became_leech=leech and not state.leech)


def reschedule_now(state: CardState, at: datetime) -> CardState:
    """Put a card in the queue, due at ``at`` (a new card starts learning)."""
    at = _utc(at)
    if state.state == NEW:
        return replace(state, state=LEARNING, step=0, due=at)
    if state.due is not None and state.due <= at:
        return state
    return replace(state, due=at)


def apply(state: CardState, event: ReviewEvent, settings: SrsSettings, card_key: str = "") -> CardState:
    if event.rating == RESCHEDULE:
        return reschedule_now(state, event.at)
    if event.rating == RESET:
        return CardState()
    return review(state, event.rating, event.at, settings, card_key).after


def replay(events: Iterable[ReviewEvent], settings: SrsSettings, card_key: str = "") -> CardState:
    """A card's state rebuilt from its log, in order of time (ties keep log order)."""
    state = CardState()
    for event in sorted(events, key=lambda e: _utc(e.at)):
        state = apply(state, event, settings, card_key)
    return state


def preview(state: CardState, at: datetime, settings: SrsSettings, card_key: str | None = None) -> dict[int, timedelta]:
    """The interval each rating would give now (what the buttons show).

    With ``card_key`` the fuzz is the very one ``review`` will draw for this
    card, so the interval shown is the interval recorded; without it, none.
    """
    at = _utc(at)
    answers = _answers(_to_fsrs(state, card_key or "preview", at), at, settings)
    if card_key is None:
        return {rating: after.due - at for rating, after in answers.items()}
    # each rating draws from a fresh generator, as review() does
    return {rating: _due(after, at, settings, fuzz_rng(card_key, state.reps)) - at
            for rating, after in answers.items()}


def retrievability(state: CardState, at: datetime, settings: SrsSettings) -> float:
    """The predicted chance of recalling the card at ``at`` (0 for a new card)."""
    if state.state == NEW or state.stability is None or state.last_review is None:
        return 0.0
    return scheduler_for(settings).get_card_retrievability(_to_fsrs(state, "r", _utc(at)), _utc(at))


def format_interval(delta: timedelta) -> str:
    """'<1分钟', '10分钟', '3小时', '2天', '1.5月', '1.3年'."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1分钟"
    minutes = seconds / 60
    if minutes < 60:
        return f"{math.floor(minutes + 0.5)}分钟"
    hours = minutes / 60
    if hours < 24:
        return f"{math.floor(hours + 0.5)}小时"
    days = hours / 24
    if days < 30:
        return f"{math.floor(days + 0.5)}天"
    if days < 365:
        months = days / 30
        return f"{months:.1f}月".replace(".0月", "月")
    years = days / 365
    return f"{years:.1f}年".replace(".0年", "年")
