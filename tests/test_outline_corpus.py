"""The parser holds its figures on the hand-scored notes corpus (tests/notes_corpus).

Each floor is the measured figure a little rounded down; raise it when the
parser gets better, so that no later change quietly loses ground.
``python bench/outline.py -v`` shows the figures and the misses per file.
"""

from __future__ import annotations

import pytest

from cskexam.core.notes import decode_note_bytes

from notes_corpus.score import MEASURES, corpus_files, load_gold, ratio, score_corpus, totals

EDGES_FLOOR = 0.86
TITLES_FLOOR = 0.95
LISTS_FLOOR = 0.80
MNEMONICS_FLOOR = 0.72
PAGES_FLOOR = 0.95
JUDGEMENTS_FLOOR = 0.74
FLAGS_FLOOR = 0.60
DOCUMENTS_FLOOR = 0.90

FLOORS = {
    "documents": DOCUMENTS_FLOOR,
    "edges": EDGES_FLOOR,
    "titles": TITLES_FLOOR,
    "lists": LISTS_FLOOR,
    "mnemonics": MNEMONICS_FLOOR,
    "pages": PAGES_FLOOR,
    "judgements": JUDGEMENTS_FLOOR,
    "flags": FLAGS_FLOOR,
}


@pytest.fixture(scope="module")
def figures():
    return totals(score_corpus())


def test_corpus_is_big_enough_and_every_gold_is_well_formed():
    pairs = corpus_files()
    assert len(pairs) >= 18
    for notes, gold_path in pairs:
        gold = load_gold(gold_path)
        lines = decode_note_bytes(notes.read_bytes(), notes.name).splitlines()
        assert 40 <= len(lines) <= 200, notes.name
        assert gold.documents, gold_path.name
        for node in gold.nodes():
            assert node.title.strip() == node.title and node.title, (gold_path.name, node.line)
            if node.meta.get("flag") == "count_mismatch":
                assert node.meta.get("count") not in (None, len(node.children)), (gold_path.name, node.title)


def test_gold_has_every_kind_of_measure(figures):
    for measure in MEASURES:
        assert figures[measure][1] > 0, measure


@pytest.mark.parametrize("measure", MEASURES)
def test_figure_holds(figures, measure):
    value = ratio(figures[measure])
    assert value is not None and value >= FLOORS[measure], f"{measure}: {figures[measure]} below {FLOORS[measure]:.2f}"

