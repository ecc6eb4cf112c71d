"""Text normalisation: one width for punctuation, no control characters.

Notes are pasted from PDFs and web pages. NFKC folds full-width punctuation
(（）：；，？) and letters to their half-width forms; circled numbers are kept
because they are a marker style of their own (NFKC would turn ① into 1).
"""

from __future__ import annotations

import re
import unicodedata

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_CIRCLED = set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、：；])\s+(?=[\u4e00-\u9fff])")


def _fold(ch: str) -> str:
    if ch in _CIRCLED:
        return ch
    if ch == "、" or ch == "。":
        return ch
    return unicodedata.normalize("NFKC", ch)


def normalize_line(line: str) -> str:
    line = _ANSI.sub("", line)
    line = line.translate(_ZERO_WIDTH)
    line = "".join(_fold(ch) for ch in line)
    # Drop every other control character (tabs become spaces first).
    line = line.replace("\t", " ")
    line = "".join(ch for ch in line if unicodedata.category(ch)[0] != "C")
    line = _SPACES.sub(" ", line).strip()
    return _CJK_GAP.sub("", line)


def normalize_text(text: str) -> list[str]:
    """Split into lines (any newline convention) and normalise each one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [normalize_line(raw) for raw in text.split("\n")]
