"""Exam questions generated from the knowledge graph (the model is ``core/question.py``).

Pure. Every generated question is tied to the node whose text supports its
answer, records the kind of generator that made it, and has an id that is a
stable hash of node id + kind, so re-importing unchanged notes gives the same
questions (and keeps their 错题本 history).

Randomness comes from the injected ``random.Random``: one salt is drawn from
it, and each question shuffles with its own ``Random(salt, node, kind)``, so a
question's options do not change when an unrelated part of the notes does.

Options follow the paper: 单选 exactly 4 (A–D), 多选 exactly 5 (A–E) with 2
or 3 right. Distractors are of the key's category (``cskexam.core.distractors``):
sibling items, or items of other lists of the same kind; organisation units
and roles are never asked as "which belongs to", since every company has
them. An item whose key a knowledge-free guesser would find (most characters
shared with the stem, the longest option) is drawn again or dropped. Nodes
the parser flagged produce nothing, except the 判断 a marked statement is.

Kinds generated:

* ``single_definition`` 单选: （ ）是指… → which sibling it is; distractors
  are sibling items of the same list (department stems name the company).
* ``single_member`` 单选: which option belongs to a list; distractors are
  items of same-category lists (宏观环境 items vs 微观环境 items).
* ``single_not_member`` 单选: 下列不属于…的是 — three items and one outsider.
* ``multi_members`` 多选: which options belong to a list; 2–3 real items and
  same-category outsiders.
* ``judge_definition`` 判断: an item's description attributed rightly, or to a
  sibling (false).
* ``judge_members`` 判断: a list stated whole, or with one item swapped for an
  outsider (false).
* ``judge_statement`` 判断: a statement the notes mark （√） or （×）.
* ``cloze_list`` 填空: a list with one item blanked.
* ``cloze_sentence`` 填空: a key sentence ``X是Y`` with the short side blanked.
* ``cloze_term`` 填空: otherwise, a key sentence with a domain term (the title
  of another key point, longest first) blanked.
* ``short_list`` 简答: a list asked as an open question, items as 采分点.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from cskexam.core.distractors import (
    ORG, ROLE, company_of, gives_away, item_category, list_category, same_thing, stem_gives_key,
)
from cskexam.core.grading import ScoringPoint, fold
from cskexam.core.graph import KnowledgeGraph, Node

if TYPE_CHECKING:
    from cskexam.core.segment import Segmenter

from cskexam.core.question import BLANK, LETTERS, SOURCES, Question, question_id  # noqa: F401  (re-exported)
from cskexam.core.vocab import QuestionType

SINGLE_OPTIONS = 4
MULTI_OPTIONS = 5
DRAWS = 12  # tries at distractors before a question whose key shows is dropped

# Options a question may never offer: they make the answer guessable.
_CATCH_ALL = re.compile(r"^(以上|上述)(都|均|全|皆)")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_PUNCT_TAIL = "。，、；：,.;: "

MAX_OPTION_CHARS = 40
MAX_STEM_TEXT_CHARS = 90
MAX_TERM_CHARS = 12


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


def _first_sentence(text: str) -> str:
    text = (text or "").strip()
    for part in _SENTENCE_END.split(text):
        part = part.strip().rstrip(_PUNCT_TAIL)
        if part:
            return part
    return ""


def _definition(graph: KnowledgeGraph, node: Node) -> str:
    """The node's defining sentence: a parsed definition, else its first sentence."""
    for d in graph.definitions_of(node.id):
        if d.text.strip():
            return _first_sentence(d.text)
    return _first_sentence(node.text)


def _items(graph: KnowledgeGraph, node: Node) -> list[Node]:
    kids = graph.children(node.id)
    items = [k for k in kids if k.kind == "item"] or kids
    seen, out = set(), []
    for k in items:
        key = fold(k.title)
        if key and key not in seen:
            seen.add(key)
            out.append(k)
    return out


def _usable_option(title: str) -> bool:
    # A title cut short by the parser ("…") cannot be offered as an answer.
    return (1 < len(title) <= MAX_OPTION_CHARS and not _CATCH_ALL.match(title)
            and not title.endswith(("…", "...")))


def _term_like(title: str) -> bool:
    """Short names (品牌竞争者) can be asked for by definition; duty sentences cannot."""
    return len(title) <= MAX_TERM_CHARS


