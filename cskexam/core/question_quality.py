"""What makes a generated question answerable without knowledge, or not read as a paper reads.

Pure helpers the generators share: a statement whose subject's name already
says what the statement says (研发部是…研发…部门), a blank whose answer shares a
morpheme with the rest of its sentence (推销 → 销售团队), a blank in a filler
sentence (一个高效的____可以…), a list whose items complete a pattern
(在范围上、在内容上、____), options whose key differs from the rest by form (all
distractors end in 环境 and the key does not).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from cskexam.core.distractors import GENERIC_WORDS, ORG_SUFFIXES, ROLE_SUFFIXES

_PUNCT = re.compile(r"[\W_]+")
# Endings that name what kind of thing a title is, not which one (研发部 → 研发).
_KIND_ENDINGS = tuple(sorted(ORG_SUFFIXES + ROLE_SUFFIXES + ("性", "团队", "环境"), key=len, reverse=True))
# Characters any stem and any answer of these notes share without pointing at anything.
_COMMON_CHARS = frozenset("的是和与及或在了为对中上下有一个之其等部门员人性心业企公司客户服务理管工作")


@lru_cache(maxsize=16384)
def _pairs(text: str) -> frozenset[str]:
    # Remembered: an item's title is compared with each of its siblings' in turn.
    out: set[str] = set()
    for run in _PUNCT.split(text.replace("____", " ")):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(out)


def core_name(title: str) -> str:
    """A title without the ending that says its kind: 研发中心 → 研发, 无形性 → 无形."""
    t = _PUNCT.sub("", title)
    for end in _KIND_ENDINGS:
        if t.endswith(end) and len(t) - len(end) >= 2:
            return t[: -len(end)]
    return t


def name_words(title: str, siblings: Iterable[str] = ()) -> set[str]:
    """The two-character words of a title's distinctive part that no sibling title has."""
    own = set(_pairs(core_name(title)))  # 服务投诉…因服务态度: a domain word decides it too, unless siblings share it
    for s in siblings:
        if not own:
            break
        own -= _pairs(s)
    return own


def named_in(text: str, titles: Iterable[str], siblings: Iterable[str] = ()) -> bool:
    """``text`` carries a word of one of ``titles`` that none of ``siblings`` has (kind endings
    left out): said of the item it describes, it is true by its wording; said of a sibling,
    false by it."""
    rivals = list(siblings)
    words = _pairs(text)
    return any(name_words(t, rivals) & words for t in titles)


def shares_morpheme(answer: str, stem: str, others: Iterable[str] = ()) -> bool:
    """The answer shares a word, or a telling character, with the stem that none of ``others``
    (what else could fill the blank) has: 推销 → 销售团队, 服务中心 → 客户服务部."""
    a, s = _PUNCT.sub("", answer), _PUNCT.sub("", stem.replace("____", " "))
    rivals = [_PUNCT.sub("", o) for o in others]
    words = _pairs(core_name(a)) & _pairs(s)
    words -= {w for o in rivals for w in _pairs(o)}
    if words or (_pairs(a) - GENERIC_WORDS) & _pairs(s):
        return True
    chars = set(core_name(a)) - _COMMON_CHARS - {c for o in rivals for c in o}
    return bool(chars & set(s))


def echoes_key(text: str, key: str, others: Iterable[str]) -> bool:
    """A character of the key's own part (持久 of 持久性) is in ``text`` while no other option's
    own part has one there: 「…改变是永久的」 points at 持久性 by its 久."""
    others = list(others)
    theirs = {c for o in others for c in core_name(o)}
    mine = set(core_name(key)) - _COMMON_CHARS - theirs
    if not mine & set(text):
        return False
    return not any((set(core_name(o)) - _COMMON_CHARS - set(core_name(key))) & set(text) for o in others)


_FILLER_START = re.compile(r"^(一个|一种|一支|一套|一名|这个|这种|该|此|因此|所以|此外|同时|总之|另外|而且|其次|首先|最后)")
_FILLER_ADJ = re.compile(r"(良好|高效|优秀|完善|有效|合理|优质|专业|成功|强大|出色)的$")


def filler_blank(before: str) -> bool:
    """The words before a blank make it a filler sentence's subject (一个高效的____可以…),
    or lean on a sentence not shown (因此，…的____)."""
    b = before.strip()
    return bool(_FILLER_START.match(b) or _FILLER_ADJ.search(b))


def _common_prefix(words: list[str]) -> str:
    p = words[0]
    for w in words[1:]:
        while not w.startswith(p):
            p = p[:-1]
    return p


def _common_suffix(words: list[str]) -> str:
    return _common_prefix([w[::-1] for w in words])[::-1]


