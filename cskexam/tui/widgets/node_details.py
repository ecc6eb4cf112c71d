"""The right-hand pane of 知识图谱: everything known about one node.

The widgets are created once and updated in place (creating widgets on every
cursor move would make arrow keys lag). All note text goes through
``Content(text)``/``Content.assemble``: it is shown literally, never parsed as
markup.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.vocab import node_kind_label
from cskexam.tui.widgets.text import clip

MAX_RELATED_KEYS = 9
MAX_CHILD_LINES = 200  # a chapter of thousands of points would stall every cursor move
_SECTIONS = ("path", "title", "meta", "warning", "mnemonic", "text", "items", "definitions", "related", "source")


def flag_warning(node: Node) -> str | None:
    """The flags of a node in words (⚠ and the reason), one line each."""
    if not node.flags:
        return None
    lines = [f"⚠ {reason}" for reason in node.flag_reasons]
    if node.blocks_items:
        lines.append("  此节点不出卡片和题目；按 o 对照原文检查。")
    return "\n".join(lines)


def meta_content(node: Node) -> Content:
    parts: list[str | tuple[str, str]] = []

    def field(label: str, value: str) -> None:
        if parts:
            parts.append("   ")
        parts.extend([(f"{label} ", "$text-muted"), (value, "bold")])

    field("类型", node_kind_label(node.kind))
    if node.marker:
        field("编号", node.marker)
    if node.page:
        field("页码", node.page)
    if node.count is not None:
        field("数量", str(node.count))
    if node.tags:
        field("标签", "、".join(node.tags))
    return Content.assemble(*parts)


def _line_span(node: Node) -> str:
    first, last = node.source.line, node.source.last
    return f"{first}" if last == first else f"{first}-{last}"


class NodeDetails(VerticalScroll):
    """Shows one node; ``related_ids`` lists the nodes keys 1–9 jump to."""

    DEFAULT_CSS = """
    NodeDetails > Static { width: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.related_ids: list[str] = []
        self.node_id: str | None = None
        self._graph: KnowledgeGraph | None = None

    def compose(self) -> ComposeResult:
        for name in _SECTIONS:
            yield Static(Content(""), id=f"nd-{name}", classes="nd-section")

    def on_mount(self) -> None:
        self.clear()

    def _set(self, name: str, content: Content | None) -> None:
        widget = self.query_one(f"#nd-{name}", Static)
        if content is None or not content.plain:
            widget.display = False
        else:
            widget.update(content)
            widget.display = True

    def clear(self, message: str = "在左侧选择一个节点。") -> None:
        self.node_id = None
        self.related_ids = []
        for name in _SECTIONS:
            self._set(name, None)
        self._set("text", Content(message))

    @property
    def line_cells(self) -> int:
        """Room for one line of text (list lines are cut to it rather than wrapped)."""
        width = self.scrollable_content_region.width
        return max(width - 1, 20) if width else 70

    def on_resize(self) -> None:
        if self.node_id is not None and self._graph is not None:
            self.show(self._graph, self.node_id, keep_scroll=True)

    def show(self, graph: KnowledgeGraph, node_id: str, *, keep_scroll: bool = False) -> None:
        node = graph.get(node_id)
        self.node_id = node_id
        self._graph = graph
        path = graph.path_titles(node_id)
        self._set("path", Content(" › ".join(path)) if path else None)
        self._set("title", Content(node.title or "（无标题）"))
        self._set("meta", meta_content(node))
        warning = flag_warning(node)
        self._set("warning", Content(warning) if warning else None)
        self._set(
            "mnemonic",
            Content.assemble(("口诀 ", "$text-muted"), (node.mnemonic, "bold")) if node.mnemonic else None,
        )
        self._set("text", Content(node.text) if node.text else None)
        self._set("items", self._children_content(graph, node))
        self._set("definitions", self._definitions_content(graph, node))
        self._set("related", self._related_content(graph, node))
        self._set(
            "source",
            Content(f"来源 {node.source.file}:{_line_span(node)}（按 o 看原文）") if node.source.file else None,
        )
        if not keep_scroll:
            self.scroll_home(animate=False)

    def _children_content(self, graph: KnowledgeGraph, node: Node) -> Content | None:
        children = graph.children(node.id)
        if not children:
            return None
        items = [c for c in children if c.kind == "item"]
        heading = f"清单（{len(items)} 项）" if len(items) == len(children) else f"下级（{len(children)}）"
        parts: list[str | tuple[str, str]] = [(heading, "bold $accent")]
        room = self.line_cells
        for i, child in enumerate(children[:MAX_CHILD_LINES], 1):
            marker = f"  {child.marker or f'{i}.'} "
            title = clip(child.title or "（无标题）", room - cell_len(marker))
            parts += ["\n", (marker, "$text-muted"), (title, "bold")]
            left = room - cell_len(marker) - cell_len(title) - 2
            if child.text and left >= 6:
                parts += ["：", clip(child.text, left)]
        if len(children) > MAX_CHILD_LINES:
            parts += ["\n", (f"  … 另有 {len(children) - MAX_CHILD_LINES} 项，见左侧树", "$text-muted")]
        return Content.assemble(*parts)

    def _definitions_content(self, graph: KnowledgeGraph, node: Node) -> Content | None:
        definitions = graph.definitions_of(node.id)
        if not definitions:
            return None
        parts: list[str | tuple[str, str]] = [("定义", "bold $accent")]
        for d in definitions:
            parts += ["\n", ("  " + d.term, "bold"), "：", d.text]
        return Content.assemble(*parts)

    def _related_content(self, graph: KnowledgeGraph, node: Node) -> Content | None:
        related = graph.related(node.id)
        self.related_ids = [r.id for r in related[:MAX_RELATED_KEYS]]
        if not related:
            return None
        parts: list[str | tuple[str, str]] = [("相关节点", "bold $accent"), ("（按数字键跳转）", "$text-muted")]
        for i, other in enumerate(related, 1):
            key = f" {i} " if i <= MAX_RELATED_KEYS else "   "
            where = " › ".join(graph.path_titles(other.id))
            parts += ["\n  ", (key, "bold reverse"), " ", (clip(other.title, self.line_cells - 6), "bold")]
            if where:
                parts += ["\n      ", (clip(where, self.line_cells - 6), "$text-muted")]
        return Content.assemble(*parts)
