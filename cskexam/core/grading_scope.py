"""Whether a scoring point is asserted or negated where it appears in an answer.

The scope of a negation is its clause:

* A point is negated when the nearest negator before it in its clause (不是,
  没有, 缺乏, 忽视, 排除, 不一定, 无需, 并非 …) is not cut off by a contrast
  (而是, 但, 却 …) or a new step of the sentence (…的时候, 因此, 就 …).
  So 不是城市的人口 negates 人口 however many characters stand between.
* A point is negated when a negated predicate of relevance follows it in its
  clause: X不重要, 与X无关, X不是重点, X不一定重要, X可以忽略.
* 、 joins a list: 缺乏市场人口、经济环境 lacks both and 市场人口、经济环境都不重要
  dismisses both, but a one-character negator binds to its own word only
  (无偿性、易变性 says nothing against 易变性).
* One level of double negation asserts: a negator right after another one
  cancels it (不能忽视X, 不可忽略X, 不得不重视X, X并非不重要).
* Words that only look negative (不断, 不仅, 不同, 无论, 非常, 未来,
  不可或缺 …) are no negators, and neither is a negator inside one of the
  question's own terms (the 不 of 不可分性 in 无形性不可分性易变性).

Linear in the answer's length: one regex pass finds every negator and break,
one more every negated predicate; each lookup is a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable

from cskexam.core.grading_text import CLAUSE_BREAK

_NEUTRAL = (
    "不断|不仅|不但|不光|不只|不单|不同|不少|不久|不论|不管|不满|不良|不足|不便|不妨|不错|没错|不外乎|"
    "不可或缺|不可缺少|必不可少|缺一不可|不容置疑|不言而喻|无论|无疑|无私|无微不至|毫无疑问|"
    "非常|非凡|无非|莫不|无不|未来|除非|是非"
)
_NEGATORS = (
    "并没有|并不是|并非|绝非|决非|而非|并未|并不|没有|不是|不一定|未必|谈不上|算不上|称不上|不再|"
    "不必|无需|无须|不用|不需要|不需|缺乏|缺少|欠缺|缺失|忽视|忽略|轻视|无视|漠视|排除|否认|"
    "不包括|不属于|不含|不涉及|切勿|不要|不能|不会|不应|不可|不得|不容|不该|毫无|无法|未能|"
    "不|无|非|没|未|勿"
)
# Contrasts end a negation's reach both ways; the other breaks only forwards.
_CONTRAST = "而是|而要|而应|而在于|反而|然而|相反|而|但是|但|却"
_STEP = "的时候|时候|以后|之后|之前|情况下|的话|因此|所以|从而|进而|然后|同时|还有|还要|也要|更要|还应|也应|都要|就|才"
# 、 joins the items of one list: 缺乏A、B、C lacks all three, and A、B都不重要 dismisses both;
# but a one-character negator binds to its own word only (无偿性、易变性).
_TOKENS = re.compile(
    rf"(?P<neutral>{_NEUTRAL})|(?P<neg>{_NEGATORS})|(?P<list>、)|(?P<contrast>{_CONTRAST}|{CLAUSE_BREAK.pattern})"
    rf"|(?P<step>{_STEP})"
)
_CLAUSE_END = r"(?=[，。；、,.;:：!！?？\n\r\t（）()]|$)"
_NEGATED_AFTER = re.compile(
    r"(?:并不|并非|不是|绝非|不太|不怎么|不那么|不|没有|没|无)(?:是|太|很|那么|十分|怎么)?"
    r"(?:重要|重点|关键|主要|必要|必需|相关|正确|成立|存在|属于|包括在内|在其中|在此列|在内|值得)"
    r"|(?:不需要|不需|不必|不用|无需|无须|没必要|没有必要|不予)(?:考虑|分析|关注|重视|了解|研究|掌握|强调)"
    rf"|(?:不需要|不必要|没必要|没有必要|不对|不正确|不成立|不存在){_CLAUSE_END}"
    r"|无关紧要|无关|没关系|没有关系|毫不相干|不相干|是错误的|是错的|是不对的|可以忽略|可忽略|可以忽视|"
    r"可以不考虑|可不考虑|无所谓|无足轻重|不值一提|不一定|未必"
)
# A negator this close after another one is its double (不能忽视, 不可忽略, 并非不重要).
_DOUBLE_GAP = 2
_DOUBLE_FILLER = frozenset("能可应该会要是得敢再也都说就人")


class Scope:
    """Negators and breaks of one folded answer, for asking whether a span is negated."""

    def __init__(self, text: str, own_spans: Iterable[tuple[int, int]] = ()):
        self.text = text
        mask = bytearray(len(text) + 1)
        for s, e in own_spans:
            mask[s:e] = b"\x01" * (e - s)
        self.neg_starts: list[int] = []
        self.neg_ends: list[int] = []
        self.brk_starts: list[int] = []  # contrasts, clause breaks and steps
        self.brk_ends: list[int] = []
        self.strong_starts: list[int] = []  # contrasts and clause breaks only
        self.strong_ends: list[int] = []
        self.list_starts: list[int] = []  # 、
        self.list_ends: list[int] = []
        self._scan(mask, 0, len(text))
        self.after_starts: list[int] = []
        for m in _NEGATED_AFTER.finditer(text):
            if not any(mask[m.start() : m.end()]) and not self._doubled(m.start()):
                self.after_starts.append(m.start())

    def _scan(self, mask: bytearray, pos: int, endpos: int) -> None:
        for m in _TOKENS.finditer(self.text, pos, endpos):
            s, e = m.span()
            if mask[s]:
                continue  # inside one of the question's own terms
            cut = mask.find(1, s, e)
            if cut >= 0:
                # 不久|一 where 久一 is a term: only the part before the term is read.
                self._scan(mask, s, cut)
                continue
            kind = m.lastgroup
            if kind == "neg":
                self.neg_starts.append(s)
                self.neg_ends.append(e)
            elif kind == "list":
                self.list_starts.append(s)
                self.list_ends.append(e)
            elif kind == "contrast" or kind == "step":
                self.brk_starts.append(s)
                self.brk_ends.append(e)
                if kind == "contrast":
                    self.strong_starts.append(s)
                    self.strong_ends.append(e)

    def _nearest_neg(self, pos: int) -> int:
        """Index of the last negator ending at or before ``pos``, or -1."""
        return bisect_right(self.neg_ends, pos) - 1

    def _broken(self, starts: list[int], ends: list[int], a: int, b: int) -> bool:
        """Whether a break lies wholly within [a, b)."""
        i = bisect_right(ends, b) - 1
        return i >= 0 and starts[i] >= a

    def _doubled(self, pos: int) -> bool:
        """Whether a negator ends right before ``pos``, only filler between (不能|忽视, 并非|不重要)."""
        i = self._nearest_neg(pos)
        if i < 0:
            return False
        end = self.neg_ends[i]
        gap = self.text[end:pos]
        return len(gap) <= _DOUBLE_GAP and all(ch in _DOUBLE_FILLER for ch in gap)

    def negated_before(self, start: int) -> bool:
        i = self._nearest_neg(start)
        if i < 0:
            return False
        n_start, n_end = self.neg_starts[i], self.neg_ends[i]
        if self._broken(self.brk_starts, self.brk_ends, n_end, start):
            return False
        if n_end - n_start == 1 and self._broken(self.list_starts, self.list_ends, n_end, start):
            return False
        return not self._doubled(n_start)

    def negated_after(self, end: int) -> bool:
        k = bisect_left(self.after_starts, end)
        if k == len(self.after_starts):
            return False
        return not self._broken(self.strong_starts, self.strong_ends, end, self.after_starts[k])

    def negated(self, start: int, end: int) -> bool:
        """Whether the text at [start, end) is negated inside its clause."""
        return self.negated_before(start) or self.negated_after(end)
