"""The review queue's rules over one open session: counts, next card, answer, undo, bury.

These functions take the caller's SQLAlchemy ``session`` and ``now`` (aware
UTC) so that other services (practice, exams, statistics) can use them inside
their own transactions. The UI and the CLI use ``cskexam.services.review.Reviewer``.

Queue order: learning/relearning cards that are due, then review cards due
this study day, then new cards (up to the daily limit, reset at 4 am local),
then learning cards due within the next 20 minutes (so that a session does not
end while a card answered 重来 a minute ago is about to come back).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from typing import Any, Callable, Sequence

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cskexam.core import srs
from cskexam.core.vocab import card_kind_label
from cskexam.core.srs import LEARNING, RELEARNING, RESCHEDULE, REVIEW, CardState, ReviewEvent, SrsSettings
from cskexam.core.studyday import day_bounds, next_day_start
from cskexam.errors import UserError
from cskexam.storage import review_answer_repo, review_repo
from cskexam.storage.profile_key import DEFAULT_PROFILE  # noqa: F401  (re-exported)

# The rules run on the caller's ORM session or, in the drill, on its own connection.
Executor = Session | Connection

LEARN_AHEAD = timedelta(minutes=20)
LEARNING_STATES = (LEARNING, RELEARNING)


@dataclass(frozen=True)
class DrillCard:
    id: str
    node_id: str
    kind: str
    front: str
    back: str
    state: CardState
    path: tuple[str, ...]  # titles from the document down to the card's node
    suspended: bool = False
    buried_until: dt.datetime | None = None

    @property
    def kind_label(self) -> str:
        return card_kind_label(self.kind)

    @property
    def state_label(self) -> str:
        return srs.STATE_LABELS[self.state.state]

    def path_text(self, sep: str = " › ") -> str:
        """The node's place without the (long) document title: 第一章… › 宏观环境分析."""
        parts = self.path[1:] if len(self.path) > 1 else self.path
        return sep.join(parts)


@dataclass(frozen=True)
class QueueCounts:
    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class Answered:
    log_id: int
    card_id: str
    rating: int
    before: CardState
    after: CardState
    at: dt.datetime
    became_leech: bool
    buried: tuple[str, ...] = ()  # the siblings this answer buried until the next study day

    @property
    def interval(self) -> timedelta:
        return (self.after.due or self.at) - self.at


# -- settings --------------------------------------------------------------------------

def get_settings(session: Executor, profile: str | None = None) -> SrsSettings:
    """The profile's settings (default: the session's profile)."""
    return settings_from(review_repo.load_settings(session, profile))


def settings_from(stored: dict | None) -> SrsSettings:
    """Settings as stored (a dict of the row, None without one)."""
    if not stored:
        return SrsSettings()
    try:
        return SrsSettings.from_dict(stored)
    except (TypeError, ValueError):
        return SrsSettings()  # settings written by a newer version: fall back to defaults


def set_settings(session: Executor, settings: SrsSettings, now: dt.datetime, profile: str | None = None) -> None:
    review_repo.save_settings(session, profile, settings.to_dict(), now)


# -- queue -------------------------------------------------------------------------------

def node_scope(session: Executor, node_id: str) -> list[str]:
    """The node and its descendants; UserError for an unknown node id."""
    if not review_repo.node_exists(session, node_id):
        raise UserError(f"没有这个知识点: {node_id}")
    return review_repo.subtree_ids(session, node_id)


def new_remaining_today(session: Executor, now: dt.datetime, settings: SrsSettings, tz: tzinfo | None = None) -> int:
    start, end = day_bounds(now, tz)
    return max(0, settings.daily_new_limit - review_repo.new_introduced_between(session, start, end))


def count_queue(
    session: Executor, now: dt.datetime, settings: SrsSettings, tz: tzinfo | None, node_ids: Sequence[str] | None,
) -> tuple[QueueCounts, int]:
    """The queue counts and today's unused new-card allowance (whole library)."""
    start, end = day_bounds(now, tz)
    # A drill of one node ignores the daily limit: count its new cards (there
    # are few); the whole library needs no more than the limit counted.
    cap = settings.daily_new_limit if node_ids is None else None
    f = review_repo.queue_figures(session, start, end, now, cap, node_ids)
    new_left = max(0, settings.daily_new_limit - f.introduced)
    new = min(f.new, new_left) if node_ids is None else f.new
    return QueueCounts(new=new, learning=f.learning, review=f.review), new_left


def queue_counts(
    session: Executor, now: dt.datetime, settings: SrsSettings, tz: tzinfo | None = None,
    node_ids: Sequence[str] | None = None,
) -> QueueCounts:
    """Cards left today. A drill of one node (``node_ids``) ignores the daily new limit."""
    return count_queue(session, now, settings, tz, node_ids)[0]