def pattern_list(titles: Iterable[str]) -> bool:
    """Items that complete one frame (在范围上、在内容上、在形式上): labels, not terms."""
    ts = [_PUNCT.sub("", t) for t in titles]
    if len(ts) < 2 or not all(ts):
        return False
    pre, suf = _common_prefix(ts), _common_suffix(ts)
    if pre and suf:
        return True
    if pre.endswith("的") and all(t[len(pre):] in _facets() for t in ts):
        return True  # 办公环境的组成、____、办公环境的检查: facets of one thing, not things of a kind
    affix = max(len(pre), len(suf))
    if affix and all(len(t) - affix <= 1 for t in ts):
        return True  # 大型、中型、____型呼叫中心
    return len(ts) == 2 and affix >= 2  # 外部感觉、____: the other half of a pair


@lru_cache(maxsize=16384)
def _affixes(text: str) -> tuple[str, str, str, str]:
    t = _PUNCT.sub("", text)
    return t[:1], t[:2], t[-1:], t[-2:]


_SHAPES = (re.compile(r"[《》]"), re.compile(r"\d"), re.compile(r"[A-Za-z]"))


def odd_form(right: list[str], wrong: list[str]) -> bool:
    """The key set is told from the rest by an affix: every wrong option has one (…环境)
    that no right option has, or every right option has one no wrong option has; or by
    its shape (a 《title》 among names, digits, Latin letters)."""
    if not right or len(wrong) < 2:
        return False
    for shape in _SHAPES:
        rs = {bool(shape.search(x)) for x in right}
        ws = {bool(shape.search(x)) for x in wrong}
        if len(rs) == 1 and len(ws) == 1 and rs != ws:
            return True
    for pos in range(4):
        w = {_affixes(x)[pos] for x in wrong}
        r = {_affixes(x)[pos] for x in right}
        if len(w) == 1 and not (w & r):
            return True
        if len(right) >= 2 and len(r) == 1 and not (r & w):
            return True
    return False


_CLAUSE = re.compile(r"^[^，,。；;的不]{2,12}(会|将)")


# A clause whose subject is a person or party is no property of the thing described:
# 「公平理论的员工会…」 reads as that theory's staff, where 「服务系统的运行状况会…」 is the system's own.
_AGENT_SUBJECT = re.compile(r"^(员工|職工|职工|客户|客戶|顾客|顧客|消费者|消費者|用户|用戶|人们|人們|个人|個人|个体|個體|学员|學員|下属|下屬|领导|領導|管理者)")


def cried_out(text: str) -> bool:
    """「先处理情绪，再处理事情！」: a slogan the notes cry out, often a line run into the item
    before it; said of one item or another it tells nothing a paper would ask."""
    return text.rstrip().endswith(("!", "！"))


def clause_of_its_own(text: str) -> bool:
    """``text`` opens with a subject of its own and a 会/将 (参照群体和家庭成员会…的购买决策)."""
    return bool(_CLAUSE.match(text))


def _property_clause(text: str) -> bool:
    """A 会/将 clause about a part or state of the subject, to be joined to it with 的."""
    return bool(_CLAUSE.match(text)) and not _AGENT_SUBJECT.match(text)


def describe(subject: str, text: str) -> str:
    """「subject是text」 read as exam Chinese: 指…/负责… need no 是; a clause about the
    subject's own property (运行状况…会…影响) takes 的."""
    if text.startswith(("指", "是指", "一般指", "通常指", "负责", "主要负责", "具有", "是", "为")):
        return f"{subject}{text}"
    if _property_clause(text):
        return f"{subject}的{text}"
    return f"{subject}是{text}"



_LEADS = ("指", "是指", "一般指", "通常指", "负责", "主要负责", "具有", "是", "为")
_NP_TAIL = re.compile(r"的[\u4e00-\u9fff]{1,4}$")
_NOUN_ENDS = ("指数", "性", "率", "度", "值", "法", "制", "观", "论", "型", "式", "品", "者", "人员", "体系", "系统", "模型",
              "关系", "过程", "活动", "能力", "方法", "手段", "工具", "理论", "思想", "原则", "标准", "总和", "集合")
_HAS_ADJ = re.compile(r"(有(?!关)|是|具有|具备|很|非常|比较)[\u4e00-\u9fff]{1,3}的[\u4e00-\u9fff]{1,4}$")
_VERB_BEFORE = re.compile(r"有|是|会|能|要|应|不|没|无|已|将|被|把|进行|因|而|但|想|受|善于|及时|可以")


def noun_phrase(text: str) -> bool:
    """``text`` names a thing (规定时间内接起电话的比例, 对产品核心层的满意), so 「X是text」
    reads as a definition; a clause with its own subject and verb (客户别无选择, 服务的生产
    与消费同时进行, 客户对企业有强烈的偏好) does not."""
    t = text.strip()
    if re.search(r"[，,；;]", t):
        return False
    if _NP_TAIL.search(t):  # …而产生的忠诚, 规定时间内接起电话的比例: a relative clause and its noun
        return not _HAS_ADJ.search(t)  # 客户对企业有强烈的偏好: a clause ending in an object
    return len(t) <= 8 and not _VERB_BEFORE.search(t) and t.endswith(_NOUN_ENDS)  # 客户满意度指数: a bare name


