"""Doubtful nodes give no question: exercises in the notes, page furniture, field labels,
counts that disagree; stems read as a paper prints them (clauses, examples, sentence titles)."""

import random
import re

from cskexam.core.distractors import gives_away
from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.question_doubt import facet_list, furniture, stated_count
from cskexam.core.question_quality import attribute, noun_phrase, statement
from cskexam.core.questions import generate_questions


def _questions(name: str, text: str, seed: int = 7):
    graph = parse_notes([NoteSource(name, text)])
    return generate_questions(graph, random.Random(seed))


HANDOUT = """客户服务管理师考前讲义
第一章 客户服务概述
一、客户服务的特性
1、无形性：服务看不见摸不着，客户难以在购买前评价。
2、差异性：同一服务因人员、时间不同而质量不一。
3、不可分离性：服务的生产与消费同时进行。
4、易逝性：服务不能储存。
二、练习题
1. 下列属于客户服务特性的是（ ）
A. 无形性 B. 稳定性 C. 可储存性 D. 标准性
【答案】A
2. 客户服务的生产与消费同时进行。（ √ ）
三、客户服务的分类
按服务性质分为：技术性服务、非技术性服务。
比如：安装调试属于技术性服务。
"""


def test_an_exercise_in_the_notes_is_no_list_and_its_options_no_answers():
    questions = _questions("handout.txt", HANDOUT)
    assert questions
    for q in questions:
        text = " ".join([q.stem, *q.options.values(), str(q.answer)])
        assert "下列属于" not in q.stem.replace("下列属于客户服务的特性", "") or q.stem.count("下列") == 1, q.stem
        assert not re.search(r"的是的|属于下列|稳定性|可储存性|标准性|【答案】", text), text
    # the marked statement is still the 判断 it is meant to be
    assert any(q.kind == "judge_statement" and q.answer == "对" for q in questions)


def test_an_example_is_never_blanked():
    for q in _questions("handout.txt", HANDOUT):
        assert not re.search(r"(比如|例如)", q.stem), q.stem


def test_a_count_stated_in_a_lead_in_that_disagrees_gives_no_question():
    notes = """客户满意笔记
第二章 客户满意
一、客户满意度的影响因素有四个：
1、产品因素
2、服务因素
3、价格因素
二、客户满意的层次有三个：
1、物质满意层
2、精神满意层
3、社会满意层
"""
    questions = _questions("satisfaction.txt", notes)
    assert not any("价格因素" in q.stem or "价格因素" in str(q.answer) for q in questions)
    assert any("社会满意层" in q.stem + str(q.answer) for q in questions)  # three said, three found


def test_field_labels_are_no_list():
    notes = """教育学笔记
第一章 教育的起源
一、神话起源说
代表人物：朱熹
观点：教育是神创造的
二、生物起源说
代表人物：利托尔诺
观点：教育起源于动物的本能
"""
    for q in _questions("origin.txt", notes):
        assert "代表人物" not in q.stem + str(q.answer) + "".join(q.options.values()), q.stem
    assert facet_list(["代表人物", "观点"]) and not facet_list(["无形性", "差异性", "易逝性"])


def test_page_furniture_and_stated_counts():
    assert furniture("第 3 页") and furniture("— 3 —") and furniture("P12") and not furniture("首次解决率")
    assert furniture("客户服务讲义第二版全文", {"客户服务讲义第二版全文"})

    class N:
        def __init__(self, title, text=""):
            self.title, self.text = title, text

    assert stated_count(N("客户满意", "度的影响因素有四个：")) == 4
    assert stated_count(N("质量属性的六个方面")) == 6
    assert stated_count(N("客户服务的特性")) is None


def test_a_clause_is_said_of_its_subject_as_a_paper_says_it():
    assert noun_phrase("规定时间内接起电话的比例") and noun_phrase("因市场上没有其他选择而产生的忠诚")
    assert not noun_phrase("客户别无选择") and not noun_phrase("服务的生产与消费同时进行")
    assert not noun_phrase("客户对企业有强烈的偏好")
    assert attribute("垄断忠诚", "客户别无选择") == "客户别无选择，这属于垄断忠诚"
    assert attribute("放弃率", "客户挂断未接通电话的比例") == "放弃率是客户挂断未接通电话的比例"
    assert statement("方便忠诚", "因地点便利而重复购买") == "因地点便利而重复购买的是方便忠诚"


BLOG = """# 客户关系管理重点

## 客户忠诚的类型

1. 垄断忠诚：客户别无选择。
2. 惰性忠诚：客户因惰性不愿寻找新的供应商。
3. 潜在忠诚：客户想购买但受条件限制。
4. 方便忠诚：因地点便利而重复购买。
5. 超值忠诚：客户对企业有强烈的偏好。

## 坐席代表应具备的能力

**沟通能力**：善于倾听，表达清楚。
**应变能力**：能处理突发情况。
**学习能力**：及时掌握新业务。
"""


def test_no_stem_glues_a_clause_to_its_subject_with_shi():
    questions = _questions("crm.md", BLOG)
    assert any(q.kind == "single_definition" for q in questions)
    for q in questions:
        texts = [q.stem, *q.options.values()]
        for t in texts:
            assert not re.search(r"(忠诚|能力|（ ）)是(客户|善于|能|及时|因)", t), t
            assert "”指的是" not in t and "”说的是" not in t, t


