"""The review loop: what to drill next, answering, undo, suspend, bury, leeches.

Functions take the caller's SQLAlchemy ``session`` and ``now`` (aware UTC), as
the other services do; ``Reviewer`` wraps them for the UI and the CLI, one
transaction per action, so every answer (card state + log row) is committed
before the next card is asked for.

Queue order: learning/relearning cards that are due, then review cards due
this study day, then new cards (up to the daily limit, reset at 4 am local),
then learning cards due within the next 20 minutes (so that a session does not
end while a card answered 重来 a minute ago is about to come back).
"""

from __future__ import annotations

import datetime as dt
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from typing import Callable, Iterator, Sequence

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from cskexam.core import srs
from cskexam.core.cards import KIND_LABELS
from cskexam.core.srs import LEARNING, NEW, RELEARNING, RESCHEDULE, REVIEW, CardState, ReviewEvent, SrsSettings
from cskexam.core.studyday import day_bounds, next_day_start
from cskexam.errors import UserError
from cskexam.storage import review_repo
from cskexam.storage.profile_key import DEFAULT_PROFILE

LEARN_AHEAD = timedelta(minutes=20)
_LEARNING_STATES = (LEARNING, RELEARNING)


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
        return KIND_LABELS.get(self.kind, self.kind)

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

    @property
    def interval(self) -> timedelta:
        return (self.after.due or self.at) - self.at


# -- settings --------------------------------------------------------------------------

def get_settings(session: Session, profile: str | None = None) -> SrsSettings:
    """The profile's settings (default: the session's profile)."""
    stored = review_repo.load_settings(session, profile)
    if not stored:
        return SrsSettings()
    try:
        return SrsSettings.from_dict(stored)
    except (TypeError, ValueError):
        return SrsSettings()  # settings written by a newer version: fall back to defaults


def set_settings(session: Session, settings: SrsSettings, now: dt.datetime, profile: str | None = None) -> None:
    review_repo.save_settings(session, profile, settings.to_dict(), now)


# -- queue -------------------------------------------------------------------------------

def node_scope(session: Session, node_id: str) -> list[str]:
    """The node and its descendants; UserError for an unknown node id."""
    if not review_repo.node_exists(session, node_id):
        raise UserError(f"没有这个知识点: {node_id}")
    return review_repo.subtree_ids(session, node_id)


def new_remaining_today(session: Session, now: dt.datetime, settings: SrsSettings, tz: tzinfo | None = None) -> int:
    start, end = day_bounds(now, tz)
    return max(0, settings.daily_new_limit - review_repo.new_introduced_between(session, start, end))


def _count_queue(
    session: Session, now: dt.datetime, settings: SrsSettings, tz: tzinfo | None, node_ids: Sequence[str] | None,
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
    session: Session, now: dt.datetime, settings: SrsSettings, tz: tzinfo | None = None,
    node_ids: Sequence[str] | None = None,
) -> QueueCounts:
    """Cards left today. A drill of one node (``node_ids``) ignores the daily new limit."""
    return _count_queue(session, now, settings, tz, node_ids)[0]


def next_card(
    session: Session, now: dt.datetime, settings: SrsSettings, tz: tzinfo | None = None,
    node_ids: Sequence[str] | None = None, exclude: Sequence[str] = (),
) -> DrillCard | None:
    card_id = _next_card_id(session, now, tz, node_ids, exclude, lambda: new_remaining_today(session, now, settings, tz))
    return card_info(session, card_id) if card_id else None


def _next_card_id(
    session: Session, now: dt.datetime, tz: tzinfo | None, node_ids: Sequence[str] | None, exclude: Sequence[str],
    new_left: Callable[[], int], counts: QueueCounts | None = None,
) -> str | None:
    """The queue order (see the module docstring). ``counts``, when known to be
    exact, lets empty parts of the queue be skipped without a query."""
    _, end = day_bounds(now, tz)
    ids: list[str] = []
    if counts is None or counts.learning:
        ids = review_repo.due_ids(session, _LEARNING_STATES, now, now, 1, node_ids, exclude)
    if not ids and (counts is None or counts.review):
        ids = review_repo.due_ids(session, (REVIEW,), end, now, 1, node_ids, exclude)
    if not ids and (counts is None or counts.new):
        limit = 1 if node_ids is not None else min(1, new_left())
        ids = review_repo.new_ids(session, now, limit, node_ids, exclude)
    if not ids and (counts is None or counts.learning):
        ids = review_repo.due_ids(session, _LEARNING_STATES, min(now + LEARN_AHEAD, end), now, 1, node_ids, exclude)
    return ids[0] if ids else None


