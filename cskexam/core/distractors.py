"""What makes a wrong option fair: categories of list items, companies, give-aways.

Pure. An examiner offers distractors of the same kind as the key (other
environments for an environment, other traits for a trait), never a fragment
or a thing of another kind; and a candidate who knows nothing must not find
the key by its look: the option sharing most characters with the stem, the
longest option.
"""

from __future__ import annotations

import re
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
_COMPANY = re.compile(r"^(?P<name>.{2,10}?(?:公司|科技|市场|企业|集团|酒店|银行))(?:企业)?的?(?:组织|部门|岗位)")


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


def same_thing(title: str) -> str:
    """A key under which 财务部 and 财务部门 are one option."""
    t = _PUNCT.sub("", title)
    for suffix in ("部门", "部"):
        if t.endswith(suffix) and len(t) > len(suffix) + 1:
            return t[: -len(suffix)]
    return t


def company_of(document_title: str) -> str | None:
    """The company a document describes, for stems that must name it (外贸公司)."""
    m = _COMPANY.match(document_title.strip())
    return m.group("name") if m else None


def _chars(text: str) -> set[str]:
    return set(_PUNCT.sub("", text))


def _shared(stem: str, options: Mapping[str, str]) -> dict[str, int]:
    s = _chars(stem)
    return {k: len(s & _chars(v)) for k, v in options.items()}


def gives_away(stem: str, options: Mapping[str, str], key: Iterable[str]) -> str | None:
    """Why the key can be found without knowledge, or None.

    Single choice: the key alone shares most characters with the stem, or is
    alone the longest by a clear margin. Multiple choice: the options sharing
    at least the mean number of characters with the stem, or the options
    longer than the mean, are exactly the key.
    """
    key = set(key)
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
        return None
    mean = sum(shared.values()) / len(shared)
    if {k for k, v in shared.items() if v >= mean} == key and len(set(shared.values())) > 1:
        return "答案恰是与题干共用字较多的选项"
    mean_len = sum(size.values()) / len(size)
    if {k for k, v in size.items() if v > mean_len} == key:
        return "答案恰是较长的选项"
    return None


def stem_gives_key(stem: str, key_text: str) -> bool:
    """The stem states the key itself."""
    k = _PUNCT.sub("", key_text)
    return len(k) >= 2 and k in _PUNCT.sub("", stem)


_ORG_TAIL = re.compile(r"^(?P<name>[^各]{2,8}?(?:部|公司|中心|市场|科技))的?(?:组织|岗位|部门)")


def organisation_of(document_title: str) -> str | None:
    """The company or department a document describes (外贸公司, 客户部), for duties that must name it."""
    m = _ORG_TAIL.match(document_title.strip())
    return company_of(document_title) or (m.group("name") if m else None)
