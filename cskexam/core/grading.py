"""Grading of answers: objective types and 简答 scoring points (采分点).

Pure functions, no I/O. The rules, as a candidate would want them stated:

* 单选: right or wrong.
* 多选: the exact set scores 1. A strict, non-empty subset of the right letters
  (少选) scores 0.5, as on the real paper where 少选 earns part of the marks.
  Any wrong letter (错选/多选) scores 0. Only the exact set counts as correct.
* 判断: 对/错, √/×, T/F, 正确/错误, 是/否, true/false are all understood.
* 填空: compared after folding full-width to half-width, dropping spaces,
  quotes and trailing punctuation. Several blanks score their share each;
  the question is correct only when every blank is.
* 简答/案例分析: each scoring point is credited when its text or one of its
  synonyms appears in the answer. Fuzzy matching is used only for points of
  at least ``FUZZY_MIN_CHARS`` characters, with a high cut-off (90, or 80 for
  sentences of 10+ characters that candidates paraphrase), and never when
  the difference is a polarity character (so 有形性 never credits 无形性).
  A point preceded by a negation in its clause (无/非/不/没有/未/并非/不是,
  optionally followed by 具有/是/属于 …) does not count, and a term found only
  inside a longer negated term (可分性 inside 不可分性) does not count either.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from cskexam.core.vocab import OBJECTIVE_TYPES, QUESTION_TYPES, SUBJECTIVE_TYPES, QuestionType  # noqa: F401

MULTI_PARTIAL_CREDIT = 0.5
FUZZY_MIN_CHARS = 5
FUZZY_CUTOFF = 90.0  # terms of 5-9 characters
FUZZY_CUTOFF_LONG = 80.0  # sentences of 10+ characters, which candidates paraphrase
LONG_TERM_CHARS = 10

TRUE_WORDS = frozenset({"对", "√", "✓", "✔", "t", "true", "正确", "是", "y", "yes", "对的", "正确的", "o"})
FALSE_WORDS = frozenset({"错", "×", "✗", "✘", "x", "f", "false", "错误", "否", "n", "no", "错的", "错误的", "不对"})

# Characters that flip or invert meaning: a fuzzy match may not differ in one.
POLARITY_CHARS = frozenset("不无非没未有否反负逆")

_NEGATION_BEFORE = re.compile(
    r"(?:不|无|非|没有?|未|并非|不是|并不|并没有|绝非|无需|不必|不用)"
    r"(?:具有|具备|属于|存在|包括|包含|需要|应该|应当|必须|应|会|能|要|是|有|算)?$"
)
# Punctuation and the candidate's own numbering (1. 2、 (3) ④) end a clause.
_CLAUSE_BREAK = re.compile(
    r"\d+[.、)）:：]|[（(]\d+[)）]|[①-⑳]|[，。；、,.;:：!！?？\n\r\t（）()【】\[\]“”\"'‘’/|]"
)
_PUNCT_EDGES = "。，、；：,.;:!！?？\"'“”‘’「」『』《》()（）[]【】 "


@dataclass(frozen=True)
class GradeResult:
    """Outcome of one answer: ``correct`` only for full marks."""

    correct: bool
    score: float  # 0..1
    expected: Any
    given: Any
    note: str = ""  # e.g. "少选" for partial 多选 credit


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

    @property
    def correct(self) -> bool:
        return not self.missed and bool(self.matched)


# -- normalisation ---------------------------------------------------------

def fold(text: str) -> str:
    """Full-width → half-width, lower case, no whitespace."""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", text).lower()


def _trim(text: str) -> str:
    return fold(text).strip(_PUNCT_EDGES)


def parse_letters(answer: str | Iterable[str]) -> frozenset[str]:
    """``"AC"``, ``"A,C"``, ``"a、c"``, ``["A", "C"]`` → ``{"A", "C"}``."""
    if isinstance(answer, str):
        text = fold(answer)
    else:
        text = "".join(fold(a) for a in answer)
    return frozenset(ch.upper() for ch in text if "a" <= ch <= "z")


def parse_judgement(answer: Any) -> bool | None:
    """True for 对, False for 错, None when the answer is neither."""
    if isinstance(answer, bool):
        return answer
    word = _trim(str(answer))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def split_blanks(answer: str | Sequence[str], blanks: int) -> list[str]:
    if not isinstance(answer, str):
        return [str(a) for a in answer]
    if blanks <= 1:
        return [answer]
    parts = [p for p in re.split(r"[、,，;；/|\s]+", answer.strip()) if p]
    return parts


# -- objective grading -------------------------------------------------------

def grade_single(answer: str, expected: str) -> GradeResult:
    given = parse_letters(answer)
    want = parse_letters(expected)
    ok = len(given) == 1 and given == want
    return GradeResult(ok, 1.0 if ok else 0.0, "".join(sorted(want)), "".join(sorted(given)))


def grade_multiple(answer: str | Iterable[str], expected: str | Iterable[str]) -> GradeResult:
    given = parse_letters(answer)
    want = parse_letters(expected)
    exp, got = "".join(sorted(want)), "".join(sorted(given))
    if given == want and want:
        return GradeResult(True, 1.0, exp, got)
    if given and given < want:
        return GradeResult(False, MULTI_PARTIAL_CREDIT, exp, got, "少选")
    return GradeResult(False, 0.0, exp, got, "错选" if given - want else "")


def grade_judgement(answer: Any, expected: Any) -> GradeResult:
    given = parse_judgement(answer)
    want = parse_judgement(expected)
    if want is None:
        raise ValueError(f"判断题的标准答案必须是 对 或 错: {expected!r}")
    ok = given is not None and given == want
    shown = None if given is None else ("对" if given else "错")
    return GradeResult(ok, 1.0 if ok else 0.0, "对" if want else "错", shown)


def grade_fill(answer: str | Sequence[str], expected: str | Sequence[str]) -> GradeResult:
    want = [expected] if isinstance(expected, str) else [str(e) for e in expected]
    given = split_blanks(answer, len(want))
    if len(want) > 1 and len(given) != len(want) and isinstance(answer, str):
        # A candidate may type all blanks without separators: 无形性不可分性.
        joined = _trim(answer)
        if joined == "".join(_trim(w) for w in want):
            given = list(want)
    hits = sum(1 for i, w in enumerate(want) if i < len(given) and _trim(given[i]) == _trim(w))
    score = hits / len(want) if want else 0.0
    return GradeResult(hits == len(want), score, want if len(want) > 1 else want[0], given)


# -- 简答 ----------------------------------------------------------------------

def _clauses(folded: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in _CLAUSE_BREAK.finditer(folded):
        out.append((start, folded[start : m.start()]))
        start = m.end()
    out.append((start, folded[start:]))
    return [(s, c) for s, c in out if c]


def _negated(prefix: str) -> bool:
    return bool(_NEGATION_BEFORE.search(prefix))


def _find_exact(term: str, folded: str) -> str | None:
    """``term`` where it occurs un-negated in ``folded``, or None.

    Searched in the whole answer (a point may itself contain commas); the
    negation guard looks back only to the start of the occurrence's clause.
    """
    start = folded.find(term)
    while start >= 0:
        breaks = list(_CLAUSE_BREAK.finditer(folded, 0, start))
        clause_start = breaks[-1].end() if breaks else 0
        if not _negated(folded[clause_start:start]):
            return term
        start = folded.find(term, start + 1)
    return None


def _polarity_differs(a: str, b: str) -> bool:
    diff = (Counter(a) - Counter(b)) + (Counter(b) - Counter(a))
    return any(ch in POLARITY_CHARS for ch in diff)


def _find_fuzzy(term: str, clauses: list[tuple[int, str]], cutoff: float | None) -> str | None:
    if len(term) < FUZZY_MIN_CHARS:
        return None
    if cutoff is None:
        cutoff = FUZZY_CUTOFF_LONG if len(term) >= LONG_TERM_CHARS else FUZZY_CUTOFF
    from rapidfuzz import fuzz  # lazy: only 简答 needs it

    for _, clause in clauses:
        if len(clause) < len(term) * 0.6:
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
        if _negated(clause[:start]):
            continue
        return window
    return None


def grade_short_answer(
    answer: str,
    points: Sequence[ScoringPoint | Mapping | str],
    *,
    fuzzy_cutoff: float | None = None,
) -> ShortAnswerResult:
    """Credit each scoring point found in ``answer``; score = share of points."""
    pts = [ScoringPoint.coerce(p) for p in points]
    folded = fold(answer or "")
    clauses = _clauses(folded)
    details: list[PointMatch] = []
    for p in pts:
        found: PointMatch | None = None
        for how, term in [("exact", p.point)] + [("synonym", s) for s in p.synonyms]:
            t = _trim(term)
            if t and (hit := _find_exact(t, folded)) is not None:
                found = PointMatch(p.point, how, hit)
                break
        if found is None:
            for term in (p.point, *p.synonyms):
                t = _trim(term)
                # A point with its own commas is compared with the whole answer.
                windows = clauses + [(0, folded)] if _CLAUSE_BREAK.search(t) else clauses
                if t and (window := _find_fuzzy(t, windows, fuzzy_cutoff)) is not None:
                    found = PointMatch(p.point, "fuzzy", window)
                    break
        details.append(found or PointMatch(p.point, None))
    matched = [d.point for d in details if d.how]
    missed = [d.point for d in details if not d.how]
    score = len(matched) / len(pts) if pts else 0.0
    return ShortAnswerResult(score, matched, missed, details)


# -- one entry point for every type -------------------------------------------

def grade(
    qtype: str,
    answer: Any,
    expected: Any,
    points: Sequence[ScoringPoint | Mapping | str] = (),
) -> GradeResult:
    """Grade an answer to a question of type ``qtype`` (单选 … 案例分析)."""
    if qtype == "单选":
        return grade_single(str(answer or ""), str(expected))
    if qtype == "多选":
        return grade_multiple(answer or "", expected)
    if qtype == "判断":
        return grade_judgement(answer, expected)
    if qtype == "填空":
        return grade_fill(answer if answer is not None else "", expected)
    if qtype in SUBJECTIVE_TYPES:
        pts = points or [ScoringPoint(str(expected))]
        res = grade_short_answer(str(answer or ""), pts)
        return GradeResult(res.correct, res.score, [d.point for d in res.details], answer, _short_note(res))
    raise ValueError(f"未知题型: {qtype}")


def _short_note(res: ShortAnswerResult) -> str:
    if not res.missed:
        return "采分点全部答到"
    return "未答到: " + "、".join(res.missed)
