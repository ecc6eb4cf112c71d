"""Lines of an outline that open with no marker: mnemonic lines, judgements,
colon headings, lead-in sentences and the lists written after them.

A mixin of ``OutlineBuilder`` (``outline.py``), which places the drafts these
lines make; here is only how such a line is read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cskexam.core.notes.drafts import Draft, _looks_like_list
from cskexam.core.notes.enumerations import inline_items, list_tail
from cskexam.core.notes.headings import Heading, tail_mnemonic
from cskexam.core.notes.stated_counts import stated_count
from cskexam.core.notes.markers import Marker, find_markers
from cskexam.core.notes.outline_patterns import (
    _ASIDE_WORDS, _BRACKET_LIST, _COUNT_ONLY, _ENDS_WITH_YOU, _FAMILY_RANK, _HEADING_MARK, _HOOK, _JUDGEMENT,
    _JUDGEMENT_PREFIX, _JUDGEMENT_SECTION, _LEAD_IN, _LEAD_SUBJECT, _LEAD_VERB, _MNEMONIC_LINE, _NOUN_TAIL, _QUOTED,
    _QUOTED_COUNT, _REMEMBER_AS, _SENTENCE, _TRUE_MARKS, _BASIS_HEAD, _KIND_ITEM, _SUB_LIST, _SUBJECT_COUNT,
)
from cskexam.core.notes.markers import cn_to_int
from cskexam.core.notes.node_parts import _initials_of, _keys_of
from cskexam.core.notes.outline_patterns import JUDGEMENT_ENDS

_KIND_LETTERS = "ABCDEFGH"
# 与最初刺激相似、相关的刺激,也可引起痛苦。: a 、 inside a sentence (commas beside it, a full stop after).
_IN_SENTENCE = re.compile(r"、[^。]*,|,[^。]*、|。\s*$")
_NAMED_TAIL = re.compile(r"\((?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記)\s*:[^()]{1,24}\)\s*$")
# 保差自伤质隐真(保护生命、差别平等…): a hook word and its list, the whole line.
_HOOK_LINE = re.compile(r"^([\u4e00-\u9fff]{2,8})\((?!例如|比如)([^()]{4,})\)$")
_REMARK = re.compile(r"^\((?=[^()]*[,;。!?])[^()]{8,}\)$")
_LEVELS = re.compile(r"(?:共|共有|共分为)([一二三四五六七八九十两兩]|\d{1,2})(?:级|級)$")


_TRAILING_GROUP = re.compile(r"\s*(?:\([^()]{1,12}\)|【[^【】]{1,8}】|\[[^\[\]]{1,8}\]|[★☆▲]+|[Pp]\.?\s?\d{1,4})\s*$")


# 整理说明:… / 使用說明:…: a remark on the notes themselves.
_REMARK_HEADS = frozenset({"说明", "說明", "提醒", "提示", "注意"})  # 整理说明, 小编提醒, 特别注意
_GOES_THROUGH = re.compile(r"经历|經歷|经过|經過")


def _bare_name(text: str) -> str:
    """A heading's name without the brackets, tags and page marks after it."""
    text = text.strip().strip("【】")
    while True:
        bare = _TRAILING_GROUP.sub("", text)
        if bare == text:
            return text.rstrip("的 ")
        text = bare


def _level_count(head: str) -> int | None:
    """从低到高共四级 → 4 (levels are counted only after 共: 三级模式 names a thing)."""
    m = _LEVELS.search(head)
    return cn_to_int(m.group(1)) if m else None
_KIND_STEMS = "甲乙丙丁戊己庚辛"
_GROUPS = re.compile(r"[,、;]")


def _spans_siblings(word: str, parent: Draft) -> bool:
    """``資負所,收費利`` over two lists of three: one group of characters per list."""
    groups = [g for g in _GROUPS.split(word) if g.strip()]
    kids = [d for d in parent.children if d.judged is None]
    if len(groups) < 2 or len(groups) != len(kids):
        return False
    return all(len(g.strip()) == (len(kid.children) or len(inline_items(kid.segment.partition(":")[2]) or []))
               for g, kid in zip(groups, kids))


