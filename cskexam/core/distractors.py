"""What makes a wrong option fair: categories of list items, companies, give-aways.

Pure. An examiner offers distractors of the same kind as the key (other
environments for an environment, other traits for a trait), never a fragment
or a thing of another kind; and a candidate who knows nothing must not find
the key by its look: the option sharing most characters with the stem, the
longest option.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter
from typing import Iterable, Mapping

# Units of an organisation and roles in it: every company has a 财务部 and a
# 经理, so "which of these belongs to X" has no single answer among them.
ORG_SUFFIXES = ("部门", "部", "中心", "办公室", "董事会", "机构", "小组", "团队", "层级", "办")
ROLE_SUFFIXES = ("经理", "总监", "专员", "主管", "人员", "代表", "师", "长", "员", "官", "总裁")
ORG, ROLE = "org", "role"
NAME_CHARS = 12  # longer item titles are sentences (duties, rules), not names

_PUNCT = re.compile(r"[\W_]+")
# Parts of a document title after the company it describes: 外贸公司的组织结构岗位设置部门职能.
_COMPANY = re.compile(r"^(?P<name>.{2,10}?(?:公司|科技|市场|企业|集团|酒店|银行|超市|商场|商城))(?:企业)?的?(?:组织|部门|岗位)")


@lru_cache(maxsize=16384)  # the same titles are looked at for every list beside them
def item_category(title: str) -> str | None:
    """The kind of thing a list item names, or None for a sentence."""
    t = _PUNCT.sub("", title)
    if not 2 <= len(t) <= NAME_CHARS:
        return None
    if t.endswith(ORG_SUFFIXES):
        return ORG
    if t.endswith(ROLE_SUFFIXES):
        return ROLE
    if t.endswith("性"):
        return "性"
    return t[-2:]


def list_category(titles: Iterable[str]) -> str | None:
    """The category most of a list's items share (at least 60 %), else None."""
    cats = [item_category(t) for t in titles]
    if not cats or None in cats:
        return None
    cat, n = Counter(cats).most_common(1)[0]
    return cat if n / len(cats) >= 0.6 else None


@lru_cache(maxsize=16384)  # the same titles are looked at for every list beside them
def same_thing(title: str) -> str:
    """A key under which 财务部 and 财务部门 are one option."""
    t = _PUNCT.sub("", title)
    for suffix in ("部门", "部"):
        if t.endswith(suffix) and len(t) > len(suffix) + 1:
            return t[: -len(suffix)]
    return t


def near_twin(a: str, b: str, titles: Iterable[str] = ()) -> bool:
    """Two item names that may mean one thing (基本信息 and 基本资料, 消费信息 and 消费记录): the
    same qualifier, with at least half of each, before a different last word of two or three
    characters, or one name inside the other. Names differing in their first characters (正强化,
    负强化; 宏观环境, 微观环境) or in one last character (可用性高, 可用性低) are opposites, never twins.

    With ``titles`` (the items of the lists compared): a word that opens three or more of them is
    their owner, not a qualifier (顾客期望, 顾客满意 beside 顾客抱怨), and one of the last words must
    end another item too, a kind of thing (信息 of 行为信息) rather than a thing of its own
    (发文机关标志, 发文机关署名 are two parts of a document)."""
    a, b = same_thing(a), same_thing(b)
    if a == b or min(len(a), len(b)) < 2:
        return a == b and bool(a)
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and short in long_:
        return True  # 负责人信息 and 企业负责人信息
    n = 0
    while n < len(short) and a[n] == b[n]:
        n += 1
    if n < 2 or 2 * n < len(a) or 2 * n < len(b) or not (2 <= len(a) - n <= 3 and 2 <= len(b) - n <= 3):
        return False
    titles = [same_thing(t) for t in titles]
    if not titles:
        return True
    head, tails = a[:n], (a[n:], b[n:])
    kind = any(sum(1 for t in titles if t.endswith(tail)) >= 2 for tail in tails)
    return kind and sum(1 for t in titles if t.startswith(head)) < 3


def company_of(document_title: str) -> str | None:
    """The company a document describes, for stems that must name it (外贸公司)."""
    m = _COMPANY.match(document_title.strip())
    return m.group("name") if m else None