# A list title that reads as an outline heading, not as the name of a thing:
# 组织结构项目的客户服务组织机构包括以下部门和职责, 严格按照规定的上下班时间打卡.
_HEADING_WORDS = re.compile(r"包括|以下|如下|按照|将使|受益|[:：,，。；;（）()]")
_GENERIC_TITLES = {"部门", "组织结构", "组织机构", "岗位职责", "职责", "基础知识部分", "重点内容"}


def _nameable(title: str) -> bool:
    return 3 <= len(title) <= 12 and not _HEADING_WORDS.search(title) and title not in _GENERIC_TITLES


def _stem_title(title: str) -> str:
    """宏观环境分析 is asked as 宏观环境: 「下列属于宏观环境分析的是」 is no paper's wording."""
    for tail in ("分析", "研究"):
        if title.endswith(tail) and len(title) - len(tail) >= 3:
            return title[: -len(tail)]
    return title


@dataclass
class _ListInfo:
    node: Node
    items: list[Node]
    index: int  # position in outline order
    document: str = ""  # id of the document the list is in
    category: str | None = None  # what its items name (see distractors.item_category)
    count_ok: bool = True  # a stated count, if any, matches the items found


class _Context:
    def __init__(self, graph: KnowledgeGraph):
        self.graph = graph
        self.order = {nid: i for i, nid in enumerate(graph.nodes)}
        self._terms: list[str] | None = None
        self._segmenter: Segmenter | None = None  # loads a dictionary: only when a cloze needs it
        self.lists: list[_ListInfo] = []
        for n in self._list_nodes():
            if blocked(n):
                continue
            items = [i for i in _items(graph, n) if _usable_option(i.title) and not blocked(i)]
            if len(items) >= 2:
                self.lists.append(_ListInfo(
                    n, items, self.order[n.id], graph.document_of(n.id).id,
                    list_category([i.title for i in items]),
                    n.count is None or n.count == len(_items(graph, n)),
                ))
        # Members of every list sharing a title, and everything below a list:
        # the same list appears in several documents, and its items must never
        # be offered as wrong answers to it.
        self.members_by_title: dict[str, set[str]] = {}
        for info in self.lists:
            self.members_by_title.setdefault(fold(_stem_title(info.node.title)), set()).update(
                same_thing(i.title) for i in info.items)
        self._by_category: dict[str, list[_ListInfo]] = {}
        for info in self.lists:
            if info.category:
                self._by_category.setdefault(info.category, []).append(info)

    def terms(self) -> list[str]:
        """Titles of key points that read as terms, longest first (so 客户服务环境 wins over 服务环境)."""
        if self._terms is None:
            found = {n.title for n in self.graph if n.kind in ("point", "item") and _TERM_OK.match(n.title)
                     and not blocked(n)}
            self._terms = sorted(found, key=lambda t: (-len(t), t))
        return self._terms

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

    def doc_title(self, node: Node) -> str:
        return self.graph.document_of(node.id).title

    def company(self, node: Node) -> str | None:
        return company_of(self.doc_title(node))

    def path(self, node: Node) -> str:
        titles = [n.title for n in self.graph.ancestors(node.id)[1:]] + [node.title]
        return " › ".join(titles)

    def outsiders(self, info: _ListInfo) -> list[str]:
        """Items of other lists of the same category, never anything the list holds.

        Organisation units and roles are no outsiders to anything: every
        company has a 财务部, so none is surely wrong.
        """
        if info.category is None or info.category in (ORG, ROLE):
            return []
        own = set(self.members_by_title.get(fold(_stem_title(info.node.title)), set()))
        below = {n.id for n in self.graph.descendants(info.node.id)}
        own |= {same_thing(self.graph.get(nid).title) for nid in below}
        own.add(same_thing(info.node.title))
        out: list[str] = []
        for other in sorted(self._by_category.get(info.category, ()),
                            key=lambda o: (o.document != info.document, abs(o.index - info.index))):
            if other is info or other.node.id in below or info.node.id in {
                    a.id for a in self.graph.ancestors(other.node.id)}:
                continue
            for item in other.items:
                key = same_thing(item.title)
                if key not in own and item_category(item.title) == info.category:
                    own.add(key)
                    out.append(item.title)
        return out


def _letters(options: list[str]) -> dict[str, str]:
    return {LETTERS[i]: text for i, text in enumerate(options)}


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
    names = "、".join(i.title for i in info.items)
    tail = f"（{info.node.mnemonic}）" if info.node.mnemonic else ""
    return f"{info.node.title}包括{names}{tail}"


