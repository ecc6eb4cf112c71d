"""What a 判断 the notes mark （√） or （×） is about, and what the notes say of it.

Pure. A list of 易错判断 at the end of a chapter is parsed under whatever heading came
last (薪酬管理 for a statement about 定岗定员), and the statement alone explains nothing.
The explanation of such an item gives the notes' own words on the same fact: a sentence
sharing a long run of words with the statement (劳动争议申请仲裁的时效期间为一年 for
「…为两年」), or the list an item named as its subject really is in (强制分配法 is one of
the 行为导向型主观评价法, not of the 结果导向型评价法); failing that, the key point the
statement is about (its title shared with the statement); failing that, it says the
notes give no correction, rather than repeating the statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from cskexam.core.grading import fold
from cskexam.core.graph import KnowledgeGraph, Node

_STATEMENT_FLAGS = {"true_statement", "false_statement"}
_SENTENCE = re.compile(r"[。；;！？!?\n]")
# A heading of exercises or of 易错 lines: a statement filed there is filed rightly.
_QUIZ_HEADING = re.compile(r"易错|易混|判断|判斷|改错|改錯|辨析|练习|練習|习题|習題|自测|自測|真题|真題")
MIN_RUN = 4  # characters a supporting sentence shares in one run with the statement
MIN_SHARE = 0.3  # … and at least this part of the statement
MAX_SENTENCE_CHARS = 80


@dataclass
class Support:
    node: Node  # the key point the statement is about
    text: str = ""  # what the notes say of it (empty: only where it is)
    how: str = "where"  # sentence (the same fact in the notes' words) | node (its subject's text) | member | where


def _flags(node: Node) -> set[str]:
    return {str(f.get("kind")) if isinstance(f, dict) else str(f).partition(":")[0].strip() for f in node.flags}


def _run(a: str, b: str) -> int:
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size


def _sentences(text: str) -> list[str]:
    from cskexam.core.question_context import strip_glued_heading

    out = []
    for part in _SENTENCE.split(strip_glued_heading(text or "")):
        part = part.strip().strip("，,、：: ")
        if 4 <= len(part) <= MAX_SENTENCE_CHARS:
            out.append(part)
    return out


def _usable(graph: KnowledgeGraph, node: Node) -> bool:
    from cskexam.core.question_doubt import quiz_node

    return node.kind != "document" and not (_flags(node) & _STATEMENT_FLAGS) and not quiz_node(graph, node)


def _member_fact(graph: KnowledgeGraph, statement: str, plain: str) -> Support | None:
    """The statement's subject is an item of a list (强制分配法属于…): the list it is in."""
    from cskexam.core.question_names import list_name

    best: Node | None = None
    for n in graph:
        t = n.title.strip()
        if n.kind != "item" or len(t) < 3 or not plain.startswith(t) or not _usable(graph, n):
            continue
        if best is None or len(t) > len(best.title.strip()):
            best = n
    if best is None:
        return None
    parent = graph.parent(best.id)
    if parent is None or parent.kind == "document":
        return None
    name = list_name(graph, parent)
    if not name or name in plain:
        return Support(best)  # 重测信度属于信度的类型: said of it, no other list to name
    return Support(best, f"{best.title.strip()}属于{name}", "member")


_LEAD_IN = re.compile(r"以下|如下|下列|[:：]$")


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _score(plain: str, other: str) -> float:
    """Words shared with the statement; those of its topic (教学过程的…) count half: a
    sentence on the same topic saying something else is no support of the claim."""
    at = plain.find("的")
    topic = _pairs(plain[:at]) if 0 < at <= 8 else set()
    shared = _pairs(plain) & _pairs(other)
    return sum(0.5 if p in topic else 1.0 for p in shared)


def _lists_of(graph: KnowledgeGraph, subject: Node) -> list[Node]:
    """Lists under ``subject`` or named after it (德尔菲法的三个特点 for 德尔菲法)."""
    title = subject.title.strip()
    out = [n for n in [subject, *graph.descendants(subject.id)] if any(k.kind == "item" for k in graph.children(n.id))]
    out += [n for n in graph if n.id != subject.id and n.title.startswith(title) and len(n.title) > len(title)
            and any(k.kind == "item" for k in graph.children(n.id)) and _usable(graph, n)]
    return out


def list_fact(graph: KnowledgeGraph, node: Node) -> str:
    """「X包括a、b、c」 for a list node."""
    from cskexam.core.question_names import list_name

    items = [k.title.strip() for k in graph.children(node.id) if k.kind == "item"]
    return f"{list_name(graph, node)}包括{'、'.join(items)}" if items else ""


