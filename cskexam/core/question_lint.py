"""An examiner's checks over questions, generated and authored alike.

Pure. ``lint_questions`` reports what a paper must never show: wrong option
counts, keys a knowledge-free guesser finds (by shared characters, by length,
or by a word the key shares with the stem and no wrong option does),
duplicates, counts the graph does not back, text the notes lost
characters in, and forms no paper prints (an exercise of the notes inside a
stem, an answer line or a page mark, a blank in an example, a stem pointing at a list it
does not show (上述四项中…) or starting mid-sentence (的…, 或…)). A shared word in an authored item is advisory: textbooks
define 品牌竞争者 by 品牌不同, and the author decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterable

from cskexam.core.distractors import gives_away, shared_words, stem_gives_key
from cskexam.core.grading import fold
from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.question import Question
from cskexam.core.notes.markers import cn_to_int

OPTION_COUNT, GIVEAWAY, DUPLICATE, COUNT, OCR = "option_count", "giveaway", "duplicate", "count", "ocr"
SHARED_WORD, FORM = "shared_word", "form"
LABELS = {OPTION_COUNT: "选项数", GIVEAWAY: "泄露答案", SHARED_WORD: "题干与答案共用词", DUPLICATE: "重复",
          COUNT: "数量与图谱不符", OCR: "疑似漏字", FORM: "题面不规范"}
AUTHORED_SOURCES = ("bank", "import")
TERM_CHARS = 12
SIMILAR = 0.75

_COUNT = re.compile(r"(?:共|哪)([一二三四五六七八九十两\d]{1,2})(?:项|个|大)")


@dataclass(frozen=True)
class Finding:
    question: str
    kind: str
    detail: str
    # A finding the author may overrule: a shared word in an authored item
    # (品牌不同的竞争者 → 品牌竞争者 is how textbooks define it). Listed, not failed.
    advisory: bool = False

    def describe(self) -> str:
        return f"{self.question}  {LABELS[self.kind]}{'（提示）' if self.advisory else ''}：{self.detail}"


def _key_text(q: Question) -> str:
    if q.type in ("单选", "多选"):
        keys = q.answer if isinstance(q.answer, list) else [q.answer]
        return "|".join(sorted(fold(q.options.get(k, "")) for k in keys))
    return fold(str(q.answer))


def _stem_key(stem: str) -> str:
    return re.sub(r"[\W_（）()]+", "", stem.replace("____", ""))


_NEGATIVE = re.compile(r"不属于|不包括|不是|不正确|错误的是")


def _negative(stem: str) -> bool:
    return bool(_NEGATIVE.search(stem))


def _options(q: Question) -> list[Finding]:
    out = []
    values = [fold(v) for v in q.options.values()]
    if len(set(values)) != len(values):
        out.append(Finding(q.id, OPTION_COUNT, "选项重复"))
    if q.type == "单选" and len(q.options) != 4:
        out.append(Finding(q.id, OPTION_COUNT, f"单选应有 4 个选项，实有 {len(q.options)} 个"))
    if q.type == "多选":
        if len(q.options) != 5:
            out.append(Finding(q.id, OPTION_COUNT, f"多选应有 5 个选项，实有 {len(q.options)} 个"))
        right = len(q.answer or [])
        if not 2 <= right <= len(q.options) - 2:
            out.append(Finding(q.id, OPTION_COUNT, f"多选有 {right} 个正确选项，错误选项少于 2 个或正确选项少于 2 个"))
    return out


def _giveaways(q: Question, graph: KnowledgeGraph | None, titled: dict[str, list[Node]]) -> list[Finding]:
    keys = q.answer if isinstance(q.answer, list) else [q.answer]
    out = _shared_words(q, graph, titled)
    if q.type not in ("单选", "多选"):
        return out
    why = gives_away(q.stem, q.options, keys, words=False)
    if why:
        out.append(Finding(q.id, GIVEAWAY, why))
    if q.type == "单选" and stem_gives_key(q.stem, q.options.get(q.answer, "")):
        out.append(Finding(q.id, GIVEAWAY, "题干含有答案原文"))
    return out


def _listed_with(graph: KnowledgeGraph | None, q: Question, titled: dict[str, list[Node]]) -> list[str]:
    """The items listed with a blank's answer in the notes (its siblings), the wrong options a blank has.
    ``titled``: the graph's nodes by folded title."""
    if graph is None:
        return []
    answer = fold(str(q.answer))
    nodes = [graph.get(q.node)] if q.node and q.node in graph and fold(graph.get(q.node).title) == answer else []
    nodes = nodes or titled.get(answer, [])
    out: list[str] = []
    for n in nodes:
        parent = graph.parent(n.id)
        if parent is not None:
            # names only: a duty sentence listed alongside is no option a candidate weighs
            out += [k.title for k in graph.children(parent.id) if k.id != n.id and len(k.title) <= TERM_CHARS]
    return out


def _shared_words(q: Question, graph: KnowledgeGraph | None, titled: dict[str, list[Node]]) -> list[Finding]:
    """A key sharing a word with the stem that no wrong option (no item listed with a blank's answer) shares."""
    if q.type in ("单选", "多选"):
        keys = q.answer if isinstance(q.answer, list) else [q.answer]
        wrong = [v for k, v in q.options.items() if k not in keys]
        pairs = [(q.options.get(k, ""), wrong) for k in keys]
    elif q.type == "填空":
        pairs = [(str(q.answer), _listed_with(graph, q, titled))]
    else:
        return []
    for key_text, others in pairs:
        words = shared_words(q.stem, key_text, others)
        if words:
            return [Finding(q.id, SHARED_WORD, f"答案「{key_text}」与题干共用「{'、'.join(sorted(words))}」",
                            advisory=q.source in AUTHORED_SOURCES)]
    return []


