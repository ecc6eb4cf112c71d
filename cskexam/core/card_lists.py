"""Which lists of the notes are key lists, and what their entries are.

Helpers of ``cards``: a list's entries (numbered alike, even those with
sub-lists of their own), a mnemonic written as a note after the list
(记：“质、态、诺、期、误”), a heading marking everything under it as a key point
(必须记住, 重点, ★), entries that name only a dimension (在范围上), and the
details of one entry written into it (服务态度问题：态度冷漠、推诿…) that are no
list to learn.
"""

from __future__ import annotations

import re

from cskexam.core.card_text import _clean, _sentences
from cskexam.core.graph import KnowledgeGraph, Node

_BULLET_MARKERS = {"•", "·", "-", "*", "●", "○", "◆", "■", "▪", "–", "—", "+"}
# 「在内容上」 names an aspect of its list, not a thing to ask or blank.
_ASPECT = re.compile(r"^在.{1,4}上$|^[^在]{2,3}上$")  # 在范围上, 制度上


def _is_bullet(node: Node) -> bool:
    return node.marker.strip() in _BULLET_MARKERS


def _item_nodes(graph: KnowledgeGraph, node: Node) -> list[Node]:
    kids = graph.entries(node.id)
    if node.count and len(kids) == node.count:
        # Items that have sub-lists of their own are often parsed as points.
        return kids
    items = [k for k in kids if k.kind == "item"]
    return items or kids


# 记：“质、态、诺、期、误” 五个字 / 口诀：…: a mnemonic written as a note after the list.
_MNEMONIC_NOTE = re.compile(r"^(?:记|口诀|记忆|速记|巧记)\s*[:：]\s*[“\"「『]?(?P<m>[^”\"」』]{2,30}?)[”\"」』]?"
                            r"\s*(?:[一二三四五六七八九十\d]+个?字)?[。.]?$")
# A heading the notes mark as a key point: every list under it is learnt.
_KEY_MARK = re.compile(r"必须记住|要记住|牢记|重点|必考|★|☆")
_NUMBERING = re.compile(r"[\dA-Za-z一二三四五六七八九十]+")
KEY_ITEM_CHARS = 24


def _mnemonic(node: Node, kids: list[Node]) -> str | None:
    if node.mnemonic:
        return node.mnemonic
    for n in [node] + kids[-1:]:
        for sentence in _sentences(n.text):
            m = _MNEMONIC_NOTE.match(sentence.strip())
            if m:
                return m.group("m").strip()
    return None


def _mnemonic_keys(mnemonic: str) -> list[str]:
    parts = [p for p in re.split(r"[、，,\s]+", mnemonic) if p]
    return parts if len(parts) > 1 else list(mnemonic)


def _mnemonic_hints(mnemonic: str, items: list[str]) -> bool:
    """The mnemonic's keys stand in the items (质 of 产品质量问题): it prompts the answer."""
    return any(c in item for c in re.sub(r"[\W\d_]", "", mnemonic) for item in items)


def _marked_key(graph: KnowledgeGraph, node: Node) -> bool:
    """The list or the heading right above it is marked (4、必须记住 → its lists); a chapter of
    重点内容 marks everything in it, so nothing."""
    parent = graph.parent(node.id)
    return any(_KEY_MARK.search(n.title) for n in (node, parent) if n is not None and n.kind != "document")


def _list_kids(graph: KnowledgeGraph, node: Node) -> list[Node]:
    """The entries of a list: all children numbered alike (1) 2) … even those with sub-lists of
    their own), else the parser's items."""
    kids = graph.entries(node.id)
    if len(kids) >= 2 and all(_ORDINAL.match(_clean(k.title)) for k in kids):
        return kids  # 差距一 … 差距五, whatever the outline made of each
    styles = {_NUMBERING.sub("N", k.marker.strip()) for k in kids}
    if len(kids) >= 2 and len(styles) == 1 and "N" in next(iter(styles)) and not any(_is_bullet(k) for k in kids):
        return kids
    return _item_nodes(graph, node)