def test_options_of_two_kinds_give_the_key_away_by_length():
    # 智力、感知觉 among clauses of another list: the short ones are the key
    options = {"A": "智力", "B": "为人处世日益稳重", "C": "内省日趋明显", "D": "自我中心的回归", "E": "感知觉"}
    assert gives_away("下列属于老年期的心理变化的有（ ）。", options, ["A", "E"], words=False)
    single = {"A": "原型", "B": "测量与分析方法", "C": "隐式调用风格", "D": "基于度量的评估"}
    assert gives_away("下列属于创建型模式的是（ ）。", single, ["A"], words=False)


SOFT = """软考架构师零碎知识点
1. 创建型模式：工厂方法、抽象工厂、生成器、原型、单例。
2. 质量属性的评估方法：基于场景、基于问卷、基于度量。
3. 软件架构风格：数据流风格、调用返回风格、独立构件风格、虚拟机风格。
4. 信息系统由六个要素组成：计算机硬件、计算机软件、数据库、网络、存储设备、规章制度。
"""


def test_topics_of_a_set_of_notes_are_no_distractors_to_each_other():
    questions = _questions("soft.txt", SOFT)
    for q in questions:
        assert "零碎知识点" not in q.stem, q.stem
        if q.kind in ("single_member", "multi_members", "single_not_member", "multi_not_members"):
            raise AssertionError(f"a list with no kin beside it gave {q.stem} {q.options}")
    for q in questions:
        assert "由六个要素组成" not in q.stem, q.stem


def test_a_kind_under_its_classification_is_named_by_itself():
    notes = """秘书笔记
一、公文的种类
（一）下行文
1. 命令
2. 决定
3. 通知
4. 批复
（二）上行文
1. 请示
2. 报告
3. 意见
"""
    stems = [q.stem for q in _questions("docs.txt", notes)]
    assert stems and not any("种类的下行文" in s or "种类的上行文" in s for s in stems), stems


OFFICE = """秘书实务笔记
一、办公室管理
（一）时间管理的方法
1. 帕累托原则
2. ABC分类法
3. 时间日志法
（二）值班工作的内容
1. 处理来电来函
2. 接待来访人员
3. 做好值班记录
4. 掌握领导的行踪
"""


def test_lists_beside_each_other_of_other_heads_are_no_distractors():
    # 时间管理的方法 and 值班工作的内容 share a heading, not a kind: duties are no wrong methods
    for q in _questions("office.txt", OFFICE):
        if q.options:
            values = "".join(q.options.values())
            assert not ("帕累托原则" in values and "值班记录" in values), (q.stem, q.options)


MOTIVES = """教育心理学笔记
一、学习动机的理论
1. 强化理论：代表人物斯金纳
2. 需要层次理论：代表人物马斯洛
3. 成就动机理论：代表人物阿特金森
4. 成败归因理论：代表人物韦纳
5. 自我效能感理论：代表人物班杜拉
二、三级封锁协议
一级 + 读前加 S 锁，事务结束才释放 → 还能防止不可重复读。
"""


def test_a_field_label_or_a_formula_is_no_description():
    for q in _questions("motives.txt", MOTIVES):
        for text in [q.stem, *q.options.values()]:
            assert "是代表人物" not in text and "代表人物" not in text.split("，")[0][:4], text
            assert "→" not in text and "+" not in text, text


def test_counted_and_short_kind_titles_are_named_as_a_paper_names_them():
    notes = """心理学笔记
一、知觉
（一）知觉有四个基本特性
1. 选择性
2. 整体性
3. 理解性
4. 恒常性
二、激励理论
（一）内容型
1. 需要层次理论
2. 双因素理论
3. 成就需要理论
（二）过程型
1. 期望理论
2. 公平理论
3. 目标设置理论
"""
    stems = [q.stem for q in _questions("psy.txt", notes, seed=3)]
    assert stems
    for s in stems:
        assert "知觉有四个基本特性" not in s and "（共4项）" not in s or "知觉的基本特性" in s, s
        assert not re.search(r"属于(过程|内容)型的|理论的(过程|内容)型", s), s  # 过程型激励理论, not a bare 过程型


def test_a_subject_chapter_is_no_owner_and_a_term_keeps_its_name():
    from cskexam.core.question_names import _stem_title, short_kind

    notes = """# 软件设计师笔记
## 软件工程
### 开发模型
1. 瀑布模型：阶段顺序进行
2. 螺旋模型：加入风险分析
3. 敏捷方法：迭代增量
## 计划
### SWOT分析
1. 优势
2. 劣势
3. 机会
4. 威胁
"""
    stems = [q.stem for q in _questions("se.md", notes)]
    assert stems
    for s in stems:
        assert "开发模型软件工程" not in s and "软件工程的开发模型" not in s and "计划的SWOT" not in s, s
    assert _stem_title("SWOT分析") == "SWOT分析" and _stem_title("质量属性的六个方面") == "质量属性"
    assert short_kind("过程型") and not short_kind("开发模型") and not short_kind("类型")


def test_a_sub_kind_is_no_wrong_answer_to_its_kind():
    notes = """教育心理学笔记
一、学习策略
1. 认知策略
2. 元认知策略
3. 资源管理策略
二、认知策略
1. 复述策略
2. 精细加工策略
3. 组织策略
三、元认知策略
1. 计划策略
2. 监视策略
3. 调节策略
四、客户关系分为五种类型
1. 基本型
2. 被动型
3. 负责型
4. 能动型
5. 伙伴型
"""
    for q in _questions("strategies.txt", notes):
        if q.stem.startswith(("下列属于学习策略", "下列不属于学习策略")):
            assert not set(q.options.values()) & {"复述策略", "精细加工策略", "组织策略", "计划策略", "监视策略",
                                                  "调节策略"}, (q.stem, q.options)
        assert "种类型" not in q.stem, q.stem
