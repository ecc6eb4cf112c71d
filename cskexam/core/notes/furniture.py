"""Page furniture of pasted PDF text: page numbers and running headers.

A page footer is a page number in one of its printed forms (``第3页 共5页``,
``- 3 -``, ``— 3 —``, ``·126·``, ``127·``, a site's name before ``第1页``). A running
header is a line printed at the top (or bottom) of every page: the book's or
the chapter's name. It is told by where it stands, next to a page footer, and
by coming back page after page; never by its words. When the header also
names the chapter (``心理咨询师复习笔记  第二章 社会心理学``), the book's
name goes and the chapter's name stays where it first appears: it may be the
only place the chapter is named.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol, Sequence

# ·126·  127·  ·128 : a page number between the dots printed around it.
_PAGE_NUMBER = re.compile(r"^[·•・]\s*\d{1,4}\s*[·•・]?$|^\d{1,4}\s*[·•・]$|^[—–―]\s*\d{1,4}\s*[—–―]$")
# 人资考试网 内部资料 第1页: a short label before the page number.
_LABELLED_PAGE = re.compile(r"^[^。,;:!?]{0,20}?\s?第\s*\d{1,4}\s*[页頁](?:\s*[,/]?\s*共\s*\d{1,4}\s*[页頁])?$")


# 心理咨询师复习笔记 第二章 社会心理学 (the space may be gone): a book's name, then the chapter's.
_BOOK_AND_CHAPTER = re.compile(r"^(\S.{3,24}?)(?=\s|第[一二三四五六七八九十百零两\d]+[章节節篇编編讲講部单單])")
# Where the book's name can end (from the fifth character to the 26th): a space or 第.
_BOOK_NAME_END = re.compile(r"[\s第]")


def _book_and_chapter(text: str) -> re.Match[str] | None:
    return _BOOK_AND_CHAPTER.match(text) if _BOOK_NAME_END.search(text, 4, 26) else None


# ·82·        健康管理师（基础知识） / 第四章 …        ·83·: a page number and the running
# header printed on one line, far apart (a wide gap of spaces, a tab or an ideographic space).
_NUMBER_FORM = r"(?:[·•・]\s*\d{1,4}\s*[·•・]?|\d{1,4}\s*[·•・]|[—–―]\s*\d{1,4}\s*[—–―])"
# (Written so that a run of spaces is split one way only: three or more spaces,
# or a tab or an ideographic space and any spaces after it.)
_WIDE_GAP = r"(?:[ \u3000\t]{3,}|[\t\u3000][ \u3000\t]*)"
_PAGE_BESIDE_HEADER = re.compile(
    rf"^{_NUMBER_FORM}{_WIDE_GAP}(\S.{{1,40}})$|^(\S.{{1,40}}?){_WIDE_GAP}{_NUMBER_FORM}$"
)
# 　　　　　第二章 客户信息管理 · 35 ·: a footer pushed to the right margin, the header one space
# before a page number closed by its dots on both sides.
_RIGHT_MARGIN = re.compile(r"^(?:[ \u3000]{8,}|\t+)(\S.{1,40}?)\s[·•・]\s*\d{1,4}\s*[·•・]$")
# What a page number opens and ends with, besides a digit.
_NUMBER_EDGE = "·•・—–―"


def header_beside_page_number(raw: str) -> str | None:
    """The header text of a line that prints a page number beside it, else None."""
    right = _RIGHT_MARGIN.match(raw.rstrip())
    if right:
        return right.group(1).strip()
    s = raw.strip()
    # Every form of the gap holds a tab, an ideographic space or three spaces.
    if "\t" not in s and "\u3000" not in s and "   " not in s:
        return None
    # The page number opens or ends the line.
    if not (s[0] in _NUMBER_EDGE or s[0].isdecimal() or s[-1] in _NUMBER_EDGE or s[-1].isdecimal()):
        return None
    m = _PAGE_BESIDE_HEADER.match(s)
    return (m.group(1) or m.group(2)).strip() if m else None


# What a page number can end with, besides a digit (and spaces).
PAGE_NUMBER_ENDS = "·•・—–―页頁"


def is_page_number(text: str) -> bool:
    # Each form ends with a digit, a dot, a dash or 页, and opens with a dot, a
    # dash or a digit, or holds 第.
    last = text[-1:]
    if last.isspace():
        last = text.rstrip()[-1:]  # ·4 followed by spaces is a page number too
    if last.isdecimal() or (last and last in "·•・—–―"):
        first = text[0]
        return (first in "·•・—–―" or first.isdecimal()) and _PAGE_NUMBER.match(text) is not None
    return (last == "页" or last == "頁") and "第" in text and _LABELLED_PAGE.match(text) is not None


class _Line(Protocol):
    text: str


def drop_running_headers(lines: Sequence[_Line], footers: list[int], is_marker) -> None:
    """Empty the running headers of ``lines``; ``footers`` are the indexes of
    the page furniture lines (already emptied), ``is_marker(text)`` tells a
    line that opens a numbered item (never a header)."""
    near = _next_to_footer(lines, footers)
    first = next((i for i, line in enumerate(lines) if line.text), -1)
    _drop_whole_lines(lines, near, first, is_marker)
    _drop_header_prefixes(lines, near, is_marker)


def _next_to_footer(lines: Sequence[_Line], footers: list[int]) -> set[int]:
    """Indexes of the lines with text right before or after a footer (blank lines between)."""
    near: set[int] = set()
    n = len(lines)
    for f in footers:
        for step in (1, -1):
            j = f + step
            while 0 <= j < n and not lines[j].text and j not in footers:
                j += step
            if 0 <= j < n and lines[j].text:
                near.add(j)
    return near


def _drop_whole_lines(lines: Sequence[_Line], near: set[int], first: int, is_marker) -> None:
    counts = Counter(line.text for line in lines if line.text and len(line.text) >= 4)
    at_pages = Counter(lines[i].text for i in near)
    headers = {
        text for text, k in counts.items()
        if not is_marker(text) and ((k >= 2 and at_pages[text] >= 2) or (k >= 3 and len(text) >= 6))
    }
    if not headers:
        return
    seen: set[str] = set()
    for i, line in enumerate(lines):
        text = line.text
        if text in headers:
            # The document's title on its first line stays; a header printed at
            # each page top goes everywhere, and any other repeat after its first.
            keep = text not in seen and (i == first or at_pages[text] < 2)
            seen.add(text)
            if not keep:
                line.text = ""


def _drop_header_prefixes(lines: Sequence[_Line], near: set[int], is_marker) -> None:
    """``书名 第一章 …`` at each page top: the book's name goes, the chapter's
    name stays where it first appears."""
    prefixes: Counter[str] = Counter()
    at_pages: Counter[str] = Counter()
    for i, line in enumerate(lines):
        m = _book_and_chapter(line.text)
        if m and not is_marker(line.text):
            prefixes[m.group(1)] += 1
            if i in near:
                at_pages[m.group(1)] += 1
    books = {p for p, k in prefixes.items() if k >= 2 and at_pages[p] >= 2}
    if not books:
        return
    last = ""
    written: set[str] = set()  # the lines seen so far that are no header
    for line in lines:
        m = _book_and_chapter(line.text)
        if m and m.group(1) in books:
            rest = line.text[m.end(1) :].strip()
            # 第三章 培训与开发 written above already: the header's copy goes.
            line.text = "" if rest == last or rest in written else rest
            last = rest
        elif line.text:
            written.add(line.text.strip())
