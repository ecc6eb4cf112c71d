"""Mock exams: blueprints, papers, sittings that survive a crash, reports, readiness.

Entry points:

* ``ExamService(library)``: ``blueprints()``, ``paper(name, seed)``,
  ``predict(name)``, ``start(name, seed) -> ExamSession``, ``active()``,
  ``resume(attempt_id) -> ExamSession``, ``abandon(attempt_id)``,
  ``history()``, ``report(attempt_id)``, ``calibration()``.
* ``ExamSession``: one sitting. Every answer and flag is committed as it
  changes, together with the remaining time and the current question;
  ``tick(elapsed)`` runs the clock and stores the remaining time every
  ``save_every`` seconds of it; ``save_clock()`` stores it at once (on pause). After a kill -9 ``ExamService.active()`` finds the attempt and
  ``resume`` gives back every answer and the saved remaining time.
* ``predicted_score(library, blueprint_name) -> Prediction``.

Submitting scores the paper (``cskexam.core.exam.score_paper``), logs every
answer with ``mode="exam"`` through the practice service, so wrong and blank
answers go to the 错题本 and their key points into the review queue
(contract F), and stores the report. Blank answers count as wrong: they cost
points on the real paper too.

Blueprints are the YAML files in ``cskexam/blueprints/`` plus the user's
``<data dir>/blueprints/*.yaml`` (same name replaces a preset).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from cskexam.core import exam as core
from cskexam.core.exam import Blueprint, ExamAttempt, ExamReport, Paper
from cskexam.core.vocab import status_label
from cskexam.core.readiness import (
    Calibration,
    Prediction,
    calibration,
    predict,
    predict_blueprint,
)
from cskexam.errors import UserError, shown_value
# AttemptSummary and gather_evidence are re-exported: callers know them from here.
from cskexam.services.exam_records import (  # noqa: F401
    AttemptSummary,
    attempt_summary,
    calibration_history,
    gather_evidence,
)
# PRESET_DIR and user_blueprint_dir are re-exported: the exam's callers know them from here.
from cskexam.services.blueprints import PRESET_DIR, find_blueprint, load_blueprints, user_blueprint_dir  # noqa: F401

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cskexam.core.graph import KnowledgeGraph
    from cskexam.core.questions import Question
    from cskexam.services.library import Library

DEFAULT_BLUEPRINT = "理论知识模拟"
SAVE_EVERY_SECONDS = 5.0  # how much exam time may pass between saves of the remaining time
# Overrides SAVE_EVERY_SECONDS (seconds, > 0): the crash test saves often so that it need not wait.
SAVE_EVERY_ENV = "CSKEXAM_EXAM_SAVE_SECONDS"
MAX_SEED = 2**31 - 1


class UnfinishedExam(UserError):
    """A blueprint may have one attempt in progress at a time: resume or abandon it first."""

    def __init__(self, attempt_id: int, blueprint: str):
        super().__init__(f"「{shown_value(blueprint)}」还有未完成的第 {attempt_id} 次考试：请继续或先放弃它")
        self.attempt_id = attempt_id
        self.blueprint = blueprint


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# -- the service ------------------------------------------------------------------------------

def default_save_every() -> float:
    """``SAVE_EVERY_SECONDS``, or the positive number of seconds in ``CSKEXAM_EXAM_SAVE_SECONDS``."""
    try:
        value = float(os.environ.get(SAVE_EVERY_ENV, ""))
    except ValueError:
        return SAVE_EVERY_SECONDS
    return value if value > 0 else SAVE_EVERY_SECONDS


class ExamService:
    """Exam use cases over a Library: one transaction per call."""

    def __init__(self, library: Library, *, clock: Callable[[], dt.datetime] = utc_now,
                 blueprints: list[Blueprint] | None = None, user_dir: Path | None = None,
                 save_every: float | None = None):
        """``save_every``: seconds of exam time between saves of the clock (default: ``default_save_every()``)."""
        self.library = library
        self.clock = clock
        self.save_every = default_save_every() if save_every is None else save_every
        self._blueprints = blueprints
        self._user_dir = user_dir

    # -- blueprints and papers ------------------------------------------------
    def blueprints(self) -> list[Blueprint]:
        if self._blueprints is None:
            self._blueprints = load_blueprints(self._user_dir)
        return self._blueprints

    def blueprint(self, name: str) -> Blueprint:
        return find_blueprint(name, self.blueprints())

    def _questions(self, session: Session) -> list[Question]:
        from cskexam.storage import question_repo

        return question_repo.load_questions(session)

    def paper(self, name: str, seed: int | None = None, *, avoid_recent: bool = True) -> Paper:
        """A paper of blueprint ``name``; the same seed and history give the same paper."""
        import random

        from cskexam.storage import exam_repo

        bp = self.blueprint(name)
        seed = new_seed() if seed is None else check_seed(seed)
        graph = self.library.graph()
        with self.library.db.session() as s:
            questions = self._questions(s)
            recent = exam_repo.recent_question_ids(s, bp.avoid_recent) if avoid_recent else set()
        return core.assemble_paper(bp, graph, questions, random.Random(seed), seed=seed, recent=recent)

    def predict(self, name: str) -> Prediction:
        return self.predict_all([name])[name]

    def predict_all(self, names: list[str] | None = None) -> dict[str, Prediction]:
        """The prediction of each blueprint (default: all), from one reading of the questions and evidence."""
        from cskexam.storage import exam_repo

        blueprints = self.blueprints() if names is None else [self.blueprint(n) for n in names]
        graph = self.library.graph()
        now = self.clock()
        with self.library.db.session() as s:
            questions = self._questions(s)
            evidence = gather_evidence(s, graph, now)
            history = calibration_history(s)
            recent = {bp.name: exam_repo.recent_question_ids(s, bp.avoid_recent) for bp in blueprints}
        return {bp.name: predict_blueprint(bp, graph, questions, evidence, history, recent=recent[bp.name])
                for bp in blueprints}

    # -- sitting an exam ---------------------------------------------------------
    def start(self, name: str, seed: int | None = None) -> "ExamSession":
        """Assemble a paper, record the prediction for it and open the attempt."""
        from cskexam.storage import exam_repo

        paper = self.paper(name, seed)
        if not paper.items:
            raise UserError(f"题库中没有可用于「{shown_value(name)}」的题目，无法组卷")
        graph = self.library.graph()
        now = self.clock()
        with self.library.db.session(immediate=True) as s:
            # Checked inside the write transaction so that two windows cannot both open one.
            unfinished = exam_repo.attempts(s, statuses=(core.IN_PROGRESS,), blueprint=paper.blueprint.name,
                                            limit=1)
            if unfinished:
                raise UnfinishedExam(unfinished[0].id, paper.blueprint.name)
            evidence = gather_evidence(s, graph, now)
            prediction = predict(paper.blueprint, [paper], evidence, calibration_history(s))
            # Without evidence there is no prediction to record (nor to calibrate against later).
            stored = prediction.ready
            attempt_id = exam_repo.create_attempt(s, {
                "blueprint": paper.blueprint.name,
                "blueprint_data": paper.blueprint.to_dict(),
                "seed": paper.seed,
                "time_limit_s": paper.blueprint.seconds,
                "remaining_s": float(paper.blueprint.seconds),
                "paper": paper.layout(),
                "shortfalls": core.shortfall_dicts(paper),
                "total": paper.total_points,
                "pass_mark": paper.pass_mark,
                "predicted": round(prediction.expected, 2) if stored else None,
                "predicted_raw": round(prediction.raw, 2) if stored else None,
                "predicted_low": round(prediction.low, 2) if stored else None,
                "predicted_high": round(prediction.high, 2) if stored else None,
            }, [i.question.id for i in paper.items], now)
        return ExamSession(self, attempt_id, ExamAttempt.start(paper), prediction if stored else None)

    def unfinished(self, name: str) -> AttemptSummary | None:
        """The attempt of blueprint ``name`` still in progress, if any."""
        from cskexam.storage import exam_repo

        with self.library.db.session() as s:
            rows = exam_repo.attempts(s, statuses=(core.IN_PROGRESS,), blueprint=name, limit=1)
            if not rows:
                return None
            answered = sum(1 for a in exam_repo.answers_of(s, rows[0].id) if not core.is_blank(a.given))
            return attempt_summary(rows[0], answered)

    def active(self) -> AttemptSummary | None:
        """The attempt left in progress (after a crash, a closed terminal or a pause)."""
        from cskexam.storage import exam_repo

        with self.library.db.session() as s:
            row = exam_repo.active_attempt(s)
            if row is None:
                return None
            answered = sum(1 for a in exam_repo.answers_of(s, row.id) if not core.is_blank(a.given))
            return attempt_summary(row, answered)

    def _load_paper(self, s: Session, row: Any) -> Paper:
        from cskexam.storage import question_repo

        ids = [r["question"] for r in row.paper]
        questions = {q.id: q for q in question_repo.load_questions(s, ids=ids, active_only=False)}
        return Paper.from_layout(Blueprint.from_dict(row.blueprint_data), row.seed, row.paper, questions,
                                 row.shortfalls or ())

    def resume(self, attempt_id: int | None = None) -> "ExamSession":
        from cskexam.storage import exam_repo

        with self.library.db.session() as s:
            row = exam_repo.active_attempt(s) if attempt_id is None else exam_repo.get_attempt(s, attempt_id)
            if row is None:
                raise UserError("没有可继续的考试" if attempt_id is None else f"没有这次考试: {shown_value(attempt_id)}")
            if row.status != core.IN_PROGRESS:
                raise UserError(f"第 {row.id} 次考试已经结束（{status_label(row.status)}）")
            paper = self._load_paper(s, row)
            attempt = ExamAttempt(paper, float(row.remaining_s))
            for a in exam_repo.answers_of(s, row.id):
                if not core.is_blank(a.given):
                    attempt.answers[a.number] = a.given
                if a.flagged:
                    attempt.flags.add(a.number)
            attempt.goto(row.current)
            prediction = None
            predicted = row.predicted
            if predicted is not None:
                # 0 is a real bound (a range 0–62), not a missing one.
                def stored(value: float | None) -> float:
                    return predicted if value is None else value

                prediction = Prediction(row.blueprint, predicted, stored(row.predicted_low),
                                        stored(row.predicted_high), row.total,
                                        stored(row.predicted_raw), 0.0, 1.0, 0, row.pass_mark)
            return ExamSession(self, row.id, attempt, prediction)

    def abandon(self, attempt_id: int) -> None:
        """Give up an unfinished attempt: not scored, nothing goes to the 错题本."""
        from cskexam.storage import exam_repo

        with self.library.db.session(immediate=True) as s:
            row = exam_repo.get_attempt(s, attempt_id)
            if row is None or row.status != core.IN_PROGRESS:
                raise UserError(f"没有进行中的第 {shown_value(attempt_id)} 次考试")
            exam_repo.finish_attempt(s, attempt_id, status=core.ABANDONED, now=self.clock(),
                                     remaining=row.remaining_s)

    # -- writes of a sitting (used by ExamSession) -------------------------------------
    def _save(self, attempt_id: int, number: int | None, remaining: float, current: int, *,
              given: Any = None, set_given: bool = False, flagged: bool | None = None) -> None:
        from cskexam.storage import exam_repo

        now = self.clock()
        with self.library.db.session(immediate=True) as s:
            if number is not None:
                exam_repo.save_answer(s, attempt_id, number, given=given, set_given=set_given, flagged=flagged,
                                      now=now)
            exam_repo.save_progress(s, attempt_id, remaining, current, now)

    def _submit(self, attempt_id: int, attempt: ExamAttempt, timed_out: bool) -> ExamReport:
        from cskexam.services.practice import bank_lexicon, record_answer
        from cskexam.storage import exam_repo

        graph = self.library.graph()
        now = self.clock()
        with self.library.db.session(immediate=True) as s:
            row = exam_repo.get_attempt(s, attempt_id)
            if row is None or row.status != core.IN_PROGRESS:
                raise UserError(f"第 {attempt_id} 次考试已经结束，不能再交卷")
            status = core.TIMED_OUT if timed_out else core.SUBMITTED
            report = core.score_paper(attempt.paper, attempt.answers, time_used=attempt.used, status=status,
                                      graph=graph, others=bank_lexicon(s))
            from cskexam.services import review_queue

            missed: list[tuple[float, int, str]] = []
            for o in report.outcomes:
                if o.blank:
                    # 未答 loses its points but is no wrong answer: not in 错题本, no review.
                    continue
                record_answer(s, o.item.question, o.given, now, mode="exam", context=f"exam-{attempt_id}",
                              result=o.result, schedule=False)
                if not o.correct and o.item.question.node:
                    missed.append((o.lost, o.item.number, o.item.question.node))
            # The costliest misses first get today's places in the review queue.
            review_queue.schedule_nodes_within_limits(
                s, [node for _, _, node in sorted(missed, key=lambda m: (-m[0], m[1]))], now)
            exam_repo.finish_attempt(
                s, attempt_id, status=status, now=now, remaining=attempt.remaining, score=report.score,
                passed=report.passed, report=report.to_dict(),
                outcomes=[(o.item.number, o.earned, o.correct) for o in report.outcomes],
            )
        attempt.finish(timed_out)
        return report

    # -- looking back ------------------------------------------------------------------------
    def history(self, limit: int | None = None, *, include_unfinished: bool = False) -> list[AttemptSummary]:
        """Finished attempts, newest first (in-progress and abandoned ones on request)."""
        from cskexam.storage import exam_repo

        statuses = None if include_unfinished else ("submitted", "timed_out")
        with self.library.db.session() as s:
            rows = exam_repo.attempts(s, statuses=statuses, limit=limit)
            return [attempt_summary(r, sum(1 for a in exam_repo.answers_of(s, r.id) if not core.is_blank(a.given)))
                    for r in rows]

    def report(self, attempt_id: int) -> ExamReport:
        """The report of a finished attempt, rebuilt from its stored paper and answers."""
        from cskexam.services.practice import bank_lexicon
        from cskexam.storage import exam_repo

        graph = self.library.graph()
        with self.library.db.session() as s:
            row = exam_repo.get_attempt(s, attempt_id)
            if row is None:
                raise UserError(f"没有这次考试: {shown_value(attempt_id)}")
            if row.status not in ("submitted", "timed_out"):
                raise UserError(f"第 {attempt_id} 次考试尚未交卷（{status_label(row.status)}）")
            paper = self._load_paper(s, row)
            answers = {a.number: a.given for a in exam_repo.answers_of(s, row.id) if not core.is_blank(a.given)}
            others = bank_lexicon(s)
        return core.score_paper(paper, answers, time_used=max(0.0, row.time_limit_s - row.remaining_s),
                                status=row.status, graph=graph, others=others)

    def calibration(self) -> Calibration:
        with self.library.db.session() as s:
            return calibration(calibration_history(s))


class ExamSession:
    """One sitting of a paper. Every change is committed before the call returns."""

    def __init__(self, service: ExamService, attempt_id: int, attempt: ExamAttempt,
                 prediction: Prediction | None = None):
        self.service = service
        self.attempt_id = attempt_id
        self.attempt = attempt
        self.prediction = prediction
        self.report: ExamReport | None = None
        self._unsaved = 0.0  # exam time run since the remaining time was last stored

    @property
    def paper(self) -> Paper:
        return self.attempt.paper

    @property
    def finished(self) -> bool:
        return self.report is not None

    def _store(self, number: int | None = None, **kw: Any) -> None:
        self.service._save(self.attempt_id, number, self.attempt.remaining, self.attempt.current, **kw)
        self._unsaved = 0.0

    def _store_answer(self, number: int, before: Any, value: Any) -> None:
        """Store the answer to ``number``; if that fails, ``before`` is put back, so nothing unsaved looks saved."""
        try:
            self._store(number, given=value, set_given=True)
        except Exception:
            if before is None:
                self.attempt.answers.pop(number, None)
            else:
                self.attempt.answers[number] = before
            raise

    def answer(self, number: int, value: Any) -> Any:
        from cskexam.services.typed import clean_typed

        before = self.attempt.answers.get(number)
        value = self.attempt.answer(number, clean_typed(value))
        self._store_answer(number, before, value)
        return value

    def choose(self, number: int, letter: str) -> Any:
        before = self.attempt.answers.get(number)
        value = self.attempt.choose(number, letter)
        if value != before:
            self._store_answer(number, before, value)
        return value

    def toggle_flag(self, number: int) -> bool:
        flagged = self.attempt.toggle_flag(number)
        try:
            self._store(number, flagged=flagged)
        except Exception:
            self.attempt.toggle_flag(number)
            raise
        return flagged

    def goto(self, number: int) -> int:
        before = self.attempt.current
        current = self.attempt.goto(number)
        try:
            self._store()
        except Exception:
            self.attempt.goto(before)
            raise
        return current

    def tick(self, elapsed: float) -> bool:
        """Run the clock by ``elapsed`` seconds; True when time is up (the caller then submits).

        The remaining time is stored whenever ``service.save_every`` seconds of it
        have run since it was last stored, so a crash loses at most that much.
        """
        time_up = self.attempt.tick(elapsed)
        self._unsaved += max(0.0, elapsed)
        if not time_up and self._unsaved >= self.service.save_every:
            self.save_clock()
        return time_up

    def save_clock(self) -> None:
        if not self.finished:
            self._store()

    def submit(self, *, timed_out: bool = False) -> ExamReport:
        if self.report is None:
            self.report = self.service._submit(self.attempt_id, self.attempt, timed_out)
        return self.report


# -- seeds ----------------------------------------------------------------------------------

def new_seed() -> int:
    return secrets.randbelow(MAX_SEED) + 1


def check_seed(seed: int) -> int:
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed <= MAX_SEED:
        raise UserError(f"--seed 必须是 0–{MAX_SEED} 的整数，而不是「{shown_value(seed)}」")
    return seed


# -- for the home screen ----------------------------------------------------------------------

def predicted_score(library: Library, blueprint_name: str = DEFAULT_BLUEPRINT, now: dt.datetime | None = None) -> Prediction:
    """The readiness prediction of ``blueprint_name`` for the library's candidate."""
    clock = (lambda: now) if now is not None else utc_now
    return ExamService(library, clock=clock).predict(blueprint_name)
