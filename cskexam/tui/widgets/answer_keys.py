"""The keys that answer a question, the same in 章节练习 and 模拟考试.

* An option: its letter (a–f) or its number (1–6).
* 判断: a, 1 or t for 对; b, 2 or f for 错.
"""

from __future__ import annotations

from typing import Mapping

from cskexam.core.vocab import QuestionType

OPTION_KEYS = "abcdef"
JUDGE_KEYS = {"a": "对", "1": "对", "t": "对", "b": "错", "2": "错", "f": "错"}
JUDGE_LETTERS = {"对": "A", "错": "B"}  # how the exam paper shows 对 and 错
JUDGE_HELP = ("a/b, 1/2, t/f", "判断题：对 / 错")


def answer_for_key(qtype: str, options: Mapping[str, str], key: str) -> str | None:
    """What ``key`` answers: 对/错 for a 判断, an option letter (A–F) otherwise; None if nothing."""
    if qtype == QuestionType.JUDGE:
        return JUDGE_KEYS.get(key)
    if key.isdigit():
        n = int(key)
        letter = OPTION_KEYS[n - 1].upper() if 1 <= n <= len(OPTION_KEYS) else None
    elif key in OPTION_KEYS:
        letter = key.upper()
    else:
        return None
    return letter if letter in options else None
