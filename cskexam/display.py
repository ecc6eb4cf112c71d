"""How times and scores are written for the user, shared by the CLI and the TUI."""

from __future__ import annotations

import math

from cskexam.core.exam import fmt_points

__all__ = ["fmt_points", "format_clock", "format_duration"]


def format_clock(seconds: float) -> str:
    """Remaining time as the countdown shows it: ``89:59`` or ``1:59:59``."""
    s = max(0, int(math.ceil(seconds)))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"


def format_duration(seconds: float) -> str:
    """``1 小时 5 分 3 秒`` / ``12 分 30 秒``."""
    s = max(0, int(round(seconds)))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    if h:
        return f"{h} 小时 {m} 分 {sec} 秒"
    if m:
        return f"{m} 分 {sec} 秒"
    return f"{sec} 秒"
