"""The drill on PostgreSQL: an answer is one statement, the figures are counted once per card,
and an answer computed from a card or settings another device changed meanwhile is computed again."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cskexam.core.srs import EASY, GOOD, SrsSettings
from cskexam.services import review_queue as review
from cskexam.services.review import Reviewer
from cskexam.storage.models_review import CardRow, ReviewLogRow
from cskexam.storage.review_repo import state_of
from test_review import CST, Clock, count_statements, fresh_counts


@pytest.fixture
def db(review_db):
    if review_db.is_sqlite:
        pytest.skip("the one-statement answer is PostgreSQL's (SQLite answers under its write lock)")
    return review_db


def test_an_answer_is_one_statement_and_the_figures_are_counted_once_per_card(db):
    clock = Clock()
    r = Reviewer(db, tz=CST, clock=clock)
    card = r.next_card()
    expected = fresh_counts(db, clock())
    statements = count_statements(db)
    assert r.counts() == expected
    assert statements == []  # the figures counted with the card
    result = r.answer(card.id, GOOD)
    assert len(statements) == 1 and statements[0].lstrip().upper().startswith("WITH"), statements
    statements.clear()
    r.next_card()
    assert sum("count(" in s for s in statements) == 1
    statements.clear()
    counts = r.counts()
    assert statements == []
    assert counts == fresh_counts(db, clock())
    with db.session() as s:
        assert s.scalar(select(ReviewLogRow.card_id).where(ReviewLogRow.id == result.log_id)) == card.id
    r.close()


def test_a_card_another_device_answered_meanwhile_is_answered_on_top(db):
    clock = Clock()
    here, there = Reviewer(db, tz=CST, clock=clock), Reviewer(db, tz=CST, clock=clock)
    card = here.next_card()
    assert there.next_card().id == card.id
    clock.advance(seconds=1)
    first = there.answer(card.id, GOOD)
    clock.advance(seconds=1)
    second = here.answer(card.id, EASY)  # computed from the state before 'there' answered: done again
    assert second.before == first.after
    with db.session() as s:
        row = s.execute(select(CardRow).where(CardRow.id == card.id, CardRow.profile == "default")).scalar_one()
        logs = s.scalars(select(ReviewLogRow.id).where(ReviewLogRow.card_id == card.id)).all()
        assert state_of(row) == second.after == review.replay_card(s, card.id, SrsSettings())
    assert sorted(logs) == sorted([first.log_id, second.log_id])
    here.close()
    there.close()


def test_settings_another_device_saved_meanwhile_are_the_ones_an_answer_uses(db):
    clock = Clock()
    here, there = Reviewer(db, tz=CST, clock=clock), Reviewer(db, tz=CST, clock=clock)
    card = here.next_card()
    assert here.settings == SrsSettings()
    changed = SrsSettings(desired_retention=0.8, daily_new_limit=7)
    there.save_settings(changed)
    result = here.answer(card.id, GOOD)
    assert here.settings == changed
    with db.session() as s:
        assert review.replay_card(s, card.id, changed) == result.after
    # Saved on this drill: used at once (no second read needed to answer).
    mine = SrsSettings(desired_retention=0.95, daily_new_limit=9)
    here.save_settings(mine)
    assert here.counts().new == 8  # 9 a day, one introduced today
    nxt = here.next_card()
    after = here.answer(nxt.id, GOOD).after
    with db.session() as s:
        assert review.replay_card(s, nxt.id, mine) == after
    here.close()
    there.close()


def test_the_answer_statement_is_built_while_the_first_card_is_shown_and_writes_nothing_then(db):
    """The first answer of a drill does not wait for its statement to be built: the card's
    display ran the very same statement on a version no card has, which wrote nothing."""
    clock = Clock()
    r = Reviewer(db, tz=CST, clock=clock)
    statements = count_statements(db)
    card = r.next_card()
    shown = [s for s in statements if "INSERT INTO review_logs" in s]
    assert len(shown) == 1
    with db.session() as s:
        assert s.scalar(select(ReviewLogRow.id).limit(1)) is None
        assert {row.version for row in s.scalars(select(CardRow))} == {0}
    statements.clear()
    r.answer(card.id, GOOD)
    assert statements == shown  # the same SQL: built once per process
    statements.clear()
    r.answer(r.next_card().id, EASY)
    assert [s for s in statements if "INSERT INTO review_logs" in s] == shown
    r.close()
