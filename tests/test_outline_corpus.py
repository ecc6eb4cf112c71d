"""The parser holds its figures on the hand-scored notes corpus (tests/notes_corpus).

Each floor is the measured figure a little rounded down; raise it when the
parser gets better, so that no later change quietly loses ground.
``python bench/outline.py -v`` shows the figures and the misses per file.
"""

from __future__ import annotations

import pytest

from cskexam.core.notes import decode_note_bytes

from notes_corpus.score import MEASURES, corpus_files, load_gold, ratio, score_corpus, totals

EDGES_FLOOR = 0.97
TITLES_FLOOR = 0.99
LISTS_FLOOR = 0.965
MNEMONICS_FLOOR = 0.98
PAGES_FLOOR = 0.98
JUDGEMENTS_FLOOR = 0.95
FLAGS_FLOOR = 0.95
DOCUMENTS_FLOOR = 0.99

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



def _graph_from_gold(gold) -> dict:
    """The graph a perfect parser would print for ``gold`` (``cskexam graph --json`` shape)."""
    nodes: list[dict] = []

    def emit(node, parent_id):
        nid = f"n{len(nodes)}"
        meta = node.meta
        flags = []
        if meta.get("flag") == "count_mismatch":
            flags.append({"kind": "count_mismatch", "stated": meta["count"], "found": len(node.children)})
        nodes.append(
            {
                "id": nid,
                "kind": "document" if parent_id is None else "point",
                "title": node.title,
                "text": "",
                "parent": parent_id,
                "count": meta.get("count"),
                "mnemonic": meta.get("mnemonic"),
                "page": f"P{meta['page']}" if "page" in meta else None,
                "tags": [],
                "flags": flags,
            }
        )
        for child in node.children:
            emit(child, nid)
        return nid

    for doc in gold.documents:
        doc_id = emit(doc, None)
        for statement, truth in gold.judgements.items():
            nodes.append({"id": f"n{len(nodes)}", "kind": "item", "title": statement, "text": "", "parent": doc_id,
                          "flags": [{"kind": "true_statement" if truth else "false_statement"}]})
    return {"nodes": nodes, "edges": [], "definitions": []}


def test_a_perfect_graph_scores_full_marks_and_a_damaged_one_does_not():
    from notes_corpus.score import score

    for _, gold_path in corpus_files():
        gold = load_gold(gold_path)
        perfect = _graph_from_gold(gold)
        result = score(gold, perfect)
        for measure in MEASURES:
            hits, total = result.counts[measure]
            assert hits == total, (gold_path.name, measure, result.misses[measure][:3])

    gold = load_gold(next(g for _, g in corpus_files() if g.name.startswith("cs_colon_leadin")))
    damaged = _graph_from_gold(gold)
    victim = next(n for n in damaged["nodes"] if n["title"] == "投诉处理的原则")
    victim["title"] = "投诉处理应遵循"
    victim["mnemonic"] = None
    damaged["nodes"].append({"id": "extra", "kind": "point", "title": '<span style="color', "parent": victim["id"]})
    result = score(gold, damaged)
    assert result.counts["edges"][0] < result.counts["edges"][1]
    assert result.counts["titles"][0] < result.counts["titles"][1]
    assert result.counts["lists"][0] < result.counts["lists"][1]
    assert result.counts["mnemonics"][0] < result.counts["mnemonics"][1]
