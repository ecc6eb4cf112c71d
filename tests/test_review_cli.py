"""The CLI of the review loop, and its reliability under kill -9 and concurrency."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import func, select

from cskexam.core.srs import SrsSettings
from cskexam.services import review_queue as review
from cskexam.storage.db import open_database
from cskexam.storage.models_review import CardRow, ReviewLogRow

ENV = {**os.environ, "PYTHONUNBUFFERED": "1"}


def cli(*args, db_url=None, stdin="", timeout=60):
    argv = [sys.executable, "-m", "cskexam"]
    if db_url:
        argv += ["--db", db_url]
    return subprocess.run(argv + list(args), input=stdin, capture_output=True, text=True, timeout=timeout, env=ENV)


def run_main(capsys, *args, db_url=None) -> subprocess.CompletedProcess:
    """A command that reads no input, run in this process (the same ``main`` as ``python -m cskexam``).

    The commands that read answers from stdin, or must be separate processes, use ``cli``.
    """
    from cskexam.cli import main

    argv = (["--db", db_url] if db_url else []) + list(args)
    capsys.readouterr()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refusing an option
        code = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(argv, code, out, err)


def logs_in(url):
    db = open_database(url)
    try:
        with db.session() as s:
            return list(s.execute(select(ReviewLogRow.card_id, ReviewLogRow.rating).order_by(ReviewLogRow.id)))
    finally:
        db.close()


def test_cards_json_lists_the_stored_cards(library_path, capsys):
    url = f"sqlite:///{library_path}"
    out = run_main(capsys, "cards", "--json", db_url=url)
    assert out.returncode == 0, out.stderr
    cards = json.loads(out.stdout)
    assert set(cards[0]) == {"id", "node", "kind", "front", "back", "state"}
    assert {c["state"] for c in cards} <= {"new", "learning", "review", "suspended", "buried", "leech"}
    macro = next(c for c in cards if c["front"] == "宏观环境分析包括哪五个方面？（宏五）")
    assert macro["kind"] == "list" and macro["back"].startswith("1. 市场人口")
    only = json.loads(run_main(capsys, "cards", "--json", "--kind", "definition", db_url=url).stdout)
    assert only and {c["kind"] for c in only} == {"definition"}


def test_cards_from_notes_without_a_database(tmp_path, capsys):
    notes = tmp_path / "笔记.md"
    notes.write_text("# 服务\n## 客户服务的五大特性\n无形性、不可分性、易消失性、有偿性、易变性\n", encoding="utf-8")
    out = run_main(capsys, "cards", "--notes", str(notes))
    assert out.returncode == 0, out.stderr
    assert "客户服务的五大特性分别是什么？" in out.stdout and "5. 易变性" in out.stdout
    bad = run_main(capsys, "cards", "--notes", str(tmp_path / "missing.txt"))
    assert bad.returncode == 2 and "路径不存在" in bad.stderr and "Traceback" not in bad.stderr


def test_stats_json_and_text(library_path, capsys):
    url = f"sqlite:///{library_path}"
    cli("review", "--limit", "3", db_url=url, stdin="\n3\n" * 3)
    data = json.loads(run_main(capsys, "stats", "--json", db_url=url).stdout)
    assert data["reviewed_today"] == 3 and data["streak"] == 1
    assert len(data["forecast"]) == 30 and data["mastery"]["documents"]
    text = run_main(capsys, "stats", db_url=url).stdout
    assert "今日已复习 3" in text and "连续学习 1 天" in text
    bad = run_main(capsys, "stats", "--days", "0", db_url=url)
    assert bad.returncode == 2 and "--days" in bad.stderr


def test_review_command_answers_undoes_and_summarises(library_path, capsys):
    url = f"sqlite:///{library_path}"
    out = cli("review", db_url=url, stdin="\n3\n\n1\n\nu\nq\n")
    assert out.returncode == 0, out.stderr
    assert "问: 什么是客户服务环境？" in out.stdout
    assert "1 重来(1分钟)  2 困难(6分钟)  3 良好(10分钟)" in out.stdout
    assert "已撤销" in out.stdout and "本次复习 1 张（良好 1）" in out.stdout
    assert [r.rating for r in logs_in(url)] == [3]
    unknown = run_main(capsys, "review", "--node", "nope", db_url=url)
    assert unknown.returncode == 2 and "没有这个知识点" in unknown.stderr


def test_kill_9_mid_drill_loses_no_answer(library_path):
    url = f"sqlite:///{library_path}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "cskexam", "--db", url, "review"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )
    recorded = []
    try:
        proc.stdin.write("\n3\n")
        proc.stdin.flush()
        for line in proc.stdout:
            if line.startswith("已记录"):
                recorded.append(line.split()[1])
                if len(recorded) == 7:
                    break
                proc.stdin.write("\n" + "1234"[len(recorded) % 4] + "\n")
                proc.stdin.flush()
        # killed while the next card is on screen: no chance to flush or clean up
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert len(recorded) == 7
    assert [cid for cid, _ in logs_in(url)] == recorded


WORKER = textwrap.dedent("""
    import sys
    from cskexam.storage.db import open_database
    from cskexam.services.review import Reviewer
    db = open_database(sys.argv[1])
    r = Reviewer(db)
    for i in range(int(sys.argv[2])):
        card = r.next_card()
        result = r.answer(card.id, 1 + (i % 4))
        print(result.log_id, flush=True)
    db.close()
