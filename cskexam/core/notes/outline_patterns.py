"""The patterns the outline builder reads lines with: levels, mnemonics, judgements, lead-ins and counts."""

from __future__ import annotations

import re

_BOUNDARY = set(":;。?!)]》”\" ")
_PUNCT = set("。;,:!?")
_FAMILY_RANK = (
    {"part": 0, "chapter": 1, "topic": 1, "case": 1, "section": 2}
    | {f"h{i}": i - 1 for i in range(1, 7)}
    | {"dec1": 10}
)
# Deeper than any real outline; keeps hostile input from nesting without end.
_MAX_DEPTH = 24
_INDENTED_STYLES = {"bullet", "num_dot", "num_paren"}
_MNEMONIC_WORD = r"(?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記|记法|記法|简记|簡記)"
# 口诀:… / 【口诀】… / 首字口诀:… / ★记忆技巧:… / 记忆口诀——…: a line that gives a mnemonic.
_MNEMONIC_LINE = re.compile(
    rf"^(?:(?:小贴士|小提示|温馨提示|提示|tips?)\s*:?\s*)?[★☆※✔➤►▶]{{0,2}}\s*(?:首字|谐音|諧音)?"
    rf"([【\[]{_MNEMONIC_WORD}{{1,2}}(?:技巧|方法)?[】\]]\s*:?|{_MNEMONIC_WORD}{{1,2}}\s*:?(?=[\"“「])"
    rf"|{_MNEMONIC_WORD}{{1,2}}(?:技巧|方法)?\s*(?::|——|—))\s*(.+)$",
    re.I,
)
_BRACKET_LIST = re.compile(r"\(([^()]{4,})\)")
_QUOTED = re.compile(r"^[\"“「『]([^\"”」』]{2,16})[\"”」』]")
# 可记作"优劣机威"(优势、劣势、机会、威胁)
_REMEMBER_AS = re.compile(r"^((?:可以|可)?(?:记作|记为|记成|簡記為|简记为|简记作|概括为|概括為))\s*[\"“「]?([\u4e00-\u9fff]{2,12})[\"”」]?")
_ASIDE_WORDS = {"注意", "注", "提示", "提醒", "备注", "说明", "例如", "例", "比如", "举例", "答", "解析", "小结", "总结",
                "易混", "易错", "易混点", "易错点", "辨析", "补充", "拓展", "得分点", "采分点", "评分标准", "评分要点"}
