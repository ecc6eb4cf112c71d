"""Cloze cards: the key term of a key sentence blanked.

The blank is a term the notes name as a key point of the same document (a
node title or a defined term), or the subject of a 「X是…」 sentence. It is
never a generic word, a number, a part of a longer word, the document's
subject or a heading (a key point with a list of its own), nor a term most of
whose characters stand in the rest of the sentence or in the label. Sentences
that lean on another (因此…, 以下…) or speak of a thing in general (一个良好的…)
give no card. The label names the key point without leaking the answer, and
the organisation or subject of the document when the sentence does not.
Pure; the segmenter and the keyword ranking are passed in (or loaded only when
a sentence needs them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable, Protocol

from cskexam.core.card_lists import _ASPECT
from cskexam.core.card_text import (BLANK, _GENERIC, _PRONOUN_START, _clean, _sentences, _squash, opens_on_predicate,
                                    subject_name, without_note_marker)
from cskexam.core.distractors import shared_words
from cskexam.core.grading_hant import to_simplified
from cskexam.core.question_doubt import not_its_own, starts_mid_sentence
from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.modal_words import defined_term

# A word found in this share of the notes' key points is no key term of any of them.
COMMON_IN_NOTES = 0.08
KEYWORD_CHARS = 3
ITEM_NAME_CHARS = 8
TERM_CHARS = 12  # longer titles are sentences (duties), not names a blank is told from
# Nouns and named things; idioms and set phrases (不失时机) are no key terms.
_KEYWORD_POS = frozenset(("n", "nz", "vn", "nt", "nr", "ns"))
_NUMBER = re.compile(r"^(第[一二三四五六七八九十]+|[二三四五六七八九十两]+大|\d+(?:\.\d+)?%?)$")
# Sentences about the text itself (以上是…, 本文档旨在…), not about the subject.
_META_START = ("以上", "本文", "本文档", "总结", "综上", "如图", "该", "这", "此", "他们", "它们", "举例", "例如", "比如")
_FIGURE = re.compile(r"如图|图\s*\d")
# An aside or a note about the notes (（考点：…）, 注：…, 记：“…”), not a statement to learn.
_ASIDE = re.compile(r"^[（(]|^(?:注|记|考点|口诀|老师|备注|提示|重点|易错|说明)\s*[:：]")
SHORT_TERM = 2


class Cutter(Protocol):
    def cut(self, text: str) -> list[str]: ...


Keywords = Callable[[str], list[str]]


def jieba_keywords(text: str) -> list[str]:
    """The text's nouns and terms by jieba's TF-IDF weight, strongest first (tags with rjieba,
    which loads jieba's dictionary once: see ``cskexam.core.keywords``)."""
    from cskexam.core.keywords import tfidf_keywords

    return tfidf_keywords(text, _KEYWORD_POS, 8)


def _domain_terms(graph: KnowledgeGraph) -> dict[str, set[str]]:
    """The terms each document names as key points (by document id): node titles short enough
    to be names, defined terms. A term of another document in a sentence (市场营销 in a
    company's article) is a word of everyday speech there, not the sentence's key point."""
    out: dict[str, set[str]] = defaultdict(set)
    for n in graph:
        t = _clean(n.title)
        if 2 <= len(t) <= TERM_CHARS and t not in _GENERIC and n.kind != "document" and not _ASPECT.match(t):
            out[graph.document_of(n.id).id].add(t)
    for d in graph.definitions:
        own = _clean(graph.get(d.node).title) if d.node in graph else ""
        t = defined_term(_clean(d.term), "", known=(own,))[0]  # 客户服务通常 of 「客户服务通常是指…」 is 客户服务
        if d.node in graph and 2 <= len(t) <= TERM_CHARS and t not in _GENERIC:
            out[graph.document_of(d.node).id].add(t)
    return out


class _LazySegmenter:
    """Builds the real segmenter only when a cloze sentence needs cutting."""

    def __init__(self, graph: KnowledgeGraph, given: Cutter | None):
        self._graph = graph
        self._seg = given

    def cut(self, text: str) -> list[str]:
        if self._seg is None:
            from cskexam.core.segment import Segmenter, domain_terms

            self._seg = Segmenter(domain_terms(self._graph))
        return self._seg.cut(text)


class _CommonWords:
    """Words found in many of the notes' key points: too general to blank (企业, 客户, 项目)."""

    def __init__(self, graph: KnowledgeGraph, seg: "_LazySegmenter"):
        self._graph = graph
        self._seg = seg
        self._share: dict[str, float] | None = None

    def __contains__(self, word: str) -> bool:
        if self._share is None:
            texts = [n.text for n in self._graph if n.kind in ("point", "item") and n.text]
            counts: dict[str, int] = defaultdict(int)
            for text in texts:
                for w in set(self._seg.cut(text)):
                    counts[w] += 1
            total = max(len(texts), 1)
            self._share = {w: c / total for w, c in counts.items()}
        return self._share.get(word, 0.0) >= COMMON_IN_NOTES


POINTED = "\x00pointed"


class _Listed:
    """Titles listed beside each key point's title, read once: what a blank's answer must be told from."""

    def __init__(self, graph: KnowledgeGraph):
        self._graph = graph
        self._by_title: dict[str, list[str]] = {}
        self._listed_at: dict[str, dict[str, str]] | None = None

    def points_at(self, sentence: str, term: str) -> bool:
        """The rest of the sentence shares a word with ``term`` that no title listed beside it shares
        (「____主要负责…生产工作」 → 生产部门)."""
        if self._listed_at is None:
            # Where each title is listed (parent, the node itself), read once; the titles beside
            # it only when asked: a parent of thousands of children costs no square.
            self._listed_at = {}
            for n in self._graph:
                if n.parent is not None:
                    self._listed_at.setdefault(_clean(n.title), {}).setdefault(n.parent, n.id)
        if term not in self._by_title:
            self._by_title[term] = [k.title for pid, nid in self._listed_at.get(term, {}).items()
                                    for k in self._graph.children(pid) if k.id != nid and len(k.title) <= TERM_CHARS]
        rest = sentence.replace(term, BLANK)
        return bool(shared_words(rest, term, self._by_title[term]))


def _pick_term(sentence: str, node: Node, siblings: list[Node], tokens: list[str], domain: set[str],
               exclude: set[str], keywords: Keywords, common: _CommonWords, listed: _Listed | None = None,
               ) -> str | None:
    """The key term of a sentence: a term the notes name as a key point (a node title or a
    defined term), None when the sentence has none; ``POINTED`` when the rest of the sentence
    points at it: the key point's later sentences are less central, and a weaker word is no
    better card."""
    term = _best_term(sentence, node, siblings, tokens, domain, exclude, keywords, common)
    if term is not None and listed is not None and listed.points_at(sentence, term):
        return POINTED
    return term


def _best_term(sentence: str, node: Node, siblings: list[Node], tokens: list[str], domain: set[str],
               exclude: set[str], keywords: Keywords, common: _CommonWords) -> str | None:
    """Only a named key point is worth a blank: a generic word, a number or a part of a
    term (人口 of 市场人口, 协作 of 沟通与协作能力) is filled from common sense."""
    body = _squash(sentence)

    def ok(tok: str) -> bool:
        return (
            # Once in the sentence: a word blanked twice (or inside another word) makes a riddle.
            sentence.count(tok) == 1
            and 2 <= len(tok) <= 10
            and tok not in _GENERIC
            and tok not in exclude
            and not re.fullmatch(r"[\d\W_a-zA-Z]+", tok)
            and len(_squash(tok)) < len(body) - 3
            and not _inside_longer_word(sentence, tok, tokens)
            and not _filled_from_sentence(sentence, tok)
        )

    found = [t for t in dict.fromkeys(tokens) if t in domain and ok(t)]
    m = re.match(r"^([^，,。；;：:（(“”\"]{3,8}?)是(?!指)", sentence)
    if m and ok(m.group(1)) and m.group(1) in tokens and m.group(1) not in common \
            and not m.group(1).startswith(_PRONOUN_START):
        found.append(m.group(1))  # the subject of 「X是…」 is what the sentence states a fact of
    # The segmenter may cut a term the notes name (数据分析与改进部门): look for them whole.
    found += [t for t in _domain_in(sentence, domain) if t not in found and ok(t)]
    if not found:
        return None
    # The longest named term: a shorter one inside it would be a part of it.
    found = [t for t in found if not any(t != o and t in o for o in found)]
    rank = {w: i for i, w in enumerate(keywords(sentence))} if len(found) > 1 else {}
    return min(found, key=lambda t: (rank.get(t, len(rank) + 1), -len(t)))


def _domain_in(sentence: str, domain: set[str]) -> list[str]:
    return sorted((t for t in domain if len(t) >= 3 and t in sentence), key=len, reverse=True)


def _inside_longer_word(sentence: str, term: str, tokens: list[str]) -> bool:
    """The term is a part of a longer word of the sentence (协作 of 沟通与协作, 竞争 of 竞争优势)."""
    return any(term in t and term != t for t in tokens) and term not in tokens


def _filled_from_sentence(sentence: str, term: str) -> bool:
    """Most of the term's characters stand in the rest of the sentence (后续 → 售后, 协作 → 协同合作)."""
    rest = sentence.replace(term, BLANK)
    chars = set(term)
    return len(chars) >= 2 and sum(c in rest for c in chars) * 2 >= len(chars)


# A sentence that leans on the one before it (因此, 所以, 总之) or on what follows (以下, 如下),
# or speaks of a thing in general (一个良好的____可以…): no card on its own.
_FILLER_START = re.compile(r"^(?:其中|因此|所以|总之|综上|另外|此外|同时|然而|但是|并且|而且|从而|因而|于是|首先|其次|最后|"
                           r"再次|此时|当然|一个|一种|一家|任何|每一|每个|又称|也称|亦称|又叫|也叫|注[:：])")
_POINTS_ON = re.compile(r"以下|如下|下列|下面|上述|前面|后面")
_GENERAL_BEFORE_BLANK = re.compile(r"(?:一个|一种|一支|一家)[^，,。；;]{0,6}的$")


# 「____的存在能够帮助企业…」, 「____能够促进团队合作…」: a benefit any entry of the list could claim.
_VAGUE_CLAIM = re.compile(r"^(?:的存在|的设立|的作用)?(?:能够|可以|能|将会|会)?(?:帮助|促进|有助于|有利于|提升|提高|改善)")


# A term named by a generic modifier (具体做法, 基本要求) is no key term of its own.
_GENERIC_TERM = re.compile(r"^(?:具体|基本|主要|一般|常见|其他|其它|相关|有关|总体)")


# A remark of the notes inside a sentence: 「（考点:…）」, 「(注:…)」.
_REMARK = re.compile(r"\s*[（(](?:考点|注|记|口诀|备注|提示|易错)\s*[:：][^（）()]*[）)]")


def filler_sentence(sentence: str) -> bool:
    """Leans on another sentence, or is a run of items (顺序性、阶段性、____、…) or of numbered
    entries (1.PV:…2.EV:…): the list card asks that."""
    if _FILLER_START.match(sentence) or _POINTS_ON.search(sentence):
        return True
    if len(re.findall(r"(?<![\d.])\d+[.、．]", sentence)) >= 2:
        return True
    parts = re.split(r"[、]", sentence.rstrip("。；;"))
    return len(parts) >= 3 and all(len(p) <= 6 for p in parts)


# Document titles that collect a course's key points rather than describe one subject.
_COLLECTION_TITLE = re.compile(r"《|》|试题|真题|题库|知识点|考点|重点|要点|复习|笔记|汇总|大全|速记|口诀|讲义|精讲|精华|整理|"
                               r"必背|备考|资料|课件|学习|^各")


# A file's name (crm_notes) or a part of the course (第四章…) says which notes, not what they describe.
_NOT_A_SUBJECT = re.compile(r"^[^\u4e00-\u9fff]*$|^第[一二三四五六七八九十\d]+[章节篇部单元]")


def doc_context(graph: KnowledgeGraph, node: Node) -> str:
    """The organisation or subject a document describes (餐饮公司, 项目客户服务组织机构): a card about one
    of its parts is answerable only when it names it. Empty for a course's notes."""
    from cskexam.core.distractors import organisation_of

    doc = graph.document_of(node.id)
    if doc.id == node.id:
        return ""
    title = _clean(doc.title)
    org = organisation_of(title)
    if org:
        return org
    # Read in simplified characters: 重點筆記 is as much a collection as 重点笔记.
    if 4 <= len(title) <= 12 and not _COLLECTION_TITLE.search(to_simplified(title)) and not _NOT_A_SUBJECT.search(title):
        return title
    return ""


def names_context(text: str, context: str) -> bool:
    """``text`` already names ``context`` (or the most of it: 客户部组织机构 names 客户部)."""
    flat, ctx = _squash(text), _squash(context)
    if not ctx or ctx in flat:
        return True
    return any(ctx[i:i + 4] in flat for i in range(len(ctx) - 3))


def _subject_terms(graph: KnowledgeGraph, node: Node) -> set[str]:
    """What a blank must not be: the document's subject and the node's headings."""
    doc = graph.document_of(node.id)
    out = {_clean(a.title) for a in graph.ancestors(node.id) if a.kind != "document"}
    if graph.children(node.id):
        out.add(_clean(node.title))  # a heading with a list of its own (协作机制)
    ctx = doc_context(graph, node)
    return out | ({ctx} if ctx else set()) | {"\x00doc:" + _clean(doc.title)}


def _is_subject(term: str, subjects: set[str]) -> bool:
    for s in subjects:
        if s.startswith("\x00doc:"):
            if term in s[5:]:
                return True
        elif term == s or (len(s) >= 3 and s in term):
            return True
    return False


def _label(graph: KnowledgeGraph, node: Node, term: str) -> str | None:
    """The key point a cloze belongs to, named without giving its answer away; None when the
    key point's own name states most of it (客户服务经理 of 客户服务部) or every name of it leaks."""
    chain = [node] + [a for a in reversed(graph.ancestors(node.id)) if a.kind != "document"]
    own = _clean(node.title)
    if term != own and sum(c in own for c in set(term)) * 2 > len(set(term)):
        return None
    for i, candidate in enumerate(chain):
        title = _clean(candidate.title)
        if not title or _leaks(title, term):
            continue
        if len(title) <= 4 and i + 1 < len(chain):
            # 在形式上 or 部门 says nothing alone: 职业道德的三大特点·在形式上
            up = _clean(chain[i + 1].title)
            if _leaks(up, term):
                continue
            title = f"{up}·{title}"
        return title
    return None


def _leaks(label: str, term: str) -> bool:
    """The label states the term or a word of it (技术环境 for 科学技术, 绩效导向 for 绩效考核)."""
    return any(term[i:i + 2] in label for i in range(len(term) - 1))


def _trivial_blank(graph: KnowledgeGraph, node: Node, term: str) -> bool:
    """The blank is the item's own name (第三步 记录: 「详细____投诉的时间」 → 记录), which its list
    card asks, or a short everyday verb some list names as a step (做好____ → 记录)."""
    if len(term) > SHORT_TERM:
        return False
    return any(n.kind == "item" and _clean(n.title).split(" ")[-1] == term for n in graph)


def _shared_by_siblings(term: str, siblings: list[Node]) -> bool:
    """Three or more items of the same list use ``term`` in their text."""
    return sum(1 for s in siblings if term in s.text) >= 3


def _add_cloze_card(deck, graph, node, node_defs, seg, domain, keywords, common, listed=None) -> None:
    parent = graph.parent(node.id)
    defined = {term for term, _ in node_defs}
    subjects = _subject_terms(graph, node)
    context = doc_context(graph, node)
    # The defining sentence already has its card: a cloze of it would answer the other.
    said = {_squash(text)[:12] for _, text in node_defs if len(_squash(text)) >= 6}
    said_sizes = sorted({len(key) for key in said})
    if node.kind == "item" and not_its_own(graph, node, (_sentences(node.text) or [""])[0]):
        return  # 德尔菲法又称… run into 趋势外推预测法's line: labelled with the item, a card would mislead
    for sentence in _sentences(node.text):
        sentence = without_note_marker(_REMARK.sub("", sentence).strip(" :："))  # 「（考点:…→稳定期）」 is no part of the fact
        given = ""
        if opens_on_predicate(sentence):
            given = subject_name(node.title)
            if not given:
                continue  # 「一般为…，可以扩大____」 names no subject
            sentence = given + sentence
        squashed = _squash(sentence)
        # Each place and length looked up: a node's text may hold thousands of definitions.
        if any(squashed[at : at + size] in said for size in said_sizes for at in range(len(squashed) - size + 1)):
            continue
        if (not 12 <= len(sentence) <= 80 or re.search(r"[?？]", sentence) or sentence.startswith(_META_START)
                or _ASIDE.match(sentence) or _FIGURE.search(sentence) or filler_sentence(sentence)):
            continue
        if starts_mid_sentence(sentence):
            continue
        siblings = graph.children(parent.id) if parent is not None else []
        doc_terms = domain.get(graph.document_of(node.id).id, set()) if isinstance(domain, dict) else domain
        tokens = seg.cut(sentence)
        term = _pick_term(sentence, node, siblings, tokens, doc_terms, defined, keywords, common, listed)
        if term is not None and term != POINTED and _shared_by_siblings(term, siblings):
            # 鼓励服务对象… / 接受服务对象的现状… : a word every item of the list uses
            # tells this item from none of the others; the blank is another term, or none.
            term = _pick_term(sentence, node, siblings, tokens, doc_terms, defined | {term}, keywords, common, listed)
        if term == POINTED:
            return
        if term is None or _is_subject(term, subjects) or _GENERIC_TERM.match(term) or given and term in given:
            continue  # the subject supplied from the heading is no blank
        if _trivial_blank(graph, node, term):
            continue
        before, after = sentence.split(term, 1)
        if _GENERAL_BEFORE_BLANK.search(before) or (not _squash(before) and _VAGUE_CLAIM.match(after)):
            continue
        label = _label(graph, node, term)
        if label is None:
            continue
        if context and not names_context(sentence.replace(term, BLANK) + label, context) and not _leaks(context, term):
            label = f"{context}·{label}" if label else context
        front = sentence.replace(term, BLANK) + (f"\n（{label}）" if label else "")
        if deck.add(node, "cloze", front, term):
            return
