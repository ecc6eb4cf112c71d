"""Draft nodes of an outline, before they become graph nodes: their fields, and titles split from their text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cskexam.core.notes.headings import Heading, clean_title_only, split_heading, whole_heading

_CLAUSE_MARK = re.compile(r"[:,;。!?]")
_LIST_SEP = re.compile(r"[、,;]")
_PAIR_STOP = re.compile(r"[。:()]")
_ITEM_STOP = re.compile(r"[。:]")


def _heading_like(draft: "Draft") -> bool:
    """An open item that reads as a heading (``4、人员构成``), under which a list
    numbered from 1 again is a list of its own; after an item that is a
    sentence, 1 starts a new list beside it."""
    segment = draft.segment.strip().rstrip(":")  # 按重要性: is a heading over its items
    return not draft.text_parts and 0 < len(segment) <= 20 and not _CLAUSE_MARK.search(segment)


def _looks_like_list(rest: str) -> bool:
    if ";" in rest and "," in rest:
        return False  # 吸取众多专家的意见,避免…;采用匿名…: clauses of sentences, not items
    parts = [p.strip() for p in _LIST_SEP.split(rest.rstrip("。.;"))]
    if len(parts) == 2 and "、" in rest:
        return all(2 <= len(p) <= 8 and not _PAIR_STOP.search(p) for p in parts)  # 物质激励、精神激励
    return len(parts) >= 3 and all(1 <= len(p) <= 12 and not _ITEM_STOP.search(p) for p in parts)


@dataclass(slots=True)
class Draft:
    style: str
    number: tuple[int, ...]
    marker: str
    line: int
    segment: str = ""
    heading: Heading | None = None
    text_parts: list[str] = field(default_factory=list)
    children: list["Draft"] = field(default_factory=list)
    inline_item: bool = False
    end: int = 0  # last line that gave this draft text of its own
    indent: int | None = None  # a Markdown list item's indentation
    whole_title: bool = False  # a Markdown heading: its whole text is the title
    mnemonic: str | None = None  # from a 口诀:/记忆: line or a tip block
    stated: int | None = None  # a count stated by a lead-in sentence
    judged: bool | None = None  # a statement marked (√) True or (×) False
    listy: bool = False  # ``X:a、b、c``: the text is a list of short items
    at: float = 0.0  # where in its first line the draft starts (0 = start, 1 = end)
    bare_lines: list[str] = field(default_factory=list)  # whole unmarked lines of its body
    basis: bool = False  # 按内容分: a classification basis, a node of its own beside the other bases
    merge: bool = False  # 其中X又包括: X's items, to join the item X once the list that names it is split

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""


def _next_number(open_number: tuple[int, ...], style: str) -> tuple[int, ...]:
    if style in ("dotted", "dashed"):
        return (open_number[0], open_number[1] + 1)
    return (open_number[0] + 1,) if open_number else ()


def _clean_marker(raw: str) -> str:
    marker = raw.strip().rstrip(": ")
    while "、、" in marker:
        marker = marker.replace("、、", "、")
    return marker


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def clean_titles(drafts: list[Draft], out: set[str]) -> None:
    """Titles written cleanly (ended by a colon or a bracket, or alone)."""
    done: set[str] = set()
    for draft in drafts:
        if draft.segment in done:
            continue
        done.add(draft.segment)
        clean = clean_title_only(draft.segment)
        if clean is not None and 2 <= len(clean) <= 10:
            out.add(clean)


def split_headings(drafts: list[Draft], known: frozenset[str], subject: str) -> None:
    """Title, body and metadata of each draft, from its segment."""
    # The same item comes back under many headings: its text is split once, and
    # each later draft gets a copy (nothing changes a heading before they are all split).
    split: dict[tuple[bool, str], Heading] = {}
    for draft in drafts:
        if draft.style == "ordinal" and 0 < draft.segment.find(",") <= 16:
            # 第一，口碑，就是别人跟他说的: the item, then what is said of it.
            draft.segment = draft.segment.replace(",", ":", 1)
        first = split.get((draft.whole_title, draft.segment))
        if first is not None:
            draft.heading = first.copy()
        elif draft.whole_title:
            draft.heading = whole_heading(draft.segment)
            if not draft.heading.title and draft.segment.strip("【】[] "):
                draft.heading.title = draft.segment.strip("【】[] ")  # 【判断】: a label, though also a tag
        else:
            draft.heading = split_heading(draft.segment, known, subject)
        if first is None:
            split[(draft.whole_title, draft.segment)] = draft.heading
        if draft.heading.text:
            draft.text_parts.insert(0, draft.heading.text)


def join_sub_lists(children: list[Draft], subs: list[Draft]) -> list[Draft]:
    """``其中原始凭证又包括:…`` under ``分为原始凭证和记账凭证两类``: once the
    sentence is split into items, the sub-list's items are the item's own;
    a sub-list whose item is not found stays a node of its own."""
    for sub in subs:
        target = next((c for c in children if c.title and c.title == sub.title), None)
        if target is None:
            children.append(sub)
            continue
        target.children.extend(sub.children)
        target.text_parts.extend(sub.text_parts)
        target.mnemonic = target.mnemonic or sub.mnemonic
        target.stated = target.stated or sub.stated
    return children
