"""Typo corrections: words that look like the query, and titles that sound like it.

Two kinds of slip are caught when the query as typed is found (almost) nowhere:

* a wrong character (营消环境 → 营销环境): indexed words that share a character
  or a character pair with the query are candidates (the commonest
  ``PER_GRAM`` per gram, stored at import), ranked by rapidfuzz's ``ratio``;
  one character wrong in three still passes the cut-off;
* a character of the same sound, the usual slip of a pinyin input method
  (竞挣者, 竟争者 → 竞争者): the query is read as pinyin with the stored
  readings of characters and looked up in the titles' pinyin keys, so even a
  two-character query (竞挣) finds the titles that start with 竞争.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from cskexam.core.search.text import CJK, WORD

__all__ = ["PER_GRAM", "term_grams", "gram_rows", "corrections", "cutoff", "sound_key"]

# Words kept per gram, the commonest first: bounds the candidates of a query.
PER_GRAM = 200
# Typo candidates are words, not sentences.
MAX_WORD_CHARS = 12
_ALNUM = WORD


def term_grams(term: str) -> set[str]:
    """The characters and character pairs a word is found by as a typo candidate."""
    return set(term) | {term[i : i + 2] for i in range(len(term) - 1)}


def gram_rows(terms: Iterable[tuple[str, int]]) -> list[tuple[str, str]]:
    """(gram, space-separated words) of the Chinese words of a vocabulary of (word, document count)."""
    words = sorted((-df, term) for term, df in terms if 2 <= len(term) <= MAX_WORD_CHARS and CJK.search(term))
    by_gram: dict[str, list[str]] = {}
    for _, term in words:
        for gram in term_grams(term):
            kept = by_gram.setdefault(gram, [])
            if len(kept) < PER_GRAM:
                kept.append(term)
    return sorted((gram, " ".join(kept)) for gram, kept in by_gram.items())


def cutoff(length: int) -> float:
    """The least similarity a correction of a ``length``-character query needs: one wrong character in three passes."""
    return min(70.0, 100.0 * (length - 1) / length - 0.01) if length > 1 else 100.0


def corrections(word: str, candidates: Iterable[str], limit: int) -> list[tuple[str, float]]:
    """The ``limit`` candidates most like ``word`` (rapidfuzz ``ratio``), best first, ties alphabetical."""
    from rapidfuzz import fuzz, process

    choices = sorted(set(candidates) - {word})
    found = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff(len(word)), limit=None)
    found.sort(key=lambda got: (-got[1], got[0]))
    return [(term, score) for term, score, _ in found[:limit]]


def sound_key(phrase: str, readings: Mapping[str, str]) -> str | None:
    """``phrase`` as toneless pinyin, as title keys are spelt (5s管理 → 5sguanli); None if a character has no reading."""
    key = []
    for run in _ALNUM.findall(phrase):
        for part in _split_han(run):
            if CJK.match(part):
                reading = readings.get(part)
                if not reading:
                    return None
                key.append(reading)
            else:
                key.append(part)
    return "".join(key) or None


def _split_han(run: str) -> list[str]:
    """Each Chinese character alone, other letters and digits in runs."""
    parts: list[str] = []
    for ch in run:
        if CJK.match(ch) or not parts or CJK.match(parts[-1]):
            parts.append(ch)
        else:
            parts[-1] += ch
    return parts