def card_info(session: Session, card_id: str) -> DrillCard:
    row = review_repo.get_card(session, card_id)
    if row is None:
        raise UserError(f"没有这张卡片: {card_id}")
    return _drill_card(row, tuple(review_repo.node_path(session, row.node_id)))


def _drill_card(row, path: tuple[str, ...]) -> DrillCard:
    return DrillCard(
        id=row.id, node_id=row.node_id, kind=row.kind, front=row.front, back=row.back,
        state=review_repo.state_of(row), path=path, suspended=row.suspended, buried_until=row.buried_until,
    )


# -- answering -----------------------------------------------------------------------------

class _Conflict(Exception):
    """Another process changed the card between our read and our write."""


def answer(
    session: Session, card_id: str, rating: int, now: dt.datetime, settings: SrsSettings,
    duration_ms: int | None = None,
) -> Answered:
    """Rate a card and write its new state and a log row (the caller commits)."""
    return _answer(session, card_id, rating, now, settings, duration_ms)[0]


def _answer(session, card_id: str, rating: int, now: dt.datetime, settings: SrsSettings,
            duration_ms: int | None) -> tuple[Answered, object]:
    """``answer`` plus the card's row as read before the write (its queue flags).

    Two devices of one profile answering the same card both count, one after
    the other: the row is locked (PostgreSQL; SQLite's write lock covers the
    whole transaction) and the version compare-and-set catches any other
    writer, so the second answer is applied to the state the first left.
    """
    if rating not in srs.RATINGS:
        raise UserError(f"评分须为 1–4（重来/困难/良好/简单），收到 {rating!r}")
    for _attempt in range(5):
        row = review_repo.get_card_state(session, card_id, for_update=True)
        if row is None:
            raise UserError(f"没有这张卡片: {card_id}")
        before = review_repo.state_of(row)
        out = srs.review(before, rating, now, settings, card_key=card_id)
        values = review_repo.state_values(out.after)
        if out.became_leech:
            values["suspended"] = True
        undo_data = {**before.to_dict(), "suspended": row.suspended}
        # Core rows are not cached: a failed compare-and-set re-reads the card
        # another process just answered on the next turn of the loop.
        if review_repo.write_state(session, card_id, row.version, values):
            log_id = review_repo.add_log(
                session, card_id=card_id, rating=rating, reviewed_at=out.at, duration_ms=duration_ms,
                state_before=before.state, state_after=out.after.state, due_after=out.after.due, reason=None,
                before=undo_data,
            )
            return Answered(log_id, card_id, rating, before, out.after, out.at, out.became_leech), row
    raise _Conflict(card_id)


def undo(session: Session, log_id: int) -> str:
    """Take back one answer: the card gets its state before it. Returns the card id."""
    log = review_repo.get_log(session, log_id)
    if log is None:
        raise UserError("没有可撤销的作答")
    if review_repo.last_log_id(session, log.card_id) != log_id:
        raise UserError("这张卡片之后又有作答，只能撤销最近一次")
    data = dict(log.before)
    state = CardState.from_dict(data)
    row = review_repo.get_card(session, log.card_id)
    values = review_repo.state_values(state)
    values["suspended"] = bool(data.get("suspended", row.suspended))
    review_repo.write_state(session, log.card_id, row.version, values)
    review_repo.delete_log(session, log_id)
    return log.card_id


def undo_last(session: Session) -> str:
    log_id = review_repo.last_log_id(session)
    if log_id is None:
        raise UserError("没有可撤销的作答")
    return undo(session, log_id)


def suspend(session: Session, card_id: str, suspended: bool = True) -> None:
    if not review_repo.set_flags(session, [card_id], suspended=suspended):
        raise UserError(f"没有这张卡片: {card_id}")


