"""Lines of one document → a tree of draft nodes.

Levels come from the order in which marker styles first appear in the
document (a stack of open styles), not from a fixed table; only the
部分 › 章 › 节 family and Markdown headings have a fixed order among themselves.
"""

from __future__ import annotations

import re

from cskexam.core.notes.enumerations import inline_items, list_tail
from cskexam.core.notes.headings import Heading, tail_mnemonic
from cskexam.core.notes.title_parts import EXAM_ASKS
from cskexam.core.notes.stated_counts import stated_count
from cskexam.core.notes.markers import Marker, cn_to_int as int_count, find_markers, markdown_heading
from cskexam.core.notes.drafts import Draft, _clean_marker, _heading_like, _is_cjk, _looks_like_list, _next_number
from cskexam.core.notes.outline_lines import UnmarkedLines
from cskexam.core.notes.outline_lists import ListEnds
from cskexam.core.notes.answers import _ANSWER_HEADING, AnsweredQuestions
from cskexam.core.notes.questions import ANSWER_LINE as _ANSWER_LINE, question_title
from cskexam.core.notes.outline_patterns import JUDGEMENT_ENDS
from cskexam.core.notes.outline_patterns import (  # noqa: F401
    _VERDICT_LINE, _NEW_TERM, _SPOKEN_LEAD, _CLOSING_COUNT, _BOUNDARY, _PUNCT, _FAMILY_RANK, _MAX_DEPTH, _INDENTED_STYLES, _MNEMONIC_WORD, _MNEMONIC_LINE, _BRACKET_LIST, _QUOTED, _REMEMBER_AS, _ASIDE_WORDS, _TRUE_MARKS, _JUDGEMENT, _JUDGEMENT_PREFIX, _OWN_LEVEL, _JUDGEMENT_SECTION, _ENDS_WITH_YOU, _NOUN_TAIL, _LEAD_VERB, _QUOTED_COUNT, _LEAD_SUBJECT, _SENTENCE, _LEAD_IN, _HEADING_MARK, _HOOK, _COUNT_ONLY, _ONE_LINE_STYLES, _OUTLINE_TITLE,
)


# 【辨析】 【课堂小测】 【随堂练习】: statements or quiz questions, not the list above.
_ASIDE_SECTION = re.compile(r"判断|判斷|辨析|是非|对错|對錯|练习|練習|小测|小測|测试|測試|真题|真題|习题|習題|自测|自測|例题|例題")
# The remarks a mind map hangs under a branch (注:…, 易考:…); 例如 and 答 may name real branches.
_MAP_ASIDES = frozenset({"注意", "注", "提示", "提醒", "备注", "说明", "易考", "易错", "易混", "易错点", "易混点", "考点提示"})
_SECTION_REMARK = re.compile(r"\s*\([^()]{1,16}\)\s*$")
_ASIDE_TITLE = re.compile(r"^(?:易错|易混|概念)?辨析题?$")
_BLANK = re.compile(r"\(\s*\)|_{3,}")
_MNEMONIC_OR_BRACKETED = re.compile(
    r"^(?:[•●▪◆■·◎▲△❖✦☞◇○►▶□❑➢➤◉✔✅☑]\s*|[-*+–◦o]\s+)?\(?((?:[★☆※]\s*)?[【\[]?(?:首字|谐音|諧音)?(?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記|简记|簡記)"
    r"(?:口诀|口訣|技巧|方法)?[】\]]?\s*(?::|——|—|(?<=】)|(?<=\])).+?)\)?$"
)
# …、利润 记:资负所 / …4、可比性 记忆:靠相理比 / …、反映 【巧记:聚配调反】: a mnemonic written at the
# end of a list's line.
_TRAILING_MNEMONIC = re.compile(
    r"(?<=[^\s:])\s*[。;]?\s*(?:(?P<box>[【\[])\s*)?(?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記)\s*:\s*"
    r"([^:、,;。()【】\[\]]{1,16})\s*(?(box)[】\]])\s*[。.]?$"
)


