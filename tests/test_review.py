"""The review loop on a temp SQLite library holding the bundled notes."""

from __future__ import annotations

import copy
import datetime as dt
from datetime import timedelta, timezone

import pytest
from sqlalchemy import func, select

from cskexam.core import srs
from cskexam.core.srs import AGAIN, EASY, GOOD, HARD, SrsSettings
from cskexam.errors import UserError
from cskexam.services import review_queue as review
from cskexam.services.cards import list_cards, sync_cards
from cskexam.services.review import Reviewer
from cskexam.storage import graph_repo
from cskexam.storage.db import open_database  # noqa: F401
from cskexam.storage.models_review import CardRow, ReviewLogRow

CST = timezone(timedelta(hours=8))
# 2024-05-06 20:00 in Beijing: an evening session
NOW = dt.datetime(2024, 5, 6, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now=NOW):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **kw):
        self.now += timedelta(**kw)


@pytest.fixture
def db(review_db):
    return review_db


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def reviewer(db, clock):
    return Reviewer(db, tz=CST, clock=clock)


def card_row(db, card_id):
    with db.session() as s:
        return s.get(CardRow, (card_id, "default"))


def log_count(db):
    with db.session() as s:
        return s.execute(select(func.count()).select_from(ReviewLogRow)).scalar_one()


def macro_list_card(db):
    with db.session() as s:
        cards = list_cards(s)
    return next(c for c in cards if c.front == "宏观环境分析包括哪五个方面？（宏五）")


# -- sync at import ----------------------------------------------------------------------

def test_sync_stores_the_generated_cards(db, bundled_graph):
    with db.session() as s:
        cards = list_cards(s)
    assert len(cards) > 40
    assert macro_list_card(db).back.startswith("1. 市场人口")


def test_resync_keeps_history_updates_text_and_orphans_vanished_cards(db, bundled_graph, reviewer):
    card = macro_list_card(db)
    reviewer.answer(card.id, GOOD)
    graph = copy.deepcopy(bundled_graph)
    macro = next(n for n in graph.find("宏观环境分析") if n.mnemonic == "宏五")
    graph.get(macro.children[1]).title = "经济环境因素"
    competitor = graph.find("愿望竞争者")[0]
    graph.get(competitor.parent).children.remove(competitor.id)
    del graph.nodes[competitor.id]
    graph.definitions = [d for d in graph.definitions if d.node != competitor.id]
    later = NOW + timedelta(hours=1)
    with db.session() as s:
        graph_repo.save_graph(s, graph, later)
        result = sync_cards(s, graph, later)
    assert result.updated >= 1 and result.orphaned >= 1
    row = card_row(db, card.id)
    assert "2. 经济环境因素" in row.back
    assert row.reps == 1 and row.state != srs.NEW  # history kept
    with db.session() as s:
        brand = s.execute(select(CardRow).where(CardRow.front == "什么是愿望竞争者？")).scalar_one()
        assert brand.orphaned
        assert brand.id not in {c.id for c in list_cards(s)}
    # the node comes back: so does its card, not a new one
    with db.session() as s:
        graph_repo.save_graph(s, bundled_graph, later + timedelta(hours=1))
        again = sync_cards(s, bundled_graph, later + timedelta(hours=1))
    assert again.revived >= 1 and again.added == 0
    assert not card_row(db, brand.id).orphaned


# -- queue ---------------------------------------------------------------------------------

def test_new_cards_come_in_outline_order_up_to_the_daily_limit(reviewer, db):
    reviewer.save_settings(SrsSettings(bury_siblings=False))  # (siblings: test_review_siblings.py)
    counts = reviewer.counts()
    assert counts == review.QueueCounts(new=20, learning=0, review=0)
    seen = []
    while (card := reviewer.next_card()) is not None and card.state.is_new:
        seen.append(card.id)
        reviewer.answer(card.id, EASY)
    assert len(seen) == 20
    assert reviewer.counts().new == 0
    with db.session() as s:
        order = [c.id for c in list_cards(s)]
    assert seen == order[:20]


