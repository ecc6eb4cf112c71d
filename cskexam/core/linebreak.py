"""Chinese line layout: where a line may break, and how text is cut to fit.

The break opportunities are those of the Unicode line breaking algorithm
(UAX #14, from ``uniseg``): no line starts with closing punctuation
(。，、）」), an opening bracket stays with what follows it (「（竞争者」),
and a number is never split. Widths are terminal cells: CJK characters take
two.

Pure: no UI imports.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from uniseg.linebreak import LineBreak, line_break, line_break_units

ELLIPSIS = "…"


@lru_cache(maxsize=4096)
def char_cells(ch: str) -> int:
    """Terminal cells of one character (wide and fullwidth take two, combining marks none)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


@lru_cache(maxsize=8192)
def _is_ideograph(ch: str) -> bool:
    return line_break(ch) == LineBreak.ID


@lru_cache(maxsize=8192)
def _chunk_units(chunk: str) -> tuple[str, ...]:
    return tuple(line_break_units(chunk))


@lru_cache(maxsize=2048)
def _units(paragraph: str) -> tuple[str, ...]:
    """The unbreakable pieces of a paragraph (cached: a screen redrawn or resized asks
    for the same texts again).

    uniseg is pure Python and slow (tens of microseconds a character), so the
    paragraph is cut first between two ideographs (class ID): UAX #14 always
    allows that break, and none of its rules looks across it (a rule that looks
    back stops at an ideograph; one that looks ahead does so only from a
    character that is not one). The pieces, mostly single characters, are
    then cut by uniseg one by one and cached on their own.
    """
    if not paragraph:
        return ()
    units: list[str] = []
    start = 0
    for i in range(1, len(paragraph)):
        if _is_ideograph(paragraph[i]) and _is_ideograph(paragraph[i - 1]):
            units.extend(_chunk_units(paragraph[start:i]))
            start = i
    units.extend(_chunk_units(paragraph[start:]))
    return tuple(units)


def cells(text: str) -> int:
    return sum(char_cells(ch) for ch in text)


def _hard_split(unit: str, width: int) -> list[str]:
    """A unit wider than a whole line is cut where it must be."""
    out: list[str] = []
    line: list[str] = []
    used = 0
    for ch in unit:
        w = char_cells(ch)
        if line and used + w > width:
            out.append("".join(line))
            line, used = [], 0
        line.append(ch)
        used += w
    if line:
        out.append("".join(line))
    return out


def wrap_paragraph(text: str, width: int) -> list[str]:
    """One paragraph (no newline) as lines of at most ``width`` cells.

    Spaces where a line breaks are dropped, as a reader expects.
    """
    if width < 2:
        width = 2
    lines: list[str] = []
    line = ""
    used = 0
    for unit in _units(text):
        w = cells(unit)
        if used + w <= width:
            line += unit
            used += w
            continue
        # The unit's trailing spaces may hang past the edge.
        bare = unit.rstrip(" ")
        if bare and used + cells(bare) <= width:
            lines.append(line + bare)
            line, used = "", 0
            continue
        if line.strip():
            lines.append(line.rstrip(" "))
        line, used = "", 0
        if w > width:
            *full, unit = _hard_split(unit, width)
            lines.extend(full)
            w = cells(unit)
        line, used = unit, w
    if line or not lines:
        lines.append(line.rstrip(" ") if lines else line)
    return lines


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, kept newlines included."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(wrap_paragraph(paragraph, width))
    return out


def break_offsets(text: str, width: int) -> list[int]:
    """Character offsets in ``text`` where wrapped lines start (after the first).

    Unlike ``wrap`` this keeps every character, so a styled text can be cut
    at these offsets without losing its styles; spaces at a break stay at the
    end of the line they follow.
    """
    offsets: list[int] = []
    pos = 0
    for paragraph in text.split("\n"):
        used = 0
        start = pos
        at = start
        for unit in _units(paragraph):
            w = cells(unit)
            bare = cells(unit.rstrip(" "))
            if used and used + bare > width:
                offsets.append(at)
                used = 0
            if w > width and not used:
                # cut a unit wider than a line where it must be
                run = 0
                for i, ch in enumerate(unit):
                    cw = char_cells(ch)
                    if run and run + cw > width:
                        offsets.append(at + i)
                        run = 0
                    run += cw
                used = run
            else:
                used += w
            at += len(unit)
        pos = start + len(paragraph) + 1
    return offsets


def clip(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` cells, ending in … when cut."""
    flat = " ".join(text.split())
    if cells(flat) <= width:
        return flat
    if width <= 1:
        return ELLIPSIS[:width]
    out, used = [], 0
    for ch in flat:
        w = char_cells(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + ELLIPSIS


def clip_path(parts: list[str] | tuple[str, ...], width: int, sep: str = " › ") -> str:
    """A path (chapter › section › point) cut to ``width`` cells, keeping its tail.

    The last part matters most (where one is), so leading parts give way
    first: ``…› 第二节 › 竞争者环境``; a last part that alone is too wide is
    cut at its end.
    """
    parts = [" ".join(p.split()) for p in parts if p and p.strip()]
    whole = sep.join(parts)
    if cells(whole) <= width:
        return whole
    lead = ELLIPSIS + sep.lstrip()
    kept: list[str] = []
    for part in reversed(parts):
        candidate = sep.join([part, *kept])
        if cells(lead + candidate) > width:
            break
        kept.insert(0, part)
    if kept:
        return lead + sep.join(kept)
    return clip(parts[-1], width) if parts else ""


def prepare(*texts: str) -> None:
    """Work out the break units of texts about to be shown (e.g. a card's back while its front is read)."""
    for text in texts:
        for paragraph in text.split("\n"):
            _units(paragraph)
