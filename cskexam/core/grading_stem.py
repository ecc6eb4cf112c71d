"""Wording an answer copies from its own question earns nothing.

A 简答 stem often names what it asks about (简述客户服务的特征, 结合优质服务意识和
职业道德分析…). An answer that repeats the stem, or the stem with filler, would
otherwise be credited every scoring point whose wording the stem contains.

* A point whose own wording stands in the stem is given away by the question:
  it is counted for nobody (the score is the share of the other points).
* Any other term (a synonym) that stands in the stem earns nothing, and
  neither does a fuzzy match on a stretch of the stem.
* Where the stem names every point (简述有形性与无形性的区别), the points are
  kept, and only the stem's phrase around a point earns nothing: an occurrence
  is copied when the answer's text around it, extended by ``EXTRA`` more
  characters (punctuation too), also stands in the stem.

Linear in the number of occurrences: the stem's pieces of each needed length
are put in a set once.
"""

from __future__ import annotations

from cskexam.core.grading_text import fold_answer

EXTRA = 2  # characters beyond the term that make a stretch the stem's phrase, not the term alone


class StemWording:
    """The folded stem of a question, asked whether a stretch of an answer was copied from it."""

    def __init__(self, stem: str | None, *, around_only: bool = False):
        self.text = fold_answer(stem) if stem else ""
        self.around_only = around_only
        self._pieces: dict[int, set[str]] = {}

    def names(self, term: str) -> bool:
        """Whether the stem holds ``term`` (folded as answers are)."""
        return bool(term) and term in self.text

    def _of_length(self, n: int) -> set[str]:
        pieces = self._pieces.get(n)
        if pieces is None:
            text = self.text
            pieces = self._pieces[n] = {text[i : i + n] for i in range(len(text) - n + 1)}
        return pieces

    def copied(self, answer: str, start: int, end: int) -> bool:
        """Whether ``answer[start:end]`` is the stem's wording (with ``around_only``: inside a
        longer phrase taken from the stem)."""
        if not self.text or answer[start:end] not in self.text:
            return False
        if not self.around_only:
            return True
        pieces = self._of_length(end - start + EXTRA)
        if not pieces:
            return False
        for before in range(EXTRA + 1):
            s, e = start - before, end + EXTRA - before
            if s < 0 or e > len(answer):
                continue
            if answer[s:e] in pieces:
                return True
        return False
