"""The question a list card asks: its list's name, and a verb that fits what the items are.

A list is asked by the name the notes give it, without the lead-in or the count the notes
wrote after it (``card_text.heading_name``). The verb follows the name's head noun: kinds and
methods are counted in 种 (「提问的类型有哪三种？」), steps, principles, traits and the like are
asked with 有哪些 (「劳动关系的主体有哪些？」); only a bare concept (宏观环境分析) is asked for its
「方面」. A name that is itself a sentence with the count in it (「沟通包括七个要素」,
「马斯洛把需要分为五个层次」) asks with the count turned into 哪: 「沟通包括哪七个要素？」.
Two is 两 before a measure word (哪两个), never 哪二个.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cskexam.core.card_frames import default_front, framed_front
from cskexam.core.card_text import _clean, chinese_number, heading_name, list_heading
from cskexam.core.distractors import ORG, ROLE, list_category
from cskexam.core.exam_asks import ASK_HEAD
from cskexam.core.graph import Node

_ORG_WORDS = ("组织结构", "组织机构", "组织架构", "机构设置", "部门设置", "岗位设置")
_NUM = r"[一二三四五六七八九十两兩\d]+"
_COUNT_IN_TITLE = re.compile(rf"{_NUM}\s*(大|个|個|类|類|种|種|项|項|点|點|方面|要素|特[点性]|原则|步|阶段|階段)")
# 「沟通包括七个要素」, 「工资总额由六个部分组成」, 「知覺有四個基本特性」: the name is a sentence stating the count.
_SENTENCE_COUNT = re.compile(
    rf"^(?P<subj>[^，,。；;]{{2,}}?)(?P<verb>包括|包含|分为|分成|分為|归因为|歸因為|具有|有|由)(?P<n>{_NUM})\s*"
    rf"(?P<mw>大?[个個种種类類项項条條点點层層步位])(?P<noun>[^，,。；;\d]{{0,8}}?)(?P<tail>组成|組成|构成|構成)?"
    rf"(?:包括|分别是|分別是|如下|为|是)?$")
_ASKING_TAIL = re.compile(r"(?:有哪些|是什么|有几种|有哪几[种类个]|(?:包括|包含|分为)哪些|(?<![具拥没享])有)$|\s*[Pp]\d+$")
_ASKING_HEAD = ASK_HEAD  # 简述…, 试论述…: how the paper asks, no part of the list's name
_STATEMENT_TITLE = re.compile(r"将使|可以|能够|有助于|有利于|受益")
# ★重点★, —— 必须记住: how important the notes say a list is, not its name.
_KEY_MARKS = re.compile(r"[★☆]+|\s*[—－-]*\s*[（(]?(?:必须记住|要记住|牢记|重点|必考)[)）]?\s*$")
_CRITERION = re.compile(r"^(?:按|根据|依据|按照)")
_DIVIDED = re.compile(r"(?:可以|可)?(?:划分|劃分|分)(?:为|為|成)[:：]?$")
# 以语言传递信息为主, 以實際訓練為主: a class of its heading's items described, not named.
_MAINLY = re.compile(r"^以.{1,10}[为為]主(?:的(?P<head>方法|方式|类型|類型))?$")
# Head nouns of a list's name that say what its items are: asked 有哪些, counted in 种 or 个.
_KINDS_TITLE = re.compile(r"(?:类型|類型|种类|種類|分类|分類|类别|方法|方式|形式|模式|手段)$")
_THINGS_TITLE = re.compile(
    r"(?:步骤|步驟|程序|流程|环节|阶段|階段|过程|過程|途径|渠道|措施|工具|技巧|策略|原则|原則|特点|特點|特征|特徵|特性|属性|屬性|"
    r"指标|维度|层次|層次|规律|規律|效应|误差|偏差|偏误|障碍|原因|来源|理论|理論|学派|学说|观点|代表人物|人物|角色|主体|对象|"
    r"技能|职能|職能|功能|权利|權利|义务|任务|结论|表现|成分)$")


def count_word(n: int) -> str:
    """The count before a measure word: 两 for 2 (哪两个), else the Chinese numeral."""
    return "两" if n == 2 else chinese_number(n)


def balanced_quotes(title: str) -> str:
    """A name whose quote the outline cut off (四个“一, 以人为本”的学生观) with the quote closed again."""
    opens, closes = title.count("“"), title.count("”")
    if opens > closes:
        return title + "”"
    if closes > opens:
        return "“" + title
    return title


# A head noun after only a verb or two characters (制定原则, 设计步骤, 諮詢師方面): whose principles?
_SHORT_MODIFIER = re.compile(r"^[^的]{1,3}(?P<head>原则|原則|步骤|步驟|程序|流程|方法|方式|要求|内容|內容|方面|措施|因素|环节|環節)$")


def _needs_subject(title: str, upper: str) -> bool:
    """A short name that says what its items are but not of what, under a heading that names it."""
    if not _SHORT_MODIFIER.match(title) or upper.startswith(("第", "专题", "模块", "单元")):
        return False
    return title not in upper


# A heading that is a question of its own (会议记录与会议纪要有哪些区别, 档案的保管期限分为哪几种):
# the card asks it as the notes do, never inside another template.
_OWN_QUESTION = re.compile(r"哪些|哪几|哪幾|什么|什麼|如何|怎样|怎樣|为什么|為什麼|为何|為何|[?？]$")
_WHICH_FEW = re.compile(r"哪[几幾](?=[种種类類个個项項点點条條])")
# 我国《企业会计准则》将会计要素 (…分为静态要素和动态要素): a sentence cut before its verb; its
# object is what the list divides.
_DISPOSAL = re.compile(r"^[^，,。；;：:]{0,24}?(?:将|將|把)(?P<obj>[\u4e00-\u9fff]{2,10})$")


def own_question(title: str, count: int | None) -> str:
    """The notes' own question, its 哪几 made the count where the notes state one."""
    title = re.sub(r"[?？]+$", "", title)
    if count:
        title = _WHICH_FEW.sub(f"哪{count_word(count)}", title, count=1)
    return f"{title}？"


