"""Profiles: each candidate's own reviews, settings, practice, 错题本 and exams on shared notes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select, text

from cskexam.cli import main
from cskexam.core.srs import SrsSettings
from cskexam.errors import UserError
from cskexam.services import profiles
from cskexam.services.library import open_library
from cskexam.services.practice import Practice
from cskexam.services.review import Reviewer
from cskexam.storage.db import open_database
from test_concurrency import Clock, library  # noqa: F401 (fixture)

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.timezone.utc)


def test_each_profile_has_its_own_history_on_shared_notes(library, db_url):
    zhang = open_library(db_url, profile="张三")
    try:
        assert profiles.current(zhang) == "张三"
        assert profiles.profile_names(zhang) == ["default", "张三"]
        # Shared: the notes, the cards' texts and the question bank.
        assert len(zhang.graph()) == len(library.graph())
        questions = Practice(zhang).questions()
        assert [q.id for q in questions] == [q.id for q in Practice(library).questions()]

        with Reviewer(zhang.db, clock=Clock(1)) as r:
            r.save_settings(SrsSettings(daily_new_limit=3))
            card = r.next_card()
            r.answer(card.id, 1)
            zhang_counts = r.counts()
        q = questions[0]
        outcome = Practice(zhang, clock=Clock(2)).answer(q, "__wrong__")
        assert outcome.in_wrongbook
        Practice(zhang).toggle_star(q.id)

        # The default profile saw none of it.
        with Reviewer(library.db, clock=Clock(3)) as r:
            assert r.settings.daily_new_limit == SrsSettings().daily_new_limit
            assert r.counts().learning == 0 and zhang_counts.learning == 1
        default = Practice(library)
        assert default.wrong_book() == [] and default.starred() == set()
        assert [e.question.id for e in Practice(zhang).wrong_book()] == [q.id]
    finally:
        zhang.close()


def test_exams_belong_to_their_profile(library, db_url):
    from cskexam.core.exam import parse_blueprint
    from cskexam.services.exam import ExamService
    from test_exam_service import SMALL

    small = [parse_blueprint(SMALL, "small.yaml")]
    zhang = open_library(db_url, profile="张三")
    try:
        exam = ExamService(zhang, blueprints=small).start("小卷", seed=5)
        exam.submit()
        assert len(ExamService(zhang, blueprints=small).history()) == 1
        assert ExamService(library, blueprints=small).history() == []
        with pytest.raises(UserError):
            ExamService(library, blueprints=small).report(exam.attempt_id)
    finally:
        zhang.close()


def test_a_new_profile_gets_every_card_new_and_names_are_checked(library, db_url):
    with library.db.session() as s:
        cards = s.scalar(text("SELECT count(*) FROM cards WHERE profile = 'default'"))
    profiles.ensure_profile(library.db, "王五")
    with library.db.session() as s:
        rows = s.execute(text("SELECT count(*), max(state), max(reps) FROM cards WHERE profile = '王五'")).one()
    assert rows == (cards, 0, 0)
    assert profiles.ensure_profile(library.db, "王五") is False
    for bad in ("", "  ", "a\nb", "x" * 33):
        with pytest.raises(UserError):
            profiles.requested_profile(bad) if bad.strip() else profiles.use_profile(library, bad)


def test_profile_option_and_environment(library, db_url, capsys, monkeypatch):
    monkeypatch.delenv("CSKEXAM_PROFILE", raising=False)
    assert main(["--db", db_url, "--profile", "赵六", "settings", "--new-per-day", "7"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("CSKEXAM_PROFILE", "赵六")
    assert main(["--db", db_url, "settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["daily_new_limit"] == 7
    monkeypatch.delenv("CSKEXAM_PROFILE")
    assert main(["--db", db_url, "settings", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["daily_new_limit"] == SrsSettings().daily_new_limit


def test_an_existing_library_keeps_its_history_under_the_default_profile(tmp_path):
    """A database from before profiles: the upgrade files every row under the default profile."""
    from alembic import command

    from cskexam.storage.db import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "0011_card_edits")
    command.upgrade(config, "0005_exam")
    db = open_database(url, migrate=False)
    now = "2026-01-01 00:00:00.000000"
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO nodes (id, kind, title, text, marker, document_id, position, seq, tags, flags, source_file,"
            " source_line, first_seen, last_seen, changed_at) VALUES ('n', 'point', '客户', '', '', 'n', 0, 0, '[]',"
            f" '[]', 'a.txt', 1, '{now}', '{now}', '{now}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO cards (id, node_id, kind, front, back, seq, created_at, changed_at, state, reps)"
            f" VALUES ('c1', 'n', 'definition', '问', '答', 0, '{now}', '{now}', 2, 3)"
        )
        conn.exec_driver_sql(
            "INSERT INTO review_logs (card_id, rating, reviewed_at, state_before, state_after, before)"
            f" VALUES ('c1', 3, '{now}', 1, 2, '{{}}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO questions (id, type, stem, options, answer, explanation, points, tags, kind, source,"
            f" difficulty, document, seq, created_at, changed_at) VALUES ('q', '判断', '客户？', '{{}}', '\"对\"', '',"
            f" '[]', '[]', '', 'bank', 2, '', 0, '{now}', '{now}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO wrong_book (question_id, wrong_count, first_wrong_at, last_wrong_at, right_streak)"
            f" VALUES ('q', 2, '{now}', '{now}', 0)"
        )
    db.close()
    db = open_database(url)
    try:
        with db.session() as s:
            assert s.execute(text("SELECT profile, reps FROM cards")).all() == [("default", 3)]
            assert s.execute(text("SELECT profile FROM review_logs")).scalars().all() == ["default"]
            assert s.execute(text("SELECT profile, wrong_count FROM wrong_book")).all() == [("default", 2)]
            assert s.execute(text("SELECT name FROM profiles")).scalars().all() == ["default"]
        with Reviewer(db) as r:
            assert r.card("c1").state.reps == 3
    finally:
        db.close()
