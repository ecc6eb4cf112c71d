"""Flashcards generated from the knowledge graph.

Pure: a graph in, a list of ``Flashcard`` out. Every card belongs to one node
and has an id derived from the node id, the card kind and (where a node gives
several cards of one kind) a discriminator such as the defined term, so
re-importing edited notes keeps the review history of unchanged cards.

Kinds (the Chinese labels are what the UI shows):

* ``definition``       什么是客户服务环境？ → the definition text
* ``list``             宏观环境分析包括哪五个方面？（宏五） → the items in order; a list
  the notes mark (a count, a mnemonic, 必须记住) is asked even when its entries have
  lists of their own, and a mnemonic whose keys stand in the items (质、态、诺…) goes
  on the back (see ``card_lists``)
* ``item_parent``      「愿望竞争者」属于哪一个知识点？ → 竞争者环境 (only for named
  lists no list card asks, whose name shares no word with the item, at most
  ``ITEM_PARENT_PER_LIST`` per list)
* ``item_definition``  「指提供不同的产品以满足相同需求的竞争者」… → 普通竞争者
* ``cloze``            ____是社会生产力最新和最活跃的因素 → 科学技术 (the blank is a
  term the notes name as a key point of the same document, or the subject of a
  「X是…」 sentence; never a generic word, a number, a part of a term, the
  document's subject or a heading; see ``card_cloze``)
* ``duties``           在外贸公司中，财务部的岗位职责有哪些？ → the bullets (the
  organisation is named: every company has a 财务部)

A card about a part of one organisation or subject (餐饮公司, 项目客户服务组织机构)
names it. A definition whose name says what its back says (研发部 → 新产品研发和
创新部门) or whose back is too short to learn gives no card, nor does a list of
sentences or a single duty.

Nodes the parser flagged (count mismatch, truncated title, 判断 statements)
yield no card.

A card is dropped when its answer is empty, when its front already contains
the answer, when an earlier card has the same front (the first node in
outline order wins, so repeated passages of the notes do not double the deck),
or when it answers another card of another key point (``card_links``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from cskexam.core.card_cloze import (  # noqa: F401  (re-exported)
    COMMON_IN_NOTES, Cutter, Keywords, _add_cloze_card, _CommonWords, _domain_terms, _LazySegmenter, _Listed,
    doc_context, jieba_keywords, names_context,
)
from cskexam.core.card_fronts import (
    _ASKING_HEAD, _ASKING_TAIL, _CRITERION, _KEY_MARKS, _ORG_WORDS, balanced_quotes, count_word, list_front, list_name,
    owned_heading,
)
from cskexam.core.card_frames import said_of
from cskexam.core.card_deck import Flashcard, _Deck, _gives_away, card_id  # noqa: F401  (re-exported)
from cskexam.core.card_links import drop_answered
from cskexam.core.card_items import ITEM_PARENT_PER_LIST, _ambiguous_item_titles, _item_list, _ItemList  # noqa: F401
from cskexam.core.card_lists import (
    KEY_ITEM_CHARS, _aspect_labels, _elaboration, _is_bullet, _item_nodes, _item_text, _list_kids, _list_of_lists,
    FIELD_WORDS, _marked_key, _mnemonic, _mnemonic_hints, _mnemonic_keys, fragment_name, lead_in_name, name_tag,
    no_list_to_learn, remark_for_an_entry, repeated_lead_lists, section_headings,
)
from cskexam.core.card_definitions import definition_body, name_gives_away, ranks_not_defines
from cskexam.core.card_text import (  # noqa: F401  (re-exported)
    heading_name, BLANK, _PRONOUN_START, _clean, _sentences, _squash, chinese_number, closed_brackets, full_width,
    tidy_entry,
)
from cskexam.core.distractors import ROLE, company_of, item_category, organisation_of
from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.modal_words import defined_term, modal_lead
from cskexam.core.question_doubt import lists_another, phrase_in_pieces
from cskexam.core.vocab import CardKind

KIND_LABELS = {k.value: k.label for k in CardKind}
_HEADING_WORDS = re.compile(r"包括|以下|如下|按照|将使|受益|[:：,，。；;（）()]")


# -- text helpers ----------------------------------------------------------

_ROLE_SUFFIXES = ("经理", "主管", "专员", "总监", "代表", "人员", "主任", "组长", "师", "员", "长")
# (指标…, 指挥… open a word of their own: no definition.)
_DEFINITION_TEXT = re.compile(r"^(?:是指|指的是|就是|指(?![标標挥揮南令数數出定示引针針纹紋甲望责責控])|是)")
_DEFINITION_SENTENCE = re.compile(r"^(?P<term>[^，,。；;：:（(]{2,15}?)(?:是指|指的是)(?P<body>.{4,})$")


def _blocked(node: Node) -> bool:
    """Flagged by the parser: no ground for a card (see graph flags)."""
    blocks = getattr(node, "blocks_items", None)
    if blocks is not None:
        return bool(blocks)
    return any(str(f).startswith(("count_mismatch", "title_truncated", "false_statement", "true_statement"))
               for f in node.flags)


def _named_list(node: Node) -> bool:
    """A list a candidate learns by name (宏观环境分析, 客户服务的五大特性), not an outline heading."""
    title = _clean(node.title)
    return (node.kind != "document" and 2 <= len(title) <= 12 and not _HEADING_WORDS.search(title)
            and not title.endswith("部分")  # an outline part (基础知识部分) groups unrelated key points
            and (node.count is not None or node.mnemonic is not None or len(title) >= 4))


def _shares_word(a: str, b: str) -> bool:
    return any(a[i:i + 2] in b for i in range(len(a) - 1))


# Units only a company has (市场部, 总经理办公室, 董事会); a 中心 may be a concept (呼叫中心).
_UNIT = re.compile(r"(?:部|部门|办公室|董事会)$")


def _split_inline_list(node: Node) -> list[str]:
    """Items written inline after a stated count: '…五大特性:无形性、不可分性、…'."""
    if not node.count or not node.text:
        return []
    head = re.split(r"[。；;\n]", node.text, maxsplit=1)[0]
    parts = [_clean(p) for p in re.split(r"[、，,]", head)]
    parts = [p for p in parts if p]
    if len(parts) == node.count and all(len(p) <= 12 for p in parts):
        return parts
    return []


def _is_role(graph: KnowledgeGraph, node: Node) -> bool:
    kids = graph.children(node.id)
    if not kids or not any(_is_bullet(k) for k in kids):
        return False
    title = _clean(node.title)
    if title.endswith(_ROLE_SUFFIXES) or "职责" in title:
        return True
    return any("职责" in a.title for a in graph.ancestors(node.id))


def _item_label(node: Node) -> str:
    return _clean(node.title) or _clean(node.text)


def _bullet_text(node: Node) -> str:
    title, text = _clean(node.title), _clean(node.text)
    if title and text and not text.startswith(title):
        # A bullet is one sentence the outline split at its first comma.
        return f"{title}，{text}"
    return text or title


def _numbered(lines: list[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def _with_term(term: str, text: str) -> str:
    """A definition as a sentence: '客户服务环境是指…' rather than '是指…'."""
    text = _clean(text) if not text.rstrip().endswith("。") else text.strip(" \t\r\n:：")
    if text.startswith(term):
        return text
    if _DEFINITION_TEXT.match(text[modal_lead(text):]):  # 通常指…: the modal the term was said with
        return f"{term}{text}"
    return f"{term}：{text}"


# -- generation --------------------------------------------------------------


def generate_cards(graph: KnowledgeGraph, segmenter: Cutter | None = None,
                   keywords: Keywords | None = None) -> list[Flashcard]:
    """Every card the graph yields, in outline order of their nodes.

    ``segmenter`` cuts sentences into words for cloze cards; by default a
    ``cskexam.core.segment.Segmenter`` with the graph's titles as its user
    dictionary (created only when a cloze candidate needs it). ``keywords``
    ranks a sentence's words by weight (default: ``jieba_keywords``).
    """
    deck = _Deck(graph)
    definitions = defaultdict(list)
    for d in graph.definitions:
        definitions[d.node].append((d.term, d.text))
    lazy = _LazySegmenter(graph, segmenter)
    ambiguous_items = _ambiguous_item_titles(graph)
    domain = _domain_terms(graph)
    common = _CommonWords(graph, lazy)
    keywords = keywords or jieba_keywords
    listed = _Listed(graph)
    item_lists: dict[str, _ItemList] = {}

    for node in graph:
        if node.kind == "document" or _blocked(node):
            continue
        node_defs = _node_definitions(node, definitions.get(node.id, []))
        doc_title = graph.document_of(node.id).title
        org, company = organisation_of(doc_title), company_of(doc_title)
        for term, text in node_defs:
            role = item_category(term) == ROLE
            part = role or _UNIT.search(term) or term.endswith(("中心", "处", "科"))
            if name_gives_away(term, text, org) or (not part and ranks_not_defines(term, text)):
                continue
            if company and company not in term and part:
                # What a unit or a role of a company is, is what it does there.
                front = f"在{company}中，{term}的主要{'职责' if role else '职能'}是什么？"
            elif org and part:
                continue  # 客户服务部的客户服务经理: which company's? Trivia without one
            elif _UNIT.search(term):
                continue  # 什么是人力资源部门？ has as many answers as companies
            elif term in ambiguous_items and node.kind == "item" and term not in _owner_title(graph, node):
                # 基本信息 of 个人客户信息 and of 企业客户信息 are two things: say whose.
                front = f"什么是{_owner_title(graph, node)}中的{term}？"
            else:
                front = f"什么是{term}？"  # 呼叫中心 is a concept wherever it stands
            deck.add(node, "definition", front, _with_term(term, text), key=term,
                     answer_parts=[definition_body(term, text)])
        if _is_role(graph, node):
            bullets = [_bullet_text(k) for k in graph.children(node.id)]
            bullets = [b for b in bullets if b]
            if len(bullets) < 2:
                continue  # one duty (分析客户数据) is no list to recall
            title = _clean(node.title)
            if _HEADING_WORDS.search(title):
                continue  # 「…包括以下部门和职责有哪些？」 is an outline heading, not a question
            if company is None:
                continue  # the duties of a 销售经理 in no company in particular: trivia, not a key point
            front = f"{title}有哪些？" if "职责" in title else f"{title}的岗位职责有哪些？"
            if company not in title:
                front = f"在{company}中，{front}"
            deck.add(node, "duties", front, "\n".join(f"• {b}" for b in bullets), answer_parts=bullets,
                     same_back_is_duplicate=True)
        else:
            _add_list_card(deck, graph, node)
        parent = graph.parent(node.id)
        if node.kind == "item" and parent is not None and parent.kind != "document":
            _add_item_cards(deck, graph, node, parent, node_defs, ambiguous_items, item_lists)
        for subject, lead, entries in repeated_lead_lists(node.text) if node.kind in ("point", "item") else []:
            deck.add(node, "list", f"{subject}{lead}哪{count_word(len(entries))}个方面？", _numbered(entries),
                     key=f"{subject}{lead}", answer_parts=entries, same_back_is_duplicate=True)
        if node.kind in ("point", "item") and node.text and not _is_bullet(node):
            _add_cloze_card(deck, graph, node, node_defs, lazy, domain, keywords, common, listed)
    return drop_answered(deck.cards)


def _owner_title(graph: KnowledgeGraph, node: Node) -> str:
    """The heading an item is listed under; the item's own title under a document or a heading
    that names it already (资产 under 资产), where no owner is to be said."""
    parent = graph.parent(node.id)
    return _clean(node.title) if parent is None or parent.kind == "document" else _clean(parent.title)


def _node_definitions(node: Node, given: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The parser's definitions of a node, else one read from '…是指…' in its text."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for term, text in given:
        # 客户服务通常是指…: the parser's term keeps the modal, the card puts it back before 指.
        term, text = defined_term(_clean(term), text, known=(_clean(node.title),))
        if term and term not in seen and _clean(text):
            seen.add(term)
            out.append((term, text))
    if out:
        return out
    title = _clean(node.title)
    text = node.text.strip()
    if node.kind == "item" and title and _DEFINITION_TEXT.match(text) and text.startswith(("指", "是指", "指的是")):
        first = re.split(r"[。；;\n]", text, maxsplit=1)[0]
        return [(title, first)]
    for sentence in _sentences(text)[:1]:
        m = _DEFINITION_SENTENCE.match(sentence.rstrip("。；;!！?？"))
        if m and not m.group("term").startswith(_PRONOUN_START):
            term = defined_term(m.group("term"), "", known=(title,))[0]
            return [(term, sentence)]
    return []


def _add_list_card(deck: _Deck, graph: KnowledgeGraph, node: Node) -> None:
    kids = _list_kids(graph, node)
    if any(_blocked(k) for k in kids):
        return  # an item the parser flagged (a title cut short: 「…他人电脑及他…」) would be learnt so
    items = [_item_text(graph, k) for k in kids] if _aspect_labels(graph, kids) else [_item_label(k) for k in kids]
    items = [balanced_quotes(tidy_entry(i)) for i in items if i]  # 工人是“社会人”而不是“经济人 of a cut line
    if len(items) < 2:
        items = _split_inline_list(node)
    if phrase_in_pieces(items) or lists_another(node, [_clean(k.title) for k in kids]):
        return  # 与服务设施、设备、环境相关的标准 is one description, no list of three
    if section_headings(kids):
        return  # 考点1 需要理论 / 考点2 过程型激励理论 under 组织激励: parts of the course, no list
    parent = graph.parent(node.id)
    mnemonic = _mnemonic(node, kids)
    if mnemonic and remark_for_an_entry(mnemonic, kids, items):
        return  # 记忆：… was an entry (感知觉：… 记忆：… 智力：…): the list would miss it
    mnemonic = closed_brackets(mnemonic) if mnemonic else mnemonic
    if mnemonic and parent is not None and _anothers_mnemonic(graph, node, parent, mnemonic):
        mnemonic = None  # 草审签复缮用 under 审核: one key for each of the six steps beside it, not of these three
    key = node.count is not None or mnemonic is not None or _marked_key(graph, node)
    nested = _list_of_lists(graph, kids, parallel=not _marked_key(graph, node))
    if node.count is None and not nested and not any(k.kind == "item" for k in kids):
        return
    if (not key and sum(1 for k in kids if k.kind != "item" and graph.children(k.id)) >= 2
            and len({_clean(k.title)[-1:] for k in kids}) > 1 and not _aspect_labels(graph, kids)):
        return  # outline sections (仪容仪表, 行为规范, 考勤制度) are no list of like things
    if node.count is None and any(k.kind != "item" and graph.children(k.id) and k not in kids
                                  for k in graph.children(node.id)):
        return  # an entry with a list of its own was left out (考勤制度): the card would teach a short list
    if node.count is None and not key and not _named_list(node) and not any(w in node.title for w in _ORG_WORDS):
        return  # an outline heading (基础知识部分, …将使…受益匪浅) is no list to recall
    if len(items) < 2 or (node.count and len(items) != node.count):
        # A stated count the outline does not match: the card would teach a wrong list.
        return
    long_ok = mnemonic is not None or _marked_key(graph, node)  # a list the notes mark may have long entries
    if not _aspect_labels(graph, kids) and _sentence_items(items, KEY_ITEM_CHARS if long_ok else SENTENCE_ITEM_CHARS):
        return  # rules written as sentences (队员必须…, 工作时间内,除…) are no list to recite
    if mnemonic is None and node.count is None and _elaboration(graph, node, parent, kids):
        return
    name, tag = name_tag(lead_in_name(node) or list_name(node, items), len(items))
    if no_list_to_learn(graph, name, kids, items, node.count is not None or mnemonic is not None):
        return
    if parent is not None:
        parent = owned_heading(parent, graph.parent(parent.id))  # 分类 → 中国古典园林的分类
    upper = _clean(_KEY_MARKS.sub("", parent.title)) if parent is not None and parent.kind != "document" else ""
    fragment = fragment_name(name)  # 组织方面, 代表人物: whose, only its heading says
    if fragment and not upper:
        return
    # A count only where the notes state it (and the items found match it).
    count = node.count if node.count is not None or not tag else len(items)  # 功能特四: four functions
    if count is None and mnemonic is not None and len(_mnemonic_keys(mnemonic)) == len(items):
        count = len(items)  # 质、态、诺、期、误: one key a reason, five reasons
    said = said_of(_clean(node.title), node.text, getattr(node, "original", "") or "", _clean(kids[0].title) if kids else "")
    asked_in = parent
    if parent is not None and _CRITERION.match(_clean(parent.title)) and name.startswith("以"):
        asked_in = graph.parent(parent.id)  # 以语言传递为主的方法 under 按…分 under 教学方法: named within 教学方法
        asked_in = asked_in if asked_in is not None and asked_in.kind != "document" else parent
    front = list_front(node, asked_in, count, items, kind_of=_one_of_kinds(graph, node, parent), name=name, said=said)
    labels = [_clean(k.title) for k in kids]
    if _aspect_labels(graph, kids) and all(t in FIELD_WORDS for t in labels) and len(labels) <= 3:
        owner = re.sub(r"的?优缺点$", "", name) or name  # 内部招募的优缺点 → 内部招募
        # 全面质量的含义与特点 over 含义, 特点: the heading names the labels the front asks for
        owner = re.sub("的?" + "[与與和及、]".join(map(re.escape, labels)) + "$", "", owner) or owner
        front = f"{owner}的{'和'.join(labels)}分别是什么？"  # 关键事件法的优点和缺点分别是什么？
    context = doc_context(graph, node)
    # 心理素质 of 投诉处理人员的素质要求; 产品因素 of 影响客户满意的因素 when the document names no subject
    kind_of_upper = bool(upper) and not context and _clean(node.title)[-2:] == heading_name(upper)[-2:]
    if (upper and parent is not None and not names_context(front, upper) and not _gives_away(upper, items)
            and not _CRITERION.match(upper)  # 按是否执行程序 is a way of splitting, no heading to ask within
            and (fragment or ((deck.has_list(parent) or kind_of_upper)
                              and len(_clean(node.title)) <= (SHORT_NAME + 2 if kind_of_upper else SHORT_NAME)))):
        # 在简述促进知识理解的条件中: the paper's request is no part of the heading's name.
        front = f"在{heading_name(_ASKING_TAIL.sub('', _ASKING_HEAD.sub('', upper)) or upper)}中，{front}"
    if context and not names_context(front, context) and not front.startswith("在"):
        front = f"在{context}中，{front}"  # 协作机制包括哪些方面？ asks about whose
    back = _numbered(items)
    if mnemonic and _mnemonic_hints(mnemonic, items):
        back += f"\n（口诀：{mnemonic}）"  # 听、歉、记… on the front would prompt each item
    elif mnemonic and re.fullmatch(r"[\u4e00-\u9fff]{1,6}", mnemonic):
        front += f"（{mnemonic}）"  # 宏五 names the list, not its items
    # A longer one that prompts no item is a remark read as a mnemonic (記憶:機械記憶下降,…) or the
    # parent's (草审签复缮用 under 审核): shown, it would teach nothing or mislead.
    deck.add(node, "list", front, back, answer_parts=items, same_back_is_duplicate=True)
    deck.mark_list(node)  # asked here or by the same card of an earlier passage


SENTENCE_ITEM_CHARS = 14
SHORT_NAME = 4  # 技能素质 says whose only with its list's name


def _anothers_mnemonic(graph: KnowledgeGraph, node: Node, parent: Node, mnemonic: str) -> bool:
    """A mnemonic of single-character keys (草审签复缮用) whose keys stand, in order, in the entries of
    the parent's list or of a list beside this one (草拟、审核、签发…), not in this list's."""
    core = re.match(r"[\u4e00-\u9fff]+", mnemonic)
    keys = core.group(0) if core else ""
    own = graph.children(node.id)
    if not 3 <= len(keys) <= 8 or len(own) == len(keys) and all(c in e.title for c, e in zip(keys, own)):
        return False
    for other in [parent] + [k for k in graph.children(parent.id) if k.id != node.id]:
        entries = graph.children(other.id)
        if len(entries) == len(keys) and all(c in e.title for c, e in zip(keys, entries)):
            return True
    return False


def _one_of_kinds(graph: KnowledgeGraph, node: Node, parent: Node | None) -> bool:
    """The list is one of several lists its parent splits into (积极风险, 消极风险 of 风险应对策略)
    and its name shares no word with the parent's."""
    if parent is None or parent.kind == "document" or _shares_word(_clean(node.title), _clean(parent.title)):
        return False
    kids = graph.children(parent.id)
    return len(kids) >= 2 and sum(1 for k in kids if len(graph.children(k.id)) >= 2) * 2 > len(kids)