""")


def test_two_processes_answering_on_one_database_lose_nothing(library_path):
    url = f"sqlite:///{library_path}"
    db = open_database(url)
    from cskexam.services.review import Reviewer
    Reviewer(db).save_settings(SrsSettings(daily_new_limit=500))
    db.close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, url, "40"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=ENV)
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0, err
    ids = [int(x) for out, _ in outs for x in out.split()]
    assert len(ids) == 80 and len(set(ids)) == 80
    db = open_database(url)
    try:
        with db.session() as s:
            assert s.execute(select(func.count()).select_from(ReviewLogRow)).scalar_one() == 80
            # both processes often answered the same card: its state still replays from the log
            settings = SrsSettings()
            for (cid,) in s.execute(select(ReviewLogRow.card_id).distinct()):
                stored = review.review_repo.state_of(s.get(CardRow, (cid, "default")))
                assert review.replay_card(s, cid, settings) == stored
    finally:
        db.close()


def _make_review_cards(url, n: int, days_ago: int = 12) -> None:
    """Answer ``n`` new cards 简单 ``days_ago`` days ago: due review cards now, with fuzz on."""
    import datetime as dt

    from cskexam.services.review import Reviewer

    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days_ago)
    db = open_database(url)
    try:
        with Reviewer(db, clock=lambda: past) as reviewer:
            for _ in range(n):
                card = reviewer.next_card()
                reviewer.answer(card.id, 4)
    finally:
        db.close()


def test_the_intervals_shown_are_the_ones_recorded_fuzz_included(library_path):
    import datetime as dt

    from cskexam.services.review import Reviewer

    url = f"sqlite:///{library_path}"
    _make_review_cards(url, 12)
    now = dt.datetime.now(dt.timezone.utc)
    db = open_database(url)
    try:
        with Reviewer(db, clock=lambda: now) as reviewer:
            assert reviewer.settings.enable_fuzzing
            for rating in (2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4):
                card = reviewer.next_card()
                assert card.state.state == 2  # in review: the fuzz applies
                shown = reviewer.preview(card)
                assert reviewer.answer(card.id, rating).interval == shown[rating], (card.id, rating)
    finally:
        db.close()


def test_review_command_records_the_interval_it_showed(library_path):
    import re

    url = f"sqlite:///{library_path}"
    _make_review_cards(url, 10)
    out = cli("review", "--limit", "10", db_url=url, stdin="\n2\n" * 10)
    assert out.returncode == 0, out.stderr
    shown = re.findall(r"2 困难\(([^)]+)\)", out.stdout)
    recorded = re.findall(r"困难 → (\S+?)后再见", out.stdout)
    assert len(shown) == len(recorded) == 10
    assert shown == recorded