def _node_fact(graph: KnowledgeGraph, subject: Node, plain: str) -> Support | None:
    """The list of the statement's subject that holds the item the statement is about
    (特异性弱 for 「健康危险因素一般特异性较强」)."""
    rest = plain[len(re.sub(r"[\W_]+", "", subject.title)):]
    best: tuple[int, Node] | None = None
    lists = _lists_of(graph, subject)
    for lst in lists:
        for k in graph.children(lst.id):
            run = _run(rest, re.sub(r"[\W_]+", "", k.title))
            if run >= 2 and (best is None or run > best[0]):
                best = (run, lst)
    chosen = best[1] if best is not None else (lists[0] if len(lists) == 1 else None)
    if chosen is None:
        return None
    return Support(chosen, list_fact(graph, chosen), "node")


def _subject(graph: KnowledgeGraph, plain: str) -> Node | None:
    """The key point the statement begins with (成熟期的顾客…): what it is said of."""
    best: Node | None = None
    for n in graph:
        t = re.sub(r"[\W_]+", "", n.title)
        if len(t) < 2 or not plain.startswith(t) or n.kind not in ("item", "point", "section") or not _usable(graph, n):
            continue
        if best is None or len(t) > len(re.sub(r"[\W_]+", "", best.title)):
            best = n
    return best


def statement_support(graph: KnowledgeGraph, node: Node, statement: str) -> Support | None:
    """What the notes say of the fact ``statement`` (the text of ``node``) states."""
    plain = re.sub(r"[\W_]+", "", statement)
    if len(plain) < 4:
        return None
    own = fold(statement)
    subject = _subject(graph, plain)
    if subject is not None:
        said = [x for x in _sentences(subject.text) if fold(x) != own and not _LEAD_IN.search(x)]
        if said:
            said.sort(key=lambda x: -_score(plain, re.sub(r"[\W_]+", "", x)))
            return Support(subject, said[0], "node")
    # What the statement says of its subject: a sentence sharing only the subject's name says
    # something else of it (危险因素 in a line on 个体评估).
    claim = plain[len(re.sub(r"[\W_]+", "", subject.title)):] if subject is not None else plain
    least = MIN_RUN - 1 if subject is not None else MIN_RUN
    named = {re.sub(r"[\W_]+", "", n.title) for n in graph if n.kind == "item"}
    best: tuple[float, Node, str] | None = None
    for n in graph:
        if n.id == node.id or not _usable(graph, n):
            continue
        title = re.sub(r"[\W_]+", "", n.title)
        if n.kind == "item" and title not in plain and any(
                len(t) >= 2 and t in plain for t in named if t != title and _sibling(graph, n, t)):
            continue  # 成长期's line for a statement about 成熟期: another item's fact
        for x in _sentences(n.text):
            if fold(x) == own:
                continue  # the same statement again is no support
            run = _run(claim, re.sub(r"[\W_]+", "", x))
            if run < least or run < MIN_SHARE * len(claim):
                continue
            score = _score(plain, re.sub(r"[\W_]+", "", x))
            if best is None or score > best[0]:
                best = (score, n, x)
    if best is not None:
        return Support(best[1], best[2], "sentence")
    if subject is not None:
        fact = _node_fact(graph, subject, plain)
        if fact is not None:
            return fact
    member = _member_fact(graph, statement, plain)
    if member is not None:
        return member
    # The key point whose title the statement shares most: where it belongs, if nothing more.
    found: tuple[int, Node] | None = None
    for n in graph:
        t = re.sub(r"[\W_]+", "", n.title)
        if n.id == node.id or len(t) < 3 or not _usable(graph, n):
            continue
        run = _run(plain, t)
        if run >= max(3, len(t) - 2) and run >= MIN_RUN - 1 and (found is None or run > found[0]):
            found = (run, n)
    return Support(found[1]) if found is not None else None


def _sibling(graph: KnowledgeGraph, node: Node, title: str) -> bool:
    parent = graph.parent(node.id)
    return parent is not None and any(re.sub(r"[\W_]+", "", k.title) == title for k in graph.children(parent.id))


def filed_under(graph: KnowledgeGraph, node: Node) -> str:
    """The heading of the notes' own 易错/判断 list the statement is in, or ""."""
    for anc in reversed(graph.ancestors(node.id)):
        if anc.kind != "document" and _QUIZ_HEADING.search(anc.title):
            return anc.title
        if anc.kind == "document":
            break
    return ""
