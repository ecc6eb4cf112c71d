"""The study plan (exam date, daily goal), stored with the profile's review settings."""

from __future__ import annotations

import datetime as dt

from cskexam.core.plan import StudyPlan
from cskexam.services.review_queue import DEFAULT_PROFILE
from cskexam.storage import review_repo

PLAN_KEYS = ("exam_date", "daily_goal")


def get_plan(session, profile: str = DEFAULT_PROFILE) -> StudyPlan:
    return StudyPlan.from_dict(review_repo.load_settings(session, profile) or {})


def set_plan(session, plan: StudyPlan, now: dt.datetime, profile: str = DEFAULT_PROFILE) -> None:
    review_repo.save_settings(session, profile, plan.to_dict(), now)


def load_plan(library) -> StudyPlan:
    with library.db.session() as s:
        return get_plan(s)


def save_plan(library, plan: StudyPlan, now: dt.datetime | None = None) -> None:
    with library.db.session(immediate=True) as s:
        set_plan(s, plan, now or dt.datetime.now(dt.timezone.utc))


def home_stats(library, now: dt.datetime) -> dict[str, object]:
    """Home screen figures: days until the exam, the daily goal, what to do first after days away."""
    from cskexam.core.plan import days_away, goal_text
    from cskexam.core.studyday import day_bounds, study_day
    from cskexam.services import review_queue

    if getattr(library, "db", None) is None:
        return {}
    today = study_day(now)
    start, end = day_bounds(now)
    with library.db.session() as s:
        plan = get_plan(s)
        reviewed = review_repo.reviews_between(s, start, end)
        studied = [study_day(t) for t in review_repo.review_dates(s)]
        counts = review_queue.queue_counts(s, now, review_queue.get_settings(s))
    out: dict[str, object] = {}
    due = counts.learning + counts.review
    away = days_away(max((d for d in studied if d < today), default=None), today)
    if away and due and not reviewed:
        out["今天先复习"] = f"{due} 张（已 {away} 天没复习）"
    out["距离考试"] = plan.countdown_text(today)
    if plan.daily_goal:
        out["今日目标"] = goal_text(reviewed, plan.daily_goal)
    return out
