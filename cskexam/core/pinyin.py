"""Pinyin keys of titles, for searching by full pinyin or initials.

Keys are computed at import time and stored; a query never imports pypinyin.
A title gets, from each word on, its full pinyin without tones or spaces
(宏观环境分析 → hongguanhuanjingfenxi, huanjingfenxi, fenxi) and its initials
(hghjfx, hjfx, fx), so ``shichang renkou``, ``renkou`` and ``hghjfx`` are prefix
look-ups in one sorted table (``hgfx``, with a word skipped, is a GLOB on it).
"""

from __future__ import annotations

import re
from typing import Iterable, NamedTuple

__all__ = ["PinyinKey", "pinyin_keys", "query_key", "PinyinConverter", "MAX_TITLE_SYLLABLES"]

# Long titles are sentences; nobody types their pinyin past this point.
MAX_TITLE_SYLLABLES = 12

_LETTERS = re.compile(r"[a-z0-9]+")
_QUERY = re.compile(r"^[a-z0-9' ]+$")
_HAN = re.compile(r"[\u3400-\u9fff]")


class PinyinKey(NamedTuple):
    key: str
    start: int  # the syllable the key starts at: 0 is a prefix of the whole title
    initials: bool


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PLAIN = "aaaaeeeeiiiioooouuuuvvvvvnnnm"
_DETONE = str.maketrans(_TONED, _PLAIN)
_PHRASE_MAX = 4
# What a character that is not Chinese reads as (a 3-tuple: never equal to a reading).
_NOT_HAN = ("", False, None)


def _pypinyin_dicts() -> tuple[dict, dict]:
    """pypinyin's phrase and character dictionaries.

    Read from the JSON copies pypinyin ships, without importing the package:
    its __init__ also trains a word segmenter we do not use (0.4 s against
    0.2 s). Any other layout falls back to the import.
    """
    import importlib.util
    import json
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("pypinyin")
        base = Path(next(iter(spec.submodule_search_locations)))
        with open(base / "phrases_dict.json", encoding="utf-8") as f:
            phrases = json.load(f)
        with open(base / "pinyin_dict.json", encoding="utf-8") as f:
            chars = {int(code): readings for code, readings in json.load(f).items()}
        if phrases and chars:
            return phrases, chars
    except (OSError, ValueError, TypeError, AttributeError, StopIteration):
        pass
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    return PHRASES_DICT, PINYIN_DICT


class PinyinConverter:
    """Words → toneless syllables, from pypinyin's dictionaries, cached per word.

    pypinyin's ``lazy_pinyin`` re-segments every call (~0.5 ms a word); looking
    words up in its phrase dictionary (longest match, for polyphones: 银行 →
    yin hang) and single characters in its character dictionary gives the same
    readings for our titles at a fraction of the cost.
    """

    def __init__(self) -> None:
        self._phrases, self._chars = _pypinyin_dicts()
        self._cache: dict[str, list[str]] = {}
        self._chars_seen: dict[str, tuple[str, bool]] = {}

    def _reading(self, ch: str) -> tuple[str, bool]:
        """The first toneless reading of a character and whether it has other toneless readings."""
        got = self._chars_seen.get(ch)
        if got is None:
            readings = self._chars.get(ord(ch))
            if readings:
                toneless = readings.translate(_DETONE).split(",")
                got = (toneless[0], len(set(toneless)) > 1)
            else:
                got = ("", False)
            self._chars_seen[ch] = got
        return got

    def _convert(self, word: str) -> list[str]:
        seen = self._chars_seen
        readings = []
        for ch in word:
            got = seen.get(ch)
            if got is None:
                got = self._reading(ch) if _HAN.match(ch) else _NOT_HAN
                seen[ch] = got
            readings.append(got)
        polyphones = [r[1] for r in readings]
        if not any(polyphones) and _NOT_HAN not in readings:
            # No polyphone: one dictionary look-up per character is the whole answer.
            return [r[0] for r in readings if r[0]]
        out: list[str] = []
        i, n = 0, len(word)
        while i < n:
            if readings[i] is _NOT_HAN:
                # A run of letters/digits ("5S") is one syllable.
                j = i
                while j < n and readings[j] is _NOT_HAN:
                    j += 1
                run = "".join(_LETTERS.findall(word[i:j].lower()))
                if run:
                    out.append(run)
                i = j
                continue
            # Longest phrase first, for polyphones: 银行 is yin hang, 行动 xing dong.
            # A phrase without a polyphone reads as its characters do: not looked up.
            if any(polyphones[i : i + _PHRASE_MAX]):
                for size in range(min(_PHRASE_MAX, n - i), 1, -1):
                    phrase = self._phrases.get(word[i : i + size])
                    if phrase:
                        out.extend(r[0].translate(_DETONE) for r in phrase)
                        i += size
                        break
                else:
                    if readings[i][0]:
                        out.append(readings[i][0])
                    i += 1
            else:
                if readings[i][0]:
                    out.append(readings[i][0])
                i += 1
        return out

    def syllables(self, words: Iterable[str]) -> list[str]:
        out: list[str] = []
        cache = self._cache
        for word in words:
            got = cache.get(word)
            if got is None:
                got = cache[word] = self._convert(word)
            out += got
        return out


def pinyin_keys(syllables: list[str], starts: Iterable[int] = (0,)) -> list[PinyinKey]:
    """Full-pinyin and initials keys from each of ``starts`` (syllable indexes), deduplicated.

    With the starts of the words of 宏观环境分析 (0, 2, 4) this gives
    hongguanhuanjingfenxi, huanjingfenxi, fenxi and the initials hghjfx. Starting
    only at words keeps the table small; nobody types pinyin from inside a word.
    Initials are typed for whole titles, so they are keyed from the start only.
    Starts outside the title are ignored.
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
