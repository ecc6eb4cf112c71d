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

``find_losses`` proposes entries for notes that have no errata file: a span
the dictionary does not know that becomes a common word with one character
added (在围上 → 范围). The dictionary is passed in, so the core loads none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from cskexam.core.errors import UserError

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
                f"原文「{c.original}」在笔记中出现 {len(found)} 次（第 {lines} 行）：请多写几个字使它唯一",
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


# -- proposing entries -------------------------------------------------------------

@dataclass(frozen=True)
class SuspectLoss:
    line: int
    span: str  # the span as written, with a character of context either side
    words: tuple[str, ...]  # common words the lone character could have been part of

    def describe(self) -> str:
        return f"第 {self.line} 行「{self.span}」：是否漏字？（{'/'.join(self.words)}）"


_CJK = re.compile(r"[\u4e00-\u9fff]")
# A lone character this frequent is a word on its own (在, 的, 上), not a remnant.
LONE_WORD_FREQ = 10000
# A completed word must be this common, and this many times commoner than the
# lone character, to be worth asking about.
COMMON_WORD_FREQ = 3000
COMMONER_BY = 1.5
RECURRING = 2


class LossIndex:
    """Two-character words by each of their characters, from a dictionary's entries."""

    def __init__(self, entries: Iterable[tuple[str, int]]):
        self.freq: dict[str, int] = {}
        self.by_char: dict[str, list[tuple[int, str]]] = {}
        for word, freq in entries:
            if len(word) == 1:
                self.freq[word] = freq
            elif len(word) == 2 and freq >= COMMON_WORD_FREQ and all(_CJK.match(ch) for ch in word):
                self.freq[word] = freq
                for ch in set(word):
                    self.by_char.setdefault(ch, []).append((freq, word))
        for words in self.by_char.values():
            words.sort(reverse=True)

    def completions(self, ch: str) -> list[str]:
        lone = self.freq.get(ch, 0)
        if lone >= LONE_WORD_FREQ:
            return []
        return [w for f, w in self.by_char.get(ch, ())[:3] if f >= COMMONER_BY * max(lone, 1)]


def find_losses(
    text: str,
    cut: Callable[[str], list[str]],
    index: LossIndex,
    known: Callable[[str], bool] = lambda word: False,
    limit: int = 50,
) -> list[SuspectLoss]:
    """Spans where a character the segmenter left alone looks like the rest of a lost word.

    ``cut`` segments a line (HMM off, so unknown words fall apart into single
    characters); ``known`` says whether a span is a word of the notes' own
    vocabulary (their titles), never suspect.
    """
    out: list[SuspectLoss] = []
    seen: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        tokens = cut(line)
        pos = 0
        for i, tok in enumerate(tokens):
            start, pos = pos, pos + len(tok)
            if len(tok) != 1 or not _CJK.match(tok):
                continue
            # A lone character between two words of two or more (…的 容 划分…)
            # or beside other lone characters (在 围 上) is what a lost
            # neighbour leaves behind.
            prev = tokens[i - 1] if i else ""
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if len(prev) != 1 and len(nxt) != 1 and (len(prev) < 2 or len(nxt) < 2):
                continue
            words = index.completions(tok)
            span = line[max(0, start - 1): pos + 1]
            if not words or known(span) or span in seen:
                continue
            # The notes' own wording recurs (售前、售中、售后); a loss is a one-off.
            if text.count(span) >= RECURRING:
                continue
            seen.add(span)
            out.append(SuspectLoss(lineno, span, tuple(words)))
            if len(out) >= limit:
                return out
    return out


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
