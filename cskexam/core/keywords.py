"""Key terms of a sentence by TF-IDF weight: jieba's keyword extraction, run on rjieba.

``jieba.analyse.extract_tags`` needs jieba's part-of-speech tagger, whose tables
take about 130 MB once imported, on top of the 70 MB of jieba's own dictionary.
rjieba (jieba-rs, the same dictionary and tags) tags the sentence, and the
weights come from the IDF table jieba ships, so a whole import stays well
under the memory a large notes file may use. Same algorithm as jieba's TFIDF:
count each allowed word of two or more characters, weight it by its IDF (the
median IDF for an unknown word) over the total count, strongest first.
"""

from __future__ import annotations

import functools
from importlib import resources

# jieba's own English stop words (its TF-IDF extractor skips them).
_STOP_WORDS = frozenset((
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are",
    "by", "be", "as", "on", "with", "can", "if", "from", "which", "you", "it",
    "this", "then", "at", "have", "all", "not", "one", "has", "or",
))


@functools.cache
def _idf() -> tuple[dict[str, float], float]:
    """jieba's IDF table (word → IDF) and its median, read once."""
    text = resources.files("jieba").joinpath("analyse", "idf.txt").read_text(encoding="utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        word, _, value = line.strip().partition(" ")
        if value:
            table[word] = float(value)
    median = sorted(table.values())[len(table) // 2]
    return table, median


@functools.cache
def _tagger():
    import rjieba

    return rjieba.Jieba()


def tfidf_keywords(text: str, allow_pos: frozenset[str], top: int) -> list[str]:
    """The ``top`` words of ``text`` whose part of speech is in ``allow_pos``, by TF-IDF weight."""
    freq: dict[str, float] = {}
    for word, flag in _tagger().tag(text, True):
        if flag not in allow_pos:
            continue
        if len(word.strip()) < 2 or word.lower() in _STOP_WORDS:
            continue
        freq[word] = freq.get(word, 0.0) + 1.0
    if not freq:
        return []
    table, median = _idf()
    total = sum(freq.values())
    weights = {w: n * table.get(w, median) / total for w, n in freq.items()}
    return sorted(weights, key=weights.__getitem__, reverse=True)[:top]
