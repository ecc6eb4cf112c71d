"""What the statistics read: review logs, due dates, card states by document, counts by state."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cskexam.core.srs import NEW
from cskexam.storage.profiles_repo import current_profile
from cskexam.storage.review_repo import _cards, _logs, _nodes, _playable

def log_rows(session: Session | Connection, since: dt.datetime | None = None) -> list[Any]:
    query = select(_logs.c.card_id, _logs.c.rating, _logs.c.reviewed_at, _logs.c.state_before).where(
        _logs.c.profile == current_profile(session), _logs.c.rating > 0
    )
    if since is not None:
        query = query.where(_logs.c.reviewed_at >= since)
    return list(session.execute(query.order_by(_logs.c.reviewed_at)))


def review_dates(session: Session | Connection) -> list[dt.datetime]:
    query = select(_logs.c.reviewed_at).where(_logs.c.profile == current_profile(session), _logs.c.rating > 0)
    return list(session.execute(query).scalars())


def due_dates(session: Session | Connection, until: dt.datetime, now: dt.datetime) -> list[dt.datetime]:
    query = select(_cards.c.due).where(_cards.c.state != NEW, _cards.c.due <= until, _playable(now, None, current_profile(session)))
    return list(session.execute(query).scalars())


def card_states_with_documents(session: Session | Connection) -> list[Any]:
    """Every playable card's state with its node's document and chapter ancestry."""
    query = (
        select(
            _cards.c.id, _cards.c.node_id, _cards.c.state, _cards.c.stability, _cards.c.last_review,
            _cards.c.difficulty, _cards.c.step, _cards.c.due, _cards.c.reps, _cards.c.lapses, _cards.c.leech,
            _nodes.c.document_id,
        )
        .join(_nodes, _nodes.c.id == _cards.c.node_id)
        .where(_cards.c.profile == current_profile(session), _cards.c.orphaned.is_(False), _cards.c.suspended.is_(False))
    )
    return list(session.execute(query))


def node_parents(session: Session | Connection) -> dict[str, tuple[str | None, str, str]]:
    """id → (parent id, kind, title) of every node: enough to find a card's chapter."""
    query = select(_nodes.c.id, _nodes.c.parent_id, _nodes.c.kind, _nodes.c.title)
    return {r.id: (r.parent_id, r.kind, r.title) for r in session.execute(query)}


def counts_by_state(session: Session | Connection) -> dict[int, int]:
    query = (
        select(_cards.c.state, func.count())
        .where(_cards.c.profile == current_profile(session), _cards.c.orphaned.is_(False), _cards.c.suspended.is_(False))
        .group_by(_cards.c.state)
    )
    return {state: n for state, n in session.execute(query)}


def count_cards(session: Session | Connection, **flags) -> int:
    query = select(func.count()).select_from(_cards).where(_cards.c.profile == current_profile(session))
    for name, value in flags.items():
        query = query.where(_cards.c[name].is_(value))
    return session.execute(query).scalar_one()
