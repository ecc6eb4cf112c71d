"""Where a heading's title ends, and what a bracket in it holds.

A title ends at an explicit terminator (a colon, a bracket of metadata, a full
stop), or, in a heading written without punctuation, where its body restarts:
a word that opens a body (是指, 为了), the title said again, a key point the notes
name elsewhere, the subject of a rule (请示应当…). A bracket holds a page mark,
a mnemonic, exam tags, or an aside that belongs to the title.
"""

from __future__ import annotations

import re

EXAM_TAGS = (
    "简答", "案例分析", "面试答辩", "重点", "必背", "论述", "名词解释", "单选", "多选", "判断", "填空", "计算",
    "识记", "識記", "掌握", "了解", "理解", "熟悉", "应用", "應用", "重點", "难点", "難點", "簡答", "論述", "必考", "常考",
    "高频", "高頻", "易错", "易錯", "考点", "考點", "重要", "领会", "領會", "运用", "運用", "★", "☆", "▲",
)
PAGE = re.compile(r"^(?:P\.?\s?|第\s?)(\d+)(?:\s?[-~—]\s?P?(\d+))?(?:\s?页|\s?頁)?$", re.I)
COUNT_MNEMONIC = re.compile(r"^[\u4e00-\u9fff]{1,3}[一二三四五六七八九十]$")
_TAG_SEP = re.compile(r"[、,/]")


def classify_group(inner: str) -> tuple[str, str | list[str]] | None:
    """What a bracket's ``inner`` text is: ("page", "P12"), ("mnemonic", "宏五"), ("tags", […]) or None."""
    inner = inner.strip()
    m = PAGE.match(inner)
    if m:
        return ("page", "P" + m.group(1) + (f"-{m.group(2)}" if m.group(2) else ""))
    if COUNT_MNEMONIC.match(inner):
        return ("mnemonic", inner)
    parts = [p.strip() for p in _TAG_SEP.split(inner) if p.strip()]
    if parts and all(set(p) <= set("★☆") for p in parts):
        return ("tags", ["重点"])  # (★★★)
    if parts and all(p in EXAM_TAGS for p in parts):
        return ("tags", parts)
    return None


# Words that begin the body of a heading written without punctuation
# (``3. 协作机制为了保证…``, ``1. 背景本文档旨在…``).
_RESTART_WORDS = ("是指", "为了", "本文", "通过", "因此", "以下", "该部门", "他们", "主要负责", "负责", "通常", "作为", "目前")
_NOT_BEFORE_SHI = set("但就还总于即正也都只而不若或凡可要像")
INNER_STOP = re.compile(r"[。:;]")
# A space between two words (kept by normalisation only before a body) ends a title too.
_TERMINATOR = re.compile(r"[:(\[。;,!?]|注:|(?<=[\u4e00-\u9fff)”】]) (?=[\u4e00-\u9fff“【])")


def clause_end(s: str) -> int:
    """Index of the first explicit title terminator (``:``, ``(``, punctuation, 注:)."""
    i = 0
    if s.startswith("[") and s.find("]") > 1:
        i = s.find("]") + 1  # [A] 选项: a bracket that opens the title is part of it
    elif s.startswith("("):
        close = s.find(")")
        # A leading group like (1-4章) belongs to the title unless it is metadata.
        if close > 0 and classify_group(s[1:close]) is None:
            i = close + 1
    while True:
        m = _TERMINATOR.search(s, i)
        if not m:
            return len(s)
        if s[m.start()] == "(":
            close = s.find(")", m.start(), m.start() + 14)
            after = s[close + 1 : close + 2] if close > 0 else ""
            # 规范(2008年修订)共六条: a short aside inside the title, not its end.
            if close > 0 and after and after not in ":(;,。" and classify_group(s[m.start() + 1 : close]) is None:
                i = close + 1
                continue
        return m.start()


# 请示应当一文一事 / 报告不得夹带请示事项: a short subject and a rule about it.
_MODAL = re.compile(r"^([\u4e00-\u9fff]{1,6}?)(?:应当|應當|应该|應該|不得|只能|不宜|严禁|嚴禁)")


def modal_subject(clause: str, stop: str) -> int | None:
    """Where the rule starts in an item that is one rule sentence (ended by 。),
    after a subject of at most six characters; None otherwise."""
    if stop != "。":
        return None
    m = _MODAL.match(clause)
    if not m or len(clause) < m.end() + 3 or m.group(1).endswith(("的", "都", "也", "均", "则", "就")):
        return None
    return m.end(1)


_KNOWN_SUFFIX = ("分析", "研究")
_NOT_A_WORD_END = ("门", "部", "的", "者", "性", "化", "和", "及", "与", "、", "经理")


