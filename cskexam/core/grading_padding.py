"""Padding: an answer that lists other questions' scoring points, or a blob of unrelated items.

A bare list of this question's points is how 采分点 are earned and costs
nothing. What costs:

* **other questions' points.** Given the scoring terms of the whole bank
  (``PointLexicon``), every item of the answer made of another question's
  points (and not of this one's) counts: with ``n`` points and ``k`` such
  items the score keeps ``n / (n + k)``. One is enough to lose full marks.
* **many unrelated items.** Without a lexicon, or for items in no question,
  an answer holding far more point-like items than the question has points
  (the scoring points of every question pasted in) keeps a share.

* **other questions' points worked into sentences.** Counted anywhere in
  the answer, each term once: more than the question's points plus
  ``PROSE_ALLOWED_BASE`` keeps ``(n + allowed) / (n + found)``. A case
  answered in full names a few (and keeps its marks); an essay built from
  every question's points does not.

Items are what the candidate separated (punctuation, numbering, spaces, new
lines); a sentence explaining a point (it has function characters such as
的/是/在) is no item, so explanations never count as padding.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Sequence

from cskexam.core.grading_hant import to_simplified
from cskexam.core.grading_text import trim

_FUNCTION_CHARS = frozenset("的是了在和与对把被要能会使让将而及或但为所就也都还其之以于由从向给可应该须必等如这那它他她我你们着过很更最又再才")
_ITEM_BREAK = re.compile(r"[\s，。；、,.;:：!！?？（）()【】\[\]“”\"'‘’/|]+|\d+[.、)）]|[①-⑳]")
PADDING_ALLOWED_PER_POINT = 3
PADDING_ALLOWED_BASE = 5
# Longer items are prose or a blob; the unrelated-items count handles them.
_ITEM_MAX_CHARS = 64
# Other questions' terms written into sentences (要重视无形性的作用，…): a case discussed in full
# names a few of them (the bundled model answers up to 6); an answer naming more than the question
# has points plus this many is a net cast for points, and keeps a share of its score. Two-character
# terms (技术, 经济, 仪表) are ordinary words and are not counted.
PROSE_ALLOWED_BASE = 4
PROSE_MIN_CHARS = 3
# An item counts as another question's point when those points cover this much of it.
_FOREIGN_COVER = 0.85
# After a colon or in brackets the candidate explains a point (售后服务中心：核心部门，
# 负责…; 客户服务部（客户服务和售后支持部门）) until the sentence, the bracket or the
# numbered item ends: words there are no listed points.
_EXPLAIN_START = frozenset(":(")
_EXPLAIN_END = frozenset(";。!?)\n")


class PointLexicon:
    """The scoring terms (points and synonyms) of a whole bank, folded, by their first two characters."""

    def __init__(self, terms: Iterable[str]):
        self.by_head: dict[str, list[str]] = {}
        for t in {to_simplified(trim(t)) for t in terms}:
            if len(t) >= 2:
                self.by_head.setdefault(t[:2], []).append(t)
        for found in self.by_head.values():
            found.sort(key=len, reverse=True)

    @classmethod
    def of_questions(cls, point_lists: Iterable[Sequence[object]]) -> "PointLexicon":
        """From each question's points (``ScoringPoint``, mapping or text)."""
        terms: list[str] = []
        for points in point_lists:
            for p in points:
                if isinstance(p, str):
                    terms.append(p)
                    continue
                point = getattr(p, "point", None) if not isinstance(p, dict) else p.get("point")
                synonyms = getattr(p, "synonyms", None) if not isinstance(p, dict) else p.get("synonyms")
                terms.extend(str(t) for t in [point, *(synonyms or ())] if t)
        return cls(terms)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_head.values())

    def cover(self, piece: str, own: set[str]) -> tuple[list[str], int]:
        """(terms found, characters they cover) in ``piece``, longest first from the left.

        Terms that are part of one of this question's own terms are not another question's.
        """
        found: list[str] = []
        covered = 0
        i, n = 0, len(piece)
        while i < n - 1:
            for t in self.by_head.get(piece[i : i + 2], ()):
                if piece.startswith(t, i) and not any(t in o for o in own):
                    found.append(t)
                    covered += len(t)
                    i += len(t)
                    break
            else:
                i += 1
        return found, covered


def padding_kept(answer: str, own: set[str], points: int, lexicon: PointLexicon | None = None,
                 ) -> tuple[float, list[str]]:
    """The share of the score kept (1 unless the answer is padded), and the other questions' points listed.

    ``own`` holds this question's terms and the windows that earned a point.
    What is left of an item once those are taken out is looked at, so points
    typed without separators are counted too.
    """
    allowed = PADDING_ALLOWED_BASE + PADDING_ALLOWED_PER_POINT * points
    own_re = re.compile("|".join(re.escape(t) for t in sorted(own, key=len, reverse=True))) if own else None
    unrelated = 0.0
    foreign: list[str] = []
    seen: set[str] = set()
    pos = 0
    text = to_simplified(unicodedata.normalize("NFKC", answer).lower()) + " "
    explaining = False
    for m in _ITEM_BREAK.finditer(text):
        item = text[pos : m.start()]
        pos = m.end()
        in_explanation = explaining
        sep = m.group()
        if not _EXPLAIN_END.isdisjoint(sep) or sep[0].isdigit() or "⑳" >= sep[0] >= "①":
            explaining = False
        if not _EXPLAIN_START.isdisjoint(sep):
            explaining = True
        if len(item) < 2 or item in seen:
            continue
        seen.add(item)  # a repeated item is not more padding
        prose = any(ch in _FUNCTION_CHARS for ch in item)
        rest = own_re.split(item) if own_re is not None else [item]
        for piece in rest:
            if len(piece) < 2 or any(piece in t for t in own):
                continue
            if not prose:
                unrelated += max(1.0, len(piece) / 6)
            if lexicon is not None and not in_explanation and len(piece) <= _ITEM_MAX_CHARS:
                found, covered = lexicon.cover(piece, own)
                if found and covered >= _FOREIGN_COVER * len(piece):
                    foreign.extend(found)
    kept = 1.0 if unrelated <= allowed else allowed / unrelated
    if foreign and points:
        kept = min(kept, points / (points + len(foreign)))
    if lexicon is not None and points:
        worked_in = _worked_in(text, own_re, own, lexicon)
        prose_allowed = points + PROSE_ALLOWED_BASE
        if len(worked_in) > prose_allowed:
            kept = min(kept, (points + prose_allowed) / (points + len(worked_in)))
            foreign.extend(t for t in worked_in if t not in foreign)
    return kept, foreign


def _worked_in(text: str, own_re: re.Pattern | None, own: set[str], lexicon: PointLexicon) -> list[str]:
    """Other questions' terms anywhere in the answer, sentences included, each once, in order."""
    found: dict[str, None] = {}
    for piece in own_re.split(text) if own_re is not None else [text]:
        terms, _ = lexicon.cover(piece, own)
        found.update((t, None) for t in terms if len(t) >= PROSE_MIN_CHARS)
    return list(found)
