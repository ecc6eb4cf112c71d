"""Siblings (the cards of one key point) are not shown on the same day: answering one in the drill
buries the others until the next study day; undo unburies them; a setting turns it off.
On SQLite and PostgreSQL (service), and through the 复习 screen (Pilot)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from cskexam.core.srs import EASY, GOOD, SrsSettings
from cskexam.core.studyday import next_day_start
from cskexam.services.review import Reviewer
from cskexam.storage.models_review import CardRow
from test_review import CST, Clock, fresh_counts


@pytest.fixture
def db(review_db):
    return review_db


def cards_by_node(db) -> dict[str, list[str]]:
    with db.session() as s:
        rows = s.execute(select(CardRow.node_id, CardRow.id).where(CardRow.profile == "default",
                                                                    CardRow.orphaned.is_(False))
                         .order_by(CardRow.seq)).all()
    nodes: dict[str, list[str]] = {}
    for node, card in rows:
        nodes.setdefault(node, []).append(card)
    return nodes


def buried_until(db, ids) -> dict[str, dt.datetime | None]:
    with db.session() as s:
        rows = s.execute(select(CardRow.id, CardRow.buried_until).where(CardRow.id.in_(ids),
                                                                         CardRow.profile == "default"))
        return {card: until for card, until in rows}


def first_with_siblings(r: Reviewer, db):
    """The first card the drill shows that has siblings (answering the ones before it)."""
    nodes = cards_by_node(db)
    for _ in range(40):
        card = r.next_card()
        assert card is not None
        if len(nodes[card.node_id]) > 1:
            return card, [c for c in nodes[card.node_id] if c != card.id]
        r.answer(card.id, EASY)
    raise AssertionError("no card with siblings among the first 40")


def test_answering_buries_the_siblings_until_the_next_study_day(db):
    clock = Clock()
    r = Reviewer(db, tz=CST, clock=clock)
    card, siblings = first_with_siblings(r, db)
    result = r.answer(card.id, GOOD)
    assert sorted(result.buried) == sorted(siblings)
    tomorrow = next_day_start(clock(), CST)
    assert set(buried_until(db, siblings).values()) == {tomorrow}
    assert r.counts() == fresh_counts(db, clock())
    shown = []
    while (nxt := r.next_card()) is not None and len(shown) < 30:
        shown.append(nxt.id)
        r.answer(nxt.id, EASY)
    assert not set(shown) & set(siblings)  # none of them today
    # The next study day they come back.
    clock.now = tomorrow + dt.timedelta(minutes=1)
    r2 = Reviewer(db, tz=CST, clock=clock)
    r2.save_settings(SrsSettings(daily_new_limit=500))
    later = []
    while (nxt := r2.next_card()) is not None and len(later) < 80 and not set(siblings) <= set(later):
        later.append(nxt.id)
        r2.answer(nxt.id, EASY)
    assert set(siblings) <= set(later)
    r.close()
    r2.close()


def test_undo_unburies_the_siblings_and_the_setting_turns_burying_off(db):
    clock = Clock()
    r = Reviewer(db, tz=CST, clock=clock)
    card, siblings = first_with_siblings(r, db)
    r.answer(card.id, GOOD)
    action, again = r.undo_last()
    assert action.kind == "grade" and set(action.buried) == set(siblings) and again.id == card.id
    assert set(buried_until(db, siblings).values()) == {None}
    assert r.counts() == fresh_counts(db, clock())
    r.save_settings(SrsSettings(bury_siblings=False))
    assert r.answer(card.id, GOOD).buried == ()
    assert set(buried_until(db, siblings).values()) == {None}
    r.close()


def test_learning_suspended_and_already_answered_siblings_are_left_alone(db):
    clock = Clock()
    r = Reviewer(db, tz=CST, clock=clock)
    r.save_settings(SrsSettings(bury_siblings=False))
    card, siblings = first_with_siblings(r, db)
    r.answer(card.id, GOOD)  # learning now
    r.suspend(siblings[0])
    r.save_settings(SrsSettings())
    clock.advance(minutes=1)
    learning_sibling = card.id
    if len(siblings) > 1:
        result = r.answer(siblings[1], GOOD)
        assert learning_sibling not in result.buried and siblings[0] not in result.buried
        assert set(result.buried) == set(siblings[2:])
    assert buried_until(db, [learning_sibling, siblings[0]]) == {learning_sibling: None, siblings[0]: None}
    r.close()


def test_the_drill_screen_buries_siblings_and_u_takes_both_back(db):
    from cskexam.services.library import open_library
    from cskexam.tui.app import CskexamApp
    from pilot_helpers import notifications, record_notifications, run, screen_text, wait_for, wait_for_text

    with Reviewer(db, tz=CST) as r:
        # The cards before the first one with siblings are answered 简单 (out of today's queue).
        card, siblings = first_with_siblings(r, db)

    async def main():
        app = CskexamApp(db_url=db.url, library_opener=open_library)
        record_notifications(app)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("r")
            await wait_for_text(pilot, card.front[:12])
            await pilot.press("space", "3")
            await wait_for(pilot, lambda: "本次已复习 1" in screen_text(app))
            assert None not in buried_until(db, siblings).values()
            # the drill says so, once, with the next card (on one line at 80 columns)
            said = f"已搁置同一知识点的 {len(siblings)} 张卡片到明天 · 按 空格 或 Enter 显示答案"
            assert said in screen_text(app)
            await pilot.press("u")
            await wait_for(pilot, lambda: "本次已复习 0" in screen_text(app))
            assert set(buried_until(db, siblings).values()) == {None}
            assert "已搁置同一知识点" not in screen_text(app)
            assert any(f"同一知识点的 {len(siblings)} 张卡片已恢复" in n.message for n in notifications(app))

    run(main())


def test_the_setting_from_the_command_line(tmp_db_url, capsys):
    import json

    from cskexam.cli import main

    assert main(["--db", tmp_db_url, "settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["bury_siblings"] is True
    assert main(["--db", tmp_db_url, "settings", "--no-bury-siblings"]) == 0
    assert "搁置同点卡片    关" in capsys.readouterr().out
    assert main(["--db", tmp_db_url, "settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["bury_siblings"] is False