def bury(session: Session, card_id: str, now: dt.datetime, tz: tzinfo | None = None) -> dt.datetime:
    """Hide a card until the next study day starts (4 am local); returns that time."""
    until = next_day_start(now, tz)
    if not review_repo.set_flags(session, [card_id], buried_until=until):
        raise UserError(f"没有这张卡片: {card_id}")
    return until


def leeches(session: Session) -> list[DrillCard]:
    return [card_info(session, row.id) for row in review_repo.leech_cards(session)]


def schedule_node(session: Session, node_id: str, now: dt.datetime, reason: str = "wrong_answer") -> int:
    """Make sure the node's cards are in the review queue, due now (contract F).

    Used by practice and exams for wrong answers. A new card starts learning
    now (outside the daily new limit); a buried card is unburied; a card the
    user suspended stays suspended. The change is logged (rating 0) so that
    replaying the log still reproduces every card. Returns the cards touched.
    """
    touched = 0
    for row in review_repo.cards_of_nodes(session, [node_id]):
        if row.suspended:
            continue
        before = review_repo.state_of(row)
        after = srs.reschedule_now(before, now)
        if after == before and row.buried_until is None:
            continue
        values = review_repo.state_values(after)
        values["buried_until"] = None
        if review_repo.write_state(session, row.id, row.version, values):
            review_repo.add_log(
                session, card_id=row.id, rating=RESCHEDULE, reviewed_at=now.astimezone(timezone.utc),
                duration_ms=None, state_before=before.state, state_after=after.state, due_after=after.due,
                reason=reason[:32], before={**before.to_dict(), "suspended": row.suspended},
            )
            touched += 1
    return touched


def replay_card(session: Session, card_id: str, settings: SrsSettings) -> CardState:
    """The card's state rebuilt from its review log alone."""
    events = [ReviewEvent(r.rating, r.reviewed_at) for r in review_repo.logs_of(session, card_id)]
    return srs.replay(events, settings, card_key=card_id)


# -- a drill for the UI and the CLI -----------------------------------------------------------

def utc_now() -> dt.datetime:
    return dt.datetime.now(timezone.utc)


@dataclass
class _Queue:
    """The drill's queue figures for one study day, exact as of ``stamp``."""

    day_start: dt.datetime
    day_end: dt.datetime
    counts: QueueCounts
    new_left: int  # today's unused new-card allowance (whole library)