_TRUE_MARKS = ("√", "✓", "✔", "对", "對", "正确", "正確")
_JUDGEMENT = re.compile(r"\(\s*(×|x|X|✗|✘|√|✓|✔|错|錯|对|對|正确|错误|正確|錯誤)\s*\)\s*$|(?:(?<=[\s。.])|(?<=[\u4e00-\u9fff]))(✗|✘|×|√|✓|✔)\s*$|(?<=[。.!])\s*(错|錯|对|對)\s*$")
# What a line marked true or false ends with (spaces aside): only such a line is searched
# for the mark, not every line at every position.
JUDGEMENT_ENDS = frozenset(")×xX✗✘√✓✔错錯对對")
# 判断: / 【易错】: what a statement marked true or false is, no part of it.
_JUDGEMENT_PREFIX = re.compile(r"^(?:(?:判断|判斷|辨析|易错|易錯)\s*:|[【\[](?:判断|判斷|辨析|易错|易錯)[】\]]\s*)")
_OWN_LEVEL = {"plain", "term", "judge", "lead_item", "inline", "doc"}
_JUDGEMENT_SECTION = re.compile(r"判断|判斷|辨析|是非|对错|對錯")
# 绩效改进的方法有 / 影响自我效能感的因素有: a sentence that says what follows.
_ENDS_WITH_YOU = re.compile(r"(?<=[\u4e00-\u9fff]{2})的[\u4e00-\u9fff]{1,4}(?:主要)?有$")
_NOUN_TAIL = re.compile(r"的([\u4e00-\u9fff]{1,4})$")
_LEAD_VERB = re.compile(r"分为|分為|分成|包括|包含|有|应|應|需|須|要|可|是|遵循|具备|具備|经历|經歷|如下|以下|主要")
# 常说的“三大策略” / 所谓“四个坚持”: a quoted count phrase after a qualifier.
_QUOTED_COUNT = re.compile(r"^[\u4e00-\u9fff]{0,5}的?[\"“「『]([^\"“”「」『』]{2,10})[\"”」』]$")
# 客户服务的基本原则主要有以下四项: the subject a lead-in sentence is about.
_LEAD_SUBJECT = re.compile(
    r"^(.{2,16}?)(?:一般|通常|主要|大致)?(?:可以|可|应当|应|需要|需)?"
    r"(?:包括|包含|分为|分成|经历|經歷|遵循|具备|具有|有)(?:以下|如下|下列)?[一二三四五六七八九十两\d]{0,2}"
)
_SENTENCE = re.compile(r"[。!?]|[,;].{6,}")
_LEAD_IN = re.compile(r"^(其|它|他们|他們|该|該|此|主要观点|主要觀點|主要内容|主要內容)|以下|如下|下列|應遵循|应遵循|需具备|需具備|应具备|應具備|主要有|包括以下|有以下|分别是|分別是|依次是|依次为|依次為")
_HEADING_MARK = re.compile(
    r"\((?:识记|識記|领会|領會|运用|運用|掌握|了解|理解|熟悉|应用|應用|重点|重點|难点|難點|简答|簡答|论述|論述|必考|常考|高频|高頻)\)"
    r"|【[^】]{1,6}】|\[(?:重点|重點|难点|必考|常考|高频)\]|[★☆▲]|\(\s*(?:第\s*\d+\s*页|[Pp]\.?\s*\d+(?:\s*[-~—]\s*[Pp]?\d+)?)\s*\)|\s[Pp]\.?\s?\d{1,4}(?:\s?[-~—]\s?[Pp]?\d{1,4})?$"
)
_HOOK = re.compile(r"^[\u4e00-\u9fff]{2,6}\((?!例如|比如|如(?![实何果期意此同今下数]))[^()]{4,}\)$")
# 从低到高共七种 / 按先后顺序共六步 / 主要体现在三个方面 / 共三個: a lead-in that only states how many items follow.
_COUNT_ONLY = re.compile(
    r"^(?:(?:(?:从|由).{1,6}(?:到|至).{1,6}|按.{1,8}|依次|一般|通常|大致|具体)?,?(?:一|总)?(?:共|共有|共分为|共分成)|(?:主要|具体|常见的?|常用的?|一般|通常|大致)?(?:可分为|分为|分成|分|包括|有|表现在|表現在|体现在|體現在|表现为|表現為))?"
    r"[一二三四五六七八九十两兩\d]{1,2}"
    r"(?:大?(?:个|個|種|种|项|項|类|類|点|點|条|條|步|方面|部分|阶段|階段|层次|層次|层|層|环节|環節|要素)|大(?=[\u4e00-\u9fff]))"
    r"(?:[\u4e00-\u9fff]{1,3})?$"
    # 从低到高共四级: levels, counted only after 共 (两级映像 names something)
    r"|^(?:(?:从|由).{1,6}(?:到|至).{1,6})?,?(?:共|共有|共分为)[一二三四五六七八九十两\d]{1,2}(?:级|級)$"
)


# A short title written before the items of a one-line outline (no colon).
_ONE_LINE_STYLES = {"pcn", "pnum", "circled", "num_dun", "num_dot", "num_paren", "cn", "roman"}
_OUTLINE_TITLE = re.compile(r"^[^\s。,;:!?、()\[\]“”\"→]{3,20}$(?<![的了和与及有为是])")

