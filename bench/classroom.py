"""A class studying at once: N candidates as separate processes on one library (prints figures; not a test).

    python bench/classroom.py [--candidates 30] [--seconds 20] [--think 1.0] [--engine both|postgresql|sqlite]
                              [--server postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Each candidate is a process with its own profile and its own connection. After
a start signal they alternate for a fixed time between reviewing a card
(``Reviewer.answer``) and answering a practice question (``Practice.answer``),
pausing a random think time in between (mean ``--think`` seconds; 0 hammers
the database as fast as the cores allow). Two of them study a second profile's
cards on a second device at once (the same profile twice).

Printed per engine:
* answers per second (reviews and practice answers, acknowledged);
* p50/p95/max answer → durable latency: from the rating or the given answer
  to the return of ``Reviewer.answer`` / ``Practice.answer``, which return
  after their commit (fetching the next card is not counted);
* lost and duplicated answers, counted from the database afterwards against
  what every candidate was told was saved (review log ids; practice answers
  by profile and answer time, which each device keeps distinct).

The PostgreSQL run uses a new uniquely named database on ``--server`` and
drops it afterwards; the SQLite run a file in a temporary directory.
Goal with 30 candidates on 2 cores: p95 ≤ 20 ms and 0 lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SECOND_DEVICES = 2  # candidates whose profile also studies on a second device


def profile_of(index: int) -> str:
    return f"考生{index:02d}"


class DeviceClock:
    """Now, but strictly increasing and distinct per device: an answer's time names it."""

    def __init__(self, device: int):
        self.last = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
        self.device = device

    def __call__(self) -> dt.datetime:
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        now += dt.timedelta(microseconds=self.device)
        if now <= self.last:
            now = self.last + dt.timedelta(milliseconds=1)
        self.last = now
        return now


def candidate(url: str, profile: str, device: int, think: float, ready, start, stop_at, results) -> None:
    from cskexam.core.srs import SrsSettings
    from cskexam.services.library import open_library
    from cskexam.services.practice import Practice
    from cskexam.services.review import Reviewer

    rng = random.Random(device)
    library = open_library(url, profile=profile)
    clock = DeviceClock(device)
    practice = Practice(library, clock=clock)
    questions = [q for q in practice.questions() if q.type in ("单选", "多选", "判断")]
    reviewer = Reviewer(library.db, clock=clock)
    if device < 1000:
        reviewer.save_settings(SrsSettings(daily_new_limit=9999))
    reviews: list[tuple[int, float]] = []
    answers: list[tuple[str, float]] = []
    ready.put(device)
    start.wait()
    deadline = stop_at.value
    turn = 0
    while time.time() < deadline:
        turn += 1
        began = time.perf_counter()
        if turn % 2:
            card = reviewer.next_card()
            if card is not None:
                # From the rating to its commit (showing the next card is not part of the answer).
                began = time.perf_counter()
                result = reviewer.answer(card.id, rng.choice((1, 3, 3, 3, 4)))
                reviews.append((result.log_id, time.perf_counter() - began))
        else:
            q = questions[rng.randrange(len(questions))]
            given = q.answer if rng.random() < 0.7 else "__wrong__"
            began = time.perf_counter()
            outcome = practice.answer(q, given)
            answers.append((outcome.question.id + "|" + clock.last.isoformat(), time.perf_counter() - began))
        if think:
            time.sleep(rng.uniform(0, 2 * think))
    reviewer.close()
    library.close()
    results.put((profile, reviews, answers))


def prepare(url: str, candidates: int) -> None:
    from cskexam.services.library import open_library
    from cskexam.services.profiles import ensure_profile

    with open_library(url) as library:
        library.import_notes()
        for i in range(candidates):
            ensure_profile(library.db, profile_of(i))


