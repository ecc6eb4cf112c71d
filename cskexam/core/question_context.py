"""What question generators share: the graph read once (lists, definitions,
companies, domain terms), the limits on option and stem length, and the draw of
choice options (in ``question_options``).

Pure; randomness comes in as ``random.Random``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from cskexam.core.distractors import (
    ORG, ROLE, company_of, item_category, list_category, near_twin, same_thing, shared_words,
)
from cskexam.core.card_text import list_heading
from cskexam.core.exam_asks import asks_exam_question
from cskexam.core.grading import fold
from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.question_doubt import (  # noqa: F401  (strip_glued_heading re-exported)
    doubtful_list, furniture, not_its_own, open_entry, quiz_node, running_titles, strip_glued_heading,
)
from cskexam.core.question_names import (  # noqa: F401  (re-exported for the generators)
    _CRITERION, _GENERIC_TITLES, _HEADING_WORDS, NOTES_TITLE, _nameable, _stem_title, kind_tail, list_name,
    one_classification, short_kind,
)
from cskexam.core.question_definitions import (  # noqa: F401  (re-exported for the generators)
    _MNEMONIC_LINE, _PUNCT_TAIL, _cut_reminder, _definition, _first_sentence, meta_text,
)
from cskexam.core.question_quality import pattern_list, plain_description
from cskexam.core.question_item_titles import shown_title

if TYPE_CHECKING:
    from cskexam.core.segment import Segmenter

SINGLE_OPTIONS = 4
MULTI_OPTIONS = 5

# Options a question may never offer: they make the answer guessable.
_CATCH_ALL = re.compile(r"^(以上|上述)(都|均|全|皆)")

MAX_OPTION_CHARS = 40
MAX_STEM_TEXT_CHARS = 90
MAX_TERM_CHARS = 12
_TERM_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{3,8}$")  # a term a cloze may blank


# -- reading the graph ---------------------------------------------------------

_FLAG_BLOCKS = {"count_mismatch", "title_truncated", "false_statement", "true_statement"}


def flag_kinds(node: Node) -> set[str]:
    """The kinds of the parser's flags on ``node`` (dicts, or older ``kind: …`` strings)."""
    out: set[str] = set()
    for f in node.flags:
        out.add(str(f.get("kind")) if isinstance(f, dict) else str(f).partition(":")[0].strip())
    return out


def blocked(node: Node) -> bool:
    """True when no question may be built on ``node`` (see the parser's flags)."""
    return bool(flag_kinds(node) & _FLAG_BLOCKS)


def _items(graph: KnowledgeGraph, node: Node) -> list[Node]:
    kids = graph.entries(node.id)
    if node.count and len(kids) == node.count:
        items = kids  # items with sub-lists of their own are parsed as points (营销环境 of 微观环境)
    else:
        items = [k for k in kids if k.kind == "item"] or kids
    return _dedup(items)


def _one_kind(kids: list[Node]) -> bool:
    """Three or more entries whose names end alike (…技巧, …素质): the whole of a list."""
    cats = {item_category(k.title) for k in kids}
    return len(kids) >= 3 and len(cats) == 1 and None not in cats and not cats & {ORG, ROLE} and all(
        len(k.title) <= 8 for k in kids)


def _dedup(items: list[Node]) -> list[Node]:
    seen, out = set(), []
    for k in items:
        key = fold(k.title)
        if key and key not in seen:
            seen.add(key)
            out.append(k)
    return out


def loose_mnemonic(graph: KnowledgeGraph, node: Node) -> str:
    """A mnemonic the parser left in a text (记：“质、态、诺、期、误”) with one initial for each
    child of ``node``: the notes' own word that the children are the whole list."""
    kids = _dedup(graph.children(node.id))
    for text in [node.text] + [k.text for k in kids]:
        m = _MNEMONIC_LINE.search(text or "")
        if not m:
            continue
        parts = [p for p in re.split(r"[、，,/\s]+", m.group(1)) if p]
        if len(parts) == len(kids) >= 3 and all(len(p) <= 2 for p in parts):
            return "、".join(parts)
    return ""


def _whole(graph: KnowledgeGraph, node: Node) -> bool:
    """No entry of the list was left out: a key point with a list of its own among the items
    (考勤制度's 严格按照规定的上下班时间打卡, 超级市场's 部门) is one of them, and without a
    stated count nothing tells that it is."""
    kids = graph.children(node.id)
    items = [k for k in kids if k.kind == "item"]
    return not items or all(k.kind == "item" or not graph.children(k.id) for k in kids)


