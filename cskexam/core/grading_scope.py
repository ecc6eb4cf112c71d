"""Whether a scoring point is asserted or negated where it appears in an answer.

The scope of a negation is its clause:

* A point is negated when the nearest negator before it in its clause (不是,
  没有, 缺乏, 忽视, 排除, 不一定, 无需, 并非 …) is not cut off by a contrast
  (而是, 但, 却 …) or a new step of the sentence (…的时候, 因此, 就 …).
  So 不是城市的人口 negates 人口 however many characters stand between.
* A point is negated when a negated predicate of relevance follows it in its
  clause: X不重要, 与X无关, X不是重点, X不一定重要, X可以忽略.
* 、 joins a list: 缺乏市场人口、经济环境 lacks both and 市场人口、经济环境都不重要
  dismisses both; but only a negating verb reaches over a 、: a one-character
  negator or a modal binds to its own word (无偿性、易变性 and 不可控因素、市场人口
  say nothing against the second item).
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
    "非常|非凡|无非|莫不|无不|未来|除非|是非|"
    # set phrases that assert, or only look negative
    "无时无刻不|无时不刻|毫不犹豫|不折不扣|不遗余力|坚持不懈|不懈|不厌其烦|一丝不苟|不卑不亢|义不容辞|刻不容缓|"
    "不可替代|无可替代|不可分割|密不可分|不可低估|不能低估|不容小觑|不可小觑|不能小看|不可估量|毋庸置疑|"
    "无与伦比|无可厚非|不失为|未雨绸缪|前所未有|无缝|无限|无比|无数|无处不在|无形|不一样|不停|不时|不惜"
)
_NEGATORS = (
    "并没有|并不是|并非|绝非|决非|而非|并未|并不|没有|不是|不一定|未必|谈不上|算不上|称不上|不再|"
    "不必|无需|无须|不用|不需要|不需|缺乏|缺少|欠缺|缺失|忽视|忽略|轻视|无视|漠视|排除|否认|"
    "不包括|不属于|不含|不涉及|切勿|不要|不能|不会|不应|不可|不得|不容|不该|毫无|无法|未能|"
    "去掉|去除|删去|删除|舍弃|放弃|抛开|撇开|抛弃|不提|很少|极少|"
    "不|无|非|没|未|勿"
)
# Contrasts end a negation's reach both ways; the other breaks only forwards.
_CONTRAST = "而是|而要|而应|而在于|反而|然而|相反|而|但是|但|却"
_STEP = "的时候|时候|以后|之后|之前|情况下|的话|因此|所以|从而|进而|然后|同时|还有|还要|也要|更要|还应|也应|都要|就|才"
# 、 joins the items of one list: 缺乏A、B、C lacks all three, and A、B都不重要 dismisses both.
# Only a negating verb reaches over it; a one-character negator or a modal binds to its own
# word (无偿性、易变性; 不可控因素、市场人口).
_LIST_CARRIERS = frozenset(
    "并没有|并不是|并非|绝非|决非|而非|没有|不是|不一定|未必|谈不上|算不上|称不上|无需|无须|不需要|不需|不必|不用|"
    "缺乏|缺少|欠缺|缺失|忽视|忽略|轻视|无视|漠视|排除|否认|不包括|不属于|不含|不涉及|毫无|"
    "去掉|去除|删去|删除|舍弃|放弃|抛开|撇开|抛弃|不提".split("|")
)
_TOKENS = re.compile(
    rf"(?P<neutral>{_NEUTRAL})|(?P<neg>{_NEGATORS})|(?P<list>、)|(?P<contrast>{_CONTRAST}|{CLAUSE_BREAK.pattern})"
    rf"|(?P<step>{_STEP})"
)
# The characters a token can start with: the scan jumps from one to the next instead of trying
# every alternative at every position (a 140k-character paste: 0.37 s → a few ms).
_TOKEN_FIRST = re.compile(
    "[" + re.escape("".join(sorted({w[0] for w in f"{_NEUTRAL}|{_NEGATORS}|{_CONTRAST}|{_STEP}".split("|")})))
    + r"、\d（(①-⑳，。；,.;:：!！?？\n\r\t）)【】\[\]“”\"'‘’/|]"
)
_CLAUSE_END = r"(?=[，。；、,.;:：!！?？\n\r\t（）()]|$)"
_NEGATED_AFTER = re.compile(
    r"(?:并不|并非|不是|绝非|不太|不怎么|不那么|不|没有|没|无)(?:是|太|很|那么|十分|怎么)?"
    r"(?:重要|重点|关键|主要|必要|必需|相关|正确|成立|存在|属于|包括在内|在其中|在此列|在内|值得|意义|价值|作用)"
    r"|(?:并没有|没有|并未|未|没|不)被?(?:考虑|纳入|重视|关注|提及|采用|采纳|包括|计入|列入)"
    r"|不在(?:考虑|分析|讨论)?(?:范围|之列|之内|其中)"
    rf"|可以不管|不用管|不必管|无需管|不需要管|不算在内|不算数|不算{_CLAUSE_END}|除外|有误|不谈|无意义|已经过时|已过时|过时了"
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
        self._index()

    def _scan(self, mask: bytearray, pos: int, endpos: int) -> None:
        neg_starts, neg_ends = self.neg_starts, self.neg_ends
        text = self.text
        done = pos
        for first in _TOKEN_FIRST.finditer(text, pos, endpos):
            if first.start() < done:
                continue
            m = _TOKENS.match(text, first.start(), endpos)
            if m is None:
                continue
            s, e = m.span()
            done = e
            if mask[s]:
                continue  # inside one of the question's own terms
            cut = mask.find(1, s, e)
            if cut >= 0:
                # 不久|一 where 久一 is a term: only the part before the term is read.
                self._scan(mask, s, cut)
                continue
            kind = m.lastgroup
            if kind == "neg":
                neg_starts.append(s)
                neg_ends.append(e)
            elif kind == "list":
                self.list_starts.append(s)
                self.list_ends.append(e)
            elif kind != "neutral":
                self.brk_starts.append(s)
                self.brk_ends.append(e)
                if kind == "contrast":
                    self.strong_starts.append(s)
                    self.strong_ends.append(e)

    def _nearest_neg(self, pos: int) -> int:
        """Index of the last negator ending at or before ``pos``, or -1."""
        return bisect_right(self.neg_ends, pos) - 1

    def _doubled(self, pos: int) -> bool:
        """Whether a negator ends right before ``pos``, only filler between (不能|忽视, 并非|不重要)."""
        i = self._nearest_neg(pos)
        if i < 0:
            return False
        end = self.neg_ends[i]
        gap = self.text[end:pos]
        return len(gap) <= _DOUBLE_GAP and all(ch in _DOUBLE_FILLER for ch in gap)

    def _index(self) -> None:
        """For each negator: is it doubled, and where does its reach end; for each negated predicate: where its
        reach back starts. One merge pass each, so that a lookup is one binary search."""
        text, starts, ends = self.text, self.neg_starts, self.neg_ends
        self.neg_doubled = [
            i > 0 and s - ends[i - 1] <= _DOUBLE_GAP and all(ch in _DOUBLE_FILLER for ch in text[ends[i - 1] : s])
            for i, s in enumerate(starts)
        ]
        self.neg_carries = [text[s:e] in _LIST_CARRIERS for s, e in zip(starts, ends)]
        self.neg_reach = self._next_start(self.neg_ends, self.brk_starts, self.brk_ends)
        self.neg_list_reach = self._next_start(self.neg_ends, self.list_starts, self.list_ends)
        # the last strong break wholly before each predicate: the predicate reaches back past its start
        self.after_reach: list[int] = []
        j = 0
        last_start = -1
        for a in self.after_starts:
            while j < len(self.strong_ends) and self.strong_ends[j] <= a:
                last_start = self.strong_starts[j]
                j += 1
            self.after_reach.append(last_start)

    @staticmethod
    def _next_start(ends: list[int], brk_starts: list[int], brk_ends: list[int]) -> list[int]:
        """For each position in ``ends``: the end of the first break starting at or after it (or infinity)."""
        out: list[int] = []
        j = 0
        n = len(brk_starts)
        for e in ends:
            while j < n and brk_starts[j] < e:
                j += 1
            out.append(brk_ends[j] if j < n else 1 << 62)
        return out

    def negated_before(self, start: int) -> bool:
        i = bisect_right(self.neg_ends, start) - 1
        if i < 0:
            return False
        if self.neg_reach[i] <= start:
            return False  # a contrast, a clause break or a new step lies between
        if not self.neg_carries[i] and self.neg_list_reach[i] <= start:
            return False  # 无偿性、易变性: only a negating verb reaches over the list's 、
        return not self.neg_doubled[i]

    def negated_after(self, end: int) -> bool:
        k = bisect_left(self.after_starts, end)
        return k < len(self.after_starts) and self.after_reach[k] < end

    def negated(self, start: int, end: int) -> bool:
        """Whether the text at [start, end) is negated inside its clause."""
        return self.negated_before(start) or self.negated_after(end)