def next_card(
    session: Executor, now: dt.datetime, settings: SrsSettings, tz: tzinfo | None = None,
    node_ids: Sequence[str] | None = None, exclude: Sequence[str] = (),
) -> DrillCard | None:
    card_id = next_card_id(session, now, tz, node_ids, exclude, lambda: new_remaining_today(session, now, settings, tz))
    return card_info(session, card_id) if card_id else None


def next_card_id(
    session: Executor, now: dt.datetime, tz: tzinfo | None, node_ids: Sequence[str] | None, exclude: Sequence[str],
    new_left: Callable[[], int], counts: QueueCounts | None = None,
) -> str | None:
    """The queue order (see the module docstring). ``counts``, when known to be
    exact, lets empty parts of the queue be skipped without a query."""
    _, end = day_bounds(now, tz)
    ids: list[str] = []
    if counts is None or counts.learning:
        ids = review_repo.due_ids(session, LEARNING_STATES, now, now, 1, node_ids, exclude)
    if not ids and (counts is None or counts.review):
        ids = review_repo.due_ids(session, (REVIEW,), end, now, 1, node_ids, exclude)
    if not ids and (counts is None or counts.new):
        limit = 1 if node_ids is not None else min(1, new_left())
        ids = review_repo.new_ids(session, now, limit, node_ids, exclude)
    if not ids and (counts is None or counts.learning):
        ids = review_repo.due_ids(session, LEARNING_STATES, min(now + LEARN_AHEAD, end), now, 1, node_ids, exclude)
    return ids[0] if ids else None


def card_info(session: Executor, card_id: str) -> DrillCard:
    row = review_repo.get_card(session, card_id)
    if row is None:
        raise UserError(f"没有这张卡片: {card_id}")
    return drill_card(row, tuple(review_repo.node_path(session, row.node_id)))


def drill_card(row: Any, path: tuple[str, ...]) -> DrillCard:
    return DrillCard(
        id=row.id, node_id=row.node_id, kind=row.kind, front=row.front, back=row.back,
        state=review_repo.state_of(row), path=path, suspended=row.suspended, buried_until=row.buried_until,
    )


# -- answering -----------------------------------------------------------------------------

class _Conflict(Exception):
    """Another process changed the card between our read and our write."""


def answer(
    session: Executor, card_id: str, rating: int, now: dt.datetime, settings: SrsSettings,
    duration_ms: int | None = None,
) -> Answered:
    """Rate a card and write its new state and a log row (the caller commits)."""
    return answer_with_row(session, card_id, rating, now, settings, duration_ms)[0]


def answer_with_row(session: Executor, card_id: str, rating: int, now: dt.datetime, settings: SrsSettings,
            duration_ms: int | None) -> tuple[Answered, Any]:
    """``answer`` plus the card's row as read before the write (its queue flags)."""
    if rating not in srs.RATINGS:
        raise UserError(f"评分须为 1–4（重来/困难/良好/简单），收到 {rating!r}")
    for _attempt in range(5):
        # Locked (PostgreSQL; SQLite's write lock covers the whole transaction):
        # a second device answering the same card waits, then answers on top.
        row = review_repo.get_card_state(session, card_id, for_update=True)
        if row is None:
            raise UserError(f"没有这张卡片: {card_id}")
        values, log, out = plan_answer(row, card_id, rating, now, settings, duration_ms)
        # Core rows are not cached: a failed compare-and-set re-reads the card
        # another process just answered on the next turn of the loop.
        if review_repo.write_state(session, card_id, row.version, values):
            log_id = review_repo.add_log(session, **log)
            return answered(log_id, card_id, rating, out), row
    raise _Conflict(card_id)


def plan_answer(row: Any, card_id: str, rating: int, now: dt.datetime, settings: SrsSettings,
                duration_ms: int | None) -> tuple[dict, dict, srs.Outcome]:
    """The card's new columns and its log row for an answer given to the state in ``row``."""
    before = review_repo.state_of(row)
    if before.last_review is not None and before.last_review > now:
        # The other device's answer, applied first, was timed a moment
        # later: this one counts from it, so that the log in time order
        # replays to the state stored.
        now = before.last_review
    out = srs.review(before, rating, now, settings, card_key=card_id)
    values = review_repo.state_values(out.after)
    if out.became_leech:
        values["suspended"] = True
    log = dict(
        card_id=card_id, rating=rating, reviewed_at=out.at, duration_ms=duration_ms, state_before=before.state,
        state_after=out.after.state, due_after=out.after.due, reason=None,
        before={**before.to_dict(), "suspended": row.suspended},
    )
    return values, log, out


def answered(log_id: int, card_id: str, rating: int, out: srs.Outcome, buried: Sequence[str] = ()) -> Answered:
    return Answered(log_id, card_id, rating, out.before, out.after, out.at, out.became_leech, tuple(buried))


