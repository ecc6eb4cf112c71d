"""Today's figures for the home screen, as one typed value.

``home_figures(library, now)`` gathers what the review queue, the mock exams
and the study plan have to say; the screen decides how to word and lay it out.
A stand-in library without a database (the start-up tests) has no figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cskexam.errors import UserError

if TYPE_CHECKING:
    from cskexam.core.readiness import Prediction
    from cskexam.services.exam import AttemptSummary
    from cskexam.services.library import Library
    from cskexam.services.stats import TodayFigures


@dataclass(frozen=True)
class ExamFigures:
    unfinished: AttemptSummary | None  # an attempt left in progress
    prediction: Prediction | None  # of the default blueprint
    last: AttemptSummary | None  # the latest finished attempt


@dataclass(frozen=True)
class PlanFigures:
    countdown: str  # days until the exam, in words
    goal: str  # today's reviews against the daily goal ("" without a goal)
    catch_up_due: int  # cards due after days away (0 unless the candidate has been away)
    days_away: int


@dataclass(frozen=True)
class HomeFigures:
    review: TodayFigures | None = None
    exam: ExamFigures | None = None
    plan: PlanFigures | None = None


def home_figures(library: Library, now: dt.datetime) -> HomeFigures:
    if getattr(library, "db", None) is None:
        return HomeFigures()
    return HomeFigures(review_figures(library, now), exam_figures(library, now), plan_figures(library, now))


def review_figures(library: Library, now: dt.datetime) -> TodayFigures:
    from cskexam.services.stats import today_figures

    with library.db.session() as session:
        return today_figures(session, now)


def exam_figures(library: Library, now: dt.datetime) -> ExamFigures:
    from cskexam.services.exam import DEFAULT_BLUEPRINT, ExamService

    service = ExamService(library, clock=lambda: now)
    try:
        names = [b.name for b in service.blueprints()]
    except UserError:
        names = []
    prediction = None
    if names:
        prediction = service.predict(DEFAULT_BLUEPRINT if DEFAULT_BLUEPRINT in names else names[0])
    last = service.history(limit=1)
    return ExamFigures(service.active(), prediction, last[0] if last else None)


def plan_figures(library: Library, now: dt.datetime) -> PlanFigures:
    from cskexam.core.plan import days_away, goal_text
    from cskexam.core.studyday import day_bounds, study_day
    from cskexam.services import review_queue
    from cskexam.services.plan import get_plan
    from cskexam.storage import review_repo, stats_repo

    today = study_day(now)
    start, end = day_bounds(now)
    with library.db.session() as s:
        plan = get_plan(s)
        reviewed = review_repo.reviews_between(s, start, end)
        studied = [study_day(t) for t in stats_repo.review_dates(s)]
        counts = review_queue.queue_counts(s, now, review_queue.get_settings(s))
    due = counts.learning + counts.review
    away = days_away(max((d for d in studied if d < today), default=None), today)
    catch_up = due if away and due and not reviewed else 0
    return PlanFigures(plan.countdown_text(today), goal_text(reviewed, plan.daily_goal) if plan.daily_goal else "",
                       catch_up, away)
