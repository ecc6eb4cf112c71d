"""Sentences that name a list and count it (公文的稿本分为草稿、定稿…五种。,
认知成分、情感成分和行为倾向成分三种, 其中甲包括…): the items, the count and the
subject that names the list."""

from __future__ import annotations

import re

from cskexam.core.notes.enumerations import InlineItem, Split, split_at_join

_NUMERAL = r"[一二三四五六七八九十两兩]|\d{1,2}"
_COUNTED_SENTENCE = re.compile(
    r"^(?P<subject>[^,;:。]{0,20}?)(?:一般|通常|主要|大致|大体)?(?:可以|可|应当|应|應當|應|需要|需|要)?"
    r"(?P<verb>包括|包含|分为|分為|分成|划分为|劃分為|归纳为|概括为|表现为|表現為|体现为|體現為|具有|具备|具備|经历|經歷|经过|經過|遵循|来源于|來源於|来自|來自|有|由)(?:了|(?:(?<=经历)|(?<=經歷)|(?<=有))[过過])?"  # 经历了/经历过…四个阶段; 分为过失性… keeps 过
    rf"(?P<items>[^,;:。]+?)等?(?P<n>{_NUMERAL})大?(?:(?:个|個|種|种|项|項|类|類|条|條|点|點)(?:[\u4e00-\u9fff]{{1,4}}?)?)?(?:基本|主要|重要)?"
    r"(?:方面|部分|阶段|階段|层次|層次|环节|步骤|要素|步|类型|形式|内容|特征|特点|原则|功能)?(?:构成|组成|構成|組成)?$"
)
_NUMERAL_NEAR_END = re.compile(_NUMERAL)

def counted_sentence(text: str, last_clause: bool = False) -> tuple[int, Split] | None:
    found = counted_sentence_with_subject(text, last_clause)
    return (found[0], found[1]) if found else None


def counted_sentence_with_subject(text: str, last_clause: bool = False) -> tuple[int, Split, str] | None:
    """``包括定量测评和定性测评两类。`` / ``公文的稿本分为草稿、定稿、正本、副本、存本五种。``:
    a body sentence that names the items and says how many there are."""
    from cskexam.core.notes.markers import cn_to_int

    first, _, rest = text.strip().partition("。")
    first = first.strip()
    if last_clause:
        first = first.rsplit(",", 1)[-1]  # 根据刺激来源,感觉分为…两类: the last clause
    head, _, tail = first.partition(",")
    if not last_clause and tail and _NUMERAL_NEAR_END.search(head[-10:]) and (m := _COUNTED_SENTENCE.match(head)):
        # 分为甲、乙和丙三种,例如…: the counted first clause, then a remark about it.
        first, rest = head, tail + ("。" + rest if rest.strip() else "")
    elif len(first) > 120 or not _NUMERAL_NEAR_END.search(first[-10:]):
        return None
    else:
        m = _COUNTED_SENTENCE.match(first)
    if not m and "," in first:
        # 根据知识的复杂程度,知识学习可以分为…三类: the clause that holds the count.
        m = _COUNTED_SENTENCE.match(first.rsplit(",", 1)[-1])
    if not m:
        return _counted_list(first, rest)
    count = cn_to_int(m.group("n"))
    if count is None or count < 2:
        return None
    if m.group("verb") == "由" and not first.endswith(("构成", "组成", "構成", "組成")):
        return None  # 需要由低到高分为…: 由 opens a phrase here, not the list
    if m.group("verb") == "有" and m.start("verb") == 0:
        return None  # 有形性、可靠性…五个维度: 有 opens the first item, not a predicate
    if m.group("subject").startswith(("将", "將", "把")):
        return None  # 将工作按重要程度分为A、B、C三类: how to do something, not a list
    body = m.group("items").strip()
    parts = [p.strip() for p in body.split("、")]
    if len(parts) == count - 1 and (pair := split_at_join(parts[-1])):
        parts = parts[:-1] + pair
    # As many pieces as the sentence counts: an item may be as long as a legal term
    # (以完成一定工作任务为期限的劳动合同).
    longest = 20 if len(parts) == count else 16
    if len(parts) < 2 or not all(1 <= len(p) <= longest for p in parts):
        return None
    return count, Split([InlineItem(p) for p in parts], rest.strip()), m.group("subject").strip()


_BARE_COUNTED = re.compile(
    rf"^(?P<items>[^,;:。]+?)(?P<n>{_NUMERAL})(?:个|個|種|种|项|項|类|類|条|條|点|點)(?:方面|部分|阶段|階段|层次|層次|环节|要素|类型|形式)?$"
)


def _counted_list(first: str, rest: str) -> tuple[int, Split, str] | None:
    """``认知成分、情感成分和行为倾向成分三种``: items and their count, no verb."""
    from cskexam.core.notes.markers import cn_to_int

    m = _BARE_COUNTED.match(first) if "、" in first or len(first) <= 24 else None
    count = cn_to_int(m.group("n")) if m else None
    if m is None or count is None or count < 2:
        return None
    parts = [p.strip() for p in m.group("items").split("、")]
    if len(parts) == count - 1 and (pair := split_at_join(parts[-1])):
        parts = parts[:-1] + pair
    if len(parts) != count or not all(1 <= len(p) <= 16 for p in parts):
        return None
    return count, Split([InlineItem(p) for p in parts], rest.strip()), ""


# 上行文主要有报告、请示等。: a sentence that lists items without counting them.
_LISTED_SENTENCE = re.compile(
    r"^(?P<subject>[^,;:。、]{2,16}?)(?:一般|通常|主要|常见的?|常用的?)?(?P<verb>包括|包含|有)(?P<items>[^,;:。]+?)等$"
)


def listed_sentence_with_subject(text: str) -> tuple[None, Split, str] | None:
    """``上行文主要有报告、请示等。`` → (None, [报告, 请示], 上行文)."""
    first, _, rest = text.strip().partition("。")
    m = _LISTED_SENTENCE.match(first.strip())
    if not m:
        return None
    parts = [p.strip() for p in m.group("items").split("、")]
    if len(parts) < 2 or not all(1 <= len(p) <= 12 for p in parts):
        return None
    return None, Split([InlineItem(p) for p in parts], rest.strip()), m.group("subject").strip()


_BASIS = re.compile(r"^(?:按|按照|根据|依据|依)[^,]{1,12}$")
_SUBJECT_FILLER = re.compile(r"^(?:其中|其|另外|此外)|(?:一般|通常|主要|可以|可|应当|应)$")


def counted_sentences(text: str) -> list[tuple[int, int, int, Split, str]]:
    """Every sentence of ``text`` that names a list and counts it
    (``劳动分工的形式主要有甲、乙、丙三种。``), with where it stands and what it
    is about: its subject, or the basis it classifies by (``按时间长短,计划分为…``
    → ``按时间长短``). A sentence without a subject has an empty title."""
    out = []
    start = 0
    for piece in text.split("。"):
        end = start + len(piece)
        sentence = piece.strip()
        if sentence and ("、" in sentence or "和" in sentence or "与" in sentence):
            found = counted_sentence_with_subject(sentence, last_clause=False)
            if found is None and "," in sentence:
                found = counted_sentence_with_subject(sentence.rsplit(",", 1)[-1])
            if found is not None:
                count, split, subject = found
                head = sentence.rsplit(",", 1)[0] if "," in sentence else ""
                title = head if head and _BASIS.match(head) else subject.rsplit(",", 1)[-1]
                title = _SUBJECT_FILLER.sub("", title).strip()
                out.append((start, min(end + 1, len(text)), count, split, title))
        start = end + 1
    return out
