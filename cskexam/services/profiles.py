"""Profiles: which candidate is studying.

A library (notes, graph, question bank) is shared; each profile has its own
reviews, settings, practice answers, 错题本 and exams. The profile comes from
``--profile NAME``, else ``CSKEXAM_PROFILE``, else the default profile, which
every library has (a library used by one candidate never names another).
Naming a profile that does not exist yet creates it, with every card new.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from cskexam.services.profile_names import DEFAULT_LABEL, ENV, label, title_label  # noqa: F401 - named here too
from cskexam.storage import profiles_repo
from cskexam.storage.profile_key import DEFAULT_PROFILE

if TYPE_CHECKING:
    from cskexam.services.library import Library
    from cskexam.storage.db import Database


def requested_profile(override: str | None = None) -> str:
    """The profile asked for (option, environment, default), checked."""
    name = override if override else os.environ.get(ENV) or DEFAULT_PROFILE
    return _default_named(profiles_repo.check_name(name))


def ensure_profile(db: Database, name: str, now: dt.datetime | None = None) -> bool:
    """Create ``name`` if it does not exist yet; True if it was created."""
    with db.session() as session:
        if profiles_repo.profile_exists(session, name):
            return False
    with db.session(immediate=True) as session:
        return profiles_repo.add_profile(session, name, now or dt.datetime.now(dt.timezone.utc))


MAX_NAME = profiles_repo.MAX_NAME


def _default_named(name: str) -> str:
    return DEFAULT_PROFILE if name == DEFAULT_LABEL else name


def use_profile(library: Library, name: str) -> None:
    """Make ``library`` act for ``name`` from now on (created if new).

    「默认」, as every screen names the default profile, is that profile (also for
    ``--profile``): typed as a new name it made a second profile that looked the
    same in the list.
    """
    name = _default_named(profiles_repo.check_name(name))
    ensure_profile(library.db, name)
    library.db = library.db.for_profile(name)


def profile_names(library: Library) -> list[str]:
    with library.db.session() as session:
        return profiles_repo.profile_names(session)


def current(library: Library) -> str:
    return library.db.profile