def _chars(text: str) -> set[str]:
    return set(_PUNCT.sub("", text))


def _shared(stem: str, options: Mapping[str, str]) -> dict[str, int]:
    s = _chars(stem)
    return {k: len(s & _chars(v)) for k, v in options.items()}


def gives_away(stem: str, options: Mapping[str, str], key: Iterable[str], words: bool = True) -> str | None:
    """Why the key can be found without knowledge, or None.

    Any choice (unless ``words`` is False): a key shares a word with the stem that no wrong option
    shares (「在餐饮公司中，（ ）是店面管理…」 keyed 店面管理部).
    Single choice: the key alone shares most characters with the stem, or is
    alone the longest by a clear margin. Multiple choice: the options sharing
    at least the mean number of characters with the stem, or the options
    longer than the mean, are exactly the key.
    """
    key = set(key)
    wrong = [v for o, v in options.items() if o not in key]
    for k in sorted(key) if words else ():
        found = shared_words(stem, options.get(k, ""), wrong)
        if found:
            return f"答案与题干共用「{'、'.join(sorted(found))}」，错误选项都没有"
    shared = _shared(stem, options)
    size = {k: len(_PUNCT.sub("", v)) for k, v in options.items()}
    if len(key) == 1:
        (k,) = key
        others = [v for o, v in shared.items() if o != k]
        if others and shared[k] > max(others):
            return "答案与题干共用的字最多"
        longest_other = max(v for o, v in size.items() if o != k)
        if size[k] > longest_other and size[k] >= 1.3 * longest_other:
            return "答案明显最长"
        if 2 * size[k] <= min(v for o, v in size.items() if o != k):
            return "答案明显最短"  # 智力 among clauses: a label of another kind
        return None
    mean = sum(shared.values()) / len(shared)
    if {k for k, v in shared.items() if v >= mean} == key and len(set(shared.values())) > 1:
        return "答案恰是与题干共用字较多的选项"
    mean_len = sum(size.values()) / len(size)
    if {k for k, v in size.items() if v > mean_len} == key:
        return "答案恰是较长的选项"
    keys, others = [size[k] for k in key if k in size], [v for o, v in size.items() if o not in key]
    if keys and others and 2 * max(keys) <= min(others):
        return "答案恰是较短的选项"  # 感知觉、智力 among 内省日趋明显…: options of two kinds
    return None


# Words every stem and option of these notes may share without pointing at
# anything: the domain's own vocabulary and a paper's phrasing.
GENERIC_WORDS = frozenset({
    "客户", "服务", "企业", "公司", "管理", "部门", "工作", "进行", "提供", "负责", "以及", "相关", "主要", "可以",
    "需要", "下列", "属于", "包括", "以下", "哪些", "的是", "的有", "正确", "错误", "说法", "关于", "其中", "一般",
    "通常", "是指", "什么", "作为", "对于", "通过",
})


@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    """The two-character words of ``text`` (every pair of neighbours within a run), generic ones left out.

    A longer shared word shares all its pairs, and two generic words run
    together (客户服务) share the pair across them (户服), which is not generic.
    """
    out: set[str] = set()
    for run in _PUNCT.split(text.replace("____", " ")):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(out - GENERIC_WORDS)


def shared_words(stem: str, key_text: str, others: Iterable[str]) -> set[str]:
    """Words the key shares with the stem that none of ``others`` (the wrong options,
    or for a blank the items listed with its answer) shares: a guesser's pointer to the key."""
    found = set(_words(key_text) & _words(stem))
    for other in others:
        if not found:
            break
        found -= _words(other)
    return found


def stem_gives_key(stem: str, key_text: str) -> bool:
    """The stem states the key itself."""
    k = _PUNCT.sub("", key_text)
    return len(k) >= 2 and k in _PUNCT.sub("", stem)


_ORG_TAIL = re.compile(r"^(?P<name>[^各]{2,8}?(?:部|公司|中心|市场|科技))的?(?:组织|岗位|部门)")


def organisation_of(document_title: str) -> str | None:
    """The company or department a document describes (外贸公司, 客户部), for duties that must name it."""
    m = _ORG_TAIL.match(document_title.strip())
    return company_of(document_title) or (m.group("name") if m else None)
