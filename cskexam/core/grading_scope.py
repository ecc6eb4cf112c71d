"""Whether a scoring point is asserted or negated where it appears in an answer.

The scope of a negation is its clause:

* A point is negated when the nearest negator before it in its clause (不是,
  没有, 缺乏, 忽视, 排除, 不一定, 无需, 并非, 与其, 忘记, 别, not …) is not cut off by
  a contrast (而是, 但, 却, 不如 …) or a new step of the sentence (…的时候, 因此, 就 …).
  So 不是城市的人口 negates 人口 however many characters stand between.
* A point is negated when a negated predicate of relevance follows it in its
  clause: X不重要, 与X无关, X不是重点, X谈不上重要, X有待商榷, X没用, X可以忽略.
  A predicate opening the next clause with nothing but a word pointing back
  (这一点, 它, 其实, 都 …) is about the clause before: X，这一点并不重要;
  至于X，它不属于本题; A、B，都不需要考虑.
* A list announced as negative covers the whole sentence after its colon:
  以下都不是：A、B; 不包括：A、B; 错误答案：A.
* A verdict on a claim flips it: 说X重要是错误的 and 有人认为X重要，其实不然
  negate X, 说X不重要是错误的 and 有人认为X不重要，其实很重要 assert it. So do
  negated reports and rhetorical questions: 不能说X重要, 误以为X重要, 难道X重要吗
  negate; 没有人认为X不重要, 难道X不重要吗 assert.
* 、 joins a list: 缺乏市场人口、经济环境 lacks both and 市场人口、经济环境都不重要
  dismisses both; but only a negating verb or an imperative reaches over a 、: a
  one-character negator or a modal like 不可 binds to its own word (无偿性、易变性
  and 不可控因素、市场人口 say nothing against the second item; 不要A、B forbids both).
* A bare mark of error (×, ✗, 错, （×）, 【×】) after a point negates it. Followed by a
  list's join it marks its own item only (A、B×、C credits A and C; A×和B credits B); ending
  a list it covers the items back to the last mark before it (A、B× negates both, A√、B× only B).
* A negated condition asserts: 没有X就没有Y and 缺乏X，就无法… say that X is needed.
* One level of double negation asserts: a negator right after another one
  cancels it (不能忽视X, 不可忽略X, 不得不重视X, 别忘了X, X并非不重要).
* Words that only look negative (不断, 不仅, 不同, 无论, 非常, 未来, 特别,
  不可或缺 …) are no negators, and neither is a negator inside one of the
  question's own terms (the 不 of 不可分性 in 无形性不可分性易变性).

Linear in the answer's length: one regex pass finds every negator and break,
one more every predicate after a point, one more every negative list; each
lookup is a binary search.
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
    "无与伦比|无可厚非|不失为|未雨绸缪|前所未有|无缝|无限|无比|无数|无处不在|无形|不一样|不停|不时|不惜|"
    # 别 is a negator only on its own (别忘了, 别提): these words merely hold it
    "特别|区别|分别|类别|个别|级别|差别|识别|告别|别人|别的|别处|性别|辨别|鉴别|派别|有别|别具|别致|离别|送别|"
    # English words that start like a negator
    "not only|not just|not merely|no matter|no doubt|nothing|nobody|note|notice|normal|non-stop|nonstop|notably|now|noted"
)
# Reports and rhetorical questions that a following verdict judges (误以为X重要, 难道X重要吗: X is not
# important; 难道X不重要吗: it is).
_FRAMES = "误以为|错以为|误认为|错误地认为|错误认为|错认为|谁说|谁会说|谁能说|谁认为|难道|哪里是|哪是"
_NEGATORS = (
    rf"{_FRAMES}|与其|"
    "并没有|并不是|并非|绝非|决非|而非|并未|并不|没有|不是|不一定|未必|谈不上|算不上|称不上|不再|"
    "不必|无需|无须|不用|用不着|不需要|不需|缺乏|缺少|欠缺|缺失|忽视|忽略|轻视|无视|漠视|排除|否认|"
    "不包括|不包含|不属于|不含|不涉及|切勿|不要|不能|不会|不应|不可|不得|不容|不该|毫无|无法|未能|"
    "去掉|去除|删去|删除|舍弃|放弃|抛开|撇开|抛弃|不提|别提|甭|很少|极少|忘记|忘了|遗忘|遗漏|漏掉|"
    "反对|拒绝|取消|杜绝|"
    r"(?<![a-z])(?:not|no|without|never|neither|nor|cannot|can't|don't|doesn't|isn't|aren't)(?![a-z])|"
    "不|无|非|没|未|勿|别|×|✗|✘|❌"
)
# Contrasts end a negation's reach both ways; the other breaks only forwards.
_CONTRAST = "而是|而要|而应|而在于|反而|然而|相反|而|但是|但|却"
_PIVOT = "不如"  # 与其说A，不如说B: a contrast that starts like a negator
_STEP = "的时候|时候|以后|之后|之前|情况下|的话|因此|所以|从而|进而|然后|同时|还有|还要|也要|更要|还应|也应|都要|就|才"
# 、 joins the items of one list: 缺乏A、B、C lacks all three, and A、B都不重要 dismisses both.
# Only a negating verb or an imperative reaches over it; a one-character negator or a modal
# binds to its own word (无偿性、易变性; 不可控因素、市场人口).
_LIST_CARRIERS = frozenset(
    "并没有|并不是|并非|绝非|决非|而非|没有|不是|不一定|未必|谈不上|算不上|称不上|无需|无须|不需要|不需|不必|不用|"
    "用不着|缺乏|缺少|欠缺|缺失|忽视|忽略|轻视|无视|漠视|排除|否认|不包括|不包含|不属于|不含|不涉及|毫无|"
    "去掉|去除|删去|删除|舍弃|放弃|抛开|撇开|抛弃|不提|别提|甭|忘记|忘了|遗忘|遗漏|漏掉|反对|拒绝|取消|杜绝|"
    "不要|切勿|不应|不能|不得|不该|不会|无法|未能|别|与其|without|not|no|never".split("|")
) | frozenset(_FRAMES.split("|"))
_TOKENS = re.compile(
    rf"(?P<neutral>{_NEUTRAL})|(?P<pivot>{_PIVOT})|(?P<neg>{_NEGATORS})|(?P<list>、)"
    rf"|(?P<contrast>{_CONTRAST}|{CLAUSE_BREAK.pattern})|(?P<step>{_STEP})"
)
# The characters a token can start with: the scan jumps from one to the next instead of trying
# every alternative at every position (a 140k-character paste: 0.37 s → a few ms).
_TOKEN_FIRST = re.compile(
    "[" + re.escape("".join(sorted({w[0] for w in f"{_NEUTRAL}|{_NEGATORS}|{_CONTRAST}|{_STEP}|{_PIVOT}".split("|")
                                    if w and w[0] not in "()"})))
    + r"nwc、\d（(①-⑳，。；,.;:：!！?？\n\r\t）)【】\[\]“”\"'‘’/|]"
)
# A negator followed by a verb of saying or thinking frames a claim (不能说X重要, 没有人认为X不重要).
_REPORT = re.compile(r"[人会能可要应再也都就该]{0,2}(?:说|认为|以为|觉得|讲)")

_CLAUSE_END = r"(?=[，。；、,.;:：!！?？\n\r\t（）()]|$)"
# 错 after these is a word (不错, 没错, 出错, 纠错 …), not a mark of error.
_NOT_A_MARK = "不没无对有出犯认纠差过交改知莫"
_EN_BE = r"(?:(?:is|are|was|were|be)\s?)?"
# Predicates after a point that deny its relevance (X不重要, X谈不上重要).
_RELEVANCE = (
    r"(?:并不|并非|不是|绝非|不太|不怎么|不那么|不|没有|没|无|谈不上|算不上|称不上)"
    r"(?:是|太|很|那么|十分|怎么|什么|多么)?"
    r"(?:重要|重点|关键|主要|必要|必需|相关|正确|成立|存在|属于|包括在内|在其中|在此列|在内|值得|意义|价值|作用|用处)"
    r"|(?:并没有|没有|并未|未|没|不)被?(?:考虑|纳入|重视|关注|提及|采用|采纳|计入|列入)|(?:并没有|没有|并未|未|没|不)被包括"
    r"|不在(?:考虑|分析|讨论|本题|答案|采分点|要点)?(?:范围|之列|之内|其中)"
r"|(?:不是|并非|不属于|不算|不算是)(?:本题|这道题|该题|此题)?(?:的)?(?:正确答案|答案|采分点|要点|考点)|(?:是)?次要"
    rf"|可以不管|不用管|不必管|无需管|不需要管|不算在内|不算数|不算{_CLAUSE_END}|除外|不谈|无意义|已经过时|已过时|过时了"
    r"|(?:不需要|不需|不必|不用|无需|无须|没必要|没有必要|不予|用不着|不值得)(?:考虑|分析|关注|重视|了解|研究|掌握|强调)"
    rf"|(?:不需要|不必要|没必要|没有必要|不存在|用不着|不值得|也不是|都不是|均不是){_CLAUSE_END}"
    r"|无关紧要|无关|没关系|没有关系|毫不相干|不相干|可以忽略|可忽略|可以忽视|"
    r"可以不考虑|可不考虑|无所谓|无足轻重|不值一提|不一定|未必|谈不上|算不上|称不上|"
    r"有待商榷|值得商榷|尚待商榷|存疑|值得怀疑|有待考证|有争议|存在争议|说不准|不好说|"
    r"没什么用|没有用|没用|无用|毫无用处|可有可无|无关痛痒|(?<![不非没无是属粹全都])(?:是|纯属|纯粹是|完全是|都是)?多余(?:的)?|一概不论|(?<![不无])不论"
    rf"|(?:[×✗✘❌]|(?<![{_NOT_A_MARK}])错)(?:{_CLAUSE_END}|(?=[和及与]))"
    rf"|{_EN_BE}(?:not|n't|never)\s?(?:very\s?|so\s?|that\s?|really\s?)?"
    r"(?:important|relevant|necessary|needed|required|essential|key|useful|included|considered|a\s?point)"
    rf"|{_EN_BE}(?:unimportant|irrelevant|unnecessary|useless)"
)
# Verdicts on a claim: they flip what the claim said (说X重要是错误的, 说X不重要是错误的).
_VERDICT = (
    r"是错误的|是错的|是不对的|是不正确的|是假的|是虚假的|是误区|是个误区|是一个误区|是一种误解|是误解|是片面的|站不住脚|大错特错|"
    rf"有误|错了|不对{_CLAUSE_END}|不正确{_CLAUSE_END}|不成立{_CLAUSE_END}|"
    rf"(?:其实|实际上|事实上|并|当然)?(?:不是|并非)(?:这样|如此)?{_CLAUSE_END}|其实不然|不然{_CLAUSE_END}|"
    rf"(?<=[(（【\[])(?:错误|错|×|✗|✘|❌)(?=[)）】\]])|(?<=[:：])(?:否|×|✗|✘|错|错误|不对|不是|no){_CLAUSE_END}|{_EN_BE}(?:wrong|false|incorrect)"
)
# A clause that only says the point before matters again (有人认为X不重要，其实很重要).
_REASSERT = r"(?:其实|实际上|事实上|恰恰|反而|当然|它|这一点|这)?(?:是)?(?:很|非常|十分|特别|相当|极其|至关)(?:重要|关键|必要)"
_AFTER = re.compile(rf"(?P<rel>{_RELEVANCE})|(?P<verdict>{_VERDICT})|(?P<pos>{_REASSERT})")
# What may open a clause whose predicate is about the clause before (X，这一点并不重要).
_BACK_LEAD = re.compile(
    r"(?:其实|实际上|事实上|但是|但|不过|可是|然而|而|这一点|这点|这一项|这项|这些|这个|这种|这样|这|那个|那种|那|"
    r"看法|说法|观点|想法|认识|观念|理解|"
    r"它们|它|此项|此点|此|其|该项|该点|则|就|倒|也|都|均|全|并|根本|完全|当然|显然|恐怕|可能|似乎|"
    r"反而|恰恰|对本题来说|在这里|这里|本题中|本题|以上|上述|前面|上面|前述)*"
)
# Single punctuation a predicate reaches back over (not the candidate's numbering).
_BACK_OVER = frozenset("，,；;：:。.!！?？\n（(【[")
# Without a word pointing back (这, 它, 其 …), only a predicate that ends its clause is about the clause before:
# X，不需要考虑 and X，都不在本题范围之内, but not 易变性，不一定每次都一样.
_POINTER = re.compile(r"[这那它此其该]")
_BACK_TAIL = 4
# A list announced as negative, up to its colon: 以下都不是：A、B; 下列不属于服务特性的是：A.
_NEG_INTRO = re.compile(
    r"(?:都|均|皆|全|全部)?(?:不是|不属于|不包括|不包含|不含|不涉及|不需要|无需|无须|不必|无关|排除|不正确|不对|"
    r"错误|不重要|不相关|无关紧要|不在此列)[^，。；、,.;:!！?？\n（）()]{0,8}[:：]"
)
_SENTENCE_END = re.compile(r"[。；;!！?？\n]")
# A negator this close after another one is its double (不能忽视, 不可忽略, 并非不重要).
_DOUBLE_GAP = 2
_DOUBLE_FILLER = frozenset("能可应该会要是得敢再也都说就人")
_FAR = 1 << 62
# Negators that state a condition before 就/才 and a negated result (没有X就没有Y).
_CONDITION = frozenset("没有|没|缺乏|缺少|失去|离开|忽视|忽略".split("|"))
# Predicates after a point read for it: its own claim, a verdict on it, a next clause saying it matters.
_AFTER_LOOK = 3
# Contrast words a predicate looks back over to find the clause it is about (但其实不是).
_BACK_STEPS = 3
# Bare marks of error, and what joins the items of a list: how far a mark reaches (see the docstring).
_MARKS = frozenset("×|✗|✘|❌|错|错误".split("|"))
_JOINS = re.compile("[、和及与]")
_ANY_MARK = re.compile(f"[×✗✘❌√✓✔]|(?<![{_NOT_A_MARK}])错")
_MARK_CLOSE = ")）】]"


class Scope:
    """Negators, breaks and predicates of one folded answer, for asking whether a span is negated."""

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
        # predicates after a point: where each starts, its kind, and where its reach back starts
        self.after_starts: list[int] = []
        self.after_kinds: list[str] = []
        self.after_ends: list[int] = []
        pos = 0
        while (m := _AFTER.search(text, pos)) is not None:
            s, e = m.span()
            inside = mask.find(1, s, e)
            if inside >= 0:
                # 一并|不重要 where 一并 is a term: read on from the end of the term
                after = mask.find(0, inside, len(text) + 1)
                pos = max(after, s + 1) if after >= 0 else len(text) + 1
                continue
            pos = e
            if not self._doubled(s):
                self.after_starts.append(s)
                self.after_kinds.append(m.lastgroup or "rel")
                self.after_ends.append(e)
        # where the items of a list are joined, for a mark that belongs to one item
        self.join_starts = [m.start() for m in _JOINS.finditer(text) if not mask[m.start()]]
        self.mark_starts = [m.start() for m in _ANY_MARK.finditer(text) if not mask[m.start()]]
        self._index()
        self._intro(mask)

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
                if kind in ("contrast", "pivot"):
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
        """For each negator: is it doubled, does it frame a claim, where does its reach end; for each predicate
        after a point: where its reach back starts. One merge pass each, so that a lookup is one binary search."""
        text, starts, ends = self.text, self.neg_starts, self.neg_ends
        self.neg_doubled = [
            i > 0 and s - ends[i - 1] <= _DOUBLE_GAP and all(ch in _DOUBLE_FILLER for ch in text[ends[i - 1] : s])
            for i, s in enumerate(starts)
        ]
        frames = frozenset(_FRAMES.split("|"))
        self.neg_frames = [text[s:e] in frames or _REPORT.match(text, e) is not None for s, e in zip(starts, ends)]
        self.neg_conditions = [self._condition(i) for i in range(len(starts))]
        self.neg_carries = [text[s:e] in _LIST_CARRIERS or f for s, e, f in zip(starts, ends, self.neg_frames)]
        # A×和B: the mark closes the item before it and says nothing of B
        self.neg_item_marks = [self._item_mark(s, e) for s, e in zip(starts, ends)]
        self.neg_reach = self._next_start(self.neg_ends, self.brk_starts, self.brk_ends)
        self.neg_list_reach = self._next_start(self.neg_ends, self.list_starts, self.list_ends)
        # the last strong break wholly before each predicate: the predicate reaches back past its start,
        # or past the start of the break before when its own clause holds only a word pointing back
        self.after_reach: list[int] = []
        self.after_back: list[bool] = []
        sstarts, sends = self.strong_starts, self.strong_ends
        j = 0
        for n, a in enumerate(self.after_starts):
            while j < len(sends) and sends[j] <= a:
                j += 1
            k, pos = j - 1, a
            reach = sstarts[k] if k >= 0 else -1
            back = False
            steps = 0
            while k >= 0 and steps < _BACK_STEPS and _BACK_LEAD.fullmatch(text, sends[k], pos):
                steps += 1
                brk = text[sstarts[k] : sends[k]]
                if len(brk) == 1 and brk in _BACK_OVER:
                    if self._about_before(n, sends[k], a):
                        reach, back = (sstarts[k - 1] if k > 0 else -1), True
                    break
                if brk.isdigit() or not brk or brk[0].isdigit() or "①" <= brk[0] <= "⑳":
                    break  # the candidate's numbering starts a new item
                k, pos = k - 1, sstarts[k]  # a contrast word (但其实不是): look at what stands before it
            if self.text[a : self.after_ends[n]] in _MARKS:
                m_at = bisect_left(self.mark_starts, a) - 1
                if m_at >= 0:
                    reach = max(reach, self.mark_starts[m_at])
                if self._item_mark(a, self.after_ends[n]):
                    j_at = bisect_left(self.join_starts, a) - 1
                    if j_at >= 0:
                        reach = max(reach, self.join_starts[j_at])
            self.after_reach.append(reach)
            self.after_back.append(back)

    def _item_mark(self, start: int, end: int) -> bool:
        """Whether [start, end) is a bare mark of error followed by a list's join: it marks one item."""
        if self.text[start:end] not in _MARKS:
            return False
        while end < len(self.text) and self.text[end] in _MARK_CLOSE:
            end += 1
        return _JOINS.match(self.text, end) is not None

    def _about_before(self, n: int, lead_start: int, start: int) -> bool:
        """Whether predicate ``n``, opening its clause after [lead_start, start), speaks of the clause before."""
        if self.after_kinds[n] != "rel" or _POINTER.search(self.text, lead_start, start):
            return True
        end = self.after_ends[n]
        k = bisect_left(self.strong_starts, end)
        tail_end = self.strong_starts[k] if k < len(self.strong_starts) else len(self.text)
        return tail_end - end <= _BACK_TAIL

    def _condition(self, i: int) -> bool:
        """Whether negator ``i`` states a condition: 没有X就没有Y, 缺乏X就无法… say that X is needed."""
        text = self.text
        if text[self.neg_starts[i] : self.neg_ends[i]] not in _CONDITION:
            return False
        brk = bisect_left(self.brk_starts, self.neg_ends[i])
        starts, ends = self.brk_starts, self.brk_ends
        if brk + 1 < len(starts) and text[starts[brk] : ends[brk]] in (",", "，") and starts[brk + 1] == ends[brk]:
            brk += 1  # 没有X，就没有Y
        if brk >= len(starts) or text[starts[brk] : ends[brk]] not in ("就", "才"):
            return False
        after = self.brk_ends[brk]
        j = bisect_left(self.neg_starts, after)
        return j < len(self.neg_starts) and self.neg_starts[j] - after <= 1

    def _intro(self, mask: bytearray) -> None:
        """Sentences after a negative list's colon (以下都不是：A、B): every point there is negated."""
        self.intro_starts: list[int] = []
        self.intro_ends: list[int] = []
        ends: list[int] | None = None
        for m in _NEG_INTRO.finditer(self.text):
            if any(mask[m.start() : m.end()]) or self._doubled(m.start()):
                continue
            if ends is None:  # one pass for all the lists: a search from each colon would be quadratic
                ends = [e.start() for e in _SENTENCE_END.finditer(self.text)] + [len(self.text)]
            self.intro_starts.append(m.end())
            self.intro_ends.append(ends[bisect_left(ends, m.end())])

    @staticmethod
    def _next_start(ends: list[int], brk_starts: list[int], brk_ends: list[int]) -> list[int]:
        """For each position in ``ends``: the end of the first break starting at or after it (or infinity)."""
        out: list[int] = []
        j = 0
        n = len(brk_starts)
        for e in ends:
            while j < n and brk_starts[j] < e:
                j += 1
            out.append(brk_ends[j] if j < n else _FAR)
        return out

    def _before(self, start: int) -> int:
        """0: no negator reaches ``start``; 1: a negator does; 2: a negated report frames it (不能说, 误以为);
        3: it is a negated condition (没有X就没有Y)."""
        i = bisect_right(self.neg_ends, start) - 1
        if i < 0:
            return 0
        if self.neg_reach[i] <= start:
            return 0  # a contrast, a clause break or a new step lies between
        if not self.neg_carries[i] and self.neg_list_reach[i] <= start:
            return 0  # 无偿性、易变性: only a negating verb reaches over the list's 、
        if self.neg_doubled[i] or self.neg_item_marks[i]:
            return 0
        if self.neg_conditions[i]:
            return 3
        return 2 if self.neg_frames[i] else 1

    def _after(self, end: int) -> tuple[bool, bool, bool]:
        """(a predicate denies relevance, a verdict calls the claim false, a next clause says it matters again)
        for the text ending at ``end``, from the first few predicates that reach back to it."""
        starts, kinds, reach, back = self.after_starts, self.after_kinds, self.after_reach, self.after_back
        denied = verdict = False
        k = bisect_left(starts, end)
        for k in range(k, min(k + _AFTER_LOOK, len(starts))):
            if reach[k] >= end:
                break
            kind = kinds[k]
            if kind == "pos":
                if back[k]:
                    return False, False, True
            elif kind == "verdict":
                verdict = True
                break
            elif denied:
                break  # X不重要，也不需要考虑: one denial is enough
            else:
                denied = True
        return denied, verdict, False

    def _in_intro(self, start: int) -> bool:
        k = bisect_right(self.intro_starts, start) - 1
        return k >= 0 and start < self.intro_ends[k]

    def negated(self, start: int, end: int) -> bool:
        """Whether the text at [start, end) is negated inside its clause."""
        if self._in_intro(start):
            return True
        before = self._before(start)
        if before == 3:
            return False  # what follows 就 is the result of lacking X, not a word on X
        denied, verdict, reasserted = self._after(end)
        if reasserted:
            return False
        claim_negated = before == 1 or denied
        return claim_negated != ((before == 2) != verdict)