def disposal_object(title: str) -> str:
    """The object of a 将/把 sentence cut before its verb (会计要素), or ''."""
    m = _DISPOSAL.match(title)
    return m["obj"] if m else ""


# A heading that says what kind of entries follow but not of what (分类 under 中国古典园林).
VAGUE_HEADINGS = frozenset({
    "分类", "分類", "类型", "類型", "种类", "種類", "类别", "類別", "特点", "特點", "特征", "特徵", "区别", "區別",
    "基本类型", "基本類型", "主要类型", "主要類型", "作用", "意义", "意義", "内容", "內容", "要求", "形式", "构成", "構成",
})


def owned_heading(node: Node, parent: Node | None) -> Node:
    """``node`` named with its owner where its title alone is vague: 分类 under 中国古典园林 is
    中国古典园林的分类. A chapter or module name is no owner (模块三 中学课程与教学)."""
    title = _clean(_KEY_MARKS.sub("", node.title))
    if title not in VAGUE_HEADINGS or parent is None or parent.kind in ("document", "chapter"):
        return node
    owner = heading_name(_clean(_KEY_MARKS.sub("", parent.title)))
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,10}", owner) or owner.endswith(title):
        return node
    return replace(node, title=f"{owner}的{title}")


def list_name(node: Node, items: list[str] | tuple[str, ...] = ()) -> str:
    title = heading_name(list_heading(_clean(_KEY_MARKS.sub("", _clean(node.title))), node.count, items))
    return balanced_quotes(_ASKING_TAIL.sub("", _ASKING_HEAD.sub("", title)) or title)

_MERITS = re.compile(r"优点|缺点|優點|缺點|优势|劣势|優勢|劣勢|长处|短处|長處|短處|不足|局限性?|弊端|好处|好處")