def _list_of_lists(graph: KnowledgeGraph, kids: list[Node], parallel: bool = True) -> bool:
    """Entries that are short names each with a list of its own (心理素质, 品格素质, 技能素质); named
    alike (``parallel``) unless the notes mark the list as a key point."""
    titles = [_clean(k.title) for k in kids]
    return len(kids) >= 2 and (not parallel or len({t[-1:] for t in titles}) == 1) and all(
        k.kind != "item" and len(graph.children(k.id)) >= 2 and 2 <= len(t) <= 8 for k, t in zip(kids, titles))


# 差距一 / 第一点: an entry named by its place only, its content in its text.
_ORDINAL = re.compile(r"^.{0,4}?[一二三四五六七八九十]+$|^第.{1,3}[点条项个]$")
# 性质不同 / 功能不同: a label that says only that two things differ, and where; what differs is its text.
_DIFFERS = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:不同|不一样|不一|差异|差異|有别|有別|之别|之別)$")
# 婴儿期（0~1.5岁）：信任对怀疑: a period named with its span, its content after the colon.
_SPAN_THEN_CONTENT = re.compile(r"^\s*(?P<span>[（(][^()（）]{0,12}\d[^()（）]{0,12}[)）])\s*[:：]\s*(?P<content>\S.*)$", re.S)
# 优点 / 缺点: a label whose content is its own short list.
LABEL_CHARS = 2
# 广义 / 狭义, 甲类 / 乙类, A类: names of classes that say nothing without what each class is.
_CLASS_LABEL = re.compile(r"^(?:广义|狭义|廣義|狹義|[甲乙丙丁戊][类類级級等]?|[A-EＡ-Ｅ][类類级級等]?)$")


def _aspect_labels(graph: KnowledgeGraph, kids: list[Node]) -> bool:
    """Entries that name only a dimension or a place (在范围上, 差距一) or a label (优点, 缺点):
    the card shows what each says."""
    def labelled(k: Node) -> bool:
        title = _clean(k.title)
        if (_ASPECT.match(title) or _ORDINAL.match(title) or title in FIELD_WORDS) and _clean(k.text):
            return True
        if _CLASS_LABEL.match(title) and (_clean(k.text) or graph.children(k.id)):
            return True
        if (_DIFFERS.match(title) or _SPAN_THEN_CONTENT.match(k.text or "")) and _clean(k.text):
            return True  # 性质不同, 婴儿期（0~1.5岁）: an index; the card shows what each says
        return len(title) <= LABEL_CHARS and len(graph.children(k.id)) >= 1 and not _clean(k.text)
    return len(kids) >= 2 and all(labelled(k) for k in kids)


def _item_text(graph: KnowledgeGraph, node: Node) -> str:
    title = _clean(node.title)
    span = _SPAN_THEN_CONTENT.match(node.text or "")
    if span:  # 婴儿期（0~1.5岁）：信任对怀疑
        title, text = f"{title}{span['span']}", _clean(re.split(r"[；;。]", span["content"].strip(), maxsplit=1)[0])
    else:
        text = _clean(re.split(r"[；;。]", node.text.strip(), maxsplit=1)[0])
    if not text:
        text = "、".join(_clean(k.title) for k in graph.children(node.id))
    return f"{title}：{text}"


def _elaboration(graph: KnowledgeGraph, node: Node, parent: Node | None, kids: list[Node]) -> bool:
    """A list written inline into one entry of another list, after its name: in brackets
    (企业承诺没有兑现（广告夸大、售后承诺不落实）), as one sentence the outline split at its commas
    (倾听技巧：用心倾听，适时复述、确认), or as the detail of an entry of a list the notes give a count
    or a mnemonic for (服务态度问题：态度冷漠、推诿、不耐烦). The entry is learnt; its detail is not."""
    if parent is None or parent.kind == "document" or node not in _list_kids(graph, parent):
        return False
    if any(k.marker.strip() or k.source.line != node.source.line for k in kids):
        return False  # a list of its own, numbered or on lines of its own
    original = (getattr(node, "original", "") or "").split("\n", 1)[0]
    title = _clean(node.title)
    rest = original.split(title, 1)[1].strip() if title and title in original else ""
    if rest.startswith(("（", "(")):
        return True
    body = re.split(r"[。；;]", rest.lstrip(":： "), maxsplit=1)[0]
    if "、" in body and re.search(r"[，,]", body):
        return True
    return parent.count is not None or _mnemonic(parent, graph.children(parent.id)) is not None


