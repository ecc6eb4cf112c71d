"""Text as search compares it: normalised, cut into runs of letters and characters."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["WORD", "CJK", "PATH_SEPARATOR", "normalize", "compact", "word_runs", "has_cjk"]

# A run of letters, digits and characters: no word crosses punctuation or a space.
WORD = re.compile(r"[^\W_]+")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Joins a result's ancestor titles in storage (control characters never survive
# the notes parser).
PATH_SEPARATOR = "\x1f"


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case, control characters as spaces."""
    if not text:
        return ""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():
        text = _CONTROL.sub(" ", text)
    return text.lower()


def word_runs(text: str) -> list[str]:
    """The runs of letters, digits and characters of ``text``, normalised."""
    return WORD.findall(normalize(text))


def compact(text: str) -> str:
    """Only the letters, digits and characters: the form titles and phrases are compared in."""
    return "".join(word_runs(text))


def has_cjk(text: str) -> bool:
    return CJK.search(text) is not None
