"""Titles that are exam questions (简述…, 试论述…, 什么是…, …有哪些？), never key points.

Notes keep their question sheets beside their key points: 「简述客户关系管理的含义及其作用」
heads its answer the way 「客户关系管理」 heads a definition. A card may ask such a title
(its front is a question anyway), but no card's answer and no question's statement, option
or blank may treat it as a thing the notes name: 「简述…属于…」, 「什么是简述…？」.

Pure; the opening words are the parser's own (``title_parts.EXAM_ASKS``), with the ones a
paper also asks with.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cskexam.core.notes.title_parts import EXAM_ASKS

# Words that open nothing but a question.
_OPENS = EXAM_ASKS + (
    "试分析", "試分析", "试说明", "試說明", "试比较", "試比較", "试列举", "試列舉", "试谈", "試談",
    "什么是", "什麼是", "为什么", "為什麼", "为何", "為何", "怎样", "怎樣", "怎么", "怎麼", "如何",
)
# 请简述…, 请说明…: 请 alone opens 请示 (a kind of document) as well.
_PLEASE = re.compile(r"^[请請](?:简|簡|论|論|试|試|阐|闡|说明|說明|分析|列举|列舉|比较|比較|谈|談|举例|舉例|写出|寫出|回答|结合|結合)")
# 说明…的含义, 比较…的异同: an exam's request only when it asks what a textbook says of a thing;
# 说明产品的特点, 概述评估实施的过程, 分析投诉的原因 are steps a procedure lists.
_ASKS_ASPECT = re.compile(
    r"^(?:说明|說明|概述|分析|比较|比較)[\u4e00-\u9fffA-Za-z0-9“”]{2,}的(?:主要内容|主要內容|含义|含義|概念|定义|定義|内涵|內涵"
    r"|意义|意義|区别|區別|联系|聯繫|关系|關係|异同|異同|优缺点|優缺點|利弊)"
)
# …有哪些, …是什么, …为什么: a question by its end.
_ASKING_END = re.compile(
    r"(?:有哪些|有哪[几幾][个個种種类類点點项項条條方面]*|是什么|是什麼|有何[\u4e00-\u9fff]{0,4}|为什么|為什麼|何在|吗|嗎"
    r"|怎样|怎樣|如何|哪些)[。.]?$"
)
# The words a paper opens a request with (简述, 试论述, 请说明…): what stays is the subject asked about.
ASK_HEAD = re.compile(
    r"^(?:[请請](?=[简簡试試论論阐闡说說谈談]))?(?:试论述|試論述|试述|試述|试论|試論|试分析|試分析|试说明|試說明|试谈|試談|"
    r"简述|簡述|论述|論述|阐述|闡述|谈谈|談談|说明|說明)"
)
# A question mark that closes the title or one of its sentences ([重视营销环境?] quotes markup).
_ASKED = re.compile(r"[?？](?:\s*$|\s*(?=[\u4e00-\u9fff]))")
_NUMBER = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]{1,3}[)）.．、]\s*)?")


@lru_cache(maxsize=16384)
def asks_exam_question(title: str) -> bool:
    """``title`` is an exam question: 简述…, 试论述…, 什么是…, 说明…的作用, …有哪些, …？."""
    text = _NUMBER.sub("", (title or "").strip()).strip()
    if _ASKED.search(text):
        return True
    if len(text) < 4:
        return False  # 如何, 为何 among 何时、何人、何地: the six elements of a record, no question
    if text.startswith(_OPENS):
        return True
    return bool(_PLEASE.match(text) or _ASKS_ASPECT.match(text) or _ASKING_END.search(text.rstrip("。.:： ")))
