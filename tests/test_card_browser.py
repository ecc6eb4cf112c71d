"""Card browser service and Anki export over a real SQLite library."""

import datetime as dt
import sqlite3
import zipfile

import pytest

from test_questions_helpers import by_title, open_sample_library, sample_graph
from support import T0



@pytest.fixture
def library(tmp_db_url, tmp_path, monkeypatch):
    bank = tmp_path / "bank"
    bank.mkdir()
    lib = open_sample_library(tmp_db_url, bank, monkeypatch, T0)
    yield lib
    lib.close()


@pytest.fixture
def browser(library):
    from cskexam.services.card_browser import CardBrowser

    return CardBrowser(library, clock=lambda: T0)


def _reimport(library):
    from cskexam.services import library as library_mod

    library.store(library_mod.PreparedImport([], sample_graph()), now=T0 + dt.timedelta(days=1))


def test_states_filters_and_chapters(library, browser):
    from cskexam.services import review_queue as review

    cards = browser.cards()
    assert cards and {c.state for c in cards} == {"new"}
    assert {"第一章客户服务策划", "第一部分:基础知识部分"} <= set(browser.chapters(cards)) <= {
        "第一章客户服务策划", "第一部分:基础知识部分", "绿盟科技企业组织结构及部门职责"}
    first, second, third = cards[:3]
    browser.set_suspended(first.id, True)
    with library.db.session(immediate=True) as s:
        review.answer(s, second.id, 3, T0, review.get_settings(s))
        review.bury(s, third.id, T0)
    states = {c.id: c.state for c in browser.cards()}
    assert (states[first.id], states[second.id], states[third.id]) == ("suspended", "learning", "buried")
    assert [c.id for c in browser.cards(state="suspended")] == [first.id]
    assert all(c.chapter == "第一部分:基础知识部分" for c in browser.cards(chapter="第一部分:基础知识部分"))
    kinds = {c.kind for c in cards}
    some = next(iter(kinds))
    assert {c.kind for c in browser.cards(kind=some)} == {some}
    found = browser.cards(text="品牌竞争者")
    assert found and all("品牌竞争者" in c.front + c.back + "".join(c.path) for c in found)
    browser.set_suspended(first.id, False)
    assert {c.id: c.state for c in browser.cards()}[first.id] == "new"


def test_edits_and_own_cards_survive_a_reimport(library, browser):
    card = browser.cards(text="宏观环境分析")[0]
    browser.edit(card.id, "宏观环境分析包括哪五项？（宏五）", "人口、经济、政治法律、技术、社会文化")
    node = by_title(library.graph(), "微观环境")
    own = browser.add(node.id, "微观环境的口诀？", "微四")
    _reimport(library)
    after = {c.id: c for c in browser.cards()}
    assert after[card.id].front == "宏观环境分析包括哪五项？（宏五）" and after[card.id].edited
    assert after[own].custom and after[own].back == "微四" and after[own].kind_label == "自制"
    with pytest.raises(Exception):
        browser.edit(card.id, "  ", "x")


def test_reset_makes_a_card_new_and_replay_agrees(library, browser):
    from cskexam.services import review_queue as review

    card = browser.cards()[0]
    with library.db.session(immediate=True) as s:
        review.answer(s, card.id, 4, T0, review.get_settings(s))
    assert {c.id: c.state for c in browser.cards()}[card.id] == "review"
    browser.reset(card.id)
    assert {c.id: c.state for c in browser.cards()}[card.id] == "new"
    with library.db.session() as s:
        assert review.replay_card(s, card.id, review.get_settings(s)).is_new


def test_anki_package_holds_the_cards_with_tags(library, browser, tmp_path):
    from cskexam.services.anki_export import export_apkg

    cards = browser.cards()
    browser.set_suspended(cards[0].id, True)
    result = export_apkg(library, tmp_path / "deck.apkg")
    assert result.notes == len(cards) - 1 and not list(tmp_path.glob("*.part"))
    with zipfile.ZipFile(tmp_path / "deck.apkg") as z:
        z.extract("collection.anki2", tmp_path)
    con = sqlite3.connect(tmp_path / "collection.anki2")
    notes = con.execute("select flds, tags from notes").fetchall()
    con.close()
    assert len(notes) == len(cards) - 1
    fronts = {flds.split("\x1f")[0] for flds, _ in notes}
    assert cards[1].front.replace("\n", "<br>") in fronts or any(cards[1].front[:8] in f for f in fronts)
    tags = " ".join(t for _, t in notes)
    assert "章节::第一章客户服务策划" in tags and "类型::" in tags
    assert cards[0].front not in fronts


def test_anki_export_refuses_a_wrong_name(library, tmp_path):
    from cskexam.errors import UserError
    from cskexam.services.anki_export import export_apkg

    with pytest.raises(UserError):
        export_apkg(library, tmp_path / "deck.txt")


def test_home_says_what_to_review_first_after_days_away(library, browser):
    from cskexam.core.plan import StudyPlan
    from cskexam.services import plan as plan_service
    from cskexam.services import review_queue as review

    card = browser.cards()[0]
    away = T0 - dt.timedelta(days=3)
    with library.db.session(immediate=True) as s:
        settings = review.get_settings(s)
        review.answer(s, card.id, 3, away, settings)
        review.answer(s, card.id, 3, away + dt.timedelta(minutes=10), settings)  # due in 2 days: overdue now
    plan_service.save_plan(library, StudyPlan(dt.date(2025, 3, 11), 30), now=T0)
    from cskexam.services.home import plan_figures

    figures = plan_figures(library, T0)
    assert (figures.catch_up_due, figures.days_away) == (1, 2)
    assert figures.countdown.startswith("还有 10 天") and figures.goal == "0/30 张"
