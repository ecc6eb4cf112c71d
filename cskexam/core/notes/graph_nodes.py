"""Graph nodes made from drafts: the id path of a node among repeats, an item
with nothing under it, and a node's kind and count once its children are made."""

from __future__ import annotations

from cskexam.core.graph import COUNT_MISMATCH, FALSE_STATEMENT, TITLE_TRUNCATED, TRUE_STATEMENT, KnowledgeGraph, Node, SourceRef, make_flag, node_id
from cskexam.core.notes.drafts import Draft
from cskexam.core.notes.headings import Heading
from cskexam.core.notes.stated_counts import names_count, stated_count
from cskexam.core.notes.source_lines import original_excerpt

KIND_BY_STYLE = {"part": "chapter", "chapter": "chapter", "topic": "chapter", "dec1": "chapter", "dec2": "section", "section": "section", "h1": "chapter", "h2": "chapter", "h3": "section"}


def unique_path(path: tuple[str, ...], seen: dict[tuple[str, ...], int]) -> tuple[str, ...]:
    """``path``, or ``path#n`` with the least free n (ids of repeats must not
    depend on anything but the outline). ``seen`` maps each path taken to the
    last n tried for it, so a thousand repeats cost no more than one each."""
    candidate, n = path, seen.get(path, 1)
    while candidate in seen:
        n += 1
        candidate = path[:-1] + (f"{path[-1]}#{n}",)
    if candidate is not path:
        seen[path] = n
    seen.setdefault(candidate, 1)
    return candidate


def add_node(graph: KnowledgeGraph, file: str, raw: list[str], draft: Draft, heading: Heading | None,
             title: str, parent: Node | None, path: tuple[str, ...], text: str = "") -> Node:
    """The node of ``draft`` added to the graph under ``parent``, with what its own
    line says: its heading's fields, its mnemonic line, its true/false mark."""
    node = Node(
        id=node_id(file, path),
        kind="document" if parent is None else KIND_BY_STYLE.get(draft.style, "point"),
        title=title,
        text=text,
        marker=draft.marker,
        parent=parent.id if parent else None,
        mnemonic=heading.mnemonic if heading else None,
        page=heading.page if heading else None,
        tags=list(heading.tags) if heading else [],
        source=SourceRef(file, draft.line, max(draft.line, draft.end)),
        original=original_excerpt(raw, draft.line, max(draft.line, draft.end), draft.at),
    )
    graph.nodes[node.id] = node
    if parent is not None:
        parent.children.append(node.id)
    if heading and heading.truncated:
        node.flags.append(make_flag(TITLE_TRUNCATED))
    if draft.mnemonic and not node.mnemonic:
        node.mnemonic = draft.mnemonic
    if draft.judged is not None:
        node.flags.append(make_flag(TRUE_STATEMENT if draft.judged else FALSE_STATEMENT))
    return node


def emit_leaf(graph: KnowledgeGraph, file: str, raw: list[str], draft: Draft, heading: Heading,
               title: str, parent: Node, path: tuple[str, ...]) -> Node:
    """``_emit`` for an item with nothing under it and no text of its own (most
    items): no list, mnemonic hook or answer to look for; only what the item's
    own line says."""
    node = add_node(graph, file, raw, draft, heading, title, parent, path)
    count = stated_count(title, "", node.mnemonic)
    if count is None and heading.count:
        count = heading.count
    if count is None and draft.stated is not None:
        count = draft.stated
    node.count = count
    return finish_kind(node, draft, 0)


def finish_kind(node: Node, draft: Draft, inline: int) -> Node:
    """The node's kind once its children are made, and a count that does not
    match them flagged (``inline``: how many items were split out of its text)."""
    if draft.judged is not None:
        node.kind = "item" if not node.children else node.kind
    if node.kind == "point" and not node.children:
        node.kind = "item"
    elif draft.inline_item:
        node.kind = "item"
    # Statements marked (√)/(×) written after a list are about it, not more of its items.
    found = inline if inline else len(node.children) - sum(1 for c in draft.children if c.judged is not None)
    if node.count is None and node.parent is not None and names_count(node.title, found):
        node.count = found  # 疾病的三间分布:时间、地区、人群
    if node.count is not None and node.count != found:
        node.flags.append(make_flag(COUNT_MISMATCH, stated=node.count, found=found))
    return node
