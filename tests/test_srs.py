"""The fsrs adapter: known answers, previews, replay, fuzz, leeches, the 4 am study day."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from cskexam.core import srs
from cskexam.core.srs import AGAIN, GOOD, HARD, EASY, CardState, ReviewEvent, SrsSettings
from cskexam.core.studyday import day_bounds, day_start, next_day_start, study_day

START = datetime(2022, 11, 29, 12, 30, tzinfo=timezone.utc)
CST = timezone(timedelta(hours=8))


def test_known_answer_intervals_without_fuzz():
    settings = SrsSettings(enable_fuzzing=False)
    state, at, intervals = CardState(), START, []
    for letter in "GGGGGGAAGGGGG":
        out = srs.review(state, {"G": GOOD, "A": AGAIN}[letter], at, settings, card_key="c1")
        intervals.append((out.after.due - out.after.last_review).days)
        state, at = out.after, out.after.due
    assert intervals == [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]
    assert state.reps == 13 and state.lapses == 1


def test_new_card_goes_through_learning_steps():
    s = SrsSettings(enable_fuzzing=False)
    first = srs.review(CardState(), GOOD, START, s).after
    assert first.state == srs.LEARNING and first.step == 1
    assert first.due - START == timedelta(minutes=10)
    again = srs.review(CardState(), AGAIN, START, s).after
    assert again.due - START == timedelta(minutes=1)
    easy = srs.review(CardState(), EASY, START, s).after
    assert easy.state == srs.REVIEW


def test_preview_matches_what_review_gives():
    s = SrsSettings(enable_fuzzing=False)
    state = srs.review(CardState(), GOOD, START, s).after
    state = srs.review(state, GOOD, state.due, s).after  # now in review
    at = state.due
    previews = srs.preview(state, at, s)
    assert set(previews) == {AGAIN, HARD, GOOD, EASY}
    for rating, interval in previews.items():
        assert srs.review(state, rating, at, s).interval == interval
    assert previews[AGAIN] < previews[HARD] < previews[GOOD] < previews[EASY]


def test_preview_of_a_new_card():
    p = srs.preview(CardState(), START, SrsSettings())
    assert [srs.format_interval(p[r]) for r in (AGAIN, HARD, GOOD)] == ["1分钟", "6分钟", "10分钟"]
    assert p[EASY] >= timedelta(days=1)


@pytest.mark.parametrize("delta,text", [
    (timedelta(seconds=30), "<1分钟"), (timedelta(minutes=10), "10分钟"), (timedelta(hours=3), "3小时"),
    (timedelta(days=2), "2天"), (timedelta(days=45), "1.5月"), (timedelta(days=730), "2年"),
])
def test_format_interval(delta, text):
    assert srs.format_interval(delta) == text


def test_fuzz_is_deterministic_per_card_and_review_and_stays_in_range():
    s = SrsSettings(enable_fuzzing=True)
    state, at = CardState(), START
    for _ in range(6):
        state = srs.review(state, GOOD, at, s, card_key="abc").after
        at = state.due
    again, at2 = CardState(), START
    for _ in range(6):
        again = srs.review(again, GOOD, at2, s, card_key="abc").after
        at2 = again.due
    assert again == state
    # fsrs's ranges: a 46-day interval lands within ±5 days, and really varies
    days = {srs.fuzz_days(46, random.Random(i), 36500) for i in range(200)}
    assert days <= set(range(41, 52)) and len(days) >= 5
    assert srs.fuzz_days(2, random.Random(1), 36500) == 2


def test_replay_of_the_log_reproduces_the_state():
    s = SrsSettings()
    rng = random.Random(7)
    state, at, events = CardState(), START, []
    for _ in range(40):
        rating = rng.choice([AGAIN, HARD, GOOD, GOOD, GOOD, EASY])
        if rng.random() < 0.1:
            events.append(ReviewEvent(srs.RESCHEDULE, at))
            state = srs.reschedule_now(state, at)
        events.append(ReviewEvent(rating, at))
        state = srs.review(state, rating, at, s, card_key="k9").after
        at = max(state.due, at) + timedelta(hours=rng.randint(0, 30))
    assert srs.replay(events, s, card_key="k9") == state


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([1, 2, 3, 4]), st.integers(0, 60 * 24 * 40)), max_size=25))
def test_replay_property(steps):
    s = SrsSettings()
    state, at, events = CardState(), START, []
    for rating, wait_minutes in steps:
        at = at + timedelta(minutes=wait_minutes)
        state = srs.review(state, rating, at, s, card_key="p").after
        events.append(ReviewEvent(rating, at))
    assert srs.replay(events, s, "p") == state


def test_eight_lapses_make_a_leech():
    s = SrsSettings(enable_fuzzing=False)
    state = srs.review(CardState(), EASY, START, s).after
    flagged = []
    for _ in range(8):
        out = srs.review(state, AGAIN, state.due, s)  # lapse from review
        flagged.append(out.became_leech)
        state = srs.review(out.after, EASY, out.after.due, s).after
    assert state.lapses == 8 and state.leech
    assert flagged == [False] * 7 + [True]


def test_learning_again_is_not_a_lapse():
    s = SrsSettings()
    state = srs.review(CardState(), AGAIN, START, s).after
    assert state.lapses == 0


def test_reschedule_now_puts_new_cards_into_learning():
    state = srs.reschedule_now(CardState(), START)
    assert state.state == srs.LEARNING and state.due == START and state.reps == 0
    reviewed = srs.review(CardState(), EASY, START, SrsSettings()).after
    later = START + timedelta(hours=5)
    assert srs.reschedule_now(reviewed, later).due == later


def test_settings_validate_and_round_trip():
    s = SrsSettings(desired_retention=0.85, daily_new_limit=5, learning_steps=[30, 300])
    assert SrsSettings.from_dict(s.to_dict()) == s
    with pytest.raises(ValueError, match="记忆保持率"):
        SrsSettings(desired_retention=1.5)
    with pytest.raises(ValueError, match="新卡上限"):
        SrsSettings(daily_new_limit=-1)


def test_maximum_interval_is_respected():
    s = SrsSettings(maximum_interval=30)
    state, at = CardState(), START
    for _ in range(8):
        state = srs.review(state, EASY, at, s, "m").after
        at = state.due
        assert (state.due - state.last_review).days <= 30


def test_card_state_json_round_trip():
    state = srs.review(CardState(), GOOD, START, SrsSettings()).after
    assert CardState.from_dict(state.to_dict()) == state


def test_retrievability():
    s = SrsSettings(enable_fuzzing=False)
    assert srs.retrievability(CardState(), START, s) == 0
    state = srs.review(CardState(), EASY, START, s).after
    assert srs.retrievability(state, state.due, s) == pytest.approx(0.9, abs=0.03)


# -- study day ------------------------------------------------------------------

def test_study_day_rolls_over_at_4am_local():
    # 2024-03-10 03:59 in Beijing is still the study day of 03-09
    assert study_day(datetime(2024, 3, 9, 19, 59, tzinfo=timezone.utc), CST) == date(2024, 3, 9)
    assert study_day(datetime(2024, 3, 9, 20, 0, tzinfo=timezone.utc), CST) == date(2024, 3, 10)
    start, end = day_bounds(datetime(2024, 3, 10, 1, 0, tzinfo=timezone.utc), CST)
    assert start == datetime(2024, 3, 9, 20, 0, tzinfo=timezone.utc)
    assert end - start == timedelta(days=1)


def test_study_day_across_daylight_saving():
    berlin = ZoneInfo("Europe/Berlin")
    # clocks go forward in the night to 2024-03-31: the study day of 03-30 is 23 hours long
    start = day_start(date(2024, 3, 30), berlin)
    end = day_start(date(2024, 3, 31), berlin)
    assert end - start == timedelta(hours=23)
    assert next_day_start(start + timedelta(hours=1), berlin) == end


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        study_day(datetime(2024, 1, 1))
    with pytest.raises(ValueError):
        srs.review(CardState(), GOOD, datetime(2024, 1, 1), SrsSettings())


def test_easy_is_longer_than_good_for_a_learning_card():
    # 重来 then 良好 leaves the card on its last learning step; fsrs rounds
    # 良好 and 简单 there to 1天 each.
    s = SrsSettings(enable_fuzzing=False)
    state = srs.review(CardState(), AGAIN, START, s, card_key="c").after
    state = srs.review(state, GOOD, state.due, s, card_key="c").after
    assert state.state == srs.LEARNING
    at = state.due
    p = srs.preview(state, at, s)
    assert p[GOOD] >= timedelta(days=1)
    assert p[EASY] > p[GOOD]
    assert srs.format_interval(p[EASY]) != srs.format_interval(p[GOOD])
    assert srs.review(state, EASY, at, s, card_key="c").interval == p[EASY]


@given(st.lists(st.sampled_from([AGAIN, HARD, GOOD, EASY]), max_size=8),
       st.integers(min_value=0, max_value=30 * 24 * 60))
@hsettings(max_examples=60, deadline=None)
def test_review_intervals_are_strictly_ordered(ratings, late_minutes):
    s = SrsSettings(enable_fuzzing=False)
    state, at = CardState(), START
    for rating in ratings:
        state = srs.review(state, rating, at, s, card_key="p").after
        at = state.due + timedelta(minutes=late_minutes)
    p = srs.preview(state, at, s)
    to_review = [r for r in (HARD, GOOD, EASY) if p[r] >= timedelta(days=1)]
    cap = timedelta(days=s.maximum_interval)
    for lower, higher in zip(to_review, to_review[1:]):
        assert p[higher] > p[lower] or p[higher] == p[lower] == cap


def test_a_reset_in_the_log_makes_the_card_new_again():
    s = SrsSettings(enable_fuzzing=False)
    events = [ReviewEvent(GOOD, START), ReviewEvent(GOOD, START + timedelta(minutes=10)),
              ReviewEvent(srs.RESET, START + timedelta(days=1))]
    assert srs.replay(events, s, "c") == CardState()
    events.append(ReviewEvent(EASY, START + timedelta(days=2)))
    assert srs.replay(events, s, "c").reps == 1