def _usable_option(title: str) -> bool:  # noqa: D103
    # A title cut short by the parser ("…") cannot be offered as an answer.
    # 居民收入等因素 closes a series the notes leave open: no option, no statement of its own.
    return (1 < len(title) <= MAX_OPTION_CHARS and not _CATCH_ALL.match(title)
            and not title.endswith(("…", "...")) and not open_entry(title))


def _term_like(title: str) -> bool:
    """Short names (品牌竞争者) can be asked for by definition; duty sentences cannot."""
    return len(title) <= MAX_TERM_CHARS


_TERM_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,12}")

def sub_list(graph: KnowledgeGraph, node: Node) -> bool:
    """The list is one entry of a bigger enumeration (服务态度问题 among the 投诉原因, 倾听技巧
    among the 技巧, 畅通投诉渠道 among the 预防 lines): a detail, not a key point of its own."""
    for anc in reversed(graph.ancestors(node.id)):
        if anc.kind == "document":
            break
        if any(k.kind == "item" and _TERM_WORD.fullmatch(k.title) for k in graph.children(anc.id)):
            return True
        text = (anc.text or "").strip()
        if anc.id == node.parent and text and "是指" not in text and not meta_text(text):
            return True  # the other entries are plain lines of the parent's text
    return False


def described(graph: KnowledgeGraph, items: list[Node]) -> bool:
    """Every item of the list says what it is (竞争者环境's four kinds of competitor): no bare detail."""
    return all(_definition(graph, i) for i in items)


@dataclass
class _ListInfo:
    node: Node
    items: list[Node]
    index: int  # position in outline order
    document: str = ""  # id of the document the list is in
    category: str | None = None  # what its items name (see distractors.item_category)
    count_ok: bool = True  # a stated count, if any, matches the items found
    defined: bool = False  # the notes define the list's term
    mnemonic: str = ""  # the notes' mnemonic for it (口诀), parsed or found in a reminder line
    found: list[Node] | None = None  # every item the notes list, also those no option can be (山, 水)

    @cached_property
    def short_terms(self) -> bool:
        """Every item is a short term, no unit or role: asked of each list by every list beside it."""
        return all(len(i.title) <= SIBLING_TERM_CHARS and item_category(i.title) not in (ORG, ROLE) for i in self.items)

    @cached_property
    def item_titles(self) -> list[str]:
        """The items' titles, made once: a list of thousands of items is named for each of them."""
        return [i.title for i in self.items]

    @property
    def whole(self) -> bool:
        """``items`` are every item the notes list: a stem may present them as the whole list."""
        return self.found is None or len(self.found) == len(self.items)

    @property
    def printable(self) -> list[Node] | None:
        """Every item the notes list, where each can be printed (none flagged by the parser):
        the list a stem or an explanation may spell out; None when some cannot be shown."""
        if self.found is None:
            return self.items
        return None if any(blocked(i) for i in self.found) else self.found


SIBLING_TERM_CHARS = 8
# A list's kin are looked for among the lists nearest it under its heading: an
# examiner's distractors come from the lists beside it, and a heading over
# thousands of lists (a generated file) must not cost each list all the others.
SIBLING_WINDOW = 12


def _nested(a: _ListInfo, b: _ListInfo) -> bool:
    """One list spells out an item of the other (职业态度的要求 of 职业素养's 职业态度): their
    items overlap in meaning, so neither is a wrong answer to the other."""
    return (any(len(i.title) >= 2 and i.title in b.node.title for i in a.items)
            or any(len(i.title) >= 2 and i.title in a.node.title for i in b.items))


