"""Many devices and candidates on one library at once, on SQLite and PostgreSQL:
no answer lost, none counted twice, every card's state what its log says."""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cskexam.core.srs import SrsSettings
from cskexam.services.library import Library, PreparedImport, open_library
from cskexam.services.practice import Practice
from cskexam.services.profiles import ensure_profile
from cskexam.services.review import Reviewer
from cskexam.services.review_queue import replay_card
from cskexam.storage.db import open_database
from cskexam.storage.models_questions import AnswerRow, WrongBookRow
from cskexam.storage.models_review import CardRow, ReviewLogRow
from test_questions_helpers import open_sample_library, sample_graph

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.timezone.utc)
ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def library(db_url, tmp_path, monkeypatch):
    # These tests count lost and doubled answers, not waits: on a machine busy
    # with other work, 32 writers can keep SQLite's lock past the 5 s a
    # person is asked to wait.
    monkeypatch.setenv("CSKEXAM_WAIT", "120")
    bank = tmp_path / "bank"
    bank.mkdir()
    lib = open_sample_library(db_url, bank, monkeypatch, T0)
    yield lib
    lib.close()


class Clock:
    """Strictly increasing times, distinct per device: an answer's time names it."""

    def __init__(self, device: int):
        self.t = T0 + dt.timedelta(days=1, microseconds=device)
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.t += dt.timedelta(milliseconds=1)
            return self.t


def _run_all(targets) -> None:
    errors: list[BaseException] = []

    def guarded(fn):
        def run():
            try:
                fn()
            except BaseException as exc:  # noqa: BLE001 - re-raised below
                errors.append(exc)
        return run

    threads = [threading.Thread(target=guarded(fn)) for fn in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    if errors:
        raise errors[0]


# Both devices read one clock that runs with the wall clock from a fixed noon:
# answers keep the order they were written in, and the study day never ends
# mid-test (learning cards due after the 04:00 rollover are tomorrow's).
REVIEW_DEVICE = textwrap.dedent("""
    import datetime as dt, sys, time
    from cskexam.storage.db import open_database
    from cskexam.services.review import Reviewer
    noon, started = dt.datetime.fromisoformat(sys.argv[4]), float(sys.argv[5])
    clock = lambda: noon + dt.timedelta(seconds=time.time() - started)
    db = open_database(sys.argv[1], profile=sys.argv[2])
    with Reviewer(db, tz=dt.timezone.utc, clock=clock) as r:
        for i in range(int(sys.argv[3])):
            card = r.next_card()
            result = r.answer(card.id, 1 + (i % 4))
            print(result.log_id, flush=True)
    db.close()
""")


def test_two_devices_reviewing_one_profile_lose_nothing_and_repeat_nothing(library, db_url):
    ensure_profile(library.db, "张三")
    with Reviewer(library.db, profile="张三") as r:
        r.save_settings(SrsSettings(daily_new_limit=500))
    noon = (T0 + dt.timedelta(days=1)).replace(hour=12).isoformat()
    started = str(time.time())
    procs = [
        subprocess.Popen([sys.executable, "-c", REVIEW_DEVICE, db_url, "张三", "25", noon, started],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err
    acknowledged = [int(x) for out, _ in outs for x in out.split()]
    assert len(acknowledged) == 50 and len(set(acknowledged)) == 50
    view = library.db.for_profile("张三")
    with view.session() as s:
        logs = s.execute(select(ReviewLogRow.id, ReviewLogRow.card_id).where(ReviewLogRow.profile == "张三")).all()
        assert sorted(i for i, _ in logs) == sorted(acknowledged)
        # Each card's stored state is its log replayed: no answer overwrote another.
        for card_id in {c for _, c in logs}:
            row = s.execute(select(CardRow).where(CardRow.id == card_id, CardRow.profile == "张三")).scalar_one()
            from cskexam.storage.review_repo import state_of

            assert replay_card(s, card_id, SrsSettings(daily_new_limit=500)) == state_of(row)
        # The other profile did not study.
        assert s.scalar(select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.profile != "张三")) == 0


def test_thirty_candidates_answering_at_once_lose_nothing(library, db_url):
    questions = Practice(library).questions()
    assert len(questions) >= 8
    names = [f"考生{i:02d}" for i in range(30)]
    acknowledged: dict[str, list[tuple[dt.datetime, str, bool]]] = {n: [] for n in names}
    lock = threading.Lock()

    def candidate(index: int, name: str, device: int):
        def run():
            lib = open_library(db_url, profile=name)
            try:
                practice = Practice(lib, clock=Clock(device))
                for k, q in enumerate(questions[:8]):
                    # Right answers and wrong ones, so that the 错题本 is written too.
                    given = q.answer if (k + index) % 2 else "__wrong__"
                    outcome = practice.answer(q, given)
                    with lock:
                        acknowledged[name].append((q.id, outcome.result.correct))
            finally:
                lib.close()
        return run

    # Thirty candidates, and a second device for two of them answering the same questions.
    targets = [candidate(i, n, i) for i, n in enumerate(names)]
    targets += [candidate(i, names[i], 100 + i) for i in (0, 1)]
    _run_all(targets)

    with library.db.session() as s:
        rows = s.execute(select(AnswerRow.profile, AnswerRow.question_id, AnswerRow.correct, AnswerRow.answered_at)).all()
        book = {(w.profile, w.question_id): w.wrong_count for w in s.scalars(select(WrongBookRow))}
    stored = Counter((p, q, bool(c)) for p, q, c, _ in rows)
    expected = Counter((n, q, c) for n, answers in acknowledged.items() for q, c in answers)
    assert stored == expected  # none lost, none twice
    assert len({(p, t) for p, _, _, t in rows}) == len(rows)
    wrong = Counter((p, q) for p, q, c, _ in rows if not c)
    assert book == dict(wrong)  # concurrent devices of one profile both counted


def test_an_import_while_others_study_loses_no_answer(library, db_url):
    edited = copy.deepcopy(sample_graph())
    macro = next(n for n in edited.nodes.values() if n.title == "宏观环境分析")
    macro.mnemonic = "宏观五要素"
    names = ["李四", "王五", "李四"]  # two devices of 李四
    done: list[int] = []
    lock = threading.Lock()

    def studier(name: str, device: int):
        def run():
            lib = open_library(db_url, profile=name)
            try:
                with Reviewer(lib.db, clock=Clock(device)) as r:
                    r.save_settings(SrsSettings(daily_new_limit=500))
                    for i in range(12):
                        card = r.next_card()
                        r.answer(card.id, 1 + i % 4)
                        with lock:
                            done.append(1)
            finally:
                lib.close()
        return run

    def importer():
        lib = Library(open_database(db_url))
        try:
            for _ in range(3):
                lib.store(PreparedImport([], edited), now=T0 + dt.timedelta(days=1))
        finally:
            lib.close()

    _run_all([studier(n, i) for i, n in enumerate(names)] + [importer])
    with library.db.session() as s:
        logs = s.scalar(select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.rating > 0))
        fronts = set(s.scalars(select(CardRow.profile).where(CardRow.front.contains("宏观五要素"))))
    assert logs == len(done) == 36
    assert {"default", "李四", "王五"} <= fronts  # the import reached every profile's cards
