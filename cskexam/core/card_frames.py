"""The question word of a list card, chosen by what the list's items are and what the notes say of them.

* steps or stages (the notes say 按先后顺序, 共五步; the name is a 步骤/程序/流程; the items are 阶段):
  asked in order, 「薪酬体系设计依次分为哪五个步骤？」, 「面试的五个基本阶段依次是什么？」;
* methods (…法, the name or its heading is a 方法/方式): 「行为导向型评价法有哪些方法？」;
* kinds (the notes count them in 种/类, the items are …型/…类, 「常见的X」 are X's kinds):
  「常见的加密算法有哪两种？」;
* what something shows as (表现为…): 「服务态度问题有哪些表现？」;
* people (参与者, 人员): 「培训需求分析的参与者有哪些？」;
* aspects only where the items are aspects (…方面, 在…上, 层面) or the name is a concept that has aspects
  (环境, 因素, 能力, 要求…); anything else is asked for its 内容.

A count goes into the question only where the graph has it (``count``).
"""

from __future__ import annotations

import re

_N = r"[一二三四五六七八九十两兩\d]+"
# 「由弱到强依次为」 orders by degree, not in time: only the notes' words for steps count.
_STEP_SAID = re.compile(rf"按先后顺序|按先後順序|先后顺序|先後順序|共{_N}步|{_N}\s*[个個]?步骤|{_N}\s*[个個]?步驟"
                        rf"|{_N}\s*步[:：。]?$|分为{_N}\s*[个個]?阶段|分為{_N}\s*[个個]?階段")
_STEP_HEAD = re.compile(r"^(?P<pre>.*?)(?:的)?(?P<mod>基本|主要|一般|具体|具體)?(?P<head>步骤|步驟|程序|流程|阶段|階段)$")
_STAGE_ITEM = re.compile(r"(?:阶段|階段|期)$")
_METHOD_HEAD = re.compile(r"(?:方法|方式|手段|办法|辦法)$")
_METHOD_ITEM = re.compile(r".{2,}(?<![算语語宪憲刑民税稅])法$")  # 加密算法, 刑法: no methods
_KIND_SAID = re.compile(rf"{_N}\s*(?:种|種|类|類)|分为.{{0,3}}(?:种|種|类|類)|分為.{{0,3}}(?:种|種|类|類)|几种|幾種|几类|幾類")
_KIND_ITEM = re.compile(r"(?:型|类|類)$")
_COMMON = re.compile(r"^(?:常见|常見|常用|主要|典型)的")
_SHOWS_SAID = re.compile(r"表现为|表現為|表现在|表現在|主要表现|主要表現")
_PEOPLE_HEAD = re.compile(r"(?:参与者|參與者|参加者|人员|人員|成员|成員)$")
_ASPECT_ITEM = re.compile(r"方面$|层面$|層面$|^在.{1,6}上$")
# Names of a concept whose parts are fairly called its 方面 (微观环境, 影响满意的因素, 能力要求).
_ASPECT_HEAD = re.compile(r"(?:环境|環境|分析|因素|能力|素质|素質|素养|素養|要求|作用|意义|意義|影响|影響|目标|目標|"
                          r"结构|結構|构成|構成|组成|組成|内容|內容|方面|层面|職能|职能|功能|任务|任務|条件|條件|态度|態度|"
                          r"划分|劃分|范围|範圍|表现|表現|特点|特點|研究)$")


def _mostly(pattern: re.Pattern[str], items: list[str]) -> bool:
    hits = sum(1 for i in items if pattern.search(i))
    return len(items) >= 2 and hits * 3 >= len(items) * 2


def steps_front(name: str, n: str, items: list[str], said: str) -> str | None:
    """An ordered list asked in order; ``n`` the count word or ''."""
    head = _STEP_HEAD.match(name)
    if not (head or _STEP_SAID.search(said) or _mostly(_STAGE_ITEM, items)):
        return None
    if head and head["pre"]:
        if not n:
            return f"{name}依次是什么？"
        return f"{head['pre'].rstrip('的')}的{n}个{head['mod'] or ''}{head['head']}依次是什么？"
    unit = "阶段" if _mostly(_STAGE_ITEM, items) or re.search(r"阶段|階段", said) else "步骤"
    return f"{name}依次分为哪{n or '几'}个{unit}？"


def kind_of_items(name: str, items: list[str], said: str, upper: str = "") -> str:
    """What the items are: 'methods', 'kinds', 'shows', 'people', 'aspects' or '' (nothing to tell)."""
    if _COMMON.match(name) and _share_head(name, items):
        return "kinds"
    if (_share_head(name, items) and not name.endswith(_NO_KIND_HEAD) and "的" not in name
            and not _ASPECT_HEAD.search(name)):
        return "kinds"  # 会议纪要 → 完整纪要, 简要纪要: kinds of it, not what it holds
    if _METHOD_HEAD.search(name) or _mostly(_METHOD_ITEM, items) or _METHOD_HEAD.search(upper) and not name.endswith(upper):
        return "methods"
    if _KIND_SAID.search(said) or _mostly(_KIND_ITEM, items):
        return "kinds"
    if _SHOWS_SAID.search(said):
        return "shows"
    if _PEOPLE_HEAD.search(name):
        return "people"
    if _mostly(_ASPECT_ITEM, items) or _ASPECT_HEAD.search(name):
        return "aspects"
    return ""