class OutlineBuilder(UnmarkedLines, AnsweredQuestions, ListEnds):
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
        self._body_line: tuple[Draft, str, int] | None = None  # the last whole line read as body text
        self._asked: list[Draft] = []  # questions made by _answered_question
        self._tail_cut = False  # a line's trailing mnemonic is being cut off (once per line)
        self._map_base: int | None = None  # stack depth where a mind map pasted among the notes opened
        self._last_bullet: tuple[Draft, int] | None = None  # the last bullet line read, and its indentation

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
        if len(found) > 1 and (asked := self._asked_among(found)) is not None:
            return asked  # 5.简述… after 4.…? 答:共有四项: 1. … 4.: the next question
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
        if m.style == "circled" and m.start > 0 and m.end == len(line.rstrip()):
            return False  # …(以下简称《消法》)①: a footnote's mark, no item
        if m.style in ("part", "chapter", "section") and m.start > 0 and m.end == len(line):
            return False  # 培训课程 第三单元 on a cover: the unit named after the course, no heading
        if m.style in ("part", "chapter", "section", "circled") or m.style.startswith(("dec", "bullet")):
            return True
        opened = self._open(m.style)
        continuation = bool(opened and opened.number and _next_number(opened.number, m.style) == m.number)
        if m.ranged:
            # 11.0~3岁 after item 10 is item 11; 1.0~3岁 is item 1 only when 2. opens the next line.
            nxt = self._next_lead
            return continuation or (
                m.number == (1,) and at_start and nxt is not None and nxt.style == m.style and nxt.number == (2,)
            )
        if m.style in ("dotted", "dashed") and opened is None:
            continuation = False
            if m.number[1] >= 10 and at_start:
                return False  # 5.20 地铁上整理: a date that starts no numbering, not section 5.20
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
        while len(self.stack) > 1 and self.stack[-1].style == "judge_section":
            self.stack.pop()
        if draft.style in ("cn", "pcn", "roman"):
            # 二、… after 服务质量的五个特性:可靠性、…: a heading, never inside a one-line list.
            while len(self.stack) > 1 and self.stack[-1].style == "term":
                self.stack.pop()
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
            if target is None and draft.number == (1,) and len(same) < 3 and (
                _heading_like(same[-1]) or (same[-1] is self.stack[-1] and same[-1].text_parts[-1:] and same[-1].text_parts[-1].endswith(":"))
            ):
                # 1、 2、 written under 4、 (or under 4.…? 答:共有三项:): a list of its own inside the open item.
                pass
            else:
                target = target or same[-1]
                while self.stack[-1] is not target:
                    self.stack.pop()
                self.stack.pop()
        elif self._cut_question is not None:
            self._beside_cut_question(draft)
        del self.stack[_MAX_DEPTH:]
        self.stack[-1].children.append(draft)
        self.stack.append(draft)

    def _finish_pending(self) -> None:
        # The heading is split later (``split_headings``), once the clean
        # titles of every file are known; nothing here depends on it.
        draft = self._pending
        if draft is not None:
            m = _JUDGEMENT.search(draft.segment) if draft.segment.rstrip()[-1:] in JUDGEMENT_ENDS else None
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
        nested: bool = False,
    ) -> None:
        """One line of the document. ``term_run``: the line is one of several
        ``term:explanation`` lines in a row (each becomes an item)."""
        if not line:
            return
        after_gap = lineno > self._last + 1  # a blank (or dropped) line stands before this one
        self._lineno = lineno
        self._last = last or lineno  # hard wraps joined: the line ends there
        self._indent = 0
        self._line_indent = indent
        self._next_lead = next_lead
        if literal:
            self._append_text(line)
            return
        if self._map_base is not None and (not nested or not indent):
            # The mind map ends (or a new branch of it starts): its lines are closed.
            self._finish_pending()
            del self.stack[max(1, self._map_base) :]
            if not nested:
                self._map_base = None
        verdict = _VERDICT_LINE.match(line) if line[0] in "答参參" else None
        if verdict and self._judge_open_statement(verdict.group(1) in _TRUE_MARKS):
            return
        closing = _CLOSING_COUNT.match(line) if line[0] in "共总總一合" and not (markers and markers[0].start == 0) else None
        if closing and self._close_list(int_count(closing.group(1))):
            # 1.… 5.… then 共五项 (口诀:…): the count of the list, said by the line that
            # ends it; it belongs to the list's heading, not to its last item.
            rest = line[closing.end() :].strip()
            if rest:
                self.add_line(rest, lineno, None, indent, literal, tip, False, last, False, next_lead, bold, nested)
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
        if markers and markers[0].ranged and not self._accept(markers[0], line, 0):
            markers = markers[1:]  # 1.5~3岁… read as a number: the line is as if it had no marker
        cut = _TRAILING_MNEMONIC.search(line) if ("记" in line or "記" in line or "口" in line) and not self._tail_cut else None
        if cut and cut.start() >= 4 and not tip:
            before = line[: cut.start()]
            listed = before.count("、") >= 2 or sum(1 for m in markers if m.start < cut.start()) >= 2
            if listed and not _SENTENCE.search(cut.group(2)):
                # 1、可靠性2、相关性…4、可比性 记忆:靠相理比: the list, then its mnemonic.
                # One mnemonic per line is cut: a line of thousands stays one pass deep.
                self._tail_cut = True
                try:
                    self.add_line(before, lineno, [m for m in markers if m.end <= cut.start()], indent, literal, tip,
                                  term_run, last, heading_like, next_lead, bold)
                finally:
                    self._tail_cut = False
                self._special_line("口诀:" + cut.group(2), lineno, [], tip, False)
                return
        if bold and self.markdown and self._bold_heading(line, lineno, markers):
            return
        answer_head = _ANSWER_HEADING.match(line) if line.startswith("答") else None
        if answer_head:
            # 答:学习动机的培养: — the answer opens with the first of its own headings.
            self._finish_pending()
            if not self._answered_question("答:"):
                self._append_text("答:")
            line = answer_head.group(1) + ":"
            markers = []
            count = stated_count(line[:-1]) if next_lead is not None else None
            if count and (_LEAD_SUBJECT.match(line) or _COUNT_ONLY.match(line[:-1])) and self.stack[-1] is not self.root and not self.stack[-1].children:
                # 答:教学过程有四条基本规律: then (1)…(4): the answer's lead-in, its count the question's.
                owner = self.stack[-1]
                owner.text_parts.append(line)
                owner.stated = owner.stated or count
                return
        mnemonic = _MNEMONIC_OR_BRACKETED.match(line)
        if mnemonic and (not markers or markers[0].start > 0 or markers[0].style.startswith("bullet")):
            # ➤口诀:… / - 口诀:… / (记忆:…) / 【口诀】…: a mnemonic line, whatever opens it.
            self._finish_pending()
            if self._special_line(mnemonic.group(1), lineno, [], tip, False):
                return
        if nested and not self.by_indent:
            # A mind map among the notes: its flush-left names are headings, the
            # lines under them nest by their indentation; it closes where it ends.
            if not indent:
                draft = self._plain(line, "plain", lineno)
                if self._map_base is None:
                    self._map_base = len(self.stack) - 1
                return
            if self._map_base is None:
                self._finish_pending()
                if self._last_bullet is not None and self._last_bullet[0] is self.stack[-1] and self._last_bullet[1] >= indent:
                    # o 客户服务:… (a sentence) then o 客户服务的三个层次: over ▪ lines: the map
                    # starts beside the bullet above it, at its indentation.
                    self.stack.pop()
                self._map_base = len(self.stack)
        if (self.by_indent or nested) and indent and line.partition(":")[0].strip() in _MAP_ASIDES and line.partition(":")[2].strip():
            # 注:质量低一定是问题… in a mind map: a remark on the branch above, not one of its items.
            self._finish_pending()
            while len(self.stack) > 1 and self.stack[-1].indent is not None and self.stack[-1].indent >= indent:
                self.stack.pop()
            if len(self.stack) > 1:
                self._append_text(line)
                return
        if self.by_indent or nested:
            lead = markers[0] if markers and markers[0].start == 0 else Marker("bullet", (), "", 0, 0)
            self._indented_item(lead, line, lineno, indent, [])
            return
        if self.markdown and markers and markers[0].start == 0 and markers[0].style in _INDENTED_STYLES:
            self._indented_item(markers[0], line, lineno, indent, markers)
            return
        if markers and markers[0].start == 0 and markers[0].style == "letter" and not markers[0].bare and self._asks_to_choose():
            # A.杜威 B.卢梭 under 提出…的是（ ）: the options of a quiz question, not knowledge items.
            self._finish_pending()
            self._append_text(line)
            return
        starts_with_marker = bool(markers) and markers[0].start == 0 and self._accept(markers[0], line, 0)
        if heading_like and not self.markdown:
            if _LEAD_SUBJECT.match(line) and self._repeats_heading(line, self.stack[-1]):
                # 服务质量的特性包括以下五个方面 (no colon) right under 服务质量的特性: its lead-in.
                self._finish_pending()
                owner = self.stack[-1]
                owner.text_parts.append(line)
                owner.stated = owner.stated or stated_count(line)
                return
            self._plain(line, "plain", lineno)
            return
        if not markers and (_ASIDE_TITLE.match(line) or (
            # 辨析题速记(判断对错) over numbered statements: a section of its own, no answer's text.
            next_lead is not None and len(line) <= 20 and _ASIDE_SECTION.search(line) is not None
            and not _SENTENCE.search(line) and ":" not in line and len(_SECTION_REMARK.sub("", line)) <= 8
        )):
            self._plain(line, "plain", lineno)  # 【易错辨析】 after an answer: no part of the answer's text
            return
        if not starts_with_marker:
            self._close_answer(line)
            if self._answered_question(line, marked=bool(markers)):
                return
        if self.markdown and after_gap and not starts_with_marker and not indent and not tip and not _ANSWER_LINE.match(line):
            # A paragraph flush left after a blank line ends the Markdown list above it.
            self._finish_pending()
            while len(self.stack) > 1 and self.stack[-1].indent is not None:
                self.stack.pop()
            top = self.stack[-1]
            if (len(self.stack) > 2 and top.style == "plain" and top.children and not top.text_parts
                    and all(c.indent is not None for c in top.children) and _NEW_TERM.match(line)):
                # 倾听的五个层次: / 1. … 5. / then 提问的两种方式:…: the next topic beside the list's.
                self.stack.pop()
            subject = self._finished_list_subject(line.rstrip("。")) if next_lead and ":" not in line else None
            if subject:
                # 课程的特点包括以下几个方面 then 1. 2.: a list of its own beside the one above.
                self._plain(subject, "plain", lineno).stated = stated_count(line)
                return
        if starts_with_marker and self._asked and (
            question_title(line[markers[0].end :], strict=True) or line[markers[0].end :].startswith(EXAM_ASKS)
        ):
            # 1.…有哪些? after 问:…/答:…: the next question, beside the last, not inside its answer
            # (nor inside the answer's last point: 8.简述… after 答:(1)…(3)…).
            at = next((k for k in range(len(self.stack) - 1, 0, -1) if any(self.stack[k] is q for q in self._asked)), None)
            if at is not None:
                del self.stack[at:]
        if not starts_with_marker and self._special_line(line, lineno, markers, tip, term_run):
            return
        lead_bullet = starts_with_marker and markers[0].style == "bullet" and not self.markdown
        if lead_bullet and indent > 0 and self._under_bullet(indent):
            # • 按競爭優勢來源分 over indented ▪ 成本領先型…: in a plain-text copy of
            # slides or Word, a bullet indented deeper than the open bullet is its item.
            self._finish_pending()
            lead = markers[0]
            self._indented_item(Marker("bullet_in", lead.number, lead.raw, lead.start, lead.end), line, lineno, indent, markers[1:])
            return
        self._marked_line(line, lineno, markers)
        if lead_bullet:
            self._last_bullet = (self.stack[-1], indent)

    def _asks_to_choose(self) -> bool:
        """The open draft is a question with a blank to fill (``…是（ ）。``)."""
        top = self._pending or self.stack[-1]
        return top is not self.root and bool(_BLANK.search(top.segment) or (top.text_parts and _BLANK.search(top.text_parts[-1])))

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
            lead = _SPOKEN_LEAD.search(before) if current is None and m.style in ("ordinal", "step") and m.number == (1,) else None
            if lead:
                # 影响客户期望的因素，书上讲了五个。第一，…: the list's name and count said before it.
                self._append_text(before[: lead.start()])
                self._plain(lead.group(1), "plain", lineno).stated = int_count(lead.group(2))
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

    def _plain(self, segment: str, style: str, lineno: int) -> Draft:
        if self.markdown:
            # 决策的影响因素: written flush left after a list: beside the list, not in its last item.
            while len(self.stack) > 1 and self.stack[-1].indent is not None and self.stack[-1].indent >= self._line_indent:
                self.stack.pop()
        elif style == "plain":
            self._leave_list()
        if style == "plain" and len(_SECTION_REMARK.sub("", segment.strip("【】[] :"))) <= 8 and _ASIDE_SECTION.search(segment):
            # 【辨析】 / 课堂小测 after a list: beside the list, not inside its last item
            # (nor in the list); the next numbered line leaves it. 辨析题(先判断再说理由):
            # the bracket only says how to answer them.
            while len(self.stack) > 1 and not self.stack[-1].children and self.stack[-1].style not in _FAMILY_RANK:
                self.stack.pop()
            top = self.stack[-1]
            if len(self.stack) > 1 and top.style not in _FAMILY_RANK and all(not c.children for c in top.children):
                self.stack.pop()
            style = "judge_section"
        draft = self._start(Marker(style, (), "", 0, 0), segment, lineno)
        draft.segment = segment
        # A heading on a line of its own (服务质量差距模型有五个差距, 组织理论的发展:) is its whole title.
        draft.whole_title = style in ("plain", "judge_section")
        self._finish_pending()
        return draft

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
        # - A：诱发事件: a letter that opens the item's text names it (the A of ABC), no item of its own.
        rest_markers = [mk for mk in markers if mk.start >= m.end and not (mk.style == "letter" and mk.start == m.end)]
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
            if whole and self._remark_on_list(text):
                # 1.缺氧 … 4.爆炸作用 / 火灾中的人员伤亡大部分是由烟气造成的,…: a sentence
                # after a list of bare names is about the list, not about its last item.
                self.stack.pop()
            if whole:
                self.stack[-1].bare_lines.append(text)
            self.stack[-1].text_parts.append(text)
            self._body_line = (self.stack[-1], text, self._lineno) if whole else None
            self.stack[-1].end = max(self.stack[-1].end, self._last)

    def finish(self) -> Draft:
        self._finish_pending()
        return self.root
