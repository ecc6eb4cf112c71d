"""Study statistics: pure figures and the service over a temp library."""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta, timezone

import pytest

from cskexam.core import stats
from cskexam.core.srs import AGAIN, EASY, GOOD, HARD, NEW, REVIEW, LEARNING
from cskexam.services.review import Reviewer
from cskexam.services.stats import study_stats, today_figures

CST = timezone(timedelta(hours=8))
T0 = dt.datetime(2024, 5, 6, 12, 0, tzinfo=timezone.utc)  # 20:00 in Beijing


def test_daily_counts_use_study_days():
    times = [
        dt.datetime(2024, 5, 6, 12, 0, tzinfo=timezone.utc),   # 05-06 20:00 local
        dt.datetime(2024, 5, 6, 19, 30, tzinfo=timezone.utc),  # 05-07 03:30 local: still 05-06
        dt.datetime(2024, 5, 6, 20, 30, tzinfo=timezone.utc),  # 05-07 04:30 local
    ]
    counts = stats.daily_counts(times, date(2024, 5, 7), 3, CST)
    assert counts == [(date(2024, 5, 5), 0), (date(2024, 5, 6), 2), (date(2024, 5, 7), 1)]


def test_streak():
    today = date(2024, 5, 10)
    days = {date(2024, 5, 9), date(2024, 5, 8), date(2024, 5, 6)}
    assert stats.streak(days, today) == 2  # not yet studied today: counts up to yesterday
    assert stats.streak(days | {today}, today) == 3
    assert stats.streak({date(2024, 5, 7)}, today) == 0


def test_forecast_counts_overdue_today_and_ignores_the_far_future():
    now = T0
    dues = [now - timedelta(days=3), now + timedelta(hours=1), now + timedelta(days=2), now + timedelta(days=40)]
    fc = stats.forecast(dues, now, 30, CST)
    assert len(fc) == 30 and fc[0] == (date(2024, 5, 6), 2) and fc[2] == (date(2024, 5, 8), 1)
    assert sum(n for _, n in fc) == 3


def test_true_retention_counts_only_review_state_answers():
    r = stats.true_retention([(GOOD, REVIEW), (AGAIN, REVIEW), (HARD, REVIEW), (AGAIN, LEARNING), (EASY, NEW)])
    assert (r.passed, r.total) == (2, 3) and r.rate == pytest.approx(2 / 3)
    assert stats.true_retention([]).rate is None


def test_mastery():
    m = stats.mastery({("d1", "客户服务管理师二级"): [(NEW, None, 0.0), (REVIEW, 30.0, 0.9), (REVIEW, 5.0, 0.8), (LEARNING, 1.0, 0.5)]})[0]
    assert (m.cards, m.new, m.learning, m.review, m.mature) == (4, 1, 1, 2, 1)
    assert m.mastered == 0.25 and m.recall == pytest.approx(0.55)


def test_heat_levels_are_quarters_of_the_busiest_day():
    assert [stats.heat_level(n, 40) for n in (0, 1, 10, 11, 20, 21, 39, 40)] == [0, 1, 1, 2, 2, 3, 4, 4]
    assert stats.heat_level(3, 0) == 0


def test_heatmap_is_a_calendar_of_weeks_ending_today():
    today = date(2024, 5, 8)  # a Wednesday
    per_day = stats.daily_counts([dt.datetime(2024, 5, 6, 12, tzinfo=timezone.utc)] * 4
                                 + [dt.datetime(2024, 4, 29, 12, tzinfo=timezone.utc)], today, 30, CST)
    grid = stats.heatmap(per_day, today, 3)
    assert len(grid) == 3 and all(len(week) == 7 for week in grid)
    assert [c.day for c in grid[0]][:1] == [date(2024, 4, 22)]  # columns start on Mondays
    assert (grid[1][0].count, grid[1][0].level) == (1, 1)  # 04-29
    assert (grid[2][0].count, grid[2][0].level) == (4, 4)  # 05-06, the busiest day
    assert grid[2][2].day == today and grid[2][3:] == [None] * 4  # nothing after today
    short = stats.heatmap(per_day[-3:], today, 2)  # days without data are blank, not zero
    assert short[0] == [None] * 7 and short[1][0].count == 4


# -- service -------------------------------------------------------------------------------



def test_study_stats_after_a_few_days_of_drilling(review_db):
    db = review_db
    clock = {"now": T0}
    r = Reviewer(db, tz=CST, clock=lambda: clock["now"])
    fresh = None
    with db.session() as s:
        fresh = today_figures(s, T0, CST)
    assert (fresh.due_today, fresh.new_available, fresh.reviewed_today, fresh.streak) == (0, 20, 0, 0)
    for day in range(3):
        for _ in range(5):
            card = r.next_card()
            r.answer(card.id, EASY if day == 0 else (AGAIN if _ == 0 else GOOD))
        clock["now"] += timedelta(days=1)
    now = clock["now"] - timedelta(days=1)
    with db.session() as s:
        st = study_stats(s, now, CST, days=30)
    assert st.today.streak == 3 and st.today.reviewed_today == 5
    assert [n for _, n in st.reviews_per_day[-3:]] == [5, 5, 5]
    assert sum(n for _, n in st.forecast) >= 5
    assert st.retention_all.total == 0  # no card in the review state was due yet
    assert st.cards["review"] + st.cards["learning"] >= 5
    doc = next(m for m in st.documents if m.title == "客户服务管理师二级-《技能理论》重点考点")
    assert doc.cards > 10 and doc.cards - doc.new >= 5
    assert st.chapters and all(m.cards for m in st.chapters)
    # three weeks later the first cards come back as reviews: 1 forgotten, 2 recalled
    clock["now"] = now + timedelta(days=21)
    ratings = [AGAIN, GOOD, GOOD]
    while ratings:
        card = r.next_card()
        if card.state.state == REVIEW:
            r.answer(card.id, ratings.pop(0))
        else:  # learning-state answers do not count for retention
            r.answer(card.id, EASY)
    with db.session() as s:
        st = study_stats(s, clock["now"], CST, days=30)
    assert (st.retention_30d.passed, st.retention_30d.total) == (2, 3)
    assert st.today.streak == 1
    data = st.to_dict()
    assert {"due_today", "new_available", "reviewed_today", "streak", "forecast", "retention", "mastery"} <= set(data)


def test_heatmap_month_names_stay_within_the_grid():
    """A month starting in the last week has no room for its name: left out, not wrapped onto a new line."""
    import datetime as dt

    from cskexam.tui.screens.stats import ReviewHeatmap, _cells

    start = dt.date(2026, 1, 1)
    for offset in range(0, 366, 3):
        today = start + dt.timedelta(days=offset)
        for weeks in (4, 20, 34, 35, 52):
            row = ReviewHeatmap._month_row(today, weeks).plain
            assert _cells(row) <= 3 + 2 * weeks, (today, weeks, row)
