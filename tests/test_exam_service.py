"""Exam service over a real SQLite library: sittings that survive, submit, 错题本, history."""

import datetime as dt

import pytest

from cskexam.core.exam import BlueprintError, parse_blueprint
from cskexam.errors import UserError
from support import T0
from support import StepClock as Clock
from test_exam_core import SMALL


@pytest.fixture
def service(library, tmp_path):
    from cskexam.services.exam import ExamService

    return ExamService(library, clock=Clock(), blueprints=[parse_blueprint(SMALL, "small.yaml")])


def _right(q):
    return q.answer if q.type in ("单选", "多选", "判断") else None


def test_every_change_is_saved_and_a_new_service_resumes_it(library, service):
    from cskexam.services.exam import ExamService

    session = service.start("小卷", seed=5)
    paper = session.paper
    first = paper.items[0].question
    session.answer(1, first.answer)
    session.choose(7, "A")
    session.toggle_flag(2)
    session.goto(4)
    session.tick(73.4)
    session.save_clock()
    # a second process (after kill -9 of the first) sees the same attempt
    other = ExamService(library, clock=Clock(), blueprints=service.blueprints())
    active = other.active()
    assert active.id == session.attempt_id and active.answered == 2 and active.current == 4
    resumed = other.resume()
    assert [i.question.id for i in resumed.paper.items] == [i.question.id for i in paper.items]
    assert resumed.attempt.answers == {1: first.answer, 7: ["A"]}
    assert resumed.attempt.flags == {2} and resumed.attempt.current == 4
    assert resumed.attempt.remaining == pytest.approx(600 - 73.4)
    # nothing reviewed or answered before this exam: no prediction was recorded
    assert resumed.prediction is None


def test_the_clock_is_stored_every_save_every_seconds_of_exam_time(library):
    from cskexam.services.exam import ExamService

    service = ExamService(library, clock=Clock(), blueprints=[parse_blueprint(SMALL, "small.yaml")], save_every=5)
    session = service.start("小卷", seed=1)
    stored = lambda: service.active().remaining  # noqa: E731
    session.tick(3)
    assert stored() == 600  # 3 s unsaved: at most save_every is lost in a crash
    session.tick(3)
    assert stored() == 594
    session.tick(4.5)
    assert stored() == 594
    session.save_clock()
    assert stored() == pytest.approx(589.5)


def test_the_save_interval_comes_from_the_environment_when_set(monkeypatch):
    from cskexam.services.exam import SAVE_EVERY_SECONDS, default_save_every

    monkeypatch.setenv("CSKEXAM_EXAM_SAVE_SECONDS", "0.5")
    assert default_save_every() == 0.5
    for bad in ("0", "-1", "soon"):
        monkeypatch.setenv("CSKEXAM_EXAM_SAVE_SECONDS", bad)
        assert default_save_every() == SAVE_EVERY_SECONDS


def test_submit_scores_fills_the_wrongbook_and_schedules_reviews(library, service):
    from cskexam.services.practice import wrong_entries
    from cskexam.storage import review_repo

    session = service.start("小卷", seed=2)
    for item in session.paper.items:
        if item.question.type == "单选":
            session.answer(item.number, item.question.answer)
        elif item.question.type == "判断":
            session.answer(item.number, "错" if item.question.answer == "对" else "对")
    session.tick(300)  # the 多选 are left blank
    report = session.submit()
    assert report.score == 12 and report.passed and report.time_used == 300
    assert {o.item.question.type for o in report.unanswered} == {"多选"}
    assert {o.item.question.type for o in report.wrong} == {"判断"}
    assert {a["status"] for a in report.to_dict()["answers"]} == {"对", "错", "未答"}
    with pytest.raises(UserError):
        service._submit(session.attempt_id, session.attempt, False)
    with library.db.session() as s:
        wrong = {e.question.id for e in wrong_entries(s)}
        due = review_repo.count_due(s, (1, 2, 3), T0 + dt.timedelta(days=1), T0 + dt.timedelta(days=1))
    # 未答 loses the points but is no wrong answer: only the wrong 判断 enter 错题本.
    answered_wrong = {i.question.id for i in session.paper.items if i.question.type == "判断"}
    assert wrong == answered_wrong and due > 0
    (past,) = service.history()
    assert past.score == 12 and past.passed and past.status == "submitted"
    # no evidence before the exam: no prediction stored, none calibrated against
    assert (past.predicted, past.predicted_low, past.predicted_high) == (None, None, None)
    assert service.calibration().attempts == 0
    again = service.report(session.attempt_id)
    assert again.score == 12 and [o.correct for o in again.outcomes] == [o.correct for o in report.outcomes]
    assert service.active() is None


def practise_every_question(library, when=T0):
    """Answer every question once in practice (all right), so that predictions have evidence."""
    from cskexam.services.practice import record_answer
    from cskexam.storage import question_repo

    with library.db.session() as s:
        for q in question_repo.load_questions(s):
            record_answer(s, q, q.answer, when - dt.timedelta(days=1))


