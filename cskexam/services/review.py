"""The review drill the UI and the CLI use: what to drill next, answering, undo, suspend, bury, leeches.

``Reviewer`` is the one way in for screens and commands: one transaction per
action, so every answer (card state + log row) is committed before the next
card is asked for. Other services use the session-level rules in
``cskexam.services.review_queue`` inside their own transactions.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any, Callable, Iterator, Sequence

from sqlalchemy.exc import OperationalError

from cskexam.core import srs
from cskexam.core.srs import NEW, CardState, SrsSettings
from cskexam.core.studyday import day_bounds, next_day_start
from cskexam.errors import UserError
from cskexam.services.review_queue import (
    DEFAULT_PROFILE,
    LEARNING_STATES,
    Answered,
    DrillCard,
    QueueCounts,
    answer_with_row,
    answered,
    bury,
    count_queue,
    drill_card,
    get_settings,
    next_card_id,
    node_scope,
    plan_answer,
    set_settings,
    settings_from,
    suspend,
    undo,
)
from cskexam.storage import review_answer_repo, review_repo

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from cskexam.storage.db import Database

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


@dataclass(frozen=True)
class DrillAction:
    """One thing a drill did to a card: ``grade`` (with its log row and rating), ``suspend`` or ``bury``."""

    kind: str
    card_id: str
    log_id: int | None = None
    rating: int | None = None
    buried: tuple[str, ...] = ()  # a grade's siblings buried with it (unburied by its undo)

    @property
    def label(self) -> str:
        if self.kind == "grade" and self.rating is not None:
            return "评分 " + srs.RATING_LABELS[self.rating]
        return {"suspend": "暂停", "bury": "搁置"}[self.kind]


class Reviewer:
    """One drill: a Database plus the profile, time zone and (optionally) one node.

    Every method is its own transaction; ``answer`` takes SQLite's write lock
    first (BEGIN IMMEDIATE), so two processes answering at once queue up
    instead of failing, and the answer is on disk when the method returns.

    So that a large library stays quick (``bench/review.py``), the drill keeps
    one connection of its own and, after counting the queue once, keeps the 剩余 figures up to
    date from each answer's before/after state instead of counting again.
    They stay exact: they are recounted when the study day rolls over, after
    undo/suspend/bury or a change of settings, and whenever SQLite's
    ``data_version`` shows that any other connection (another screen, the
    practice service, a second process) has committed since. The settings and
    node paths are cached under the same rule. A buried card comes back at
    the start of a study day, so time passing inside a day changes no figure.

    Call ``close()`` (or use ``with``) to give the connection back.
    """

    def __init__(self, db: Database, *, profile: str | None = None, tz: tzinfo | None = None,
                 node_id: str | None = None, clock: Callable[[], dt.datetime] = utc_now):
        if profile is not None and profile != db.profile:
            db = db.for_profile(profile)
        self.db = db
        self.profile = db.profile
        self.tz = tz
        self.clock = clock
        self._conn: Connection | None = None
        self._stamp: int | None = None  # data_version when the caches below were last known exact
        self._settings: SrsSettings | None = None
        self._settings_text: str | None = None  # PostgreSQL: the settings as stored, for an answer's check
        self._shown: Any = None  # the row of the card last read (PostgreSQL: an answer to it starts from it)
        self._prepared = False  # PostgreSQL: the answer statement has been built in this process
        self._fresh = False  # PostgreSQL: the queue was just counted by next_card
        self._queue: _Queue | None = None
        self._paths: dict[str, tuple[str, ...]] = {}
        self.node_ids: list[str] | None = None
        self._scope: frozenset[str] | None = None
        # What this drill did, newest last, so that ``undo_last`` takes back
        # whatever came last: a grade, a suspend or a bury.
        self._done: list[DrillAction] = []
        if node_id is not None:
            with self._transaction() as conn:
                self.node_ids = node_scope(conn, node_id)
            self._scope = frozenset(self.node_ids)

    # -- connection and caches ---------------------------------------------------
    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed or self._conn.invalidated:
            conn = self.db.connect()
            if not self.db.is_sqlite:
                # On a server each statement is a round trip: reads run on their
                # own (no BEGIN/COMMIT around them), writes in an explicit
                # transaction, an answer as one statement (see _answer_at_once).
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            self._conn = conn
            self._forget()  # data_version values of another connection mean nothing here
        return self._conn

    @contextmanager
    def _transaction(self, immediate: bool = False) -> Iterator[Connection]:
        """SQLite: one transaction (``immediate``: under the write lock from the start).
        PostgreSQL: ``immediate`` (every write) is one transaction; a read runs statement by statement."""
        conn = self._connection()
        explicit = immediate and not self.db.is_sqlite
        try:
            if immediate:
                conn.exec_driver_sql("BEGIN IMMEDIATE" if self.db.is_sqlite else "BEGIN")
            yield conn
            if explicit:
                conn.exec_driver_sql("COMMIT")
            conn.commit()
        except BaseException:
            self._forget()
            try:
                if explicit:
                    conn.exec_driver_sql("ROLLBACK")
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
        self._settings_text = None
        self._queue = None
        self._shown = None
        self._fresh = False
        self._paths.clear()

    def _check_others(self, conn: Connection) -> None:
        """Drop every cache when another connection has committed since we last looked."""
        if not self.db.is_sqlite:
            # No cheap change marker: the figures are counted again after every
            # action of this drill (once per answer), and the settings read
            # again with them; an answer checks the settings it used are still
            # the stored ones (see _answer_at_once). The node paths stay: they
            # only label the card, and notes change by import.
            return
        version = review_repo.data_version(conn)
        if version != self._stamp:
            self._forget()
            self._stamp = version

    def _settings_in(self, conn: Connection) -> SrsSettings:
        if self._settings is None:
            if self.db.is_sqlite:
                self._settings = get_settings(conn, self.profile)
            else:
                self._use_settings(review_answer_repo.settings_text(conn))
        assert self._settings is not None
        return self._settings

    def _use_settings(self, text: str) -> None:
        if text != self._settings_text or self._settings is None:
            self._settings_text = text
            self._settings = settings_from(json.loads(text) if text else None)

    def _queue_in(self, conn: Connection, now: dt.datetime) -> _Queue:
        self._check_others(conn)
        q = self._queue
        if q is None or not q.day_start <= now < q.day_end:
            if not self.db.is_sqlite:
                self._settings = None  # read again with the figures
            start, end = day_bounds(now, self.tz)
            counts, new_left = count_queue(conn, now, self._settings_in(conn), self.tz, self.node_ids)
            q = self._queue = _Queue(start, end, counts, new_left)
        return q

    def _card_in(self, conn: Connection, card_id: str) -> DrillCard:
        row = review_repo.get_card(conn, card_id)
        if row is None:
            raise UserError(f"没有这张卡片: {card_id}")
        self._shown = row
        path = self._paths.get(row.node_id)
        if path is None:
            path = self._paths[row.node_id] = tuple(review_repo.node_path(conn, row.node_id))
        return drill_card(row, path)

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
        if not self.db.is_sqlite and not self._fresh:
            self._queue = None  # PostgreSQL: counted afresh, unless next_card just did
        self._fresh = False
        with self._transaction() as conn:
            return self._queue_in(conn, now).counts

    def next_card(self, exclude: Sequence[str] = ()) -> DrillCard | None:
        now = self.clock()
        if not self.db.is_sqlite:
            # PostgreSQL: counted once per card shown; the figures shown with it
            # (counts() right after) are these.
            self._queue = None
        with self._transaction() as conn:
            q = self._queue_in(conn, now)
            card_id = next_card_id(conn, now, self.tz, self.node_ids, exclude, lambda: q.new_left, q.counts)
            card = self._card_in(conn, card_id) if card_id else None
            if card is not None and not self.db.is_sqlite and not self._prepared:
                settings = self._settings_in(conn)
                review_answer_repo.prepare_answer(conn, settings.bury_siblings)
                self._prepared = True
        self._fresh = not self.db.is_sqlite
        return card

    # -- study ahead (Anki's custom study): cards not yet due --------------------------
    def _ahead_until(self, now: dt.datetime, days: int) -> dt.datetime:
        return day_bounds(now, self.tz)[1] + timedelta(days=days)

    def ahead_count(self, days: int) -> int:
        """Cards (learning or review) that fall due within the next ``days`` study days."""
        now = self.clock()
        with self._transaction() as conn:
            self._check_others(conn)
            return len(review_repo.due_ids(conn, (*LEARNING_STATES, srs.REVIEW), self._ahead_until(now, days), now,
                                           1_000_000, self.node_ids))

    def next_ahead(self, days: int, exclude: Sequence[str] = ()) -> DrillCard | None:
        """The card due soonest within the next ``days`` study days (``exclude``: already studied ahead)."""
        now = self.clock()
        with self._transaction() as conn:
            self._check_others(conn)
            ids = review_repo.due_ids(conn, (*LEARNING_STATES, srs.REVIEW), self._ahead_until(now, days), now, 1,
                                      self.node_ids, exclude)
            return self._card_in(conn, ids[0]) if ids else None

    def card(self, card_id: str) -> DrillCard:
        with self._transaction() as conn:
            self._check_others(conn)
            return self._card_in(conn, card_id)

    def preview(self, card: DrillCard) -> dict[int, timedelta]:
        """The interval each rating gives, fuzz included: what ``answer`` will record."""
        return srs.preview(card.state, self.clock(), self.settings, card_key=card.id)

    def answer(self, card_id: str, rating: int, duration_ms: int | None = None) -> Answered:
        """Rate a card; returns once the new state and its log row are committed."""
        if rating not in srs.RATINGS:
            raise UserError(f"评分须为 1–4（重来/困难/良好/简单），收到 {rating!r}")
        for attempt in range(20):
            try:
                if not self.db.is_sqlite:
                    now = self.clock()
                    result, row = self._answer_at_once(card_id, rating, now, duration_ms)
                    self._queue = None  # counted again once, with the next card
                    self._fresh = False
                    self._done.append(DrillAction("grade", card_id, result.log_id, rating, result.buried))
                    return result
                with self._transaction(immediate=True) as conn:
                    # Under the write lock nobody else can commit until we do,
                    # so this look at data_version covers the whole transaction.
                    self._check_others(conn)
                    now = self.clock()
                    settings = self._settings_in(conn)
                    result, row = answer_with_row(conn, card_id, rating, now, settings, duration_ms)
                    if settings.bury_siblings:
                        _, day_end = day_bounds(now, self.tz)
                        buried = review_repo.bury_siblings(conn, card_id, row.node_id, next_day_start(now, self.tz),
                                                           now, day_end)
                        result = replace(result, buried=tuple(buried))
            except OperationalError as exc:
                # SQLite: the lock stayed busy past the timeout; PostgreSQL: a
                # deadlock with a bulk write (an import) was broken by failing us.
                text = str(exc)
                if "locked" not in text and "busy" not in text and "deadlock" not in text:
                    raise
                time.sleep(0.05 * (attempt + 1))
                continue
            self._count_answer(row, result, now)
            if result.buried:
                self._queue = None  # the siblings left today's figures: count again
            self._done.append(DrillAction("grade", card_id, result.log_id, rating, result.buried))
            return result
        raise UserError("数据库一直被占用，作答未能保存，请稍后重试")

    def _answer_at_once(self, card_id: str, rating: int, now: dt.datetime,
                        duration_ms: int | None) -> tuple[Answered, Any]:
        """PostgreSQL: the answer as one statement, from the card as last read and the settings in use.

        When the card or the settings changed since (another device), nothing
        was written: both are read again (one statement) and the answer computed anew.
        """
        conn = self._connection()
        row = self._shown if self._shown is not None and self._shown.id == card_id else None
        self._shown = None
        settings = self._settings if self._settings_text is not None else None
        _, day_end = day_bounds(now, self.tz)
        siblings = (now, day_end, next_day_start(now, self.tz))
        for _ in range(20):
            if row is None or settings is None:
                row = review_answer_repo.card_and_settings(conn, card_id)
                if row is None:
                    raise UserError(f"没有这张卡片: {card_id}")
                self._use_settings(row.settings_text)
                settings = self._settings
            assert settings is not None and self._settings_text is not None
            values, log, out = plan_answer(row, card_id, rating, now, settings, duration_ms)
            # One statement for every answer (a leech's suspension or not): the
            # version check makes writing the flag as read safe.
            values.setdefault("suspended", row.suspended)
            done = review_answer_repo.answer_at_once(conn, card_id, row.version, values, self._settings_text, log,
                                                     siblings if settings.bury_siblings else None)
            if done is not None:
                return answered(done[0], card_id, rating, out, done[1]), row
            row = None
        raise UserError("这张卡片一直在被其他设备修改，作答未能保存，请稍后重试")

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
            return "learning" if state.state in LEARNING_STATES else "review"
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

    def undo(self, log_id: int, unbury: Sequence[str] = ()) -> DrillCard:
        """Take back an answer (and unbury ``unbury``: the siblings it buried)."""
        with self._transaction(immediate=True) as conn:
            card_id = undo(conn, log_id)
            if unbury:
                review_repo.set_flags(conn, list(unbury), buried_until=None)
        self._queue = None  # recount: the restored card may sit anywhere in the queue
        return self.card(card_id)

    def suspend(self, card_id: str, suspended: bool = True) -> None:
        with self._transaction(immediate=True) as conn:
            suspend(conn, card_id, suspended)
        self._queue = None
        if suspended:
            self._done.append(DrillAction("suspend", card_id))

    def bury(self, card_id: str) -> dt.datetime:
        with self._transaction(immediate=True) as conn:
            until = bury(conn, card_id, self.clock(), self.tz)
        self._queue = None
        self._done.append(DrillAction("bury", card_id))
        return until

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    def undo_last(self) -> tuple[DrillAction, DrillCard]:
        """Take back this drill's last action (grade, suspend or bury); returns it and the card."""
        if not self._done:
            raise UserError("没有可撤销的操作")
        action = self._done[-1]
        if action.kind == "grade" and action.log_id is not None:
            card = self.undo(action.log_id, action.buried)
        else:
            with self._transaction(immediate=True) as conn:
                if action.kind == "suspend":
                    suspend(conn, action.card_id, False)
                elif not review_repo.set_flags(conn, [action.card_id], buried_until=None):
                    raise UserError(f"没有这张卡片: {action.card_id}")
            self._queue = None
            card = self.card(action.card_id)
        self._done.pop()
        return action, card

    def leeches(self) -> list[DrillCard]:
        with self._transaction() as conn:
            self._check_others(conn)
            return [self._card_in(conn, row.id) for row in review_repo.leech_cards(conn)]


__all__ = ["DEFAULT_PROFILE", "DrillAction", "DrillCard", "QueueCounts", "Answered", "Reviewer"]
