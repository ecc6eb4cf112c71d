"""The study plan: exam date, daily goal, days away; stored beside the review settings."""

import datetime as dt

import pytest

from cskexam.core.plan import StudyPlan, days_away, goal_text, parse_date

TODAY = dt.date(2026, 12, 7)


def test_parse_date_forms():
    assert parse_date("2027-05-16", TODAY) == dt.date(2027, 5, 16)
    assert parse_date("5月16日", TODAY) == dt.date(2027, 5, 16)  # past this year: next year
    assert parse_date("12/20", TODAY) == dt.date(2026, 12, 20)
    assert parse_date("", TODAY) is None
    with pytest.raises(ValueError, match="没有这一天"):
        parse_date("2/30", TODAY)
    with pytest.raises(ValueError, match="无法识别"):
        parse_date("下周", TODAY)


def test_an_exam_date_years_away_is_a_slip_in_the_year():
    assert parse_date("2031-12-01", TODAY) == dt.date(2031, 12, 1)
    for typo in ("9999-12-31", "2207-05-16", "2032-01-01"):
        with pytest.raises(ValueError, match="考试日期太远.*请检查年份"):
            parse_date(typo, TODAY)


def test_countdown_goal_and_days_away():
    plan = StudyPlan(dt.date(2026, 12, 17), 50)
    assert plan.countdown_text(TODAY) == "还有 10 天（12-17）"
    assert StudyPlan().countdown_text(TODAY).startswith("未设置")
    assert StudyPlan(TODAY).countdown_text(TODAY) == "今天考试，加油！"
    assert goal_text(30, 50) == "30/50 张" and goal_text(50, 50).endswith("已完成") and goal_text(5, 0) == ""
    assert days_away(TODAY - dt.timedelta(days=1), TODAY) == 0
    assert days_away(TODAY - dt.timedelta(days=3), TODAY) == 2
    assert StudyPlan.from_dict({"exam_date": "bad", "daily_goal": "x"}) == StudyPlan()
    with pytest.raises(ValueError):
        StudyPlan(daily_goal=-1)


def test_plan_and_settings_share_a_row_without_losing_each_other(tmp_db_url):
    from cskexam.core.srs import SrsSettings
    from cskexam.services import plan as plan_service
    from cskexam.services import review_queue as review
    from cskexam.storage.db import open_database

    db = open_database(tmp_db_url)
    now = dt.datetime(2026, 12, 7, 8, tzinfo=dt.timezone.utc)
    with db.session() as s:
        plan_service.set_plan(s, StudyPlan(dt.date(2027, 5, 16), 40), now)
        review.set_settings(s, SrsSettings(desired_retention=0.85), now)
    with db.session() as s:
        assert plan_service.get_plan(s) == StudyPlan(dt.date(2027, 5, 16), 40)
        assert review.get_settings(s).desired_retention == 0.85
    db.close()
