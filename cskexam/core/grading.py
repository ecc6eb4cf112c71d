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
* 简答/案例分析: each scoring point is credited where it is asserted, not
  negated in its clause; padding with other questions' points costs a share
  (``grading_short``, ``grading_scope``, ``grading_padding``); wording
  copied from the stem earns nothing (``grading_stem``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from cskexam.core.grading_padding import PointLexicon
from cskexam.core.grading_short import (
    FUZZY_CUTOFF,
    FUZZY_CUTOFF_LONG,
    FUZZY_MIN_CHARS,
    LONG_TERM_CHARS,
    MAX_ANSWER_CHARS,
    PADDING_NOTE,
    POLARITY_CHARS,
    PointMatch,
    ScoringPoint,
    ShortAnswerResult,
    grade_short_answer,
    padding_note,
)
from cskexam.core.grading_text import fold, trim
from cskexam.core.vocab import SUBJECTIVE_TYPES, QuestionType

__all__ = [
    "FALSE_WORDS", "FUZZY_CUTOFF", "FUZZY_CUTOFF_LONG", "FUZZY_MIN_CHARS", "LONG_TERM_CHARS",
    "MULTI_PARTIAL_CREDIT", "PADDING_NOTE", "POLARITY_CHARS", "TRUE_WORDS", "GradeResult", "PointLexicon",
    "PointMatch", "ScoringPoint", "ShortAnswerResult", "fold", "trim", "fill_variants", "grade", "grade_fill",
    "grade_judgement", "grade_multiple", "grade_short_answer", "grade_single", "padding_note", "parse_judgement",
    "parse_letters", "split_blanks",
]

MULTI_PARTIAL_CREDIT = 0.5

TRUE_WORDS = frozenset({"对", "√", "✓", "✔", "t", "true", "正确", "是", "y", "yes", "对的", "正确的", "o"})
FALSE_WORDS = frozenset({"错", "×", "✗", "✘", "x", "f", "false", "错误", "否", "n", "no", "错的", "错误的", "不对"})



@dataclass(frozen=True)
class GradeResult:
    """Outcome of one answer: ``correct`` only for full marks."""

    correct: bool
    score: float  # 0..1
    expected: Any
    given: Any
    note: str = ""  # e.g. "少选" for partial 多选 credit


# -- normalisation ---------------------------------------------------------

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
    word = trim(str(answer))
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


_GLOSS = re.compile(r"^(?P<main>[^()（）]+?)\s*[（(](?P<gloss>[^()（）]+)[)）]$")
_INITIAL = re.compile(r"^[A-Za-z](?=[\u4e00-\u9fff])")


def fill_variants(expected: str) -> set[str]:
    """What a blank keyed ``expected`` also accepts, folded: the term without its gloss and the
    gloss alone (神秘顾客(暗访): 神秘顾客, 暗访), without a mnemonic initial (R补救: 补救)."""
    out = {trim(expected)}
    m = _GLOSS.match(fold(expected))
    if m:
        out |= {trim(m.group("main")), trim(m.group("gloss"))}
    out |= {trim(_INITIAL.sub("", v)) for v in list(out)}
    return out - {""}


def grade_fill(answer: str | Sequence[str], expected: str | Sequence[str],
               accepted: Mapping[str, Sequence[str]] | None = None) -> GradeResult:
    """``accepted``: other wordings a blank takes, by its key (the notes' fuller term, a synonym)."""
    want = [expected] if isinstance(expected, str) else [str(e) for e in expected]
    also = {trim(k): {trim(v) for v in vs} for k, vs in (accepted or {}).items()}

    def hit(given: str, w: str) -> bool:
        g = trim(given)
        return g == trim(w) or g in fill_variants(w) or g in also.get(trim(w), set())

    given = split_blanks(answer, len(want))
    if len(want) > 1 and len(given) != len(want) and isinstance(answer, str):
        # A candidate may type all blanks without separators: 无形性不可分性.
        joined = trim(answer)
        if joined == "".join(trim(w) for w in want):
            given = list(want)
    hits = sum(1 for i, w in enumerate(want) if i < len(given) and hit(given[i], w))
    score = hits / len(want) if want else 0.0
    return GradeResult(hits == len(want), score, want if len(want) > 1 else want[0], given)


# -- one entry point for every type -------------------------------------------

def grade(
    qtype: str,
    answer: Any,
    expected: Any,
    points: Sequence[ScoringPoint | Mapping | str] = (),
    *,
    others: PointLexicon | None = None,
    stem: str | None = None,
) -> GradeResult:
    """Grade an answer to a question of type ``qtype`` (单选 … 案例分析).

    ``others``: the scoring terms of the whole bank, so a 简答 padded with
    other questions' points loses a share of its score; ``stem``: the question's
    text, whose wording copied into a 简答 earns nothing.
    """
    if qtype == QuestionType.SINGLE:
        return grade_single(str(answer or ""), str(expected))
    if qtype == QuestionType.MULTI:
        return grade_multiple(answer or "", expected)
    if qtype == QuestionType.JUDGE:
        return grade_judgement(answer, expected)
    if qtype == QuestionType.FILL:
        accepted = {p.point: p.synonyms for p in (ScoringPoint.coerce(x) for x in points) if p.synonyms}
        return grade_fill(answer if answer is not None else "", expected, accepted)
    if qtype in SUBJECTIVE_TYPES:
        pts = points or [ScoringPoint(str(expected))]
        res = grade_short_answer(str(answer or ""), pts, others=others, stem=stem)
        return GradeResult(res.correct, res.score, [d.point for d in res.details], answer, _short_note(res))
    raise ValueError(f"未知题型: {qtype}")


def _short_note(res: ShortAnswerResult) -> str:
    note = "采分点全部答到" if not res.missed else "未答到: " + "、".join(res.missed)
    if res.given:
        note += "；题干已给出、不计分: " + "、".join(res.given)
    if res.cut:
        note += f"；答案过长，只评阅了前 {MAX_ANSWER_CHARS:,} 字"
    return f"{note}；{padding_note(res)}" if res.padded else note
