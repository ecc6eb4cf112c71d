"""Helpers of ``parser._emit``: the lists named by counted sentences, how a
mnemonic's characters stand for items, sibling titles that collide and the
body text joined from a draft's lines."""

from __future__ import annotations

import re
from collections import Counter

from cskexam.core.notes.drafts import Draft
from cskexam.core.notes.headings import Heading


def _sentence_lists(sentences, child_titles: list[str], line: int) -> list[Draft | None]:
    """A node for each counted sentence that has a subject and does not just
    count the items written below it (None for the others)."""
    out: list[Draft | None] = []
    for _, _, count, split, title in sentences:
        items = [i.title for i in split.items]
        if len(title) < 2 or items == child_titles[: len(items)]:
            out.append(None)
            continue
        child = Draft("inline", (), "", line)
        child.heading = Heading(title=title, text="", count=count)
        child.text_parts = ["、".join(items)]
        child.listy = True
        out.append(child)
    return out if any(d is not None for d in out) else []


def _initials_of(word: str, items: list[str]) -> bool:
    """Each character of ``word`` opens (or appears in) the item in its place."""
    return len(word) == len(items) and all(ch in item[:3] for ch, item in zip(word, items))


def _keys_of(word: str, items: list[str]) -> bool:
    """Each character of ``word`` stands in the item in its place, anywhere in it
    (功结内 over 实现课程功能的转变, 体现课程结构的…, 密切课程内容…)."""
    return len(word) == len(items) and all(ch in item for ch, item in zip(word, items))


def _disambiguate_titles(children: list[Draft]) -> None:
    """Siblings whose guessed titles collide get their whole first clause back."""
    if len(children) < 2:
        return
    guessed = [c for c in children if c.heading is not None and c.heading.clause]
    if not guessed:
        return  # every title was written, none guessed: nothing to give back
    counts = Counter(child.title for child in children)
    for child in guessed:
        heading = child.heading
        assert heading is not None
        if counts[child.title] > 1:
            clause = heading.clause
            heading.title = clause if len(clause) <= 24 else clause[:20] + "…"
            if len(clause) <= 24 and child.text_parts and child.text_parts[0].startswith(clause):
                child.text_parts[0] = child.text_parts[0][len(clause) :].lstrip(":,;。")


# A teacher's aside on its own line (注：…, 备注：…) is a sentence of its own, never the
# tail of the entry above it: hard-wrapped lines join as they are, an aside after a full stop.
# So is a line that opens with 其中 (其中甲是…), after a list that ends with no full stop.
_OWN_SENTENCE = re.compile(r"^(?:(?:注|备注|注意|说明|提示|考点|易错点?|易混点?|易考|易錯|得分点|采分点|评分标准|[\u4e00-\u9fff]{1,4}(?:提醒|提示|说明|注意))\s*[:：]|其中)")
_SENTENCE_END = "。！？!?；;…"


def _join_body(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if text and _OWN_SENTENCE.match(part.lstrip()) and text.rstrip()[-1:] not in _SENTENCE_END:
            # 主要有以下五个特点: then 其中…: a lead-in whose list was taken out ends as a sentence.
            text = text.rstrip().rstrip(":") + "。"
        text += part
    return text.strip()