def undo(session: Executor, log_id: int) -> str:
    """Take back one answer: the card gets its state before it. Returns the card id."""
    log = review_repo.get_log(session, log_id)
    if log is None:
        raise UserError("没有可撤销的作答")
    if review_repo.last_log_id(session, log.card_id) != log_id:
        raise UserError("这张卡片之后又有作答，只能撤销最近一次")
    data = dict(log.before)
    state = CardState.from_dict(data)
    row = review_repo.get_card(session, log.card_id)
    if row is None:
        raise UserError(f"没有这张卡片: {log.card_id}")
    values = review_repo.state_values(state)
    values["suspended"] = bool(data.get("suspended", row.suspended))
    review_repo.write_state(session, log.card_id, row.version, values)
    review_repo.delete_log(session, log_id)
    return log.card_id


def undo_last(session: Executor) -> str:
    log_id = review_repo.last_log_id(session)
    if log_id is None:
        raise UserError("没有可撤销的作答")
    return undo(session, log_id)


def suspend(session: Executor, card_id: str, suspended: bool = True) -> None:
    if not review_repo.set_flags(session, [card_id], suspended=suspended):
        raise UserError(f"没有这张卡片: {card_id}")


def bury(session: Executor, card_id: str, now: dt.datetime, tz: tzinfo | None = None) -> dt.datetime:
    """Hide a card until the next study day starts (4 am local); returns that time."""
    until = next_day_start(now, tz)
    if not review_repo.set_flags(session, [card_id], buried_until=until):
        raise UserError(f"没有这张卡片: {card_id}")
    return until


def leeches(session: Executor) -> list[DrillCard]:
    return [card_info(session, row.id) for row in review_repo.leech_cards(session)]


def schedule_node(session: Executor, node_id: str, now: dt.datetime, reason: str = "wrong_answer") -> int:
    """Make sure the node's cards are in the review queue, due now (contract F).

    Used by practice and exams for wrong answers. A new card starts learning
    now (outside the daily new limit); a buried card is unburied; a card the
    user suspended stays suspended. The change is logged (rating 0) so that
    replaying the log still reproduces every card. Returns the cards touched.
    """
    touched = 0
    on_server = _dialect(session) == "postgresql"
    for row in review_repo.cards_of_nodes(session, [node_id]):
        if row.suspended:
            continue
        before = review_repo.state_of(row)
        after = srs.reschedule_now(before, now)
        if after == before and row.buried_until is None:
            continue
        values = review_repo.state_values(after)
        values["buried_until"] = None
        log = dict(
            card_id=row.id, rating=RESCHEDULE, reviewed_at=now.astimezone(timezone.utc), duration_ms=None,
            state_before=before.state, state_after=after.state, due_after=after.due, reason=reason[:32],
            before={**before.to_dict(), "suspended": row.suspended},
        )
        if on_server:
            # The card's compare-and-set and its log row in one statement (one round trip).
            if review_answer_repo.answer_at_once(session, row.id, row.version, values, None, log) is not None:
                touched += 1
        elif review_repo.write_state(session, row.id, row.version, values):
            review_repo.add_log(session, **log)
            touched += 1
    return touched


def _dialect(session: Executor) -> str:
    bind = session.get_bind() if isinstance(session, Session) else session
    return bind.dialect.name


def schedule_nodes_within_limits(
    session: Session, node_ids: Sequence[str], now: dt.datetime, *, tz: tzinfo | None = None,
    reason: str = "exam",
) -> tuple[int, int]:
    """The cards of wrongly answered key points, the day's new-card allowance at a time.

    After a mock exam: the key points missed first (in ``node_ids`` order) join
    today's queue while today's unused new-card allowance lasts; the others are
    put in the queue too but buried until following study days, a day's
    allowance a day, so one exam never floods the queue. Returns (cards due
    today, cards put on later days).
    """
    settings = get_settings(session)
    left = new_remaining_today(session, now, settings, tz)
    per_day = max(1, settings.daily_new_limit)
    today = later = 0
    day = 0
    for node_id in dict.fromkeys(n for n in node_ids if n):
        touched = [r.id for r in review_repo.cards_of_nodes(session, [node_id]) if not r.suspended]
        if not touched:
            continue
        if left <= 0:
            day, left = day + 1, per_day
        schedule_node(session, node_id, now, reason=reason)
        left -= len(touched)
        if day == 0:
            today += len(touched)
        else:
            start = next_day_start(now + timedelta(days=day - 1), tz)
            review_repo.set_flags(session, touched, buried_until=start)
            later += len(touched)
    return today, later


def replay_card(session: Executor, card_id: str, settings: SrsSettings) -> CardState:
    """The card's state rebuilt from its review log alone."""
    events = [ReviewEvent(r.rating, r.reviewed_at) for r in review_repo.logs_of(session, card_id)]
    return srs.replay(events, settings, card_key=card_id)