def definable(text: str) -> bool:
    """「X是text」, 「X指text」 or 「X负责text」 is a sentence a paper prints."""
    if _CLAUSE.match(text) and _AGENT_SUBJECT.match(text):
        return False  # 顾客会重复选择熟悉的品牌: a clause of its own, 「（ ）是顾客会…」 is no sentence
    return text.startswith(_LEADS) or noun_phrase(text) or _property_clause(text)


def attribute(subject: str, text: str) -> str:
    """``text`` said of ``subject`` as exam Chinese: a definition as 「X是…」, a clause as
    「…，这属于X」 (客户别无选择，这属于垄断忠诚), never 「垄断忠诚是客户别无选择」."""
    return describe(subject, text) if definable(text) else f"{text}，这属于{subject}"


def statement(subject: str, text: str) -> str:
    """An option of 「下列说法正确的有」: 「方便忠诚是…的忠诚」 for a definition, 「因地点便利而
    重复购买的是方便忠诚」 for a clause."""
    if definable(text):
        return describe(subject, text)
    return f"{text}，这属于{subject}" if re.search(r"[，,；;]", text) else f"{text}的是{subject}"


_KIND_WORDS = ("类型", "類型", "种类", "種類", "分类", "类别", "特性", "特点", "特點", "特征", "特徵", "原则", "原則", "方式",
               "方法", "阶段", "階段", "层次", "能力", "技能", "指标", "形式", "要素", "模型", "视图", "視圖", "范式", "素质",
               "效应", "策略", "技巧", "误差", "维度", "环境", "因素", "类", "型", "性")


def kinds(title: str, items: list[str]) -> bool:
    """The items are kinds of one thing (客户忠诚的类型, 管理者的技能; …型, …性): 「…，这属于X」
    says which. Persons and steps (查尔斯·巴贝奇 under 早期管理思想) are no kinds."""
    t = _PUNCT.sub("", title)
    if t.endswith(_KIND_WORDS):
        return True
    ends = {_PUNCT.sub("", i)[-1:] for i in items}
    return len(items) >= 2 and len(ends) == 1 and all(len(_PUNCT.sub("", i)) >= 2 for i in items)


_NOT_PROSE = re.compile(r"[\[\]【】→←⇒+＋=＝|]")


# 如人才交流中心、招聘洽谈会等 / 例如…: examples of an item, not what it is.
_EXAMPLES = re.compile(r"^[:：\s]*(?:(?:如|例如|比如|譬如|诸如|諸如|举例|舉例)(?:[:：，,]|(?=[\u4e00-\u9fff“「《]))|例[:：])")


def example_clause(text: str) -> bool:
    """``text`` gives examples (如…等): no definition for 「（ ）的…」 or 「…属于」 stems."""
    t = (text or "").strip()
    return bool(_EXAMPLES.match(t)) and not t.startswith(("如何", "如果", "如下", "如同", "例外"))


def plain_description(text: str) -> bool:
    """A description a stem may quote: no field label leading it (代表人物：斯金纳), no brackets,
    arrows or formulas (一级 + 读前加 S 锁 → …), no examples in place of what it is (如…等)."""
    t = text.strip()
    return not _NOT_PROSE.search(t) and not t.startswith(_facet_prefixes()) and not example_clause(t)


@lru_cache(maxsize=1)
def _facets() -> frozenset[str]:
    from cskexam.core.question_doubt import FACET_WORDS

    return FACET_WORDS | frozenset(w for w in ("组成", "組成", "检查", "檢查", "要求", "要點", "要点", "原则", "原則"))


@lru_cache(maxsize=1)
def _facet_prefixes() -> tuple[str, ...]:
    from cskexam.core.question_doubt import FACET_WORDS

    return tuple(w for w in FACET_WORDS if len(w) >= 2)


# A list of proper names: people (代表人物, 教育家), books (代表作, 《大教学论》), places. Reciting them is
# no 简答 a paper sets (「简述西方教育学代表人物」); a paper asks which of some names belongs.
_NAMES_TITLE = re.compile(r"代表人物|人物|代表作|著作|名著|作品|书目|典籍|学者|[思想教育心理哲科作]学?家|诗人|创始人|奠基人|"
                          r"提出者|名胜|城市|省份|国家$|朝代")
_BOOK = re.compile(r"^《[^》]+》$")


def names_list(title: str, items: Iterable[str]) -> bool:
    """The list's entries are proper names (people, books, places), by its name or their form."""
    items = [i.strip() for i in items]
    return bool(_NAMES_TITLE.search(title)) or (bool(items) and sum(bool(_BOOK.match(i)) for i in items) * 2 > len(items))
