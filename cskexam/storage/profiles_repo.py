"""Profiles in the database, and the profile a session or connection acts for.

Every per-candidate query of the other repositories filters on
``current_profile(session)``: the profile the ``Database`` that opened the
session was given (see ``Database.for_profile``). Services therefore never
pass a profile around; a library opened as 张三 reads and writes 张三's rows.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from typing import cast

from sqlalchemy import Table, literal, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from cskexam.errors import UserError
from cskexam.storage.models_profiles import PROFILE, ProfileRow
from cskexam.storage.models_review import CardRow
from cskexam.storage.profile_key import DEFAULT_PROFILE, PROFILE_KEY

_profiles = cast(Table, ProfileRow.__table__)
_cards = cast(Table, CardRow.__table__)
MAX_NAME = 32


def current_profile(session: Session | Connection) -> str:
    if isinstance(session, Session):
        profile = session.info.get(PROFILE_KEY)
        if profile:
            return profile
        session = session.connection()
    return session.info.get(PROFILE_KEY) or DEFAULT_PROFILE


def check_name(name: str) -> str:
    """The profile name as stored; UserError for one that cannot be a name."""
    cleaned = unicodedata.normalize("NFC", (name or "").strip())
    if not cleaned:
        raise UserError("档案名不能为空")
    if len(cleaned) > MAX_NAME:
        raise UserError(f"档案名最长 {MAX_NAME} 个字符：「{cleaned}」")
    if any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in cleaned):
        raise UserError(f"档案名不能含控制字符或换行：「{cleaned!r}」")
    return cleaned


def profile_names(session: Session | Connection) -> list[str]:
    """Every profile, the default first, then by creation."""
    rows = session.execute(select(_profiles.c.name).order_by(_profiles.c.created_at, _profiles.c.name)).scalars()
    names = [n for n in rows if n != DEFAULT_PROFILE]
    return [DEFAULT_PROFILE, *names]


def profile_exists(session: Session | Connection, name: str) -> bool:
    return session.execute(select(_profiles.c.name).where(_profiles.c.name == name)).first() is not None


def lock_profiles(session: Session | Connection) -> None:
    """Serialise adding a profile with adding cards (each needs the other's result).

    The default profile's row is the lock: a card sync and a new profile
    both take it, so a new card reaches every profile and a new profile
    every card. SQLite's write lock does the same already.
    """
    bind = session.get_bind() if isinstance(session, Session) else session
    if bind.dialect.name == "sqlite":
        return
    session.execute(select(_profiles.c.name).where(_profiles.c.name == DEFAULT_PROFILE).with_for_update())


def add_profile(session: Session | Connection, name: str, now: dt.datetime) -> bool:
    """Create ``name`` with every card new; False if it exists already."""
    lock_profiles(session)
    if profile_exists(session, name):
        return False
    session.execute(_profiles.insert().values(name=name, created_at=now))
    # The default profile always holds every card: copy their content, fresh state.
    # (The other scheduling columns start at their server defaults: new, unsuspended.)
    content = ("id", "node_id", "kind", "front", "back", "seq", "created_at", "changed_at", "orphaned", "edited", "custom")
    source = select(literal(name, PROFILE), *(_cards.c[c] for c in content)).where(
        _cards.c.profile == DEFAULT_PROFILE
    )
    session.execute(_cards.insert().from_select(["profile", *content], source))
    return True
