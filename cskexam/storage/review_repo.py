"""SQL of the review loop: cards, review log, settings. No scheduling logic here.

Each profile has a row of every card (its scheduling state) and its own log:
every query here is of ``current_profile(session)``, except the content side
(generated cards are the same for all; the default profile holds every card).

Core statements only (the hot ones built once), so that every function works
on a Session as well as on the plain Connection the ``Reviewer`` keeps.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, Iterable, Sequence, cast

from sqlalchemy import Table, and_, bindparam, delete, func, literal, or_, select, text, update
from sqlalchemy.engine import Connection, CursorResult
from sqlalchemy.orm import Session

from cskexam.core.srs import LEARNING, NEW, RELEARNING, REVIEW, CardState
from cskexam.storage.base import insert_or_ignore
from cskexam.storage.models_graph import NodeRow
from cskexam.storage.models_review import CardRow, ReviewLogRow, ReviewSettingsRow
from cskexam.storage.profile_key import DEFAULT_PROFILE
from cskexam.storage.profiles_repo import current_profile, lock_profiles, profile_names
from cskexam.storage.types import UTCDateTime

_cards = cast(Table, CardRow.__table__)
_logs = cast(Table, ReviewLogRow.__table__)
_nodes = cast(Table, NodeRow.__table__)

STATE_COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses", "leech")


def state_of(row: Any) -> CardState:
    return CardState(
        state=row.state,
        step=row.step,
        stability=row.stability,
        difficulty=row.difficulty,
        due=row.due,
        last_review=row.last_review,
        reps=row.reps,
        lapses=row.lapses,
        leech=bool(row.leech),
    )


def state_values(state: CardState) -> dict:
    return {c: getattr(state, c) for c in STATE_COLUMNS}


# -- cards as generated ----------------------------------------------------------

def stored_cards(session: Session | Connection) -> dict[str, Any]:
    query = select(_cards.c.id, _cards.c.node_id, _cards.c.kind, _cards.c.front, _cards.c.back, _cards.c.orphaned,
                   _cards.c.edited, _cards.c.custom)
    query = query.where(_cards.c.profile == DEFAULT_PROFILE)
    return {r.id: r for r in session.execute(query)}


def card_contents(session: Session | Connection, include_orphaned: bool = False) -> list[Any]:
    query = select(_cards.c.id, _cards.c.node_id, _cards.c.kind, _cards.c.front, _cards.c.back).order_by(_cards.c.seq)
    query = query.where(_cards.c.profile == current_profile(session))
    if not include_orphaned:
        query = query.where(_cards.c.orphaned.is_(False))
    return list(session.execute(query))


def max_seq(session: Session | Connection) -> int:
    query = select(func.coalesce(func.max(_cards.c.seq), -1)).where(_cards.c.profile == DEFAULT_PROFILE)
    return session.execute(query).scalar_one()


def insert_cards(session: Session | Connection, rows: list[dict]) -> None:
    """New cards (content and a new card's state), one row for every profile."""
    if not rows:
        return
    lock_profiles(session)
    for profile in profile_names(session):
        session.execute(_cards.insert(), [{**row, "profile": profile} for row in rows])


def update_cards(session: Session | Connection, rows: list[dict]) -> None:
    """Bulk UPDATE of content columns by card id (every profile's row), one executemany per set of columns."""
    if not rows:
        return
    # A profile being added at this moment copies the content after this write.
    lock_profiles(session)
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    for names, group in groups.items():
        values = [n for n in names if n != "id"]
        stmt = update(_cards).where(_cards.c.id == bindparam("u_id")).values({n: bindparam(f"u_{n}") for n in values})
        session.execute(stmt, [{f"u_{k}": v for k, v in row.items()} for row in group])


def active_node_ids(session: Session | Connection, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update(session.execute(select(_nodes.c.id).where(_nodes.c.id.in_(chunk), _nodes.c.active.is_(True))).scalars())
    return out


# -- queue ---------------------------------------------------------------------------

def _playable(now: dt.datetime, node_ids: Sequence[str] | None, profile: str):
    cond = [
        _cards.c.profile == profile,
        _cards.c.suspended.is_(False),
        _cards.c.orphaned.is_(False),
        or_(_cards.c.buried_until.is_(None), _cards.c.buried_until <= now),
    ]
    if node_ids is not None:
        cond.append(_cards.c.node_id.in_(list(node_ids)))
    return and_(*cond)


@functools.lru_cache(maxsize=32)
def _due_statement(by_node: bool, excluding: bool):
    """The due-queue query, built once: on the hot path of every card shown."""
    cond = [
        _cards.c.profile == bindparam("profile"),
        _cards.c.state == bindparam("state"),
        _cards.c.due <= bindparam("until", type_=UTCDateTime()),
        _cards.c.suspended.is_(False),
        _cards.c.orphaned.is_(False),
        or_(_cards.c.buried_until.is_(None), _cards.c.buried_until <= bindparam("now", type_=UTCDateTime())),
    ]
    if by_node:
        cond.append(_cards.c.node_id.in_(bindparam("nodes", expanding=True)))
    if excluding:
        cond.append(_cards.c.id.not_in(bindparam("exclude", expanding=True)))
    return select(_cards.c.due, _cards.c.id).where(*cond).order_by(_cards.c.due).limit(bindparam("limit"))


def due_ids(session: Session | Connection, states: Sequence[int], until: dt.datetime, now: dt.datetime, limit: int,
            node_ids: Sequence[str] | None = None, exclude: Sequence[str] = ()) -> list[str]:
    """Cards in ``states`` due by ``until``, earliest first."""
    found: list[tuple[dt.datetime, str]] = []
    # One query per state: 'state = ?' walks the covering index in due order,
    # where 'state IN (…)' makes SQLite scan and sort.
    stmt = _due_statement(node_ids is not None, bool(exclude))
    params: dict = {"until": until, "now": now, "limit": limit, "profile": current_profile(session)}
    if node_ids is not None:
        params["nodes"] = list(node_ids)
    if exclude:
        params["exclude"] = list(exclude)
    for state in states:
        found.extend((r.due, r.id) for r in session.execute(stmt, {**params, "state": state}))
    found.sort()
    return [cid for _, cid in found[:limit]]


def new_ids(session: Session | Connection, now: dt.datetime, limit: int, node_ids: Sequence[str] | None = None,
            exclude: Sequence[str] = ()) -> list[str]:
    if limit <= 0:
        return []
    query = (
        select(_cards.c.id)
        .where(_cards.c.state == NEW, _playable(now, node_ids, current_profile(session)))
        .order_by(_cards.c.seq)
        .limit(limit)
    )
    if exclude:
        query = query.where(_cards.c.id.not_in(list(exclude)))
    return list(session.execute(query).scalars())


def count_due(session: Session | Connection, states: Sequence[int], until: dt.datetime, now: dt.datetime,
              node_ids: Sequence[str] | None = None) -> int:
    total = 0
    stmt = _count_statement(node_ids is not None)
    params: dict = {"until": until, "now": now, "profile": current_profile(session)}
    if node_ids is not None:
        params["nodes"] = list(node_ids)
    for state in states:  # see due_ids: equality keeps the count inside the covering index
        total += session.execute(stmt, {**params, "state": state}).scalar_one()
    return total


@functools.lru_cache(maxsize=4)
def _count_statement(by_node: bool):
    cond = [
        _cards.c.profile == bindparam("profile"),
        _cards.c.state == bindparam("state"),
        _cards.c.due <= bindparam("until", type_=UTCDateTime()),
        _cards.c.suspended.is_(False),
        _cards.c.orphaned.is_(False),
        or_(_cards.c.buried_until.is_(None), _cards.c.buried_until <= bindparam("now", type_=UTCDateTime())),
    ]
    if by_node:
        cond.append(_cards.c.node_id.in_(bindparam("nodes", expanding=True)))
    return select(func.count()).select_from(_cards).where(*cond)


@functools.lru_cache(maxsize=4)
def _queue_figures_statement(by_node: bool):
    """Every figure of the 剩余 line in one statement (one round trip instead of five)."""
    now = bindparam("now", type_=UTCDateTime())
    until = bindparam("until", type_=UTCDateTime())

    def playable():
        cond = [
            _cards.c.profile == bindparam("profile"),
            _cards.c.suspended.is_(False),
            _cards.c.orphaned.is_(False),
            or_(_cards.c.buried_until.is_(None), _cards.c.buried_until <= now),
        ]
        if by_node:
            cond.append(_cards.c.node_id.in_(bindparam("nodes", expanding=True)))
        return cond

    def due(state: int):
        # one state per count: 'state = ?' stays inside the covering index (see due_ids)
        return select(func.count()).select_from(_cards).where(
            _cards.c.state == state, _cards.c.due <= until, *playable()
        ).scalar_subquery()

    # selecting an indexed column (not the id) keeps this inside ix_cards_queue_new
    new = select(_cards.c.state).where(_cards.c.state == NEW, *playable()).limit(bindparam("cap")).subquery()
    introduced = select(func.count(func.distinct(_logs.c.card_id))).where(
        _logs.c.profile == bindparam("profile"), _logs.c.state_before == NEW, _logs.c.rating > 0,
        _logs.c.reviewed_at >= bindparam("start", type_=UTCDateTime()), _logs.c.reviewed_at < until,
    ).scalar_subquery()
    return select(
        introduced.label("introduced"),
        select(func.count()).select_from(new).scalar_subquery().label("new"),
        (due(LEARNING) + due(RELEARNING)).label("learning"),
        due(REVIEW).label("review"),
    )


def queue_figures(session: Session | Connection, start: dt.datetime, end: dt.datetime, now: dt.datetime,
                  new_cap: int | None, node_ids: Sequence[str] | None = None) -> Any:
    """Row (introduced, new, learning, review) for the study day [start, end).

    ``introduced``: new cards first answered this day (the whole library);
    ``new``: playable new cards, counted up to ``new_cap`` (None: all); ``learning`` and
    ``review``: playable cards in those states due by ``end``.
    """
    cap = 2**62 if new_cap is None else max(0, new_cap)  # a bound parameter: the statement stays cached
    params: dict = {"now": now, "until": end, "start": start, "cap": cap, "profile": current_profile(session)}
    if node_ids is not None:
        params["nodes"] = list(node_ids)
    return session.execute(_queue_figures_statement(node_ids is not None), params).one()


def new_introduced_between(session: Session | Connection, start: dt.datetime, end: dt.datetime) -> int:
    query = select(func.count(func.distinct(_logs.c.card_id))).where(
        _logs.c.profile == current_profile(session), _logs.c.state_before == NEW, _logs.c.rating > 0, _logs.c.reviewed_at >= start, _logs.c.reviewed_at < end
    )
    return session.execute(query).scalar_one()


def reviews_between(session: Session | Connection, start: dt.datetime, end: dt.datetime) -> int:
    query = select(func.count()).select_from(_logs).where(
        _logs.c.profile == current_profile(session), _logs.c.rating > 0, _logs.c.reviewed_at >= start, _logs.c.reviewed_at < end
    )
    return session.execute(query).scalar_one()


# -- single cards --------------------------------------------------------------------
# Every function here takes a Session or a Connection: the statements are Core
# (no ORM identity map), so the review loop can run on one plain connection.

@functools.lru_cache(maxsize=1)
def _card_statement():
    return select(_cards).where(_cards.c.id == bindparam("card_id"), _cards.c.profile == bindparam("profile"))


def get_card(session: Session | Connection, card_id: str, *, for_update: bool = False) -> Any | None:
    """A card's row (plain Core row: no ORM identity map on the answer path)."""
    stmt = _card_statement().with_for_update() if for_update else _card_statement()
    return session.execute(stmt, {"card_id": card_id, "profile": current_profile(session)}).first()


@functools.lru_cache(maxsize=1)
def _answer_card_statement():
    cols = [_cards.c[c] for c in (*STATE_COLUMNS, "id", "node_id", "version", "suspended", "orphaned", "buried_until")]
    return select(*cols).where(_cards.c.id == bindparam("card_id"), _cards.c.profile == bindparam("profile"))


@functools.lru_cache(maxsize=1)
def _answer_card_locked_statement():
    return _answer_card_statement().with_for_update()


def get_card_state(session: Session | Connection, card_id: str, *, for_update: bool = False) -> Any | None:
    """What answering needs of a card: its scheduling state, version and queue flags (no texts).

    ``for_update`` locks the row until the transaction ends (PostgreSQL; SQLite's
    write lock already covers the whole transaction).
    """
    stmt = _answer_card_locked_statement() if for_update else _answer_card_statement()
    return session.execute(stmt, {"card_id": card_id, "profile": current_profile(session)}).first()


def cards_of_nodes(session: Session | Connection, node_ids: Sequence[str]) -> list[Any]:
    query = select(_cards).where(
        _cards.c.node_id.in_(list(node_ids)), _cards.c.profile == current_profile(session), _cards.c.orphaned.is_(False)
    ).order_by(_cards.c.seq)
    return list(session.execute(query))


@functools.lru_cache(maxsize=8)
def _write_statement(columns: tuple[str, ...]):
    # Bind names differ from the column names: SQLAlchemy reserves those for SET.
    return (
        update(_cards)
        .where(
            _cards.c.id == bindparam("w_id"),
            _cards.c.profile == bindparam("w_profile"),
            _cards.c.version == bindparam("w_version"),
        )
        .values({**{c: bindparam(f"w_{c}") for c in columns}, "version": bindparam("w_version") + 1})
    )


def write_state(session: Session | Connection, card_id: str, expected_version: int, values: dict) -> bool:
    """Compare-and-set of a card's columns: False if someone else changed it first."""
    stmt = _write_statement(tuple(sorted(values)))
    params = {f"w_{c}": v for c, v in values.items()}
    params["w_id"] = card_id
    params["w_version"] = expected_version
    params["w_profile"] = current_profile(session)
    return cast(CursorResult, session.execute(stmt, params)).rowcount == 1


LOG_COLUMNS = ("card_id", "rating", "reviewed_at", "duration_ms", "state_before", "state_after", "due_after", "reason", "before")


@functools.lru_cache(maxsize=1)
def _log_insert():
    return _logs.insert().values({c: bindparam(c) for c in (*LOG_COLUMNS, "profile")})


def add_log(session: Session | Connection, **values) -> int:
    """Append one review log row (every column of LOG_COLUMNS given); returns its id."""
    result = cast(CursorResult, session.execute(_log_insert(), {**values, "profile": current_profile(session)}))
    key = result.inserted_primary_key
    assert key is not None  # a single-row insert
    return int(key[0])


def get_log(session: Session | Connection, log_id: int) -> Any | None:
    return session.execute(select(_logs).where(_logs.c.id == log_id, _logs.c.profile == current_profile(session))).first()


def last_log_id(session: Session | Connection, card_id: str | None = None) -> int | None:
    query = select(func.max(_logs.c.id)).where(_logs.c.profile == current_profile(session))
    if card_id is not None:
        query = query.where(_logs.c.card_id == card_id)
    return session.execute(query).scalar_one()


def delete_log(session: Session | Connection, log_id: int) -> None:
    session.execute(delete(_logs).where(_logs.c.id == log_id, _logs.c.profile == current_profile(session)))


def logs_of(session: Session | Connection, card_id: str) -> list[Any]:
    query = select(_logs.c.id, _logs.c.rating, _logs.c.reviewed_at).where(
        _logs.c.card_id == card_id, _logs.c.profile == current_profile(session)
    ).order_by(_logs.c.id)
    return list(session.execute(query))


def leech_cards(session: Session | Connection) -> list[Any]:
    query = (
        select(_cards.c.id)
        .where(_cards.c.profile == current_profile(session), _cards.c.leech.is_(True), _cards.c.orphaned.is_(False))
        .order_by(_cards.c.lapses.desc(), _cards.c.seq)
    )
    return list(session.execute(query))


def set_flags(session: Session | Connection, card_ids: Sequence[str], **values) -> int:
    if not card_ids:
        return 0
    result = session.execute(
        update(_cards)
        .where(_cards.c.id.in_(list(card_ids)), _cards.c.profile == current_profile(session))
        .values(**values, version=_cards.c.version + 1)
    )
    return cast(CursorResult, result).rowcount


def bury_siblings(session: Session | Connection, card_id: str, node_id: str, until: dt.datetime, now: dt.datetime,
                  day_end: dt.datetime) -> list[str]:
    """Bury the card's siblings until ``until``: the profile's other cards of the same key point
    that would come up today (new, or review due by ``day_end``), unless suspended or buried already.
    Returns their ids."""
    stmt = (
        update(_cards)
        .where(_cards.c.node_id == node_id, _cards.c.id != card_id, *sibling_conditions(now, day_end),
               _cards.c.profile == current_profile(session))
        .values(buried_until=until, version=_cards.c.version + 1)
        .returning(_cards.c.id)
    )
    return sorted(session.execute(stmt).scalars())


def sibling_conditions(now, day_end) -> list:
    """Which siblings of an answered card are buried (``now``/``day_end``: values or bind parameters)."""
    return [
        _cards.c.suspended.is_(False),
        _cards.c.orphaned.is_(False),
        or_(_cards.c.buried_until.is_(None), _cards.c.buried_until <= now),
        or_(_cards.c.state == NEW, and_(_cards.c.state == REVIEW, _cards.c.due <= day_end)),
    ]


def data_version(conn: Session | Connection) -> int:
    """SQLite's ``PRAGMA data_version`` of this connection.

    It changes whenever another connection (of this or another process)
    commits, and never for this connection's own commits: a cheap test of
    whether figures kept since the last look may be stale.
    """
    return conn.execute(_DATA_VERSION).scalar_one()


_DATA_VERSION = text("PRAGMA data_version")


# -- nodes (read only) ---------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _path_statement():
    chain = (
        select(_nodes.c.id, _nodes.c.parent_id, _nodes.c.title, _nodes.c.marker, literal(0).label("depth"))
        .where(_nodes.c.id == bindparam("node_id"))
        .cte("chain", recursive=True)
    )
    chain = chain.union_all(
        select(_nodes.c.id, _nodes.c.parent_id, _nodes.c.title, _nodes.c.marker, (chain.c.depth + 1).label("depth"))
        .where(_nodes.c.id == chain.c.parent_id, chain.c.depth < 64)
    )
    return select(chain.c.title, chain.c.marker).order_by(chain.c.depth.desc())


def node_path(session: Session | Connection, node_id: str) -> list[str]:
    """Titles from the document down to the node itself (chapters with their 第…章 marker)."""
    titles = []
    for title, marker in session.execute(_path_statement(), {"node_id": node_id}):
        # 第一章/第一节 name the place better than the bare title does
        marker = (marker or "").strip()
        titles.append(f"{marker} {title}" if marker.startswith("第") and marker not in title else title)
    return titles


def node_exists(session: Session | Connection, node_id: str) -> bool:
    return session.execute(select(_nodes.c.id).where(_nodes.c.id == node_id)).first() is not None


def subtree_ids(session: Session | Connection, node_id: str) -> list[str]:
    """The node and every node below it (a recursive query over parent links)."""
    tree = select(_nodes.c.id).where(_nodes.c.id == node_id).cte("tree", recursive=True)
    tree = tree.union_all(select(_nodes.c.id).where(_nodes.c.parent_id == tree.c.id))
    return list(session.execute(select(tree.c.id)).scalars())


# -- settings --------------------------------------------------------------------------

_settings = cast(Table, ReviewSettingsRow.__table__)


def load_settings(session: Session | Connection, profile: str | None = None) -> dict | None:
    profile = profile or current_profile(session)
    row = session.execute(select(_settings.c.settings).where(_settings.c.profile == profile)).first()
    return dict(row.settings) if row is not None and row.settings else None


def save_settings(session: Session | Connection, profile: str | None, settings: dict, now: dt.datetime) -> None:
    """Store ``settings``' keys; keys stored before and not given are kept (the study plan
    and the scheduler settings share one row)."""
    profile = profile or current_profile(session)
    # Two devices saving at once: the row exists (or is added once), then is
    # locked while its keys are merged, so neither device's keys are lost.
    session.execute(insert_or_ignore(session, _settings, {"profile": profile, "settings": {}, "updated_at": now}))
    stored = session.execute(
        select(_settings.c.settings).where(_settings.c.profile == profile).with_for_update()
    ).scalar_one()
    settings = {**(dict(stored) if stored else {}), **settings}
    session.execute(update(_settings).where(_settings.c.profile == profile).values(settings=settings, updated_at=now))
