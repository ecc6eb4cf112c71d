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
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from cskexam.core.vocab import SUBJECTIVE_TYPES, QuestionType

MULTI_PARTIAL_CREDIT = 0.5
FUZZY_MIN_CHARS = 5
FUZZY_CUTOFF = 90.0  # terms of 5-9 characters
FUZZY_CUTOFF_LONG = 80.0  # sentences of 10+ characters, which candidates paraphrase
LONG_TERM_CHARS = 10

TRUE_WORDS = frozenset({"对", "√", "✓", "✔", "t", "true", "正确", "是", "y", "yes", "对的", "正确的", "o"})
FALSE_WORDS = frozenset({"错", "×", "✗", "✘", "x", "f", "false", "错误", "否", "n", "no", "错的", "错误的", "不对"})

# Characters that flip or invert meaning: a fuzzy match may not differ in one.
POLARITY_CHARS = frozenset("不无非没未有否反负逆")


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
    padded: bool = False  # the score was cut for padding with unrelated points

    @property
    def correct(self) -> bool:
        return not self.missed and bool(self.matched) and not self.padded


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

# Only this much of the text before (after) an occurrence is looked at for a
# negation: enough for the longest form, and it keeps grading linear.
_LOOK_BEHIND = 12
_LOOK_AHEAD = 10

# Credit a point only where it is asserted. A negation ends right before the
# term (不是X, 缺乏X, 忽视X, 排除X, 不一定是X), or follows it in its clause
# (X不重要, 与X无关, X没有必要).
_NEGATION_WORDS = (
    "并没有|没有|并非|绝非|而非|不是|并不|不一定|未必|谈不上|算不上|称不上|不再|不必|无需|无须|不用|不需要|"
    "缺乏|缺少|欠缺|忽视|忽略|轻视|无视|漠视|排除|否认|不包括|不属于|不含|切勿|不要|不能|不会|"
    "不|无|非|没|未"
)
_NEGATION_BEFORE = re.compile(
    rf"(?:{_NEGATION_WORDS})(?:了|掉|过)?"
    r"(?:具有|具备|属于|存在|包括|包含|需要|应该|应当|必须|考虑|重视|强调|注重|关注|在于|涉及|应|会|能|要|是|有|算|对)?$"
)
# Every negation above and below has one of these: most windows are passed over without a regex.
_NEGATION_CHARS = frozenset("不无非没未缺欠忽轻漠排否切错可")
# 不能忽视X, 不可忽略X: a negated negation asserts X.
_DOUBLE_NEGATION = re.compile(r"(?:不能|不可|不应|不该|不要|切勿|决不|绝不|不得|不会|没有|并未|别)$")
_NEGATION_AFTER = re.compile(
    r"^(?:是|都|也|并|则|其实|根本|完全)?"
    r"(?:不重要|并不重要|无关紧要|无关|没有关系|没关系|没有必要|没必要|不必要|不需要|不存在|不成立|不正确|"
    r"不对|是错误的|是错的|错误|可以忽略|可忽略|无所谓)"
)
# Punctuation and the candidate's own numbering (1. 2、 (3) ④) end a clause.
_CLAUSE_BREAK = re.compile(
    r"\d+[.、)）:：]|[（(]\d+[)）]|[①-⑳]|[，。；、,.;:：!！?？\n\r\t（）()【】\[\]“”\"'‘’/|]"
)
_PUNCT_EDGES = "。，、；：,.;:!！?？\"'“”‘’「」『』《》()（）[]【】 "

# Padding: an answer listing many short items that match none of this
# question's points (the scoring points of every question pasted in) earns a
# share of its score. A point label has none of these function characters;
# a sentence explaining a point nearly always has one.
_FUNCTION_CHARS = frozenset("的是了在和与对把被要能会使让将而及或但为所就也都还其之以于由从向给可应该须必等如这那它他她我你们着过很更最又再才")
_ITEM_BREAK = re.compile(r"[\s，。；、,.;:：!！?？（）()【】\[\]“”\"'‘’/|]+|\d+[.、)）]|[①-⑳]")
PADDING_ALLOWED_PER_POINT = 3
PADDING_ALLOWED_BASE = 5
PADDING_NOTE = "答案中堆砌了大量与本题采分点无关的要点，得分按比例扣减"