def _choice(stem: str, right: list[str], wrong_pool: list[str], n_wrong: int, rng: random.Random,
            ) -> tuple[dict[str, str], list[str]] | None:
    """Options with ``right`` among them, shuffled; None when every draw gives the key away."""
    if len(wrong_pool) < n_wrong:
        return None
    for _ in range(DRAWS):
        opts = list(right) + rng.sample(wrong_pool, n_wrong)
        rng.shuffle(opts)
        letters = _letters(opts)
        key = [k for k, v in letters.items() if v in right]
        if len({fold(o) for o in opts}) == len(opts) and not gives_away(stem, letters, key):
            return letters, key
    return None


# -- generators ------------------------------------------------------------------

_PRONOUN_START = ("该", "其", "他们", "它", "这", "此")
_LIST_NOUNS = ("原则", "要素", "特性", "特点", "能力", "机制", "职能")


def _definition_stem(ctx: _Context, info: _ListInfo, text: str) -> str | None:
    """A paper's wording for 'which item is described so': （ ）是指…。"""
    company = ctx.company(info.node)
    where = f"在{company}中，" if company and company not in text else ""
    if text.startswith(_PRONOUN_START):
        return None
    if text.startswith(("指", "是指")):
        return f"{where}（ ）{'是' if text.startswith('指') else ''}{text}。"
    if text.startswith(("负责", "主要负责", "为", "作为", "是")):
        return f"{where}（ ）{text}。"
    if "是" in text[:10] or len(text) < 6:
        return None  # a sentence with a subject of its own, or too little to go on
    if re.search(r"应|必须", text):
        # A rule, not a description: 「…应以客户需求为核心…，这体现的原则是」.
        noun = next((n for n in _LIST_NOUNS if info.node.title.endswith(n)), "")
        return f"{where}{text}，这体现的{noun or '是'}{'是' if noun else ''}（ ）。"
    return f"{where}（ ）是{text}。"


def _coherent(ctx: _Context, info: _ListInfo) -> bool:
    """A list whose items are things of one kind: a named list, or a company's units.
    An outline part (基础知识部分) lists unrelated key points: none is a fair wrong answer to another."""
    return _nameable(_stem_title(info.node.title)) or ctx.company(info.node) is not None


def _single_definition(ctx: _Context, info: _ListInfo, item: Node, rng: random.Random) -> Question | None:
    if not _coherent(ctx, info):
        return None
    text = _definition(ctx.graph, item)
    if not text or len(text) > MAX_STEM_TEXT_CHARS or fold(item.title) in fold(text):
        return None
    if not all(_term_like(i.title) for i in info.items):
        return None
    stem = _definition_stem(ctx, info, text)
    if stem is None:
        return None
    sibs = [s.title for s in info.items if s.id != item.id and same_thing(s.title) != same_thing(item.title)]
    pool = sibs if len(sibs) >= SINGLE_OPTIONS - 1 else sibs + ctx.outsiders(info)
    if stem_gives_key(stem, item.title) or len(pool) < SINGLE_OPTIONS - 1:
        return None
    # Siblings first: outsiders only fill a list of three.
    wrong = sibs if len(sibs) >= SINGLE_OPTIONS - 1 else sibs + rng.sample(
        pool[len(sibs):], min(len(pool) - len(sibs), SINGLE_OPTIONS - 1 - len(sibs)))
    made = _choice(stem, [item.title], wrong, SINGLE_OPTIONS - 1, rng)
    if made is None:
        return None
    options, key = made
    return Question(
        question_id(item.id, "single_definition"), "单选", stem, key[0], options,
        _explain(ctx, item, f"{item.title}：{text}"), item.id, kind="single_definition",
        document=ctx.doc_title(item), difficulty=2,
    )


def _member_title(info: _ListInfo) -> str | None:
    title = _stem_title(info.node.title)
    return title if _nameable(title) and info.count_ok else None


