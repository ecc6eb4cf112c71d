"""List and heading markers: find every candidate in a line.

A candidate is only a proposal; the outline builder decides whether it really
starts a new node (a run-on line is split only where numbering continues, or
where a list plainly starts, e.g. right after a colon).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = "一二三四五六七八九十百零两"


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 12 → 12; None when it is no number."""
    if not text:
        return None
    if text.isdecimal():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


HEADING_STYLES = {"part", "chapter", "section", "topic", "cn", "cn_paren", "pcn"} | {f"h{i}" for i in range(1, 7)}


class Marker(NamedTuple):
    # A tuple: lines are scanned for markers by the ten thousand.
    style: str
    number: tuple[int, ...]  # () for bullets; (major, minor) for 2.1 / 3-1
    raw: str
    start: int
    end: int
    bare: bool = False  # a letter marker without punctuation (B加强…)
    # 11.0~3岁…: a number whose dot is followed by a range of numbers. It reads as
    # the decimal 11.0 too, so only the numbering of its list makes it an item.
    ranged: bool = False


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# ❶ ➀ ➊: the dingbat circled numbers (1 to 10) that articles use.
_DINGBATS = "❶❷❸❹❺❻❼❽❾❿➀➁➂➃➄➅➆➇➈➉➊➋➌➍➎➏➐➑➒➓"
_CJK = r"\u4e00-\u9fff"

