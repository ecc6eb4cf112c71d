"""How many items a heading, its lead-in or its mnemonic says there are
(五大特性 → 5, 主要有四条 → 4, 以下四个观点: → 4, 宏五 → 5)."""

from __future__ import annotations

import re

from cskexam.core.notes.markers import cn_to_int
from cskexam.core.notes.title_parts import COUNT_MNEMONIC

COUNT_PHRASE = re.compile(
    # 十五种 → 15 (not 5); 二十个 → 20.
    r"(?<![第\d十])(?:包括|分为|有)?([二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九十两兩]|\d{1,2})"
    r"(?:大|个|個|种|種|类|類|项|項|点|點|条|條|位|方面|要素|步|阶段|階段|层次|層次|环节|環節|维度|維度|特征|特徵|特点|特點|功能|类型|類型|要点|要點|原则|原則)"
)
_NUMERAL = re.compile(r"[一二三四五六七八九十两兩\d]")
# 特点有三 / 其功能有四: a bookish lead-in that ends on its number, with no unit after it.
_COUNT_ENDS = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:有|共)([二三四五六七八九两兩]|十[一二三四五六七八九]?)$")
# 主要有四条, 共六种, (要点6个): a count after 有/共/要点 says how many only with its unit.
_COUNT_AFTER_UNIT = re.compile(r"(?:主要有|共有|共|有|要点|要點|采分点|採分點|得分点|得分點)([一二三四五六七八九十两兩]|\d{1,2})大?(?:个|個|种|種|类|類|项|項|点|點|条|條|方面|阶段|階段|步)")
# 共分為以下六個階段: / 按以下七个步骤进行: / 五个阶段: — a lead-in that ends on its count, before the colon.
_COUNT_LEAD = re.compile(
    r"(?:^|以下|如下|下列|共|经历|經歷)([一二三四五六七八九十两兩]|\d{1,2})大?(?:个|個|种|種|类|類|项|項|点|點|条|條|层|層)"
    r"(?:方面|阶段|階段|步骤|步驟|环节|環節|部分|要素|原则|原則)?(?:进行|進行)?$"
    # 应坚持以下四个观点: after 以下/如下, any short noun names what is counted.
    r"|(?:以下|如下|下列)([一二三四五六七八九十两兩]|\d{1,2})大?(?:个|個|种|種|类|類|项|項|点|點|条|條)[\u4e00-\u9fff]{1,4}$"
)
_COUNT_AFTER = re.compile(r"(?:包括以下|包括如下|包括|分为|分成|有以下|有如下)([一二三四五六七八九十两兩]|\d{1,2})(?:大|个|個|种|種|类|類|项|項|点|點|条|條|方面)?")
_QUOTED_NAME = re.compile(r"(?:^|[“\"「])[^“”\"「」]{1,12}[”\"」]")


def stated_count(title: str, text: str = "", mnemonic: str | None = None) -> int | None:
    """The number of items a heading announces (五大特性 → 5, 宏五 → 5)."""
    if not text and not mnemonic and _NUMERAL.search(title) is None:
        return None  # most items: no numeral, no body, no mnemonic to count by
    candidates = []
    # “唐宋八大家”中唐代的有两位: 2, not 8 (a count outside the quoted name first).
    m = (COUNT_PHRASE.search(_QUOTED_NAME.sub("", title)) or COUNT_PHRASE.search(title) or _COUNT_ENDS.search(title)) if _NUMERAL.search(title) else None
    if m:
        candidates.append(cn_to_int(m.group(1)))
    first = text[:40].split("。", 1)[0].split(":", 1)[0] if text else ""
    m = (_COUNT_AFTER.search(first[:30]) or _COUNT_AFTER_UNIT.search(first[:30])) if first else None
    if m is None and len(first) <= 30 and text[len(first) : len(first) + 1] == ":":
        m = _COUNT_LEAD.search(first)
    elif m is None and ":" in text[:60] and "。" not in (lead := text[:60].split(":", 1)[0]):
        # 將一項資源確認為資產,除…外,還應同時滿足以下兩個條件: the clause before the colon.
        clause = lead.rsplit(",", 1)[-1]
        m = _COUNT_LEAD.search(clause) if len(clause) <= 30 else None
    if m:
        candidates.append(cn_to_int(m.group(1) or m.group(2)))
    if mnemonic and COUNT_MNEMONIC.match(mnemonic):  # 宏五: five items
        candidates.append(cn_to_int(mnemonic[-1]))
    for value in candidates:
        if value is not None and value >= 2:
            return value
    return None


_NAMED_NUMBER = re.compile(r"(?<![第初周期])([二三四五六七八九十两兩]|(?<!\d)\d{1,2}(?![\d.%]))")


def names_count(title: str, found: int) -> bool:
    """``疾病的三间分布``, ``五驾马车``, ``五脏`` over as many items: a number in the
    title that says how many items there are (only when it matches them)."""
    if found < 2 or not _NAMED_NUMBER.search(title):
        return False
    return any(cn_to_int(m.group(1)) == found for m in _NAMED_NUMBER.finditer(title))