def _sentence_items(items: list[str], chars: int = SENTENCE_ITEM_CHARS) -> bool:
    """Items that are sentences, or cut short (…), not names to recall."""
    if any(re.search(r"[，,；;：:]", i) or i.endswith(("…", "...")) for i in items):
        return True
    return sum(len(i) > chars for i in items) * 2 >= len(items)


# 「指企業過去的交易…」, 「通常是指…」: the verb (and the modal said with it) before a description.
_MEANS = re.compile(r"^(?:是指|指的是|指)(?=[\u4e00-\u9fff“「《])")


def _reversible(term: str, text: str) -> bool:
    """The definition reads as a description to name (指…, 是…), long enough to tell one term from another."""
    body = definition_body(term, text)
    return len(_squash(body)) >= 4 and _DEFINITION_TEXT.match(body[modal_lead(body):]) is not None


def _one_of_named_list(node: Node, parent: Node | None, term: str) -> bool:
    """The term is the item itself of a list learnt by name (愿望竞争者 of 竞争者环境): its card asks which
    of the list's items the definition describes. An outline part (基础知识部分) is no list an item is "one of", nor is a term the item's text defines
    (政治环境 in 政治法律环境) one of its list's items."""
    return (node.kind == "item" and parent is not None and parent.kind != "document" and _named_list(parent)
            and term == _clean(node.title))


