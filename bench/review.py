"""Review loop speed on a 100k-card SQLite library (prints figures; not a test).

    python bench/review.py [--cards 100000] [--answers 300]

Measures, as medians over many runs:
* answer → durable: ``Reviewer.answer`` (BEGIN IMMEDIATE, read the card, fsrs,
  compare-and-set UPDATE, INSERT into the log, COMMIT in WAL mode);
* the due queue: ``next_card`` (learning due, then review due today, then new)
  and ``queue_counts`` (the 剩余 line of the drill screen).
Goals on the reference machine (2 cores): ≤ 2 ms each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cskexam.core.srs import LEARNING, NEW, REVIEW  # noqa: E402
from cskexam.services.review import Reviewer  # noqa: E402
from cskexam.storage.db import open_database  # noqa: E402
from cskexam.storage.models_graph import NodeRow  # noqa: E402
from cskexam.storage.models_review import CardRow, ReviewLogRow  # noqa: E402

NOW = dt.datetime(2024, 5, 6, 12, 0, tzinfo=timezone.utc)


def build(url: str, n_cards: int, rng: random.Random) -> None:
    db = open_database(url)
    nodes = max(1, n_cards // 4)
    with db.session() as s:
        s.execute(NodeRow.__table__.insert(), [
            {"id": f"n{i:07d}", "kind": "point", "title": f"要点{i}", "text": "", "marker": "", "parent_id": None,
             "document_id": "n0000000", "position": i, "seq": i, "tags": [], "flags": [], "source_file": "b.txt",
             "source_line": i, "active": True, "first_seen": NOW, "last_seen": NOW, "changed_at": NOW}
            for i in range(nodes)
        ])
        rows, logs = [], []
        for i in range(n_cards):
            kind = rng.random()
            state = NEW if kind < 0.3 else (LEARNING if kind < 0.33 else REVIEW)
            due = None if state == NEW else NOW + timedelta(days=rng.uniform(-20, 200))
            rows.append({
                "id": f"c{i:015d}", "node_id": f"n{i % nodes:07d}", "kind": "definition", "front": f"问题{i}",
                "back": f"答案{i}", "seq": i, "created_at": NOW, "changed_at": NOW, "orphaned": False,
                "suspended": rng.random() < 0.01, "leech": False, "state": state,
                "step": 0 if state == LEARNING else None,
                "stability": None if state == NEW else rng.uniform(1, 300),
                "difficulty": None if state == NEW else rng.uniform(1, 10),
                "due": due, "last_review": None if state == NEW else NOW - timedelta(days=rng.uniform(1, 100)),
                "reps": 0 if state == NEW else rng.randint(1, 20), "lapses": 0, "version": 0,
            })
            if state != NEW:
                logs.append({"card_id": rows[-1]["id"], "rating": 3, "reviewed_at": rows[-1]["last_review"],
                             "duration_ms": 5000, "state_before": REVIEW, "state_after": REVIEW,
                             "due_after": due, "reason": None, "before": {}})
        for i in range(0, len(rows), 20000):
            s.execute(CardRow.__table__.insert(), rows[i:i + 20000])
        for i in range(0, len(logs), 20000):
            s.execute(ReviewLogRow.__table__.insert(), logs[i:i + 20000])
    with db.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--answers", type=int, default=300)
    ap.add_argument("--keep", metavar="FILE", help="also copy the built database to FILE")
    args = ap.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        t0 = time.perf_counter()
        build(url, args.cards, rng)
        if args.keep:
            import shutil
            shutil.copyfile(Path(tmp) / "bench.sqlite3", args.keep)
        print(f"built {args.cards:,} cards in {time.perf_counter() - t0:.1f} s")
        db = open_database(url)
        clock = {"now": NOW}
        reviewer = Reviewer(db, clock=lambda: clock["now"], tz=timezone(timedelta(hours=8)))
        reviewer.settings  # load once, as a drill does
        reviewer.next_card()  # warm the connection pool and statement cache

        from cskexam.services.review import DEFAULT_PROFILE  # noqa: F401
        from cskexam.storage import review_repo

        with db.session() as session:
            end = NOW + timedelta(hours=16)
            q = median_ms(lambda: review_repo.due_ids(session, (REVIEW,), end, NOW, 1), 300)
            print(f"due-queue query (next review card)   median {q:.3f} ms")
            q = median_ms(lambda: review_repo.count_due(session, (REVIEW,), end, NOW), 100)
            print(f"due count (reviews left today)       median {q:.3f} ms")
        print(f"next_card (queue + text + path)      median {median_ms(reviewer.next_card, 200):.3f} ms")
        print(f"queue_counts (the 剩余 line)          median {median_ms(reviewer.counts, 200):.3f} ms")

        due = []
        for _ in range(2 * args.answers):
            card = reviewer.next_card(exclude=due[-50:])
            due.append(card.id)

        def answer_all(ids, label):
            times = []
            for cid in ids:
                clock["now"] += timedelta(seconds=1)
                t0 = time.perf_counter()
                reviewer.answer(cid, rng.choice((1, 3, 3, 3, 4)))
                times.append((time.perf_counter() - t0) * 1000)
            print(f"{label} median {statistics.median(times):.3f} ms  "
                  f"p90 {sorted(times)[int(len(times) * 0.9)]:.3f} ms  ({len(times)} answers)")

        answer_all(due[:args.answers], "answer → durable, synchronous=FULL  ")
        # WAL with synchronous=NORMAL: a commit survives the process being
        # killed (the WAL is written before COMMIT returns); only a power cut
        # can lose the last answers. Shown to price the fsync per answer.
        from sqlalchemy import event

        event.listen(db.engine, "connect", lambda c, _r: c.execute("PRAGMA synchronous = NORMAL"))
        db.engine.dispose()
        answer_all(due[args.answers:], "answer → durable, synchronous=NORMAL")
        db.close()


if __name__ == "__main__":
    main()
