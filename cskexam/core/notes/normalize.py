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
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、：；])\s+(?=[\u4e00-\u9fff])")
# OCR spaces out punctuation too: 二 、共情, 1 . 尊重, 原则 ： → 二、共情, 1.尊重, 原则:.
# 知觉的特性 (整选) → 知觉的特性(整选): a bracket set apart keeps its meaning.
# Only after a Chinese character or a list number, so English text keeps its spaces.
_CJK_PUNCT_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[、。，,:;：；）)(])|(?<=[、（(])\s+(?=[\u4e00-\u9fff\d])")
# OCR and PDF text write Chinese full stops as ``.`` (…两大类. / 先快后慢.(√)): after a
# Chinese character it ends a sentence. Not after a numeral, where 一.概述 is a marker.
_HALF_STOP = re.compile(r"(?<=[\u4e00-\u9fff])(?<![一二三四五六七八九十])\.(?=$|[\u4e00-\u9fff(])")
# A space after any character that the gap patterns look behind for: most
# spaced lines (• 条目, English text) have none, and no gap pattern applies.
_ANY_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、：；（(])\s")
_CN_NUMERALS = "一二三四五六七八九十"
_SPACED_NUMBER = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3}) (?=[.、．]\s?[\u4e00-\u9fff])")


# Circled numbers hide in the private use area while NFKC runs.
_HIDE = {ord(ch): 0xE000 + i for i, ch in enumerate(sorted(_CIRCLED))}
_SHOW = {v: k for k, v in _HIDE.items()}
_CIRCLED_RE = re.compile("[" + "".join(sorted(_CIRCLED)) + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width and circled characters are rare: one look for both.
_RARE = re.compile("[\u200b\u200c\u200d\u2060\ufeff" + "".join(sorted(_CIRCLED)) + "]")
# Full-width punctuation is one plain character under NFKC, whatever stands
# around it: replaced first, most Chinese lines are then already normal and
# NFKC has nothing left to do (the same result, NFKD being per character).
_FULL_WIDTH = tuple((ch, unicodedata.normalize("NFKD", ch)) for ch in "：，；（）？！\u3000")
_is_normalized = unicodedata.is_normalized


def _narrow(line: str) -> str:
    for wide, narrow in _FULL_WIDTH:
        if wide in line:
            line = line.replace(wide, narrow)
    return line


def _nfkc(line: str) -> str:
    if unicodedata.is_normalized("NFKC", line):
        return line
    line = _narrow(line)
    return line if unicodedata.is_normalized("NFKC", line) else unicodedata.normalize("NFKC", line)


def _fold(line: str) -> str:
    """``line`` without escapes, zero-width and control characters, in NFKC
    form (circled numbers kept), each run of spaces one space."""
    if "\x1b" in line:
        line = _ANSI.sub("", line)
    circled = False
    if _RARE.search(line):
        line = _ZERO_WIDTH_RE.sub("", line)
        circled = _CIRCLED_RE.search(line) is not None
    if circled:
        line = _nfkc(line.translate(_HIDE)).translate(_SHOW)
    elif not line.isascii():
        line = _nfkc(line)
    # A printable line holds no tab and no control character.
    if not line.isprintable():
        line = _CONTROL.sub("", line.replace("\t", " "))
        if not line.isprintable():
            line = "".join(ch for ch in line if ch.isprintable() or ch == " ")
    if "  " in line or "\u3000" in line or "\xa0" in line:
        line = _SPACES.sub(" ", line)
    return line


def normalize_line(line: str) -> str:
    # A printable line holds no escape, no zero-width or control character, no
    # tab and no wide space. Most are in NFKC form once their full-width
    # punctuation is narrowed, and then hold no circled number either (NFKC
    # would unfold it): of the folding, only runs of spaces are left.
    if not line.isprintable():
        line = _fold(line)
    else:
        if not _is_normalized("NFKC", line):
            narrow = _narrow(line)
            line = narrow if _is_normalized("NFKC", narrow) else _fold(line)
        if "  " in line:
            line = _SPACES.sub(" ", line)
    line = line.strip()
    if "." in line:
        line = _HALF_STOP.sub("。", line)
    if " " not in line:
        return line
    if line[0].isdecimal() or line[0] in _CN_NUMERALS:  # \d is a decimal digit (Nd)
        line = _SPACED_NUMBER.sub(r"\1", line)
    if not _ANY_GAP.search(line):
        return line
    return _join_gaps(_CJK_PUNCT_GAP.sub("", line))


# A body that follows a space: the space may end a run-on heading's title.
_BODY_PUNCT = re.compile(r"[、,。;:(]")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _join_gaps(line: str) -> str:
    """Spaces between Chinese characters go, except the one that parts two
    words before a body: ``第 一 章  基 础`` (OCR spacing out characters) and
    ``客户关系管理 考点速记`` join, but in ``二、服务的特点 无形性、易逝性`` the
    space is all that ends the heading written on one line with its list."""
    # Whether a body follows a gap is whether the line's last body punctuation stands after
    # it: found once, so a line of thousands of gaps is not read again from each of them.
    last_body = max((m.start() for m in _BODY_PUNCT.finditer(line)), default=-1)

    def gap(m: re.Match) -> str:
        s, e = m.start(), m.end()
        lone_before = s < 2 or not _is_cjk(line[s - 2])
        lone_after = e + 1 >= len(line) or not _is_cjk(line[e + 1])
        return "" if lone_before or lone_after or last_body < e else " "
    return _CJK_GAP.sub(gap, line)


def normalize_text(text: str) -> list[str]:
    """Split into lines (any newline convention) and normalise each one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [normalize_line(raw) for raw in text.split("\n")]


def strip_controls(text: str) -> str:
    """``text`` without terminal escape sequences (ANSI/OSC) or control characters; newlines and tabs stay.

    For texts kept as written (question stems, options, explanations): unlike
    ``normalize_line`` it neither folds widths nor joins lines.
    """
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    return _CONTROL.sub("", text.replace("\r\n", "\n"))