class Reviewer:
    """One drill: a Database plus the profile, time zone and (optionally) one node.

    Every method is its own transaction; ``answer`` takes SQLite's write lock
    first (BEGIN IMMEDIATE), so two processes answering at once queue up
    instead of failing, and the answer is on disk when the method returns.

    Speed (``bench/review.py``, 100k cards): the drill keeps one connection
    of its own and, after counting the queue once, keeps the 剩余 figures up to
    date from each answer's before/after state instead of counting again.
    They stay exact: they are recounted when the study day rolls over, after
    undo/suspend/bury or a change of settings, and whenever SQLite's
    ``data_version`` shows that any other connection (another screen, the
    practice service, a second process) has committed since. The settings and
    node paths are cached under the same rule. A buried card comes back at
    the start of a study day, so time passing inside a day changes no figure.

    Call ``close()`` (or use ``with``) to give the connection back.
    """

    def __init__(self, db, *, profile: str | None = None, tz: tzinfo | None = None,
                 node_id: str | None = None, clock: Callable[[], dt.datetime] = utc_now):
        if profile is not None and profile != db.profile:
            db = db.for_profile(profile)
        self.db = db
        self.profile = db.profile
        self.tz = tz
        self.clock = clock
        self._conn = None
        self._stamp: int | None = None  # data_version when the caches below were last known exact
        self._settings: SrsSettings | None = None
        self._queue: _Queue | None = None
        self._paths: dict[str, tuple[str, ...]] = {}
        self.node_ids: list[str] | None = None
        self._scope: frozenset[str] | None = None
        if node_id is not None:
            with self._transaction() as conn:
                self.node_ids = node_scope(conn, node_id)
            self._scope = frozenset(self.node_ids)

    # -- connection and caches ---------------------------------------------------
    def _connection(self):
        if self._conn is None or self._conn.closed or self._conn.invalidated:
            self._conn = self.db.connect()
            self._forget()  # data_version values of another connection mean nothing here
        return self._conn

    @contextmanager
    def _transaction(self, immediate: bool = False) -> Iterator:
        conn = self._connection()
        try:
            if immediate and self.db.is_sqlite:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn
            conn.commit()
        except BaseException:
            self._forget()
            try:
                conn.rollback()
            except Exception:  # a broken connection: the next call opens a new one
                self._drop_connection()
            raise

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass

    def close(self) -> None:
        """Give the drill's connection back to the pool (reopened if used again)."""
        self._drop_connection()
        self._forget()

    def __enter__(self) -> "Reviewer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _forget(self) -> None:
        self._stamp = None
        self._settings = None
        self._queue = None
        self._paths.clear()

    def _check_others(self, conn) -> None:
        """Drop every cache when another connection has committed since we last looked."""
        if not self.db.is_sqlite:
            self._forget()  # no cheap change marker: always read afresh
            return
        version = review_repo.data_version(conn)
        if version != self._stamp:
            self._forget()
            self._stamp = version

    def _settings_in(self, conn) -> SrsSettings:
        if self._settings is None:
            self._settings = get_settings(conn, self.profile)
        return self._settings

    def _queue_in(self, conn, now: dt.datetime) -> _Queue:
        self._check_others(conn)
        q = self._queue
        if q is None or not q.day_start <= now < q.day_end:
            start, end = day_bounds(now, self.tz)
            counts, new_left = _count_queue(conn, now, self._settings_in(conn), self.tz, self.node_ids)
            q = self._queue = _Queue(start, end, counts, new_left)
        return q

    def _card_in(self, conn, card_id: str) -> DrillCard:
        row = review_repo.get_card(conn, card_id)
        if row is None:
            raise UserError(f"没有这张卡片: {card_id}")
        path = self._paths.get(row.node_id)
        if path is None:
            path = self._paths[row.node_id] = tuple(review_repo.node_path(conn, row.node_id))
        return _drill_card(row, path)

    # -- what the UI calls ----------------------------------------------------------
    @property
    def settings(self) -> SrsSettings:
        if self._settings is None:
            with self._transaction() as conn:
                self._check_others(conn)
                return self._settings_in(conn)
        return self._settings

    def save_settings(self, settings: SrsSettings) -> None:
        with self._transaction(immediate=True) as conn:
            set_settings(conn, settings, self.clock(), self.profile)
        self._forget()  # the daily limit may have changed: count again
        self._settings = settings

    def counts(self) -> QueueCounts:
        now = self.clock()
        with self._transaction() as conn:
            return self._queue_in(conn, now).counts

    def next_card(self, exclude: Sequence[str] = ()) -> DrillCard | None:
        now = self.clock()
        with self._transaction() as conn:
            q = self._queue_in(conn, now)
            card_id = _next_card_id(conn, now, self.tz, self.node_ids, exclude, lambda: q.new_left, q.counts)
            return self._card_in(conn, card_id) if card_id else None

    def card(self, card_id: str) -> DrillCard:
        with self._transaction() as conn:
            self._check_others(conn)
            return self._card_in(conn, card_id)

    def preview(self, card: DrillCard) -> dict[int, timedelta]:
        return srs.preview(card.state, self.clock(), self.settings)

    def answer(self, card_id: str, rating: int, duration_ms: int | None = None) -> Answered:
        """Rate a card; returns once the new state and its log row are committed."""
        if rating not in srs.RATINGS:
            raise UserError(f"评分须为 1–4（重来/困难/良好/简单），收到 {rating!r}")
        for attempt in range(20):
            try:
                with self._transaction(immediate=True) as conn:
                    # Under the write lock nobody else can commit until we do,
                    # so this look at data_version covers the whole transaction.
                    self._check_others(conn)
                    now = self.clock()
                    settings = self._settings_in(conn)
                    result, row = _answer(conn, card_id, rating, now, settings, duration_ms)
            except OperationalError as exc:
                # SQLite: the lock stayed busy past the timeout; PostgreSQL: a
                # deadlock with a bulk write (an import) was broken by failing us.
                text = str(exc)
                if "locked" not in text and "busy" not in text and "deadlock" not in text:
                    raise
                time.sleep(0.05 * (attempt + 1))
                continue
            self._count_answer(row, result, now)
            return result
        raise UserError("数据库一直被占用，作答未能保存，请稍后重试")

    def _bucket(self, state: CardState, suspended: bool, orphaned: bool, buried_until, node_id: str,
                now: dt.datetime, day_end: dt.datetime) -> str | None:
        """Which 剩余 figure a card with these columns is part of (None: none of them)."""
        if suspended or orphaned or (buried_until is not None and buried_until > now):
            return None
        if self._scope is not None and node_id not in self._scope:
            return None
        if state.state == NEW:
            return "new"
        if state.due is not None and state.due <= day_end:
            return "learning" if state.state in _LEARNING_STATES else "review"
        return "later"

    def _count_answer(self, row, result: Answered, now: dt.datetime) -> None:
        """Move the answered card between the 剩余 figures (the queue counts stay exact)."""
        q = self._queue
        if q is None:
            return
        if not q.day_start <= now < q.day_end:
            self._queue = None
            return
        before = self._bucket(result.before, row.suspended, row.orphaned, row.buried_until, row.node_id, now, q.day_end)
        after = self._bucket(result.after, row.suspended or result.became_leech, row.orphaned, row.buried_until,
                             row.node_id, now, q.day_end)
        if before is None and result.before.state == NEW:
            # a new card from outside the counted set used up today's allowance:
            # what is left of the capped new figure is not known without counting
            self._queue = None
            return
        figures = {"new": q.counts.new, "learning": q.counts.learning, "review": q.counts.review}
        new_left = q.new_left - 1 if result.before.state == NEW else q.new_left
        if before == "new":
            # whole library: new = min(available, allowance), and both drop by
            # one (an allowance already used up stays at 0); one node: available
            figures["new"] = max(0, figures["new"] - 1)
        elif before in ("learning", "review"):
            figures[before] -= 1
        if after in ("learning", "review"):
            figures[after] += 1
        if min(figures.values()) < 0:  # cannot happen while the figures are exact
            self._queue = None
            return
        q.counts = QueueCounts(**figures)
        q.new_left = max(0, new_left)

    def undo(self, log_id: int) -> DrillCard:
        with self._transaction(immediate=True) as conn:
            card_id = undo(conn, log_id)
        self._queue = None  # recount: the restored card may sit anywhere in the queue
        return self.card(card_id)

    def suspend(self, card_id: str, suspended: bool = True) -> None:
        with self._transaction(immediate=True) as conn:
            suspend(conn, card_id, suspended)
        self._queue = None

    def bury(self, card_id: str) -> dt.datetime:
        with self._transaction(immediate=True) as conn:
            until = bury(conn, card_id, self.clock(), self.tz)
        self._queue = None
        return until

    def leeches(self) -> list[DrillCard]:
        with self._transaction() as conn:
            self._check_others(conn)
            return [self._card_in(conn, row.id) for row in review_repo.leech_cards(conn)]


__all__ = [
    "DEFAULT_PROFILE", "DrillCard", "QueueCounts", "Answered", "Reviewer", "get_settings", "set_settings",
    "queue_counts", "next_card", "card_info", "answer", "undo", "undo_last", "suspend", "bury", "leeches",
    "schedule_node", "replay_card", "node_scope", "new_remaining_today", "home_stats",
]


def home_stats(library, now: dt.datetime) -> dict[str, object]:
    """Today's figures for the home screen (its STATS_PROVIDERS hook)."""
    from cskexam.services.stats import today_figures

    if getattr(library, "db", None) is None:
        return {}  # a library without a database (a stand-in): nothing to count
    with library.db.session() as session:
        t = today_figures(session, now)
    return {"今日到期": t.due_today, "新卡": t.new_available, "今日已复习": t.reviewed_today, "连续学习": f"{t.streak} 天"}
