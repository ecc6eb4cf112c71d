"""Hostile input, seventh round: notes of thousands of list items named alike, a paragraph of
megabytes, imports of many big files, an export whose temporary name was planted as a symlink
or whose target is read-only, closed standard streams, odd database URLs, and bank fields of
the wrong type. Each gets the correct result within the limits (10 s, 300 MB), or one Chinese
message naming the file, exit 2, no traceback and nothing written."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from cskexam.core.errata_losses import LossIndex, find_losses
from cskexam.core.notes import NoteSource, parse_notes
from cskexam.core.questions import generate_questions
from cskexam.core.search.documents import INDEXED_BODY_CHARS, iter_node_documents
from cskexam.core.search.tokenize import RUN_PIECE, Tokenizer
from cli_helpers import isolate_cli, no_library, output


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    isolate_cli(monkeypatch, tmp_path)


# -- notes whose questions took quadratic time -------------------------------------------------

def _question_seconds(text: str) -> float:
    graph = parse_notes([NoteSource("清单.txt", text)])
    start = time.process_time()
    generate_questions(graph, random.Random(1))
    return time.process_time() - start


def test_a_list_of_thousands_of_items_gets_its_questions_in_linear_time():
    """Each item's line was searched for the title of every other item of its list:
    6,000 numbered items (70 KB) took over 15 s to import."""
    text = "清单\n" + "".join(f"{i}、项目{i}\n" for i in range(1, 5001))
    assert _question_seconds(text) < 3


def test_thousands_of_points_named_alike_get_their_questions_in_linear_time():
    """A line's start was compared with every title sharing its first two characters:
    6,000 points 要点1 … 要点6000 that each name the next took over 15 s to import."""
    text = "清单\n" + "".join(f"一、要点{i}\n要点{i}是指关于要点{i + 1}的说明。\n" for i in range(1, 4001))
    assert _question_seconds(text) < 3


# -- a paragraph of megabytes ------------------------------------------------------------------

class _Recording:
    """A segmenter that records the longest text it was given."""

    def __init__(self):
        self.longest = 0

    def cut_for_search(self, text):
        self.longest = max(self.longest, len(text))
        return [text[i:i + 2] for i in range(0, len(text), 2)]

    def cut_all(self, text):
        return [text]


def test_a_run_of_millions_of_characters_is_segmented_in_pieces():
    """One run of 2.7 million characters without punctuation (an 8 MB file of one line) took the
    segmenter 480 MB at once."""
    segmenter = _Recording()
    words = Tokenizer(segmenter).tokens("范" * 300_000)
    assert segmenter.longest <= RUN_PIECE
    assert words == "范范"


def test_only_the_head_of_a_body_of_megabytes_is_cut_into_index_words():
    body = "甲乙，" * 200_000
    graph = parse_notes([NoteSource("一段.txt", "标题\n" + body + "\n")])
    segmenter = _Recording()
    tokenizer = Tokenizer(segmenter)
    seen: list[str] = []
    real = tokenizer.tokens
    tokenizer.tokens = lambda text: seen.append(text) or real(text)  # type: ignore[method-assign]
    docs = list(iter_node_documents(graph, tokenizer))
    assert max(len(t) for t in seen) <= INDEXED_BODY_CHARS
    assert max(len(d.body) for d in docs) > INDEXED_BODY_CHARS  # the text itself is kept whole


def test_the_loss_finder_counts_only_pairs_that_are_words_and_reads_a_bounded_text():
    """8 MB of characters in no word's order counted millions of pairs (hundreds of MB) and took
    ten seconds to read for lost characters."""
    import tracemalloc

    index = LossIndex([("范", 100), ("围", 100), ("范围", 50_000), ("在", 900_000), ("上", 900_000)])
    rng = random.Random(3)
    text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(300_000))
    cut_lengths: list[int] = []

    def cut(line: str) -> list[str]:
        cut_lengths.append(len(line))
        return list(line)

    tracemalloc.start()
    try:
        find_losses(text, cut, index, read_budget=50_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sum(cut_lengths) <= 50_000 + 2_000
    assert peak < 20 * 1024 * 1024


def test_an_import_of_more_notes_than_any_textbook_is_refused_naming_the_file(tmp_path, capsys):
    """Eight 8 MB files of text took 13 s and 420 MB to import."""
    from cskexam.cli import main

    folder = tmp_path / "笔记"
    folder.mkdir()
    rng = random.Random(5)
    for k in range(3):
        text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(2_400_000))
        (folder / f"{k}.txt").write_text(f"标题{k}\n{text}\n", encoding="utf-8")
    assert main(["import", str(folder)]) == 2
    _, err = output(capsys)
    assert "2.txt" in err and "合计太大" in err and "分几次导入" in err
    assert no_library(tmp_path)
