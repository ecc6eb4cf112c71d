"""The fields a heading's line closes with: tags (【多选】, ★★), page marks (P12)
and a page set apart after its inline list; taken before the title is judged,
so that they never make a heading too long to be whole."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cskexam.core.notes.title_parts import classify_group

if TYPE_CHECKING:
    from cskexam.core.notes.headings import Heading

_CLOSING_PAGE_OR_STARS = re.compile(r"(?<=[)】\]★☆\s])\s*([Pp]\.?\s?\d{1,4}(?:\s?[-~—]\s?[Pp]?\d{1,4})?|[★☆]{1,5})$")
_CLOSING_GROUP = re.compile(r"(?:\(([^()]{1,8})\)|【([^【】]{1,6})】|\[([^\[\]]{1,6})\])$")


def take_closing_meta(s: str, heading: Heading) -> str:
    """Tags and page marks that close a heading (…(Biestek 七大原則)【重要】) are
    fields: taken first, they do not make the heading too long to be whole."""
    starred: list[str] = []
    while (m := _CLOSING_PAGE_OR_STARS.search(s)) and m.start() >= 2:
        # …【多选】★★ P12: a page mark or stars after the tags close the heading too.
        kind = classify_group(m.group(1))
        if kind is None:
            break
        if kind[0] == "page":
            heading.page = heading.page or str(kind[1])
        else:
            starred.extend(kind[1])
        s = s[: m.start()].rstrip()
    while s.endswith((")", "】", "]")) and (m := _CLOSING_GROUP.search(s)) and m.start() >= 2:
        kind = classify_group(next(g for g in m.groups() if g))
        if kind is None or kind[0] == "mnemonic":
            break
        what, value = kind
        if what == "page":
            heading.page = heading.page or str(value)
        else:
            heading.tags.extend(t for t in value if t not in heading.tags)
        s = s[: m.start()].rstrip()
    heading.tags.extend(t for t in starred if t not in heading.tags)
    return s


# A page mark set apart after an inline list (…、一般无表决权   P58) is the list's, not its last item's.
_TAIL_PAGE = re.compile(r"(?<=\S)\s+([Pp]\.?\s?\d{1,4}(?:\s?[-~—]\s?[Pp]?\d{1,4})?)$")


def take_tail_meta(text: str, heading: Heading) -> str:
    """A page mark that closes a heading's inline list is the heading's."""
    if not text or "、" not in text:
        return text
    m = _TAIL_PAGE.search(text)
    if m and not heading.page:
        kind = classify_group(m.group(1))
        if kind and kind[0] == "page":
            heading.page = str(kind[1])
            text = text[: m.start()].rstrip()
    return text
