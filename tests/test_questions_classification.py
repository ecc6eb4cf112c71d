"""Distractors for 「下列属于X的是」 come only from the lists of X's own classification.

An item of another classification of the same parent (单元测试 by stage, for 动态测试 by whether
the program runs) can belong to X as well: the key would be disputable. An item of another
subject in the same file (春节 for 四大发明), or of a list of the same shape under another
heading (软件质量特性's 可靠性 for 信息安全的基本属性), is no fair wrong answer either.
"""

import random

from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.questions import _Context, generate_questions

TESTING = """# 软件测试笔记

## 软件测试的分类

### 按是否执行程序分类
#### 静态测试
1. 代码审查
2. 代码走查
3. 技术评审
#### 动态测试
1. 黑盒测试
2. 白盒测试
3. 灰盒测试

### 按测试阶段分类
1. 单元测试
2. 集成测试
3. 系统测试
4. 验收测试

## 软件工程

### 软件质量特性
功能性、可靠性、易用性、效率性、维护性、可移植性

## 信息安全

### 信息安全的基本属性
保密性、完整性、可用性

## 中国传统文化

### 四大发明
造纸术、印刷术、火药、指南针

### 传统节日
春节、端午节、中秋节、重阳节
"""


def _questions():
    graph = parse_notes([NoteSource("testing.md", TESTING)])
    return graph, generate_questions(graph, random.Random(1))


def _offered(q) -> set[str]:
    return set(q.options.values()) if q.options else {q.stem}


def test_items_of_another_classification_of_the_same_parent_are_never_distractors():
    _, questions = _questions()
    stages = {"单元测试", "集成测试", "系统测试", "验收测试"}
    for q in questions:
        if "动态测试" in q.stem or "静态测试" in q.stem:
            texts = [q.stem, *q.options.values()]
            assert not any(s in t for s in stages for t in texts), q.stem


def test_the_lists_of_one_classification_are_each_others_distractors():
    graph, _ = _questions()
    ctx = _Context(graph)
    by_title = {info.node.title: info for info in ctx.lists}
    assert set(ctx.outsiders(by_title["动态测试"])) == {"代码审查", "代码走查", "技术评审"}


def test_no_item_of_another_subject_in_the_same_file_is_offered():
    graph, questions = _questions()
    ctx = _Context(graph)
    by_title = {info.node.title: info for info in ctx.lists}
    assert ctx.outsiders(by_title["四大发明"]) == []  # 传统节日 is beside it, but names no kind of invention
    assert ctx.outsiders(by_title["信息安全的基本属性"]) == []  # 可靠性 is a quality of software, elsewhere
    festivals = {"春节", "端午节", "中秋节", "重阳节"}
    quality = {"功能性", "可靠性", "易用性", "效率性", "维护性", "可移植性"}
    for q in questions:
        text = q.stem + "".join(q.options.values())
        if "四大发明" in q.stem:
            assert not any(f in text for f in festivals), q.stem
        if "信息安全" in q.stem:
            assert not any(f in text for f in quality), q.stem


def test_without_enough_safe_distractors_no_choice_question_is_made():
    _, questions = _questions()
    for q in questions:
        if q.type in ("单选", "多选"):
            assert "四大发明" not in q.stem and "信息安全" not in q.stem, q.stem


def test_classes_of_one_division_share_the_kind_they_name():
    from cskexam.core.question_context import one_classification

    assert one_classification("静态测试", "动态测试")
    assert one_classification("宏观环境分析", "微观环境")
    assert one_classification("过程型", "内容型")
    assert one_classification("内部客户的特点", "外部客户的特点")
    assert not one_classification("按是否执行程序分类", "按测试阶段分类")
    assert not one_classification("四大发明", "传统节日")
    assert not one_classification("协作机制", "监督与改进")
    assert not one_classification("时间管理的方法", "值班工作的方法")


def test_a_list_the_notes_mark_as_partial_is_asked_in_no_question():
    from cskexam.core.notes import NoteSource, parse_notes
    from cskexam.core.questions import generate_questions

    text = ("证券笔记\n一、内幕交易\n1. 内幕信息知情人（部分）：发行人董监高、持股5%以上股东、实际控制人、证券监管机构工作人员\n"
            "2. 证券市场的参与者有四类：发行人、投资者、中介机构、监管机构\n")
    questions = generate_questions(parse_notes([NoteSource("zq.txt", text)]), random.Random(1))
    said = " ".join(q.stem + " " + " ".join(q.options or []) + " " + str(q.answer) for q in questions)
    assert "知情人" not in said and "董监高" not in said
    assert "中介机构" in said  # the complete list next to it is asked
