"""简答/案例分析: crediting scoring points (采分点) in a free-text answer.

* Each scoring point is credited when its text or one of its synonyms is
  asserted in the answer (``grading_scope``: not negated in its clause).
* Fuzzy matching is used only for points of at least ``FUZZY_MIN_CHARS``
  characters, with a high cut-off (90, or 80 for sentences of 10+ characters
  that candidates paraphrase), and never when the difference is a polarity
  character (so 有形性 never credits 无形性).
* Padding with other questions' points or with many unrelated items cuts
  the score (``grading_padding``).
* Wording copied from the question's own stem earns nothing (``grading_stem``).
* Linear in the answer's length: occurrences are found with ``str.find``,
  negators and breaks in one regex pass, each lookup is a binary search.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from cskexam.core.grading_padding import PointLexicon, padding_kept
from cskexam.core.grading_scope import Scope
from cskexam.core.grading_stem import StemWording
from cskexam.core.grading_text import CLAUSE_BREAK, fold_answer, trim_answer

FUZZY_MIN_CHARS = 5
FUZZY_CUTOFF = 90.0  # terms of 5-9 characters
FUZZY_CUTOFF_LONG = 80.0  # sentences of 10+ characters, which candidates paraphrase
LONG_TERM_CHARS = 10

# Characters that flip or invert meaning: a fuzzy match may not differ in one. A mark of error counts:
# a clause such as 多样和较大的适用性× is close enough to its point to match, with the mark inside the
# match, where no check for what follows the point can see it.
POLARITY_CHARS = frozenset("不无非没未有否反负逆×✗✘❌错")

PADDING_NOTE = "答案中堆砌了大量与本题采分点无关的要点，得分按比例扣减"


def padding_note(res: "ShortAnswerResult") -> str:
    """What a candidate is told about padding: which other questions' points were listed, if any."""
    if not res.others:
        return PADDING_NOTE
    shown = "、".join(dict.fromkeys(res.others))
    if len(shown) > 60:
        shown = shown[:60] + "…"
    return f"答案中堆砌了其他题目的采分点（{shown}），得分按比例扣减"


@dataclass(frozen=True)
class ScoringPoint:
    point: str
    synonyms: tuple[str, ...] = ()

    @classmethod
    def coerce(cls, raw: "ScoringPoint | Mapping | str") -> "ScoringPoint":
        if isinstance(raw, ScoringPoint):
            return raw
        if isinstance(raw, str):
            return cls(raw)
        return cls(str(raw["point"]), tuple(str(s) for s in (raw.get("synonyms") or ())))

    def to_dict(self) -> dict:
        return {"point": self.point, "synonyms": list(self.synonyms)}


@dataclass(frozen=True)
class PointMatch:
    point: str
    how: str | None  # "exact" | "synonym" | "fuzzy" | None when missed
    evidence: str = ""  # the stretch of the answer that earned it


@dataclass(frozen=True)
class ShortAnswerResult:
    score: float
    matched: list[str]
    missed: list[str]
    details: list[PointMatch] = field(default_factory=list)
    padded: bool = False  # the score was cut for padding with unrelated points
    others: list[str] = field(default_factory=list)  # other questions' points the answer listed
    given: list[str] = field(default_factory=list)  # points the stem names: counted for nobody
    cut: bool = False  # the answer was longer than MAX_ANSWER_CHARS: only its start was read

    @property
    def correct(self) -> bool:
        return not self.missed and bool(self.matched) and not self.padded


def _occurrences(term: str, text: str):
    start = text.find(term)
    while start >= 0:
        yield start, start + len(term)
        start = text.find(term, start + 1)


class _Answer:
    """A folded answer: its clauses (for fuzzy matching) and its negation scope."""

    def __init__(self, folded: str, own_terms: set[str], stem: StemWording):
        self.text = folded
        self.stem = stem
        # Each distinct clause text with every offset where it stands: a long paste
        # repeats itself, and a fuzzy alignment depends on the text alone.
        self.clauses: dict[str, list[int]] = {}
        start = 0
        for m in CLAUSE_BREAK.finditer(folded):
            if m.start() > start:
                self.clauses.setdefault(folded[start : m.start()], []).append(start)
            start = m.end()
        if start < len(folded):
            self.clauses.setdefault(folded[start:], []).append(start)
        self.spans: dict[str, list[tuple[int, int]]] = {t: list(_occurrences(t, folded)) for t in own_terms}
        self.scope = Scope(folded, (span for spans in self.spans.values() for span in spans))
        self._asserted: dict[str, bool] = {}

    def negated(self, start: int, end: int) -> bool:
        return self.scope.negated(start, end)

    def earns(self, start: int, end: int) -> bool:
        """Whether the stretch counts for a point: not negated, and not the stem's own wording."""
        return not self.negated(start, end) and not self.stem.copied(self.text, start, end)

    def asserted(self, term: str) -> bool:
        """Whether ``term`` (one of the question's own) occurs somewhere it earns a point."""
        found = self._asserted.get(term)
        if found is None:
            found = self._asserted[term] = any(self.earns(s, e) for s, e in self.spans[term])
        return found


