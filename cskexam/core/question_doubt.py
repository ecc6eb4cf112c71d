"""Nodes a question generator should not trust: general signals that the parser's
structure is doubtful, so that no question is built on it.

Pure. Fewer, better questions: a list is skipped when

* it lies in a quiz of the notes (练习题, 【答案】 lines, a stem 「下列属于…的是（ ）」 with
  its options A–D parsed as items): those options are wrong answers, not knowledge;
* its items are the labels of a note's fields (代表人物、观点; 内容、意义), not things of a kind;
* a count the notes state in its title or lead-in text (有四个, 三个方面) disagrees with the
  items found (the parser checks only the counts it reads as such);
* the notes say they list only some of its items (（部分）, （举例）);
* its items are pieces of one phrase (与服务设施、设备、环境相关的标准);
* an item is page furniture (第 3 页, — 3 —) or a running header repeated through the notes.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.notes.markers import cn_to_int

# A heading that announces exercises, and the lines of an exercise.
_QUIZ_HEADING = re.compile(
    r"(练习|練習|習題|习题|例题|例題|真题|真題|试题|試題|模拟题|模擬題|自测|自測|测试题|测验|课后题|判断题|判斷題|"
    r"单选题|单项选择|多选题|多项选择|选择题|選擇題|填空题|练一练)")
_QUIZ_LINE = re.compile(r"【\s*(答案|解析|参考答案|点拨)\s*】|^(答案|解析|正确答案|参考答案)\s*[:：]|[(（]\s*[)）]\s*$|"
                        r"[(（]\s*[)）][。.]?$|[A-D]\s*[.．、]\s*[^\sA-E]+\s*[B-E]\s*[.．、]")
# A stem of a choice question used as a list title: 下列属于客户服务特性的是, 以下哪项不是….
_QUESTION_TITLE = re.compile(r"^(下列|以下|下面).*(的是|的有|哪)|[(（]\s*[)）]")
# Page furniture: 第 3 页, — 3 —, P12, 3/20, 共 5 页.
PAGE_MARK = re.compile(r"第\s*\d+\s*[页頁]|共\s*\d+\s*[页頁]|^[\s\-—–_·.]*\d+[\s\-—–_·.]*$|^[Pp]\.?\s*\d+$|^\d+\s*/\s*\d+$")

# Labels of a note's fields (神话起源说 › 代表人物、观点): what is said about a thing, not things of a kind.
FACET_WORDS = frozenset({
    "代表人物", "人物", "代表", "观点", "主要观点", "基本观点", "内容", "主要内容", "定义", "含义", "概念", "内涵",
    "特点", "特征", "意义", "作用", "评价", "优点", "缺点", "不足", "局限", "局限性", "表现", "例子", "举例", "实例",
    "原因", "影响", "目的", "要求", "步骤", "条件", "适用范围", "适用条件", "贡献", "时间", "地点", "对象", "依据",
    "提出者", "提出", "代表作", "核心", "实质", "本质", "方法", "形式", "结果", "注意事项", "记忆", "口诀", "备注",
    "作者", "出处", "来源", "年代", "背景", "应用", "启示", "误区", "考点", "难点", "重点", "例题", "答案", "解析",
})

# A count the notes state for a list: 有四个, 三个方面, 五大特性, （共三项）.
_STATED = re.compile(r"([一二三四五六七八九十两\d]{1,2})\s*(?:个|项|类|点|种|条|大|方面|層|层|阶段|要素|步)")


def quiz_node(graph: KnowledgeGraph, node: Node) -> bool:
    """``node`` is part of an exercise: under a heading of exercises, a question stem itself, or
    a list holding an answer line (【答案】A) or options written A. B. C."""
    for n in [*graph.ancestors(node.id), node]:
        if n.kind == "document":
            continue
        title = n.title.strip()
        if _QUIZ_HEADING.search(title) and len(title) <= 12:
            return True
        if _QUESTION_TITLE.search(title) or _QUIZ_LINE.search(n.text or "") or _QUIZ_LINE.search(title):
            return True
    return any(_QUIZ_LINE.search(k.title) or _QUIZ_LINE.search(k.text or "") for k in graph.children(node.id))


def facet_list(titles: list[str]) -> bool:
    """Most items are field labels (代表人物、观点): no list of things of one kind."""
    return bool(titles) and sum(t.strip() in FACET_WORDS for t in titles) * 2 >= len(titles)


def stated_count(node: Node) -> int | None:
    """A count stated in the list's title or its lead-in text, when there is one clear number."""
    found = set()
    for text in (node.title, node.text or ""):
        for m in _STATED.finditer(text[:40]):
            n = cn_to_int(m.group(1))
            if n is not None and n >= 2:
                found.add(n)
    return found.pop() if len(found) == 1 else None


