"""A key point's defining sentence as question generators read it: the first
sentence of its definition or text, without a page footer, a reminder run into
it or a gloss before it; empty when it is an aside or no description of the
point itself."""

from __future__ import annotations

import re

from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.question_doubt import not_its_own, strip_glued_heading
from cskexam.core.question_names import NOTES_TITLE
from cskexam.core.question_quality import plain_description

# A page's footer run into the text: 「…之间发展心理咨询师（三级）社会心理学讲义第 3 页」 loses the header
# (letters, brackets and digits of a title ending in 讲义/笔记/… before the page number) and the mark.
_PAGE_TAIL = re.compile(r"(?:[\u4e00-\u9fffA-Za-z0-9()（）]{0,30}?(?:讲义|講義|笔记|筆記|教材|课件|資料|资料|复习|複習|"
                        r"重点|重點|汇总|考点|提纲)\s*)?第\s*\d+\s*[页頁]\s*$|\s*[-—–]\s*\d+\s*[-—–]\s*$")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
_PUNCT_TAIL = "。，、；：,.;: "


def _first_sentence(text: str) -> str:
    text = strip_glued_heading((text or "").strip())
    # A page mark sits at the very end; searching only there keeps a 10 MB
    # paragraph from being scanned at every position.
    cut = max(0, len(text) - _PAGE_TAIL_REACH)
    text = text[:cut] + _PAGE_TAIL.sub("", text[cut:])
    start = 0
    for m in _SENTENCE_END.finditer(text):  # read up to the first sentence only
        part = text[start : m.start()].strip().rstrip(_PUNCT_TAIL)
        if part:
            return part
        start = m.start()
    return text[start:].strip().rstrip(_PUNCT_TAIL)


_PAGE_TAIL_REACH = 120


# Each key point's defining sentence, for the few graphs being worked on: every question
# maker asks it of the items it looks at, several times over a list.
_DEFINITIONS: dict[int, tuple[KnowledgeGraph, tuple[int, int], dict[tuple[str, str], str]]] = {}


def _definition(graph: KnowledgeGraph, node: Node) -> str:
    """The node's defining sentence: a parsed definition, else its first sentence; a reminder
    run into it (…做不到的事记:“洁、速…”) and a gloss before it (（Atomicity）：) are cut off."""
    known = _DEFINITIONS.get(id(graph))
    size = (len(graph), len(graph.definitions))
    if known is None or known[0] is not graph or known[1] != size:
        if len(_DEFINITIONS) > 8:
            _DEFINITIONS.clear()
        known = _DEFINITIONS[id(graph)] = (graph, size, {})
    key = (node.id, node.text)
    text = known[2].get(key)
    if text is None:
        text = known[2][key] = _find_definition(graph, node)
    return text


def _find_definition(graph: KnowledgeGraph, node: Node) -> str:
    found = next((d.text for d in graph.definitions_of(node.id) if d.text.strip()), node.text)
    text = _first_sentence(_GLOSS.sub("", _cut_reminder(found)))
    if not_its_own(graph, node, text) or meta_text(text):
        return ""  # 上述四个阶段…, 德尔菲法又称… under another item: asked of this one, the key would be wrong
    if NOTES_TITLE.search(text) and len(text) <= 20 and not re.search(r"[，,]", text):
        return ""  # 心理咨询师复习笔记: a page's running header, not what the item is
    return text if plain_description(text) else ""  # 代表人物：斯金纳 is a field of the notes, no description


_GLOSS = re.compile(r"^\s*[:：]?\s*[(（][^()（）]{1,30}[)）]\s*[:：]?\s*")


_REMINDER = re.compile(r"(记|口诀|助记|(?<![\u4e00-\u9fff])注|考点)\s*[:：]|[(（](考点|注|记)")


def _cut_reminder(text: str) -> str:
    m = _REMINDER.search(text or "")
    return (text or "")[: m.start()] if m and m.start() > 0 else (text or "")


_MNEMONIC_LINE = re.compile(r"(?:记|口诀|助记|记忆)\s*[:：]?\s*[“\"「]([^”\"」]{3,40})[”\"」]")


# A teacher's aside or a note to oneself, not a statement of the material:
# 「(极端激进型最难处理…)」, 「注:…」, 「记:“质、态…”」, 「(考点:…)」, 「口诀:…」.
_META = re.compile(r"^\s*[(（\[【]|^\s*(注|注意|特别注意|记|口诀|考点|备注|提示|老师|重点|易错|区别|辨析|说明)\s*[:：]|[(（](考点|注|记)[:：]")


def meta_text(text: str) -> bool:
    """``text`` is an aside or a reminder (parenthesised, 注:/记:/口诀:), no sentence to ask."""
    return bool(_META.search(text or "") or _MNEMONIC_LINE.search(text or ""))