class _Context:
    def __init__(self, graph: KnowledgeGraph):
        self.graph = graph
        self.order = {nid: i for i, nid in enumerate(graph.nodes)}
        self._terms: list[str] | None = None
        self._term_lengths: dict[str, list[int]] | None = None
        self._term_set: set[str] = set()
        self._spread: dict[str, int] | None = None
        self._listed: dict[str, list[str]] = {}
        self._listed_at: dict[str, dict[str, str]] | None = None
        self._segmenter: Segmenter | None = None  # loads a dictionary: only when a cloze needs it
        self._outsiders: dict[str, list[str]] = {}  # by list node id: asked by several question makers
        self.lists: list[_ListInfo] = []
        self.running = running_titles(graph)
        for n in self._list_nodes():
            if blocked(n) or quiz_node(graph, n):
                continue
            found = _items(graph, n)
            count_ok = n.count == len(found) if n.count is not None else _whole(graph, n)
            mnemonic = n.mnemonic or loose_mnemonic(graph, n)
            kids = _dedup(graph.entries(n.id))
            if n.count is None and mnemonic and len(re.split(r"[、，,/\s]+", mnemonic)) == len(kids):
                found, count_ok = kids, True  # 记：“质、态、诺、期、误”: one initial for each entry
            elif n.count is None and not count_ok and _one_kind(kids):
                found, count_ok = kids, True  # 倾听技巧 … 补偿技巧: entries of one kind, some with lists of their own
            if any(furniture(i.title, self.running) for i in found) or doubtful_list(graph, n, found):
                continue  # a page's header among the items, a quiz's options, field labels, a count that disagrees
            if any(asks_exam_question(i.title) for i in found):
                continue  # 简述…的含义 beside 客户细分: a sheet of questions, no things of one kind
            items = [i for i in found if _usable_option(i.title) and not blocked(i)]
            if len(items) >= 2:
                self.lists.append(_ListInfo(
                    n, items, self.order[n.id], graph.document_of(n.id).id,
                    list_category([i.title for i in items]),
                    count_ok,
                    any(d.text.strip() for d in graph.definitions_of(n.id)),
                    mnemonic,
                    list(found),
                ))
        # Members of every list sharing a title, and everything below a list:
        # the same list appears in several documents, and its items must never
        # be offered as wrong answers to it.
        self.members_by_title: dict[str, set[str]] = {}
        # The lists under each heading, in order: a list's kin are looked for among its
        # siblings, not among every list of the library (ten thousand small files).
        self._by_parent: dict[str | None, list[_ListInfo]] = {}
        self._place: dict[str, int] = {}  # a list's place among the lists of its heading
        self._siblings: dict[str, list[_ListInfo]] = {}
        self._by_folded_title: dict[str, list[Node]] | None = None
        self._folded_definitions: dict[str, str] = {}
        self._labels: dict[str, bool] = {}
        for info in self.lists:
            self.members_by_title.setdefault(fold(_stem_title(info.node.title)), set()).update(
                same_thing(i.title) for i in info.items)
            beside = self._by_parent.setdefault(info.node.parent, [])
            self._place[info.node.id] = len(beside)
            beside.append(info)

    def terms(self) -> list[str]:
        """Titles of key points that read as terms, longest first (so 客户服务环境 wins over 服务环境)."""
        if self._terms is None:
            found = {n.title for n in self.graph if n.kind in ("point", "item") and _TERM_OK.match(n.title)
                     and not blocked(n) and not asks_exam_question(n.title)}
            self._terms = sorted(found, key=lambda t: (-len(t), t))
        return self._terms

    def terms_in(self, text: str) -> list[str]:
        """The ``terms`` that ``text`` holds, in the same order: looked up at each place of
        the text by the lengths terms come in, not each term searched for (notes of
        twenty thousand key points have as many terms)."""
        if self._term_lengths is None:
            lengths: dict[str, set[int]] = {}
            for term in self.terms():
                lengths.setdefault(term[0], set()).add(len(term))
            self._term_lengths = {ch: sorted(sizes) for ch, sizes in lengths.items()}
            self._term_set = set(self.terms())
        found = {text[at:at + size] for at, ch in enumerate(text) for size in self._term_lengths.get(ch, ())
                 if at + size <= len(text)}
        return sorted(found & self._term_set, key=lambda t: (-len(t), t))

    def spread(self, term: str) -> int:
        """How many key points' texts use ``term``: the notes' everyday words (市场营销) are
        in many, a key term in few."""
        if self._spread is None:
            self._spread = {}
        if term not in self._spread:
            self._spread[term] = sum(1 for n in self.graph if term in (n.text or ""))
        return self._spread[term]

    def word_bounds(self, text: str) -> set[int]:
        """Offsets where a word starts or ends, segmenting with the graph's titles."""
        if self._segmenter is None:
            from cskexam.core.segment import Segmenter, domain_terms

            self._segmenter = Segmenter(domain_terms(self.graph))
        bounds, pos = {0}, 0
        for token in self._segmenter.cut(text):
            pos += len(token)
            bounds.add(pos)
        return bounds

    def _list_nodes(self) -> list[Node]:
        """Enumerations, plus documents that are themselves one (an org chart's
        departments listed straight under the title)."""
        found = {n.id for n in self.graph.lists()}
        for doc in self.graph.documents():
            kids = [k for k in self.graph.children(doc.id) if k.kind in ("point", "item")]
            if len(kids) >= 3 and sum(_term_like(k.title) for k in kids) >= 3:
                found.add(doc.id)
        return [n for n in self.graph if n.id in found]

    def listed_with(self, title: str) -> list[str]:
        """Titles listed beside every key point named ``title``: the wrong answers a blank has."""
        if self._listed_at is None:
            # Where each title is listed, read once; what is beside it only when asked (no square).
            self._listed_at = {}
            for n in self.graph:
                if n.parent is not None:
                    self._listed_at.setdefault(fold(n.title), {}).setdefault(n.parent, n.id)
        key = fold(title)
        if key not in self._listed:
            # Only names are options a blank is told from; duty sentences listed alongside are not.
            self._listed[key] = [k.title for pid, nid in self._listed_at.get(key, {}).items()
                                 for k in self.graph.children(pid) if k.id != nid and _term_like(k.title)]
        return self._listed[key]

    def labels(self, info: _ListInfo) -> bool:
        """The list's items are labels (在内容上…) or not all terms: asked once per list,
        not once per item."""
        found = self._labels.get(info.node.id)
        if found is None:
            found = self._labels[info.node.id] = (
                not all(_term_like(i.title) for i in info.items) or pattern_list(i.title for i in info.items))
        return found

    def folded_definition(self, node: Node) -> str:
        """``fold(_definition(graph, node))``, worked out once per node: each item of a list is
        compared with every other, so a long list would make it again and again."""
        found = self._folded_definitions.get(node.id)
        if found is None:
            found = self._folded_definitions[node.id] = fold(_definition(self.graph, node))
        return found

    def describes_kind(self, text: str, title: str) -> bool:
        """``text`` calls the key point named ``title`` by the name of its list (「…重要宏观环境因素」
        of 政治法律环境): every item of the list fits it, so it singles none out."""
        if self._by_folded_title is None:
            # Built once: a look through every node per question made a big file's
            # generation quadratic.
            self._by_folded_title = {}
            for node in self.graph:
                self._by_folded_title.setdefault(fold(node.title), []).append(node)
        for n in self._by_folded_title.get(fold(title), ()):
            parent = self.graph.parent(n.id)
            if parent is not None and parent.kind != "document":
                kind = _stem_title(parent.title)
                if len(kind) >= 2 and kind in text:
                    return True
        return False

    def blank_points_at(self, stem: str, answer: str) -> bool:
        """The stem shares a word with the blank's answer that no item listed beside it shares."""
        return bool(shared_words(stem, answer, self.listed_with(answer)))

    def doc_title(self, node: Node) -> str:
        return self.graph.document_of(node.id).title

    def company(self, node: Node) -> str | None:
        return company_of(self.doc_title(node))

    def path(self, node: Node) -> str:
        titles = [n.title for n in self.graph.ancestors(node.id)[1:]] + [node.title]
        return " › ".join(titles)

    def outsiders(self, info: _ListInfo) -> list[str]:
        """Items of the lists of the same classification as ``info`` (``sibling_lists``), never
        anything the list holds: for 动态测试, the items of 静态测试.

        Nothing else is surely wrong. An item of another classification of the same parent
        (单元测试, by stage) can be a 动态测试 too; an item of a list of the same shape elsewhere
        (软件质量特性's 可靠性 for 信息安全的基本属性) or of another subject (春节 for
        四大发明) is a disputable key or a give-away. Organisation units and roles are no
        outsiders to anything: every company has a 财务部, so none is surely wrong.
        """
        if info.category in (ORG, ROLE):
            return []
        known = self._outsiders.get(info.node.id)
        if known is None:
            known = self._outsiders[info.node.id] = self._find_outsiders(info)
        return list(known)  # callers filter and sample their own copy

    def _find_outsiders(self, info: _ListInfo) -> list[str]:
        own = set(self.members_by_title.get(fold(_stem_title(info.node.title)), set()))
        below = {n.id for n in self.graph.descendants(info.node.id)}
        own |= {same_thing(self.graph.get(nid).title) for nid in below}
        own.add(same_thing(info.node.title))
        out: list[str] = []
        tail = kind_tail([i.title for i in info.items])
        kin = self.sibling_lists(info)
        mine = [i.title for i in info.items]
        every = mine + [i.title for other in kin for i in other.items]
        for other in kin:
            theirs = kind_tail([i.title for i in other.items])
            if tail and theirs and theirs != tail:
                continue  # 保健因素 among needs: things of another kind give themselves away
            for item in other.items:
                key = same_thing(item.title)
                if any(near_twin(item.title, m, every) for m in mine):
                    continue  # 基本资料 for a list holding 基本信息: wrong by wording only
                if key not in own:
                    own.add(key)
                    out.append(item.title)
        return out

    def twin_in(self, title: str, info: _ListInfo, other: _ListInfo) -> bool:
        """``other`` holds a near twin of ``title`` (an item of ``info``): saying it is not in
        ``other`` would turn on wording alone."""
        every = [i.title for i in info.items] + [i.title for i in other.items]
        return any(near_twin(title, i.title, every) for i in other.items)

    def kin_lists(self, info: _ListInfo) -> list[_ListInfo]:
        """The lists of the same classification (``sibling_lists``), copies of it left out."""
        mine = fold(_stem_title(info.node.title))
        out, seen = [], {mine}
        for other in self.sibling_lists(info):
            name = fold(_stem_title(other.node.title))
            if name not in seen:
                seen.add(name)
                out.append(other)
        return out

    def sibling_lists(self, info: _ListInfo) -> list[_ListInfo]:
        """Lists of the same classification as this one: beside it under one parent, named as
        classes of one kind (静态测试 and 动态测试, 宏观环境 and 微观环境, 过程型 and 内容型),
        with items that are terms of the same shape: an examiner's distractors.

        Not kin: a criterion of another division (按测试阶段 beside 按是否执行程序), a list of
        another kind under the same heading (传统节日 beside 四大发明), lists of units or roles,
        lists of traits (…性) beside lists of anything else."""
        known = self._siblings.get(info.node.id)
        if known is None:
            known = self._siblings[info.node.id] = self._find_siblings(info)
        return known

    def _find_siblings(self, info: _ListInfo) -> list[_ListInfo]:
        parent = self.graph.parent(info.node.id)
        if (not info.short_terms or info.category in (ORG, ROLE) or info.node.kind in ("document", "chapter")
                or parent is None or parent.kind == "document" and NOTES_TITLE.search(parent.title)):
            return []  # lists straight under a set of notes are its topics (创建型模式 beside 质量属性), no kin
        beside = self._by_parent.get(info.node.parent, [])
        at = self._place.get(info.node.id, 0)
        return [other for other in beside[max(0, at - SIBLING_WINDOW) : at + SIBLING_WINDOW + 1]
                if other is not info
                and other.short_terms and not _nested(info, other)
                and _nameable(_stem_title(other.node.title))  # 记住“三心”: a reminder, no kind of its own
                and one_classification(info.node.title, other.node.title)]


def _explain(ctx: _Context, node: Node, extra: str = "") -> str:
    where = ctx.path(node)
    bits = [f"见笔记「{where}」"]
    if node.page:
        bits.append(f"（{node.page}）")
    text = extra or _first_sentence(node.text)
    if text:
        bits.append(f"：{text}")
    return "".join(bits) + "。"


def _list_summary(info: _ListInfo) -> str:
    # A list never reads as whole when it is not: 「构景要素包括植物、建筑」 of 山、水、植物、建筑.
    shown = info.printable
    names = "、".join(shown_title(i) for i in (shown if shown is not None else info.items))
    if shown is None:
        names += "等"
    mnemonic = info.mnemonic or info.node.mnemonic
    tail = f"（{mnemonic}）" if mnemonic else ""
    own = list_heading(info.node.title, info.node.count, [i.title for i in info.items])  # RFM模型 3个指标
    title = re.sub(r"(包括|包含|有|如下|分为)$", "", own) or own  # …主要有四类包括
    return f"{title}包括{names}{tail}"
