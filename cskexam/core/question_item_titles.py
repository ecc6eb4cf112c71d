"""How a generated question prints a list's item: its name with the aside the
outline split from it, or the whole clause the outline cut in two."""

from __future__ import annotations

import re

from cskexam.core.graph import Node


_ITEM_GLOSS = re.compile(r"^\s*[(（]([^()（）]{1,20})[)）]\s*$")


def whole_title(item: Node) -> str:
    """An item's name with the aside the parser split from it: 具体运算阶段（7-11岁）."""
    m = _ITEM_GLOSS.match(item.text or "")
    return f"{item.title}（{m.group(1)}）" if m else item.title


UNSPLIT_TEXT_CHARS = 14


def unsplit_title(item: Node) -> str:
    """An item the outline cut into a name and a text though the notes wrote one clause
    (3.資產內部一增一減，總額不變 → 資產 + 內部…): the clause whole; else the title."""
    text = (item.text or "").strip()
    original = (item.original or "").split("\n", 1)[0]
    if not text or not item.title:
        return item.title
    body = original[len(item.marker):] if item.marker and original.startswith(item.marker) else original
    head = re.sub(r"[\W_]+", "", text)[:4]
    if len(head) < 2 or not re.sub(r"[\W_]+", "", body).startswith(re.sub(r"[\W_]+", "", item.title) + head):
        return item.title
    if not body.strip().startswith(item.title) or body.strip()[len(item.title):][:1] in "：:，,。；;、（(— ":
        return item.title  # 公开原则：…, 婴儿期（0~1.5岁）… : a name and what the notes say of it
    squashed = re.sub(r"[\W_]+", "", text)
    if len(squashed) > UNSPLIT_TEXT_CHARS or text.startswith(item.title) or re.search(r"是|指|為|为", text):
        return item.title  # 技术环境科学技术是…: a heading glued to a description of its own
    return item.title + re.sub(r"[；;。，,\s]+$", "", text)


def shown_title(item: Node) -> str:
    """How a list prints an item: the clause the outline cut, else its name with its aside."""
    whole = unsplit_title(item)
    return whole if whole != item.title else whole_title(item)
