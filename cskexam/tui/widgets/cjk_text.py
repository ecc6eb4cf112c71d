"""``CjkText``: a ``Content`` laid out with the Chinese line breaking rule.

Textual wraps CJK text at any character, so a line may start with 。 or
split （竞争者）. ``CjkText`` cuts the text where ``core.linebreak`` allows,
for whatever width the widget gets, and lets ``Content`` draw the lines.
Use it as a ``Static``'s content: ``Static(CjkText(Content(text)))``.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from cskexam.core.linebreak import break_offsets


def cjk_wrapped(content: Content | str, width: int) -> Content:
    """``content`` with a newline at each break ``core.linebreak`` chooses for ``width`` cells."""
    if isinstance(content, str):
        content = Content(content)
    offsets = break_offsets(content.plain, max(2, width))
    if offsets:
        # spaces at a break end the line they follow; drop them so the line fits
        content = Content("\n").join(line.rstrip(" ") for line in content.divide(offsets))
    return _without_joiners(content)


WORD_JOINER = "\u2060"


def _without_joiners(content: Content) -> Content:
    """Word joiners only steer the breaks (they keep a label and its figure together); they are not drawn."""
    plain = content.plain
    if WORD_JOINER not in plain:
        return content
    cuts = [i for i, ch in enumerate(plain) if ch == WORD_JOINER]
    pieces = content.divide(cuts)
    return Content("").join([pieces[0], *(piece[1:] for piece in pieces[1:])])


class CjkText(Visual):
    def __init__(self, content: Content | str) -> None:
        self.content = Content(content) if isinstance(content, str) else content
        self._cache: tuple[int, Content] | None = None

    def _at(self, width: int) -> Content:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, cjk_wrapped(self.content, width))
        return self._cache[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._at(width).get_height(rules, width)

    @property
    def plain(self) -> str:
        return self.content.plain

    def __str__(self) -> str:
        return self.content.plain


__all__ = ["CjkText", "cjk_wrapped"]
