"""Text helpers shared by the card makers (``cards`` and ``card_cloze``)."""

from __future__ import annotations

import re
from functools import lru_cache

BLANK = "____"
_CN_DIGITS = "零一二三四五六七八九"
_PUNCT_EDGES = " \t\r\n:：,，、;；.。!！?？"
_SENTENCE_END = re.compile(r"(?<=[。！？；;!?\n])")
_PRONOUN_START = ("这", "那", "它", "其", "此", "该", "他", "她", "我", "你", "但", "而", "如果", "因为")
# Words too common in these notes to be worth blanking out or asking about.
_GENERIC = {
    "企业", "客户", "服务", "公司", "工作", "我们", "他们", "你们", "进行", "可以", "需要", "以及", "一个",
    "这种", "主要", "重要", "通过", "能够", "对于", "因此", "所以", "而且", "还是", "或者", "不同", "各种",
    "问题", "方面", "内容", "部门", "管理", "提供", "负责", "相关", "其中", "一般", "通常",
}


def chinese_number(n: int) -> str:
    if n < 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    if n < 100:
        tens, ones = divmod(n, 10)
        return _CN_DIGITS[tens] + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(n)


def _clean(text: str) -> str:
    return text.strip(_PUNCT_EDGES)


def _squash(text: str) -> str:
    """Text reduced to letters and digits, for 'does A contain B' checks."""
    return re.sub(r"[\s\W_]+", "", text)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


_CJK = r"[\u3400-\u9fff“”‘’（），。；：、]"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_PUNCT = re.compile(rf"(?<={_CJK})[,;:?!]|[,;:?!](?={_CJK})")


def full_width(text: str) -> str:
    """Chinese text with its punctuation full-width (notes often mix 「,」 and 「，」 in one line):
    a comma, colon, semicolon, ? or ! beside a Chinese character, and every bracket pair."""
    if not re.search(r"[\u3400-\u9fff]", text):
        return text
    text = _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group()], text)
    return text.replace("(", "（").replace(")", "）")


_COUNT = r"[一二三四五六七八九十两兩\d]+"
# 「（共三个层次）」, 「(4项)」: the notes' count of a list, said beside its name.
_BRACKET_COUNT = re.compile(rf"\s*[（(]\s*(?:共|计|合计)?\s*{_COUNT}\s*[个項项種种類类點点條条大層层步個]?[\u4e00-\u9fff]{{0,3}}[）)]\s*$")
# 「主要有四类包括」, 「主要有三点」, 「包括以下几点」: the lead-in to a list, said after its name.
_LEAD_COUNT = re.compile(
    rf"(?:主要|一般|通常|大致|总共|共)?(?:有|包括|包含)\s*(?:{_COUNT}|以下几|如下几)\s*[个項项種种類类點点條条大層层步個]"
    rf"(?:方面|层次|阶段|内容|部分)?\s*(?:包括|分别是|如下|是|为)?\s*$")
# 成人必需氨基酸 8 种, 公文共15种: a count closing the name, with no verb before it.
_TAIL_COUNT = re.compile(rf"(?<=[\u4e00-\u9fff])(?<![为為成分有含括第])\s*(?:共|计)?\s*(?<!第){_COUNT}\s*[个項项種种類类條条]\s*$")
_LEAD_WORDS = re.compile(r"(?:主要|一般)?(?:包括|包含)(?:以下|如下)?\s*$|(?:有|包括)?(?:以下|如下)(?:几点|内容|方面)?\s*$")


@lru_cache(maxsize=8192)
def heading_name(title: str) -> str:
    """The name a heading gives its list, without the lead-in the notes wrote after it:
    客户投诉的类型主要有四类包括 → 客户投诉的类型, 客户满意的层次（共三个层次） → 客户满意的层次.
    A paper names the list; the count, where the graph agrees, it states itself."""
    name = title.strip(_PUNCT_EDGES)
    for _ in range(2):  # 「…主要有三点（必记）」: a bracket, then a lead-in
        name = _BRACKET_COUNT.sub("", name).strip(_PUNCT_EDGES)
        cut = _TAIL_COUNT.sub("", _LEAD_COUNT.sub("", name)).strip(_PUNCT_EDGES)
        cut = _LEAD_WORDS.sub("", cut).strip(_PUNCT_EDGES)
        if len(cut) >= 2:
            name = cut
    return name or title


