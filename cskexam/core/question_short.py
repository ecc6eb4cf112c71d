"""简答 on a list: the items as 采分点, asked as a paper asks for what the list holds.

A category whose answer is its members is asked 「X有哪些？」, ordered steps 「简述X的步骤」,
anything else 「简述X的主要内容」; a list of two short items is no 简答 (its 填空 and 多选 ask
it). Each item is given whole: 具体运算阶段（7-11岁）, both halves of 「…；不同方面发展有先有后」.
"""

from __future__ import annotations

import re

from cskexam.core.grading import ScoringPoint
from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.question import Question, question_id
from cskexam.core.question_choice import _where
from cskexam.core.question_context import (
    _Context, _cut_reminder, _definition, _explain, _list_summary, _ListInfo, _stem_title, _term_like,
    described, strip_glued_heading, sub_list,
)
from cskexam.core.question_item_titles import unsplit_title, whole_title
from cskexam.core.question_doubt import not_its_own
from cskexam.core.question_quality import names_list, pattern_list, plain_description
from cskexam.core.question_names import printed_list_name
from cskexam.core.vocab import QuestionType

from cskexam.core.question_written import _NOT_A_KEY_SENTENCE

SHORT_MAX_POINTS = 6
_NUMBERED = re.compile(r"[一二三四五六七八九十两\d]+\s*(个|個|种|項|项|类|類|大|点|點|條|条|方面|種|阶段|階段|步|层次|層次)")  # 勒温的三种领导方式（共3项）
SHORT_COUNTED_ITEM_CHARS = 16
SHORT_DUTY_CHARS = 20


def _even(texts: list[str]) -> bool:
    """Every point explained at a like length, or none explained."""
    sizes = [len(t) for t in texts]
    if not any(sizes):
        return True
    return min(sizes) > 0 and max(sizes) <= 3 * min(sizes)


def _short_list(ctx: _Context, info: _ListInfo) -> Question | None:
    counted = info.node.count == len(info.items)
    if not info.whole:
        return None  # its 采分点 would leave out items the notes list (山, 水 beside 植物, 建筑)
    if len(info.items) > 8 or not info.count_ok or not all(
            _term_like(i.title) or counted and len(i.title) <= SHORT_COUNTED_ITEM_CHARS for i in info.items):
        return None  # duties and rules (sentences) are no 采分点, unless the notes count them (投诉的价值（四个）)
    if pattern_list(i.title for i in info.items):
        return None  # 在范围上、在内容上、在形式上: labels a candidate scores without knowing what they say
    if names_list(info.node.title, [i.title for i in info.items]):
        return None  # 请简述西方教育学代表人物: names to recite, no question a paper sets
    if info.node.kind == "document":
        company = ctx.company(info.node)
        if company is None:
            return None
        title = f"{company}的部门及其职能"
    elif (name := printed_list_name(ctx.graph, info.node)) is not None:
        title = name
    else:
        return None  # an outline heading is no question a paper would print
    if (not (info.node.count or info.mnemonic) and not described(ctx.graph, info.items)
            and (len(info.items) < 4 or sub_list(ctx.graph, info.node))):
        return None  # 请简述倾听技巧: a sub-list or a maxim in pieces is no 简答 a paper sets
    texts = [_whole(ctx.graph, item) for item in info.items]
    if len(info.items) == 2 and max(len(t) for t in texts) <= SHORT_PAIR_CHARS:
        return None  # 兑换礼品、抵扣现金: two words are no 简答; its 填空 and 多选 ask them
    if len(info.items) > SHORT_MAX_POINTS and max(len(t) for t in texts) > SHORT_DUTY_CHARS:
        return None  # seven departments with their duties: no paper asks that much in one item
    if not _even(texts):
        texts = [""] * len(texts)  # one long passage among bare names: the names are the 采分点
    # 「3.資產內部一增一減，總額不變」 cut into 資產 and its text: the clause is the point.
    whole = [unsplit_title(item) for item in info.items]
    labels = [whole_title(item) if w == item.title else w for item, w in zip(info.items, whole)]
    texts = [t if w == item.title else "" for item, w, t in zip(info.items, whole, texts)]
    lines = [f"{i}. {label}" + (f"：{t}" if t else "") for i, (label, t) in enumerate(zip(labels, texts), 1)]
    # A count only where the notes state it and the graph agrees.
    stated = info.node.count or (len(info.mnemonic.split("、")) if info.mnemonic else None)
    count = f"（共{stated}项）" if stated == len(info.items) and not _NUMBERED.search(title) else ""
    where = _where(ctx, info)
    asked = title if not where else f"{where[1:-1]}的{title}"
    return Question(
        question_id(info.node.id, "short_list"), QuestionType.SHORT, _ask(asked, info, count), "\n".join(lines), {},
        _explain(ctx, info.node, _list_summary(info)), info.node.id, kind="short_list",
        points=[ScoringPoint(unsplit_title(i)) for i in info.items], document=ctx.doc_title(info.node),
        difficulty=3,
    )


