"""Notes → knowledge graph: normalise, split documents, build outlines, finish nodes.

Titles that are cut by guessing (no colon, no bracket) are guessed better
when we know the titles written cleanly elsewhere (``4、技术环境:科学技术是…``
teaches us where ``4、技术环境科学技术是…`` ends), so the outline is built twice:
the first pass only collects those clean titles.
"""

from __future__ import annotations

from dataclasses import dataclass

from cskexam.core.graph import COUNT_MISMATCH, TITLE_TRUNCATED, KnowledgeGraph, Node, SourceRef, make_flag, node_id
from cskexam.core.notes.definitions import extract_definitions
from cskexam.core.notes.documents import Document, split_documents
from cskexam.core.notes.enumerations import split_counted, split_short_list
from cskexam.core.notes.headings import Heading, stated_count
from cskexam.core.notes.links import related_edges
from cskexam.core.notes.markers import Marker, find_markers
from cskexam.core.notes.normalize import normalize_text
from cskexam.core.notes.outline import Draft, OutlineBuilder

_KIND_BY_STYLE = {"part": "chapter", "chapter": "chapter", "section": "section", "h1": "chapter", "h2": "chapter", "h3": "section"}


@dataclass(frozen=True)
class NoteSource:
    name: str  # file name as shown to the user and used in node ids
    text: str
    # The text as written, before errata corrections (same lines as ``text``):
    # a node's 原文 is taken from it.
    original: str | None = None


_ORIGINAL_MAX_LINES = 40


def _raw_lines(src: NoteSource) -> list[str]:
    def split(text: str) -> list[str]:
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    lines = split(src.text)
    if src.original is not None:
        original = split(src.original)
        if len(original) == len(lines):
            return original
    return lines


def _build(doc: Document, known: frozenset[str], scanned: list[list[Marker]], titles_only: bool = False) -> Draft:
    builder = OutlineBuilder(doc.title, doc.line, known, titles_only)
    for (lineno, text), markers in zip(doc.body, scanned):
        builder.add_line(text, lineno, markers)
    return builder.finish()


def _clean_titles(draft: Draft, out: set[str]) -> None:
    for child in draft.children:
        if child.heading and child.heading.explicit and 2 <= len(child.title) <= 10:
            out.add(child.title)
        _clean_titles(child, out)


def parse_notes(sources: list[NoteSource]) -> KnowledgeGraph:
    files = [(src.name, split_documents(src.name, normalize_text(src.text))) for src in sources]
    raw_by_name = {src.name: _raw_lines(src) for src in sources}
    scans = {id(doc): [find_markers(text) for _, text in doc.body] for _, docs in files for doc in docs}
    known: set[str] = set()
    for _, docs in files:
        for doc in docs:
            _clean_titles(_build(doc, frozenset(), scans[id(doc)], titles_only=True), known)
    frozen = frozenset(known)
    graph = KnowledgeGraph()
    for name, docs in files:
        seen_paths: set[tuple[str, ...]] = set()
        for doc in docs:
            _emit(graph, name, raw_by_name[name], _build(doc, frozen, scans[id(doc)]), None, (), seen_paths)
    graph.definitions = extract_definitions(graph)
    graph.edges = related_edges(graph)
    return graph


def _original(raw: list[str], first: int, last: int) -> str:
    if first < 1:
        return ""
    last = min(last, first + _ORIGINAL_MAX_LINES - 1)
    return "\n".join(line.rstrip() for line in raw[first - 1 : last])


def _unique_path(path: tuple[str, ...], seen: set[tuple[str, ...]]) -> tuple[str, ...]:
    candidate, n = path, 1
    while candidate in seen:
        n += 1
        candidate = path[:-1] + (f"{path[-1]}#{n}",)
    seen.add(candidate)
    return candidate


def _emit(
    graph: KnowledgeGraph,
    file: str,
    raw: list[str],
    draft: Draft,
    parent: Node | None,
    parent_path: tuple[str, ...],
    seen: set[tuple[str, ...]],
) -> Node:
    heading = draft.heading
    title = draft.title or draft.marker or "（无标题）"
    path = _unique_path(parent_path + (title,), seen)
    text = "".join(draft.text_parts).strip()
    node = Node(
        id=node_id(file, path),
        kind="document" if parent is None else _KIND_BY_STYLE.get(draft.style, "point"),
        title=title,
        text=text,
        marker=draft.marker,
        parent=parent.id if parent else None,
        mnemonic=heading.mnemonic if heading else None,
        page=heading.page if heading else None,
        tags=list(heading.tags) if heading else [],
        source=SourceRef(file, draft.line, max(draft.line, draft.end)),
        original=_original(raw, draft.line, max(draft.line, draft.end)),
    )
    graph.nodes[node.id] = node
    if parent is not None:
        parent.children.append(node.id)
    if heading and heading.truncated:
        node.flags.append(make_flag(TITLE_TRUNCATED))

    node.count = stated_count(title, text, node.mnemonic) if parent is not None else None
    children = list(draft.children)
    inline: list[Draft] = []
    if parent is not None and (not children or (node.count and len(children) != node.count)):
        split = split_counted(text, node.count) if node.count else None
        if split is None and not children and (node.count is not None or node.kind == "point"):
            # A plain list whose length differs from the stated count is still
            # a list: its items are kept and the mismatch flagged.
            split = split_short_list(text)
        if split is not None:
            node.text = split.remainder
            for item in split.items:
                child = Draft("inline", (), "", draft.line, inline_item=True)
                child.heading = Heading(title=item.title, text="")
                child.text_parts = [item.text] if item.text else []
                inline.append(child)
    children = inline + children
    _disambiguate_titles(children)
    for child in children:
        _emit(graph, file, raw, child, node, path, seen)
    if node.kind == "point" and not node.children:
        node.kind = "item"
    elif draft.inline_item:
        node.kind = "item"
    found = len(inline) if inline else len(node.children)
    if node.count is not None and node.count != found:
        node.flags.append(make_flag(COUNT_MISMATCH, stated=node.count, found=found))
    return node


def _disambiguate_titles(children: list[Draft]) -> None:
    """Siblings whose guessed titles collide get their whole first clause back."""
    counts: dict[str, int] = {}
    for child in children:
        counts[child.title] = counts.get(child.title, 0) + 1
    for child in children:
        heading = child.heading
        if heading and counts[child.title] > 1 and heading.clause:
            clause = heading.clause
            heading.title = clause if len(clause) <= 24 else clause[:20] + "…"
            if len(clause) <= 24 and child.text_parts and child.text_parts[0].startswith(clause):
                child.text_parts[0] = child.text_parts[0][len(clause) :].lstrip(":,;。")