# 「满意度测评指标体系 四级」, 「RFM模型 3个指标」: a name with the count of its entries run on
# after it. A count after 的/有/包括/由… is part of a phrase (客户服务的五大特性, 沟通包括七个要素).
# A count and a noun run on only after a space (RFM模型 3个指标): 四大名著, 挣值管理三个基本参数 are names.
_RUN_ON_COUNT = re.compile(
    rf"^(?P<name>.*?[^\s的之有为為分成括含由共计計第和与與及])(?:\s*(?:共|计|計)?\s*(?P<n>{_COUNT})\s*[级級层層]|"
    rf"\s+(?:共|计|計)?\s*(?P<m>{_COUNT})\s*[个個项項种種类類条條点點](?P<noun>[\u4e00-\u9fff]{{0,4}}))$")
# 「职业道德的含义与特点」 over a list of traits: the list is the second part, the first is a sentence.
_SAID_AND_LISTED = re.compile(
    r"^(?P<owner>.+?)的?(?:含义|含義|涵义|涵義|定义|定義|概念|内涵|內涵)(?:与|與|和|及其|及|以及|、)"
    r"(?P<listed>特点|特點|特征|特徵|特性|分类|分類|类型|類型|种类|種類|作用|构成|構成|原则|原則|要素|表现|表現)$")
_SAID_WORDS = ("含义", "含義", "涵义", "涵義", "定义", "定義", "概念", "内涵", "內涵")


def list_heading(title: str, count: int | None, items: list[str] | tuple[str, ...] = ()) -> str:
    """The name of a list as its heading gives it, less what only says how many or what is not in
    it: 满意度测评指标体系 四级 (four entries) → 满意度测评指标体系, RFM模型 3个指标 → RFM模型的指标,
    职业道德的含义与特点 over four traits → 职业道德的特点. A count that differs from ``count``
    says more than how many and stays."""
    name = title.strip()
    run_on = _RUN_ON_COUNT.match(name)
    said = (run_on["n"] or run_on["m"]) if run_on else ""
    if run_on and count and said and said in (str(count), chinese_number(count), "两" * (count == 2), "兩" * (count == 2)):
        head, noun = run_on["name"].strip(), run_on["noun"] or ""
        if len(re.sub(r"[\W_]+", "", head)) >= 2:
            name = head if not noun or head.endswith(noun) else f"{head}的{noun}"
    pair = _SAID_AND_LISTED.match(name)
    if pair and items and not any(_clean(i).startswith(_SAID_WORDS) for i in items):
        name = f"{pair['owner']}的{pair['listed']}"
    return name


# What the notes' markup leaves at the end of an entry: 「计算机病毒 ——」 of 「…计算机病毒 —— 共四类」, 「原则：」, 「（」.
_TRAILING_MARKUP = re.compile(r"[\s—－\-–~～:：,，、;；（(【\[「『“]+$")


def tidy_entry(text: str) -> str:
    """A list entry without the dashes, colons or open brackets the notes' markup left after it."""
    return _TRAILING_MARKUP.sub("", text).strip() or text.strip()


_PAIRS = {"（": "）", "(": ")", "【": "】", "「": "」", "“": "”"}


def closed_brackets(text: str) -> str:
    """A mnemonic with a bracket the notes never closed (传传选更（两个“传”别漏) closed again; an opening
    bracket with nothing after it dropped."""
    text = tidy_entry(text)
    stack = []
    for c in text:
        if c in _PAIRS:
            stack.append(_PAIRS[c])
        elif stack and c == stack[-1]:
            stack.pop()
    return text + "".join(reversed(stack))


# A sentence that opens on its predicate (一般为…, 强调…, 重视…) leaves its subject to the heading above.
_PREDICATE_START = ("一般", "通常", "往往", "强调", "強調", "重视", "重視", "注重", "侧重", "側重", "为", "為",
                    "指", "包括", "可以", "能够", "能夠", "应当", "應當", "需要", "具有", "用于", "用於", "适用", "適用",
                    "旨在", "属于", "屬於", "依靠", "主张", "主張", "认为", "認為")
# 「…五个阶段：注：…」: a lead-in run into the remark below it goes with the marker.
_NOTE_MARKER = re.compile(r"^(?:[^。；;:：]{0,30}[:：]\s*)?(?:註|注|备注|備註|附注|附註|提示|说明|說明|注意)\s*[:：]\s*")


def opens_on_predicate(sentence: str) -> bool:
    return sentence.startswith(_PREDICATE_START) and not sentence.startswith(("为了", "為了", "指导", "指導"))


def subject_name(title: str) -> str:
    """A heading that can stand as a sentence's subject (短时记忆的容量), or ''."""
    title = (title or "").strip()
    return title if re.fullmatch(r"[\u4e00-\u9fff]{2,12}", title) else ""


def without_note_marker(text: str) -> str:
    """「註：…」 / 「注：…」 opening a line is the notes' markup, no part of the sentence."""
    return _NOTE_MARKER.sub("", text, count=1)