def _find_exact(terms: list[tuple[str, str]], answer: _Answer) -> tuple[str, str] | None:
    """The first of ``terms`` ((how, term) pairs) asserted somewhere in the answer."""
    for how, term in terms:
        if answer.asserted(term):
            return how, term
    return None


def _polarity_differs(a: str, b: str) -> bool:
    diff = (Counter(a) - Counter(b)) + (Counter(b) - Counter(a))
    return any(ch in POLARITY_CHARS for ch in diff)


def _find_fuzzy(term: str, clauses: dict[str, list[int]], answer: _Answer,
                cutoff: float | None) -> tuple[str, tuple[int, int]] | None:
    if len(term) < FUZZY_MIN_CHARS:
        return None
    if cutoff is None:
        cutoff = FUZZY_CUTOFF_LONG if len(term) >= LONG_TERM_CHARS else FUZZY_CUTOFF
    from rapidfuzz import fuzz  # lazy: only 简答 needs it

    letters = set(term)
    # A window scoring the cut-off shares most of the term's characters: a
    # clause sharing fewer than half cannot, and needs no alignment.
    need = len(letters) / 2
    for clause, offsets in clauses.items():
        if len(clause) < len(term) * 0.6:
            continue
        if len(letters.intersection(clause)) < need:
            continue
        if len(clause) <= len(term):
            score = fuzz.ratio(term, clause)
            window, start = clause, 0
        else:
            al = fuzz.partial_ratio_alignment(term, clause, score_cutoff=cutoff)
            if al is None:
                continue
            score, start = al.score, al.dest_start
            window = clause[al.dest_start : al.dest_end]
        if score < cutoff or _polarity_differs(term, window):
            continue
        for offset in offsets:
            span = (offset + start, offset + start + len(window))
            if answer.earns(*span):
                return window, span
    return None


# A written answer on paper is a few hundred characters; ten pages of it is a
# paste, not an answer. Reading only the start keeps a paste of a whole book
# from holding the screen while it is graded.
MAX_ANSWER_CHARS = 10_000


def grade_short_answer(
    answer: str,
    points: Sequence[ScoringPoint | Mapping | str],
    *,
    fuzzy_cutoff: float | None = None,
    others: PointLexicon | None = None,
    stem: str | None = None,
) -> ShortAnswerResult:
    """Credit each scoring point asserted in ``answer``; score = share of points, less any padding.

    ``others`` holds the scoring terms of the whole bank: an answer listing
    another question's points loses a share of its score. ``stem``: the
    question's own text, whose wording copied into the answer earns nothing.
    """
    answer = answer or ""
    cut = len(answer) > MAX_ANSWER_CHARS
    if cut:
        answer = answer[:MAX_ANSWER_CHARS]
    pts = [ScoringPoint.coerce(p) for p in points]
    point_terms = [
        [(how, t) for how, t in [("exact", trim_answer(p.point))] + [("synonym", trim_answer(s)) for s in p.synonyms] if t]
        for p in pts
    ]
    own: set[str] = {t for terms in point_terms for _, t in terms}
    wording = StemWording(stem)
    # A point the stem itself names is given away: it counts for nobody. Its
    # terms and any other term the stem holds earn nothing.
    given = [i for i, p in enumerate(pts) if wording.names(trim_answer(p.point))]
    if len(given) < len(pts):
        point_terms = [[(how, t) for how, t in terms if not wording.names(t)] for terms in point_terms]
    else:  # a stem naming every point: only the stem's phrases around them earn nothing
        given, wording = [], StemWording(stem, around_only=True)
    text = _Answer(fold_answer(answer or ""), own, wording)
    details: list[PointMatch] = []
    for i, (p, terms) in enumerate(zip(pts, point_terms)):
        found: PointMatch | None = None
        hit = _find_exact(terms, text) if i not in given else None
        if hit is not None:
            found = PointMatch(p.point, hit[0], hit[1])
        elif i not in given:
            for _, t in terms:
                # A point with its own commas is compared with the whole answer.
                windows = {**text.clauses, text.text: [0]} if CLAUSE_BREAK.search(t) else text.clauses
                fuzzy = _find_fuzzy(t, windows, text, fuzzy_cutoff)
                if fuzzy is not None:
                    found = PointMatch(p.point, "fuzzy", fuzzy[0])
                    own.add(fuzzy[0])
                    break
        details.append(found or PointMatch(p.point, None))
    matched = [d.point for d in details if d.how]
    missed = [d.point for i, d in enumerate(details) if not d.how and i not in given]
    counted = len(pts) - len(given)
    score = len(matched) / counted if counted else 0.0
    kept, listed = padding_kept(answer or "", own, counted, others) if matched else (1.0, [])
    return ShortAnswerResult(score * kept, matched, missed, details, padded=kept < 1.0, others=listed,
                             given=[pts[i].point for i in given], cut=cut)
