"""Review loop speed on a 100k-card SQLite library (prints figures; not a test).

    python bench/review.py [--cards 100000] [--answers 300]

Measures, as medians over many runs, next to the figures of the code before
the drill kept its own connection and counts (``BASELINE``):
* answer → durable: ``Reviewer.answer`` (BEGIN IMMEDIATE, data_version, read
  the card, fsrs, compare-and-set UPDATE, INSERT into the log, COMMIT in WAL
  mode with synchronous=NORMAL, as ``cskexam.storage.db`` sets it);
* the due queue: ``next_card`` (learning due, then review due today, then new)
  and ``counts`` (the 剩余 line of the drill screen, kept up to date from the
  answers), plus the full recount a drill does when it starts, after
  undo/suspend/bury or when another connection wrote;
* one drill step: answer, next card, 剩余 line (what a key press costs).
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
import unicodedata
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


# Medians of the code before the drill kept its own connection and counts
# (commit 1ebbfa1: ORM session per action, statements built per answer, four
# count queries per 剩余 line; synchronous=NORMAL already), 100k cards on the
# 2-core reference machine. Ranges: several runs, the machine under varying load.
BASELINE = {
    "due": "0.11–0.17 ms",
    "next": "0.6–0.8 ms",
    "counts": "3.7–7 ms",
    "recount": "3.7–7 ms",
    "answer": "1.4–7.5 ms",
    "step": "—",
}


def timings_ms(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def median_ms(fn, repeat: int) -> float:
    return statistics.median(timings_ms(fn, repeat))


def p90(times: list[float]) -> float:
    return sorted(times)[int(len(times) * 0.9)]


def pad(label: str, width: int = 40) -> str:
    """Left-justify on terminal columns (a CJK character takes two)."""
    cols = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label)
    return label + " " * max(0, width - cols)


def line(label: str, key: str, median: float, extra: str = "") -> None:
    print(f"{pad(label)} median {median:7.3f} ms   (before: {BASELINE[key]}){extra}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--answers", type=int, default=300)
    ap.add_argument("--keep", metavar="FILE", help="also copy the built database to FILE")
    args = ap.parse_args()
    rng = random.Random(1)
    tz = timezone(timedelta(hours=8))
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
        reviewer = Reviewer(db, clock=lambda: clock["now"], tz=tz)
        reviewer.next_card()  # a drill's first card: settings, connection, first count

        from cskexam.services import review_queue as review
        from cskexam.storage import review_repo

        with db.session() as session:
            end = NOW + timedelta(hours=16)
            line("due-queue query (next review card)", "due", median_ms(lambda: review_repo.due_ids(session, (REVIEW,), end, NOW, 1), 300))
            settings = review.get_settings(session)
            line("queue_counts, full recount", "recount",
                 median_ms(lambda: review.queue_counts(session, NOW, settings, tz), 100),
                 "  drill start, undo/suspend/bury, another writer")
        line("next_card (queue + text + path)", "next", median_ms(reviewer.next_card, 200))
        line("counts (the 剩余 line)", "counts", median_ms(reviewer.counts, 200))

        due = []
        for _ in range(2 * args.answers):
            card = reviewer.next_card(exclude=due[-50:])
            due.append(card.id)

        def rate(cid):
            clock["now"] += timedelta(seconds=1)
            reviewer.answer(cid, rng.choice((1, 3, 3, 3, 4)))

        ids = iter(due[:args.answers])
        times = timings_ms(lambda: rate(next(ids)), args.answers)
        line("answer → durable", "answer", statistics.median(times),
             f"  p90 {p90(times):.3f} ms ({len(times)} answers)")

        shown = [reviewer.next_card()]

        def step():
            clock["now"] += timedelta(seconds=1)
            reviewer.answer(shown[0].id, rng.choice((1, 3, 3, 3, 4)))
            shown[0] = reviewer.next_card()
            reviewer.counts()

        line("drill step (answer, next card, 剩余)", "step", median_ms(step, args.answers // 2))

        # Exactness check of the kept counts against a fresh count, so that a
        # fast but wrong figure cannot pass unnoticed.
        kept = reviewer.counts()
        with db.session() as session:
            fresh = review.queue_counts(session, clock["now"], review.get_settings(session), tz)
        print(f"kept 剩余 {kept} {'==' if kept == fresh else '!='} recounted {fresh}")
        reviewer.close()

        # What an fsync per answer would cost (synchronous=FULL): shown to
        # price the choice of NORMAL, which still survives a killed process.
        from sqlalchemy import event

        event.listen(db.engine, "connect", lambda c, _r: c.execute("PRAGMA synchronous = FULL"))
        db.engine.dispose()
        with Reviewer(db, clock=lambda: clock["now"], tz=tz) as full:
            full.settings
            ids = iter(due[args.answers:])

            def rate_full():
                clock["now"] += timedelta(seconds=1)
                full.answer(next(ids), 3)

            times = timings_ms(rate_full, args.answers)
        print(f"{pad('answer → durable, synchronous=FULL')} median {statistics.median(times):7.3f} ms   "
              f"(for comparison only)  p90 {p90(times):.3f} ms")
        db.close()


if __name__ == "__main__":
    main()
