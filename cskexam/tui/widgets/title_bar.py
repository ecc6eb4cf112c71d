"""The one-line bar at the top of every screen: app name, where you are, and who studies
(the app's ``profile_label``: shown when a profile other than the default one is active)."""

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
        self.where = where
        self.profile = ""

    def on_mount(self) -> None:
        if hasattr(self.app, "profile_label"):
            self.watch(self.app, "profile_label", self._show_profile)

    def _show_profile(self, profile: str) -> None:
        if profile != self.profile:  # the default profile: the bar stays as composed
            self.profile = profile
            self.update(self._content(self.where, profile))

    @staticmethod
    def _content(where: str, profile: str = "") -> Content:
        parts: list = [
            ("cskexam", "bold $accent"),
            "  ",
            ("客户服务管理师（二级）", "$text-muted"),
            "  ›  ",
            (where, "bold"),
        ]
        if profile:
            parts += ["    ", ("考生：", "$text-muted"), (profile, "bold $warning")]
        return Content.assemble(*parts)

