"""Lines of one document → a tree of draft nodes.

Levels come from the order in which marker styles first appear in the
document (a stack of open styles), not from a fixed table; only the
部分 › 章 › 节 family and Markdown headings have a fixed order among themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cskexam.core.notes.headings import Heading, clean_title_only, split_heading, stated_count
from cskexam.core.notes.markers import Marker, find_markers, markdown_heading

_BOUNDARY = set(":;。?!)]》”\" ")
_PUNCT = set("。;,:!?")
_FAMILY_RANK = {"part": 0, "chapter": 1, "section": 2} | {f"h{i}": i - 1 for i in range(1, 7)}


@dataclass
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


class OutlineBuilder:
    def __init__(self, title: str, line: int, known: frozenset[str], titles_only: bool = False):
        # titles_only: the first pass, which only collects cleanly written titles.
        self.titles_only = titles_only
        self.root = Draft("doc", (), "", line)
        self.root.heading = Heading(title=title, text="")
        self.stack: list[Draft] = [self.root]
        self.known = known
        self.subject = title
        self._pending: Draft | None = None
        self._lineno = line

    # -- acceptance ----------------------------------------------------
    def _open(self, style: str) -> Draft | None:
        for draft in reversed(self.stack):
            if draft.style == style:
                return draft
        return None

    def _enclosing_number(self) -> int | None:
        for draft in reversed(self.stack):
            if draft.style in ("num_dun", "num_dot", "num_paren", "pnum") and draft.number:
                return draft.number[0]
        return None

    def _accept(self, m: Marker, line: str, since: str) -> bool:
        prev = line[m.start - 1] if m.start > 0 else ""
        at_start = not line[: m.start].strip()
        if m.style in ("part", "chapter", "section", "circled", "bullet"):
            return True
        opened = self._open(m.style)
        continuation = bool(opened and opened.number and _next_number(opened.number, m.style) == m.number)
        if m.style in ("dotted", "dashed") and opened is None:
            continuation = False
        if m.bare:
            return continuation and _is_cjk(prev) and m.end < len(line) and _is_cjk(line[m.end])
        if at_start or continuation:
            return True
        if m.style in ("dotted", "dashed"):
            first = m.number[1] == 1 and m.number[0] == self._enclosing_number()
            return first
        if m.number != (1,):
            return False
        if prev in _BOUNDARY:
            return True
        head = since.strip()
        return 0 < len(head) <= 20 and not any(ch in _PUNCT for ch in head)

    # -- stack -----------------------------------------------------------
    def _push(self, draft: Draft) -> None:
        if draft.style in _FAMILY_RANK:
            rank = _FAMILY_RANK[draft.style]
            while len(self.stack) > 1:
                top = self.stack[-1]
                if top.style in _FAMILY_RANK and _FAMILY_RANK[top.style] < rank and top.style[0] == draft.style[0]:
                    break
                if top.style in _FAMILY_RANK and _FAMILY_RANK[top.style] < rank:
                    break
                self.stack.pop()
        elif self._open(draft.style) is not None:
            while self.stack[-1].style != draft.style:
                self.stack.pop()
            self.stack.pop()
        self.stack[-1].children.append(draft)
        self.stack.append(draft)

    def _finish_pending(self) -> None:
        draft = self._pending
        if draft is None:
            return
        if self.titles_only:
            clean = clean_title_only(draft.segment)
            draft.heading = Heading(title=clean or "", text="", explicit=clean is not None)
            self._pending = None
            return
        draft.heading = split_heading(draft.segment, self.known, self.subject)
        if draft.heading.text:
            draft.text_parts.append(draft.heading.text)
        self._pending = None

    # -- input -----------------------------------------------------------
    def add_line(self, line: str, lineno: int, markers: list[Marker] | None = None) -> None:
        if not line:
            return
        self._lineno = lineno
        heading = markdown_heading(line)
        if heading:
            self._start(heading, line, lineno)
            self._pending.segment = line[heading.end :]  # type: ignore[union-attr]
            self._finish_pending()
            return
        last_end = 0
        current: Draft | None = None
        head, colon, _ = line.partition(":")
        if colon and 2 <= len(head) <= 16 and stated_count(head) and not find_markers(head):
            # An unnumbered line that announces a counted list (客户服务的五大特性:…).
            current = self._start(Marker("plain", (), "", 0, 0), line, lineno)
        for m in find_markers(line) if markers is None else markers:
            if m.start < last_end:
                continue
            if not self._accept(m, line, line[last_end : m.start]):
                continue
            before = line[last_end : m.start]
            if current is None:
                self._append_text(before)
            else:
                current.segment += before
                self._finish_pending()
            current = self._start(m, line, lineno)
            last_end = m.end
        tail = line[last_end:]
        if current is None:
            self._append_text(tail)
        else:
            current.segment += tail
            self._finish_pending()

    def _start(self, m: Marker, line: str, lineno: int) -> Draft:
        draft = Draft(m.style, m.number, _clean_marker(m.raw), lineno, end=lineno)
        self._push(draft)
        self._pending = draft
        return draft

    def _append_text(self, text: str) -> None:
        text = text.strip()
        if text:
            self.stack[-1].text_parts.append(text)
            self.stack[-1].end = max(self.stack[-1].end, self._lineno)

    def finish(self) -> Draft:
        self._finish_pending()
        return self.root
