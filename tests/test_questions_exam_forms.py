"""Questions a paper would not print, whatever notes they come from: names recited as 简答."""

import random

from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.question_quality import names_list
from cskexam.core.questions import generate_questions

EDUCATORS = """# 教育学基础背诵

### 西方教育学代表人物
- 苏格拉底
- 柏拉图
- 亚里士多德
- 昆体良

### 教育学的代表著作
《大教学论》、《普通教育学》、《民主主义与教育》

### 影响人身心发展的因素
遗传、环境、学校教育、个体主观能动性
"""


def test_a_list_of_names_is_no_short_answer_question():
    graph = parse_notes([NoteSource("edu.md", EDUCATORS)])
    shorts = [q.stem for q in generate_questions(graph, random.Random(1)) if q.type == "简答"]
    assert not any("代表人物" in s or "著作" in s for s in shorts), shorts
    assert any("影响人身心发展的因素" in s for s in shorts), shorts  # things of a kind still are


def test_names_lists_are_told_by_their_name_or_by_book_marks():
    assert names_list("西方教育学代表人物", ["苏格拉底", "柏拉图"])
    assert names_list("中国古代教育家", ["孔子", "孟子"])
    assert names_list("教育学著作", ["大教学论", "普通教育学"])
    assert names_list("必读书", ["《大教学论》", "《普通教育学》", "《爱弥儿》"])
    assert not names_list("教育的基本要素", ["教育者", "受教育者", "教育影响"])
    assert not names_list("知觉的基本特性", ["选择性", "整体性", "理解性", "恒常性"])


TABLE_RUN_ON = """# 项目管理师笔记
* 组织结构类型
\t* 职能型
\t* 项目型
\t* 矩阵型
\t\t* 弱矩阵
\t\t* 平衡矩阵
\t\t* 强矩阵

| 组织结构 | 项目经理权力 |
| :-- | :-- |
| 职能型 | 很小或没有 |
| 项目型 | 很高甚至全权 |

## 组织结构的形式
- 直线职能制：以直线为基础，设职能部门作为参谋
- 事业部制：集中决策，分散经营
- 矩阵制：双重领导，灵活机动

> 事业部制最早由美国通用汽车公司的斯隆提出。
"""


def test_a_table_or_a_remark_run_into_an_item_is_not_asked_as_what_the_item_is():
    graph = parse_notes([NoteSource("pm.md", TABLE_RUN_ON)])
    for q in generate_questions(graph, random.Random(1)):
        assert "很小或没有" not in q.stem and "项目经理权力" not in q.stem, q.stem
        assert "斯隆" not in q.stem or q.type == "填空" and q.answer == "事业部制", (q.stem, q.answer)


ETIQUETTE = """# 客户服务管理师笔记
## 第三章 客户沟通
### 员工招聘的基本程序
#### 招募
1. 制定招聘计划
2. 发布招聘信息
3. 应聘者提出申请
#### 接听电话
1. 铃响三声之内接听
2. 先问候，再自报单位和姓名
3. 认真记录来电内容
### 有效倾听的步骤
1. 准备倾听
2. 发出准备倾听的信息
3. 采取积极的行动
4. 理解对方全部的信息
"""


def test_no_blank_in_a_list_of_clauses_nor_an_answer_another_entry_shows():
    graph = parse_notes([NoteSource("phone.md", ETIQUETTE)])
    for q in generate_questions(graph, random.Random(1)):
        if q.kind == "cloze_list":
            assert "自报单位" not in q.stem, q.stem  # steps said as clauses
            assert q.answer != "准备倾听", q.stem  # 发出准备倾听的信息 shows it


def test_a_sub_list_is_named_as_part_of_its_heading():
    from cskexam.core.question_names import list_name

    graph = parse_notes([NoteSource("phone.md", ETIQUETTE)])
    node = next(n for n in graph if n.title == "招募")
    assert list_name(graph, node) == "员工招聘的基本程序中的招募"  # not 员工招聘的基本程序的招募


def test_a_traditional_count_after_a_heading_is_no_part_of_its_name():
    from cskexam.core.card_text import heading_name

    assert heading_name("會議的基本要素有六個") == "會議的基本要素"
    assert heading_name("會議的要素（共五項）") == "會議的要素"


OFFICE = """# 秘书笔记
## 办公室管理
### 办公环境管理
1. 办公环境的组成
2. 办公环境的要求
3. 办公环境的检查
### 加里培林的五阶段
活动定向、物质活动、出声的外部言语、不出声的外部言语、内部言语
"""


def test_facets_of_one_thing_are_no_list_to_blank_and_a_count_is_said_once():
    graph = parse_notes([NoteSource("office.md", OFFICE)])
    questions = generate_questions(graph, random.Random(1))
    assert not [q for q in questions if q.type == "填空" and "办公环境的组成" in q.stem]
    for q in questions:
        assert "五阶段（共5项）" not in q.stem, q.stem
