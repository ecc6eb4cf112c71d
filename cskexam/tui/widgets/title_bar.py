"""The one-line bar at the top of every screen: app name and where you are."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, where: str, **kwargs) -> None:
        super().__init__(self._content(where), **kwargs)

    @staticmethod
    def _content(where: str) -> Content:
        return Content.assemble(
            ("cskexam", "bold $accent"),
            "  ",
            ("客户服务管理师（二级）", "$text-muted"),
            "  ›  ",
            (where, "bold"),
        )