def test_time_out_and_calibration_over_attempts(library, service):
    practise_every_question(library)
    for seed in (1, 2, 3):
        s = service.start("小卷", seed=seed)
        s.answer(1, s.paper.items[0].question.answer)
        s.tick(600)
        s.submit(timed_out=True)
    hist = service.history()
    assert [h.status for h in hist] == ["timed_out"] * 3 and all(h.score == 2 for h in hist)
    cal = service.calibration()
    assert cal.attempts == 3 and cal.mae == pytest.approx(
        sum(abs(h.predicted - h.score) for h in hist) / 3)
    # the third prediction already leaned towards the low scores of the first two
    assert hist[0].predicted < hist[2].predicted


def test_recent_questions_are_avoided_and_seed_reproduces_the_paper(library, service):
    a = [i.question.id for i in service.paper("小卷", seed=9).items]
    assert a == [i.question.id for i in service.paper("小卷", seed=9).items]
    s = service.start("小卷", seed=9)
    b = [i.question.id for i in service.paper("小卷", seed=9).items]
    assert len(set(a) & set(b)) < len(a)
    service.abandon(s.attempt_id)
    assert service.active() is None and service.history() == []
    with pytest.raises(UserError):
        service.resume(s.attempt_id)


def test_unknown_blueprint_and_bad_seed(service):
    with pytest.raises(UserError, match="没有名为「大考」的试卷方案"):
        service.paper("大考")
    with pytest.raises(UserError, match="--seed"):
        service.paper("小卷", seed=-1)


def test_user_blueprints_override_presets(tmp_path):
    from cskexam.services.exam import load_blueprints

    d = tmp_path / "bp"
    d.mkdir()
    (d / "quiz.yaml").write_text(SMALL.replace("小卷", "随堂小测"), encoding="utf-8")
    names = {b.name: b for b in load_blueprints(d)}
    assert names["随堂小测"].question_count == 11 and "理论知识模拟" in names
    (d / "bad.yaml").write_text(SMALL.replace("points: 2", "points: -2"), encoding="utf-8")
    with pytest.raises(BlueprintError) as info:
        load_blueprints(d)
    assert info.value.file.endswith("bad.yaml") and info.value.line == 6


def test_home_figures_and_predicted_score(library, service, monkeypatch):
    from cskexam.services import exam as exam_service
    from cskexam.services.home import HomeFigures

    monkeypatch.setattr(exam_service, "load_blueprints", lambda user_dir=None: service.blueprints())
    p = exam_service.predicted_score(library, "小卷", now=T0)
    assert 0 <= p.low <= p.expected <= p.high <= 21
    s = service.start("小卷", seed=1)
    s.answer(1, "A")
    from cskexam.services.home import exam_figures
    from cskexam.tui.screens.home import figure_rows

    figures = exam_figures(library, T0)
    assert figures.unfinished is not None and figures.unfinished.answered == 1 and figures.last is None
    assert figures.prediction is not None and figures.prediction.blueprint == "小卷"
    rows = dict(figure_rows(HomeFigures(exam=figures)))
    assert rows["未完成考试"].startswith("小卷 已答 1/11") and "按 e 继续" in rows["未完成考试"]
    # nothing reviewed or answered yet: no figure, only what is missing
    assert rows["预测得分"] == "尚无数据（先复习或练习）"
    assert not p.ready and "尚无数据" in p.text() and "30%" in p.text()


def test_a_stored_lower_bound_of_zero_is_kept_on_resume(library, service):
    from cskexam.storage import exam_repo

    session = service.start("小卷", seed=3)
    with library.db.session() as s:
        row = exam_repo.get_attempt(s, session.attempt_id)
        row.predicted, row.predicted_low, row.predicted_high = 18.0, 0.0, 21.0
    resumed = service.resume(session.attempt_id)
    assert (resumed.prediction.low, resumed.prediction.expected, resumed.prediction.high) == (0.0, 18.0, 21.0)


@pytest.fixture
def library(sample_library):
    """The services run on both engines here."""
    return sample_library


def test_one_blueprint_has_at_most_one_attempt_in_progress(library, service):
    from cskexam.services.exam import UnfinishedExam

    first = service.start("小卷", seed=3)
    first.answer(1, "A")
    with pytest.raises(UnfinishedExam) as info:
        service.start("小卷", seed=4)
    assert info.value.attempt_id == first.attempt_id and "未完成" in str(info.value)
    assert service.unfinished("小卷").id == first.attempt_id and service.unfinished("小卷").answered == 1
    in_progress = [h.id for h in service.history(include_unfinished=True) if h.status == "in_progress"]
    assert in_progress == [first.attempt_id]
    service.abandon(first.attempt_id)
    assert service.unfinished("小卷") is None
    second = service.start("小卷", seed=4)
    assert second.attempt_id != first.attempt_id


def test_only_attempts_predicted_from_evidence_are_calibrated(library, service):
    # Fault: a fresh library stored 预测 64 from no evidence and calibrated against it.
    bare = service.start("小卷", seed=1)
    assert bare.prediction is None
    bare.submit()
    assert service.calibration().attempts == 0
    practise_every_question(library)
    informed = service.start("小卷", seed=2)
    assert informed.prediction is not None and informed.prediction.ready
    informed.submit()
    hist = service.history()
    assert [h.predicted is None for h in hist] == [False, True]
    cal = service.calibration()
    assert cal.attempts == 1 and cal.mae == pytest.approx(abs(hist[0].predicted - hist[0].score))
