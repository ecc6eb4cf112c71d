"""Small helpers that turn note text into literal, aligned ``Content``."""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.content import Content

_NUMBER = re.compile(r"\d+(?![\d-])")  # a count, not the year of a date


def aligned_pairs(rows: list[tuple[str, str]], gap: int = 2) -> Content:
    """Label/value rows with the values lined up (labels are measured in cells, so CJK aligns)."""
    if not rows:
        return Content("")
    width = max(cell_len(label) for label, _ in rows)
    # Counts ("12", "3 天") line up on their last digit, like in a table.
    numbers = [_NUMBER.match(v) for _, v in rows]
    digits = max((len(m.group()) for m in numbers if m), default=0)
    parts: list[str | tuple[str, str]] = []
    for i, (label, value) in enumerate(rows):
        pad = " " * (width - cell_len(label) + gap)
        number = numbers[i]
        if number:
            value = " " * (digits - len(number.group())) + value
        parts += [(label, "$text-muted"), pad, (value, "bold")]
        if i < len(rows) - 1:
            parts.append("\n")
    return Content.assemble(*parts)


def clip(text: str, cells: int) -> str:
    """``text`` on one line, cut to at most ``cells`` terminal cells (with an ellipsis)."""
    flat = " ".join(text.split())
    if cell_len(flat) <= cells:
        return flat
    out = []
    used = 0
    for ch in flat:
        w = cell_len(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