SHORT_PAIR_CHARS = 12
WHOLE_TEXT_CHARS = 60
_GLOSS = re.compile(r"^\s*[(（][^()（）]{1,20}[)）]\s*$")
# A name for a set of members: asked 「X有哪些？」.
_MEMBERS = ("类型", "種類", "种类", "類型", "分类", "原则", "原則", "方法", "方式", "特点", "特點", "特征", "特徵", "特性",
            "因素", "阶段", "階段", "时期", "层次", "層次", "要素", "措施", "渠道", "指标", "功能", "规律", "作用", "条件",
            "要求", "技能", "素质", "形式", "趋势", "途径", "标准", "环节", "优点", "缺点", "问题", "原因", "表现", "内容",
            "构成", "组成", "职能", "能力", "策略", "技巧", "手段", "工具", "环境", "法", "性")
_DIVIDED_INTO = re.compile(r"^[^，。；]{0,20}?(?:分为|分成)[一二三四五六七八九十两\d]+个?(阶段|時期|时期|层次|部分|环节|类型|方面)")
_STEPS = re.compile(r"步骤|[一二三四五六七八九十两\d]+\s*步|先后顺序|依次")


def _whole(graph: KnowledgeGraph, item: Node) -> str:
    """What the notes say of an item, whole (both halves of 「…；不同方面发展有先有后」), or its
    defining sentence when the whole is long or not its own."""
    text = _cut_reminder(strip_glued_heading((item.text or "").strip())).strip()
    if _GLOSS.match(text):
        return ""
    first = _definition(graph, item)
    if not first or _NOT_A_KEY_SENTENCE.search(first):
        return ""
    text = re.split(r"[。！？!?]", text, maxsplit=1)[0].strip().rstrip("；;，, ")  # up to the full stop, past a ；
    if (len(text) <= WHOLE_TEXT_CHARS and text.startswith(first) and plain_description(text)
            and not not_its_own(graph, item, text)):
        return text
    return first


def _ask(title: str, info: _ListInfo, count: str) -> str:
    """「X有哪些？」 for a category of members, 「简述X的步骤」 for ordered steps, 「简述X的主要内容」
    for a subject whose items are its content."""
    items = [i.title for i in info.items]
    tail = _stem_title(title)[-2:]
    if (_stem_title(title).endswith(_MEMBERS) or all(t.endswith(tail) for t in items)
            or re.search(r"[一二三四五六七八九十两\d]+\s*[种種类類个個项項条條大]", title)):
        return f"{title}有哪些{count}？"  # 常见的数据模型: 层次模型, 网状模型…
    divided = _DIVIDED_INTO.search(info.node.text or "")
    if divided and not title.endswith(divided.group(1)):  # 客户生命周期分为四个阶段
        return f"{title}分为哪几个{divided.group(1)}{count}？"
    heeded = re.search(r"应(注意|做到|遵循|坚持|把握)", info.node.text or "")
    if heeded:  # 绩效反馈面谈应注意以下四点
        return f"{title}应{heeded.group(1)}哪些方面{count}？"
    if _LEVELS.search(title):
        return f"{title}包括哪几个层次{count}？"  # levels are no steps: 教育目的的层次结构
    if _PROCEDURE.search(title):
        return f"简述{title}{count}。"  # 面试的基本程序 is its steps: no 「的步骤」, no 「的主要内容」
    if _STEPS.search(f"{info.node.title} {info.node.text or ''}"):
        return f"简述{title}{'' if title.endswith('步骤') else '的步骤'}{count}。"
    if all(len(t) <= PLAIN_ITEM_CHARS and not re.search(r"[，,；;。]", t) for t in items):
        # A plain list of terms is recalled, not described: 「老年人常见的心理变化有哪些？」, not
        # 「简述老年人常见的心理变化的主要内容」 (nor 「…中的三核的主要内容」).
        return f"{title}{'有' if title.endswith(_HAS) else '包括'}哪些{count}？"
    return f"简述{title}的主要内容{count}。"


PLAIN_ITEM_CHARS = 10
_LEVELS = re.compile(r"层次结构|層次結構|层次|層次|层级|層級$")
_PROCEDURE = re.compile(r"(?:程序|流程|步骤|步驟|环节|環節)$")
_HAS = ("项目", "項目", "变化", "變化", "表现", "表現", "现象", "現象", "问题", "問題")
