"""Split an enumeration written inline (``无形性、不可分性、…`` or ``…;…;…``).

The stated count tells how many items to find; the last item often runs into
the explanations that follow (``易变性无形性:不可感知性…``) and is cut where an
earlier item's name starts again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cskexam.core.notes.list_tails import list_tail  # noqa: F401 (imported from here by the outline)

_PUNCT_CUT = re.compile(r"[。;:,!?]")


def split_outside_brackets(text: str, sep: str) -> list[str]:
    """``一般要素(劳动者、资金、物)、功能要素`` → [一般要素(劳动者、资金、物), 功能要素]:
    a separator inside brackets belongs to the item that holds the bracket."""
    if "(" not in text:
        return text.split(sep)
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == sep and not depth:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


@dataclass(slots=True)
class InlineItem:
    title: str
    text: str = ""


@dataclass(slots=True)
class Split:
    items: list[InlineItem]
    remainder: str  # text that stays on the parent


def _cut_last(last: str, earlier: list[str]) -> tuple[str, str]:
    for j in range(2, len(last)):
        if any(last.startswith(name, j) for name in earlier if len(name) >= 2):
            return last[:j], last[j:]
    m = _PUNCT_CUT.search(last)
    if m:
        return last[: m.start()], last[m.start() :].lstrip("。;,")
    return last, ""


def _attach_explanations(items: list[InlineItem], rest: str) -> str:
    """``无形性:不可感知性无形无质不可分性:生产与消费并存`` → texts of two items."""
    names = sorted({i.title for i in items if i.title}, key=len, reverse=True)
    if not names or not rest:
        return rest
    pattern = re.compile("(" + "|".join(re.escape(n) for n in names) + "):")
    hits = list(pattern.finditer(rest))
    if not hits or hits[0].start() != 0:
        return rest
    by_title = {i.title: i for i in items}
    for k, hit in enumerate(hits):
        end = hits[k + 1].start() if k + 1 < len(hits) else len(rest)
        explanation = rest[hit.end() : end].strip(" ;。")
        item = by_title[hit.group(1)]
        if explanation and not item.text:
            item.text = explanation
    return ""


def _semicolon_item(part: str) -> InlineItem:
    part = part.strip(" 。")
    head, sep, tail = part.partition(",")
    if sep and 2 <= len(head) <= 12:
        return InlineItem(head.strip(), tail.strip())
    return InlineItem(part)


# 注意的品质主要有四个:甲;乙… / 有五个,分别是:甲、乙…: a lead-in clause ended by a colon before the items.
_COLON_LEAD = re.compile(r"^([^:。;]{0,32}?(?:有|包括|包含|分为|分成|如下|以下|下列|下述|是|为|為|共)[^:。;、]{0,8}):\s*(?=\S)")


# 有两种,即甲和乙 / 共三类,分别是甲、乙、丙: a count, then the items named after 即.
_NAMING_LEAD = re.compile(
    r"^([^:。;,]{0,16}?(?:有|分为|分為|分成|包括|共)(?:[一二三四五六七八九十两兩]|\d{1,2})[^:。;,、]{0,3}),\s*"
    r"(?:即|分别是|分別是|分别为|分別為)\s*:?\s*(?=\S)"
)


def _drop_colon_lead(text: str) -> tuple[str, str]:
    """(lead, the rest) when ``text`` opens with a lead-in ended by a colon
    (or a count named after 即), else ("", text)."""
    m = _COLON_LEAD.match(text.strip()) if ":" in text[:42] else None
    if not m and "," in text[:24]:
        m = _NAMING_LEAD.match(text.strip())
    if not m:
        return "", text
    return m.group(1), text.strip()[m.end() :]


def split_counted(text: str, count: int, lead_dropped: bool = False) -> Split | None:
    """Find ``count`` items at the start of ``text``; None when they are not there."""
    if count < 2 or not text:
        return None
    lead, text = ("", text) if lead_dropped else _drop_colon_lead(text)
    if lead:
        # One lead-in at most (a text of nothing but lead-ins must not recurse without end).
        found = split_counted(text, count, True)
        if found is not None:
            found.remainder = (lead + "。" + found.remainder).strip("。")
        return found
    if text.startswith("《"):
        # 《红楼梦》《西游记》《水浒传》《三国演义》: book titles side by side.
        head, _, rest = text.partition("。")
        books = _BOOKS.fullmatch(head.strip())
        if books:
            names = _BOOK.findall(head)
            if len(names) == count:
                return Split([InlineItem(n) for n in names], rest.strip())
    if "→" in text:
        # 考察期→形成期→稳定期→退化期 under 客户生命周期的四个阶段: stages in order.
        head, _, rest = text.partition("。")
        steps = [p.strip() for p in head.split("→")]
        if len(steps) == count and all(1 <= len(p) <= 12 and not _PUNCT_CUT.search(p) for p in steps):
            return Split([InlineItem(p) for p in steps], rest.strip())
    # Items separated by ';' each carry a sentence of their own.
    first_para = text.split("。")[0] if text.count(";") < count - 1 else text
    parts = first_para.split(";")
    # (Not when the first sentence ends before the first ';': those items are in a later sentence.)
    if len(parts) >= count and all(p.strip() for p in parts[:count]) and "。" not in parts[0]:
        items = [_semicolon_item(p) for p in parts[:count]]
        consumed = ";".join(parts[:count])
        remainder = text[len(consumed):].lstrip(";。 ")
        return Split(items, remainder)
    parts = text.split("、")
    if lead_dropped and count >= 3 and len(parts) == count - 1 and all(1 <= len(p.strip()) <= 12 for p in parts[:-1]):
        # 有三种：成本导向定价法、需求导向定价法和竞争导向定价法: the count says 和 parts the last two.
        last, _, rest = parts[-1].partition("。")
        joined = LAST_JOIN.fullmatch(last.strip())
        if joined:
            names = [p.strip() for p in parts[:-1]] + [joined.group(1), joined.group(2)]
            return Split([InlineItem(n) for n in names], rest.strip())
    if len(parts) >= count and all(1 <= len(p.strip()) <= 12 for p in parts[: count - 1]):
        names = [p.strip() for p in parts[: count - 1]]
        last_raw = "、".join(parts[count - 1 :])
        last, rest = _cut_last(last_raw, names)
        if not last.strip() or len(last) > 16:
            return None
        items = [InlineItem(n) for n in names] + [InlineItem(last.strip())]
        remainder = _attach_explanations(items, rest.strip())
        return Split(items, remainder)
    return None


LAST_JOIN = re.compile(r"([^和及与與的,:;]{2,12})(?:和|以及|及|与|與)([^和及与與的,:;]{2,12})")


def split_pair(text: str) -> Split | None:
    """``职位权力和非职位权力`` under a heading that states two items."""
    body, remainder = text.strip().rstrip("。."), ""
    lead, rest = _drop_colon_lead(body) if "," in body[:24] else ("", body)
    if lead and not _COLON_LEAD.match(body):
        # 有两种,即甲和乙。甲是…: the pair is the first sentence, the rest explains it.
        body, _, remainder = rest.partition("。")
        remainder = (lead + "。" + remainder).strip("。")
    parts = split_at_join(body) or []
    if len(parts) == 2 and all(2 <= len(p.strip()) <= 10 and not _PUNCT_CUT.search(p) for p in parts):
        return Split([InlineItem(p.strip()) for p in parts], remainder.strip())
    return None


# Words that open a clause (a preposition or a verb of means), never a list item.
_CLAUSE_START = ("指", "是", "即", "在", "通过", "利用", "对", "从", "以", "用", "按照", "根据", "采用", "将", "把", "由", "向", "为",
                 # 因为有积分、奖励才购买: a clause of cause or condition, never an item.
                 "因为", "因為", "由于", "由於", "如果", "只要", "虽然", "雖然", "一旦", "即使")
_CONJUNCTIONS = frozenset(_CLAUSE_START[-10:])
# 如年龄、性别等 / 例如… : examples (如实、如期 and 如何 open no example).
EXAMPLES = re.compile(r"^(?:例如|比如|诸如|譬如|如(?![实何果期意此同今下数]))")
_LIST_LEAD = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:常见的?有|常用的?有|主要有|主要包括|一般包括|包括|通常有)")


# 从短到长,从月度到年度,依次为… / …有五个,分别是:…: the clause before says in what order; the list follows.
_SEQUENCE_LEAD = re.compile(r"^[^。:;]{0,30}?(?:依次为|依次是|依次為|分别为|分别是|分別為|分別是)\s*:?\s*")


def split_short_list(text: str, counted: bool = False) -> Split | None:
    """A body that is nothing but a short list: ``售前服务、售中服务、售后服务``,
    or ``甲,乙,丙`` / ``甲;乙;丙`` with three short items or more."""
    lead, rest = _drop_colon_lead(text)
    if lead:
        found = _split_after_sequence(rest, counted)  # one lead-in at most
        if found is not None:
            found.remainder = (lead + "。" + found.remainder).strip("。")
        return found
    found = _split_after_sequence(text, counted)
    if found is None or _glued_remark(found.items[-1].title):
        return _list_then_remark(text.strip(), counted) or found
    return found


def _glued_remark(last: str) -> bool:
    """``回缩 其中短截最常用``: a last item that runs on into a remark."""
    cut = _REMARK_AFTER_LIST.search(last)
    return cut is not None and cut.start() >= 1 and len(last) - cut.end() >= 2


# 甲、乙、丙 注:… / 甲、乙、丙 其中乙… / 甲、乙、丙例如…: where a remark starts after a list.
_REMARK_AFTER_LIST = re.compile(r"\s+|(?:注|註|备注|備註):|例如|比如|其中|【")


def _list_then_remark(text: str, counted: bool) -> Split | None:
    """A body that opens with a short list and goes on with a remark about it:
    the list, the remark its remainder (notes written on one line run them together)."""
    cut = _REMARK_AFTER_LIST.search(text)
    if cut is None or cut.start() < 3 or "、" not in text[: cut.start()]:
        return None
    found = _split_short_list(text[: cut.start()], counted)
    if found is None or found.remainder or any(len(i.title) > 12 for i in found.items):
        return None
    found.remainder = text[cut.start() :].strip()
    return found


def _split_after_sequence(text: str, counted: bool) -> Split | None:
    seq = _SEQUENCE_LEAD.match(text.strip()) if "依" in text or "分" in text else None
    if seq:
        found = _split_short_list(text.strip()[seq.end() :], counted)
        if found is not None:
            found.remainder = (text.strip()[: seq.end()].rstrip(": ") + "。" + found.remainder).strip("。")
        return found
    return _split_short_list(text, counted)


def _split_short_list(text: str, counted: bool = False) -> Split | None:
    body = text.strip().rstrip("。.;,")
    if "、" not in body and "," not in body and ";" not in body:
        return None
    if EXAMPLES.match(body):
        return None  # 如吸烟、酗酒等: examples of what the item names, not its items
    lead = _LIST_LEAD.match(body)
    if lead and "、" in body[lead.end() :]:  # 主要有意向书、合同… / 常见的有计划、总结、简报等
        body = body[lead.end() :]
        body = body[:-1] if body.endswith("等") else body
    if len(body) > 160 or not body or _SENTENCE_MARK.search(body):
        return None  # an item never holds 。 : ! ?
    if ";" in body:
        # 甲;乙、丙;丁: items separated by ';' may hold a 、 of their own, and a comma
        # (先处理情绪,后处理事情;不争辩;及时处理).
        parts = [p.strip() for p in body.split(";")]
        if len(parts) >= 3 and all(1 <= len(p) <= 16 for p in parts) and ("," not in body or all(len(p) <= 12 for p in parts)):
            return Split([InlineItem(p) for p in parts], "")
    if "," not in body and ";" not in body:
        parts = [p.strip() for p in split_outside_brackets(body, "、")]
        if len(parts) >= 2 and all(p.endswith("的") for p in parts[:-1]) and not parts[-1].endswith("的"):
            return None  # 一种强烈的、爆发式的、短暂的情绪状态: modifiers of one noun, not items
        if "的" in parts[-1] and len(parts) >= 2 and all(len(p) <= 2 for p in parts[:-1]) and 0 < parts[-1].find("的") <= 4:
            return None  # 微弱、持久、弥散性的情绪状态: short words before one noun, not items
        if len(parts) >= 2 and _NOUN_AFTER_DENG.match(parts[-1]):
            return None  # 呼叫中心、数据库、数据挖掘等信息技术的支持: examples inside one noun phrase
        if parts[0].startswith("在") and parts[-1].endswith(("时", "時")) or (parts[0].startswith("在") and "时" in parts[-1][:4]):
            return None  # 在节日、生日时送上问候: a time clause, not a list
        opener = next((w for w in _CLAUSE_START if parts[0].startswith(w)), "")
        # 以人为…、以岗位为…: items alike (因为近、因为方便: reasons of one sentence, not items)
        parallel = len(parts) >= 2 and all(p.startswith(opener) for p in parts) and opener not in _CONJUNCTIONS
        if opener and not parallel and len(parts[0]) >= (5 if len(opener) == 1 else 3 if opener in _CONJUNCTIONS else 4):
            return None  # 在公司布告栏、内网发布: a sentence, not a list
        # 应鉴定电子文件的真实性、完整性: a long first piece before short ones is a
        # sentence sharing its predicate, not a list.
        # 目的游离评价模式(斯克里文): a note in brackets after an item is no part of its length.
        sizes = [len(_NOTE.sub("", p)) if p.endswith(")") else len(p) for p in parts]
        even = len(parts) >= 3 and sizes[0] <= max(8, max(sizes[1:]) + 2)
        longest = (16 if even else 14) if counted else (12 if even else 8)
        if len(parts) == 2 and not counted and any("的" in p for p in parts):
            return None  # 服务设施、设备和人员的外表: two pieces of a phrase
        if len(parts) == 2 and not counted and sizes[0] >= 2 * sizes[1] + 3:
            return None  # 保证个人信息准确、完整: a predicate shared by a short last word
        if len(parts) >= 2 and all(1 <= n <= longest for n in sizes):
            return Split([InlineItem(p) for p in parts], "")
    if "、" in body and "," in body and not counted:
        return None  # 兴奋型,直率热情、易冲动: a comma between clauses, 、 inside one
    if "," in body and (",如" in body or ",例如" in body or ",比如" in body):
        return None  # 向上级机关报送的公文,如报告、请示: a sentence and its examples
    if "、" not in body and ";" not in body and text.strip().endswith("。") and not counted:
        return None  # 开朗活泼,善于交际,做事粗心。: clauses describing the item, a sentence
    parts = [p.strip() for p in _ANY_SEPARATOR.split(body)]
    if len(parts) >= 3 and all(1 <= len(p) <= (10 if counted else 6) for p in parts):
        return Split([InlineItem(p) for p in parts], "")
    return None


_SENTENCE_MARK = re.compile(r"[。:!?]")
# …、数据挖掘等信息技术的支持: the pieces before 等 name examples of what follows it.
_NOUN_AFTER_DENG = re.compile(r"^[^等]{2,}等[^等的]{1,8}的[^等的]{1,8}$")
_NOTE = re.compile(r"\([^()]{1,12}\)$")
_ANY_SEPARATOR = re.compile(r"[、,;]")


_TRAILING_COUNT = re.compile(
    r"^(.{1,}?)(?:等|这|共|计)?([一二三四五六七八九十两]|\d{1,2})(?:(?:个|种|種|项|項|类|類|大|条|條|点|點)?"
    r"(?:阶段|方面|部分|步骤|环节|要素|原则|特征|特点|类型|方法|层次|阶段|维度|功能)?"
    r"|(?:个|種|种|项|項|类|類|条|條|点|點)[\u4e00-\u9fff]{1,3})$"
)


def trailing_count(last: str, found: int) -> str | None:
    """``方法四个阶段`` as the last of four items → ``方法``: the count phrase
    that closes a list is no part of its last item."""
    m = _TRAILING_COUNT.match(last)
    if not m or len(m.group(1)) < 1 or m.group(0) == m.group(1):
        return None
    from cskexam.core.notes.markers import cn_to_int

    if cn_to_int(m.group(2)) != found or len(last) - len(m.group(1)) < 2:
        return None
    return m.group(1)


_ITEM_SENTENCE = re.compile(r"[。:!?]")


def inline_items(text: str) -> list[str] | None:
    """The items of a list written after a lead-in (``以下原则:甲;乙、丙;丁。``):
    split on ``;`` when there is one (an item may hold ``、``), else on ``、``,
    else on ``,`` when every piece is a short phrase. None when ``text`` is not
    such a list (a sentence, a single item)."""
    body = text.strip().rstrip("。.;, ")
    if body.endswith("等") and len(body) > 1:
        body = body[:-1]
    if not body or len(body) > 200:
        return None
    for sep, longest, fewest in ((";", 20, 2), ("、", 16, 2), (",", 8, 3)):
        if sep not in body:
            continue
        parts = [p.strip(" 。") for p in split_outside_brackets(body, sep)]
        if len(parts) >= fewest and all(1 <= len(p) <= longest and not _ITEM_SENTENCE.search(p) for p in parts):
            if sep != ";" and any(";" in p for p in parts):
                return None
            last = trailing_count(parts[-1], len(parts))
            if last:
                parts[-1] = last
            return parts
        return None
    return None


_BOOK = re.compile(r"《[^《》]{1,20}》")
_BOOKS = re.compile(r"(?:《[^《》]{1,20}》[、,]?\s*){2,}")
_PAIR_JOIN = re.compile(r"以及|和|与|與|及")


def split_at_join(text: str) -> list[str] | None:
    """``直接传授式和参与式`` → [直接传授式, 参与式]: the one join word with a
    phrase of two characters or more on each side (the 与 of 参与式 is none)."""
    cuts = [m for m in _PAIR_JOIN.finditer(text) if m.start() >= 2 and len(text) - m.end() >= 2]
    if len(cuts) != 1:
        return None
    return [text[: cuts[0].start()].strip(), text[cuts[0].end() :].strip()]


_NOT_AN_ITEM = re.compile(r"[。,;:!?]")


def bare_line_list(parts: list[str], bare: list[str]) -> Split | None:
    """``计划`` / ``组织`` / ``领导`` / ``控制`` on lines of their own at the end of a
    heading's body: its items. What comes before them (a lead-in) stays text."""
    items: list[str] = []
    pool = list(bare)
    for part in reversed(parts):
        if not pool or part != pool[-1] or not 1 <= len(part) <= 20 or _NOT_AN_ITEM.search(part):
            break
        items.append(pool.pop())
    if len(items) < 2:
        return None
    k = len(items)
    return Split([InlineItem(b) for b in reversed(items)], "".join(parts[:-k]))


_LIST_LEAD_VERB = re.compile(
    r"^[^,;:。、()]{2,20}?(?:一般|通常|主要|大致)?(?:可以|可)?(?:包括|包含|分为|分為|分成|具备|具備|具有|经历|經歷|遵循|来源于|有)(?=[^、]{1,16}、)"
)

# 五个阶段:甲、乙… after a title: how many items, then the items.
_COUNT_LEAD = re.compile(r"^(?:共有|共)?(?:[二三四五六七八九十两兩]|\d{1,2})(?:个|個|种|種|项|項|类|類|大|条|條|步|层|層)?[\u4e00-\u9fff]{0,3}\s*:\s*(?=[^、]{1,16}、)")


def strip_list_lead(text: str) -> str:
    """``心理学的主要流派有甲、乙、丙`` → ``甲、乙、丙``: the subject and verb
    that open a counted list sentence are not part of its first item."""
    m = _LIST_LEAD_VERB.match(text) or _COUNT_LEAD.match(text)
    return text[m.end() :] if m else text
