"""Flashcards generated from the knowledge graph.

Pure: a graph in, a list of ``Flashcard`` out. Every card belongs to one node
and has an id derived from the node id, the card kind and (where a node gives
several cards of one kind) a discriminator such as the defined term, so
re-importing edited notes keeps the review history of unchanged cards.

Kinds (the Chinese labels are what the UI shows):

* ``definition``       什么是客户服务环境？ → the definition text
* ``list``             宏观环境分析包括哪五个方面？（宏五） → the items in order
* ``item_parent``      「愿望竞争者」属于哪一个知识点？ → 竞争者环境
* ``item_definition``  「指提供不同的产品以满足相同需求的竞争者」… → 普通竞争者
* ``cloze``            ____是构成市场的第一要素 → 人口
* ``duties``           客户服务经理的岗位职责有哪些？ → the bullets

A card is dropped when its answer is empty, when its front already contains
the answer, or when an earlier card has the same front (the first node in
outline order wins, so repeated passages of the notes do not double the deck).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Protocol

from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.vocab import CardKind

KIND_LABELS = {k.value: k.label for k in CardKind}
BLANK = "____"


@dataclass(frozen=True)
class Flashcard:
    id: str
    node: str
    kind: str
    front: str
    back: str

    def to_dict(self) -> dict:
        return {"id": self.id, "node": self.node, "kind": self.kind, "front": self.front, "back": self.back}


class Cutter(Protocol):
    def cut(self, text: str) -> list[str]: ...


def card_id(node_id: str, kind: str, key: str = "") -> str:
    """Stable id of the card of ``kind`` made from ``node_id`` (``key`` tells several apart)."""
    raw = "\x1f".join((node_id, kind, key))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


# -- text helpers ----------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_BULLET_MARKERS = {"•", "·", "-", "*", "●", "○", "◆", "■", "▪", "–", "—", "+"}
_ROLE_SUFFIXES = ("经理", "主管", "专员", "总监", "代表", "人员", "主任", "组长", "师", "员", "长")
_ORG_WORDS = ("组织结构", "组织机构", "组织架构", "机构设置", "部门设置", "岗位设置")
_COUNT_IN_TITLE = re.compile(r"[一二三四五六七八九十两\d]+\s*(大|个|类|种|项|点|方面|要素|特[点性]|原则|步|阶段)")
_PUNCT_EDGES = " \t\r\n:：,，、;；.。!！?？"
_DEFINITION_TEXT = re.compile(r"^(?:是指|指的是|就是|指|是)")
_DEFINITION_SENTENCE = re.compile(r"^(?P<term>[^，,。；;：:（(]{2,15}?)(?:是指|指的是)(?P<body>.{4,})$")
_SENTENCE_END = re.compile(r"(?<=[。！？；;!?\n])")
# Words too common in these notes to be worth blanking out.
_GENERIC = {
    "企业", "客户", "服务", "公司", "工作", "我们", "他们", "你们", "进行", "可以", "需要", "以及", "一个",
    "这种", "主要", "重要", "通过", "能够", "对于", "因此", "所以", "而且", "还是", "或者", "不同", "各种",
    "问题", "方面", "内容", "部门", "管理", "提供", "负责", "相关", "其中", "一般", "通常",
}
_PRONOUN_START = ("这", "那", "它", "其", "此", "该", "他", "她", "我", "你", "但", "而", "如果", "因为")


def chinese_number(n: int) -> str:
    if n < 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(n)


def _clean(text: str) -> str:
    return text.strip(_PUNCT_EDGES)


def _squash(text: str) -> str:
    """Text reduced to letters and digits, for 'does A contain B' checks."""
    return re.sub(r"[\s\W_]+", "", text)


def _gives_away(front: str, answer_parts: Iterable[str]) -> bool:
    flat = _squash(front)
    for part in answer_parts:
        key = _squash(part)
        if len(key) >= 2 and key in flat:
            return True
    return False


def _item_nodes(graph: KnowledgeGraph, node: Node) -> list[Node]:
    kids = graph.children(node.id)
    if node.count and len(kids) == node.count:
        # Items that have sub-lists of their own are often parsed as points.
        return kids
    items = [k for k in kids if k.kind == "item"]
    return items or kids


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


def _is_bullet(node: Node) -> bool:
    return node.marker.strip() in _BULLET_MARKERS


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


def _list_front(node: Node, parent: Node | None, count: int | None) -> str:
    title = _clean(node.title)
    if len(title) <= 3 and parent is not None:
        title = f"{_clean(parent.title)}的{title}"  # '部门包括哪五个方面' alone says nothing
    if _COUNT_IN_TITLE.search(title):
        front = f"{title}分别是什么？"
    elif any(w in title for w in _ORG_WORDS):
        front = f"{title}包括哪些部门（岗位）？"
    elif count:
        front = f"{title}包括哪{chinese_number(count)}个方面？"
    else:
        front = f"{title}包括哪些方面？"
    if node.mnemonic:
        front += f"（{node.mnemonic}）"
    return front


def _numbered(lines: list[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def _with_term(term: str, text: str) -> str:
    """A definition as a sentence: '客户服务环境是指…' rather than '是指…'."""
    text = _clean(text) if not text.rstrip().endswith("。") else text.strip(" \t\r\n:：")
    if text.startswith(term):
        return text
    if _DEFINITION_TEXT.match(text):
        return f"{term}{text}"
    return f"{term}：{text}"


def _definition_body(term: str, text: str) -> str:
    """The definition with the term itself blanked, for the reverse card."""
    body = text.strip(" \t\r\n:：")
    if body.startswith(term):
        body = body[len(term):].lstrip(":： ")
    body = body.rstrip("。.;； ")
    return body.replace(term, BLANK)


# -- generation --------------------------------------------------------------


class _Deck:
    """Collects cards, refusing empty answers, give-aways and duplicates."""

    def __init__(self) -> None:
        self.cards: list[Flashcard] = []
        self._ids: set[str] = set()
        self._fronts: set[str] = set()
        self._backs: set[tuple[str, str]] = set()

    def add(self, node: Node, kind: str, front: str, back: str, key: str = "", answer_parts: Iterable[str] | None = None,
            same_back_is_duplicate: bool = False) -> bool:
        front, back = front.strip(), back.strip()
        if not front or not _squash(back):
            return False
        parts = list(answer_parts) if answer_parts is not None else [back]
        if _gives_away(front, parts):
            return False
        cid = card_id(node.id, kind, key)
        fkey = _squash(front)
        bkey = (kind, _squash(back)) if same_back_is_duplicate else None
        if cid in self._ids or fkey in self._fronts or (bkey is not None and bkey in self._backs):
            return False
        self._ids.add(cid)
        self._fronts.add(fkey)
        if bkey is not None:
            self._backs.add(bkey)
        self.cards.append(Flashcard(cid, node.id, kind, front, back))
        return True


def generate_cards(graph: KnowledgeGraph, segmenter: Cutter | None = None) -> list[Flashcard]:
    """Every card the graph yields, in outline order of their nodes.

    ``segmenter`` cuts sentences into words for cloze cards; by default a
    ``cskexam.core.segment.Segmenter`` with the graph's titles as its user
    dictionary (created only when a cloze candidate needs it).
    """
    deck = _Deck()
    definitions = defaultdict(list)
    for d in graph.definitions:
        definitions[d.node].append((d.term, d.text))
    lazy = _LazySegmenter(graph, segmenter)
    ambiguous_items = _ambiguous_item_titles(graph)
    domain = _domain_terms(graph)

    for node in graph:
        if node.kind == "document":
            continue
        node_defs = _node_definitions(node, definitions.get(node.id, []))
        for term, text in node_defs:
            deck.add(node, "definition", f"什么是{term}？", _with_term(term, text), key=term,
                     answer_parts=[_definition_body(term, text)])
        if _is_role(graph, node):
            bullets = [_bullet_text(k) for k in graph.children(node.id)]
            bullets = [b for b in bullets if b]
            title = _clean(node.title)
            front = f"{title}有哪些？" if "职责" in title else f"{title}的岗位职责有哪些？"
            deck.add(node, "duties", front, "\n".join(f"• {b}" for b in bullets), answer_parts=bullets,
                     same_back_is_duplicate=True)
        else:
            _add_list_card(deck, graph, node)
        parent = graph.parent(node.id)
        if node.kind == "item" and parent is not None and parent.kind != "document":
            _add_item_cards(deck, graph, node, parent, node_defs, ambiguous_items)
        if node.kind in ("point", "item") and node.text and not _is_bullet(node):
            _add_cloze_card(deck, graph, node, node_defs, lazy, domain)
    return deck.cards


def _node_definitions(node: Node, given: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The parser's definitions of a node, else one read from '…是指…' in its text."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for term, text in given:
        term = _clean(term)
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
            return [(m.group("term"), sentence)]
    return []


def _add_list_card(deck: _Deck, graph: KnowledgeGraph, node: Node) -> None:
    kids = _item_nodes(graph, node)
    items = [_item_label(k) for k in kids]
    items = [i for i in items if i]
    if len(items) < 2:
        items = _split_inline_list(node)
    if node.count is None and not any(k.kind == "item" for k in kids):
        return
    if len(items) < 2 or (node.count and len(items) != node.count):
        # A stated count the outline does not match: the card would teach a wrong list.
        return
    front = _list_front(node, graph.parent(node.id), node.count or len(items))
    deck.add(node, "list", front, _numbered(items), answer_parts=items, same_back_is_duplicate=True)


def _ambiguous_item_titles(graph: KnowledgeGraph) -> set[str]:
    """Item titles found under differently named parents: '属于哪一个?' has no single answer."""
    parents: dict[str, set[str]] = defaultdict(set)
    for n in graph:
        if n.kind == "item" and n.parent:
            parents[_clean(n.title)].add(_clean(graph.get(n.parent).title))
    return {t for t, ps in parents.items() if len(ps) > 1}


def _add_item_cards(deck, graph, node, parent, node_defs, ambiguous) -> None:
    title = _clean(node.title)
    parent_title = _clean(parent.title)
    if len(title) >= 2 and title not in ambiguous and not _is_bullet(node) and len(title) <= 20:
        siblings = [k for k in graph.children(parent.id) if k.kind == "item"]
        position = next((i for i, k in enumerate(siblings, 1) if k.id == node.id), None)
        back = parent_title
        if position and len(siblings) >= 2:
            back += f"（第{chinese_number(position)}项，共{chinese_number(len(siblings))}项）"
        deck.add(node, "item_parent", f"「{title}」属于哪一个知识点？", back, answer_parts=[parent_title])
    for term, text in node_defs:
        body = _definition_body(term, text)
        if len(_squash(body)) < 4:
            continue
        if _DEFINITION_TEXT.match(body) is None:
            continue
        front = f"「{body}」——这是{parent_title}中的哪一项？"
        deck.add(node, "item_definition", front, term, key=term)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


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


def _pick_term(sentence: str, node: Node, parent: Node | None, tokens: list[str], domain: set[str], exclude: set[str]) -> str | None:
    body = _squash(sentence)

    def ok(tok: str) -> bool:
        return (
            2 <= len(tok) <= 10
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
    context = _clean(node.title) + (_clean(parent.title) if parent else "")
    for tok in ordered:
        if ok(tok) and tok in context:
            return tok
    m = re.match(r"^([^，,。；;：:（(“”\"]{2,8}?)是(?!指)", sentence)
    if m and ok(m.group(1)) and not m.group(1).startswith(_PRONOUN_START):
        return m.group(1)
    return None


def _add_cloze_card(deck, graph, node, node_defs, seg, domain) -> None:
    parent = graph.parent(node.id)
    defined = {term for term, _ in node_defs}
    for sentence in _sentences(node.text):
        sentence = sentence.strip(" :：")
        if not 8 <= len(sentence) <= 80 or re.search(r"[?？]", sentence):
            continue
        term = _pick_term(sentence, node, parent, seg.cut(sentence), domain, defined)
        if term is None:
            continue
        blanked = sentence.replace(term, BLANK)
        context = ""
        for candidate in (node, parent):
            if candidate is not None and candidate.kind != "document" and term not in candidate.title:
                context = _clean(candidate.title)
                break
        front = blanked + (f"\n（{context}）" if context else "")
        if deck.add(node, "cloze", front, term):
            return