def test_new_limit_resets_at_4am_local(reviewer, clock):
    for _ in range(20):
        card = reviewer.next_card()
        reviewer.answer(card.id, EASY)
    assert reviewer.counts().new == 0
    clock.now = dt.datetime(2024, 5, 6, 19, 59, tzinfo=timezone.utc)  # 03:59 in Beijing
    assert reviewer.counts().new == 0
    clock.now = dt.datetime(2024, 5, 6, 20, 0, tzinfo=timezone.utc)  # 04:00: a new study day
    assert reviewer.counts().new == 20


def test_learning_cards_come_back_and_come_before_new(reviewer, clock):
    first = reviewer.next_card()
    reviewer.answer(first.id, AGAIN)  # due in 1 minute
    assert reviewer.counts().learning == 1
    second = reviewer.next_card()
    assert second.id != first.id and second.state.is_new
    clock.advance(minutes=2)
    assert reviewer.next_card().id == first.id


def test_learn_ahead_when_nothing_else_is_left(db, clock):
    r = Reviewer(db, tz=CST, clock=clock)
    r.save_settings(SrsSettings(daily_new_limit=1))
    card = r.next_card()
    r.answer(card.id, GOOD)  # next step in 10 minutes
    again = r.next_card()
    assert again is not None and again.id == card.id  # shown early rather than ending the session


def test_review_cards_due_today(reviewer, clock, db):
    card = reviewer.next_card()
    reviewer.answer(card.id, EASY)
    due = card_row(db, card.id).due
    assert reviewer.counts().review == 0
    clock.now = due - timedelta(days=1)
    assert reviewer.counts().review == 0
    clock.now = due - timedelta(hours=1)  # later the same study day: already counted as due today
    assert reviewer.counts().review == 1
    clock.now = due
    assert reviewer.counts().review == 1
    assert reviewer.next_card().id == card.id


def test_drill_of_one_node(db, clock, bundled_graph):
    node = next(n for n in bundled_graph.find("竞争者环境"))
    r = Reviewer(db, tz=CST, clock=clock, node_id=node.id)
    ids = []
    while (card := r.next_card(exclude=ids)) is not None:
        ids.append(card.id)
    with db.session() as s:
        rows = s.execute(select(CardRow.node_id).where(CardRow.id.in_(ids))).scalars().all()
    scope = {node.id, *(d.id for d in bundled_graph.descendants(node.id))}
    assert set(rows) <= scope and len(ids) >= 8  # the list, 4 definitions, 4 items…
    with pytest.raises(UserError, match="没有这个知识点"):
        Reviewer(db, node_id="nope")


# -- answering -----------------------------------------------------------------------------

def test_answer_is_committed_with_its_log(reviewer, db):
    card = reviewer.next_card()
    result = reviewer.answer(card.id, GOOD, duration_ms=4200)
    row = card_row(db, card.id)
    assert row.state == srs.LEARNING and row.reps == 1 and row.due == result.after.due
    with db.session() as s:
        log = s.get(ReviewLogRow, result.log_id)
        assert (log.rating, log.duration_ms, log.state_before) == (GOOD, 4200, srs.NEW)
        assert log.reviewed_at == NOW


def test_previews_are_shown_per_rating(reviewer):
    card = reviewer.next_card()
    p = reviewer.preview(card)
    assert [srs.format_interval(p[r]) for r in (AGAIN, HARD, GOOD)] == ["1分钟", "6分钟", "10分钟"]


def test_bad_rating_and_unknown_card(reviewer):
    card = reviewer.next_card()
    with pytest.raises(UserError, match="评分"):
        reviewer.answer(card.id, 5)
    with pytest.raises(UserError, match="没有这张卡片"):
        reviewer.answer("0000000000000000", GOOD)


def test_undo_restores_the_card_and_removes_the_log(reviewer, db):
    card = reviewer.next_card()
    before = card_row(db, card.id)
    result = reviewer.answer(card.id, EASY)
    assert log_count(db) == 1
    restored = reviewer.undo(result.log_id)
    assert restored.id == card.id and restored.state.is_new
    after = card_row(db, card.id)
    assert (after.state, after.reps, after.due) == (before.state, before.reps, before.due)
    assert log_count(db) == 0
    with pytest.raises(UserError):
        reviewer.undo(result.log_id)


