"""The study plan (exam date, daily goal), stored with the profile's review settings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from cskexam.core.plan import StudyPlan
from cskexam.services.review_queue import DEFAULT_PROFILE
from cskexam.storage import review_repo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cskexam.services.library import Library

PLAN_KEYS = ("exam_date", "daily_goal")


def get_plan(session: Session, profile: str = DEFAULT_PROFILE) -> StudyPlan:
    return StudyPlan.from_dict(review_repo.load_settings(session, profile) or {})


def set_plan(session: Session, plan: StudyPlan, now: dt.datetime, profile: str = DEFAULT_PROFILE) -> None:
    review_repo.save_settings(session, profile, plan.to_dict(), now)


def load_plan(library: Library) -> StudyPlan:
    with library.db.session() as s:
        return get_plan(s)


def save_plan(library: Library, plan: StudyPlan, now: dt.datetime | None = None) -> None:
    with library.db.session(immediate=True) as s:
        set_plan(s, plan, now or dt.datetime.now(dt.timezone.utc))