def running_titles(graph: KnowledgeGraph) -> set[str]:
    """Titles repeated within one document under three different parents or more, or that
    restate a document's title: a page's running header, not a key point (a department named
    in several org charts is no header)."""
    parents: dict[tuple[str, str], set[str | None]] = {}
    for n in graph:
        if n.kind != "document" and len(n.title) >= 8:
            parents.setdefault((graph.document_of(n.id).id, n.title), set()).add(n.parent)
    out = {title for (_, title), ps in parents.items() if len(ps) >= 3}
    docs = {d.title for d in graph.documents() if len(d.title) >= 8}
    return out | {n.title for n in graph if n.kind != "document" and n.title in docs}


def furniture(title: str, running: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """An option no paper prints: a page mark, a running header."""
    return bool(PAGE_MARK.search(title)) or title in running


# 内幕信息知情人（部分）：… — the notes list only some: a question would key them as all.
_PARTIAL = re.compile(r"[(（]\s*(?:部分|部分列举|部分列舉|节选|節選|举例|舉例|摘录|摘錄|略)\s*[)）]")


def partial_list(node: Node) -> bool:
    """The notes say the list is only a part (（部分）, （举例）)."""
    return bool(_PARTIAL.search(node.text[:24] if node.text else "") or _PARTIAL.search(node.original or ""))


# 经济发展水平、居民收入等因素: the notes' 等 says the series goes on; its last entry is no name
# (对等, 平等, 同等 are words of their own).
_OPEN_END = re.compile(r"[\u4e00-\u9fff]{2}(?<![对對平同均相高中初上次优優劣何])等(?:等|[\u4e00-\u9fff]{1,2})?$")
# 与服务设施、设备、环境相关的标准: one phrase whose inner 、 the outline took for a list.
_FRAME_OPEN = re.compile(r"^(?:与|與|和|跟|同)[\u4e00-\u9fff]")
_FRAME_CLOSE = re.compile(r"(?:相关|相關|有关|有關|无关|無關|相符|一致|相适应|相適應)(?:的[\u4e00-\u9fff]{1,6})?$")


# 模拟接待、投诉场景反复练习: an adverb and verb closing the last entry alone govern every entry,
# so the entries are objects of one predicate, not items.
_SHARED_PREDICATE = re.compile(r"[\u4e00-\u9fff]{2}(?:反复|反覆|多次|不断|不斷|重复|重複)[\u4e00-\u9fff]{1,3}$")


def open_entry(title: str) -> bool:
    """The entry ends its series with 等 (居民收入等因素): a paper offers no such option."""
    return bool(_OPEN_END.search(title.strip()))


def phrase_in_pieces(titles: list[str]) -> bool:
    """The entries are pieces of one phrase (与服务设施 / 设备 / 环境相关的标准): its first opens a
    frame (与…) that its last closes (…相关的标准), or its last alone ends on the predicate of all
    (模拟接待 / 投诉场景反复练习)."""
    if len(titles) < 2:
        return False
    if _FRAME_OPEN.match(titles[0].strip()) and _FRAME_CLOSE.search(titles[-1].strip()):
        return True
    # Two pieces only: a longer series (…成为主流, …内容不断扩展) is of sentences, each with its verb.
    return len(titles) == 2 and bool(_SHARED_PREDICATE.search(titles[-1].strip())) and not any(
        _SHARED_PREDICATE.search(t.strip()) for t in titles[:-1])


def lists_another(node: Node, titles: list[str]) -> bool:
    """A counted heading whose own text states that many entries, none of them an item below
    it (培训流程4步: 需求分析、制定计划、组织实施、效果评估, over 企业文化, 产品知识…): the items
    are of a heading run into the text, and asked under this one they would be a wrong list."""
    if node.count is None or not node.text or not titles:
        return False  # no items below: the text's own series is the list
    first = re.split(r"[。；;\n]", node.text, maxsplit=1)[0]
    entries = [e for e in re.split(r"[、→]", first) if e.strip()]
    return len(entries) == node.count >= 3 and not any(len(t) >= 2 and t in node.text for t in titles)


def doubtful_list(graph: KnowledgeGraph, node: Node, items: list[Node]) -> bool:
    """No question on this list: see the module's docstring."""
    titles = [i.title for i in items]
    if quiz_node(graph, node) or facet_list(titles) or partial_list(node):
        return True
    if phrase_in_pieces(titles) or lists_another(node, titles):
        return True
    stated = stated_count(node)
    return node.count is None and stated is not None and stated != len(items)


# A text that points at a list shown elsewhere (上述四个阶段…, 以下几种…), or begins mid-sentence
# (的…, 或…, ，…: a line cut from its subject).
_POINTS_ELSEWHERE = re.compile(r"^(?:上述|以上|以下|如下|前述|上面|下面|下列|这些|这几|那些|后者|前者)")
_MID_SENTENCE = re.compile(r"^(?:的|或|以及|及其|并且|而且|[，,、；;:：)）」”])")
class _Titles:
    """Titles by their first two characters, each with the lengths they come in (longest first).

    The titles a text holds at a place are looked up by length, not tried one by one: a list
    of thousands of items named alike (要点1, 要点2 …) costs each line no more than a few."""

    __slots__ = ("_by_start",)

    def __init__(self, titles: Iterable[str]):
        self._by_start: dict[str, tuple[set[str], list[int]]] = {}
        for title in titles:
            if len(title) >= 2:
                found, lengths = self._by_start.setdefault(title[:2], (set(), []))
                if title not in found:
                    found.add(title)
                    lengths.append(len(title))
        for _, lengths in self._by_start.values():
            lengths[:] = sorted(set(lengths), reverse=True)

    def at(self, text: str, i: int) -> Iterator[str]:
        """The titles ``text`` holds at ``i``, longest first."""
        found = self._by_start.get(text[i:i + 2])
        if found is None:
            return
        titles, lengths = found
        for length in lengths:
            title = text[i:i + length]
            if len(title) == length and title in titles:
                yield title


# The titles of a graph, and of each parent's children, for the few graphs being worked on
# (checked against the graph's size, like every index kept beside a graph).
_TITLE_INDEX: dict[int, tuple[KnowledgeGraph, int, _Titles, dict[str, _Titles]]] = {}


def _indexes(graph: KnowledgeGraph) -> tuple[KnowledgeGraph, int, _Titles, dict[str, _Titles]]:
    known = _TITLE_INDEX.get(id(graph))
    if known is not None and known[0] is graph and known[1] == len(graph):
        return known
    terms = (t for t in (n.title.strip() for n in graph if n.kind in ("point", "item"))
             if 2 <= len(t) <= 12 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", t))
    if len(_TITLE_INDEX) > 8:
        _TITLE_INDEX.clear()  # a few graphs at a time: the notes being worked on
    known = (graph, len(graph), _Titles(terms), {})
    _TITLE_INDEX[id(graph)] = known
    return known


def _titles_by_start(graph: KnowledgeGraph) -> _Titles:
    """The key points' titles that read as terms."""
    return _indexes(graph)[2]


def _sibling_titles(graph: KnowledgeGraph, parent_id: str) -> _Titles:
    """The titles of the children of ``parent_id``."""
    by_parent = _indexes(graph)[3]
    titles = by_parent.get(parent_id)
    if titles is None:
        titles = by_parent[parent_id] = _Titles(c.title.strip() for c in graph.children(parent_id))
    return titles


def starts_mid_sentence(text: str) -> bool:
    """``text`` begins mid-sentence (的…, 或…, ，…) or points at a list not shown (上述…, 以下几种…)."""
    t = (text or "").strip()
    return bool(_POINTS_ELSEWHERE.match(t) or _MID_SENTENCE.match(t))


def not_its_own(graph: KnowledgeGraph, node: Node, text: str) -> bool:
    """``text``, found under ``node``, is not said of it: it points at a list elsewhere
    (上述四个阶段的顺序不变… under 形式运算阶段), begins mid-sentence, or has another key point
    of the notes for its subject (德尔菲法又称专家调查法… run into the line of 趋势外推预测法).
    Asked as what ``node`` is, it would key the wrong answer."""
    t = (text or "").strip()
    if starts_mid_sentence(t):
        return True
    own = node.title.strip()
    near = {a.title.strip() for a in graph.ancestors(node.id)}
    index = _titles_by_start(graph)
    for title in index.at(t, 0):
        if title not in own and own not in title and title not in near:
            rest = t[len(title):len(title) + 1]
            return rest == "" or not re.match(r"[\u4e00-\u9fff]", rest) or rest in "又是指为也即就在具属可能的"
    if node.kind != "item":
        return False
    # A sibling named in an item's line (矩阵制: 「双重领导，灵活机动事业部制最早由…提出」), or two
    # other key points in it (a table flattened into the last item: 「组织结构项目经理权力职能型很小…」):
    # the line runs on into what is said of others.
    parent = graph.parent(node.id)
    if parent is not None:
        siblings = _sibling_titles(graph, parent.id)
        if any(s not in own for i in range(len(t) - 1) for s in siblings.at(t, i)):
            return True
    others: set[str] = set()
    rest = t.replace(own, "\x00") if own else t
    for i in range(len(rest) - 1):
        for title in index.at(rest, i):
            if len(title) >= 3 and title not in own and own not in title and title not in near:
                others.add(title)
                break
    return len(others) >= 2


# A heading and its page mark run into the line below (「仲裁时效 P153劳动争议申请仲裁…」,
# 「巡检时效（P21）巡店记录…」): the heading is no part of the sentence.
_GLUED_HEAD = re.compile(r"^[^。！？；;，,:：]{1,24}?(?:\s+|[(（])(?:[Pp]\.?\s*\d{1,4}(?:\s*[-—–~]\s*\d{1,4})?|第\s*\d+\s*[页頁])"
                         r"\s*[)）]?\s*(?=[\u4e00-\u9fff])")


def strip_glued_heading(text: str) -> str:
    """``text`` without a heading and page mark run into its start."""
    return _GLUED_HEAD.sub("", text or "", count=1)
