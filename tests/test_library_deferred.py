"""An import whose steps run later (the app's first start): pending steps, finishing, recovery after kill -9."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cskexam.resources import note_files
from cskexam.services import library as library_mod
from cskexam.services.library import open_library
from cskexam.storage.models_questions import QuestionRow
from cskexam.storage.models_review import CardRow, ReviewLogRow

REPO = Path(__file__).resolve().parents[1]


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO))


def _counts(library) -> tuple[int, int]:
    """(cards, active questions) stored."""
    with library.db.session() as s:
        cards = s.execute(select(func.count()).select_from(CardRow)).scalar_one()
        questions = s.execute(select(func.count()).select_from(QuestionRow).where(QuestionRow.active.is_(True))).scalar_one()
    return cards, questions


def _step_names() -> list[str]:
    return [s.name for s in library_mod.import_steps()]


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=_env(), capture_output=True, text=True, timeout=240)


def test_a_deferred_import_stores_the_graph_and_any_command_finishes_it(db_url):
    with open_library(db_url) as library:
        result = library.ensure_imported(defer_steps=True)
        assert result is not None and result.steps == [] and result.nodes > 100
        assert library.summary().points > 0 and library.summary().imported_at is not None
        assert library.pending_steps() == _step_names()
        assert _counts(library) == (0, 0)  # no card or question yet: they come with the steps

        # What every command does first: the import is finished before anything reads cards.
        assert library.ensure_imported() is None
        assert library.pending_steps() == []
        cards, questions = _counts(library)
        assert cards > 40 and questions > 50
        assert library.finish_import() == []  # nothing left: no second run
        assert _counts(library) == (cards, questions)
        (run,) = library.import_runs()
        assert run.steps == _step_names()  # one import run, its steps recorded on it


def test_killed_after_the_graph_is_stored_the_next_start_finishes_and_the_cli_sees_every_card(tmp_db_url):
    killed = _run(
        "import os, signal\n"
        "from cskexam.services.library import open_library\n"
        f"lib = open_library({tmp_db_url!r})\n"
        "lib.ensure_imported(defer_steps=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    assert killed.returncode == -9, killed.stderr
    with open_library(tmp_db_url) as library:
        assert library.summary().points > 0
        assert library.pending_steps() == _step_names()  # noticed
        assert _counts(library) == (0, 0)

    # The CLI finishes the import in the foreground and sees a complete library.
    out = subprocess.run([sys.executable, "-m", "cskexam", "cards", "--json", "--db", tmp_db_url],
                         env=_env(), capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    cards = json.loads(out.stdout)
    assert len(cards) > 40 and all(c["state"] for c in cards)
    with open_library(tmp_db_url) as library:
        assert library.pending_steps() == []
        assert _counts(library)[0] == len(cards)


def test_killed_in_the_middle_of_the_steps_nothing_of_them_is_kept_and_the_next_start_finishes(tmp_db_url):
    # The real steps, then one that kills the process before their transaction commits.
    killed = _run(
        "import os, signal\n"
        "from cskexam.services import library as L\n"
        "real = L.import_steps\n"
        "def killer(session, graph, now):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "L.import_steps = lambda: [*real(), L.ImportStep('test:killer', '被杀', killer)]\n"
        f"lib = L.open_library({tmp_db_url!r})\n"
        "lib.ensure_imported(defer_steps=True)\n"
        "lib.finish_import()\n"
    )
    assert killed.returncode == -9, killed.stderr
    with open_library(tmp_db_url) as library:
        assert library.pending_steps() == _step_names()
        assert _counts(library) == (0, 0)  # the cards written before the kill were never committed
        assert library.finish_import() == _step_names()
        assert _counts(library)[0] > 40


def test_a_reimport_with_deferred_steps_keeps_card_ids_and_review_history(db_url, tmp_path):
    (source,) = note_files()
    notes = tmp_path / "notes" / source.name
    notes.parent.mkdir()
    shutil.copyfile(source, notes)
    with open_library(db_url) as library:
        library.import_notes([notes])
        ids_before = {c.id for c in library.cards()}
        with library.reviewer() as reviewer:
            card = reviewer.next_card()
            assert card is not None
            reviewer.answer(card.id, 3)

        original = notes.read_text(encoding="utf-8")
        old = "(3)、产品形式竞争者:指生产同类但规格、型号、款式不同产品的竞争者。"
        assert old in original
        notes.write_text(original.replace(old, "(3)、产品形式竞争者:指生产同类但规格、型号或款式不同的产品的竞争者。"),
                         encoding="utf-8")
        result = library.import_notes([notes], defer_steps=True)
        assert result.updated == 1 and library.pending_steps() == _step_names()
        assert library.finish_import() == _step_names()

        assert {c.id for c in library.cards()} == ids_before
        with library.db.session() as s:
            logs = s.execute(select(ReviewLogRow.card_id)).scalars().all()
            reps = s.execute(select(CardRow.reps).where(CardRow.id == card.id)).scalar_one()
        assert logs == [card.id] and reps == 1


def test_two_processes_finishing_one_import_take_turns(db_url, monkeypatch):
    # The second waits for the first's write lock, however slow a busy machine makes the steps.
    monkeypatch.setenv("CSKEXAM_WAIT", "240")
    with open_library(db_url) as library:
        library.ensure_imported(defer_steps=True)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def finish() -> None:
        try:
            with open_library(db_url) as other:
                results.append(other.finish_import())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=finish) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not errors, errors
    assert sorted(results, key=len) == [[], _step_names()]  # one ran the steps, the other found them done
    with open_library(db_url) as library:
        assert library.pending_steps() == []
        cards = library.cards()
        assert len(cards) == len({c.id for c in cards}) > 40


@pytest.mark.parametrize("legacy_steps", [None, ["cskexam.services.cards:sync_cards"]])
def test_a_library_whose_last_run_recorded_fewer_steps_catches_up_once(db_url, legacy_steps):
    """An import run written by an older cskexam (no steps recorded, or a catch-up of one)."""
    from sqlalchemy import update

    from cskexam.storage.models_graph import ImportRunRow

    with open_library(db_url) as library:
        library.import_notes()
        with library.db.session() as s:
            s.execute(update(ImportRunRow).values(steps=legacy_steps))
        assert library.pending_steps() == [n for n in _step_names() if n not in (legacy_steps or [])]
        cards = _counts(library)
        library.ensure_imported()
        assert library.pending_steps() == []
        assert _counts(library) == cards  # the steps are idempotent: nothing doubled