def test_only_the_latest_answer_of_a_card_can_be_undone(reviewer, clock):
    card = reviewer.next_card()
    first = reviewer.answer(card.id, AGAIN)
    clock.advance(minutes=2)
    reviewer.answer(card.id, GOOD)
    with pytest.raises(UserError, match="最近一次"):
        reviewer.undo(first.log_id)


def test_suspend_and_bury(reviewer, clock, db):
    card = reviewer.next_card()
    reviewer.suspend(card.id)
    assert reviewer.next_card().id != card.id
    reviewer.suspend(card.id, False)
    assert reviewer.next_card().id == card.id
    until = reviewer.bury(card.id)
    assert until == dt.datetime(2024, 5, 6, 20, 0, tzinfo=timezone.utc)  # 4 am Beijing
    assert reviewer.next_card().id != card.id
    clock.now = until
    assert reviewer.next_card().id == card.id


def test_eight_lapses_make_a_leech_that_is_suspended_and_listed(db, clock):
    r = Reviewer(db, tz=CST, clock=clock)
    r.save_settings(SrsSettings(enable_fuzzing=False))
    card = r.next_card()
    r.answer(card.id, EASY)
    for i in range(8):
        clock.now = card_row(db, card.id).due
        result = r.answer(card.id, AGAIN)
        assert result.became_leech == (i == 7)
        if i < 7:
            clock.now = card_row(db, card.id).due
            r.answer(card.id, EASY)
    row = card_row(db, card.id)
    assert row.leech and row.suspended and row.lapses == 8
    assert [c.id for c in r.leeches()] == [card.id]
    # undoing the answer that made the leech also lifts its suspension
    with db.session() as s:
        last = s.execute(select(func.max(ReviewLogRow.id))).scalar_one()
    r.undo(last)
    assert not card_row(db, card.id).suspended and not card_row(db, card.id).leech


def test_replaying_the_log_reproduces_every_card(db, clock):
    r = Reviewer(db, tz=CST, clock=clock)
    ratings = [GOOD, AGAIN, HARD, EASY, GOOD, GOOD, AGAIN]
    answered = set()
    for day in range(12):
        shown = []
        while (card := r.next_card(exclude=shown)) is not None and len(shown) < 15:
            shown.append(card.id)
            r.answer(card.id, ratings[(len(shown) + day) % len(ratings)])
            answered.add(card.id)
            clock.advance(minutes=1)
        clock.advance(days=1)
    with db.session() as s:
        review.schedule_node(s, card_row(db, next(iter(answered))).node_id, clock())
    settings = r.settings
    with db.session() as s:
        for cid in answered:
            row = s.get(CardRow, (cid, "default"))
            stored = review.review_repo.state_of(row)
            assert review.replay_card(s, cid, settings) == stored, cid


def test_schedule_node_puts_its_cards_in_the_queue_now(db, clock, bundled_graph):
    node = bundled_graph.find("品牌竞争者")[0]
    with db.session() as s:
        touched = review.schedule_node(s, node.id, clock())
    assert touched >= 2
    r = Reviewer(db, tz=CST, clock=clock)
    assert r.counts().learning == touched
    first = r.next_card()
    assert first.node_id == node.id
    # nothing to do the second time
    with db.session() as s:
        assert review.schedule_node(s, node.id, clock()) == 0
        assert review.schedule_node(s, "no-such-node", clock()) == 0


def test_drill_card_shows_the_node_path(reviewer):
    card = reviewer.next_card()
    assert card.path[-1]
    assert " › " in card.path_text() or len(card.path) <= 2
    assert card.kind_label in ("定义", "列举", "归属", "辨析", "填空", "职责")