# The financial (大写) numerals, simplified and traditional, and what each is worth.
_CAPITAL_VALUE = {"壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9, "拾": 10}
_CAPITALS = "".join(_CAPITAL_VALUE)


def _capital_value(numeral: str) -> int:
    """壹 → 1, 拾貳 → 12, 貳拾 → 20."""
    if len(numeral) == 2 and numeral[1] == "拾":
        return _CAPITAL_VALUE[numeral[0]] * 10
    return sum(_CAPITAL_VALUE[ch] for ch in numeral)
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_PARENS_NUM = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
# 第四章~第六章: a range of chapters named in a sentence, never a heading.
_RANGE = r"[~～\-—–至到]"
_RANGE_SIGN = r"[~～〜\-—–至到]"
_PATTERNS: list[tuple[str, str]] = [
    # Word's outline numbering at the start of a line: 1 / 1.1 / 2.3.1, then a space.
    # (Two levels, 2.1, are the dotted style below.)
    ("decimal", r"^\d{1,2}(?:\.\d{1,2}){2,3}\s+(?=[\u4e00-\u9fffA-Za-z])|^\d{1,2}\s+(?=[\u4e00-\u9fff])"),
    ("part", rf"(?<!{_RANGE})(?<!{_RANGE}\s)第([{CN_NUM}\d]+)(?:部分|篇|编|編)(?!\s?{_RANGE})[:\s]*"),
    ("chapter", rf"(?<!{_RANGE})(?<!{_RANGE}\s)第([{CN_NUM}\d]+)(?:章|单元|單元|讲|講|课|課)(?!\s?{_RANGE})[:\s]*"),
    ("section", rf"(?<!{_RANGE})(?<!{_RANGE}\s)第([{CN_NUM}\d]+)(?:节|節)(?!\s?{_RANGE})[:\s]*"),
    # 壹、 貳、 參、: the financial numerals mark the parts of traditional notes, over 一、.
    ("capital", rf"^\s*([{_CAPITALS}]{{1,2}})[、.．]\s*"),
    ("topic", rf"(?:专题|專題|模块|模塊)([{CN_NUM}\d]+)[:\s、.]*"),
    # 【案例一】 / 案例2： opening a line: a case of a 案例分析 sheet, over its questions.
    ("case", rf"^\s*[【\[]?(?:案例|案例分析)\s?([{CN_NUM}]{{1,3}}|\d{{1,2}})[】\]]?[:\s、.]*(?=\S)"),
    ("point_no", rf"(?:考点|考點|知识点|知識點)\s?([{CN_NUM}]+|\d{{1,3}})[:\s、.]+"
     rf"|^\s*[【\[](?:考点|考點|知识点|知識點)\s?([{CN_NUM}]+|\d{{1,3}})[】\]][:\s、.]*"),
    ("pcn", rf"\(\s?([{CN_NUM}]+)\s?\)[、.]?\s*"),
    # (l) / (I): OCR's reading of (1) before Chinese text.
    ("pnum", rf"\(\s?(\d{{1,2}}|[lI](?=\s?\)[{_CJK}]))\s?\)[、.]?\s*"),
    ("circled", rf"([{_CIRCLED}{_DINGBATS}])[、.]?\s*"),
    ("step", rf"第([{CN_NUM}\d]+)步[:,、\s]*"),
    # 第一，口碑…；第二，个人需要…: ordinals that count a list in running text.
    ("ordinal", r"第([一二三四五六七八九十])[,、](?=[\u4e00-\u9fff“\"])"),
    # —、 at the start of a line: OCR's reading of 一、 (a dash for the stroke).
    ("ocr_cn_one", r"^\s*[—―－](?=、[\u4e00-\u9fff])、\s*"),
    ("cn", rf"(?<![第{CN_NUM}])([{CN_NUM}]+)(?:、+|[.．](?=[^\s\d.]))\s*"),
    ("cn_paren", rf"(?<![第{CN_NUM}(])([{CN_NUM}]+)\)\s*"),
    ("dashed", r"(?<![\d.\-])(\d{1,2})-(\d{1,2})(?=[:\s])[:\s]*"),
    # (3.0至3年: item 3 whose text opens with a range, see num_range.)
    ("dotted", rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})(?![\d.])(?!\s?[至到]\s?\d)(?=[\s{_CJK}])\s*"),
    ("num_dun", r"(?<![\d.A-Za-z\-])(\d{1,2})、+\s*"),
    ("num_dot", rf"(?<![\d.A-Za-z\-])(\d{{1,2}}|[Ll](?=\.\s?[{_CJK}]))[.．](?![\d])(?=[\s{_CJK}“\"《(])\s*"),
    # 11.0~3岁是… at the start of a line or of a sentence: item 11 whose text opens with 0~3岁.
    ("num_range", rf"(?:^\s*|(?<=[。;!?])\s*)(\d{{1,2}})[.．](?=\d{{1,2}}\s?{_RANGE_SIGN}\s?\d)"),
    # OCR drops the dot too: L任务目标原则;2.分工协作原则 (the 2. that follows shows it is 1).
    ("ocr_one", rf"^\s*[Ll](?=[{_CJK}][^\n]{{0,120}}?[;。]\s*2[.．][{_CJK}])"),
    ("num_paren", rf"(?<![\d(A-Za-z])(\d{{1,2}})\)(?=[\s{_CJK}“\"《])\s*"),
    # Ⅰ Ⅱ (folded to I II by NFKC) with a dot, or with a space at the start of a line.
    ("roman", r"(?<![A-Za-z])(I{1,3}|IV|VI{0,3}|IX|X)[.、](?=\s|[\u4e00-\u9fff])\s*|^(?:I{1,3}|IV|VI{0,3}|IX|X)\s+(?=[\u4e00-\u9fff])"),
    ("letter", rf"(?<![A-Za-z])([A-H])(?:[:.、]|(?=[{_CJK}]))\s*"),
    # a) b) c) opening a line: a Word outline's lowest level.
    ("letter_low", rf"^\s*([a-h])\)\s*(?=[{_CJK}])"),
    ("bullet", r"[•●▪◆■]\s*|(?:^\s*)[·・Øü§√\uf0a7\uf0d8\uf076\uf0b7]\s*"),
    # Symbols that notes use as a level of their own (◎ headings over ▲ items).
    ("symbol", r"(?:^\s*)[◎▲△❖✦☞◇○►▶□❑➢➤◉✔✅☑]\s*"),
    ("dash", r"(?:^|(?<=[:。;]))\s*[-*+]\s+|^\s*[–◦o](?=\s)\s*"),
]
# The lookahead lets the engine skip quickly over characters that start no marker.
_STARTS = rf"(?=[{_CAPITALS}【\[第(—―－\d{CN_NUM}{_CIRCLED}{_DINGBATS}A-Ha-hLlIVX•·・●▪◆■◇○►▶◎▲△❖✦☞□❑◉✔✅☑Øü§➢➤√\uf0a7\uf0d8\uf076\uf0b7专專模考知案\-*+–◦o\s])"
_SCANNER = re.compile(_STARTS + "(?:" + "|".join(f"(?P<{name}>{pat})" for name, pat in _PATTERNS) + ")")
_MD_HEADING = re.compile(r"^(#{1,6})\s+")
_DIGITS = re.compile(r"\d+")
_LETTER_PUNCT = re.compile(r"[A-H][:.、]")
_NUMERAL = re.compile(rf"[{CN_NUM}\d]+")
_MD_ORDERED = re.compile(r"^(\d{1,3})[.)]\s+")


