"""Notes → knowledge graph: normalise, split documents, build outlines, finish nodes.

Titles that are cut by guessing (no colon, no bracket) are guessed better
when we know the titles written cleanly elsewhere (``4、技术环境:科学技术是…``
teaches us where ``4、技术环境科学技术是…`` ends), so the outline is built twice:
the first pass only collects those clean titles.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.errors import NotesError
from cskexam.core.notes.definitions import extract_definitions
from cskexam.core.notes.documents import Document, split_documents, split_indented
from cskexam.core.notes.enumerations import LAST_JOIN, InlineItem, Split, bare_line_list, inline_items, list_tail, strip_list_lead, split_counted, split_pair, split_short_list, trailing_count
from cskexam.core.notes.counted_sentences import counted_sentence, counted_sentence_with_subject, counted_sentences, listed_sentence_with_subject
from cskexam.core.notes.formats import reformat
from cskexam.core.notes.headings import Heading
from cskexam.core.notes.stated_counts import stated_count
from cskexam.core.notes.source_lines import raw_lines, split_lines
from cskexam.core.notes.links import related_edges
from cskexam.core.notes.markers import find_markers, remembered_markers
from cskexam.core.notes.lines import Line, clean_line, front_matter_title, indented_outline, prepare_lines
from cskexam.core.notes.drafts import Draft, clean_titles, join_sub_lists, split_headings
from cskexam.core.notes.outline import OutlineBuilder
from cskexam.core.notes.graph_nodes import add_node, emit_leaf, finish_kind, unique_path
from cskexam.core.notes.outline_patterns import _BASIS_HEAD, _COUNT_ONLY
from cskexam.core.notes.node_parts import _disambiguate_titles, _initials_of, _join_body, _keys_of, _sentence_lists

_ORDINAL_IS = re.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十],?)(?=..)")
_ITEM_END = re.compile(r"[;。]+")
_BRACKETED = re.compile(r"^\(([^()]+)\)[。.]?$")
_HOOK = re.compile(r"^([\u4e00-\u9fff]{2,6})\((?!例如|比如|如(?![实何果期意此同今下数]))([^()]{4,})\)(?![、,;])(.*)$")
# ``产品质量投诉:产品存在缺陷…``: a short term, a colon and what it means.
_TERM_LINE = re.compile(r"^(?!(?:注意|注|提示|备注|说明|例如|例|比如|举例|问|問|答|解析|小结|总结):)[^\s:,;。()\d]{2,12}:[^:]{2,}")
# 客户满意的层次(3个) / RFM模型 3个指标: a count in brackets or after a space may close it.
_BARE_HEADING = re.compile(r"^[^\s。,;:!?、()\[\]“”\"→]{4,20}(?:\(共?[一二三四五六七八九十两\d]{1,2}[个個种種项項类類点點条條步]\)"
                           r"|\s共?[一二三四五六七八九十两\d]{1,2}[个個种種项項类類点點条條步级級层層][\u4e00-\u9fff]{0,2}"
                           r"|\s[0-9A-Za-z]{1,6})?$(?<![的了和与及])")  # 服务营销 7P: a name and its abbreviation
# 【易混易错】 / 判断 / 小结: a label over asides, read by the outline as such, not a topic's heading.
_ASIDE_LABEL = re.compile(r"[【\[]|易混|易错|易錯|辨析|判断|判斷|练习|練習|小测|小測|真题|真題|习题|習題|注意|提示|小结|小結|总结|總結")
_ANSWER = re.compile(r"^(?:答|答案|参考答案)\s*:\s*")
_NAMED_MNEMONIC = re.compile(r"\((?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記)\s*:\s*([^()]{1,24})\)")


@dataclass(frozen=True)
class NoteSource:
    name: str  # file name as shown to the user and used in node ids
    text: str
    # The text as written, before errata corrections (same lines as ``text``):
    # a node's 原文 is taken from it.
    original: str | None = None


# Every marker (一、 1. ① - …) may become a node, and a node with what parsing
# holds beside it takes two to three kilobytes; real notes have a few thousand
# (the bundled notes five times over have under 30,000). A file of 50,000 one-word
# items prints as a graph within 150 MB; twice that came near 300 MB.
MAX_MARKERS = 50_000
# Lines without markers make nodes too (甲的三大功能：乙、丙、丁 makes four), so
# the nodes themselves are counted as well: while the outline is built (one per
# heading or item line) and while the nodes are made (lists split out of a line).
MAX_NODES = 60_000


def _too_many_nodes(limit: int, name: str, lineno: int) -> NotesError:
    return NotesError(f"笔记中的知识点太多（超过 {limit:,} 个），不像是学习笔记；请检查文件，或把它拆成几个文件",
                      name or None, lineno)


def _build(doc: Document, prepared: list[Line], markdown: bool, by_indent: bool = False,
           name: str = "", seen: list[int] | None = None, drafted: int = 0,
           max_nodes: int | None = None) -> OutlineBuilder:
    """The outline of one document. ``seen``: the markers of the parse so far;
    ``drafted``: the drafts made in the documents before this one."""
    builder = OutlineBuilder(doc.title, doc.line, markdown)
    builder.by_indent = by_indent
    body = doc.body
    terms = [":" in text and _TERM_LINE.match(text) is not None for _, text in body]
    scans = []
    seen = seen if seen is not None else [0]
    for lineno, text in body:
        found = find_markers(text)
        seen[0] += len(found)
        if seen[0] > MAX_MARKERS:
            # Refused before any node is made, so such a file costs little memory.
            raise NotesError(f"笔记中的编号条目太多（超过 {MAX_MARKERS:,} 个），不像是学习笔记；请拆成几个文件",
                             name or None, lineno)
        scans.append(found)
    for k, (lineno, text) in enumerate(body):
        line = prepared[lineno - 1]
        term_run = terms[k] and ((k > 0 and terms[k - 1]) or (k + 1 < len(terms) and terms[k + 1]))
        # A short bare phrase over a numbered line or a colon line is a heading.
        heading_like = (
            not scans[k] and _BARE_HEADING.match(text) is not None and k + 1 < len(body)
            and ((scans[k + 1] and scans[k + 1][0].start == 0) or ":" in body[k + 1][1][:40]
                 # 服务质量的特性 then 服务质量的特性包括以下五个方面。: the next line is about it
                 or (len(body[k + 1][1]) > len(text) + 2 and body[k + 1][1].startswith(text))
                 # 客户满意的定义 after a blank line, over the sentence that gives it
                 or (not markdown and (k == 0 or body[k - 1][0] < lineno - 1) and body[k + 1][0] == lineno + 1
                     and body[k + 1][1].endswith("。") and len(body[k + 1][1]) >= 20 and len(text) <= 16)
                 # RFM模型 / R 最近一次消费…: the first line of a block of lines, after a
                 # block of two lines or more (a list that ended), in notes without markers
                 or (not markdown and len(text) <= 16 and k >= 2 and body[k - 1][0] < lineno - 1 and not _ASIDE_LABEL.search(text)
                     and body[k - 2][0] == body[k - 1][0] - 1 and body[k + 1][0] == lineno + 1))
            # the last of a run of bare item lines is an item, not a heading
            and not (k > 0 and not scans[k - 1] and _BARE_HEADING.match(body[k - 1][1]) is not None
                     and body[k - 1][0] == lineno - 1)
        )
        next_lead = scans[k + 1][0] if k + 1 < len(body) and scans[k + 1] and scans[k + 1][0].start == 0 else None
        builder.add_line(text, lineno, scans[k], line.indent, line.literal, line.tip, term_run,
                         lineno + line.joined, heading_like, next_lead, line.bold, line.nested)
        if max_nodes is not None and drafted + len(builder.drafts) > max_nodes:
            raise _too_many_nodes(max_nodes, name, lineno)
    builder.finish()
    return builder


@contextmanager
def paused_gc():
    """The cyclic garbage collector paused: parsing makes objects by the hundred
    thousand and frees them by reference count, and every collection would walk
    them all again (a fifth of the time of a node-dense file)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


