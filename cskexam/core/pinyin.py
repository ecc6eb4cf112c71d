"""Pinyin keys of titles, for searching by full pinyin or initials.

Keys are computed at import time and stored; a query never imports pypinyin.
A title gets, from each word on, its full pinyin without tones or spaces
(宏观环境分析 → hongguanhuanjingfenxi, huanjingfenxi, fenxi) and its initials
(hghjfx), so ``shichang renkou``, ``renkou`` and ``hghjfx`` are prefix look-ups
in one sorted table (``hgfx``, with a word skipped, is a subsequence of the
initials). The readings of single characters are stored too: they spell a
query in Chinese as pinyin, so that a character of the same sound typed by
mistake (竞挣者) still finds the title (竞争者环境).
"""

from __future__ import annotations

import os
import re
from typing import Iterable, NamedTuple

__all__ = ["PinyinKey", "PinyinConverter", "pinyin_keys", "query_key", "char_readings", "MAX_TITLE_SYLLABLES"]

# Long titles are sentences; nobody types their pinyin past this point.
MAX_TITLE_SYLLABLES = 12

_LETTERS = re.compile(r"[a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_QUERY = re.compile(r"^[a-z0-9' ]+$")
# A word's runs of ASCII and of other characters.
_PIECE = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]+")


class PinyinKey(NamedTuple):
    key: str
    start: int  # the syllable the key starts at: 0 is a prefix of the whole title
    initials: bool


class PinyinConverter:
    """Words → toneless syllables (ü as v), with pypinyin's phrase dictionary, cached per word.

    pypinyin reads polyphones by word (银行 → yin hang, 行为 → xing wei);
    letters and digits stay one lower-case syllable (5S → 5s).
    """

    def __init__(self) -> None:
        Style, lazy_pinyin = _pypinyin()

        self._read = lambda words: lazy_pinyin(words, style=Style.NORMAL)
        self._words: dict[str, list[str]] = {}
        self._runs: dict[str, list[str]] = {}  # non-ASCII runs of words, read by pypinyin

    def learn(self, words: Iterable[str]) -> None:
        """Read the words not read yet, all in one call (a call per word costs more than the reading).

        A word is read in pieces, its ASCII and its other runs (要点12 →
        要点 + 12): pypinyin leaves ASCII as it is and reads polyphones
        within a run of characters only, so the readings are the same, and
        titles that differ by a number (要点1 … 要点50000) cost one reading.
        """
        new = [w for w in dict.fromkeys(words) if w not in self._words and "\n" not in w]
        if not new:
            return
        # A word without Chinese characters (a number, 5S, a Latin term) reads as its own letters.
        pieces = {w: _PIECE.findall(w) if _HAN.search(w) else [w] for w in new}
        runs = [r for r in dict.fromkeys(r for ps in pieces.values() for r in ps)
                if r not in self._runs and not r.isascii()]
        if runs:
            # Each run is one item of the list, its syllables followed by the separator's.
            flat = " ".join(self._read([item for run in runs for item in (run, "\n")]))
            for run, readings in zip(runs, flat.split("\n")):
                self._runs[run] = _spelt(readings.split())
        for word, word_pieces in pieces.items():
            self._words[word] = [syllable for piece in word_pieces
                                 for syllable in (self._runs.get(piece) or _spelt(piece.split()))]

    def syllables(self, words: Iterable[str]) -> list[str]:
        words = list(words)
        known = self._words
        if not all(word in known for word in words):
            self.learn(words)
        return [syllable for word in words for syllable in self._words.get(word, ())]


def _spelt(readings: Iterable[str]) -> list[str]:
    """Readings as toneless lower-case syllables of letters and digits; what has none is left out."""
    spelt = ("".join(_LETTERS.findall(r.lower())) for r in readings)
    return [r for r in spelt if r]


def char_readings() -> list[tuple[str, str]]:
    """(character, its commonest toneless reading) of the characters of GB 2312, what an input method offers."""
    Style, lazy_pinyin = _pypinyin()

    chars = [ch for ch in map(chr, range(0x4E00, 0xA000)) if _in_gb2312(ch)]
    # One text with a line break between characters: each character is its
    # own run, read alone (never as part of a phrase), in one call instead of
    # one per character. ``errors`` gives one empty reading per character it
    # is handed (the breaks, a character without a reading), so readings and
    # breaks alternate. pypinyin takes a list from ``errors``.
    flat = lazy_pinyin("\n".join(chars), style=Style.NORMAL,
                       errors=lambda missing: [""] * len(missing))
    readings = flat[0::2]
    if len(flat) != 2 * len(chars) - 1:  # not one reading per character: read them one by one
        readings = lazy_pinyin(chars, style=Style.NORMAL,
                               errors=lambda missing: [""] * len(missing))
    return [(ch, r) for ch, r in zip(chars, readings) if r.isalpha()]


def _pypinyin():
    """pypinyin's ``Style`` and ``lazy_pinyin``.

    cskexam never adds words to pypinyin's dictionaries, so pypinyin is told
    (its documented ``PYPINYIN_NO_DICT_COPY``) to use its built-in ones as
    they are rather than copy them on import.
    """
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, lazy_pinyin

    return Style, lazy_pinyin


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def pinyin_keys(syllables: list[str], starts: Iterable[int] = (0,)) -> list[PinyinKey]:
    """Full-pinyin and initials keys from each of ``starts`` (syllable indexes), deduplicated.

    With the starts of the words of 宏观环境分析 (0, 2, 4) this gives
    hongguanhuanjingfenxi, huanjingfenxi, fenxi and the initials hghjfx.
    Starting only at words keeps the table small; nobody types pinyin from
    inside a word. Initials are typed for whole titles, so they are keyed
    from the start only. Starts outside the title are ignored.
    """
    syllables = syllables[:MAX_TITLE_SYLLABLES]
    whole = "".join(syllables)
    if len(whole) < 2:
        return []  # nor can the initials or a later start give 2 letters
    keys = [PinyinKey(whole, 0, False)]
    initials = "".join([s[:1] for s in syllables])
    with_initials = len(initials) >= 2 and initials != whole
    if with_initials:
        keys.append(PinyinKey(initials, 0, True))
    count = len(syllables)
    # Later starts give ever shorter keys: none equals the whole title's or another's.
    for start in sorted(set(starts)):
        if 0 < start < count:
            suffix = "".join(syllables[start:])
            if len(suffix) >= 2 and not (with_initials and suffix == initials):
                keys.append(PinyinKey(suffix, start, False))
    return keys


def query_key(normalized_query: str) -> str | None:
    """The pinyin key a query can be looked up by, or None if it is not pinyin-like."""
    if not normalized_query or not _QUERY.match(normalized_query):
        return None
    key = "".join(_LETTERS.findall(normalized_query))
    if len(key) < 2 or not any(ch.isalpha() for ch in key):
        return None
    return key