def list_front(node: Node, parent: Node | None, count: int | None, items: list[str],
               kind_of: bool = False, name: str = "", said: str = "") -> str:
    """``kind_of``: the list is one of its parent's kinds (积极风险 of 风险应对策略), named only with it;
    ``name``: the list's name where the notes give one other than the node's title; ``said``: what the
    notes write of the list beside its entries (按先后顺序共五步, 表现为…)."""
    title = name or list_name(node)
    if _OWN_QUESTION.search(title):
        return own_question(title, count)
    if obj := disposal_object(title):
        return f"{obj}分为哪{count_word(count) if count else '几'}类？"
    from cskexam.core.card_lists import fragment_name

    fragment = fragment_name(title)  # 对待教学 of 行为转变: asked 在行为转变中，…, not 行为转变的对待教学
    upper = _clean(_KEY_MARKS.sub("", parent.title)) if parent is not None and parent.kind != "document" else ""
    upper = _ASKING_TAIL.sub("", _ASKING_HEAD.sub("", upper)) if upper else ""
    if upper and _MERITS.fullmatch(title):
        # 优点 under 电话访谈法: 「电话访谈法有哪些优点？」, not 「在电话访谈法中，优点包括哪些方面？」
        n = count_word(count) if count else ""
        return f"{upper}有哪{n}个{title}？" if n else f"{upper}有哪些{title}？"
    if upper and (mainly := _MAINLY.match(title)):
        if mainly["head"]:
            title = title[: -len(mainly["head"]) - 1]  # 以实际训练为主的方法 under 教学方法
        return f"{upper}中，{title}的有哪些？"  # 以实际训练为主 alone is no name: which methods are mainly practice?
    if upper and _CRITERION.match(title) and not count:
        title = _DIVIDED.sub("", title)  # 按培训内容可分为 → 按培训内容
        return f"{title}，{upper}有哪些？"  # 按服务时序 alone says nothing: 按服务时序，客户服务的分类有哪些？
    if upper and _CRITERION.match(title):
        title = f"{upper}{title}"
    elif upper and not fragment and (short := _SHORT_MODIFIER.match(title)) and _needs_subject(title, upper):
        head = short["head"]
        modifier = title[: -len(head)]
        module = parent is not None and parent.kind == "chapter" or re.search(r"[与與和及、]", upper)
        if upper.endswith(modifier) and module:
            pass  # 教学原则 under the module 中学课程与教学: a term of its own, no 中学课程与教学原则
        elif upper.endswith(modifier):
            title = upper + head  # 制定原则 under 服务标准的制定: 服务标准的制定原则
        elif "的" in upper or upper.endswith(head):
            return f"在{upper}中，{list_front(node, None, count, items, kind_of, name, said)}"
        else:
            title = f"{upper}的{title}"
    elif (upper and not fragment and (len(title) <= 3 or (kind_of and "的" not in title + upper and len(title) <= 6))
          and not (len(title) >= 4 and re.search(r"[与與和及、]", upper))):  # 入库与出库作业 covers two topics: no owner
        if "的" in upper or _CRITERION.match(upper):
            # 在通用公文的制发程序中，审核包括哪些内容？, not 通用公文的制发程序的审核…; 按是否执行程序 is
            # no name to glue to 静态测试
            return f"在{upper}中，{list_front(node, None, count, items, kind_of, name, said)}" \
                if not _CRITERION.match(upper) else list_front(node, None, count, items, False, name, said)
        title = f"{upper}的{title}"  # '部门包括哪五个方面' alone says nothing
    n = count_word(count) if count else ""
    sentence = _SENTENCE_COUNT.match(title)
    if _STATEMENT_TITLE.search(title):
        # 优质服务意识将使客户服务人员受益匪浅 states a claim: ask what it consists of
        return f"{title}，体现在哪{n + '个' if count else '些'}方面？"
    if sentence and (not count or sentence["n"] in (str(count), chinese_number(count), count_word(count), "兩" * (count == 2))):
        s = sentence
        return f"{s['subj']}{s['verb']}哪{s['n']}{s['mw']}{s['noun']}{s['tail'] or ''}？"
    if _COUNT_IN_TITLE.search(title):
        return f"{title}分别是什么？"
    if any(w in title for w in _ORG_WORDS) and list_category(items) in (ORG, ROLE):
        return f"{title}包括哪些部门（岗位）？"
    if re.search(r"(?:演变|演變|沿革|发展历程|發展歷程|历程|歷程)$", title):
        return f"{title}依次经历了哪{n + '个' if n else '几个'}阶段？"  # a sequence in time, no 内容
    framed = framed_front(title, n, items, said, upper)
    if framed:
        return framed
    if _KINDS_TITLE.search(title):
        return f"{title}有哪{n}种？" if count else f"{title}有哪些？"
    if _THINGS_TITLE.search(title):
        return f"{title}有哪{n}个？" if count else f"{title}有哪些？"
    return default_front(title, n, items, aspect=fragment)
