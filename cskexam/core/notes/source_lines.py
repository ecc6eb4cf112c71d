"""A node's 原文: the lines of the notes it came from, as the user wrote them."""

from __future__ import annotations

ORIGINAL_MAX_LINES = 40
ORIGINAL_MAX_CHARS = 400


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def raw_lines(original: str | None, lines: list[str]) -> list[str]:
    """The lines as written: ``original``'s (the text before errata), when it has as many as ``lines``."""
    if original is not None:
        written = split_lines(original)
        if len(written) == len(lines):
            return written
    return lines


def original_excerpt(raw: list[str], first: int, last: int, at: float) -> str:
    """The lines ``first``..``last`` as written. A long run-on line holds many
    nodes: each keeps only the stretch around where it starts, so the cost
    stays linear in the size of the notes."""
    if first < 1:
        return ""
    if first >= last:
        line = raw[first - 1]
        if len(line) <= ORIGINAL_MAX_CHARS:
            return line.rstrip()  # the common case: one short line
        start = max(0, int(at * len(line)) - 10)
        clip = line[start : start + ORIGINAL_MAX_CHARS]
        return (("…" if start else "") + clip + ("…" if start + ORIGINAL_MAX_CHARS < len(line) else "")).rstrip()
    last = min(last, first + ORIGINAL_MAX_LINES - 1)
    lines = raw[first - 1 : last]
    if lines and len(lines[0]) > ORIGINAL_MAX_CHARS:
        line = lines[0]
        start = max(0, int(at * len(line)) - 10)
        clip = line[start : start + ORIGINAL_MAX_CHARS]
        lines[0] = ("…" if start else "") + clip + ("…" if start + ORIGINAL_MAX_CHARS < len(line) else "")
    for k in range(1, len(lines)):
        if len(lines[k]) > ORIGINAL_MAX_CHARS:
            lines[k] = lines[k][:ORIGINAL_MAX_CHARS] + "…"
    return "\n".join(line.rstrip() for line in lines)