# 良好的职业道德有利于A，有利于B，有利于C: a list written as one sentence, each entry led by the same words.
_LEADS = ("有利于", "有助于", "能够", "可以")
LEAD_ENTRIES = 3


def repeated_lead_lists(text: str) -> list[tuple[str, str, list[str]]]:
    """(subject, lead, entries) of each sentence of ``text`` that lists three or more entries after
    one repeated lead (有利于, 有助于…)."""
    out = []
    for sentence in _sentences(text):
        parts = [_clean(p) for p in re.split(r"[，,；;]", sentence.rstrip("。.；; "))]
        for lead in _LEADS:
            if len(parts) < LEAD_ENTRIES or lead not in parts[0]:
                continue
            subject, first = parts[0].split(lead, 1)
            rest = parts[1:]
            if not (2 <= len(subject) <= 12) or not all(p.startswith(lead) for p in rest):
                continue
            entries = [first] + [p[len(lead):] for p in rest]
            if all(2 <= len(e) <= 20 for e in entries):
                out.append((subject, lead, entries))
            break
    return out


# Entries that say only which way the list is split (按功能分, 根据来源): each split has its own card.
_CRITERIA = re.compile(r"^(?:按|根据|依据|按照)")
_SPLIT = re.compile(r"^(?:按|根据|依据|按照).{1,8}(?:分|划分|区分|分类)$")
_PLACEHOLDER = re.compile(r"^第?[A-Za-z\d一二三四五六七八九十]{1,2}[类類代级級型等档層层期]$")
# A part of the course (专题复习, 第三篇, 模块二), not a list of like things.
_COURSE_PART = re.compile(r"复习|複習|专题|專題|^第.{1,3}[篇章节節部编編]|模块|模塊|单元|單元|知识点|考点|重点内容|附录|目录")
# A set of rules (考勤制度: 严格按照规定的上下班时间打卡…): sentences to obey, not names to recite.
_RULES = re.compile(r"(?:制度|规定|規定|纪律|守则|须知)$")
RULE_ITEM_CHARS = 8


def no_list_to_learn(graph: KnowledgeGraph, name: str, kids: list[Node], items: list[str], counted: bool) -> bool:
    """The entries are labels of other lists, not things to recall: the splits of a classification
    (按功能分 / 按规模分), headings of sub-lists (培养的方法 / 激发的方法), a part of the course
    (专题复习), or the rules of a 制度 written as sentences."""
    titles = [_clean(k.title) for k in kids]
    own_lists = len(kids) >= 2 and all(graph.children(k.id) for k in kids)
    if own_lists and all(_CRITERIA.match(t) for t in titles):
        return True
    if len(kids) >= 2 and all(_ASPECT.match(t) or _SPLIT.match(t) or _PLACEHOLDER.match(t) for t in titles) \
            and not any(_clean(k.text) for k in kids):
        return True  # 制度上 / 技术上, 按规模分 / 按性质分, A类 / B类, 第一代 / 第二代: nothing said of each
    # 培养的方法 / 激发的方法, 加里培林的五阶段: headings; 海德的归因理论 of 归因理论 is a kind of its list.
    headings = [t for k, t in zip(kids, titles) if graph.children(k.id)
                and (("的" in t and not t.endswith(name[-2:])) or _NUM_WORD.search(t))]
    if len(kids) >= 2 and len(headings) * 2 >= len(kids):
        return True
    if not counted and own_lists and _COURSE_PART.search(name):
        return True
    # 考勤制度: 严格按照规定的上下班时间打卡 / 按时打卡 / 请假; 安全生产责任制度 / 安全生产教育制度 are names.
    return (bool(_RULES.search(name)) and any(len(i) > RULE_ITEM_CHARS for i in items)
            and len({i[-2:] for i in items}) > 1)


