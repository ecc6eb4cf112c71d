"""How generated questions name a list: a list's title as a paper prints it (宏观环境分析 →
宏观环境, 信息系统由六个要素组成 → 信息系统的组成要素, 过程型 under 激励理论 → 过程型激励理论),
with its context where the title alone does not say whose it is; which titles are names at all.

Pure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cskexam.core.card_text import heading_name, list_heading
from cskexam.core.exam_asks import asks_exam_question
from cskexam.core.modal_words import modal_tail
from cskexam.core.graph import KnowledgeGraph, Node


# A list title that reads as an outline heading, not as the name of a thing:
# 组织结构项目的客户服务组织机构包括以下部门和职责, 严格按照规定的上下班时间打卡.
_HEADING_WORDS = re.compile(r"包括|以下|如下|按照|将使|受益|分为|简述|是什么|哪些|体现|要做到|[:：,，。；;（）()“”\"「」?？]")
_GENERIC_TITLES = {"部门", "组织结构", "组织机构", "岗位职责", "职责", "基础知识部分", "重点内容"}


# A criterion of a division (按会议性质分, 根据来源), not the name of a thing.
_CRITERION = re.compile(r"^(可按|可以按|可分|按|依|根据|按照|从|对待|关于)")


def _nameable(title: str) -> bool:
    # 试论述…, 如何提高…: an exam's question names no thing a stem may say something of.
    return (3 <= len(title) <= 12 and not _HEADING_WORDS.search(title) and title not in _GENERIC_TITLES
            and not _CRITERION.match(title) and not asks_exam_question(title))


_ASIDE_TAIL = re.compile(r"\s*[(（][^()（）]{1,8}[)）]$")

_DIVIDED = re.compile(r"^([\u4e00-\u9fff]{2,10}?)(?:可)?(?:分为|分成)([一二三四五六七八九十两\d]+)(?:个|種|种|项|項)?([\u4e00-\u9fff]{2,4})$")
# 信息系统由六个要素组成: 信息系统的要素; a sentence, not a name.
_MADE_OF = re.compile(r"^([\u4e00-\u9fff]{2,10}?)(?:是)?由([一二三四五六七八九十两\d]+)个?([\u4e00-\u9fff]{1,4}?)(?:组成|构成|組成|構成)$")

# 「常用方法有」, 「主要包括」: a lead-in cut off before its list, not a name.
_LEAD_TAIL = re.compile(r"(有|是|为|包括|如下|分为)$")


def _owner(head: str) -> str:
    """The owner a 分为/由…组成 sentence names, without its modal (客户投诉一般分为… → 客户投诉)."""
    return head[:modal_tail(head)]


def list_title(graph: KnowledgeGraph, node: Node) -> str:
    """The list's own title less a run-on count (RFM模型 3个指标) or a part it does not list
    (职业道德的含义与特点 over its traits): see ``card_text.list_heading``."""
    items = [k.title for k in graph.children(node.id) if k.kind == "item"]
    return list_heading(node.title, node.count, items)


def list_name(graph: KnowledgeGraph, node: Node) -> str:
    """The list's name with its context: 心理素质 under 投诉处理人员的素质要求 is asked as
    「投诉处理人员的素质要求中的心理素质」; a lead-in (常用方法有) loses its verb."""
    own = list_title(graph, node)
    title = _LEAD_TAIL.sub("", _stem_title(_ASIDE_TAIL.sub("", own))) or own
    divided = _DIVIDED.match(title)
    if divided and node.count:  # 客户生命周期分为五个阶段: 客户生命周期的阶段
        title = f"{_owner(divided.group(1))}的{divided.group(3)}"
    made_of = _MADE_OF.match(title)
    if made_of:  # 信息系统由六个要素组成: 信息系统的组成要素
        title = f"{_owner(made_of.group(1))}的组成{made_of.group(3)}"
    parent = graph.parent(node.id)
    if parent is None or parent.kind == "document" or parent.kind == "chapter" and "的" not in parent.title:
        return title  # a chapter named by a subject is no owner: 社会心理学的人际吸引, 会计概述的会计要素
    ptitle = _stem_title(parent.title)
    if short_kind(title) and 2 <= len(ptitle) <= 8 and "的" not in ptitle:
        return f"{title}{ptitle}"  # 过程型 under 激励理论: 过程型激励理论
    if ptitle.endswith(_CLASSES):
        # 下行文 under 公文的种类 is the name of a kind itself; 企业客户 under 客户信息的类型 names
        # a kind of 客户, not of 客户信息: 企业客户信息.
        return _kind_of(title, ptitle[:-2].removesuffix("的")) or title
    if title in ptitle:
        at = ptitle.index(title)
        head = ptitle[:at]
        if re.match(r"[与與和及、]", ptitle[at + len(title):]) or re.search(r"[与與和及、]$", head):
            # 沟通的要素 under 沟通的要素与技巧 is one of its two topics, not the heading; 激发 under
            # 学习动机的培养与激发 is 学习动机的激发.
            return head[: head.rindex("的") + 1] + title if "的" in head else title
        return ptitle  # 职业素养 under 客户服务人员的职业素养 is that list itself
    if title.endswith(_NAMED) and len(title) >= 4:
        return title  # 期望理论 under 过程型激励理论 is a name of its own
    # 外部环境因素 under 影响人力资源需求的因素, 定量方法 under …预测方法: one kind of the
    # heading's kind, which says whose only with the heading.
    same_tail = len(title) >= 4 and len(ptitle) >= 4 and title[-2:] == ptitle[-2:] and len(title) - 2 <= 4
    # 四个行为区域 under 服务蓝图: a count and a noun say of nothing whose they are, unless they share a
    # word with the heading (五种基本运输方式 under 运输方式的选择).
    bare = bool(_BARE_COUNT.match(title)) and not NOTES_TITLE.search(parent.title) and not any(
        ptitle[i:i + 2] in title for i in range(len(ptitle) - 1))
    generic = title != _stem_title(own) or len(title) <= 4 or same_tail or bare
    if (not generic or ptitle in title or not 2 <= len(ptitle) <= 14 or _CRITERION.match(ptitle)
            or ptitle in _GENERIC_TITLES or ptitle.endswith(("部分", "内容", "重点", "考点", "笔记"))):
        return title
    if len(title) >= 4 and re.search(r"[与與和及、]", ptitle) and "的" not in ptitle:
        return title  # 商品验收 under 入库与出库作业: a heading of two topics owns neither of its points
    owner, _, kind = ptitle.rpartition("的")
    if owner and "的" in title and re.search(r"[与與和及、]", kind):
        return title  # 倾听的技巧 under 沟通的要素与技巧 says whose itself: no 沟通的倾听的技巧
    if owner and kind in ("内容", "构成", "组成", "構成", "組成"):
        return f"{owner}中的{title}"  # 服务信息 under 客户信息的内容: 客户信息中的服务信息
    if owner and any(kind[i:i + 2] in title for i in range(len(kind) - 1)):
        return f"{owner}的{title}"  # 投诉处理人员的素质要求 › 心理素质: 投诉处理人员的心理素质
    # Whose: 客户服务人员的职业素养. Otherwise a part of a heading: 员工招聘的渠道中的外部招募, not
    # 员工招聘的渠道的外部招募; 电话沟通礼仪中的接听电话, not 电话沟通礼仪的接听电话.
    # 客户服务环境的宏观环境 is one of its kind.
    whose = (ptitle.endswith(_OWNERS) or ptitle[-2:] == title[-2:] or bare) and "的" not in ptitle
    if whose and ptitle[-2:] == title[-2:] and len(ptitle) >= 5 and not ptitle[:-2].endswith("的"):
        return f"{ptitle[:-2]}的{title}"  # 人力资源需求预测的定量方法, not …预测方法的定量方法
    return f"{ptitle}的{title}" if whose else f"{ptitle}中的{title}"


# 四个行为区域, 三條分界線: a count and a noun, the name of no thing of its own.
_BARE_COUNT = re.compile(r"^[一二三四五六七八九十两兩\d]+\s*(?:个|個|种|種|类|類|项|項|条|條|大|点|點|层|層|级|級)"
                         r"[\u4e00-\u9fff]{1,6}$")  # a measure word: 一般资料 is no count


def _kind_of(title: str, owner: str) -> str:
    """The name of a kind of ``owner`` labelled by ``title`` where the label ends on what the owner
    begins with (企业客户, 客户信息 → 企业客户信息); "" when the label names the kind alone."""
    if len(owner) < 3 or title.endswith(owner) or title[-1:] == owner[-1:]:
        return ""
    for k in range(min(len(title), len(owner) - 1), 1, -1):
        if title.endswith(owner[:k]):
            return title + owner[k:]
    return ""


# Words that make a title the name of a set of notes, not of a subject.
NOTES_TITLE = re.compile(r"笔记|筆記|重点|重點|知识点|知識點|复习|複習|讲义|講義|整理|考点|考點|汇总|彙總|课件|課件|资料|"
                         r"提纲|提綱|速记|速記|攻略|总结|總結|必背|精编|精編|零碎|[|｜(（]")
_OWNERS = ("人员", "者", "员", "师", "部", "部门", "公司", "企业", "组织", "机构", "中心", "学生", "教师", "客户", "顾客")
_NAMED = ("理论", "学说", "定律", "法则", "模型")
_CLASSES = ("种类", "種類", "类型", "類型", "分类", "分類", "类别", "類別")


# Words 分析 makes one term with (统计分析, 数据分析): 客户投诉的统计分析 is not 客户投诉的统计.
_ANALYSED = ("统计", "数据", "需求", "原因", "趋势", "成本", "对比", "比较", "案例", "因素", "定量", "定性",
             "性", "型", "式")  # 描述性研究, 实验型研究: the study is the name, not the thing studied


_COUNTED_NAME = re.compile(r"^([\u4e00-\u9fffA-Za-z]{2,10}?)(?:的|有|具有|包括)[一二三四五六七八九十两\d]+[个個种種项項]"
                           r"([\u4e00-\u9fff]{2,6})$")


@lru_cache(maxsize=8192)  # asked for every list and item, many times over
def _stem_title(title: str) -> str:
    """宏观环境分析 is asked as 宏观环境: 「下列属于宏观环境分析的是」 is no paper's wording; the
    lead-in the notes wrote after a name (…的类型主要有四类包括) is no part of it."""
    title = heading_name(title)
    counted = _COUNTED_NAME.match(title)
    if counted:  # 知觉有四个基本特性: 知觉的基本特性; 婴儿期言语发展的三个阶段: 婴儿期言语发展的阶段
        title = f"{counted.group(1)}的{counted.group(2)}"
    for tail in ("的方面", "的部分"):
        if title.endswith(tail) and len(title) - len(tail) >= 2:
            return title[: -len(tail)]  # 质量属性的六个方面: 质量属性
    for tail in ("分析", "研究"):
        head = title[: -len(tail)]
        if (title.endswith(tail) and len(head) >= 3 and not head.endswith(_ANALYSED)
                and re.search(r"[\u4e00-\u9fff]", head)):  # SWOT分析 stays
            return head
    return title


def short_kind(title: str) -> bool:
    """过程型, 内容型: a kind named by its qualifier alone, which needs its heading (激励理论)."""
    return 2 <= len(title) <= 3 and title.endswith(("型", "类")) and not title.endswith(("模型", "类型", "原型", "分类"))


def kind_tail(titles: list[str]) -> str:
    """The two-character ending every item of a list shares (需要 of 生存需要, 成长发展需要):
    what kind of thing they are; "" when they share none."""
    tails = {t[-2:] for t in titles if len(t) >= 3}
    if len(tails) == 1 and len(titles) >= 2 and all(len(t) >= 3 for t in titles):
        tail = tails.pop()
        return tail if re.fullmatch(r"[\u4e00-\u9fff]{2}", tail) else ""
    return ""


def _head(title: str) -> tuple[str, str]:
    """A class name's owner and the kind it names: 内部客户的特点 → (内部客户, 特点); 动态测试 → ("", 测试)."""
    owner, _, name = _stem_title(title).rpartition("的")
    return owner, name