def test_settings_are_stored_per_profile(db, clock):
    Reviewer(db, clock=clock).save_settings(SrsSettings(daily_new_limit=5, desired_retention=0.85))
    assert Reviewer(db, clock=clock).settings.daily_new_limit == 5
    assert Reviewer(db, clock=clock, profile="other").settings.daily_new_limit == 20


# -- the kept 剩余 counts -----------------------------------------------------------------

def fresh_counts(db, now, tz=CST, node_ids=None):
    with db.session() as s:
        return review.queue_counts(s, now, review.get_settings(s), tz, node_ids)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_counts_equal_a_recount_through_a_random_drill(db, clock, bundled_graph, seed):
    rng = __import__("random").Random(seed)
    node = bundled_graph.find("竞争者环境")[0] if seed == 3 else None
    r = Reviewer(db, tz=CST, clock=clock, node_id=node.id if node else None)
    r.save_settings(SrsSettings(daily_new_limit=8))
    answered: list[int] = []
    for step in range(120):
        card = r.next_card()
        roll = rng.random()
        if card is None or roll < 0.08:
            clock.advance(hours=rng.choice((1, 5, 11)))  # crosses study days (4 am Beijing) now and then
        elif roll < 0.12:
            r.suspend(card.id)
        elif roll < 0.16:
            r.bury(card.id)
        elif roll < 0.2 and answered:
            r.undo(answered.pop())
        else:
            answered.append(r.answer(card.id, rng.choice((AGAIN, HARD, GOOD, GOOD, EASY))).log_id)
            clock.advance(seconds=rng.randint(5, 400))
        assert r.counts() == fresh_counts(db, clock(), node_ids=r.node_ids), step
    assert len(answered) > 40


def count_statements(db):
    seen: list[str] = []
    from sqlalchemy import event

    event.listen(db.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def test_the_counts_are_not_queried_again_for_every_card(db, clock):
    if not db.is_sqlite:
        pytest.skip("SQLite's data_version tells a drill nothing changed; PostgreSQL counts afresh")
    r = Reviewer(db, tz=CST, clock=clock)
    r.save_settings(SrsSettings(bury_siblings=False))  # burying siblings changes the figures: counted again
    r.counts()
    statements = count_statements(db)
    card = r.next_card()
    statements.clear()
    assert r.counts() == review.QueueCounts(new=20, learning=0, review=0)
    assert statements == ["PRAGMA data_version"]  # nothing else changed: nothing counted
    statements.clear()
    r.answer(card.id, GOOD)
    # BEGIN IMMEDIATE, the change check, the card, its update, the log row: no count, no settings
    assert len(statements) == 5 and not any("count(" in s for s in statements), statements
    statements.clear()
    assert r.counts() == review.QueueCounts(new=19, learning=1, review=0)
    assert statements == ["PRAGMA data_version"]


def test_counts_follow_writes_of_other_connections_and_processes(db, clock, bundled_graph, library_path):
    r = Reviewer(db, tz=CST, clock=clock)
    assert r.counts() == review.QueueCounts(new=20, learning=0, review=0)
    node = bundled_graph.find("品牌竞争者")[0]
    with db.session() as s:  # the practice service, on another connection of this process
        touched = review.schedule_node(s, node.id, clock())
    assert touched >= 2 and r.counts().learning == touched
    other = open_database(db.url)  # a second app instance
    try:
        other_reviewer = Reviewer(other, tz=CST, clock=clock)
        other_reviewer.save_settings(SrsSettings(daily_new_limit=5))
        assert r.counts().new == 5 and r.settings.daily_new_limit == 5
        first = other_reviewer.next_card()
        other_reviewer.answer(first.id, EASY)
        other_reviewer.close()
    finally:
        other.close()
    assert r.counts() == fresh_counts(db, clock())
    assert r.next_card().id != first.id


def test_reviewer_gives_its_connection_back(db, clock):
    with Reviewer(db, tz=CST, clock=clock) as r:
        r.counts()
        assert db.engine.pool.checkedout() == 1
    assert db.engine.pool.checkedout() == 0
    assert r.counts().new == 20  # used again: a new connection, counted afresh
    r.close()