# 组织方面, 工作本身, 体现三种形态, 代表人物: a name that says whose only with its heading.
_FRAGMENT_START = re.compile(r"^(?:体现|體現|明确|明確|落实|落實|做到|坚持|堅持|加强|加強|可按|应当|必须|要|对待|對待|对于|關於|关于)")
FIELD_WORDS = frozenset(("代表人物", "人物", "观点", "觀點", "优点", "優點", "缺点", "缺點", "含义", "内容", "作用", "意义",
                         "特点", "原因", "目的", "对象", "要求", "方法", "措施", "步骤", "表现", "影响"))


def fragment_name(name: str) -> bool:
    return (bool(_FRAGMENT_START.match(name)) or (len(name) <= 4 and name.endswith(("方面", "本身")))
            or name in FIELD_WORDS)


_LEAD_IN = re.compile(r"(?:主要|一般|通常)?(?:有|包括|包含|分为|如下|是)?\s*[:：]\s*$")


def lead_in_name(node: Node) -> str:
    """The name a list is given in its node's text, right before its entries (「…成反比关系。影响管理幅度的
    因素有：① …」): the heading above it (管理幅度与管理层次) names the section, not this list."""
    sentences = [s for s in re.split(r"(?<=[。；;！!？?])", node.text.strip()) if s.strip()]
    if not sentences or not re.search(r"[:：]\s*$", sentences[-1]):
        return ""
    name = _LEAD_IN.sub("", sentences[-1].strip())
    # A name is a noun phrase (影响管理幅度的因素); 「主要有四类：」, 「从低到高共七种：」 or 「发文处理包括：」
    # only count or repeat the heading.
    if (not 4 <= len(name) <= 16 or "的" not in name or re.search(r"[，,、（(]|以下|如下|具体", name)
            or _NUM_WORD.search(name) or _LEAD_START.match(name) or name in _clean(node.title)
            or _clean(node.title) in name):
        return ""
    return name


_NUM_WORD = re.compile(r"[一二三四五六七八九十两\d]+\s*(?:[个個种種类類项項条條点點层層步大位]|方面)")
_LEAD_START = re.compile(r"^(?:主要|一般|通常|从|按|共|其中|分别|具体)")


# 考点1 / 知识点二 / 第三节 / 专题: the marker of a part of the course, not of an entry of a list.
_SECTION_MARKER = re.compile(r"^(?:考点|考點|考试点|考試點|知识点|知識點|专题|專題|模块|模塊|单元|單元|第.{1,3}[章节節篇讲講课課])")


def section_headings(kids: list[Node]) -> bool:
    """The entries are headings of the course's parts (考点1 需要理论, 考点2 过程型激励理论): what they
    hold is learnt, their names under the chapter's title are no list."""
    return any(_SECTION_MARKER.match(k.marker.strip()) or k.kind in ("chapter", "section") for k in kids)


# 呼叫中心的功能特四: the note-taker's tag (one character and the count) written after the name.
_TAG = re.compile(r"^(?P<name>.{4,}?)\s*(?P<tag>[\u4e00-\u9fff](?P<n>[一二三四五六七八九十]))$")


def name_tag(title: str, count: int) -> tuple[str, str]:
    """(name, tag) of a title that ends in a tag counting its ``count`` entries, else (title, '')."""
    from cskexam.core.card_text import chinese_number

    m = _TAG.match(title)
    if m and m["n"] == chinese_number(count) and m["tag"][0] not in "的第之前后共有为是和与及次级层类种个项点条步章节期部篇大小其":
        return m["name"], m["tag"]
    return title, ""


def remark_for_an_entry(mnemonic: str, kids: list[Node], items: list[str]) -> bool:
    """A 'mnemonic' that reads like one more entry's description (记忆：机械记忆下降，意义记忆保持): the notes'
    label of that entry was taken for a mnemonic's, and the list lost an entry."""
    described = [k for k in kids if _clean(k.text)]
    return (len(kids) >= 2 and len(described) == len(kids) and re.search(r"[，,]", mnemonic) is not None
            and not _mnemonic_hints(mnemonic, items) and len(mnemonic) > 8)
