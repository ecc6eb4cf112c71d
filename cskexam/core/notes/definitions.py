"""Definitions in the notes: ``X是指Y``, ``X:指Y``, ``X是…的集合``."""

from __future__ import annotations

import re

from cskexam.core.graph import Definition, KnowledgeGraph

_SENTENCES = re.compile(r"[^。;!?]+")
_IS_MEANT = re.compile(r"^([^,:()“”\"]{2,14}?)(?:是指|:指|指的是)(.{4,})$")
_IS_SET = re.compile(r"^([^,:()“”\"]{2,12}?)是(.{2,80}?的(?:集合|总称|统称|总和))")
_ASIDE = re.compile(r"^(?:注|注意|備註|备注|说明|說明|提示|提醒|例如|比如|小结|总结|易错|易混|[\u4e00-\u9fff]{1,4}(?:提醒|提示))$")
# 指标要能…, 指挥…: 指 opening a word of its own, not 指 "means" (指导游… may mean either).
_WORD_WITH_ZHI = re.compile(r"^指[标標挥揮南令数數出定示引针針纹紋甲望责責控]")
_TITLE_NOISE = re.compile(r"(的定义|是谁|的含义|的概念)$")


def _definitions_of(title: str, text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    stripped = text.strip()
    if not stripped:
        return found  # most nodes of a dense outline: a title and nothing to define
    if stripped.startswith(("指", "是指")) and title and not _WORD_WITH_ZHI.match(stripped):
        body = stripped[2:] if stripped.startswith("是指") else stripped[1:]
        found.append((title, "指" + _first_sentence(body)))
    base = _TITLE_NOISE.sub("", title)
    for sentence in _SENTENCES.findall(stripped):
        sentence = sentence.strip()
        m = _IS_MEANT.match(sentence)
        if m and _ASIDE.match(m.group(1).strip()):
            continue  # 注意:指标不是越高越好: a remark, whose next word happens to open with 指
        if m:
            found.append((m.group(1).strip(), "指" + m.group(2).strip()))
            continue
        m = _IS_SET.match(sentence)
        if m:
            found.append((m.group(1).strip(), m.group(2).strip()))
            continue
        if base and len(base) >= 2 and sentence.startswith(base + "是") and len(sentence) > len(base) + 4:
            found.append((base, sentence[len(base) + 1 :].strip()))
    return found


def _first_sentence(text: str) -> str:
    m = _SENTENCES.match(text)
    return m.group(0).strip() if m else text.strip()


def extract_definitions(graph: KnowledgeGraph) -> list[Definition]:
    out: list[Definition] = []
    seen: set[tuple[str, str]] = set()
    for node in graph:
        if node.kind == "document":
            continue
        for term, text in _definitions_of(node.title, node.text):
            if (term, node.id) in seen or not text:
                continue
            seen.add((term, node.id))
            out.append(Definition(term=term, text=text, node=node.id))
    return out