def _single_member(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    title = _member_title(info)
    foreign = ctx.outsiders(info)
    if title is None or len(foreign) < SINGLE_OPTIONS - 1:
        return None
    stem = f"下列属于{title}的是（ ）。"
    right = rng.choice(info.items).title
    made = _choice(stem, [right], foreign, SINGLE_OPTIONS - 1, rng)
    if made is None:
        return None
    options, key = made
    return Question(
        question_id(info.node.id, "single_member"), "单选", stem, key[0], options,
        _explain(ctx, info.node, _list_summary(info)),
        info.node.id, kind="single_member", document=ctx.doc_title(info.node), difficulty=1,
    )


def _single_not_member(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    title = _member_title(info)
    foreign = ctx.outsiders(info)
    if title is None or not foreign or len(info.items) < SINGLE_OPTIONS - 1:
        return None
    stem = f"下列不属于{title}的是（ ）。"
    outsider = rng.choice(foreign)
    for _ in range(DRAWS):
        members = [i.title for i in rng.sample(info.items, SINGLE_OPTIONS - 1)]
        opts = members + [outsider]
        rng.shuffle(opts)
        options = _letters(opts)
        key = LETTERS[opts.index(outsider)]
        if not gives_away(stem, options, [key]):
            break
    else:
        return None
    return Question(
        question_id(info.node.id, "single_not_member"), "单选", stem, key, options,
        _explain(ctx, info.node, _list_summary(info) + f"；{outsider}不在其中"),
        info.node.id, kind="single_not_member", document=ctx.doc_title(info.node), difficulty=2,
    )


def _multi_members(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    title = _member_title(info)
    foreign = ctx.outsiders(info)
    if title is None or len(info.items) < 2:
        return None
    stem = f"下列属于{title}的有（ ）。"
    # 2 or 3 right of 5: at least two wrong, so "choose all but one" is no strategy.
    choices = [n for n in (2, 3) if n <= len(info.items) and MULTI_OPTIONS - n <= len(foreign)]
    if not choices:
        return None
    for _ in range(DRAWS):
        real_n = rng.choice(choices)
        right = [i.title for i in rng.sample(info.items, real_n)]
        made = _choice(stem, right, foreign, MULTI_OPTIONS - real_n, rng)
        if made is not None:
            break
    else:
        return None
    options, key = made
    return Question(
        question_id(info.node.id, "multi_members"), "多选", stem, key, options,
        _explain(ctx, info.node, _list_summary(info)),
        info.node.id, kind="multi_members", document=ctx.doc_title(info.node), difficulty=2,
    )


def _judge_definition(ctx: _Context, info: _ListInfo, item: Node, rng: random.Random) -> Question | None:
    if not _coherent(ctx, info):
        return None
    text = _definition(ctx.graph, item)
    if not text or len(text) > MAX_STEM_TEXT_CHARS or fold(item.title) in fold(text):
        return None
    if not all(_term_like(i.title) for i in info.items):
        return None
    others = [
        s for s in info.items
        if s.id != item.id and same_thing(s.title) != same_thing(item.title)
        and fold(_definition(ctx.graph, s)) != fold(text)
    ]
    if not others:
        return None  # it could only ever be true: a guesser's 对 would win
    truthful = rng.random() < 0.5
    named = item if truthful else rng.choice(others)
    company = ctx.company(info.node)
    title = _stem_title(info.node.title)
    if company:
        where = f"在{company}中，" if company not in text else ""
    else:
        where = f"{title}中，" if _nameable(title) and info.node.kind != "document" else ""
    if text.startswith(_PRONOUN_START):
        return None  # 该部门负责… reads wrongly once a name is put before it
    if text.startswith(("指", "是指", "一般指", "通常指", "负责", "主要负责")):
        stem = f"{where}{named.title}{text}。"
    elif "是" in text[:10] or len(text) < 6:
        return None
    else:
        stem = f"{where}{named.title}是{text}。"
    expl = _explain(ctx, item, f"{item.title}：{text}")
    if not truthful:
        expl = expl.rstrip("。") + f"；题中说的{named.title}与此不同。"
    return Question(
        question_id(item.id, "judge_definition"), QuestionType.JUDGE, stem, "对" if truthful else "错", {},
        expl, item.id, kind="judge_definition", document=ctx.doc_title(item), difficulty=2,
    )


def _judge_members(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    """「宏观环境包括市场人口、经济环境、…」 stated whole, or with one item swapped for an outsider."""
    title = _member_title(info)
    foreign = ctx.outsiders(info)
    if title is None or not foreign or not 3 <= len(info.items) <= 6:
        return None
    names = [i.title for i in info.items]
    truthful = rng.random() < 0.5
    if not truthful:
        names[rng.randrange(len(names))] = rng.choice(foreign)
    stem = f"{title}包括{'、'.join(names)}。"
    return Question(
        question_id(info.node.id, "judge_members"), "判断", stem, "对" if truthful else "错", {},
        _explain(ctx, info.node, _list_summary(info)), info.node.id, kind="judge_members",
        document=ctx.doc_title(info.node), difficulty=2,
    )


def _judge_statement(ctx: _Context, node: Node) -> Question | None:
    """A statement the notes mark right （√） or wrong （×）: the 判断 it is meant to be."""
    kinds = flag_kinds(node)
    truth = "对" if "true_statement" in kinds else "错" if "false_statement" in kinds else None
    text = _first_sentence(node.title if len(node.title) >= len(node.text) else node.text)
    if truth is None or len(text) < 6:
        return None
    return Question(
        question_id(node.id, "judge_statement"), "判断", f"{text}。", truth, {},
        _explain(ctx, node), node.id, kind="judge_statement", document=ctx.doc_title(node), difficulty=2,
    )


def _cloze_list(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    titles = [i.title for i in info.items]
    if len(titles) > 8 or any(len(t) > 12 for t in titles) or not info.count_ok:
        return None
    if info.node.kind == "document":
        # An org chart listed under the document: named by its company, or not asked.
        company = ctx.company(info.node)
        if company is None:
            return None
        title = f"{company}的部门"
    elif _nameable(_stem_title(info.node.title)):
        title = info.node.title
    else:
        return None
    hidden = rng.randrange(len(titles))
    shown = [BLANK if i == hidden else t for i, t in enumerate(titles)]
    stem = f"{title}包括：{'、'.join(shown)}。"
    return Question(
        question_id(info.node.id, "cloze_list"), QuestionType.FILL, stem, titles[hidden], {},
        _explain(ctx, info.node, _list_summary(info)), info.node.id, kind="cloze_list",
        document=ctx.doc_title(info.node), difficulty=2,
    )


_IS = re.compile(r"^(?P<head>[^，,。；;是]{2,10})是(?P<tail>[^，,。；;]{2,60})$")
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》]")


def _cloze_sentence(ctx: _Context, node: Node, rng: random.Random) -> Question | None:
    sentence = _first_sentence(node.text)
    m = _IS.match(sentence)
    if not m or _QUOTES.search(sentence):
        return None
    head, tail = m.group("head"), m.group("tail")
    copula = "是"
    lead = re.match(r"一种|一个|一项|一类", tail)
    if lead:  # 是一个____ reads better than 是____ with 一个动态系统 as the answer
        copula, tail = "是" + lead.group(0), tail[lead.end():]
    if 2 <= len(tail) <= 8:
        stem, answer = f"{head}{copula}{BLANK}。", tail
    elif len(head) <= 8:
        stem, answer = f"{BLANK}{copula}{tail}。", head
    else:
        return None
    return Question(
        question_id(node.id, "cloze_sentence"), QuestionType.FILL, stem, answer, {},
        _explain(ctx, node, sentence), node.id, kind="cloze_sentence",
        document=ctx.doc_title(node), difficulty=2,
    )


_TERM_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{3,8}$")


_NOT_A_KEY_SENTENCE = re.compile(r"[\[\]【】?？]|如图")


def _cloze_term(ctx: _Context, node: Node, rng: random.Random) -> Question | None:
    """Blank a domain term (another key point's title) in the node's key sentence.

    The blank must cover whole words of the segmented sentence, so 服务环境 is
    never cut out of 客户服务环境.
    """
    sentence = _first_sentence(node.text)
    if not 8 <= len(sentence) <= MAX_STEM_TEXT_CHARS or _QUOTES.search(sentence):
        return None
    if _NOT_A_KEY_SENTENCE.search(sentence):
        return None
    bounds = None
    for term in ctx.terms():
        at = sentence.find(term)
        if at < 0 or sentence.count(term) != 1 or len(sentence) - len(term) < 6:
            continue
        if bounds is None:
            bounds = ctx.word_bounds(sentence)
        if at not in bounds or at + len(term) not in bounds:
            continue
        stem = sentence[:at] + BLANK + sentence[at + len(term):] + "。"
        company = ctx.company(node)
        if company and company not in sentence:
            stem = f"在{company}中，{stem}"  # every company has a 财务部: say whose
        return Question(
            question_id(node.id, "cloze_term"), QuestionType.FILL, stem, term, {},
            _explain(ctx, node, sentence), node.id, kind="cloze_term",
            document=ctx.doc_title(node), difficulty=2,
        )
    return None


def _short_list(ctx: _Context, info: _ListInfo) -> Question | None:
    if len(info.items) > 8 or not info.count_ok or not all(_term_like(i.title) for i in info.items):
        return None  # duties and rules (sentences) are no 采分点 a candidate writes word for word
    if info.node.kind == "document":
        company = ctx.company(info.node)
        if company is None:
            return None
        title = f"{company}的部门及其职能"
    elif _nameable(_stem_title(info.node.title)):
        title = info.node.title
    else:
        return None  # an outline heading is no question a paper would print
    lines = []
    for i, item in enumerate(info.items, 1):
        text = _definition(ctx.graph, item)
        lines.append(f"{i}. {item.title}" + (f"：{text}" if text else ""))
    # A count only where the notes state it and the graph agrees.
    count = f"（共{info.node.count}项）" if info.node.count == len(info.items) else ""
    stem = f"请简述{title}{count}。"
    return Question(
        question_id(info.node.id, "short_list"), QuestionType.SHORT, stem, "\n".join(lines), {},
        _explain(ctx, info.node, _list_summary(info)), info.node.id, kind="short_list",
        points=[ScoringPoint(i.title) for i in info.items], document=ctx.doc_title(info.node),
        difficulty=3,
    )


# -- duplicates of authored questions ----------------------------------------------

def _key_text(q: Question) -> str:
    if q.type in ("单选", "多选"):
        keys = q.answer if isinstance(q.answer, list) else [q.answer]
        return "|".join(sorted(fold(q.options.get(k, "")) for k in keys))
    return fold(str(q.answer))


def _stem_key(stem: str) -> str:
    return re.sub(r"[\W_（）()]+", "", stem.replace(BLANK, ""))


def duplicates(q: Question, authored: list[Question]) -> bool:
    """``q`` asks what an authored question of its type already asks."""
    from difflib import SequenceMatcher

    mine = _stem_key(q.stem)
    for a in authored:
        if a.type != q.type:
            continue
        if a.node == q.node and _key_text(a) == _key_text(q):
            return True
        if SequenceMatcher(None, mine, _stem_key(a.stem)).ratio() >= 0.75:
            return True
    return False


def generate_questions(
    graph: KnowledgeGraph,
    rng: random.Random,
    kinds: Iterable[str] | None = None,
    authored: Iterable[Question] = (),
) -> list[Question]:
    """Every question the graph supports, in outline order, stems unique.

    A question asking what one of ``authored`` already asks is left out.
    """
    wanted = set(kinds) if kinds is not None else None
    salt = rng.getrandbits(64)
    ctx = _Context(graph)
    authored_by_type: dict[str, list[Question]] = {}
    for a in authored:
        authored_by_type.setdefault(a.type, []).append(a)

    def sub(node: Node, kind: str) -> random.Random:
        return random.Random(f"{salt}\x1f{node.id}\x1f{kind}")

    def want(kind: str) -> bool:
        return wanted is None or kind in wanted

    out: list[Question | None] = []
    for info in ctx.lists:
        n = info.node
        # Every company's org chart has a 市场部 and a 财务部: "which belongs to this
        # document" has no single right answer there, so documents skip these kinds.
        members = n.kind != "document"
        for kind, make in (("single_member", _single_member), ("single_not_member", _single_not_member),
                           ("multi_members", _multi_members), ("judge_members", _judge_members)):
            if members and want(kind):
                out.append(make(ctx, info, sub(n, kind)))
        if want("cloze_list"):
            out.append(_cloze_list(ctx, info, sub(n, "cloze_list")))
        if want("short_list"):
            out.append(_short_list(ctx, info))
        for item in info.items:
            if want("single_definition"):
                out.append(_single_definition(ctx, info, item, sub(item, "single_definition")))
            if want("judge_definition"):
                out.append(_judge_definition(ctx, info, item, sub(item, "judge_definition")))
    for node in graph:
        if want("judge_statement"):
            out.append(_judge_statement(ctx, node))
        if node.kind not in ("point", "item") or not node.text or blocked(node):
            continue
        made = _cloze_sentence(ctx, node, sub(node, "cloze_sentence")) if want("cloze_sentence") else None
        out.append(made)
        if made is None and want("cloze_term"):
            out.append(_cloze_term(ctx, node, sub(node, "cloze_term")))

    result, seen_ids, seen_stems = [], set(), set()
    for q in out:
        if q is None or q.id in seen_ids:
            continue
        key = (q.type, fold(q.stem))
        if key in seen_stems:
            continue  # the same list repeated in another document
        if duplicates(q, authored_by_type.get(q.type, [])):
            continue
        seen_ids.add(q.id)
        seen_stems.add(key)
        result.append(q)
    order = {nid: i for i, nid in enumerate(graph.nodes)}
    result.sort(key=lambda q: order.get(q.node or "", 0))
    return result
