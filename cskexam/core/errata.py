"""Errata: corrections of the characters pasted notes lost, applied at import.

Pure. An errata file sits beside the notes it corrects and is named after
them: ``笔记.txt`` → ``笔记.txt.errata``. It is plain text the user edits::

    # comment
    在围上，存在于 → 在范围上，存在于
    行为规。 → 行为规范。

One correction per line: the text as the notes have it, an arrow (``→`` or
``=>``), the corrected text. The original must occur exactly once in the notes
file, so an entry gives as much context as it needs to be unambiguous. Neither
side can hold a line break, so a correction never moves a line: the graph's
line numbers stay those of the file as written, and the text before the
corrections stays available as the nodes' 原文.

``errata_losses.find_losses`` proposes entries for notes that have no errata file: a span
the dictionary does not know that becomes a common word with one character
added (在围上 → 范围). The dictionary is passed in, so the core loads none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from cskexam.core.errors import UserError
from cskexam.errors import shown_value

ERRATA_SUFFIX = ".errata"
ARROWS = ("→", "=>")


class ErrataError(UserError):
    """A bad errata file: names the file and line."""


@dataclass(frozen=True)
class Correction:
    original: str
    corrected: str
    line: int  # line of the errata file


@dataclass(frozen=True)
class Applied:
    correction: Correction
    note_line: int  # line of the notes where it applied


@dataclass(frozen=True)
class ErrataResult:
    text: str  # the corrected notes
    applied: list[Applied]
    unused: list[Correction]  # entries whose original the notes no longer contain


def errata_name(notes_name: str) -> str:
    return notes_name + ERRATA_SUFFIX


def parse_errata(text: str, file: str) -> list[Correction]:
    out: list[Correction] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        arrow = next((a for a in ARROWS if a in line), None)
        if arrow is None:
            raise ErrataError("勘误条目缺少箭头：应写成「原文 → 改正」", file, lineno)
        original, _, corrected = line.partition(arrow)
        original, corrected = original.strip(), corrected.strip()
        if not original:
            raise ErrataError("勘误条目的原文为空", file, lineno)
        if any(a in corrected for a in ARROWS):
            raise ErrataError("一行只能写一条勘误", file, lineno)
        if original == corrected:
            raise ErrataError("原文与改正相同", file, lineno)
        out.append(Correction(original, corrected, lineno))
    return out


def apply_errata(notes: str, corrections: Sequence[Correction], file: str) -> ErrataResult:
    """``notes`` with every correction made; ErrataError for an ambiguous or overlapping entry.

    Positions are found in the notes as written, so one entry never corrects
    the output of another.
    """
    spans: list[tuple[int, int, Correction]] = []
    unused: list[Correction] = []
    for c in corrections:
        found = [m.start() for m in re.finditer(re.escape(c.original), notes)]
        if not found:
            unused.append(c)
            continue
        if len(found) > 1:
            lines = "、".join(str(notes.count("\n", 0, at) + 1) for at in found[:5])
            raise ErrataError(
                f"原文「{shown_value(c.original)}」在笔记中出现 {len(found)} 次（第 {lines} 行）：请多写几个字使它唯一",
                file, c.line)
        spans.append((found[0], found[0] + len(c.original), c))
    spans.sort(key=lambda s: s[0])
    for (_, end, first), (start, _, second) in zip(spans, spans[1:]):
        if start < end:
            raise ErrataError(f"与第 {first.line} 行的勘误重叠：请合并为一条", file, second.line)
    parts: list[str] = []
    applied: list[Applied] = []
    pos = 0
    for start, end, c in spans:
        parts.append(notes[pos:start])
        parts.append(c.corrected)
        applied.append(Applied(c, notes.count("\n", 0, start) + 1))
        pos = end
    parts.append(notes[pos:])
    return ErrataResult("".join(parts), applied, unused)


def loss_marker(c: Correction) -> str:
    """The lost spot of a correction as the notes had it, two characters either side (在围上,存在 → 在围上,)."""
    a, b = c.original, c.corrected
    pre = 0
    while pre < min(len(a), len(b)) and a[pre] == b[pre]:
        pre += 1
    post = 0
    while post < min(len(a), len(b)) - pre and a[-1 - post] == b[-1 - post]:
        post += 1
    return a[max(0, pre - 2): len(a) - post + 2]
