"""Text → the words it is indexed by, with the segmenter (at import time only).

A text's tokens are its runs' tokens: ``cut_for_search`` words, plus every
dictionary word of two or more characters inside a Chinese word of three or
more (``cut_all``), so 客户服务 is found inside 客户服务管理师 and 10 inside
第10. No word crosses punctuation. Notes repeat their phrases, so each distinct
run is cut once and its tokens kept (up to a bound).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cskexam.core.search.text import has_cjk, word_runs

if TYPE_CHECKING:  # pragma: no cover
    from cskexam.core.segment import Segmenter

__all__ = ["Tokenizer"]


class Tokenizer:
    def __init__(self, segmenter: "Segmenter"):
        self.segmenter = segmenter
        self._runs = _Cache(self._run_tokens)
        self._inner = _Cache(lambda word: [w for w in segmenter.cut_all(word) if len(w) > 1])

    def tokens(self, text: str) -> str:
        """The index tokens of ``text``, separated by spaces."""
        return self.run_tokens(word_runs(text))

    def run_tokens(self, runs: list[str]) -> str:
        """The index tokens of a text's ``word_runs``."""
        return " ".join(map(self._runs.__getitem__, runs))

    def words(self, text: str) -> list[str]:
        """The distinct index tokens of ``text``."""
        return list(dict.fromkeys(self.tokens(text).split()))

    def _run_tokens(self, run: str) -> str:
        if len(run) > RUN_PIECE:
            pieces = (self._runs[run[i:i + RUN_PIECE]] for i in range(0, len(run), RUN_PIECE))
            return " ".join(dict.fromkeys(" ".join(pieces).split()))
        words: dict[str, None] = {}
        for word in self.segmenter.cut_for_search(run):
            words[word] = None
            if len(word) >= 3 and has_cjk(word):
                words.update(dict.fromkeys(self._inner[word]))
        return " ".join(words)


# A run longer than this (pages without punctuation: a pasted blob, a file of one character
# repeated) is cut in pieces of this size: the segmenter's work space grows with the length of
# what it is given, and a run of millions of characters took hundreds of MB. No sentence of
# real notes is this long, and a word cut at a piece's edge costs only that word.
RUN_PIECE = 1_000

# Distinct runs kept cut: far more than a real library's phrases, and a
# file of 100,000 distinct titles does not hold them all.
CACHE_LIMIT = 20_000


class _Cache(dict):
    """A dict that computes a missing value once: looked up with ``map`` in C.

    Emptied when it reaches ``CACHE_LIMIT`` entries: repeated phrases are
    found again soon, and a file of distinct ones is not held whole.
    """

    def __init__(self, compute):
        super().__init__()
        self._compute = compute

    def __missing__(self, key):
        if len(self) >= CACHE_LIMIT:
            self.clear()
        value = self[key] = self._compute(key)
        return value