# What is remembered of a line's text during one parse; forgotten after it, so
# that nothing of the notes stays in memory and each parse costs the same.
_REMEMBERED = (remembered_markers, clean_line)


def parse_notes(sources: list[NoteSource], max_nodes: int | None = MAX_NODES) -> KnowledgeGraph:
    """The knowledge graph of the notes; more than ``max_nodes`` nodes in all
    (None: no limit) is refused with a NotesError naming the file and line."""
    try:
        with paused_gc():
            return _parse_notes(sources, max_nodes)
    finally:
        for remembered in _REMEMBERED:
            remembered.cache_clear()


def _parse_notes(sources: list[NoteSource], max_nodes: int | None) -> KnowledgeGraph:
    raw_by_name: dict[str, list[str]] = {}
    built = []
    drafted = 0
    seen = [0]  # markers so far, in all the files: many files must not multiply the limit
    for src in sources:
        markdown = PurePath(src.name).suffix.lower() in (".md", ".markdown")
        raw = split_lines(src.text)
        raw_by_name[src.name] = raw_lines(src.original, raw)
        prepared = prepare_lines(*reformat(raw, markdown))
        texts = [line.text for line in prepared]
        by_indent = not markdown and indented_outline(prepared)
        if by_indent:
            docs = split_indented(src.name, texts, [line.indent for line in prepared])
        else:
            docs = split_documents(src.name, texts, front_matter_title(raw) if markdown else None,
                                   None if markdown else [line.indent for line in prepared])
        builders = []
        for doc in docs:
            builders.append(_build(doc, prepared, markdown, by_indent, src.name, seen, drafted, max_nodes))
            drafted += len(builders[-1].drafts)
        built.append((src.name, builders))
    # Titles cut by guessing are guessed better knowing the titles written
    # cleanly anywhere in the notes.
    known: set[str] = set()
    for _, builders in built:
        for builder in builders:
            clean_titles(builder.drafts, known)
    frozen = frozenset(known)
    graph = KnowledgeGraph()
    for name, builders in built:
        seen_paths: dict[tuple[str, ...], int] = {}
        for builder in builders:
            split_headings(builder.drafts, frozen, builder.subject)
            _emit(graph, name, raw_by_name[name], builder.root, None, (), seen_paths, max_nodes)
    graph.definitions = extract_definitions(graph)
    graph.edges = related_edges(graph)
    return graph