# 按用途可分为三类 / 按考评的内容分 / 根据…划分为两大类: the basis of a classification.
_BASIS_HEAD = re.compile(
    r"^(按照|按|根据|根據|依据|依據|依照|依)([^,;。]{1,14}?)(?:的不同)?(?:来|进行)?(?:可以|可|一般|通常)?"
    r"(?:划分为|劃分為|划分|分为|分為|分成|分)(?:以下|如下|下列)?(?:([一二三四五六七八九十两兩]|\d{1,2}|几|幾)大?(?:类|類|种|種|个|個|项|項|型))?$"
)
# 甲类:… / A类:… : an item named by its class letter.
_KIND_ITEM = re.compile(r"^([A-H]|[甲乙丙丁戊己庚辛])(?:类|類|型)$")
# 其中分布误差又包括 / 其中参与式还可分为: the items of one item of the list above.
# 其中备课要做好三方面工作: the same, with what is asked of the item and how many.
_SUB_LIST = re.compile(
    # 動態要素又包括 (after 其中靜態要素又包括): 又 names the same kind of sub-list.
    r"^(?:其中(.{2,14}?)(?:又|还|還|也)?|(?P<bare>[^,;:。、\s]{2,14}?)(?:又|還|还))(?:可以|可)?(?:包括|包含|分为|分為|分成|有"
    r"|(?:要|需要|需|应|應|应当|應當)?(?:做好|做到|抓好|把握|注意|包括|包含|分为|分為|有)(?:以下)?"
    r"(?P<n>[二三四五六七八九]?十[一二三四五六七八九]?|[二三四五六七八九两兩]|\d{1,2})(?:大|个|個|项|項|点|點|条|條|种|種|类|類)?方?面?的?"
    r"(?:工作|要求|内容|內容|事项|事項|环节|環節|步骤|步驟)?)$"
)
# 审核的内容共六条 / 主要特性共五种 / 面试的基本程序按先后共五个阶段: a subject and how many items it has.
_SUBJECT_COUNT = re.compile(
    r"^([^,;。]{2,14}?)(?:按[^,;。]{1,6})?(?:一般|通常|主要)?(?:共有|共|有)([一二三四五六七八九十两兩]|\d{1,2})大?"
    r"(?:个|個|种|種|类|類|项|項|点|點|条|條|步|级|級|层|層|方面|阶段|階段|环节|環節|部分)[\u4e00-\u9fff]{0,3}$"
)
# 答案：× / 参考答案：正确: the verdict on the numbered statement above, on a line of its own.
_VERDICT_LINE = re.compile(r"^(?:答案|答|参考答案|參考答案)\s*:?\s*(×|x|X|✗|✘|√|✓|✔|错|錯|对|對|正确|错误|正確|錯誤)\s*[。.]?$")
# 提问的两种方式:开放式… : a short name and its colon, opening a topic of its own.
_NEW_TERM = re.compile(r"^[^\s:,;。!?]{2,16}:")
# …重点来了:服务补救的原则,有四条。 then 第一,…: a name, then how many, before spoken ordinals.
_SPOKEN_LEAD = re.compile(
    r"(?:^|(?<=[。;:!?]))\s*(?:然后是|接下来是?|下面是?|再来看|还有)?([^,。:;!?]{2,16}?)(?:,[^。:;]{0,8}?|有|包括|分为|分成)"
    r"([一二三四五六七八九十两])(?:个|条|種|种|点|类|方面|步|大)[^。:;,]{0,4}[。:]?(?:[^。:;]{0,12}[。:])?\s*$"
)
# 共五项 / 一共四个 / 合计三类, alone or before the list's mnemonic: a line that ends a list.
_CLOSING_COUNT = re.compile(
    r"^(?:共|一共|总共|總共|合计|合計)(?:有|计|計)?\s?([一二三四五六七八九十两兩\d]{1,2})\s?"
    r"(?:个|個|种|種|项|項|类|類|点|點|条|條|步|方面|部分|阶段|階段|层次|層次|环节|環節|要素)[。.]?\s*"
    rf"(?=$|[【\[]?{_MNEMONIC_WORD})"
)