def _counts(q: Question, graph: KnowledgeGraph | None) -> list[Finding]:
    """A count in the text must be the number of items of the node, or of the list it is one of."""
    if graph is None or not q.node or q.node not in graph:
        return []
    node = graph.get(q.node)
    sizes = set()
    for n in filter(None, (node, graph.parent(node.id))):
        kids = graph.children(n.id)
        sizes.add(len([k for k in kids if k.kind == "item"] or kids))
        if n.count is not None:
            sizes.add(n.count)
    out = []
    for text in (q.stem, q.explanation):
        for m in _COUNT.finditer(text):
            stated = cn_to_int(m.group(1))
            if stated is not None and stated not in sizes:
                out.append(Finding(q.id, COUNT, f"「{m.group(0)}」，图谱中「{node.title}」有 {'或'.join(map(str, sorted(sizes)))} 项"))
    return out


# What no paper prints: an exercise of the notes read as content (「下列属于下列属于…的是的是」,
# 【答案】), page furniture, a blank in an example, a quoted sentence asked 「说的是」.
_FORMS = (
    (re.compile(r"的是的[是有]|的有的[是有]|属于下列|属于以下|下列[^（]*下列"), "题干套着另一道题"),
    (re.compile(r"【\s*(答案|解析|参考答案)\s*】|第\s*\d+\s*[页頁]"), "笔记的答案行或页眉页脚进了题目"),
    (re.compile(r"(比如|例如|譬如)[:：，,]?[^。]*____"), "空格在举例里"),
    (re.compile(r"”(说的是|指的是)（\s*）"), "模板题干（“…”说的是）"),
)


# A stem that points at a list it does not show: 「上述四项中…」, 「以下几种…」 in a 判断 or a 填空;
# a choice's own options are the list 下列/以下 point at.
_UNSHOWN = re.compile(r"上述|前述|如上所述|以上(?:几|各|这|所述|[一二三四五六七八九十两\d]+\s*[项种个类点条])|"
                      r"以下(?:几|各|这)|下列|如下(?![:：])")
# A stem cut from its subject: it begins with a particle or a conjunction (的…, 或…, ，…).
_MID_START = re.compile(r"^(?:[的或，,、；;:：)）]|以及|及其|并且|而且)")


def _form(q: Question) -> list[Finding]:
    texts = [q.stem, *q.options.values()] + ([str(q.answer)] if q.type in ("填空", "简答") else [])
    out = []
    for pattern, why in _FORMS:
        hit = next((t for t in texts if pattern.search(t)), None)
        if hit is not None:
            out.append(Finding(q.id, FORM, f"{why}：「{hit[:30]}」", advisory=q.source in AUTHORED_SOURCES))
    if q.type not in ("单选", "多选", "案例分析") and _UNSHOWN.search(q.stem):
        out.append(Finding(q.id, FORM, f"题干提到未列出的内容：「{q.stem[:30]}」", advisory=q.source in AUTHORED_SOURCES))
    if _MID_START.match(q.stem):
        out.append(Finding(q.id, FORM, f"题干从半句开始：「{q.stem[:30]}」", advisory=q.source in AUTHORED_SOURCES))
    if q.type == "单选" and q.stem.count("（ ）") > 1:
        out.append(Finding(q.id, FORM, "单选题干有两个括号", advisory=q.source in AUTHORED_SOURCES))
    return out


def _ocr(q: Question, losses: Iterable[str]) -> list[Finding]:
    text = " ".join([q.stem, *q.options.values(), str(q.answer), q.explanation])
    return [Finding(q.id, OCR, f"「{loss}」") for loss in losses if loss in text]


def lint_questions(questions: list[Question], graph: KnowledgeGraph | None = None,
                   losses: Iterable[str] = ()) -> list[Finding]:
    """Every finding, question by question; ``losses`` are texts known to have lost characters."""
    losses = [x for x in losses if len(x) >= 2]
    titled: dict[str, list[Node]] = {}
    for n in graph or ():
        titled.setdefault(fold(n.title), []).append(n)
    out: list[Finding] = []
    for q in questions:
        if q.type in ("单选", "多选"):
            out += _options(q)
        out += _giveaways(q, graph, titled) + _counts(q, graph) + _ocr(q, losses) + _form(q)
    # A near copy has the same type and key, and asks the same way round (「下列属于X的是」
    # and 「下列不属于X的是」 look alike and ask opposite things): only those are compared,
    # each with the ones before it, so thousands of questions are not compared pairwise.
    earlier: dict[tuple[str, str, bool], list[tuple[str, Question]]] = {}
    copies: dict[str, list[Finding]] = {}  # by type, in the order types first come
    for q in questions:
        key = _stem_key(q.stem)
        found = copies.setdefault(q.type, [])
        group = earlier.setdefault((q.type, _key_text(q), _negative(q.stem)), [])
        for other_key, other in group:
            if abs(len(key) - len(other_key)) > max(len(key), len(other_key)) // 3:
                continue
            if SequenceMatcher(None, key, other_key).ratio() >= SIMILAR:
                found.append(Finding(q.id, DUPLICATE, f"与 {other.id} 几乎相同"))
                break
        group.append((key, q))
    return out + [f for found in copies.values() for f in found]