def head_repeat(s: str) -> int | None:
    """``总经理办公室总经理办公室是…`` → 6: the body starts by repeating the title."""
    for i in range(2, min(len(s) // 2, 16) + 1):
        if s.startswith(s[:i], i):
            return i
    return None


# 简述… / 论述…: how an exam asks for an answer, never how an answer's point opens.
EXAM_ASKS = ("简述", "簡述", "论述", "論述", "试述", "試述", "阐述", "闡述", "试论", "試論", "谈谈", "談談")
# …and the words that ask of a named subject (说明…, 分析…, 比较…).
_ASKS = EXAM_ASKS + ("概述", "说明", "說明", "分析", "列举", "列舉", "比较", "比較")


def subject_restart(s: str, subject: str) -> int | None:
    """``店面层级超级市场的店面层级是…`` in 超级市场的组织结构 → 4."""
    if len(subject) < 4 or len(s) < 16:
        return None
    if s.startswith(_ASKS):
        return None  # 论述客户服务战略…的对策 in 客户服务…题库: a question names its subject
    i = s.find(subject[:4], 2)
    if 2 <= i <= 16:
        return i
    # A three-character subject (大客户…) is too common to trust near the start.
    i = s.find(subject[:3], 6)
    return i if 6 <= i <= 16 else None


# 报告的主要内容 after 培训需求分析: what follows a known name still names a heading's topic.
_NAME_GOES_ON = re.compile(
    r"^[\u4e00-\u9fff]{0,6}的(?:主要|基本|具体|一般)?(?:内容|作用|特点|特征|原则|方法|步骤|程序|意义|含义|概念|类型|种类|要求"
    r"|要素|目的|功能|分类|形式|标准|条件|途径|措施|因素|构成|结构|环节|阶段|过程|任务|职责|范围|依据|影响)$"
)
_KNOWN_LONGEST = 10  # clean_titles keeps titles of 2 to 10 characters


def known_prefix(s: str, known: frozenset[str]) -> int | None:
    # Longest first: at most ten set look-ups, however many titles are known.
    best = next((n for n in range(min(len(s) - 1, _KNOWN_LONGEST), 1, -1) if s[:n] in known), None)
    if best is None:
        return None
    rest = s[best:]
    if _NAME_GOES_ON.match(rest):
        return None  # 培训需求分析报告的主要内容: the known name is only the start of this one
    for suffix in _KNOWN_SUFFIX:
        if rest.startswith(suffix):
            return best + len(suffix)
    if rest.startswith(_NOT_A_WORD_END):
        return None
    return best


def restart_at(s: str, known: frozenset[str], subject: str) -> tuple[int, bool] | None:
    """Where the body restarts inside a heading written without punctuation.

    Returns (index, keep_subject): keep_subject means the body is the whole
    sentence (``职业道德是指…`` keeps 职业道德 in its body).
    """
    i = known_prefix(s, known)
    if i:
        # 政治法律环境是… keeps its subject in the body.
        return i, s[i:].startswith("是")
    limit = min(len(s) - 1, 16)
    for i in range(2, limit + 1):
        rest = s[i:]
        if i >= 3 and len(rest) >= 3 and rest[:3] in s[:i]:
            return i, False
        for word in _RESTART_WORDS:
            if rest.startswith(word):
                return i, word == "是指"
        if rest.startswith("是") and s[i - 1] not in _NOT_BEFORE_SHI and not rest.startswith("是否"):
            return i, True
    return None


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _width(text: str) -> int:
    """Length with each Latin word counted as one character: (Biestek 七大原則) is a short aside."""
    return len(_LATIN_WORD.sub("A", text))


_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 .&-]{0,15}")
# A dash before a clause of six Chinese characters or more explains the title
# (客户分级管理——ABC分类法 is a subtitle).
_DASH_EXPLAINS = re.compile(r"(?<=[\u4e00-\u9fff])——(?=(?:[^。;:A-Za-z0-9]*[\u4e00-\u9fff]){6})")


def title_end(s: str) -> int:
    """``clause_end``, except that a short aside in brackets that closes the
    heading is part of it: 培训效果评估的层次(柯氏模型), 简述教师专业发展的阶段(福勒和布朗)。"""
    end = clause_end(s)
    dash = _DASH_EXPLAINS.search(s, 2, end) if "——" in s else None
    if dash:
        return dash.start()  # 主动性原则——专人逐一致电受影响客户: the point, then what shows it
    if end < len(s) and s[end] == "(":
        close = s.find(")", end)
        if 0 < close - end <= 17 and s[close + 1 : close + 2] == ":" and _LATIN_NAME.fullmatch(s[end + 1 : close]):
            return close + 1  # 服务质量的五个维度(SERVQUAL):有形性、…: the name and its Latin name, then the colon
        closed = s.rstrip("。?")
        inner = s[end + 1 : len(closed) - 1]
        if closed.endswith(")") and s.find(")", end) == len(closed) - 1 and _width(closed[end:]) <= 12 \
                and len(inner.strip()) >= 2 and classify_group(inner) is None:
            return len(closed)
    return end
