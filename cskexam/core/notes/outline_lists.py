"""Where a list ends: a heading line after a list is its sibling, a
sentence after a list of bare names is about the list, not its last item, a
count line closes it, a deeper bullet is an item of the open one, and a bold
Markdown line heads the lines that follow."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cskexam.core.notes.drafts import Draft, _clean_marker, _heading_like, _looks_like_list
from cskexam.core.notes.outline_patterns import _FAMILY_RANK, _INDENTED_STYLES, _OWN_LEVEL, _SENTENCE

if TYPE_CHECKING:
    from cskexam.core.notes.markers import Marker

_CLAUSE_STOP = re.compile(r"[:,;。()]")
# Numbered lists of the same rank in phone and Word notes (1. and 1) and 1、 alike).
_NUMBERED = frozenset({"num_dot", "num_dun", "num_paren"})


def _closed_item(draft: Draft) -> bool:
    """An item whose line says all it holds: a short heading (``4、处理``), a class
    with its text (``A类:…``) or a name with its inline list (``2)按功能:甲、乙、丙``)."""
    if draft.style == "kind" or _heading_like(draft):
        return True
    head, colon, rest = draft.segment.partition(":")
    return bool(colon) and len(head.strip()) <= 16 and _looks_like_list(rest)


class ListEnds:
    if TYPE_CHECKING:
        root: Draft
        stack: list[Draft]
        _next_lead: Marker | None
        _last_bullet: tuple[Draft, int] | None

        def _finish_pending(self) -> None: ...
        def _plain(self, segment: str, style: str, lineno: int) -> Draft: ...

    def _leave_list(self) -> None:
        """A heading line after a list is the list's sibling, not part of its
        last item: after an inline list line (``X:a、b、c``), and after a leaf
        item when the heading's own items restart the same numbering
        (``3、现代管理理论`` / ``组织理论的发展:`` / ``1、古典组织理论``)."""
        nxt = self._next_lead
        while len(self.stack) > 1:
            top = self.stack[-1]
            if top.style in ("term", "judge"):
                self.stack.pop()
                continue
            parent = self.stack[-2]
            if (
                nxt is not None and not top.children and top.number
                and (top.style == nxt.style or (nxt.style in _NUMBERED and top.style in _NUMBERED))
                and nxt.number == (1,) and top.number != (1,)
                and all(not d.children and _heading_like(d) for d in parent.children if d.style == top.style)
            ):
                self.stack.pop()
            break

    def _leave_finished_list(self) -> None:
        """``持续改进的三大支柱:领导承诺、…`` after ``1、计划 … 4、处理`` under a heading
        line: a list of its own beside that heading, not inside its last item."""
        top = self.stack[-1]
        if len(self.stack) < 3 or top.children or not top.number or top.style in _FAMILY_RANK or top.style in _OWN_LEVEL:
            return
        parent = self.stack[-2]
        items = [d for d in parent.children if d.style == top.style]
        if len(items) < 2 or not all(not d.children and _closed_item(d) for d in items):
            return
        self.stack.pop()
        if parent.style == "plain" and len(self.stack) > 2 and all(not d.children for d in parent.children):
            self.stack.pop()

    def _remark_on_list(self, text: str) -> bool:
        """``text`` is a whole sentence line right after the last of three or more
        numbered items that are bare names, and it does not name that item."""
        top = self.stack[-1]
        if len(self.stack) < 3 or top.text_parts or top.children or not top.number or len(text) < 20:
            return False
        if "," not in text and "。" not in text:
            return False
        items = [d for d in self.stack[-2].children if d.style == top.style]
        if len(items) < 3 or items[-1] is not top:
            return False
        if not all(not d.text_parts and not d.children and 0 < len(d.segment.strip()) <= 12
                   and not _CLAUSE_STOP.search(d.segment) for d in items):
            return False
        name = top.segment.strip()
        return name[:2] not in text

    def _close_list(self, count: int | None) -> bool:
        """Leave the list whose last item is open, giving its owner ``count``."""
        self._finish_pending()
        top = self.stack[-1]
        if count is None or len(self.stack) < 3 or top.children or top.text_parts or not (top.number or top.style.startswith("bullet")):
            return False
        items = [d for d in self.stack[-2].children if d.style == top.style]
        if len(items) < 2 or items[-1] is not top:
            return False
        self.stack.pop()
        owner = self.stack[-1]
        owner.stated = owner.stated or count
        return True

    def _under_bullet(self, indent: int) -> bool:
        """The bullet line last read at a shallower indentation is still open."""
        if self._last_bullet is None:
            return False
        draft, at = self._last_bullet
        return indent > at and any(d is draft for d in self.stack)

    def _bold_heading(self, line: str, lineno: int, markers: list[Marker]) -> bool:
        """``**客户服务的分类**`` or ``**1. 简述…?**`` on a line of its own in
        Markdown: a heading under the nearest ``#`` heading, above the lines
        that follow (a list after it is its list, not a sibling). A bold term
        with its text (``**X**:甲、乙``) closes the open list and is read as usual."""
        if markers and markers[0].start == 0 and markers[0].style not in _INDENTED_STYLES:
            return False  # **一、…**: a numbered heading keeps its level among its kind
        self._finish_pending()
        while len(self.stack) > 1 and not (self.stack[-1].style[0] == "h" and self.stack[-1].style[1:].isdigit()):
            self.stack.pop()
        lead = markers[0] if markers and markers[0].start == 0 else None
        text = line[lead.end :].strip() if lead else line
        head = text.rstrip(":").strip()
        if ":" in head or len(head) > 40 or not head or _SENTENCE.search(head.rstrip("。?!")):
            return False
        draft = self._plain(head, "plain", lineno)
        if lead is not None:
            draft.marker = _clean_marker(lead.raw)
        return True
