"""Cards that answer each other across key points: keep one.

A card whose front states another card's answer together with its question
(「____是构成市场的第一要素」 beside 「什么是市场人口 → 构成市场的第一要素」, or a
sentence printing 「科学技术是社会生产力最新的和最活跃的因素」 beside the cloze
that blanks 科学技术) teaches nothing once the other was seen. Siblings are
buried per key point only, so the pair is settled here: the cloze goes, or of
two clozes the later one.
"""

from __future__ import annotations

from typing import Protocol, Sequence, TypeVar

from cskexam.core.card_text import BLANK, _squash

# A run of this many characters shared by two texts is the same statement.
SAME_RUN = 8


class _Card(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def front(self) -> str: ...
    @property
    def back(self) -> str: ...


C = TypeVar("C", bound=_Card)


def _question(card: _Card) -> str:
    """The part of the front that asks: the cloze sentence without its label."""
    return card.front.split("\n", 1)[0]


def _pieces(card: _Card) -> list[str]:
    """The runs of the cloze sentence around the blank."""
    return [p for p in (_squash(x) for x in _question(card).split(BLANK)) if len(p) >= SAME_RUN]


def _runs(text: str) -> set[str]:
    return {text[i:i + SAME_RUN] for i in range(len(text) - SAME_RUN + 1)}


def _states(text: str, piece: str) -> bool:
    return piece in text or bool(_runs(piece) & _runs(text))


def _answer(card: _Card) -> str:
    back = card.back
    if card.kind == "definition" and "：" in back:
        back = back.split("：", 1)[1]
    return _squash(back)


def drop_answered(cards: Sequence[C]) -> list[C]:
    fronts = [_squash(_question(c)) for c in cards]
    answers = [_answer(c) for c in cards]
    gone: set[int] = set()
    for i, c in enumerate(cards):
        if c.kind != "cloze" or i in gone:
            continue
        key = answers[i]
        pieces = _pieces(c)
        for j, other in enumerate(cards):
            if j == i or j in gone or len(key) < 2:
                continue
            other_front = fronts[j]
            # The other states this card's answer and its question (a sentence printed whole).
            reveals = key in other_front and any(_states(other_front, p) for p in pieces)
            # Each states the other's answer (人口 ↔ 构成市场的第一要素).
            mutual = key in other_front and len(answers[j]) >= 2 and answers[j] in fronts[i]
            # The sentence is a definition's answer.
            defines = other.kind in ("definition", "item_definition") and any(
                _states(answers[j], p) for p in pieces)
            if not (reveals or mutual or defines):
                continue
            if other.kind == "cloze" and j < i:
                gone.add(i)
            elif other.kind == "cloze":
                gone.add(j if reveals else i)
            else:
                gone.add(i)
            if i in gone:
                break
    return [c for k, c in enumerate(cards) if k not in gone]
