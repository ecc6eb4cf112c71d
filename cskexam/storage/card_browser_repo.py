"""SQL of the card browser: every card with its flags, hand edits, cards the user adds.

A card's text is shared by every profile (an edit or an added card reaches
them all); its scheduling state is the session's profile's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from cskexam.storage.models_review import CardRow
from cskexam.storage.profile_key import DEFAULT_PROFILE
from cskexam.storage.profiles_repo import current_profile, lock_profiles
from cskexam.storage.review_repo import insert_cards

_cards = cast(Table, CardRow.__table__)


def all_cards(session: Session) -> list[Any]:
    """Every card still in the notes (or written by the user), in introduction order."""
    query = (
        select(_cards)
        .where(_cards.c.profile == current_profile(session), _cards.c.orphaned.is_(False))
        .order_by(_cards.c.seq)
    )
    return list(session.execute(query))


def get(session: Session, card_id: str) -> Any | None:
    query = select(_cards).where(_cards.c.id == card_id, _cards.c.profile == current_profile(session))
    return session.execute(query).first()


def set_text(session: Session, card_id: str, front: str, back: str, now: dt.datetime) -> bool:
    lock_profiles(session)  # a profile being added copies the text after this edit
    result = session.execute(
        update(_cards).where(_cards.c.id == card_id)
        .values(front=front, back=back, edited=True, changed_at=now, version=_cards.c.version + 1)
    )
    return bool(cast(CursorResult, result).rowcount)


def add_custom(session: Session, card_id: str, node_id: str, kind: str, front: str, back: str,
               now: dt.datetime) -> None:
    query = select(func.coalesce(func.max(_cards.c.seq), -1)).where(_cards.c.profile == DEFAULT_PROFILE)
    seq = session.execute(query).scalar_one() + 1
    insert_cards(session, [dict(
        id=card_id, node_id=node_id, kind=kind, front=front, back=back, seq=seq, created_at=now, changed_at=now,
        orphaned=False, suspended=False, leech=False, state=0, reps=0, lapses=0, version=0, edited=True,
        custom=True,
    )])
