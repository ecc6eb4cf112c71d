"""A flashcard app's export pasted as notes: one card a line, its front and
back apart by a tab or " | ", decks named in 【】 lines between them. Each card
becomes an item of its deck, front: back."""

from __future__ import annotations

import re

# A front of two to 40 characters holding Chinese, one tab or " | ", and a back (no more cells).
_CARD = re.compile(r"^([^\t|]*[\u4e00-\u9fff][^\t|]{0,38}?)\s*(?:\t+|\s\|\s)\s*([^\t|]+)$")
_BACK_VERDICT = re.compile(r"^(错误|錯誤|正确|正確|错|錯|对|對|×|√)(?:\s*[(（]\s*[×√]\s*[)）])?(?=$|[\s,，。;；])")
_BACK_COUNT = re.compile(r"^((?:共)?[一二三四五六七八九十两\d]{1,2}(?:个|種|种|类|類|项|項|条|條|点|點|步|大))[：:]\s*")
_TRUE = ("对", "對", "正确", "正確", "√")


def card_rows_of(raw_lines: list[str]) -> frozenset[int]:
    """Lines of a flashcard export (front<TAB>back or front | back), when the
    notes hold at least three of them: one card alone is a title with a bar."""
    rows = frozenset(i for i, raw in enumerate(raw_lines) if ("\t" in raw or " | " in raw) and _CARD.match(raw.strip()))
    return rows if len(rows) >= 3 else frozenset()


def card_item(line: str) -> str:
    """客户服务的三个层次<TAB>核心服务、… / 7P指哪些？ | …: the card as an item of its deck."""
    card = _CARD.match(line.strip())
    if not card:
        return line
    front, back = card.group(1).rstrip("：:？?").strip(), card.group(2).strip()
    verdict = _BACK_VERDICT.match(back)
    if verdict:  # “客户是上帝”意味着…<TAB>错（×），应在…: a statement and its verdict
        back = ""
        front = front.rstrip("。") + ("。（√）" if verdict.group(1) in _TRUE else "。（×）")
    counted = _BACK_COUNT.match(back)
    if counted:  # 三类：售前、售中、售后: the count goes with the front, (三类)
        front, back = f"{front}({counted.group(1)})", back[counted.end():]
    return "• " + front + ("：" + back if back else "")
