"""Text copied out of a slide deck (PowerPoint, WPS): slides back into an outline.

Copying a deck gives every text box as a line, slide after slide. The logo
box of the master (``Company Logo``) repeats on every slide and so marks where
each one starts; the first line of a slide is its title. Empty placeholders
(``单击此处添加文本``) and the closing ``谢谢观看`` slide are furniture. A slide
holding only its title is a section divider. ``…（续）`` continues the slide
before it: its lines belong to the same heading. Bullet levels come as
``•`` over ``–`` (PowerPoint's defaults), and automatic numbering loses its
dot (``1 预测话务量``).

The rewrite keeps every line where it is: titles become ``#``/``##`` headings,
furniture becomes an empty line.
"""

from __future__ import annotations

import re
from collections import Counter

_LOGO = re.compile(r"^(?:company\s*logo|your\s*logo|logo|公司\s*logo|企业\s*logo|企業\s*logo)$", re.I)
_PLACEHOLDER = re.compile(
    r"^(?:(?:单击|單擊|点击|點擊)(?:此处|此處)?(?:添加|编辑|編輯|输入|輸入)(?:母版)?"
    r"(?:文本|文字|标题|標題|副标题|副標題|内容|內容|备注|備註)(?:样式|樣式)?"
    r"|click to (?:add|edit) (?:master )?(?:title|text|subtitle|notes)(?: style)?)$",
    re.I,
)
_CLOSING = re.compile(
    r"^(?:(?:谢谢|謝謝|感谢|感謝)(?:观看|觀看|聆听|聆聽|大家|欣赏|欣賞|您的聆听|您的聆聽|指导|指導)?|thank\s*you|thanks|q\s*&\s*a|the\s+end)[!！。.~～]*$",
    re.I,
)
_CONTINUED = re.compile(r"\s*[(（](?:续|續|cont(?:inued|\.)?)[\d一二三四五六七八九十]*[)）]$", re.I)
_NOT_TITLE = re.compile(r"[:：。！？!?；;]|^[•●▪◆■\-–—*+○◦]")
_DASH_BULLET = re.compile(r"^(\s*)[–—－]\s+(?=\S)")
_BARE_NUMBER = re.compile(r"^(\s*)(\d{1,2})\s+(?=[\u4e00-\u9fff])")
_MARKED = re.compile(r"^\s*(?:[•●▪◆■○◦\-–—*+#]|\d|[一二三四五六七八九十]+[、.]|[(（])")
# 按功能分 / 按规模分（座席数）: the basis of a classification, a label over its types.
_BASIS = re.compile(
    r"^(?:按|按照|根据|根據|依据|依據|从|從)[^\s:：，,。；;]{1,12}"
    r"(?:分|划分|劃分|分类|分類|来分|來分|区分|區分)(?:[(（][^()（）]{1,12}[)）])?\s*[:：]?$"
)


_LOGO_LINE = re.compile(r"^[ \t]*(?:company\s*logo|your\s*logo|logo|公司\s*logo|企业\s*logo|企業\s*logo)[ \t]*$", re.I | re.M)
_LATIN_LINE = re.compile(r"^[ \t]*([!-~][ -~]{0,38}?)[ \t]*$", re.M)


# What every logo box says: looked for first, most notes hold no such word.
_LOGO_WORD = re.compile("[lL][oO][gG][oO]")


def _separators(text: str) -> set[str]:
    """The lines that open every slide: a logo box, or a short Latin line
    (a site or company name) repeated on three slides or more."""
    seps = {m.group(0).strip() for m in _LOGO_LINE.finditer(text)} if _LOGO_WORD.search(text) else set()
    # A Latin line is ASCII all through: the other lines are not matched.
    latin = [m.group(1) for line in text.split("\n") if line.isascii() and (m := _LATIN_LINE.match(line))]
    repeated = Counter(t for t in latin if any(c.isalpha() for c in t))
    seps.update(t for t, k in repeated.items() if k >= 3)
    return seps


def is_deck(text: str) -> bool:
    """``text`` (the whole file) was copied out of a slide deck."""
    seps = _separators(text)
    return bool(seps) and sum(1 for line in text.split("\n") if line.strip() in seps) >= 3


def _title_like(text: str) -> bool:
    return 2 <= len(text) <= 40 and not _NOT_TITLE.search(text)


def rewrite_deck(lines: list[str]) -> None:
    """Rewrite a deck's lines in place (``is_deck`` said it is one)."""
    seps = _separators("\n".join(lines))
    slides: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if text in seps:
            lines[i] = ""
            slides.append([])
        elif _PLACEHOLDER.match(text):
            lines[i] = ""
        else:
            slides[-1].append(i)
    previous = ""
    for k, slide in enumerate(slides):
        if not slide:
            continue
        if all(_CLOSING.match(lines[i].strip()) for i in slide):
            for i in slide:
                lines[i] = ""
            continue
        if k == 0:
            continue  # the title slide: the document's title, read as usual
        first = slide[0]
        title = lines[first].strip()
        if not _title_like(title):
            continue
        continued = _CONTINUED.search(title)
        if continued:
            title = title[: continued.start()].strip()
            if title == previous:
                lines[first] = ""  # its lines go on under the heading before
                _body(lines, slide[1:])
                continue
        previous = title
        lines[first] = ("# " if len(slide) == 1 else "## ") + title
        _body(lines, slide[1:])


def _body(lines: list[str], rows: list[int]) -> None:
    numbered = [i for i in rows if _BARE_NUMBER.match(lines[i])]
    if len(numbered) >= 2 and [int(_BARE_NUMBER.match(lines[i]).group(2)) for i in numbered] == list(range(1, len(numbered) + 1)):  # type: ignore[union-attr]
        for i in numbered:  # 1 预测话务量: automatic numbering pasted without its dot
            lines[i] = _BARE_NUMBER.sub(r"\1\2. ", lines[i], count=1)
    for i in rows:
        # – under •: PowerPoint's second bullet level, a level of its own.
        lines[i] = _DASH_BULLET.sub(r"\1○ ", lines[i], count=1)
    texts = [lines[i].strip() for i in rows]
    if texts and _BASIS.match(texts[0]) and not any(_MARKED.match(t) for t in texts):
        # 按功能分 / 呼入型 / 呼出型 / 按使用性质分 / …: labels over the types they group.
        for i, text in zip(rows, texts):
            if _BASIS.match(text):
                lines[i] = text.rstrip(":：") + "："
            else:
                lines[i] = "• " + text
