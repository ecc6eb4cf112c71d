"""Cloze cards: the key term of a key sentence blanked.

The blank is a key term: a list item or defined term (or the word of an item's
own name the sentence states: 人口 of 市场人口), a number, else the sentence's
strongest keyword by jieba's TF-IDF among words that are not everywhere in the
notes. Pure; the segmenter and the keyword ranking are passed in (or loaded
only when a sentence needs them).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Callable, Protocol

from cskexam.core.card_text import BLANK, _GENERIC, _PRONOUN_START, _clean, _sentences, _squash
from cskexam.core.distractors import shared_words
from cskexam.core.graph import KnowledgeGraph, Node

# A word found in this share of the notes' key points is no key term of any of them.
COMMON_IN_NOTES = 0.08
KEYWORD_CHARS = 3
ITEM_NAME_CHARS = 8
TERM_CHARS = 12  # longer titles are sentences (duties), not names a blank is told from
# Nouns and named things; idioms and set phrases (不失时机) are no key terms.
_KEYWORD_POS = ("n", "nz", "vn", "nt", "nr", "ns")
_NUMBER = re.compile(r"^(第[一二三四五六七八九十]+|[二三四五六七八九十两]+大|\d+(?:\.\d+)?%?)$")
# Sentences about the text itself (以上是…, 本文档旨在…), not about the subject.
_META_START = ("以上", "本文", "本文档", "总结", "综上", "如图", "该", "这", "此", "他们", "它们", "举例", "例如", "比如")
_FIGURE = re.compile(r"如图|图\s*\d")


class Cutter(Protocol):
    def cut(self, text: str) -> list[str]: ...


Keywords = Callable[[str], list[str]]


def jieba_keywords(text: str) -> list[str]:
    """The text's nouns and terms by jieba's TF-IDF weight, strongest first (loads jieba's dictionary)."""
    import logging

    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    return jieba.analyse.extract_tags(text, topK=8, allowPOS=_KEYWORD_POS)


def _domain_terms(graph: KnowledgeGraph) -> set[str]:
    out = set()
    for n in graph:
        t = _clean(n.title)
        if 2 <= len(t) <= 12 and t not in _GENERIC and n.kind != "document":
            out.add(t)
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
        self._by_title: dict[str, list[str]] | None = None

    def points_at(self, sentence: str, term: str) -> bool:
        """The rest of the sentence shares a word with ``term`` that no title listed beside it shares
        (「____主要负责…生产工作」 → 生产部门)."""
        if self._by_title is None:
            self._by_title = defaultdict(list)
            for n in self._graph:
                parent = self._graph.parent(n.id)
                if parent is not None:
                    self._by_title[_clean(n.title)] += [k.title for k in self._graph.children(parent.id)
                                                        if k.id != n.id and len(k.title) <= TERM_CHARS]
        rest = sentence.replace(term, BLANK)
        return bool(shared_words(rest, term, self._by_title.get(term, [])))


def _pick_term(sentence: str, node: Node, siblings: list[Node], tokens: list[str], domain: set[str],
               exclude: set[str], keywords: Keywords, common: _CommonWords, listed: _Listed | None = None,
               ) -> str | None:
    """The key term of a sentence: a list item or defined term (or the word of the item's
    own name it states: 人口 of 市场人口), a number, else its strongest keyword; None when
    the sentence has none; ``POINTED`` when the rest of the sentence points at it: the key
    point's later sentences are less central, and a weaker word is no better card."""
    term = _best_term(sentence, node, siblings, tokens, domain, exclude, keywords, common)
    if term is not None and listed is not None and listed.points_at(sentence, term):
        return POINTED
    return term


def _best_term(sentence: str, node: Node, siblings: list[Node], tokens: list[str], domain: set[str],
               exclude: set[str], keywords: Keywords, common: _CommonWords) -> str | None:
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
        )

    # A term found once leaves the rest of the sentence intact; one found
    # several times is blanked everywhere and makes a poorer card.
    ordered = sorted(tokens, key=lambda t: sentence.count(t) > 1)
    for tok in ordered:
        if tok in domain and ok(tok):
            return tok
    if node.kind == "item" and len(node.title) <= ITEM_NAME_CHARS:
        # The word that tells this item from its siblings (人口 of 市场人口), not
        # the word they share (竞争者 of 普通竞争者). Only of a name: a word of a
        # sentence-long item (转化 of 将大客户需求转化为内部业务责任) is no key term.
        shared = [s.title for s in siblings if s.id != node.id]
        for tok in ordered:
            if ok(tok) and tok in node.title and tok not in common and not any(tok in t for t in shared):
                return tok
    m = re.match(r"^([^，,。；;：:（(“”\"]{2,8}?)是(?!指)", sentence)
    if m and ok(m.group(1)) and m.group(1) in tokens and m.group(1) not in common \
            and not m.group(1).startswith(_PRONOUN_START):
        return m.group(1)  # the subject of 「X是…」 is what the sentence defines
    for tok in ordered:
        if _NUMBER.match(tok) and tok not in exclude and sentence.count(tok) == 1:
            return tok
    words = set(tokens)
    for kw in keywords(sentence)[:3]:
        # A keyword the notes do not name is a key term only when it says something on its
        # own: two-character words (设备, 效率, 核心) fit too many blanks.
        if kw in words and ok(kw) and kw not in common and len(kw) >= KEYWORD_CHARS:
            return kw
    return None


def _add_cloze_card(deck, graph, node, node_defs, seg, domain, keywords, common, listed=None) -> None:
    parent = graph.parent(node.id)
    defined = {term for term, _ in node_defs}
    # The defining sentence already has its card: a cloze of it would answer the other.
    said = [_squash(text)[:12] for _, text in node_defs if len(_squash(text)) >= 6]
    for sentence in _sentences(node.text):
        sentence = sentence.strip(" :：")
        if any(key in _squash(sentence) for key in said):
            continue
        if (not 12 <= len(sentence) <= 80 or re.search(r"[?？]", sentence) or sentence.startswith(_META_START)
                or _FIGURE.search(sentence)):
            continue
        siblings = graph.children(parent.id) if parent is not None else []
        term = _pick_term(sentence, node, siblings, seg.cut(sentence), domain, defined, keywords, common, listed)
        if term == POINTED:
            return
        if term is None:
            continue
        blanked = sentence.replace(term, BLANK)
        context = ""
        for candidate in (node, parent):
            if candidate is not None and candidate.kind != "document" and term not in candidate.title:
                context = _clean(candidate.title)
                if candidate is node and parent is not None and parent.kind != "document" \
                        and len(context) <= 4 and term not in parent.title:
                    # 在形式上 says nothing alone: 职业道德的三大特点·在形式上
                    context = f"{_clean(parent.title)}·{context}"
                break
        front = blanked + (f"\n（{context}）" if context else "")
        if deck.add(node, "cloze", front, term):
            return