def _emit(
    graph: KnowledgeGraph,
    file: str,
    raw: list[str],
    draft: Draft,
    parent: Node | None,
    parent_path: tuple[str, ...],
    seen: dict[tuple[str, ...], int],
    max_nodes: int | None = None,
) -> Node:
    heading = draft.heading
    title = draft.title or draft.marker or "（无标题）"
    if (parent is not None and heading is not None and not draft.children and not draft.text_parts
            and not draft.bare_lines and heading.acronym is None and "、" not in title
            and not title.endswith(_BRACKET_ENDS)):
        return emit_leaf(graph, file, raw, draft, heading, title, parent, unique_path(parent_path + (title,), seen))
    # Both patterns need the title to end with its bracket.
    acrostic = (
        (_ACROSTIC.search(title) or _KEYS_IN_BRACKETS.search(title))
        if parent is not None and title.endswith(_BRACKET_ENDS) else None
    )
    remark = after = ""
    if acrostic or (heading is not None and heading.acronym):
        # The items, written below or after the colon of the heading's own line.
        names = [c.title for c in draft.children] or (inline_items(draft.text_parts[0]) if draft.text_parts else None) or []
        keys = acrostic is not None and acrostic.group(0).endswith("】")
        if acrostic and (_keys_of(acrostic.group(1), [c.segment for c in draft.children] or names) if keys
                         else _initials_of(acrostic.group(1), names)):
            # 管理的基本职能(计组领控) over 计划 组织 领导 控制: the bracket is a mnemonic.
            title = title[: acrostic.start()].rstrip()
            if heading is not None:
                heading.title = title
                heading.mnemonic = heading.mnemonic or acrostic.group(1)
        if heading is not None and heading.acronym:
            # 保守秘密 for 密: in a word of three or more, a key may stand anywhere in its item.
            if _initials_of(heading.acronym, names) or (len(heading.acronym) >= 3 and _keys_of(heading.acronym, names)):
                heading.mnemonic = heading.mnemonic or heading.acronym  # 员工关系层次(依举融自):依赖、举荐…
            else:
                remark = f"({heading.acronym})"  # (按控制时点分): a remark, kept as the node's text
    titled: tuple[int | None, Split, str] | None = None
    if "、" in title and parent is not None and not draft.children and not any(p.strip() for p in draft.text_parts):
        # 4、教学过程分为准备、讲授、练习、评价四个阶段: the subject names the list.
        titled = counted_sentence_with_subject(title) or listed_sentence_with_subject(title)
        if titled and len(titled[2]) >= 2:
            title = titled[2]
        else:
            titled = None
    path = unique_path(parent_path + (title,), seen)
    answered = bool(draft.text_parts and _ANSWER.match(draft.text_parts[0]))
    if answered:
        # 1.简述…特征。 答:(1)全局性;(2)长期性: the answer is the question's body.
        answer = _ANSWER.sub("", draft.text_parts[0], count=1)
        draft.text_parts[:1] = [answer] if answer else []
    text = _join_body(draft.text_parts) if draft.text_parts else ""
    node = add_node(graph, file, raw, draft, heading, title, parent, path, text)
    hook = _HOOK.match(text) if text and parent is not None and not draft.children else None
    hooked: Split | None = None
    if hook:
        # 研究原则:可变脸(客观性、发展性、联系实际): a hook word to remember the list by.
        node.mnemonic = node.mnemonic or hook.group(1)
        text = node.text = hook.group(2) + (("。" + hook.group(3)) if hook.group(3).strip("。 ") else "")
        hooked = split_short_list(hook.group(2), True)
        if hooked is not None:
            hooked.remainder = hook.group(3).strip("。 ")
    named = _NAMED_MNEMONIC.search(text) if parent is not None and "(" in text else None
    if named:
        # 要素有用原理、…弹性冗余原理(记忆:有能互动弹): the body's mnemonic is the node's.
        node.mnemonic = node.mnemonic or named.group(1).strip()
        text = node.text = (text[: named.start()] + text[named.end() :]).strip()
    if parent is not None and "、" in text and text[-1] == ")" and not draft.children:
        initials = _LONE_ACRONYM.search(text)
        listed = split_short_list(text[: initials.start()], True) if initials and initials.start() > 0 else None
        if initials is not None and listed is not None and _initials_of(initials.group(1), [i.title for i in listed.items]):
            # 答:遗传、环境、学校教育、个体主观能动性。(遗环学主): the list, then its initials.
            node.mnemonic = node.mnemonic or initials.group(1)
            text = node.text = text[: initials.start()].rstrip()
    tail_count = tail_mnemonic = None
    if parent is not None and text and ("(" in text or ":" in text):
        # 甲、乙、丙(三种)。记忆:… : the count and the mnemonic written after the list.
        text, tail_count, tail_mnemonic = list_tail(text)
        aside = _ASIDE_BRACKET.search(text) if "、" in text and not draft.children else None
        if aside and aside.start() > 0 and "、" in text[: aside.start()]:
            # 接运、验收、办理入库手续(不要漏了验收!): a remark after the list, not in its last item.
            after = aside.group(0).strip(" 。.")
            text = text[: aside.start()]
        node.text = text
        node.mnemonic = node.mnemonic or tail_mnemonic
    node.count = stated_count(title, text, node.mnemonic) if parent is not None else None
    if node.count is None and tail_count is not None:
        node.count = tail_count
    if node.count is None and heading and heading.count and parent is not None:
        node.count = heading.count
    if node.count is None and draft.stated is not None:
        node.count = draft.stated
    if node.count is None and parent is not None and draft.children and text.endswith(":") and "。" in text:
        # 容量约为7±2个组块。特点有三: the lead-in after a remark counts the items below.
        lead = text[:-1].rsplit("。", 1)[-1].strip()
        node.count = stated_count(lead) if 2 <= len(lead) <= 16 else None
    if not text and not draft.children and titled is None and not draft.bare_lines:
        # An item with no body and nothing under it: no list to find.
        if remark:
            node.text = remark
        return finish_kind(node, draft, 0)
    children = [c for c in draft.children if not c.merge]
    inline: list[Draft] = []
    bracketed = _BRACKETED.match(text) if text and parent is not None and not children else None
    if bracketed:
        # 硬件组成(CPU、内存、I/O设备): the bracket holds the heading's items.
        text = bracketed.group(1)
    split: Split | None = hooked
    if titled is not None:
        node.count, split = titled[0], titled[1]
    if split is None and parent is not None and not children and len(draft.bare_lines) >= 2:
        # A heading over unmarked lines, one short item each.
        split = bare_line_list(draft.text_parts, draft.bare_lines)
        if split is not None and split_short_list(split.remainder.strip(), True) is not None:
            # 期权的要素：标的资产、执行价格… and, after a blank line, 【易混易错】 or a sign-off:
            # the list is the one on the heading's own line; the lines after it are no items.
            split = None
        if split is not None and node.count is None:
            node.count = stated_count(split.remainder.rstrip(":").split(",")[-1])
    sentences = (
        counted_sentences(text)
        if split is None and parent is not None and node.count is None and ("、" in text or "和" in text)
        and _HAS_NUMERAL.search(text) else []
    )
    if sentences and (len(sentences) >= 2 or children):
        # 劳动分工的形式主要有甲、乙、丙三种。组织设计的程序分为…七个步骤。: each
        # counted sentence is a list of its own, named by its subject.
        own = _sentence_lists(sentences, [c.title for c in children], draft.line)
        if own:
            last_end = max(end for (_, end, *_), d in zip(sentences, own) if d is not None)
            if tail_mnemonic and last_end >= len(text) - 1:
                named_last = next(d for d in reversed(own) if d is not None)
                named_last.mnemonic = tail_mnemonic  # 。口诀:参自成 after the last sentence
                if node.mnemonic == tail_mnemonic:
                    node.mnemonic = heading.mnemonic if heading else None
            kept, at = [], 0
            for (start, end, *_), d in zip(sentences, own):
                if d is not None:
                    kept.append(text[at:start])
                    at = end
            kept.append(text[at:])
            text = node.text = "".join(kept).strip("。 ")
            inline.extend(d for d in own if d is not None)
    elif sentences and not children and split is None and sentences[0][0] > 0:
        # 越是复杂…。影响管理幅度的因素有甲、乙…四个。: the heading's list, after a remark.
        start, end, count, split, _ = sentences[0]
        node.count = count
        split.remainder = (text[:start] + text[end:]).strip("。 ")
    if split is None and parent is not None and text and node.count is None:
        # 公文的稿本分为草稿、定稿、正本、副本、存本五种。: the items and their count.
        sentence = counted_sentence(text, last_clause=bool(children))
        if sentence and not children:
            node.count, split = sentence
        elif sentence and [i.title for i in sentence[1].items] == [c.title for c in children if c.judged is None]:
            node.count = sentence[0]  # the sentence counts the items written below it
    elif split is None and parent is not None and text and node.count and not children:
        # 成就动机的三种内驱力 / …主要由甲、乙和丙三个方面组成。: the heading's count,
        # and a body sentence that names as many items.
        subject_list = counted_sentence_with_subject(text)
        if subject_list and subject_list[2] and subject_list[0] == node.count:
            split = subject_list[1]
    # 快速纠正。采取措施,弥补失误: the sentence after the item's full stop explains it.
    explained = bool(heading and heading.sentence_body and node.count is None and not answered)
    if split is None and parent is not None and not children and not explained and len(draft.text_parts) > 1 and text == _join_body(draft.text_parts):
        # 赶工、快速跟进 then lines of another kind (a folded answer, an aside):
        # the list is the item's own line, not everything glued after it.
        first = split_short_list(draft.text_parts[0], node.count is not None or draft.listy)
        if first is not None and node.count in (None, len(first.items)):
            split = first
            split.remainder = "".join(draft.text_parts[1:])
        elif first is None and draft.text_parts[-1] in draft.bare_lines:
            # 古代桥梁 / 下面几条是…(a remark) / 赵州桥、卢沟桥、洛阳桥: a whole line that is
            # nothing but a list, after a remark, is the heading's list.
            line = draft.text_parts[-1]
            listed = split_short_list(line, node.count is not None) if "。" not in line else None
            # Only a line that is all items (市场部门的职责包括甲、乙、丙 is a sentence).
            if (listed is not None and "".join(i.title for i in listed.items) == _SEPARATORS.sub("", line)
                    and len(listed.items) >= 3 and node.count in (None, len(listed.items))):
                split = listed
                split.remainder = _join_body(draft.text_parts[:-1])
    if parent is not None and (not children or (node.count and len(children) != node.count)):
        # A body that is nothing but a clean list is that list, whatever the
        # stated count says (a mismatch is flagged below). An empty body holds none.
        if split is None and node.count and not children and text:
            split = split_short_list(strip_list_lead(text), True) or split_short_list(text, True)
        if split is None and node.count and text:
            split = split_counted(text, node.count)
            if split is not None and "、" in split.items[-1].title:
                # 可靠性、…、有形性、经济性 under 五个特性: more items than stated are
                # still items (the mismatch is flagged), not one glued last item.
                first_sentence, _, others = text.partition("。")
                clean = split_short_list(first_sentence, True)
                if clean is not None and len(clean.items) > node.count:
                    split = clean
                    split.remainder = others.strip()
        if split is None and not children and node.count == 2 and text:
            split = split_pair(text)  # 职位权力和非职位权力
        if split is None and not children and not explained and text and (draft.style != "kind" or node.count):
            # (乙类:保温、冷藏仓库 describes the class: its text, not a list.)
            # A plain list whose length differs from the stated count is still
            # a list: its items are kept and the mismatch flagged.
            # 巧记:德知能技健 over 甲、乙…(five pieces): one character per piece says the body is a list.
            keyed = node.mnemonic is not None and "、" in text and len(node.mnemonic) == text.count("、") + 1
            # (2)根据动机的社会意义分:高尚的动机、低级的动机: a basis names a list.
            basis = title[:1] in "按根依" and _BASIS_HEAD.match(title) is not None
            split = split_short_list(text, node.count is not None or draft.listy or answered or keyed or basis)
        if split is not None and node.count == len(split.items) + 1 and not split.items[-1].text and (
            joined := LAST_JOIN.fullmatch(split.items[-1].title)
        ):
            # 有三种：种子繁殖法、嫁接繁殖法和扦插繁殖法: the count says 和 parts the last two.
            split.items[-1:] = [InlineItem(joined.group(1)), InlineItem(joined.group(2))]
        if split is not None:
            closing = split.items[-1].title
            if len(split.items) >= 3 and closing.startswith(_TOTAL) and _COUNT_ONLY.match(closing):
                stated = stated_count(closing)
                if stated == len(split.items) - 1:
                    # 备课、上课、…、学业成绩的检查与评定,共五个环节: the count, not one more item.
                    split.items.pop()
                    node.count = node.count or stated
            initials = _ACROSTIC.search(split.items[-1].title)
            if initials and _initials_of(initials.group(1), [i.title for i in split.items]):
                # 生理自我、社会自我、心理自我(生社心): the bracket is a mnemonic.
                split.items[-1].title = split.items[-1].title[: initials.start()]
                node.mnemonic = node.mnemonic or initials.group(1)
            last = split.items[-1]
            if len(last.title) > 2 and last.title.endswith("等") and last.title[-2:] not in _WORDS_IN_DENG:
                last.title = last.title[:-1]  # 批复等: the list says it goes on; 等 is no part of the item
            trailing = trailing_count(split.items[-1].title, len(split.items))
            if trailing:
                split.items[-1].title = trailing
                node.count = node.count or len(split.items)
            node.text = split.remainder
            sub = _INLINE_SUB_LIST.match(node.text) if node.text.startswith("其中") else None
            owner = next((i for i in split.items if sub and i.title == sub.group(1) and not i.text), None)
            if sub and owner is not None:
                # 算法式和启发式两类。其中启发式又包括:甲、乙: the item's own items.
                owner.text = sub.group(2).strip()
                node.text = node.text[sub.end() :].strip()  # 注意:… after it stays the node's text
            if len(split.items) >= 2 and all(_ORDINAL_IS.match(i.title) for i in split.items):
                for item in split.items:  # 一是理念层面;二是技术层面: the ordinal is the marker
                    item.title = _ORDINAL_IS.sub("", item.title, count=1)
            for item in split.items:
                cut = _ITEM_END.search(item.title)
                if cut and cut.start() >= 2:
                    # 转岗员工;比如:… : an item ends where its sentence does.
                    tail = item.title[cut.end() :].strip()
                    item.title = item.title[: cut.start()]
                    item.text = (tail + item.text) if tail else item.text
                child = Draft("inline", (), "", draft.line, inline_item=True)
                child.heading = Heading(title=item.title, text="")
                child.text_parts = [item.text] if item.text else []
                inline.append(child)
    if remark or after:
        node.text = remark + node.text + after
    children = join_sub_lists(inline + children, [c for c in draft.children if c.merge])
    if len(children) > 1:
        _disambiguate_titles(children)
        bracket = _LONE_ACRONYM.search(node.text) if node.text.endswith(")") else None
        if bracket and _initials_of(bracket.group(1), [c.title for c in children]):
            # 关注生存阶段、关注情境阶段、关注学生阶段。(生情学): the initials, a mnemonic.
            node.mnemonic = node.mnemonic or bracket.group(1)
            node.text = node.text[: bracket.start()].rstrip()
    if max_nodes is not None and len(graph.nodes) + len(children) > max_nodes:
        raise _too_many_nodes(max_nodes, file, draft.line)
    for child in children:
        _emit(graph, file, raw, child, node, path, seen, max_nodes)
    return finish_kind(node, draft, len(inline))


