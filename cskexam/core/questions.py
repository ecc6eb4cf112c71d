"""Exam questions generated from the knowledge graph (the model is ``core/question.py``).

Pure. Every generated question is tied to the node whose text supports its
answer, records the kind of generator that made it, and has an id that is a
stable hash of node id + kind, so re-importing unchanged notes gives the same
questions (and keeps their 错题本 history).

Randomness comes from the injected ``random.Random``: one salt is drawn from
it, and each question shuffles with its own ``Random(salt, node, kind)``, so a
question's options do not change when an unrelated part of the notes does.

Kinds generated:

* ``single_definition`` 单选: an item's definition → which sibling it is;
  distractors are sibling items of the same list.
* ``single_member`` 单选: which option belongs to a list; distractors come
  from a neighbouring list.
* ``multi_members`` 多选: which options belong to a list; real items plus
  distractors from a neighbouring list (宏观环境 items vs 微观环境 items).
* ``judge_definition`` 判断: an item's description attributed rightly, or to a
  sibling (false).
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

from cskexam.core.grading import ScoringPoint, fold
from cskexam.core.graph import KnowledgeGraph, Node

if TYPE_CHECKING:
    from cskexam.core.segment import Segmenter

from cskexam.core.question import BLANK, LETTERS, SOURCES, Question, question_id  # noqa: F401  (re-exported)
from cskexam.core.vocab import QuestionType

# Options a question may never offer: they make the answer guessable.
_CATCH_ALL = re.compile(r"^(以上|上述)(都|均|全|皆)")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_PUNCT_TAIL = "。，、；：,.;: "

MAX_OPTION_CHARS = 40
MAX_STEM_TEXT_CHARS = 90
MAX_TERM_CHARS = 12


# -- reading the graph ---------------------------------------------------------

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


@dataclass
class _ListInfo:
    node: Node
    items: list[Node]
    index: int  # position in outline order
    document: str = ""  # id of the document the list is in
    mean_len: float = 0.0  # mean length of its item titles
    position: int = 0  # in _Context.lists


class _Context:
    def __init__(self, graph: KnowledgeGraph):
        self.graph = graph
        self.order = {nid: i for i, nid in enumerate(graph.nodes)}
        self._terms: list[str] | None = None
        self._segmenter: Segmenter | None = None  # loads a dictionary: only when a cloze needs it
        self.lists: list[_ListInfo] = []
        for n in self._list_nodes():
            items = [i for i in _items(graph, n) if _usable_option(i.title)]
            if len(items) >= 2:
                self.lists.append(
                    _ListInfo(
                        n, items, self.order[n.id], graph.document_of(n.id).id,
                        sum(len(i.title) for i in items) / len(items), len(self.lists),
                    )
                )
        # Lists by parent and by document: the nearest lists are looked up
        # there first (see nearest_lists), not sorted from all lists each time.
        self._by_parent: dict[str | None, list[_ListInfo]] = {}
        self._by_document: dict[str, list[_ListInfo]] = {}
        for info in self.lists:
            self._by_parent.setdefault(info.node.parent, []).append(info)
            self._by_document.setdefault(info.document, []).append(info)
        # Members of every list sharing a title: the same list appears in several
        # documents, and its items must never be offered as wrong answers to it.
        self.members_by_title: dict[str, set[str]] = {}
        for info in self.lists:
            self.members_by_title.setdefault(fold(info.node.title), set()).update(
                fold(i.title) for i in info.items
            )

    def terms(self) -> list[str]:
        """Titles of key points that read as terms, longest first (so 客户服务环境 wins over 服务环境)."""
        if self._terms is None:
            found = {n.title for n in self.graph if n.kind in ("point", "item") and _TERM_OK.match(n.title)}
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

    def path(self, node: Node) -> str:
        titles = [n.title for n in self.graph.ancestors(node.id)[1:]] + [node.title]
        return " › ".join(titles)

    def nearest_lists(self, info: _ListInfo) -> Iterator[_ListInfo]:
        """The other lists, best distractor sources first.

        Distractors should look like the right answers: lists of items of a
        like length (mean within half to twice) first, short names among short
        names, sentences among sentences; then the same parent, then the same
        document, then the nearer in the outline (ties in outline order).
        Lazily: the caller stops after a few lists, and sorting every list
        for every list would cost the square of a big library.
        """
        parent, document = info.node.parent, info.document

        def like(other: _ListInfo) -> bool:
            return 0.5 <= other.mean_len / info.mean_len <= 2.0

        def by_distance(group: Iterable[_ListInfo]) -> list[_ListInfo]:
            return sorted(group, key=lambda o: (abs(o.index - info.index), o.position))

        for want_like in (True, False):
            siblings = [o for o in self._by_parent.get(parent, ()) if o is not info and like(o) == want_like]
            yield from by_distance(o for o in siblings if o.document == document)
            yield from by_distance(o for o in siblings if o.document != document)
            yield from by_distance(
                o for o in self._by_document.get(document, ())
                if o.node.parent != parent and like(o) == want_like
            )
            yield from (
                o for o in self._outward(info)
                if o.node.parent != parent and o.document != document and like(o) == want_like
            )

    def _outward(self, info: _ListInfo) -> Iterator[_ListInfo]:
        """The other lists by distance in the outline from ``info`` (the earlier first on a tie)."""
        lists = self.lists
        left, right = info.position - 1, info.position + 1
        while left >= 0 or right < len(lists):
            if right >= len(lists) or (
                left >= 0 and info.index - lists[left].index <= lists[right].index - info.index
            ):
                yield lists[left]
                left -= 1
            else:
                yield lists[right]
                right += 1

    def foreign_titles(self, info: _ListInfo, need: int) -> list[str]:
        """Items of the nearest other lists (same parent first), never members of ``info``."""
        own = self.members_by_title.get(fold(info.node.title), set()) | {fold(info.node.title)}
        # Anything below the list also "belongs" to it in a loose sense: never a distractor.
        below = {n.id for n in self.graph.descendants(info.node.id)}
        own |= {fold(self.graph.get(nid).title) for nid in below}
        out: list[str] = []
        seen = set(own)
        for other in self.nearest_lists(info):
            if fold(other.node.title) == fold(info.node.title) or other.node.id in below:
                continue
            for item in other.items:
                key = fold(item.title)
                if key not in seen:
                    seen.add(key)
                    out.append(item.title)
            if len(out) >= need:
                break
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


def _quote(text: str) -> str:
    return f"「{text}」" if "“" in text or "”" in text else f"“{text}”"


def _list_summary(info: _ListInfo) -> str:
    names = "、".join(i.title for i in info.items)
    tail = f"（{info.node.mnemonic}）" if info.node.mnemonic else ""
    return f"{info.node.title}包括{names}{tail}"


# -- generators ------------------------------------------------------------------

def _single_definition(ctx: _Context, info: _ListInfo, item: Node, rng: random.Random) -> Question | None:
    text = _definition(ctx.graph, item)
    if not text or len(text) > MAX_STEM_TEXT_CHARS or fold(item.title) in fold(text):
        return None
    if not all(_term_like(i.title) for i in info.items):
        return None
    sibs = [s for s in info.items if s.id != item.id and fold(s.title) != fold(item.title)]
    if len(sibs) < 2:
        return None
    distractors = rng.sample(sibs, min(3, len(sibs)))
    opts = [item.title] + [d.title for d in distractors]
    rng.shuffle(opts)
    if text.startswith("指"):
        stem = f"{info.node.title}中，{text}是（ ）。"
    else:
        stem = f"关于{info.node.title}，{_quote(text)}说的是（ ）。"
    answer = LETTERS[opts.index(item.title)]
    return Question(
        question_id(item.id, "single_definition"), QuestionType.SINGLE, stem, answer, _letters(opts),
        _explain(ctx, item, f"{item.title}：{text}"), item.id, kind="single_definition",
        document=ctx.doc_title(item), difficulty=2,
    )


def _single_member(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    foreign = ctx.foreign_titles(info, 3)
    if len(foreign) < 3:
        return None
    right = rng.choice(info.items).title
    opts = [right] + rng.sample(foreign, 3)
    rng.shuffle(opts)
    return Question(
        question_id(info.node.id, "single_member"), QuestionType.SINGLE, f"下列属于{info.node.title}的是（ ）。",
        LETTERS[opts.index(right)], _letters(opts), _explain(ctx, info.node, _list_summary(info)),
        info.node.id, kind="single_member", document=ctx.doc_title(info.node), difficulty=1,
    )


def _multi_members(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    target = 5 if len(info.items) >= 4 else 4
    real_n = rng.randint(2, min(len(info.items), target - 1))
    foreign = ctx.foreign_titles(info, target - real_n)
    if not foreign:
        return None
    fake_n = min(len(foreign), target - real_n)
    real = [i.title for i in rng.sample(info.items, real_n)]
    opts = real + rng.sample(foreign, fake_n)
    rng.shuffle(opts)
    answer = [LETTERS[i] for i, o in enumerate(opts) if o in real]
    return Question(
        question_id(info.node.id, "multi_members"), QuestionType.MULTI, f"下列属于{info.node.title}的有（ ）。",
        answer, _letters(opts), _explain(ctx, info.node, _list_summary(info)),
        info.node.id, kind="multi_members", document=ctx.doc_title(info.node), difficulty=2,
    )


def _judge_definition(ctx: _Context, info: _ListInfo, item: Node, rng: random.Random) -> Question | None:
    text = _definition(ctx.graph, item)
    if not text or len(text) > MAX_STEM_TEXT_CHARS or fold(item.title) in fold(text):
        return None
    if not all(_term_like(i.title) for i in info.items):
        return None
    others = [
        s for s in info.items
        if s.id != item.id and fold(s.title) != fold(item.title)
        and fold(_definition(ctx.graph, s)) != fold(text)
    ]
    truthful = not others or rng.random() < 0.5
    named = item if truthful else rng.choice(others)
    if text.startswith("指"):
        stem = f"{info.node.title}中，{named.title}是{text}。"
    else:
        stem = f"{info.node.title}中，{_quote(text)}说的是{named.title}。"
    expl = _explain(ctx, item, f"{item.title}：{text}")
    if not truthful:
        expl = expl.rstrip("。") + f"；题中说的{named.title}与此不同。"
    return Question(
        question_id(item.id, "judge_definition"), QuestionType.JUDGE, stem, "对" if truthful else "错", {},
        expl, item.id, kind="judge_definition", document=ctx.doc_title(item), difficulty=2,
    )


def _cloze_list(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    titles = [i.title for i in info.items]
    if len(titles) > 8 or any(len(t) > 12 for t in titles):
        return None
    hidden = rng.randrange(len(titles))
    shown = [BLANK if i == hidden else t for i, t in enumerate(titles)]
    stem = f"{info.node.title}包括：{'、'.join(shown)}。"
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
        return Question(
            question_id(node.id, "cloze_term"), QuestionType.FILL, stem, term, {},
            _explain(ctx, node, sentence), node.id, kind="cloze_term",
            document=ctx.doc_title(node), difficulty=2,
        )
    return None


def _short_list(ctx: _Context, info: _ListInfo) -> Question | None:
    if len(info.items) > 8:
        return None
    lines = []
    for i, item in enumerate(info.items, 1):
        text = _definition(ctx.graph, item)
        lines.append(f"{i}. {item.title}" + (f"：{text}" if text else ""))
    count = info.node.count or len(info.items)
    stem = f"请简述{info.node.title}（共{count}项）。"
    return Question(
        question_id(info.node.id, "short_list"), QuestionType.SHORT, stem, "\n".join(lines), {},
        _explain(ctx, info.node, _list_summary(info)), info.node.id, kind="short_list",
        points=[ScoringPoint(i.title) for i in info.items], document=ctx.doc_title(info.node),
        difficulty=3,
    )


def generate_questions(
    graph: KnowledgeGraph,
    rng: random.Random,
    kinds: Iterable[str] | None = None,
) -> list[Question]:
    """Every question the graph supports, in outline order, stems unique."""
    wanted = set(kinds) if kinds is not None else None
    salt = rng.getrandbits(64)
    ctx = _Context(graph)

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
        if members and want("single_member"):
            out.append(_single_member(ctx, info, sub(n, "single_member")))
        if members and want("multi_members"):
            out.append(_multi_members(ctx, info, sub(n, "multi_members")))
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
        if node.kind not in ("point", "item") or not node.text:
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
        seen_ids.add(q.id)
        seen_stems.add(key)
        result.append(q)
    order = {nid: i for i, nid in enumerate(graph.nodes)}
    result.sort(key=lambda q: order.get(q.node or "", 0))
    return result