_THEORY = re.compile(r"(?:理论|理論|学说|學說|模型)$")


def _shared_suffix(items: list[str]) -> str:
    """The two characters every item ends in (生存需要, 成长发展需要 → 需要), if the items are longer."""
    tail = items[0][-2:] if items else ""
    ok = len(items) >= 2 and len(tail) == 2 and all(i.endswith(tail) and len(i) > 2 and "：" not in i for i in items)
    return tail if ok and re.fullmatch(r"[\u4e00-\u9fff]{2}", tail) else ""


def _share_head(name: str, items: list[str]) -> bool:
    """The items end in the name's head noun (对称加密算法 of 常见的加密算法): kinds of it."""
    head = name[-2:]
    return len(items) >= 2 and all(i.endswith(head) and len(i) > 2 for i in items)


# An order of rank (优先顺序, 由高到低): the items are recalled in that order.
_ORDER_HEAD = re.compile(r"(?:优先顺序|優先順序|顺序|順序|次序|排序|优先级|優先級|位阶|位階)$")
_ORDER_SAID = re.compile(r"(?:由|从|從)(?:高|低|强|強|弱|重|轻|輕|大|小|先|后|後)(?:到|至)(?:高|低|强|強|弱|重|轻|輕|大|小|先|后|後)")
# Heads whose 「X管理 → 目标管理, 过程管理」 are parts of a task, no kinds of it.
_NO_KIND_HEAD = ("管理", "建设", "建設", "分析", "能力", "要求", "内容", "內容", "方面", "原则", "原則")


def order_front(name: str, items: list[str], said: str) -> str | None:
    """「伦理原则的优先顺序」, 「…由高到低：」: asked in that order, never for its 内容."""
    direction = _ORDER_SAID.search(said) or _ORDER_SAID.search(name)
    if not (_ORDER_HEAD.search(name) or direction) or len(items) < 2:
        return None
    way = direction.group(0) if direction and direction.group(0) not in name else ""
    return f"{name}{way}依次是什么？"


def framed_front(name: str, n: str, items: list[str], said: str, upper: str = "") -> str | None:
    """The front of a list by what its items are, or None where the items tell nothing (the caller's words)."""
    ordered = order_front(name, items, said)
    if ordered:
        return ordered
    steps = steps_front(name, n, items, said)
    if steps:
        return steps
    theory = _THEORY.search(name)
    suffix = _shared_suffix(items)
    if theory and suffix and not name.endswith(suffix):
        # 双因素理论 → 保健因素, 激励因素: a theory's parts, asked by what they are
        return f"{name}包括哪{n}种{suffix}？" if n else f"{name}包括哪些{suffix}？"
    kind = kind_of_items(name, items, said, upper)
    if kind == "methods":
        word = "方式" if upper.endswith("方式") or name.endswith("方式") else "方法"
        if _METHOD_HEAD.search(name):
            return f"{name}有哪{n}种？" if n else f"{name}有哪些？"
        return f"{name}有哪{n}种{word}？" if n else f"{name}有哪些{word}？"
    if kind == "kinds":
        return f"{name}有哪{n}种？" if n else f"{name}有哪几种？"
    if kind == "shows":
        return f"{name}有哪{n}种表现？" if n else f"{name}有哪些表现？"
    if kind == "people":
        return f"{name}有哪{n}类？" if n else f"{name}有哪些？"
    return None


def default_front(name: str, n: str, items: list[str], aspect: bool = False) -> str:
    """A list whose items say nothing of what they are: asked for its 方面 only where that fits."""
    labelled = len(items) >= 2 and all("：" in i for i in items)  # 差距一：认知差距, 在范围上：…
    if aspect or labelled or _mostly(_ASPECT_ITEM, items) or _ASPECT_HEAD.search(name):
        return f"{name}包括哪{n}个方面？" if n else f"{name}包括哪些方面？"
    return f"{name}包括哪{n}项内容？" if n else f"{name}包括哪些内容？"


SAID_CHARS = 40


def said_of(title: str, text: str, original: str, first_item: str) -> str:
    """What the notes write of a list beside its name: its text, and the words of its original line between
    the name and the first entry (「薪酬体系设计：按先后顺序共五步：①…」), never the entries' own text."""
    line = original.split("\n", 1)[0]
    at = line.find(title) if title else -1
    if at < 0:
        return text
    rest = line[at + len(title):]
    end = rest.find(first_item) if first_item else -1
    return text + "\n" + rest[: end if end >= 0 else SAID_CHARS][:SAID_CHARS]