class _Answer:
    """A folded answer with its clause starts, so each lookup is a binary search, not a scan."""

    def __init__(self, folded: str):
        self.text = folded
        self.break_starts: list[int] = []
        self.break_ends: list[int] = []  # each is the start of the next clause
        self.clauses: list[tuple[int, str]] = []
        start = 0
        for m in _CLAUSE_BREAK.finditer(folded):
            if m.start() > start:
                self.clauses.append((start, folded[start : m.start()]))
            start = m.end()
            self.break_starts.append(m.start())
            self.break_ends.append(m.end())
        if start < len(folded):
            self.clauses.append((start, folded[start:]))

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """Start and end of the clause holding ``pos``."""
        i = bisect_right(self.break_ends, pos)
        start = self.break_ends[i - 1] if i else 0
        end = self.break_starts[i] if i < len(self.break_starts) else len(self.text)
        return start, max(start, end)

    def negated(self, start: int, end: int) -> bool:
        """Whether the text at [start, end) is negated inside its clause."""
        c_start, c_end = self.clause_bounds(start)
        before = self.text[max(c_start, start - _LOOK_BEHIND) : start]
        m = _NEGATION_BEFORE.search(before) if not _NEGATION_CHARS.isdisjoint(before) else None
        if m is not None and not _DOUBLE_NEGATION.search(self.text[max(c_start, start - _LOOK_BEHIND - 4) : start - len(m.group())]):
            return True
        after = self.text[end : min(c_end, end + _LOOK_AHEAD)] if end <= c_end else ""
        return not _NEGATION_CHARS.isdisjoint(after) and bool(_NEGATION_AFTER.match(after))


def _occurrences(term: str, text: str, start: int = 0):
    start = text.find(term, start)
    while start >= 0:
        yield start, start + len(term)
        start = text.find(term, start + 1)


def _find_exact(terms: list[tuple[str, str]], answer: _Answer) -> tuple[str, str, tuple[int, int]] | None:
    """The first of ``terms`` ((how, term) pairs) asserted somewhere in the answer.

    An occurrence inside a negated occurrence of another of the point's terms
    is negated too: 不是市场人口 earns 市场人口 neither directly nor
    through its synonym 人口.
    """
    negated_spans: list[tuple[int, int]] = []
    found: list[tuple[str, str, int, int]] = []
    for how, term in terms:
        for start, end in _occurrences(term, answer.text):
            if answer.negated(start, end):
                negated_spans.append((start, end))
            else:
                found.append((how, term, start, end))
                break  # one asserted occurrence per term is enough, but keep the negated ones seen
    negated_spans.sort()
    starts = [s for s, _ in negated_spans]
    longest = max((len(t) for _, t in terms), default=0)

    def inside_negated(start: int, end: int) -> bool:
        i = bisect_right(starts, start)
        while i > 0:
            i -= 1
            s, e = negated_spans[i]
            if s < start - longest:
                return False  # spans further left are too short to cover this one
            if s <= start and end <= e and e - s > end - start:
                return True
        return False

    for how, term, start, end in found:
        if not inside_negated(start, end):
            return how, term, (start, end)
        # This occurrence sits in a negated longer term: look for a later, free one.
        for s2, e2 in _occurrences(term, answer.text, end):
            if not answer.negated(s2, e2) and not inside_negated(s2, e2):
                return how, term, (s2, e2)
    return None


def _polarity_differs(a: str, b: str) -> bool:
    diff = (Counter(a) - Counter(b)) + (Counter(b) - Counter(a))
    return any(ch in POLARITY_CHARS for ch in diff)