def _holds_lists(graph: KnowledgeGraph, parent: Node) -> bool:
    """A section whose other entries carry lists of their own (a chapter with its questions): items
    straight under it sit in some list the outline lost, the section's name is no answer for them."""
    return any(k.kind != "item" and graph.children(k.id) for k in graph.children(parent.id))


def _add_item_cards(deck, graph, node, parent, node_defs, ambiguous, memo: dict[str, _ItemList]) -> None:
    title = _clean(node.title)
    parent_title = _clean(parent.title)
    items = _item_list(graph, parent, ambiguous, memo)
    # A list card of the parent answers it, and a word the item shares with the list's name
    # (普通竞争者 → 竞争者环境) gives it away.
    # Only of a list the notes name and mark (a count, a mnemonic): 「主题」属于「应用文书的写作要素有四个」
    # or an outline heading is trivia.
    marked = parent.count is not None or parent.mnemonic is not None
    # The answer is the list's name, never its place in the notes; a section (第三节 客户投诉的统计分析, whose
    # list the notes name 投诉统计的常用方法) is no list's name.
    if (_named_list(parent) and marked and items.kind_of_list and node.id in items.asked and not _blocked(parent)
            and not deck.has_list(parent) and not _shares_word(title, parent_title)
            and list_name(parent) == parent_title and not section_headings([parent]) and not lead_in_name(parent)
            and not _holds_lists(graph, parent)):
        deck.add(node, "item_parent", f"「{title}」属于哪一个知识点？", parent_title, answer_parts=[parent_title])
    for term, text in node_defs:
        if not _reversible(term, text):
            continue
        # 「指企業過去的交易…的資源」 opens on a verb whose subject is the answer: the description alone.
        body = definition_body(term, text)
        lead = modal_lead(body)
        body = _MEANS.sub("", body[lead:]) if _MEANS.match(body[lead:]) else body  # 通常指…, 就是指…
        # Asked the other way round beside 「什么是…」: siblings of one key point, buried together.
        one_of = _one_of_named_list(node, parent, term)
        front = f"「{body}」——这是{parent_title}中的哪一项？" if one_of else f"「{body}」——这说的是什么？"
        deck.add(node, "item_definition", front, term, key=term)


