"""The candidates who study from one library.

Notes, the graph and the question bank are shared; each profile has its own
card scheduling state, review log, answers, 错题本, stars, settings and exam
attempts (a ``profile`` column on those tables). The ``default`` profile
always exists: a library used by one candidate never names another.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from cskexam.storage.base import Base

from cskexam.storage.profile_key import DEFAULT_PROFILE
PROFILE = String(32)


class ProfileRow(Base):
    __tablename__ = "profiles"

    name: Mapped[str] = mapped_column(PROFILE, primary_key=True)
    created_at: Mapped[dt.datetime]


def profile_column(**kw):
    """The ``profile`` column of every per-candidate table."""
    return mapped_column(PROFILE, server_default=DEFAULT_PROFILE, **kw)