def count_from_database(url: str, told: list) -> tuple[int, int]:
    """(lost, duplicated): what the candidates were told was saved against what the database holds."""
    from sqlalchemy import select

    from cskexam.storage.db import open_database
    from cskexam.storage.models_questions import AnswerRow
    from cskexam.storage.models_review import ReviewLogRow

    db = open_database(url)
    try:
        with db.session() as s:
            logs = Counter(s.scalars(select(ReviewLogRow.id).where(ReviewLogRow.rating > 0)))
            rows = s.execute(select(AnswerRow.profile, AnswerRow.question_id, AnswerRow.answered_at)).all()
    finally:
        db.close()
    stored = Counter((p, f"{q}|{t.isoformat()}") for p, q, t in rows)
    acked_logs = Counter(log_id for _, reviews, _ in told for log_id, _ in reviews)
    acked_answers = Counter((profile, key) for profile, _, answers in told for key, _ in answers)
    lost = sum((acked_logs - logs).values()) + sum((acked_answers - stored).values())
    duplicated = sum(n - 1 for n in logs.values() if n > 1) + sum(n - 1 for n in stored.values() if n > 1)
    # Saved twice would also show as more rows than answers acknowledged.
    duplicated += max(0, sum(stored.values()) - sum(acked_answers.values()))
    return lost, duplicated


def run(url: str, label: str, candidates: int, seconds: float, think: float) -> None:
    t0 = time.perf_counter()
    prepare(url, candidates)
    ctx = mp.get_context("spawn")  # each candidate a fresh interpreter, as separate devices are
    start = ctx.Event()
    stop_at = ctx.Value("d", 0.0)
    results = ctx.Queue()
    ready = ctx.Queue()
    devices = [(profile_of(i), i) for i in range(candidates)]
    devices += [(profile_of(i), 1000 + i) for i in range(min(SECOND_DEVICES, candidates))]
    procs = [ctx.Process(target=candidate, args=(url, p, d, think, ready, start, stop_at, results)) for p, d in devices]
    for p in procs:
        p.start()
    # Every process has imported and opened its library before the clock starts.
    for _ in procs:
        ready.get(timeout=600)
    stop_at.value = time.time() + seconds
    start.set()
    told = [results.get(timeout=seconds + 300) for _ in procs]
    for p in procs:
        p.join(60)
    failed = [p.exitcode for p in procs if p.exitcode != 0]
    latencies = [lat for _, reviews, answers in told for _, lat in reviews + answers]
    n_reviews = sum(len(r) for _, r, _ in told)
    n_answers = sum(len(a) for _, _, a in told)
    lost, duplicated = count_from_database(url, told)
    if len(latencies) < 2:
        print(f"{label}: 没有作答（进程退出码 {[p.exitcode for p in procs]}）")
        return
    q = statistics.quantiles(latencies, n=100)
    print(f"{label}: {candidates} 名考生 + {min(SECOND_DEVICES, candidates)} 台第二设备，{seconds:g} 秒，思考时间均值 {think:g} 秒")
    print(f"  作答 {n_reviews + n_answers}（复习 {n_reviews}，练习 {n_answers}）= {(n_reviews + n_answers) / seconds:.1f} 次/秒")
    print(f"  作答→落盘 延迟 p50 {q[49] * 1000:.1f} ms，p95 {q[94] * 1000:.1f} ms，最大 {max(latencies) * 1000:.1f} ms")
    for name, index in (("复习", 1), ("练习", 2)):
        part = [lat for row in told for _, lat in row[index]]
        if len(part) >= 2:
            pq = statistics.quantiles(part, n=100)
            print(f"    其中{name} p50 {pq[49] * 1000:.1f} ms，p95 {pq[94] * 1000:.1f} ms")
    print(f"  丢失 {lost}，重复 {duplicated}" + (f"，进程失败 {len(failed)}" if failed else ""))
    print(f"  （准备与收尾共 {time.perf_counter() - t0 - seconds:.0f} 秒）", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between answers, seconds")
    parser.add_argument("--engine", choices=("both", "postgresql", "sqlite"), default="both")
    parser.add_argument("--server", default=os.environ.get("CSKEXAM_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    args = parser.parse_args()
    if args.engine in ("both", "postgresql"):
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        server = make_url(args.server)
        name = f"cskexam_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            run(server.set(database=name).render_as_string(hide_password=False), "PostgreSQL",
                args.candidates, args.seconds, args.think)
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.dispose()
    if args.engine in ("both", "sqlite"):
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{Path(tmp) / 'class.sqlite3'}", "SQLite", args.candidates, args.seconds, args.think)


if __name__ == "__main__":
    main()
