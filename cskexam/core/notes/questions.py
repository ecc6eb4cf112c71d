"""Questions written in notes with their answers (``简述…。`` then ``答:…``)."""

from __future__ import annotations

import re

ANSWER_LINE = re.compile(r"^(?:答|答案|参考答案|參考答案)\s*:")
_ASKED_BY = re.compile(r"^(?:问|問|Q|q|问题|問題)\s*[:.、]\s*")
# 简述… / 试述… / 论述… / 请列举…: how an exam asks; …有哪些? / …是什么?: a question by its end.
_ASKING_WORDS = re.compile(r"^(?:简述|簡述|试述|試述|论述|論述|阐述|闡述|说明|說明|列举|列舉|请|請|如何|为什么|為什麼|什么是|什麼是)")
_ASKING_END = re.compile(r"(?:\?|有哪些|是什么|是什麼|有何|如何|为什么|為什麼)[。.]?$")


_SCORE = re.compile(r"\s*[(（]\s*\d{1,2}\s*分\s*[)）]\s*$")


def question_title(line: str, strict: bool = False) -> str | None:
    """The title of a question line, or None when ``line`` asks nothing.
    ``strict``: only a line that ends as a question (a numbered line may be an
    answer's point that opens with 说明 or 请)."""
    text = line.strip()
    asked = _ASKED_BY.match(text)
    if strict:
        if not _ASKING_END.search(text):
            return None
    elif asked:
        text = text[asked.end() :]
    elif not (_ASKING_WORDS.match(text) or _ASKING_END.search(text)):
        return None
    text = _SCORE.sub("", text).rstrip("?。. ")  # …哪些问题。(8分): the marks are no part of it
    if not 4 <= len(text) <= 60 or "答" in text[:2]:
        return None
    return text