class UnmarkedLines:
    if TYPE_CHECKING:
        markdown: bool
        root: Draft
        stack: list[Draft]
        drafts: list[Draft]
        _lineno: int
        _last: int
        _line_indent: int

        def _plain(self, segment: str, style: str, lineno: int) -> Draft: ...
        def _finish_pending(self) -> None: ...
        def _leave_finished_list(self) -> None: ...
        def _start(self, m: Marker, line: str, lineno: int) -> Draft: ...
        def _marked_line(self, line: str, lineno: int, markers: list[Marker], last_end: int = 0,
                         current: Draft | None = None) -> None: ...

    # -- lines without a leading marker ---------------------------------------
    def _special_line(self, line: str, lineno: int, markers: list[Marker], tip: bool, term_run: bool) -> bool:
        if _REMARK.match(line):
            # (第一遍精读后整理,标★为必考): a remark in brackets is body text, never a heading.
            self._finish_pending()
            self.stack[-1].text_parts.append(line)
            return True
        tail = tail_mnemonic(line)
        if tail and len(tail[0]) <= 30 and not _SENTENCE.search(tail[0]) and ":" not in tail[0]:
            # 服务质量的五个维度——口诀"有可响保移": a heading with its mnemonic.
            self._plain(tail[0], "plain", lineno).mnemonic = tail[1]
            return True
        m = _MNEMONIC_LINE.match(line) or _REMEMBER_AS.match(line)
        if m and m.group(2).strip():
            bracket = _BRACKET_LIST.search(line, m.end())
            items = inline_items(bracket.group(1)) if bracket else None
            top = self.stack[-1]
            # 可记作"优劣机威"(优势、劣势…) right under a heading: that heading's mnemonic and items.
            owner = top if items and top is not self.root and not top.children else self._mnemonic_owner(tip)
            value = m.group(2).strip(" 。.;")
            quoted = _QUOTED.match(value)
            word = quoted.group(1) if quoted else value
            if (owner is not top and top is not self.root and not top.children and top.text_parts and top.judged is None
                    and 3 <= len(word) == top.text_parts[-1].count("、") + 1 and "、" not in word):
                # 巧记:德知能技健 after 甲、乙、丙、丁、戊 (long items): one character per item,
                # so the list just written is what it helps remember.
                owner = top
            if owner is top and len(self.stack) > 2 and _spans_siblings(word, self.stack[-2]):
                # 資負所,收費利 after 1.…:資產、負債、所有者權益 2.…:收入、費用、利潤: one
                # group of initials per list, so the mnemonic is the lists' parent's.
                owner = self.stack[-2]
            if owner is not None and not owner.mnemonic:
                owner.mnemonic = word
                if items and not owner.children:  # 可记作"优劣机威"(优势、劣势、机会、威胁): the bracket holds the items
                    self._add_items(owner, items, self._lineno)
                return True
        hooked = _HOOK_LINE.match(line) if line.endswith(")") else None
        if hooked and self._hook_line(hooked.group(1), hooked.group(2)):
            return True
        m = _JUDGEMENT.search(line) if line.rstrip()[-1:] in JUDGEMENT_ENDS else None
        if m and m.start() >= 4:
            self._judgement(_JUDGEMENT_PREFIX.sub("", line[: m.start()]).strip(), m.group(1) or m.group(2) or m.group(3), lineno)
            return True
        named = _NAMED_TAIL.search(line) if "(" in line else None
        if named and 2 <= named.start() <= 30 and not _SENTENCE.search(line[: named.start()]) and not any(c in line[: named.start()] for c in ":、"):
            # 各运输方式特点(巧记:铁大公灵水廉空快管专): a heading with its mnemonic in brackets.
            self._plain(line, "plain", lineno)
            return True
        head, colon, rest = line.partition(":")
        head = head.strip()
        kind = _KIND_ITEM.match(head) if colon and rest.strip() else None
        if kind:
            self._kind_item(kind.group(1), head, rest.strip(), lineno)
            return True
        if colon and 2 <= len(head) <= 40 and not _SENTENCE.search(head) and not find_markers(head[:3]):
            rest = rest.strip()
            first = next((mk for mk in markers if mk.start > len(head)), None)
            marked_rest = first is not None and not line[len(head) + 1 : first.start].strip()
            if self._grouping_line(head, rest, lineno, marked_rest):
                if marked_rest:
                    self._marked_line(line, lineno, markers, last_end=first.start)  # type: ignore[union-attr]
                return True
            if not rest or marked_rest:
                if head in _ASIDE_WORDS and not marked_rest:
                    # 比如: on a line of its own opens an example: body text.
                    owner = self.stack[-1]
                    ends = "".join(owner.text_parts).rstrip()[-1:]
                    owner.text_parts.append(("" if not ends or ends == "。" else "。") + head + ":")
                    owner.end = max(owner.end, lineno)
                    return True
                if not marked_rest and self._repeats_heading(head, self.stack[-1]):
                    # 服务质量的特性(五个): / …包括以下五个方面: right under 服务质量的特性:
                    # the heading's own lead-in, its count and items are the heading's.
                    owner = self.stack[-1]
                    owner.text_parts.append(head + ":")
                    owner.end = max(owner.end, lineno)
                    owner.stated = owner.stated or stated_count(head) or _level_count(head)
                    return True
                if self.markdown and not self._line_indent:
                    # A line flush left after a Markdown list is not inside its last item.
                    while len(self.stack) > 1 and self.stack[-1].indent is not None:
                        self.stack.pop()
                subject = self._finished_list_subject(head)
                if subject:
                    # 客户服务的基本原则主要有以下四项: after another list under the same
                    # heading, a lead-in with a subject opens a list of its own.
                    self._plain(subject, "plain", lineno).stated = stated_count(head)
                elif self._is_lead_in(head):
                    owner = self.stack[-1]
                    owner.text_parts.append(head + ":")
                    owner.end = max(owner.end, lineno)
                    count = stated_count(head.rsplit(",", 1)[-1]) or stated_count(head) or _level_count(head)
                    if count and owner.stated is None:
                        owner.stated = count
                else:
                    self._plain(head, "plain", lineno)
                if marked_rest:
                    self._marked_line(line, lineno, markers, last_end=first.start)  # type: ignore[union-attr]
                return True
            if head in _ASIDE_WORDS or head[-2:] in _REMARK_HEADS:
                return False  # 整理说明:根据…整理,页码为…: a remark on the notes, body text
            if self._lead_in_list(head, rest, lineno):
                return True
            if _HOOK.match(rest) or stated_count(head) or _looks_like_list(list_tail(rest)[0]):
                # One level with the term lines around it (both are items of the heading above).
                if not self.markdown:
                    self._leave_finished_list()
                self._plain(line, "term", lineno).listy = True
                return True
            if term_run and len(head) <= 12:
                self._plain(line, "term", lineno)
                return True
            return False
        if not colon and len(line) <= 40 and _HEADING_MARK.search(line) and not _SENTENCE.search(_HEADING_MARK.sub("", line)):
            self._plain(line, "plain", lineno)
            return True
        return False

    def _hook_line(self, word: str, inside: str) -> bool:
        """``保差自伤(保护生命、差别平等、自由自主、最少伤害)`` on a line of its own
        under a heading with no items yet (after its lead-in, say): a word to
        remember the list by, then the list. Only when each character of the
        word stands in its item: else the bracket explains the word."""
        top = self.stack[-1]
        items = inline_items(inside)
        if top is self.root or top.children or top.style in ("judge", "term") or top.mnemonic or not items:
            return False
        if not (_initials_of(word, items) or _keys_of(word, items)):
            return False
        self._finish_pending()
        top.mnemonic = word
        self._add_items(top, items, self._lineno)
        return True

    # -- classes, bases and the sub-lists of items -----------------------------
    def _fresh_top(self) -> bool:
        top = self.stack[-1]
        return top is not self.root and not top.children and not top.text_parts and top.style not in ("judge", "term")

    def _grouping_line(self, head: str, rest: str, lineno: int, marked_rest: bool) -> bool:
        """``甲类:…`` items, ``按…分:`` bases, ``其中X又包括:`` sub-lists and
        ``X共N种:`` lists of their own; False for any other colon line."""
        inline = rest if rest and not marked_rest else ""
        basis = _BASIS_HEAD.match(head)
        if basis:
            # 按用途可分为三类: a node of its own, beside the other bases of the same heading.
            self._finish_pending()
            if self.markdown and not self._line_indent:
                while len(self.stack) > 1 and self.stack[-1].indent is not None:
                    self.stack.pop()
            open_basis = next((k for k in range(len(self.stack) - 1, 0, -1) if self.stack[k].basis), None)
            top = self.stack[-1]
            fresh = top is not self.root and top.style == "plain" and not top.children and not top.text_parts
            if open_basis is not None or fresh or (top is not self.root and top.children and top.children[-1].basis):
                # 物流的分类: then 按作用分:… 按范围分:…: the bases are the heading's children,
                # each beside the one before.
                if open_basis is not None:
                    del self.stack[open_basis:]
                draft = Draft("plain", (), "", lineno, segment=head, end=self._last, whole_title=True)
                self.stack[-1].children.append(draft)
                self.stack.append(draft)
                self.drafts.append(draft)
            else:
                draft = self._plain(head, "plain", lineno)
            draft.basis = True
            draft.stated = cn_to_int(basis.group(3)) if basis.group(3) and basis.group(3) not in "几幾" else None
            self._inline_items(draft, inline, lineno)
            return True
        sub = _SUB_LIST.match(head)
        if sub:
            self._sub_list(sub.group(1) or sub.group("bare"), inline, lineno, cn_to_int(sub.group("n")) if sub.group("n") else None)
            return True
        counted = _SUBJECT_COUNT.match(head)
        if (counted and not _LEAD_IN.search(head) and not _COUNT_ONLY.match(head) and not self._fresh_top()
                # (影响客户满意的因素有四个 under 客户满意的影响因素: the heading's own list, after its text)
                and not self._repeats_heading(head, self.stack[-1])):
            # 面试的基本程序按先后共五个阶段: after the heading's own text, a list of its own.
            self._finish_pending()
            draft = self._plain(counted.group(1), "plain", lineno)
            draft.stated = cn_to_int(counted.group(2))
            self._inline_items(draft, inline, lineno)
            return True
        return False

    def _kind_item(self, letter: str, head: str, rest: str, lineno: int) -> None:
        """``甲类:自然旅游资源,包括…`` / ``A类:重要客户``: an item named by its
        class (甲类, A类), what follows the colon is its text."""
        number = (_KIND_LETTERS.find(letter) if letter in _KIND_LETTERS else _KIND_STEMS.find(letter)) + 1
        self._finish_pending()
        draft = self._start(Marker("kind", (number,), "", 0, 0), head + ":" + rest, lineno)
        draft.segment = head + ":" + rest
        self._finish_pending()

    def _inline_items(self, draft: Draft, inline: str, lineno: int) -> None:
        """The items written after the colon of ``draft``'s line; a list written
        inline is closed, so the lines after it are not its items."""
        if not inline:
            return
        items = inline_items(inline)
        if items is None:
            draft.text_parts.append(inline)
            return
        self._add_items(draft, items, lineno)
        if self.stack[-1] is draft:
            self.stack.pop()

    def _sub_list(self, name: str, inline: str, lineno: int, stated: int | None = None) -> None:
        """``其中分布误差又包括:…``: the items of the item ``name`` of the list
        above; when that item is still inside a sentence (分为A和B两类), a node
        that joins it once the sentence is split."""
        self._finish_pending()
        for k in range(len(self.stack) - 1, -1, -1):
            owner = self.stack[k]
            target = next((c for c in reversed(owner.children) if c.segment.strip().lstrip(":、 ").startswith(name)), None)
            if target is not None:
                del self.stack[k + 1 :]
                break
        else:
            owner = self.stack[-1]
            target = Draft("plain", (), "", lineno, segment=name, end=self._last, whole_title=True, merge=True)
            owner.children.append(target)
            self.drafts.append(target)
        self.stack.append(target)
        target.stated = target.stated or stated
        self._inline_items(target, inline, lineno)

    def _lead_in_list(self, head: str, rest: str, lineno: int) -> bool:
        """``招聘工作应遵循以下原则:甲;乙;丙`` or ``从低到高共七种:甲、乙…``: the
        items belong to the heading above, the sentence is its body."""
        owner = self.stack[-1]
        if owner is self.root or owner.style in ("judge", "term"):
            return False
        if not (_LEAD_IN.search(head) or _COUNT_ONLY.match(head) or self._names_heading(head, owner)
                # 地陪的主要职责有五项:甲、乙… right under 地陪的职责: the heading's own items.
                or ("主要" in head and self._repeats_heading(head.replace("主要", "", 1), owner))):
            return False
        items, remark = inline_items(rest), ""
        if items is None and "。" in rest.rstrip("。"):
            # …:战略规划、组织规划、…费用规划。其中战略规划处于核心地位: the list, then a remark.
            first, _, remark = rest.partition("。")
            items = inline_items(first)
        if items is None:
            return False
        self._finish_pending()
        owner.text_parts.append(head + ":")
        if remark.strip():
            owner.text_parts.append(remark.strip())
        owner.end = max(owner.end, lineno)
        count = stated_count(head) or _level_count(head)
        if count and owner.stated is None:
            owner.stated = count
        self._add_items(owner, items, lineno)
        return True

    def _names_heading(self, head: str, owner: Draft) -> bool:
        """``团体发展一般经历五个阶段`` right under ``团体发展阶段`` (no items yet): its
        subject and what it counts make up the heading's name."""
        m = _LEAD_SUBJECT.match(head) if not owner.children else None
        if m is None or not _GOES_THROUGH.search(head[len(m.group(1)) : m.end()]):
            # 客户关系分为五种类型 under 客户关系的类型, 知觉有四个基本特性 under 知觉的特性:
            # a list of its own; only the stages a process goes through are the heading's.
            return False
        subject = _bare_name(m.group(1)).replace("的", "")
        name = _bare_name(owner.segment.split(":", 1)[0]).replace("的", "")
        rest = name[len(subject):]
        return len(subject) >= 2 and len(rest) >= 2 and name.startswith(subject) and rest in head[m.end():]

    def _repeats_heading(self, head: str, owner: Draft) -> bool:
        """``服务质量的特性包括以下五个方面`` or ``服务质量的特性(五个)`` right under
        ``一、服务质量的特性``: a lead-in whose subject is the name of the heading
        just written (which has no items yet) introduces that heading's items."""
        if owner is self.root or owner.children or owner.style in ("judge", "term") or owner.judged is not None:
            return False
        m = _LEAD_SUBJECT.match(head)
        if m and m.end() >= len(head) - 4:
            subject = m.group(1)
        elif stated_count(head) or _level_count(head) or not _SENTENCE.search(head):
            subject = head
        else:
            return False
        subject, name = _bare_name(subject), _bare_name(owner.segment.split(":", 1)[0])
        # Only the same name: “以人为本”的学生观: under 学生观 is a list of its own.
        # The same words in another order name it too (影响客户满意的因素 under 客户满意的影响因素).
        return len(name) >= 2 and (subject == name or (len(name) >= 6 and sorted(subject) == sorted(name)))

    def _add_items(self, owner: Draft, items: list[str], lineno: int) -> None:
        for item in items:
            draft = Draft("lead_item", (), "", lineno, segment=item, end=self._last)
            owner.children.append(draft)
            self.drafts.append(draft)

    def _finished_list_subject(self, head: str) -> str | None:
        top = self.stack[-1]
        if top is self.root or not top.children or top.style in ("judge", "term"):
            return None
        if not (_LEAD_IN.search(head) or stated_count(head)):
            return None
        m = _LEAD_SUBJECT.match(head)
        if not m or m.group(1).startswith(("其", "它", "他", "该", "該", "此")):
            return None
        return m.group(1)

    def _is_lead_in(self, head: str) -> bool:
        """``投诉处理应遵循以下四项原则`` or ``其主要观点有``: a sentence that
        introduces the items of the heading above, not a heading of its own."""
        if _LEAD_IN.search(head) or _COUNT_ONLY.match(head) or _ENDS_WITH_YOU.search(head):
            return True
        if _SUBJECT_COUNT.match(head) and self._fresh_top():
            return True  # 审核的内容共六条 right under 原始凭证的审核内容: its count and items
        quoted = _QUOTED_COUNT.match(head)
        if quoted and _COUNT_ONLY.match(quoted.group(1)):
            return True
        noun = _NOUN_TAIL.search(head)
        if noun and not _LEAD_VERB.search(noun.group(1)):
            return False  # 有意义学习的条件: a noun phrase names a heading, whatever verb it holds
        top = self.stack[-1]
        fresh = top is not self.root and not top.children and not top.text_parts
        # 管理者扮演十种角色,归为三类: a sentence, not a heading.
        return fresh and bool(_LEAD_VERB.search(head) or "," in head) and top.style not in ("judge", "term", "inline_list")

    def _judgement(self, statement: str, mark: str, lineno: int) -> None:
        self._finish_pending()
        draft = Draft("judge", (), "", lineno, end=self._last)
        draft.heading = Heading(title=statement.rstrip("。.;, "), text="")
        draft.judged = mark in _TRUE_MARKS
        # A 判断 statement belongs to the heading it tests, not to the list
        # that happens to be open: it hangs under the nearest heading.
        # Never under a list's heading (一、會議紀要的特點:紀實性、…), where it would read as one more
        # item: under the chapter or section, or a heading that gathers statements (判断题).
        owner = next(
            (d for d in reversed(self.stack) if d is self.root or d.style in _FAMILY_RANK or _JUDGEMENT_SECTION.search(d.segment)),
            self.root,
        )
        owner.children.append(draft)

    def _just_opened(self, top: Draft) -> bool:
        """``top`` is a heading just written, not the last item of a list: the
        drafts of its kind before it have items or text, or it opens a chapter."""
        parent = self.stack[-2] if len(self.stack) > 1 else self.root
        before = [c for c in parent.children if c is not top and c.style == top.style]
        if before:
            return bool(before[-1].children or before[-1].text_parts)
        return parent is self.root or parent.style in _FAMILY_RANK

    def _last_item_of_sentence(self, top: Draft) -> bool:
        """``4、反应对象被泛化:与最初刺激相似、相关的刺激…`` after items 1–3: the last
        item of a list, whose 、 stands in a sentence, not in a list of its own."""
        parent = self.stack[-2] if len(self.stack) > 1 else self.root
        if sum(1 for c in parent.children if c.style == top.style) < 2:
            return False
        texts = [top.segment.split(":", 1)[-1], *top.text_parts]
        return not any(("、" in t or ";" in t) and _looks_like_list(t) and not _IN_SENTENCE.search(t) for t in texts)

    def _mnemonic_owner(self, tip: bool) -> Draft | None:
        """The heading whose items a mnemonic helps remember: the nearest open
        draft that has children (a tip block: the nearest Markdown heading),
        or the heading just written with its list inline (``X:甲、乙、丙`` or a
        body sentence naming them) when it has no children of its own."""
        top = self.stack[-1]
        if (
            not tip and top is not self.root and not top.children and top.style != "judge"
            and ("、" in top.segment or any("、" in part or ";" in part for part in top.text_parts))
            and not self._last_item_of_sentence(top)
        ):
            return top
        if not tip and self._fresh_top() and self._just_opened(top):
            return top  # 巧记:… right under its heading, before the items
        for draft in reversed(self.stack):
            if draft is self.root:
                break
            if tip and draft.style.startswith("h") and draft.style[1:].isdigit():
                return draft
            if not tip and draft.children and draft.style != "judge":
                return draft
        top = self.stack[-1]
        return None if top is self.root else top
