"""知识图谱: the notes as a tree on the left, the selected node on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, Tree

from cskexam.tui.widgets.dismiss_once import DismissOnce
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.screens import registry
from cskexam.tui.widgets.graph_tree import GraphTree
from cskexam.tui.widgets.node_details import MAX_RELATED_KEYS, NodeDetails
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.failures import guarded
from cskexam.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from cskexam.core.graph import KnowledgeGraph, Node


def original_content(node: Node) -> Content:
    """The node's lines of the notes as written, numbered (text, never markup)."""
    first = node.source.line
    lines = node.original.split("\n") if node.original else []
    width = len(str(first + max(len(lines) - 1, 0)))
    parts: list[str | tuple[str, str]] = []
    for offset, line in enumerate(lines):
        if parts:
            parts.append("\n")
        parts += [(f"{first + offset:>{width}} │ ", "$text-muted"), line]
    return Content.assemble(*parts) if parts else Content("（这一节点没有保存原文：请重新导入笔记。）")


class OriginalLinesDialog(DismissOnce, ModalScreen[None]):
    """原文: the lines of the notes a node came from, with file name and line numbers."""

    DEFAULT_CSS = """
    OriginalLinesDialog { align: center middle; }
    OriginalLinesDialog > Vertical {
        width: 90%; height: auto; max-height: 85%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    OriginalLinesDialog #original-title { text-style: bold; margin-bottom: 1; }
    OriginalLinesDialog VerticalScroll { height: auto; max-height: 30; }
    OriginalLinesDialog #original-keys { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,o,q", "close", "关闭")]

    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node

    def compose(self) -> ComposeResult:
        src = self.node.source
        span = f"第 {src.line} 行" if src.last == src.line else f"第 {src.line}–{src.last} 行"
        with Vertical():
            yield Static(Content(f"原文 · {src.file} {span}"), id="original-title")
            with VerticalScroll():
                yield Static(original_content(self.node), id="original-lines")
            yield Static(Content("Esc / o 关闭"), id="original-keys")

    def action_close(self) -> None:
        self.dismiss(None)


class GraphScreen(AppScreen):
    SCREEN_NAME = "graph"

    BINDINGS = [
        # 1-9 and ⌫ are under ?: the footer must fit 80 columns
        Binding("1", "related(1)", "相关节点", key_display="1-9", show=False),
        *(Binding(str(n), f"related({n})", "相关节点", show=False) for n in range(2, MAX_RELATED_KEYS + 1)),
        Binding("backspace", "history_back", "上一个节点", key_display="⌫", show=False),
        Binding("o", "original", "原文"),
        Binding("d", "for_node('drill')", "复习本节"),
        Binding("p", "for_node('practice')", "练习本节"),
        Binding("tab", "switch_pane", "切换窗格", show=False),
    ]

    _HELP = [
        ("↑ ↓", "在树中移动"),
        ("→ / ←", "展开 / 收起（或到上级）"),
        ("Enter / 空格", "展开或收起"),
        ("1-9", "跳到第 n 个相关节点"),
        ("⌫", "回到跳转前的节点"),
        ("o", "看本节点在笔记中的原文（文件名和行号）"),
        ("Tab", "在树和详情之间切换（详情可用 ↑ ↓ 滚动）"),
    ]
    _HELP_FOR = {"drill": ("d", "复习本节点及其下级的卡片"), "practice": ("p", "练习本节点及其下级的题目")}

    @property
    def KEY_HELP(self) -> list[tuple[str, str]]:  # noqa: N802 - the name the help overlay reads
        available = {e.name for e in registry.available_entries()}
        return self._HELP + [line for name, line in self._HELP_FOR.items() if name in available]

    def __init__(self, node_id: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.initial_node_id = node_id
        self.graph: KnowledgeGraph | None = None
        self._history: list[str] = []

    def compose(self) -> ComposeResult:
        yield TitleBar("知识图谱")
        with Horizontal(id="graph-body"):
            with Vertical(id="graph-tree-pane"):
                # Composed empty and filled later, so that focus lands on it once:
                # every focus change rebuilds the footer.
                yield GraphTree(id="graph-tree")
            yield NodeDetails(id="graph-details")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#graph-tree-pane").border_title = "章节与要点"
        self.query_one("#graph-details").border_title = "详情"
        cached = getattr(self.app, "cached_graph", None)
        if cached is not None:
            self._show_graph(cached)
        else:
            self.query_one(NodeDetails).clear("正在读取知识图谱…")
            self.run_worker(guarded(self, self._load_graph), thread=True, group="graph-load", exclusive=True)

    def _load_graph(self) -> None:
        graph = self.app.knowledge_graph()
        self.app.call_from_thread(self._show_graph, graph)

    def _show_graph(self, graph: KnowledgeGraph) -> None:
        self.graph = graph
        if not graph.nodes:
            self.query_one(NodeDetails).clear("资料库里还没有笔记。用 cskexam import 导入笔记。")
            return
        self.query_one(GraphTree).set_graph(graph)
        self.query_one(NodeDetails).clear()
        target = self.initial_node_id
        if target is None:
            first = graph.roots()[0]
            self.call_after_refresh(self._select, first.id)
        else:
            self.call_after_refresh(self._select, target)

    # -- navigation -----------------------------------------------------
    @property
    def outline_tree(self) -> GraphTree | None:
        return self.query_one(GraphTree) if self.graph is not None else None

    def _select(self, node_id: str) -> None:
        tree = self.outline_tree
        if tree is None or self.graph is None:
            return
        if node_id not in self.graph:
            self.notify("找不到这个节点", severity="warning")
            return
        tree.reveal(node_id)
        self._show_details(node_id)

    def focus_node(self, node_id: str) -> None:
        """Select ``node_id`` in the tree and show it (remembering where we were)."""
        details = self.query(NodeDetails)
        if not details:
            # Pushed a moment ago and not composed yet (Enter pressed twice on a search
            # result): it shows this node once it has its graph.
            self.initial_node_id = node_id
            return
        current = details.first().node_id
        if current is not None and current != node_id:
            self._history.append(current)
        if self.graph is None:
            self.initial_node_id = node_id
            return
        self._select(node_id)
        if self.outline_tree is not None and not self.outline_tree.has_focus:
            self.outline_tree.focus()

    def reopen(self, node_id: str | None = None, **_: object) -> None:
        """Called by ``app.open_screen`` when 知识图谱 is already open."""
        if node_id is not None:
            self.focus_node(node_id)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if self.graph is not None and event.node.data is not None:
            details = self.query_one(NodeDetails)
            if details.node_id != event.node.data:
                self._show_details(event.node.data)

    def _show_details(self, node_id: str) -> None:
        if self.graph is not None:
            self.query_one(NodeDetails).show(self.graph, node_id)

    def action_related(self, n: int) -> None:
        related = self.query_one(NodeDetails).related_ids
        if 1 <= n <= len(related):
            self.focus_node(related[n - 1])
        elif self.graph is not None:
            self.notify("没有这个相关节点", timeout=1.5)

    def action_history_back(self) -> None:
        if not self._history:
            return
        self._select(self._history.pop())
        if self.outline_tree is not None and not self.outline_tree.has_focus:
            self.outline_tree.focus()

    def action_for_node(self, name: str) -> None:
        node_id = self.query_one(NodeDetails).node_id
        if node_id is not None:
            self.app.open_screen(name, node_id=node_id)

    def action_original(self) -> None:
        node_id = self.query_one(NodeDetails).node_id
        if self.graph is None or node_id is None or node_id not in self.graph:
            return
        node = self.graph.get(node_id)
        if not node.source.file:
            self.notify("这一节点没有来源信息", timeout=2)
            return
        self.app.push_screen(OriginalLinesDialog(node))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "for_node":
            # Hidden until that feature's screen exists. (Not greyed out while no
            # node is selected: that would rebuild the footer on selection.)
            return parameters[0] in {e.name for e in registry.available_entries()}
        return True

    def action_switch_pane(self) -> None:
        details = self.query_one(NodeDetails)
        if details.has_focus and self.outline_tree is not None:
            self.outline_tree.focus()
        else:
            details.focus()
