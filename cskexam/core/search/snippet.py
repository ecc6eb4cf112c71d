"""What a result shows of a key point: one line around the match, and where to highlight it."""

from __future__ import annotations

from typing import Iterable, Sequence

__all__ = ["SNIPPET_CHARS", "highlight_spans", "make_snippet"]

SNIPPET_CHARS = 60


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``terms`` in ``text``, case-insensitive, longest terms first."""
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for term in sorted({t.lower() for t in terms if t}, key=len, reverse=True):
        start = lowered.find(term)
        while start != -1:
            end = start + len(term)
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
            start = lowered.find(term, end)
    return sorted(spans)


def make_snippet(body: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """One line of ``body`` around the first matched word (the start when none)."""
    flat = " ".join(body.split())
    if len(flat) <= width:
        return flat
    lowered = flat.lower()
    found = [at for term in terms if term and (at := lowered.find(term.lower())) != -1]
    first = min(found, default=-1)
    start = max(0, min(first - width // 4, len(flat) - width)) if first > 0 else 0
    piece = flat[start : start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(flat) else "")
