"""Figures for the home screen, the 统计 screen and ``cskexam stats``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import tzinfo

from sqlalchemy.orm import Session

from cskexam.core import srs, stats
from cskexam.core.srs import CardState, SrsSettings
from cskexam.core.studyday import day_bounds, day_start, study_day
from cskexam.services import review_queue as review
from cskexam.storage import review_repo, stats_repo


@dataclass(frozen=True)
class TodayFigures:
    """What the home screen shows."""

    day: dt.date
    due_today: int  # learning + review cards due this study day
    new_available: int  # new cards still allowed today
    reviewed_today: int
    streak: int

    def to_dict(self) -> dict:
        return {
            "day": self.day.isoformat(), "due_today": self.due_today, "new_available": self.new_available,
            "reviewed_today": self.reviewed_today, "streak": self.streak,
        }


@dataclass(frozen=True)
class StudyStats:
    today: TodayFigures
    reviews_per_day: list[tuple[dt.date, int]]
    forecast: list[tuple[dt.date, int]]
    retention_30d: stats.Retention
    retention_all: stats.Retention
    documents: list[stats.Mastery]
    chapters: list[stats.Mastery]
    cards: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            **self.today.to_dict(),
            "cards": dict(self.cards),
            "reviews_per_day": [{"day": d.isoformat(), "reviews": n} for d, n in self.reviews_per_day],
            "forecast": [{"day": d.isoformat(), "due": n} for d, n in self.forecast],
            "retention": {"last_30_days": self.retention_30d.to_dict(), "all_time": self.retention_all.to_dict()},
            "mastery": {
                "documents": [m.to_dict() for m in self.documents],
                "chapters": [m.to_dict() for m in self.chapters],
            },
        }


def today_figures(session: Session, now: dt.datetime, tz: tzinfo | None = None,
                  settings: SrsSettings | None = None) -> TodayFigures:
    settings = settings or review.get_settings(session)
    counts = review.queue_counts(session, now, settings, tz)
    start, end = day_bounds(now, tz)
    today = study_day(now, tz)
    days = {study_day(t, tz) for t in stats_repo.review_dates(session)}
    return TodayFigures(
        day=today,
        due_today=counts.learning + counts.review,
        new_available=counts.new,
        reviewed_today=review_repo.reviews_between(session, start, end),
        streak=stats.streak(days, today),
    )


def study_stats(session: Session, now: dt.datetime, tz: tzinfo | None = None, days: int = 120,
                forecast_days: int = 30) -> StudyStats:
    settings = review.get_settings(session)
    today = study_day(now, tz)
    logs = stats_repo.log_rows(session)
    figures = today_figures(session, now, tz, settings)
    per_day = stats.daily_counts((r.reviewed_at for r in logs), today, days, tz)
    horizon = day_start(today + dt.timedelta(days=forecast_days), tz)
    forecast = stats.forecast(stats_repo.due_dates(session, horizon, now), now, forecast_days, tz)
    month_ago = day_start(today - dt.timedelta(days=29), tz)
    retention_30 = stats.true_retention((r.rating, r.state_before) for r in logs if r.reviewed_at >= month_ago)
    retention_all = stats.true_retention((r.rating, r.state_before) for r in logs)
    documents, chapters = _mastery(session, now, settings)
    by_state = stats_repo.counts_by_state(session)
    cards = {
        "new": by_state.get(srs.NEW, 0),
        "learning": by_state.get(srs.LEARNING, 0) + by_state.get(srs.RELEARNING, 0),
        "review": by_state.get(srs.REVIEW, 0),
        "suspended": stats_repo.count_cards(session, suspended=True, orphaned=False),
        "leeches": stats_repo.count_cards(session, leech=True, orphaned=False),
    }
    return StudyStats(figures, per_day, forecast, retention_30, retention_all, documents, chapters, cards)


def _mastery(session: Session, now: dt.datetime, settings: SrsSettings):
    nodes = stats_repo.node_parents(session)

    def chapter_of(node_id: str) -> tuple[str, str] | None:
        # The top-level division below the document: 第一章…, 第一部分…
        chain: list[str] = []
        current: str | None = node_id
        while current in nodes and current not in chain:
            chain.append(current)
            current = nodes[current][0]
        if len(chain) < 2:
            return None
        top = chain[-2]
        return top, nodes[top][2]

    docs: dict[tuple[str, str], list] = defaultdict(list)
    chapters: dict[tuple[str, str], list] = defaultdict(list)
    for row in stats_repo.card_states_with_documents(session):
        state = CardState(state=row.state, step=row.step, stability=row.stability, difficulty=row.difficulty,
                          due=row.due, last_review=row.last_review, reps=row.reps, lapses=row.lapses)
        entry = (row.state, row.stability, srs.retrievability(state, now, settings))
        doc_title = nodes.get(row.document_id, (None, "", row.document_id))[2]
        docs[(row.document_id, doc_title)].append(entry)
        chapter = chapter_of(row.node_id)
        if chapter is not None:
            chapters[chapter].append(entry)
    return stats.mastery(docs), stats.mastery(chapters)
