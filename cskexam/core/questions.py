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
sibling items, or items of the lists of the same classification beside it
(静态测试 for 动态测试), never of another classification of the same parent
(单元测试, by stage) nor of another subject in the file; organisation units
and roles are never asked as "which belongs to", since every company has
them. An item whose key a knowledge-free guesser would find (most characters
shared with the stem, the longest option) is drawn again or dropped. Nodes
the parser flagged produce nothing, except the 判断 a marked statement is.
What else a guesser would see through is left out (``core/question_quality.py``):
a 判断 whose subject's name decides it, a blank sharing a morpheme with its
sentence or in a filler sentence, a list that completes a frame, a key told
from its distractors by form, 「X属于Y」 on an outline heading. A generated
item whose key an authored item of any type already keys on the same key
point is a duplicate, and so is one on a key point an authored item tests with
the same key (``same_fact``).

Kinds generated:

* ``single_definition`` 单选: （ ）是指… → which sibling it is; distractors
  are sibling items of the same list (department stems name the company).
* ``single_member`` 单选: which option belongs to a list; distractors are
  items of the lists of its classification (宏观环境 items vs 微观环境 items).
* ``single_not_member`` 单选: 下列不属于…的是 — three items and one outsider.
* ``multi_members`` 多选: which options belong to a list; 2–3 real items and
  same-category outsiders.
* ``multi_not_members`` 多选: 下列不属于…的有 — 2–3 outsiders are the key.
* ``multi_statements`` 多选: 关于…，下列说法正确的有 — five of the items' descriptions, 2–3
  said of the right item, the rest of a sibling; for a list no other list is of the kind of.
* ``judge_definition`` 判断: an item's description attributed rightly, or to a
  sibling (false).
* ``judge_members`` 判断: a list stated whole, or with one item swapped for an
  outsider (false).
* ``judge_item`` 判断: an item said to belong to its list, or to a list of the
  same kind it is not in (false): 销售环境属于宏观环境。 One true and one false
  per list: more would be one sentence over and over.
* ``judge_statement`` 判断: a statement the notes mark （√） or （×）.
* ``cloze_list`` 填空: a list with one item blanked.
* ``cloze_sentence`` 填空: a key sentence ``X是Y`` with the short side blanked.
* ``cloze_term`` 填空: otherwise, a key sentence with a domain term (the title
  of another key point, longest first) blanked.