_TOTAL = ("共", "一共", "总共", "總共")
_INLINE_SUB_LIST = re.compile(r"^其中(.{2,14}?)(?:又|还|還|也)?(?:可以|可)?(?:包括|包含|分为|分為|分成|有)\s*:\s*([^:。]+)(?:。|$)")
_LONE_ACRONYM = re.compile(r"(?:^|(?<=[。.;]))\s*\(([\u4e00-\u9fff]{2,8})\)$")
_ASIDE_BRACKET = re.compile(r"\s*\([^()]*[!?。,;][^()]*\)\s*[。.]?$")
_SEPARATORS = re.compile(r"[、,;\s]")
_HAS_NUMERAL = re.compile(r"[一二三四五六七八九十两兩\d]")
_WORDS_IN_DENG = {"对等", "對等", "平等", "均等", "相等", "同等", "优等", "優等", "高等", "中等", "初等", "上等", "下等", "劣等", "等等"}
_ACROSTIC = re.compile(r"(?<=.)\(([\u4e00-\u9fff]{2,8})\)$")
# 个体身心发展的规律【顺阶不互个】: a key word of one character per item, in the
# bracket that also holds tags; the items decide whether it is one.
_KEYS_IN_BRACKETS = re.compile(r"(?<=.)\s*【([\u4e00-\u9fff]{2,8})】$")
_BRACKET_ENDS = (")", "】", ")\n", "】\n")
