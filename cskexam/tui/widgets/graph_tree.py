"""The knowledge graph as a lazily expanded ``Tree``.

Only the documents are added up front; a node's children are added the first
time it is expanded, so a graph of any size appears at once. Labels are built
as Rich ``Text`` objects from plain strings: ``Tree`` parses ``str`` labels as
markup, and note titles contain ``[A]`` and ``[/]``.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from cskexam.core.graph import KnowledgeGraph, Node


def is_flagged(node: Node) -> bool:
    return bool(node.flags)


def node_label(node: Node) -> Text:
    label = Text(no_wrap=True, overflow="ellipsis")
    if node.marker:
        label.append(node.marker, style="dim")
        label.append(" ")
    label.append(node.title or "（无标题）", style="bold" if node.kind in ("document", "chapter") else "")
    if node.mnemonic:
        label.append(f" {node.mnemonic}", style="italic")
    if node.count is not None:
        label.append(f" ×{node.count}", style="dim")
    if node.page:
        label.append(f" {node.page}", style="dim")
    if is_flagged(node):
        label.append(" ⚠", style="bold red")
    return label


class GraphTree(Tree[str]):
    """A ``Tree`` whose node data is the graph node id."""

    BINDINGS = [
        Binding("right", "expand_or_child", "展开", show=False),
        Binding("left", "collapse_or_parent", "收起", show=False),
    ]

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        # Tree crops a long label at the edge without a sign: cut it with … instead.
        label = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth += 1
            parent = parent.parent
        room = self.scrollable_content_region.width - self.guide_depth * (depth + (1 if self.show_root else 0)) - 1
        if room > 2 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label

    def __init__(self, graph: KnowledgeGraph | None = None, **kwargs) -> None:
        super().__init__("笔记", **kwargs)
        self.show_root = False
        self.guide_depth = 3
        self.graph = KnowledgeGraph()
        self._by_graph_id: dict[str, TreeNode[str]] = {}
        self._populated: set[str] = set()
        if graph is not None:
            self.set_graph(graph)

    def set_graph(self, graph: KnowledgeGraph) -> None:
        """Show ``graph`` (its documents; deeper levels load as they are opened)."""
        self.clear()
        self.graph = graph
        self._by_graph_id = {}
        self._populated = set()
        for node in graph.roots():
            self._add(self.root, node)
        self.root.expand()

    def process_label(self, label: str | Text) -> Text:
        # Never Text.from_markup: titles are note text.
        text = Text(label) if isinstance(label, str) else label
        return text.split()[0] if "\n" in text.plain else text

    def _add(self, parent: TreeNode[str], node: Node) -> TreeNode[str]:
        tree_node = parent.add(node_label(node), data=node.id, allow_expand=bool(node.children))
        self._by_graph_id[node.id] = tree_node
        return tree_node

    def populate(self, node_id: str) -> None:
        """Add the children of ``node_id`` to the tree (once)."""
        if node_id in self._populated or node_id not in self.graph:
            return
        self._populated.add(node_id)
        parent = self._by_graph_id[node_id]
        for child in self.graph.children(node_id):
            self._add(parent, child)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[str]) -> None:
        if event.node.data is not None:
            self.populate(event.node.data)

    @property
    def loaded_count(self) -> int:
        """How many graph nodes have a tree node so far (lazy expansion at work)."""
        return len(self._by_graph_id)

    def tree_node(self, node_id: str) -> TreeNode[str] | None:
        return self._by_graph_id.get(node_id)

    def reveal(self, node_id: str) -> TreeNode[str] | None:
        """Expand the ancestors of ``node_id`` and put the cursor on it."""
        if node_id not in self.graph:
            return None
        for ancestor in self.graph.ancestors(node_id):
            self.populate(ancestor.id)
            self._by_graph_id[ancestor.id].expand()
        target = self._by_graph_id.get(node_id)
        if target is not None:
            # Line numbers are only known after the tree has laid out its
            # lines again: reading them forces that rebuild.
            self._refresh_lines()
            self.move_cursor(target)
            self.scroll_to_node(target, animate=False)
        return target

    def _refresh_lines(self) -> None:
        _ = self.last_line

    @property
    def cursor_node_id(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            if node.data is not None:
                self.populate(node.data)
            node.expand()
        elif node.children:
            self._refresh_lines()
            self.move_cursor(node.children[0])

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)