* ``short_list`` 简答: a list asked as an open question, items as 采分点.
"""


from __future__ import annotations

import hashlib
import random
import re
from typing import Iterable

from cskexam.core.card_text import full_width, without_note_marker
from cskexam.core.grading import ScoringPoint, fold
from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.question import BLANK, LETTERS, SOURCES, Question, question_id  # noqa: F401  (re-exported)
from cskexam.core.question_choice import (
    _multi_members, _multi_not_members, _multi_statements, _single_definition, _single_member, _single_not_member,
)
from cskexam.core.question_context import (  # noqa: F401  (re-exported)
    MAX_OPTION_CHARS, MAX_STEM_TEXT_CHARS, MAX_TERM_CHARS, MULTI_OPTIONS, SINGLE_OPTIONS, _Context, blocked,
    flag_kinds,
)
from cskexam.core.question_doubt import quiz_node
from cskexam.core.question_options import DRAWS  # noqa: F401  (re-exported)
from cskexam.core.question_written import (
    _cloze_list, _cloze_sentence, _cloze_term, _judge_definition, _judge_items, _judge_members, _judge_statement,
)
from cskexam.core.question_short import _short_list
from cskexam.core.script_forms import DocumentScripts

PER_LIST_ITEM_QUESTIONS = 2  # 单选 and 判断 each, on the items of one list

# -- duplicates of authored questions ----------------------------------------------

def _key_text(q: Question) -> str:
    if q.type in ("单选", "多选"):
        keys = q.answer if isinstance(q.answer, list) else [q.answer]
        return "|".join(sorted(fold(q.options.get(k, "")) for k in keys))
    return fold(str(q.answer))


def _stem_key(stem: str) -> str:
    return re.sub(r"[\W_（）()]+", "", stem.replace(BLANK, ""))


def _negative(stem: str) -> bool:
    return "不属于" in stem or "不包括" in stem


def duplicates(q: Question, authored: list[Question]) -> bool:
    """``q`` asks what an authored question of its type already asks."""
    from difflib import SequenceMatcher

    mine = _stem_key(q.stem)
    for a in authored:
        if a.type != q.type:
            continue
        if a.node == q.node and (_key_text(a) == _key_text(q)
                                 or (q.type == "多选" and _negative(a.stem) == _negative(q.stem))):
            return True  # a 多选 on a list asks the list, whatever options it draws (下列不属于 asks the other way)
        if SequenceMatcher(None, mine, _stem_key(a.stem)).ratio() >= 0.75:
            return True
    return False


def _keys(q: Question) -> set[str]:
    """What an answer names, whatever the type: the key options of a choice, the blank of a
    填空, the 采分点 of a 简答, the key point a 判断 is about (its node's title, set by the caller)."""
    if q.type in ("单选", "多选"):
        keys = q.answer if isinstance(q.answer, list) else [q.answer]
        return {fold(q.options.get(k, "")) for k in keys} - {""}
    if q.type == "判断":
        return set()
    out = {fold(p.point) for p in q.points}
    if q.type == "填空":
        out |= {fold(w) for p in q.points for w in p.synonyms}  # 人口 is the notes' 市场人口
    if q.type != "简答" or not out:
        out.add(fold(str(q.answer)))
    return out - {""}


def duplicates_across(q: Question, authored: list[Question], graph: KnowledgeGraph) -> bool:
    """An authored item of any type asks the key point ``q`` asks, with the same key:
    a generated 填空 on 店面层级 beside an authored 单选 keyed 店面层级 asks the same fact."""
    from difflib import SequenceMatcher

    def near(a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return False
        if a == b:
            return True
        pa, pb = graph.parent(a), graph.parent(b)
        return (pa is not None and pa.id == b) or (pb is not None and pb.id == a)

    mine = _keys(q)
    if q.type == "判断" and q.node in graph.nodes:
        mine = {fold(graph.get(q.node).title)}
    if not mine:
        return False
    stem = _stem_key(q.stem)
    for a in authored:
        theirs = _keys(a)
        if not theirs:
            continue
        # A 简答 asks a whole list: another item asks it only when it keys most of the list.
        same_key = (bool(mine & theirs) if q.type != "简答"
                    else len(mine & theirs) >= max(2, (len(mine) + 1) // 2))
        if same_key and (near(q.node, a.node) or SequenceMatcher(None, stem, _stem_key(a.stem)).ratio() >= 0.5):
            return True
    return False


# Kinds that ask a list as a whole (its node is the list's): which items it holds.
_LIST_KINDS = frozenset({"single_member", "single_not_member", "multi_members", "multi_not_members",
                         "multi_statements", "judge_members", "cloze_list", "short_list"})


def _said(q: Question) -> str:
    """Everything an authored item states: stem, options, answer, explanation, points."""
    answer = q.answer if isinstance(q.answer, str) else "".join(map(str, q.answer or []))
    points = "".join(p.point + "".join(p.synonyms) for p in q.points)
    return fold(q.stem + "".join(q.options.values()) + answer + q.explanation + points)


def same_fact(q: Question, authored: list[Question], graph: KnowledgeGraph) -> bool:
    """An authored item on the same key point tests the fact ``q`` tests: for a list, an item
    keying most of its members (「下列属于微观环境的有」 beside a generated 「微观环境包括…」);
    for an item, one whose text holds ``q``'s key (jn-003 quotes 「科学技术是…最活跃的因素」,
    a generated blank keyed 科学技术 asks it again)."""
    if q.node is None or q.node not in graph.nodes:
        return False
    node = graph.get(q.node)
    if q.kind in _LIST_KINDS:
        # An authored item keying most of the list asks it whole: what any item on the list asks.
        items = {fold(k.title) for k in graph.children(node.id)}
        return any(a.node == node.id and 2 * len(_keys(a) & items) >= len(items) for a in authored)
    title = fold(node.title)
    if q.kind == "judge_item":  # 竞争者环境属于微观环境: an authored item on the list keyed 竞争者环境
        parent = graph.parent(node.id)
        near = {node.id, parent.id if parent is not None else node.id}
        return any(a.node in near and title in _keys(a) for a in authored)
    if q.type == "判断":
        return any(a.node == node.id and (title in _keys(a) or a.type == "判断") for a in authored)
    mine = {k for k in _keys(q) if len(k) >= 2}
    return bool(mine) and any(a.node == node.id and any(k in _said(a) for k in mine) for a in authored)


_TERM = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,12}")


def accept_wordings(questions: list[Question], graph: KnowledgeGraph, authored: list[Question]) -> None:
    """Give each generated 填空 the other wordings its blank takes, as synonyms of its key: the
    notes' own fuller term (人口 of 市场人口) and the synonyms the authored bank gives the key
    (客服代表 for 客户服务代表). Nothing else: a blank stays strict."""
    groups: dict[str, set[str]] = {}
    for a in authored:
        for p in a.points:
            words = {p.point, *p.synonyms}
            for w in words:
                groups.setdefault(fold(w), set()).update(words)
    for q in questions:
        if q.type != "填空" or not isinstance(q.answer, str):
            continue
        key = q.answer
        alts = {w for w in groups.get(fold(key), set()) if fold(w) != fold(key)}
        if q.kind in ("cloze_sentence", "cloze_term") and q.node in graph.nodes:
            title = graph.get(q.node).title
            if fold(key) in fold(title) and fold(key) != fold(title) and _TERM.fullmatch(title):
                alts.add(title)  # ____是构成市场的第一要素: the notes call it 市场人口
        if alts:
            q.points = [ScoringPoint(key, tuple(sorted(alts)))]


def _full_width(q: Question) -> None:
    """A paper prints 「，」 where the notes mixed in 「,」: stems, options and written answers."""
    q.stem = full_width(q.stem)
    q.options = {k: full_width(v) for k, v in q.options.items()}
    if q.type == "简答" and isinstance(q.answer, str):
        q.answer = full_width(q.answer)
    q.explanation = _closed(full_width(q.explanation))
    q.stem = without_note_marker(q.stem)  # 「註：…」 opening a line is the notes' markup


_BRACKETS = {"（": "）", "(": ")", "【": "】", "「": "」", "“": "”"}


def _closed(text: str) -> str:
    """An explanation quoting a line whose bracket the notes never closed (口诀（两个字别漏。) closes it."""
    stack: list[str] = []
    for c in text:
        if c in _BRACKETS:
            stack.append(_BRACKETS[c])
        elif stack and c == stack[-1]:
            stack.pop()
    if not stack:
        return text
    body = text.rstrip("。")
    return body + "".join(reversed(stack)) + text[len(body):]


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
    authored_list = list(authored)
    for a in authored_list:
        authored_by_type.setdefault(a.type, []).append(a)

    def sub(node: Node, kind: str) -> random.Random:
        return random.Random(f"{salt}\x1f{node.id}\x1f{kind}")

    def want(kind: str) -> bool:
        return wanted is None or kind in wanted

    out: list[Question | None] = []
    judged_lists: set[str] = set()
    truths = {"对": 0, "错": 0}
    for info in ctx.lists:
        n = info.node
        # Every company's org chart has a 市场部 and a 财务部: "which belongs to this
        # document" has no single right answer there, so documents skip these kinds.
        members = n.kind != "document"
        multi = None
        for kind, make in (("single_member", _single_member), ("single_not_member", _single_not_member),
                           ("multi_members", _multi_members), ("multi_not_members", _multi_not_members),
                           ("judge_members", _judge_members)):
            if members and want(kind):
                made_list = make(ctx, info, sub(n, kind))
                out.append(made_list)
                if kind == "multi_members":
                    multi = made_list
        if multi is None and want("multi_statements"):
            out.append(_multi_statements(ctx, info, sub(n, "multi_statements")))  # no list of its kind to draw from
        name = fold(info.node.title)
        if members and want("judge_item") and name not in judged_lists:
            judged_lists.add(name)  # a list copied into another document is judged once
            out += _judge_items(ctx, info, sub(n, "judge_item"))
        if want("cloze_list"):
            out.append(_cloze_list(ctx, info, sub(n, "cloze_list")))
        if want("short_list"):
            out.append(_short_list(ctx, info))
        # A few of a list's items are asked one by one, which ones depending on the notes only:
        # seven 单选 and seven 判断 on one list of seven would make it half of a paper.
        made_for = {"single_definition": 0, "judge_definition": 0}
        for item in sorted(info.items, key=lambda i: hashlib.sha1(i.id.encode("utf-8")).hexdigest()):
            if want("single_definition") and made_for["single_definition"] < PER_LIST_ITEM_QUESTIONS:
                made = _single_definition(ctx, info, item, sub(item, "single_definition"))
                made_for["single_definition"] += made is not None
                out.append(made)
            if want("judge_definition") and made_for["judge_definition"] < PER_LIST_ITEM_QUESTIONS:
                # The side the generated 判断 so far are short of; a coin when even.
                short = None if truths["对"] == truths["错"] else truths["对"] < truths["错"]
                made = _judge_definition(ctx, info, item, sub(item, "judge_definition"), short)
                if made is not None:
                    truths[str(made.answer)] += 1
                    made_for["judge_definition"] += 1
                out.append(made)

    for node in graph:
        if want("judge_statement"):
            out.append(_judge_statement(ctx, node))
        if node.kind not in ("point", "item") or not node.text or blocked(node) or quiz_node(graph, node):
            continue  # an exercise's stem or options are no sentence of the notes to blank
        made = _cloze_sentence(ctx, node, sub(node, "cloze_sentence")) if want("cloze_sentence") else None
        out.append(made)
        if made is None and want("cloze_term"):
            out.append(_cloze_term(ctx, node, sub(node, "cloze_term")))

    accept_wordings([q for q in out if q is not None], graph, authored_list)  # before: 人口 keyed as 市场人口 is a duplicate
    # A blank on the sentence a 单选 already quotes asks the same fact twice.
    chosen = {(q.node, fold(q.options.get(str(q.answer), ""))) for q in out
              if q is not None and q.kind == "single_definition"}
    result, seen_ids, seen_stems = [], set(), set()
    scripts = DocumentScripts(graph)  # on notes in 繁體, a stem's own words read 繁體 too
    for q in out:
        if q is None or q.id in seen_ids:
            continue
        if q.kind in ("cloze_sentence", "cloze_term") and (q.node, fold(str(q.answer))) in chosen:
            continue
        key = (q.type, fold(q.stem))
        if key in seen_stems:
            continue  # the same list repeated in another document
        if (duplicates(q, authored_by_type.get(q.type, [])) or duplicates_across(q, authored_list, graph)
                or same_fact(q, authored_list, graph)):
            continue
        seen_ids.add(q.id)
        seen_stems.add(key)
        _full_width(q)
        scripts.question(q)
        result.append(q)
    order = {nid: i for i, nid in enumerate(graph.nodes)}
    result.sort(key=lambda q: order.get(q.node or "", 0))
    return result
