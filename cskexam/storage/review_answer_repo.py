"""An answer in one statement (PostgreSQL): the card's compare-and-set and its log row together.

On a server every statement is a round trip, and a class of candidates
answering at once waits on each of them. The drill's answer on PostgreSQL is
therefore one statement, run outside any explicit transaction (so it is its
own transaction and is durable when it returns):

    WITH answered AS (UPDATE cards SET … , version = version + 1
                      WHERE id = … AND profile = … AND version = <as read>
                        AND <the profile's settings are still the ones used>
                      RETURNING id, profile)
    INSERT INTO review_logs (…) SELECT … FROM answered RETURNING id

When another device answered the card (its version moved on) or changed the
profile's settings since they were read, nothing is written and no id comes
back; the caller reads both again and computes the answer anew. So an answer
is applied once, on top of the state it was computed from, or not at all.
The same statement buries the card's siblings when the settings say so.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, cast

from sqlalchemy import Table, Text, bindparam, func, insert, null, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cskexam.storage.models_review import CardRow, ReviewLogRow, ReviewSettingsRow
from cskexam.storage.profiles_repo import current_profile
from cskexam.storage.review_repo import LOG_COLUMNS, STATE_COLUMNS, sibling_conditions

_cards = cast(Table, CardRow.__table__)
_logs = cast(Table, ReviewLogRow.__table__)
_settings = cast(Table, ReviewSettingsRow.__table__)

ANSWER_COLUMNS = (*STATE_COLUMNS, "id", "node_id", "version", "suspended", "orphaned", "buried_until")


def _settings_text(profile_param: str):
    """The profile's stored settings as text ('' without a row): what the answer was computed with."""
    query = select(sql_cast(_settings.c.settings, Text)).where(_settings.c.profile == bindparam(profile_param))
    return func.coalesce(query.scalar_subquery(), "")


@functools.lru_cache(maxsize=1)
def _read_statement():
    cols = [_cards.c[c] for c in ANSWER_COLUMNS]
    return select(*cols, _settings_text("profile").label("settings_text")).where(
        _cards.c.id == bindparam("card_id"), _cards.c.profile == bindparam("profile")
    )


def card_and_settings(conn: Connection, card_id: str) -> Any | None:
    """What answering needs of a card (as ``review_repo.get_card_state``) plus ``settings_text``, in one read."""
    return conn.execute(_read_statement(), {"card_id": card_id, "profile": current_profile(conn)}).first()


@functools.lru_cache(maxsize=1)
def _settings_statement():
    return select(_settings_text("profile"))


def settings_text(conn: Connection) -> str:
    """The profile's settings as stored ('' when it has none): compare with ``card_and_settings``."""
    return conn.execute(_settings_statement(), {"profile": current_profile(conn)}).scalar_one()


@functools.lru_cache(maxsize=16)
def _answer_statement(columns: tuple[str, ...], siblings: bool, guarded: bool):
    conditions = [
        _cards.c.id == bindparam("w_id"),
        _cards.c.profile == bindparam("w_profile"),
        _cards.c.version == bindparam("w_version"),
    ]
    if guarded:
        conditions.append(_settings_text("w_profile") == bindparam("w_settings"))
    answered = (
        update(_cards)
        .where(*conditions)
        .values({**{c: bindparam(f"w_{c}") for c in columns}, "version": bindparam("w_version") + 1})
        .returning(_cards.c.id, _cards.c.profile, _cards.c.node_id)
        .cte("answered")
    )
    logged_columns = [c for c in LOG_COLUMNS if c != "card_id"]
    rows = select(answered.c.id, answered.c.profile,
                  *[bindparam(f"l_{c}", type_=_logs.c[c].type) for c in logged_columns])
    logged = (insert(_logs).from_select(["card_id", "profile", *logged_columns], rows)
              .returning(_logs.c.id).cte("logged"))
    buried_ids: Any = null()
    if siblings:
        # Only once the answer is written (its key point comes from ``answered``).
        buried = (
            update(_cards)
            .where(
                _cards.c.profile == bindparam("w_profile"),
                _cards.c.node_id.in_(select(answered.c.node_id)),
                _cards.c.id != bindparam("w_id"),
                *sibling_conditions(bindparam("b_now", type_=_cards.c.due.type),
                                    bindparam("b_day_end", type_=_cards.c.due.type)),
            )
            .values(buried_until=bindparam("b_until", type_=_cards.c.buried_until.type), version=_cards.c.version + 1)
            .returning(_cards.c.id)
            .cte("buried")
        )
        buried_ids = select(func.array_agg(buried.c.id)).scalar_subquery()
    return select(select(logged.c.id).scalar_subquery().label("log_id"), buried_ids.label("buried"))


def answer_at_once(conn: Connection | Session, card_id: str, expected_version: int, values: dict,
                   settings: str | None, log: dict,
                   siblings: tuple[dt.datetime, dt.datetime, dt.datetime] | None = None,
                   ) -> tuple[int, list[str]] | None:
    """Write a card's new state and its log row in one statement: (log id, siblings buried), or
    None when the card's version or the profile's settings (``settings``, as read; None: not
    checked) changed meanwhile.

    ``siblings`` = (now, end of the study day, burial's end): bury the card's siblings as
    ``review_repo.bury_siblings`` does, in the same statement.
    """
    stmt = _answer_statement(tuple(sorted(values)), siblings is not None, settings is not None)
    params = {f"w_{c}": v for c, v in values.items()}
    params.update({f"l_{c}": v for c, v in log.items() if c != "card_id"})
    params.update(w_id=card_id, w_version=expected_version, w_profile=current_profile(conn), w_settings=settings)
    if siblings is not None:
        params.update(b_now=siblings[0], b_day_end=siblings[1], b_until=siblings[2])
    row = conn.execute(stmt, params).one()
    if row.log_id is None:
        return None
    return int(row.log_id), sorted(row.buried or [])


def prepare_answer(conn: Connection, siblings: bool) -> None:
    """Run the answer statement once on a card that cannot match (version -1), writing nothing.

    Building the statement's SQL costs several milliseconds of CPU the first
    time in a process; paid here, while a card is shown, the candidate's first
    answer does not wait for it.
    """
    columns = (*STATE_COLUMNS, "suspended")  # what every answer writes (see services.review)
    stmt = _answer_statement(tuple(sorted(columns)), siblings, True)
    params: dict[str, Any] = {f"w_{c}": None for c in columns}
    params.update({f"l_{c}": None for c in LOG_COLUMNS if c != "card_id"})
    params.update(w_id="", w_version=-1, w_profile=current_profile(conn), w_settings="")
    if siblings:
        now = dt.datetime.now(dt.timezone.utc)
        params.update(b_now=now, b_day_end=now, b_until=now)
    conn.execute(stmt, params).one()