def _find_fuzzy(term: str, clauses: list[tuple[int, str]], answer: _Answer,
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
    failed: set[str] = set()  # the result depends on the clause's text alone
    for offset, clause in clauses:
        if len(clause) < len(term) * 0.6 or clause in failed:
            continue
        if len(letters.intersection(clause)) < need:
            failed.add(clause)
            continue
        if len(clause) <= len(term):
            score = fuzz.ratio(term, clause)
            window, start = clause, 0
        else:
            al = fuzz.partial_ratio_alignment(term, clause, score_cutoff=cutoff)
            if al is None:
                failed.add(clause)
                continue
            score, start = al.score, al.dest_start
            window = clause[al.dest_start : al.dest_end]
        if score < cutoff or _polarity_differs(term, window):
            failed.add(clause)
            continue
        span = (offset + start, offset + start + len(window))
        if answer.negated(*span):
            failed.add(clause)
            continue
        return window, span
    return None


def _padding(answer: str, own: set[str], points: int) -> float:
    """The share of the score kept: 1 unless the answer is padded with many unrelated point-like items.

    Items are what the candidate separated (punctuation, numbering, spaces,
    new lines); ``own`` holds this question's terms and the windows that
    earned a point. What is left of an item once those are taken out counts,
    so points typed without separators are counted too.
    """
    allowed = PADDING_ALLOWED_BASE + PADDING_ALLOWED_PER_POINT * points
    if len(answer) < allowed * 2:
        return 1.0  # too short to hold more items than allowed
    own_re = re.compile("|".join(re.escape(t) for t in sorted(own, key=len, reverse=True))) if own else None
    unrelated = 0.0
    seen: set[str] = set()
    pos = 0
    text = unicodedata.normalize("NFKC", answer).lower() + " "
    for m in _ITEM_BREAK.finditer(text):
        item = text[pos : m.start()]
        pos = m.end()
        if len(item) < 2 or item in seen or any(ch in _FUNCTION_CHARS for ch in item):
            continue
        seen.add(item)  # a repeated item is not more padding
        rest = own_re.split(item) if own_re is not None else [item]
        for piece in rest:
            if len(piece) >= 2 and not any(piece in t for t in own):
                unrelated += max(1.0, len(piece) / 6)
    return 1.0 if unrelated <= allowed else allowed / unrelated


def grade_short_answer(
    answer: str,
    points: Sequence[ScoringPoint | Mapping | str],
    *,
    fuzzy_cutoff: float | None = None,
) -> ShortAnswerResult:
    """Credit each scoring point asserted in ``answer``; score = share of points, less any padding.

    Linear in the answer's length: occurrences are found with ``str.find``,
    clauses by binary search, negations in a short window around each.
    """
    pts = [ScoringPoint.coerce(p) for p in points]
    text = _Answer(fold(answer or ""))
    details: list[PointMatch] = []
    own: set[str] = set()
    for p in pts:
        found: PointMatch | None = None
        terms = [(how, t) for how, t in [("exact", _trim(p.point))] + [("synonym", _trim(s)) for s in p.synonyms] if t]
        own.update(t for _, t in terms)
        hit = _find_exact(terms, text)
        if hit is not None:
            how, term, _ = hit
            found = PointMatch(p.point, how, term)
        else:
            for _, t in terms:
                # A point with its own commas is compared with the whole answer.
                windows = text.clauses + [(0, text.text)] if _CLAUSE_BREAK.search(t) else text.clauses
                fuzzy = _find_fuzzy(t, windows, text, fuzzy_cutoff)
                if fuzzy is not None:
                    found = PointMatch(p.point, "fuzzy", fuzzy[0])
                    own.add(fuzzy[0])
                    break
        details.append(found or PointMatch(p.point, None))
    matched = [d.point for d in details if d.how]
    missed = [d.point for d in details if not d.how]
    score = len(matched) / len(pts) if pts else 0.0
    kept = _padding(answer or "", own, len(pts)) if matched else 1.0
    return ShortAnswerResult(score * kept, matched, missed, details, padded=kept < 1.0)


# -- one entry point for every type -------------------------------------------

def grade(
    qtype: str,
    answer: Any,
    expected: Any,
    points: Sequence[ScoringPoint | Mapping | str] = (),
) -> GradeResult:
    """Grade an answer to a question of type ``qtype`` (单选 … 案例分析)."""
    if qtype == QuestionType.SINGLE:
        return grade_single(str(answer or ""), str(expected))
    if qtype == QuestionType.MULTI:
        return grade_multiple(answer or "", expected)
    if qtype == QuestionType.JUDGE:
        return grade_judgement(answer, expected)
    if qtype == QuestionType.FILL:
        return grade_fill(answer if answer is not None else "", expected)
    if qtype in SUBJECTIVE_TYPES:
        pts = points or [ScoringPoint(str(expected))]
        res = grade_short_answer(str(answer or ""), pts)
        return GradeResult(res.correct, res.score, [d.point for d in res.details], answer, _short_note(res))
    raise ValueError(f"未知题型: {qtype}")


def _short_note(res: ShortAnswerResult) -> str:
    note = "采分点全部答到" if not res.missed else "未答到: " + "、".join(res.missed)
    return f"{note}；{PADDING_NOTE}" if res.padded else note
