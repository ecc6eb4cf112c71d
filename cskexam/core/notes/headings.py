"""Split a heading's text into title, body and metadata.

``一、总经理办公室总经理办公室是…`` → title 总经理办公室; ``宏观环境分析(宏五):(P4)…``
→ title 宏观环境分析, mnemonic 宏五, page P4. Page marks, exam tags and mnemonics
become fields of the node, never title text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from operator import attrgetter

from cskexam.core.notes.heading_meta import take_closing_meta, take_tail_meta
from cskexam.core.notes.markers import cn_to_int
from cskexam.core.notes.stated_counts import COUNT_PHRASE, stated_count
from cskexam.core.notes.title_parts import (
    EXAM_ASKS, EXAM_TAGS, INNER_STOP, classify_group, clause_end, head_repeat, known_prefix, modal_subject,
    restart_at, subject_restart, title_end,
)

# Page marks and tags anywhere in a title: (P4) (第12页) p.35, a trailing P211;
# (识记) [重点] 【重点】 ★.
_TITLE_PAGE = re.compile(
    r"\(\s*(?:[Pp]\.?\s?(\d{1,4})(?:\s?[-~—]\s?[Pp]?\d+)?|第\s?(\d{1,4})\s?[页頁])\s*\)"
    r"|(?:^|(?<=[\s\u4e00-\u9fff)】\]]))\s*[Pp]\.?\s?(\d{1,4})(?:\s?[-~—]\s?[Pp]?\d{1,4})?\s*$"
)
_TITLE_TAG = re.compile(r"\(([^()]{1,6})\)|【([^【】]{1,6})】|\[([^\[\]]{1,6})\]|([★☆▲]+)")
_TITLE_MNEMONIC = re.compile(r"\(([\u4e00-\u9fff]{1,3}[一二三四五六七八九十])\)")
# 软件测试(口诀:单集系验): a bracket that names its content a mnemonic.
_TITLE_NAMED_MNEMONIC = re.compile(
    r"\((?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記|记法|記法)(?:法)?\s*:\s*([^()]{1,24})\)"
)
# 服务质量的五个维度——口诀"有可响保移": a mnemonic written after the heading, behind
# a dash or in quotes; the heading keeps its whole text.
_MNEMONIC_WORDS = r"(?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記|记法|記法)"
_TAIL_MNEMONIC = re.compile(
    rf"\s*(?:(?:——|—|--|－－|~)\s*{_MNEMONIC_WORDS}\s*[:：]?\s*[\"“「『]?([^\"“”「」『』()]{{1,24}}?)[\"”」』]?"
    rf"|\s*{_MNEMONIC_WORDS}\s*[:：]?\s*[\"“「『]([^\"“”「」『』()]{{1,24}})[\"”」』]"
    # 服务质量的五个维度口诀:有可响保移 — named by a word that means nothing but mnemonic.
    rf"|\s*(?:口诀|口訣|巧记|巧記)\s*[:：]\s*([\u4e00-\u9fff]{{2,10}}))\s*[。.]?$"
)


_ONLY_MNEMONIC_WORDS = re.compile(rf"(?:{_MNEMONIC_WORDS}|方法|法|的)+")


def tail_mnemonic(text: str) -> tuple[str, str] | None:
    """``服务质量的五个维度——口诀"有可响保移"`` → (服务质量的五个维度, 有可响保移)."""
    if "记" not in text and "口" not in text and "記" not in text:
        return None
    m = _TAIL_MNEMONIC.search(text)
    if not m or m.start() < 2:
        return None
    value = (m.group(1) or m.group(2) or m.group(3) or "").strip(" ,;。")
    head = text[: m.start()].rstrip()
    if _ONLY_MNEMONIC_WORDS.fullmatch(head) or (m.group(3) and len(head) < 4):
        # 记忆口诀:选整理恒, 首字口诀:… — a mnemonic line of its own, not a heading
        return None
    return (head, value) if value else None


TITLE_MAX = 24
_NUM = "一二三四五六七八九十两"
_UNIT = r"(?:个|個|种|種|类|類|项|項|点|點|条|條|句话|句話|句|方面|部分|阶段|階段|层次|層次)"
# 教师的权利(六项), 单例(五种): a bracket that states how many items there are.
# 服务的特征(五性): properties counted by their common ending.
# 服务质量差距模型(5个差距), 投诉处理的步骤(6步): the unit may name what is counted.
_COUNT_GROUP = re.compile(rf"\((?:共|共有)?([{_NUM}]+|\d{{1,2}})(?:{_UNIT}[\u4e00-\u9fff]{{0,2}}|性|步|大步)\)")
# 职业理念(占比约15%): an exam-weight aside, never part of the title.
_WEIGHT_GROUP = re.compile(r"\((?:占比|分值|约)[^()]{0,8}\)|\([^()]{0,6}%\)")
# 架构评估方法分为三类 / 创建型模式包括: the predicate belongs to the list, not its name.
# 会议规模一般分为三种: the adverb belongs to the predicate, not to the name.
_ADVERBS = r"(?:一般|通常|主要|大致|大体|基本上|具体)?(?:可以|可)?"
_COUNT_PREDICATE = re.compile(
    rf"^(.{{2,}}?){_ADVERBS}(?:可分为|可分為|分为|分為|分成|分|包括|包含|共有|共|有)(?:以下|如下|下列)?([{_NUM}]+|\d{{1,2}})大?{_UNIT}$"
)
# 服务质量的特性包括以下几个方面 / 客户满意度的测评方法有: a predicate that only says a list follows.
_BARE_PREDICATE = re.compile(
    rf"^(.{{2,}}?){_ADVERBS}(?:主要包括|包括|包含|主要有|(?<=的[\u4e00-\u9fff]{{2}})有|(?<=的[\u4e00-\u9fff]{{3}})有|(?<=的[\u4e00-\u9fff]{{4}})有)"
    r"(?:以下|如下|下列)?(?:几个|几项|几点|几类|几种)?(?:方面|内容|几点)?$"
)


@dataclass(slots=True)
class Heading:
    title: str
    text: str
    page: str | None = None
    mnemonic: str | None = None
    tags: list[str] = field(default_factory=list)
    truncated: bool = False
    sentence_body: bool = False  # the title ended at a full stop: the body is an explanation
    explicit: bool = False  # the title ended at a colon or a bracket, not by guessing
    clause: str = ""  # the first clause, when the title was cut out of it by guessing
    count: int | None = None  # a count stated in a bracket (六项) or a predicate cut off the title
    # 员工关系层次(依举融自):依赖、… : a bracket before the colon that may be the
    # initials of the items (a mnemonic); the items decide, once they are split.
    acronym: str | None = None

    def copy(self) -> "Heading":
        """The same heading, as a new object whose lists are its own."""
        new = Heading(*_heading_values(self))
        for name in _HEADING_LISTS:
            setattr(new, name, list(getattr(new, name)))
        return new


_heading_values = attrgetter(*(f.name for f in fields(Heading)))
_HEADING_LISTS = tuple(f.name for f in fields(Heading) if f.default_factory is list)


# 物流的基本功能(7项):… / 配送流程(8步):… : a count in a bracket before the list's colon.
_LEAD_COUNT = re.compile(
    rf"^\((?:共|共有)?([{_NUM}]+|\d{{1,2}})大?(?:{_UNIT}|步|要素|环节|環節|原则|原則|特征|特点)\)\s*(?=:)"
)
# 员工关系层次(依举融自):… / 接待工作应遵循哪些原则?(诚礼细章) : a bracket of initials
# before the list's colon or after a question, whose items decide whether it is a mnemonic.
_LEAD_ACRONYM = re.compile(r"^\(([\u4e00-\u9fff]{2,8})\)\s*(?=:|$)")


def consume_meta(body: str, heading: Heading) -> str:
    """Eat page marks, mnemonics, tag groups and colons at the start of ``body``
    (also after the full stop that ends a title: ``简述…规律。(P156)``)."""
    if body.startswith("。(") or body.startswith("?("):
        body = body[1:]
    while True:
        stripped = body.lstrip(" :、")
        if stripped != body:
            body = stripped
            continue
        if body.startswith("("):
            lead = _LEAD_COUNT.match(body)
            if lead:
                heading.count = heading.count or cn_to_int(lead.group(1))
                body = body[lead.end() :]
                continue
            close = body.find(")", 1, 40)
            lead = _LEAD_ACRONYM.match(body) if close > 0 and classify_group(body[1:close]) is None else None
            if lead:
                heading.acronym = heading.acronym or lead.group(1)
                body = body[lead.end() :]
                continue
            if close > 0:
                kind = classify_group(body[1:close])
                if kind:
                    what, value = kind
                    if what == "page":
                        heading.page = heading.page or str(value)
                    elif what == "mnemonic":
                        heading.mnemonic = heading.mnemonic or str(value)
                    else:
                        heading.tags.extend(t for t in value if t not in heading.tags)
                    body = body[close + 1 :]
                    continue
        return body


def _plain_class(excluded: str) -> str:
    """A character class of the CJK ideographs, less ``excluded``."""
    ranges, start = [], 0x4E00
    for cp in sorted(ord(ch) for ch in set(excluded)):
        if cp > start:
            ranges.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
        start = cp + 1
    ranges.append(f"\\u{start:04x}-\\u9fff")
    return "[" + "".join(ranges) + "]"


# 有形性, 客户关系管理: a short title of ideographs alone, none of which can
# start a mnemonic (记 口), a predicate (是 分 包 共 有) or a count (numerals).
# Most items of real notes are such titles, and nothing in them is metadata or
# a body to split off, so the whole segment is the title as written.
PLAIN_TITLE = re.compile(_plain_class("记記口是分包共有一二三四五六七八九十百零两兩") + "{1,12}")


def clean_title_only(segment: str) -> str | None:
    """The title when it is written cleanly (ended by ``:`` or a bracket), else None.

    The first parse pass needs nothing more, and this is much cheaper than
    ``split_heading``.
    """
    if PLAIN_TITLE.fullmatch(segment):
        return segment
    head = _PLAIN_HEAD.match(segment)
    if head:
        return head.group(1)  # 市场人口:… : the term before its colon, whatever follows
    return written_title(segment)


def written_title(segment: str) -> str | None:
    """``clean_title_only`` for any segment."""
    s = segment.strip().lstrip(":、 ").strip()
    end = clause_end(s)
    if end < len(s) and s[end] in ":([" and end <= 12:
        return clean_title(s[:end])
    if end == len(s) and len(s) <= 12:
        return clean_title(s)
    return None


_PAGE_AFTER_BRACKET = re.compile(r"(?<=\))\s*\(\s*(?:[Pp]\.?\s?\d{1,4}(?:\s?[-~—]\s?[Pp]?\d{1,4})?|第\s?\d{1,4}\s?[页頁])\s*\)$")


def split_heading(segment: str, known: frozenset[str] = frozenset(), subject: str = "") -> Heading:
    """Title, body and metadata of the text that follows a marker."""
    if PLAIN_TITLE.fullmatch(segment):
        return Heading(title=segment, text="", explicit=True)
    term = _PLAIN_TERM.fullmatch(segment)
    if term:
        # 市场人口:人口是… : a plain term, its colon and a body with no metadata.
        text = term.group(2).lstrip(" :、")
        if not text.startswith("("):
            text = text.lstrip(",;。").strip()
            if "、" not in text:
                return Heading(title=term.group(1), text=text, explicit=True)
    return split_marked_heading(segment, known, subject)


_PLAIN_HEAD = re.compile("(" + PLAIN_TITLE.pattern + "):")
# The body may hold anything but what the full path reads as metadata: brackets
# (pages, tags, counts, mnemonics) and the words of a mnemonic.
_PLAIN_TERM = re.compile("(" + PLAIN_TITLE.pattern + r"):([^()\[\]【】记記口]*)", re.S)


# What a body glued to its term opens with (市场人口人口是…): a predicate, not more of a name.
_SAYS_WHAT = re.compile(r"^(?:是|指|即|包括|包含|分为|分成|有|主要|一般|通常|具有|具备|由|要|应|可|能|会|在|对|为)")


def split_marked_heading(segment: str, known: frozenset[str] = frozenset(), subject: str = "") -> Heading:
    """``split_heading`` for any segment: one that is more than a plain title."""
    s = segment.strip().lstrip(":、 ").strip()
    heading = Heading(title="", text="")
    if not s:
        return heading
    dashed = tail_mnemonic(s)
    if dashed:
        s, heading.mnemonic = dashed
    paged = _PAGE_AFTER_BRACKET.search(s) if s.endswith(")") else None
    if paged:
        # 导游服务的特点(独脑复跨)(第6页): the page goes, and the bracket before it
        # closes the heading as if written last (a mnemonic the items decide on).
        heading.page = "P" + "-".join(_DIGITS.findall(paged.group(0))[:2])
        s = s[: paged.start()]
    if "(" in s:
        # 批处理序列(记忆:…), 感知层、网络层(口诀:…): the mnemonic is the node's,
        # wherever the bracket stands; a trailing (五种) states the count.
        named = _TITLE_NAMED_MNEMONIC.search(s)
        if named:
            heading.mnemonic = named.group(1).strip()
            s = (s[: named.start()] + s[named.end() :]).strip()
        tail = _COUNT_GROUP.search(s)
        if tail and tail.end() >= len(s.rstrip("。;")) and tail.start() > 0:
            heading.count = cn_to_int(tail.group(1))
            s = s[: tail.start()].rstrip()
    s = take_closing_meta(s, heading)
    end = title_end(s)
    clause = s[:end]
    title, body = clause, s[end:]
    explicit_end = end < len(s) and s[end] in ":([ "
    whole = s.rstrip("。;, ")
    restart = None
    asked = False
    if s[end : end + 2] == "——" and len(clause) <= TITLE_MAX:
        title, body = clause, s[end + 2 :]  # 主动性原则——专人逐一致电…: the point, then how it shows
        heading.explicit = True
    elif explicit_end and len(clause) <= 12:
        heading.explicit = True
    elif explicit_end and s[end] == ":" and len(clause) <= TITLE_MAX and _inline_list(s[end + 1 :]):
        heading.explicit = True  # 培训需求分析模型包括六个模型:甲、乙…: the whole clause names the list
    elif end < len(s) and s[end] == "?" and len(clause) <= 30:
        heading.explicit = True  # 客户服务战略制定的步骤有哪些?: a question is a whole title
        body = s[end + 1 :]
    elif end == len(s) and len(clause) <= 12:
        heading.explicit = True  # the whole segment is a title
    elif end < len(s) and clause.endswith(")") and s[end:].strip("。?") == "" and len(clause) <= TITLE_MAX:
        pass  # 简述教师成长的阶段(福勒)。: a title closed by its aside and a full stop
    elif end == len(s) and clause.endswith(")") and len(clause) <= TITLE_MAX and _NAMING_ASIDE.search(clause):
        # 服务质量的五个维度(SERVQUAL模型): a whole heading closed by the name of its model;
        # the name before the bracket, known as a title, is no place where a body starts.
        pass
    elif clause.startswith(EXAM_ASKS) and len(whole) <= 40 and not INNER_STOP.search(whole):
        title, body, asked = whole, "", True  # 论述…规定的消费者权利,并说明…: a question is a whole title
    elif (i := head_repeat(clause)) is not None:
        restart = (i, False)
    elif (i := known_prefix(clause, known)) is not None and not (
        # 导游讲解服务; with 导游讲解 known: a short item ended by its stop is whole.
        len(clause) - i <= 2 and len(clause) <= 8 and not s[end:].strip("。;, ")
        # 客户服务人员的压力与情绪管理, with 客户 known: a heading of one clause and no stop is whole.
        or (end == len(s) and len(clause) <= TITLE_MAX and "(" not in clause and not _SAYS_WHAT.search(clause[i:]))
    ):
        restart = (i, s[i:].startswith("是"))
    elif (i := subject_restart(clause, subject)) is not None:
        restart = (i, False)
    elif (i := modal_subject(clause, s[end:end + 1])) is not None:
        restart = (i, True)  # 请示应当一文一事。: a rule about 请示, the sentence its body
    elif len(whole) <= 30 and not INNER_STOP.search(whole):
        title, body = whole, ""
    elif len(clause) > 2:
        restart = restart_at(clause, known, subject)
    # (1)关系营销。指企业…: what follows the full stop explains the item.
    heading.sentence_body = restart is None and title == clause and end < len(s) and s[end] == "。"
    if restart:
        i, keep_subject = restart
        title = s[:i]
        body = s if keep_subject else s[i:]
        heading.clause = clause
    elif len(clause) > TITLE_MAX and not asked and not (
        # …相统一的规律(双边性规律): a heading of full length closed by its short aside is whole.
        title == clause and clause.endswith(")") and 0 < clause.rfind("(") <= TITLE_MAX and len(clause) - clause.rfind("(") <= 10
    ):
        title = clause[:20] + "…"
        body = s
        heading.truncated = True
    heading.title = _drop_count_predicate(clean_title(take_title_meta(title, heading)), heading)
    heading.text = take_tail_meta(consume_meta(body, heading).lstrip(",;。").strip(), heading)
    return heading


# (SERVQUAL模型) / (柯氏模型) / (按控制时点分): an aside that names the heading's model or
# basis, not a list (甲、乙), a tag (重点★) or a page mark (教材P3-5).
_NAMING_ASIDE = re.compile(r"(?<=[\u4e00-\u9fff])\((?![^()]*(?:重点|重點|必考|掌握|了解|识记|識記))[^()、,;★☆▲\d]{2,10}\)$")
_PREDICATE_WORD = re.compile(r"分|包|共|有")
# 管理的职能有五 / 公文共十三: a numeral with no unit after the predicate.
_NUMERAL_PREDICATE = re.compile(rf"^(.{{2,}}?(?<![{_NUM}\d]))(?:共有|共|有|分为|分為|分成)([{_NUM}]{{1,3}}|\d{{1,2}})$")
_SENTENCE_IN_TAIL = re.compile(r"[。,;!?、]")
_BARE_NUMBER = re.compile(rf"^([{_NUM}]+|\d{{1,2}}){_UNIT}?$")


def _bare_count(phrase: str) -> int | None:
    """``八项``, ``四种``: a count phrase with no noun after it."""
    m = _BARE_NUMBER.match(phrase.strip())
    value = cn_to_int(m.group(1)) if m else None
    return value if value is not None and value >= 2 else None


def _drop_count_predicate(title: str, heading: Heading) -> str:
    """``常见的设计模式分三大类`` → 常见的设计模式 (count 3); ``创建型模式包括`` → 创建型模式;
    ``管理的职能有五`` → 管理的职能 (count 5); ``服务质量的五个特性是`` → 服务质量的五个特性."""
    if not heading.explicit:
        return title
    if title.endswith("是") and len(title) >= 5 and COUNT_PHRASE.search(title):
        title = title[:-1]  # 服务质量的五个特性是:…: the copula introduces the items
    if not _PREDICATE_WORD.search(title):
        return title
    m = _NUMERAL_PREDICATE.match(title)
    if m:
        heading.count = heading.count or cn_to_int(m.group(2))
        return m.group(1)
    m = _COUNT_PREDICATE.match(title)
    if m:
        heading.count = heading.count or cn_to_int(m.group(2))
        return m.group(1)
    m = _BARE_PREDICATE.match(title)
    return m.group(1) if m else title


_META_CHAR = re.compile(r"[(【\[★☆▲Pp]")
_DIGITS = re.compile(r"\d+")
_TAG_SEP = re.compile(r"[、,/]")
_INLINE_SEP = re.compile(r"[、;]")
_INLINE_STOP = re.compile(r"[。:,]")
# 会计要素——六大要素, 财务报表的组成——四表一注: a short count phrase behind a dash
# says how many items follow; it is no part of the heading's name.
_DASH_COUNT = re.compile(r"(?<![\dPp])\s*(?:——|—|--|－－)\s*([^—\-:()]{0,4}[一二三四五六七八九十两兩\d][^—\-:()]{0,5})$")


def take_title_meta(title: str, heading: Heading) -> str:
    """Move page marks, tags, a dashed count and a bracketed mnemonic out of ``title``."""
    if "—" in title or "--" in title:
        dash = _DASH_COUNT.search(title)
        if dash and dash.start() >= 2 and not _SENTENCE_IN_TAIL.search(dash.group(1)):
            heading.count = heading.count or stated_count(dash.group(1)) or _bare_count(dash.group(1))
            title = title[: dash.start()]
    if not _META_CHAR.search(title):
        return title

    def named(m: re.Match) -> str:
        heading.mnemonic = heading.mnemonic or m.group(1).strip()
        return ""

    title = _TITLE_NAMED_MNEMONIC.sub(named, title)

    def counted(m: re.Match) -> str:
        heading.count = heading.count or cn_to_int(m.group(1))
        return ""

    title = _COUNT_GROUP.sub(counted, title)
    title = _WEIGHT_GROUP.sub("", title)

    def page(m: re.Match) -> str:
        # P27-29, (P12~13): a range keeps both ends.
        ends = _DIGITS.findall(m.group(0))[:2]
        heading.page = heading.page or "P" + "-".join(ends)
        return ""

    title = _TITLE_PAGE.sub(page, title)

    def tag(m: re.Match) -> str:
        inner = next(g for g in m.groups() if g)
        parts = [p.strip() for p in _TAG_SEP.split(inner) if p.strip()]
        if m.group(4) or (parts and all(set(p) <= set("★☆") for p in parts)):
            parts = ["重点"]
        if parts and all(p in EXAM_TAGS for p in parts):
            heading.tags.extend(p for p in parts if p not in heading.tags)
            return ""
        return m.group(0)

    title = _TITLE_TAG.sub(tag, title)

    def mnemonic(m: re.Match) -> str:
        heading.mnemonic = heading.mnemonic or m.group(1)
        return ""

    title = _TITLE_MNEMONIC.sub(mnemonic, title)
    return title.strip()


def whole_heading(segment: str) -> Heading:
    """A heading whose whole text is its title (a Markdown heading)."""
    heading = Heading(title="", text="", explicit=True)
    s = segment.strip()
    dashed = tail_mnemonic(s)
    if dashed:
        s, heading.mnemonic = dashed
    paged = _PAGE_AFTER_BRACKET.search(s) if s.endswith(")") else None
    if paged:
        # 导游服务的特点(独脑复跨)(第6页): the page goes, and the bracket before it
        # closes the heading as if written last (a mnemonic the items decide on).
        heading.page = "P" + "-".join(_DIGITS.findall(paged.group(0))[:2])
        s = s[: paged.start()]
    s = take_title_meta(s, heading)
    head, colon, rest = s.partition(":")
    if colon and 2 <= len(head) <= TITLE_MAX and rest.strip() and (stated_count(head) or _inline_list(rest)):
        # ### 投诉处理的三大要素:速度、态度、力度 — a heading that holds its list.
        heading.title = clean_title(head)
        heading.text = rest.strip()
        return heading
    if len(s) > 40:
        split = split_heading(s)
        split.page, split.tags, split.mnemonic = heading.page, heading.tags, heading.mnemonic
        return split
    heading.title = clean_title(s)
    return heading


def _inline_list(rest: str) -> bool:
    parts = [p.strip() for p in _INLINE_SEP.split(rest.strip().rstrip("。.;"))]
    return len(parts) >= 2 and all(1 <= len(p) <= 16 and not _INLINE_STOP.search(p) for p in parts)


_TRAILING_PAGE = re.compile(r"\((?:P\s?\d+)\)$")


def clean_title(title: str) -> str:
    title = title.replace("**", "").replace("__", "")
    opening = title.lstrip(" 、:;,。")[:1]
    title = title.strip(" 、:;,。“”\"'")
    if opening in ("\"", "“") and title and not title.endswith(("\"", "”")) and ("”" if opening == "“" else "\"") in title:
        title = opening + title  # "七日无理由退货"制度: the quote names a part of the title; both marks stay
    if title.startswith("【") and title.endswith("】") and title.count("【") == 1:
        title = title[1:-1].strip()  # 【易错点】: a label in brackets
    # A trailing mnemonic or page mark in brackets that survived (e.g. at line end).
    if title.endswith(")"):
        title = _TRAILING_PAGE.sub("", title).strip()
    return title
