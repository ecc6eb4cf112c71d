"""Emoji in blog notes: markers, joiners and decoration.

Blog and WeChat notes dress every line in emoji. A few of them carry
structure and are rewritten into what plain notes write: a keycap ``1️⃣``
numbers a heading or an item (``1.``), ``X 👉 body`` is ``X：body``, a ``➕``
between two short terms joins a list, and ``❌`` / ``✅`` after a statement
mark it false or true. Every other pictograph (📌 🔥 💡 ⭐ …) is decoration
and goes. Symbols that notes use as text of their own stay: ★ ☆ (tags),
✓ ✗ √ (judgements), ❶ ➀ (numbers), ➢ ➤ ☞ ✅ ☑ ✔ at a line start (bullets).
"""

from __future__ import annotations

import re

# Kept wherever they stand (text, tags, numbers, bullets, marks).
_KEEP = set("★☆✓✔✗✘✕✖☑✅☞❖✦➢➤➕➡❌❎♀♂☐") | {chr(c) for c in range(0x2776, 0x2794)}
# Bullets a line may open with (the parser reads them as a level of their own).
_BULLETS = set("✅☑✔☞❖✦➢➤")


def _class(ranges: list[tuple[int, int]], extra: str = "") -> str:
    """A character class of ``ranges`` without the kept characters."""
    chars = sorted({c for lo, hi in ranges for c in range(lo, hi + 1) if chr(c) not in _KEEP})
    runs: list[list[int]] = []
    for c in chars:
        if runs and c == runs[-1][1] + 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    parts = [re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b != a else "") for a, b in runs]
    return "[" + "".join(parts) + extra + "]"


# Pictographs and dingbats that are emoji (the misc-symbols block, dingbats,
# the supplementary pictograph planes), plus the joiners that build them.
_PICTO = _class(
    [(0x2600, 0x27BF), (0x1F000, 0x1FAFF), (0x231A, 0x231B), (0x23E9, 0x23FA), (0x2B05, 0x2B07), (0x2B1B, 0x2B1C),
     (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x3030, 0x3030), (0x303D, 0x303D), (0x3297, 0x3299)],
    "\ufe0f\u200d\U000e0020-\U000e007f",
)
# Any character that asks for a closer look (a quick test before any other work).
TRIGGER = re.compile(_PICTO[:-1] + "✅❌❎➕➡\u20e3]")
_DECOR = re.compile(r"\s*" + _PICTO + "+")
_KEYCAP = re.compile(r"([0-9])\ufe0f?\u20e3|\U0001f51f")
_HEADING = re.compile(r"^(\s*#{1,6}\s+)(.*)$")
_POINT = re.compile(r"^([^\s:：。，,；;!?！？()（）]{1,16}?)\s*(?:👉|➡)\ufe0f?\s*(?=\S)")
# 🔹 🔸 🟢 ⚫: shapes that stand for the bullet of a list item.
_JUDGED_END = re.compile(r"[✗✓×√][)）]?\s*$|[(（]\s*[xX对错對錯]\s*[)）]\s*$")  # 👉 负强化就是惩罚。（×）: a statement
_LABELLED = re.compile(r"^[^\s:：。，,]{1,6}\s*[:：]")  # 👉 小编提醒：… / 👉 判断一下：… keep their label
_SHAPE_BULLET = re.compile("^[\U0001f534-\U0001f53b\U0001f7e0-\U0001f7eb\u26aa\u26ab\U0001f518]\ufe0f?\\s*(?=\\S)")
_NUMBERED_HEADING = re.compile(
    r"(?:考点|考點|知识点|知識點|专题|專題|模块|模塊)\s?[一二三四五六七八九十\d]+"
    r"|第[一二三四五六七八九十百\d]+(?:章|节|節|部分|篇|单元|單元|讲|講|课|課)|[一二三四五六七八九十]+、"
)
_END_MARK = re.compile(r"(?<=[。.！!）)])\s*(❌|❎|✅|✔)\ufe0f?\s*$")


def _keycap(m: re.Match[str]) -> str:
    return m.group(1) or "10"


def rewrite_emoji(line: str) -> str:
    """``line`` with its emoji read (the caller checked ``TRIGGER``)."""
    indent = line[: len(line) - len(line.lstrip())]
    body = line[len(indent):]
    heading = _HEADING.match(body)
    if heading:
        # A heading is its words: every mark after the #'s goes, numbers stay.
        head = _KEYCAP.sub(lambda m: _keycap(m) + ".", heading.group(2), count=1) if "\u20e3" in body or "\U0001f51f" in body else heading.group(2)
        head = _DECOR.sub(" ", head)
        head = re.sub("[✓✔✗✘☑✅❌❎➕➡]\ufe0f?", " ", head)
        return indent + heading.group(1) + " ".join(head.split())
    if "\u20e3" in body or "\U0001f51f" in body:
        lead = _KEYCAP.match(body)
        if lead:  # 1️⃣ 学习动机: the keycap numbers the line
            body = _keycap(lead) + ". " + body[lead.end():].lstrip()
        body = _KEYCAP.sub(_keycap, body)
    shape = _SHAPE_BULLET.match(body)
    if shape:
        body = "• " + body[shape.end():]
    end = _END_MARK.search(body)
    if end:  # 负强化就是惩罚。❌ : a statement marked false
        body = body[: end.start()] + ("✗" if end.group(1) in "❌❎" else "✓")
    if "👉" in body or "➡" in body:
        bare = _DECOR.sub("", body.replace("👉", "\x00").replace("➡", "\x00")).lstrip()
        point = _POINT.match(bare.replace("\x00", "👉"))
        if point and point.start() == 0 and bare.index("\x00") > 0:
            # 力求成功者 👉 倾向选择…: a term and what it means.
            rest = bare.replace("\x00", "👉")
            body = point.group(1) + "：" + rest[point.end():]
        elif bare.startswith("\x00") and not _LABELLED.match(bare[1:].lstrip()) and not _JUDGED_END.search(bare):
            # 👉 对A类客户要…: a pointer to a remark on what is above, said as 注.
            body = "注:" + bare[1:].replace("\x00", " ").lstrip()
        else:
            body = bare.replace("\x00", " ")
    first = body[:1]
    lead_bullet = first in _BULLETS
    if lead_bullet and _NUMBERED_HEADING.match(body[1:].lstrip("\ufe0f").lstrip()):
        # ✅ 考点二：… / ✅ 第三章 …: the bullet dresses a numbered heading; the
        # heading's own marker gives its level.
        body, first, lead_bullet = body[1:].lstrip("\ufe0f").lstrip(), "", False
    if lead_bullet:
        body = first + " " + body[1:].lstrip("\ufe0f").lstrip()
    # Marks kept as text of their own elsewhere; as decoration inside a line they go.
    rest = body[1:] if lead_bullet else body
    rest = _DECOR.sub(" ", rest)
    if "✅" in rest or "❌" in rest or "❎" in rest:
        rest = re.sub(r"\s*[✅❌❎]", " ", rest)
    body = (first + rest) if lead_bullet else rest
    return indent + " ".join(body.split()) if body.strip() else ""
