"""Pinyin keys of titles, for searching by full pinyin or initials.

Keys are computed at import time and stored; a query never imports pypinyin.
A title gets, from each syllable on, its full pinyin without tones or spaces
(宏观环境分析 → honguanhuanjingfenxi, huanjingfenxi, …) and its initials
(hgfx…, hjfx, …), so ``shichang renkou``, ``renkou`` and ``hgfx`` are prefix
look-ups in one sorted table.
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


class PinyinConverter:
    """Words → syllables, cached per word (titles repeat the same words)."""

    def __init__(self) -> None:
        from pypinyin import Style, lazy_pinyin

        self._lazy = lazy_pinyin
        self._style = Style.NORMAL
        self._cache: dict[str, list[str]] = {}

    def syllables(self, words: Iterable[str]) -> list[str]:
        out: list[str] = []
        for word in words:
            got = self._cache.get(word)
            if got is None:
                got = []
                for syl in self._lazy(word, style=self._style, errors="default", v_to_u=False):
                    # Non-Chinese runs come back whole ("5S"): keep their letters/digits.
                    got.extend(_LETTERS.findall(syl.lower()) if not _HAN.search(syl) else [])
                self._cache[word] = got
            out.extend(got)
        return out


def pinyin_keys(syllables: list[str]) -> list[PinyinKey]:
    """Full-pinyin and initials keys from every syllable start (deduplicated)."""
    syllables = syllables[:MAX_TITLE_SYLLABLES]
    keys: dict[str, PinyinKey] = {}
    for start in range(len(syllables)):
        rest = syllables[start:]
        full = "".join(rest)
        inits = "".join(s[0] for s in rest)
        for key, is_init in ((full, False), (inits, True)):
            if len(key) >= 2 and key not in keys:
                keys[key] = PinyinKey(key, start, is_init)
    return list(keys.values())


def query_key(normalized_query: str) -> str | None:
    """The pinyin key a query can be looked up by, or None if it is not pinyin-like."""
    if not normalized_query or not _QUERY.match(normalized_query):
        return None
    key = "".join(_LETTERS.findall(normalized_query))
    if len(key) < 2 or not any(ch.isalpha() for ch in key):
        return None
    return key
