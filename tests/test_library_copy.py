"""``cskexam db copy``: a whole library, every profile and its history, SQLite → PostgreSQL → SQLite."""

from __future__ import annotations

import datetime as dt

import pytest

from cskexam.cli import main
from cskexam.core.exam import parse_blueprint
from cskexam.core.srs import SrsSettings
from cskexam.services.exam import ExamService
from cskexam.services.library import open_library
from cskexam.services.library_copy import library_rows
from cskexam.services.practice import Practice
from cskexam.services.review import Reviewer
from support import T0
from test_concurrency import Clock
from test_exam_core import SMALL
from test_questions_helpers import open_sample_library


@pytest.fixture
def studied(tmp_db_url, bank_dir, monkeypatch):
    """A SQLite library where two candidates reviewed, practised, starred, and sat an exam."""
    lib = open_sample_library(tmp_db_url, bank_dir, monkeypatch, T0)
    lib.close()
    small = [parse_blueprint(SMALL, "small.yaml")]
    for i, name in enumerate(["default", "张三"]):
        lib = open_library(tmp_db_url, profile=name)
        try:
            with Reviewer(lib.db, clock=Clock(i)) as r:
                r.save_settings(SrsSettings(daily_new_limit=40, desired_retention=0.85))
                for k in range(6):
                    r.answer(r.next_card().id, 1 + k % 4)
            practice = Practice(lib, clock=Clock(10 + i))
            questions = practice.questions()
            for q in questions[:5]:
                practice.answer(q, "__wrong__" if i else q.answer)
            practice.toggle_star(questions[0].id)
            practice.set_clear_after(3 + i)
            exam = ExamService(lib, clock=Clock(20 + i), blueprints=small).start("小卷", seed=7 + i)
            exam.answer(1, exam.paper.items[0].question.answer)
            exam.submit()
        finally:
            lib.close()
    return tmp_db_url


def test_round_trip_through_postgresql_loses_nothing(studied, pg_empty_url, tmp_path, capsys):
    before = library_rows(studied)
    assert len(before["review_logs"]) >= 12 and len(before["exam_attempts"]) == 2 and len(before["profiles"]) == 2
    assert {row[2] for row in before["review_logs"]} == {"default", "张三"}
    assert before["wrong_book"] and before["question_stars"] and before["question_settings"] and before["review_settings"]
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    assert main(["db", "copy", studied, pg_empty_url]) == 0
    assert main(["db", "copy", pg_empty_url, back]) == 0
    out = capsys.readouterr().out
    assert f"review_logs: {len(before['review_logs'])} 行" in out
    assert library_rows(pg_empty_url) == before
    assert library_rows(back) == before
    # The copy is a working library: 张三's history is there, and new ids follow the copied ones.
    lib = open_library(pg_empty_url, profile="张三")
    try:
        assert len(ExamService(lib).history()) == 1
        with Reviewer(lib.db, clock=Clock(5)) as r:
            assert r.settings.desired_retention == 0.85
            result = r.answer(r.next_card().id, 3)
        assert result.log_id > max(row[0] for row in before["review_logs"])
    finally:
        lib.close()


def test_copy_refuses_a_destination_that_holds_a_library(studied, tmp_path, capsys):
    assert main(["db", "copy", studied, studied]) == 2
    assert "同一个" in capsys.readouterr().err
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    assert main(["db", "copy", studied, other]) == 0
    before = library_rows(other)
    capsys.readouterr()
    assert main(["db", "copy", studied, other]) == 2
    assert "已有内容" in capsys.readouterr().err
    assert library_rows(other) == before