def markdown_heading(line: str) -> Marker | None:
    if not line.startswith("#"):
        return None
    m = _MD_HEADING.match(line)
    if not m:
        return None
    level = len(m.group(1))
    return Marker(f"h{level}", (), m.group(0), 0, m.end())


# Short lines come back again and again (the same item under each chapter,
# and each line is looked at by more than one step): remembered by their text.
_REMEMBERED_LINE = 200


def find_markers(line: str) -> list[Marker]:
    """All marker candidates in ``line`` from left to right."""
    if len(line) > _REMEMBERED_LINE:
        return _scan(line)
    return list(remembered_markers(line))


def _scan(line: str) -> list[Marker]:
    out: list[Marker] = []
    for m in _SCANNER.finditer(line):
        style = m.lastgroup
        assert style is not None
        raw = m.group(0)
        number: tuple[int, ...]
        bare = ranged = False
        if style in ("bullet", "dash"):
            style, number = "bullet", ()
        elif style == "symbol":
            style, number = "bullet_" + raw.strip(), ()
        elif style in ("dashed", "dotted"):
            digits = _DIGITS.findall(raw)
            number = (int(digits[0]), int(digits[1]))
        elif style == "letter":
            letter = raw.strip()[0]
            number = (ord(letter) - ord("A") + 1,)
            bare = not _LETTER_PUNCT.match(raw)
        elif style == "letter_low":
            number = (ord(raw.strip()[0]) - ord("a") + 1,)
        elif style == "decimal":
            number = tuple(int(x) for x in raw.split()[0].split("."))
            style = f"dec{len(number)}"
        elif style == "roman":
            number = (_ROMAN.index(raw.strip().rstrip(".、").strip()) + 1,)
        elif style == "circled":
            ch = raw.strip()[0]
            number = ((_CIRCLED.index(ch) if ch in _CIRCLED else _DINGBATS.index(ch) % 10) + 1,)
        elif style == "capital":
            style, number = "part", (_capital_value(raw.strip().rstrip("、.．")),)
        elif style == "num_dot" and raw[0] in "Ll":
            number = (1,)  # OCR reads 1. as L. or l.
        elif style == "pnum" and raw.strip("( ")[0] in "lI":
            number = (1,)
        elif style == "num_range":
            style, number, ranged = "num_dot", (int(_DIGITS.findall(raw)[0]),), True
        elif style == "ocr_one":
            style, number = "num_dot", (1,)
        elif style == "ocr_cn_one":
            style, number = "cn", (1,)
        else:
            numeral = _NUMERAL.search(raw)
            value = cn_to_int(numeral.group(0)) if numeral else None
            if value is None:
                continue
            number = (value,)
            if style == "cn_paren":
                style = "pcn"  # 一) is (一) with its opening bracket lost: the same level
        out.append(Marker(style, number, raw, m.start(), m.end(), bare, ranged))
    if out and line[-1] in _CLOSERS and any(m.style in _NAMED_LEVELS for m in out):
        opener = wholly_bracketed(line)
        if opener:
            # (下一篇:第三章 客户满意度): a remark on the notes that names a chapter, never one.
            # 【第一章 客户服务礼仪】 is a heading in the brackets that notes give headings.
            head = line.index(opener) + 1
            out = [m for m in out if m.style not in _NAMED_LEVELS or (opener == "【" and m.start == head)]
    return out


_NAMED_LEVELS = frozenset({"part", "chapter", "section", "topic"})
_PAIRS = {"(": ")", "【": "】"}
_CLOSERS = ")】*_"


def wholly_bracketed(line: str) -> str:
    """The opening bracket when the whole line (Markdown emphasis aside) sits inside
    one pair of brackets, else "": ``*(本篇到此,下一篇整理第二章)*`` does,
    ``(一)服务的特征`` and ``(甲)与(乙)`` do not."""
    text = line.strip().strip("*_ ")
    if len(text) < 2 or text[0] not in _PAIRS or text[-1] != _PAIRS[text[0]]:
        return ""
    opener, closer = text[0], text[-1]
    depth = 0
    for k, ch in enumerate(text):
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return opener if k == len(text) - 1 else ""
    return ""


def names_a_level_inside(text: str) -> bool:
    """A chapter or section named after the start of ``text`` (下篇预告:第二节 客户期望)."""
    return any(m.style in _NAMED_LEVELS and m.start > 0 for m in _scan(text))


@lru_cache(maxsize=8192)
def remembered_markers(line: str) -> tuple[Marker, ...]:
    return tuple(_scan(line))