def one_classification(a: str, b: str) -> bool:
    """Two list titles are classes of one division: they name the same kind (静态测试, 动态测试;
    宏观环境, 微观环境; 过程型, 内容型), and what they are of is the same or of one kind too
    (内部客户的特点, 外部客户的特点). A criterion (按测试阶段) is a division of its own; 四大发明
    and 传统节日 name no common kind; 时间管理的方法 and 值班工作的方法 are of unrelated things."""
    if _CRITERION.match(a) or _CRITERION.match(b):
        return False
    (owner_a, name_a), (owner_b, name_b) = _head(a), _head(b)
    if short_kind(name_a) and short_kind(name_b):
        same_kind = name_a[-1] == name_b[-1]
    else:
        same_kind = (len(name_a) >= 2 and name_a == name_b) or (
            len(name_a) >= 3 and len(name_b) >= 3 and name_a[-2:] == name_b[-2:])
    if not same_kind:
        return False
    if owner_a and owner_b and owner_a != owner_b:
        return len(owner_a) >= 3 and len(owner_b) >= 3 and owner_a[-2:] == owner_b[-2:]
    return True


def printed_list_name(graph: KnowledgeGraph, node: Node) -> str | None:
    """The name a paper would print for the list ``node``, or None for an outline heading that has none."""
    name = list_name(graph, node)
    return name if _nameable(name) or _nameable(_stem_title(node.title)) else None
