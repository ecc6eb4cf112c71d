"""Lines of one document → a tree of draft nodes.

Levels come from the order in which marker styles first appear in the
document (a stack of open styles), not from a fixed table; only the
部分 › 章 › 节 family and Markdown headings have a fixed order among themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cskexam.core.notes.enumerations import inline_items, list_tail
from cskexam.core.notes.headings import Heading, clean_title_only, split_heading, stated_count, tail_mnemonic, whole_heading
from cskexam.core.notes.markers import Marker, find_markers, markdown_heading

_BOUNDARY = set(":;。?!)]》”\" ")
_PUNCT = set("。;,:!?")
_FAMILY_RANK = (
    {"part": 0, "chapter": 1, "topic": 1, "section": 2}
    | {f"h{i}": i - 1 for i in range(1, 7)}
    | {"dec1": 10}
)
# Deeper than any real outline; keeps hostile input from nesting without end.
_MAX_DEPTH = 24
_INDENTED_STYLES = {"bullet", "num_dot", "num_paren"}
_MNEMONIC_WORD = r"(?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記|记法|記法)"
_MNEMONIC_LINE = re.compile(
    rf"^(?:(?:小贴士|小提示|温馨提示|提示|tips?)\s*:?\s*)?([【\[]{_MNEMONIC_WORD}{{1,2}}[】\]]\s*:?|{_MNEMONIC_WORD}{{1,2}}\s*:?(?=[\"“「])|{_MNEMONIC_WORD}{{1,2}}\s*:)\s*(.+)$",
    re.I,
)
_BRACKET_LIST = re.compile(r"\(([^()]{4,})\)")
_QUOTED = re.compile(r"^[\"“「『]([^\"”」』]{2,16})[\"”」』]")
# 可记作"优劣机威"(优势、劣势、机会、威胁)
_REMEMBER_AS = re.compile(r"^(可?(?:记作|记为|简记为|简记作|概括为))\s*[\"“「]?([\u4e00-\u9fff]{2,12})[\"”」]?")
_ASIDE_WORDS = {"注意", "注", "提示", "备注", "说明", "例如", "例", "比如", "举例", "答", "解析", "小结", "总结"}
_TRUE_MARKS = ("√", "✓", "✔", "对", "對", "正确", "正確")
_JUDGEMENT = re.compile(r"\(\s*(×|x|X|✗|✘|√|✓|✔|错|錯|对|對|正确|错误|正確|錯誤)\s*\)\s*$|(?:(?<=[\s。.])|(?<=[\u4e00-\u9fff]))(✗|✘|×|√|✓|✔)\s*$|(?<=[。.!])\s*(错|錯|对|對)\s*$")
_JUDGEMENT_PREFIX = re.compile(r"^(?:判断|判斷|辨析|易错|易錯)\s*:")
_OWN_LEVEL = {"plain", "term", "judge", "lead_item", "inline", "doc"}
_JUDGEMENT_SECTION = re.compile(r"判断|判斷|辨析|是非|对错|對錯")
# 绩效改进的方法有 / 影响自我效能感的因素有: a sentence that says what follows.
_ENDS_WITH_YOU = re.compile(r"(?<=[\u4e00-\u9fff]{2})的[\u4e00-\u9fff]{1,4}(?:主要)?有$")
_NOUN_TAIL = re.compile(r"的([\u4e00-\u9fff]{1,4})$")
_LEAD_VERB = re.compile(r"分为|分成|包括|包含|有|应|需|要|可|是|遵循|具备|经历|經歷|如下|以下|主要")
# 常说的“三大策略” / 所谓“四个坚持”: a quoted count phrase after a qualifier.
_QUOTED_COUNT = re.compile(r"^[\u4e00-\u9fff]{0,5}的?[\"“「『]([^\"“”「」『』]{2,10})[\"”」』]$")
# 客户服务的基本原则主要有以下四项: the subject a lead-in sentence is about.
_LEAD_SUBJECT = re.compile(
    r"^(.{2,16}?)(?:一般|通常|主要|大致)?(?:可以|可|应当|应|需要|需)?"
    r"(?:包括|包含|分为|分成|经历|經歷|遵循|具备|具有|有)(?:以下|如下|下列)?[一二三四五六七八九十两\d]{0,2}"
)
_SENTENCE = re.compile(r"[。!?]|[,;].{6,}")
_LEAD_IN = re.compile(r"^(其|它|他们|主要观点|主要内容)|以下|如下|下列|應遵循|应遵循|需具备|应具备|主要有|包括以下|有以下|分别是|分別是|依次是|依次为|依次為")
_HEADING_MARK = re.compile(
    r"\((?:识记|識記|掌握|了解|理解|熟悉|应用|應用|重点|重點|难点|難點|简答|簡答|论述|論述|必考|常考|高频|高頻)\)"
    r"|【[^】]{1,6}】|\[(?:重点|重點|难点|必考|常考|高频)\]|[★☆▲]|\(\s*(?:第\s*\d+\s*页|[Pp]\.?\s*\d+)\s*\)|\s[Pp]\.?\s?\d{1,4}$"
)
_HOOK = re.compile(r"^[\u4e00-\u9fff]{2,6}\([^()]{4,}\)$")
# 从低到高共七种 / 按先后顺序共六步: a lead-in that only states how many items follow.
_COUNT_ONLY = re.compile(
    r"^(?:(?:(?:从|由).{1,6}(?:到|至).{1,6}|按.{1,8}|依次|一般|通常|大致|具体)?,?(?:共|共有)|(?:主要|具体)?(?:可分为|分为|分成|包括|有))?"
    r"[一二三四五六七八九十两\d]{1,2}"
    r"(?:大?(?:个|種|种|项|項|类|類|点|點|条|條|步|方面|部分|阶段|階段|层次|層次|环节|要素)|大(?=[\u4e00-\u9fff]))"
    r"(?:[\u4e00-\u9fff]{1,3})?$"
)


# A short title written before the items of a one-line outline (no colon).
_ONE_LINE_STYLES = {"pcn", "pnum", "circled", "num_dun", "num_dot", "num_paren", "cn", "roman"}
_OUTLINE_TITLE = re.compile(r"^[^\s。,;:!?、()\[\]“”\"→]{3,20}$(?<![的了和与及有为是])")


def _heading_like(draft: "Draft") -> bool:
    """An open item that reads as a heading (``4、人员构成``), under which a list
    numbered from 1 again is a list of its own; after an item that is a
    sentence, 1 starts a new list beside it."""
    segment = draft.segment.strip().rstrip(":")  # 按重要性: is a heading over its items
    return not draft.text_parts and 0 < len(segment) <= 20 and not re.search(r"[:,;。!?]", segment)


def _looks_like_list(rest: str) -> bool:
    parts = [p.strip() for p in re.split(r"[、,;]", rest.rstrip("。.;"))]
    return len(parts) >= 3 and all(1 <= len(p) <= 12 and not re.search(r"[。:]", p) for p in parts)


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
    def __init__(self, title: str, line: int, markdown: bool = False):
        self.markdown = markdown
        self.by_indent = False  # an indented outline: every line is an item nested by its indentation
        self.root = Draft("doc", (), "", line)
        self.root.heading = Heading(title=title, text="")
        self.stack: list[Draft] = [self.root]
        self.subject = title
        self.drafts: list[Draft] = []  # every draft with a segment, in order
        self._pending: Draft | None = None
        self._lineno = line
        self._last = line
        self._indent = 0
        self._line_indent = 0
        self._next_rest = ""  # the text after the marker of the draft being placed
        self._next_lead: Marker | None = None  # the marker that opens the next line

    # -- acceptance ----------------------------------------------------
    def _open(self, style: str) -> Draft | None:
        for draft in reversed(self.stack):
            if draft.style == style:
                return draft
        return None

    def _continued(self, draft: Draft) -> Draft | None:
        """The open draft of the same style whose numbering ``draft`` continues.
        When an inner and an outer list both continue (``2、按重复程度:`` over
        ``1、… 2、…``, then ``3、按环境可控程度:``), a colon heading continues the
        colon headings."""
        found = [
            d for d in reversed(self.stack)
            if d.style == draft.style and d.number and draft.number and _next_number(d.number, draft.style) == draft.number
        ]
        if len(found) > 1 and ":" in self._next_rest.strip()[:16]:
            headed = [d for d in found if ":" in d.segment.strip()[:16]]
            if headed:
                return headed[0]
        return found[0] if found else None

    def _enclosing_number(self) -> int | None:
        for draft in reversed(self.stack):
            if draft.style in ("num_dun", "num_dot", "num_paren", "pnum") and draft.number:
                return draft.number[0]
        return None

    def _accept(self, m: Marker, line: str, since_start: int) -> bool:
        prev = line[m.start - 1] if m.start > 0 else ""
        at_start = m.start <= self._indent
        if m.style in ("part", "chapter", "section", "circled") or m.style.startswith(("dec", "bullet")):
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
        if m.start - since_start > 40:
            return False
        head = line[since_start : m.start].strip()
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
        elif same := [d for d in self.stack if d.style == draft.style]:
            target = self._continued(draft) if draft.number else None
            if target is None and draft.number == (1,) and len(same) < 3 and _heading_like(same[-1]):
                # 1、 2、 written under 4、: a list of its own inside the open item.
                pass
            else:
                target = target or same[-1]
                while self.stack[-1] is not target:
                    self.stack.pop()
                self.stack.pop()
        del self.stack[_MAX_DEPTH:]
        self.stack[-1].children.append(draft)
        self.stack.append(draft)

    def _finish_pending(self) -> None:
        # The heading is split later (``split_headings``), once the clean
        # titles of every file are known; nothing here depends on it.
        draft = self._pending
        if draft is not None:
            m = _JUDGEMENT.search(draft.segment)
            if m and m.start() >= 4 and draft.style != "judge":
                # ``(1)爱岗敬业是师德的灵魂。✗``: a numbered statement marked true or false.
                draft.judged = (m.group(1) or m.group(2) or m.group(3)) in _TRUE_MARKS
                draft.segment = _JUDGEMENT_PREFIX.sub("", draft.segment[: m.start()]).strip().rstrip("。.")
                draft.whole_title = True
            self.drafts.append(draft)
            self._pending = None

    # -- input -----------------------------------------------------------
    def add_line(
        self,
        line: str,
        lineno: int,
        markers: list[Marker] | None = None,
        indent: int = 0,
        literal: bool = False,
        tip: bool = False,
        term_run: bool = False,
        last: int | None = None,
        heading_like: bool = False,
        next_lead: Marker | None = None,
        bold: bool = False,
    ) -> None:
        """One line of the document. ``term_run``: the line is one of several
        ``term:explanation`` lines in a row (each becomes an item)."""
        if not line:
            return
        self._lineno = lineno
        self._last = last or lineno  # hard wraps joined: the line ends there
        self._indent = 0
        self._line_indent = indent
        self._next_lead = next_lead
        if literal:
            self._append_text(line)
            return
        heading = markdown_heading(line)
        if heading:
            draft = self._start(heading, line, lineno)
            draft.whole_title = True
            rest = line[heading.end :]
            inner = find_markers(rest[:12])
            if inner and inner[0].start == 0 and not inner[0].style.startswith(("bullet", "letter")):
                draft.marker = _clean_marker(inner[0].raw)
                rest = rest[inner[0].end :]
            draft.segment = rest
            self._finish_pending()
            return
        markers = find_markers(line) if markers is None else markers
        if bold and self.markdown and self._bold_heading(line, lineno, markers):
            return
        if self.by_indent:
            lead = markers[0] if markers and markers[0].start == 0 else Marker("bullet", (), "", 0, 0)
            self._indented_item(lead, line, lineno, indent, [])
            return
        if self.markdown and markers and markers[0].start == 0 and markers[0].style in _INDENTED_STYLES:
            self._indented_item(markers[0], line, lineno, indent, markers)
            return
        starts_with_marker = bool(markers) and markers[0].start == 0 and self._accept(markers[0], line, 0)
        if heading_like and not self.markdown:
            self._plain(line, "plain", lineno)
            return
        if not starts_with_marker and self._special_line(line, lineno, markers, tip, term_run):
            return
        self._marked_line(line, lineno, markers)

    def _marked_line(self, line: str, lineno: int, markers: list[Marker], last_end: int = 0,
                     current: Draft | None = None) -> None:
        for m in markers:
            if m.start < last_end:
                continue
            if not self._accept(m, line, last_end):
                continue
            before = line[last_end : m.start]
            if (
                current is None and last_end == 0 and m.number == (1,) and m.style in _ONE_LINE_STYLES
                and len(markers) >= 2 and _OUTLINE_TITLE.match(before.strip())
            ):
                # 公文的行文规则 ㈠按隶属关系行文 ㈡…: a one-line outline under its
                # title, beside the one-line outline above it, not inside its last item.
                while len(self.stack) > 2 and (
                    self.stack[-1].style == m.style or any(c.style == m.style for c in self.stack[-1].children)
                ):
                    self.stack.pop()
                self._plain(before.strip(), "plain", lineno)
                before = ""
            if current is None:
                self._append_text(before)
            else:
                current.segment += before
                self._finish_pending()
            current = self._start(m, line, lineno)
            last_end = m.end
        tail = line[last_end:]
        if current is None:
            self._append_text(tail, whole=last_end == 0)
        else:
            current.segment += tail
            self._finish_pending()

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

    # -- lines without a leading marker ---------------------------------------
    def _special_line(self, line: str, lineno: int, markers: list[Marker], tip: bool, term_run: bool) -> bool:
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
            if owner is not None and not owner.mnemonic:
                value = m.group(2).strip(" 。.;")
                quoted = _QUOTED.match(value)
                owner.mnemonic = quoted.group(1) if quoted else value
                if items and not owner.children:  # 可记作"优劣机威"(优势、劣势、机会、威胁): the bracket holds the items
                    self._add_items(owner, items, self._lineno)
                return True
        m = _JUDGEMENT.search(line)
        if m and m.start() >= 4:
            self._judgement(_JUDGEMENT_PREFIX.sub("", line[: m.start()]).strip(), m.group(1) or m.group(2) or m.group(3), lineno)
            return True
        head, colon, rest = line.partition(":")
        head = head.strip()
        if colon and 2 <= len(head) <= 40 and not _SENTENCE.search(head) and not find_markers(head[:3]):
            rest = rest.strip()
            first = next((mk for mk in markers if mk.start > len(head)), None)
            marked_rest = first is not None and not line[len(head) + 1 : first.start].strip()
            if not rest or marked_rest:
                if head in _ASIDE_WORDS and not marked_rest:
                    # 比如: on a line of its own opens an example: body text.
                    owner = self.stack[-1]
                    ends = "".join(owner.text_parts).rstrip()[-1:]
                    owner.text_parts.append(("" if not ends or ends == "。" else "。") + head + ":")
                    owner.end = max(owner.end, lineno)
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
                    count = stated_count(head.rsplit(",", 1)[-1]) or stated_count(head)
                    if count and owner.stated is None:
                        owner.stated = count
                else:
                    self._plain(head, "plain", lineno)
                if marked_rest:
                    self._marked_line(line, lineno, markers, last_end=first.start)  # type: ignore[union-attr]
                return True
            if head in _ASIDE_WORDS:
                return False
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

    def _lead_in_list(self, head: str, rest: str, lineno: int) -> bool:
        """``招聘工作应遵循以下原则:甲;乙;丙`` or ``从低到高共七种:甲、乙…``: the
        items belong to the heading above, the sentence is its body."""
        owner = self.stack[-1]
        if owner is self.root or owner.style in ("judge", "term"):
            return False
        if not (_LEAD_IN.search(head) or _COUNT_ONLY.match(head)):
            return False
        items = inline_items(rest)
        if items is None:
            return False
        self._finish_pending()
        owner.text_parts.append(head + ":")
        owner.end = max(owner.end, lineno)
        count = stated_count(head)
        if count and owner.stated is None:
            owner.stated = count
        self._add_items(owner, items, lineno)
        return True

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
        if not m or m.group(1).startswith(("其", "它", "他")):
            return None
        return m.group(1)

    def _is_lead_in(self, head: str) -> bool:
        """``投诉处理应遵循以下四项原则`` or ``其主要观点有``: a sentence that
        introduces the items of the heading above, not a heading of its own."""
        if _LEAD_IN.search(head) or _COUNT_ONLY.match(head) or _ENDS_WITH_YOU.search(head):
            return True
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

    def _plain(self, segment: str, style: str, lineno: int) -> Draft:
        if self.markdown:
            # 决策的影响因素: written flush left after a list: beside the list, not in its last item.
            while len(self.stack) > 1 and self.stack[-1].indent is not None and self.stack[-1].indent >= self._line_indent:
                self.stack.pop()
        elif style == "plain":
            self._leave_list()
        draft = self._start(Marker(style, (), "", 0, 0), segment, lineno)
        draft.segment = segment
        # A heading on a line of its own (服务质量差距模型有五个差距, 组织理论的发展:) is its whole title.
        draft.whole_title = style == "plain"
        self._finish_pending()
        return draft

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
                nxt is not None and not top.children and top.style == nxt.style and top.number
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
        if len(items) < 2 or not all(not d.children and _heading_like(d) for d in items):
            return
        self.stack.pop()
        if parent.style == "plain" and len(self.stack) > 2 and all(not d.children for d in parent.children):
            self.stack.pop()

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

    def _mnemonic_owner(self, tip: bool) -> Draft | None:
        """The heading whose items a mnemonic helps remember: the nearest open
        draft that has children (a tip block: the nearest Markdown heading),
        or the heading just written with its list inline (``X:甲、乙、丙`` or a
        body sentence naming them) when it has no children of its own."""
        top = self.stack[-1]
        if (
            not tip and top is not self.root and not top.children and top.style != "judge"
            and ("、" in top.segment or any("、" in part for part in top.text_parts))
        ):
            return top
        for draft in reversed(self.stack):
            if draft is self.root:
                break
            if tip and draft.style.startswith("h") and draft.style[1:].isdigit():
                return draft
            if not tip and draft.children and draft.style != "judge":
                return draft
        top = self.stack[-1]
        return None if top is self.root else top

    def _indented_item(self, m: Marker, line: str, lineno: int, indent: int, markers: list[Marker]) -> None:
        """A Markdown list item: its parent is the nearest item indented less,
        or the heading above the list."""
        self._finish_pending()
        while len(self.stack) > 1 and self.stack[-1].indent is not None and self.stack[-1].indent >= indent:
            self.stack.pop()
        while len(self.stack) > 1 and self.stack[-1].style == "judge":
            self.stack.pop()
        draft = Draft(m.style, m.number, _clean_marker(m.raw), lineno, end=self._last, at=0.0)
        draft.indent = indent
        del self.stack[_MAX_DEPTH:]
        self.stack[-1].children.append(draft)
        self.stack.append(draft)
        self._pending = draft
        rest_markers = [mk for mk in markers if mk.start >= m.end]
        self._marked_line(line, lineno, rest_markers, last_end=m.end, current=draft)

    def _start(self, m: Marker, line: str, lineno: int) -> Draft:
        self._next_rest = line[m.end : m.end + 40]  # only its start is read: a run-on line holds thousands
        draft = Draft(m.style, m.number, _clean_marker(m.raw), lineno, end=self._last, at=m.start / len(line))
        self._push(draft)
        self._pending = draft
        return draft

    def _append_text(self, text: str, whole: bool = False) -> None:
        text = text.strip()
        if text:
            if whole:
                self.stack[-1].bare_lines.append(text)
            self.stack[-1].text_parts.append(text)
            self.stack[-1].end = max(self.stack[-1].end, self._last)

    def finish(self) -> Draft:
        self._finish_pending()
        return self.root


def clean_titles(drafts: list[Draft], out: set[str]) -> None:
    """Titles written cleanly (ended by a colon or a bracket, or alone)."""
    for draft in drafts:
        clean = clean_title_only(draft.segment)
        if clean is not None and 2 <= len(clean) <= 10:
            out.add(clean)


def split_headings(drafts: list[Draft], known: frozenset[str], subject: str) -> None:
    """Title, body and metadata of each draft, from its segment."""
    for draft in drafts:
        if draft.whole_title:
            draft.heading = whole_heading(draft.segment)
        else:
            draft.heading = split_heading(draft.segment, known, subject)
        if draft.heading.text:
            draft.text_parts.insert(0, draft.heading.text)
