"""Text under an item that is not said of it gives it no question and no card.

Notes run a paragraph after a list into its last item: 「德尔菲法又称专家调查法…」 under
趋势外推预测法, 「上述四个阶段的顺序不变…」 under 形式运算阶段. Asked as what the item is, the key
would be wrong; a stem quoting 「上述…」 or 「以下几种…」 points at a list it does not show.
"""

import random

from cskexam.core.cards import generate_cards
from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.question import Question
from cskexam.core.question_lint import lint_questions
from cskexam.core.questions import generate_questions

FORECAST = """人力资源管理师备考整理
第二节 人力资源需求预测
一、定性预测方法
1.经验预测法
2.描述法
3.德尔菲法
二、定量预测方法
1.转换比率分析法
2.一元回归分析法
3.趋势外推预测法
德尔菲法又称专家调查法，其特点是吸取专家意见，采取匿名方式，进行多轮反馈。
和经验预测法相比，德尔菲法更适合长期预测。
"""

PIAGET = """# 教师资格证背诵要点

### 皮亚杰认知发展阶段
- 感知运动阶段
- 前运算阶段
- 具体运算阶段
- 形式运算阶段

上述四个阶段的顺序不变，但各阶段出现的年龄因人而异。

### 遗忘的原因
1. 衰退说：遗忘是记忆痕迹得不到强化而逐渐减弱以致消退的结果。
2. 干扰说：遗忘是因为在学习和回忆之间受到其他刺激的干扰。
3. 压抑说：遗忘是由于情绪或动机的压抑作用引起的。
4. 提取失败说：遗忘是一时难以提取出所需要的信息。
"""

CIPHERS = """# 软件设计师笔记
### 非对称加密算法
- RSA
- ECC
- DSA

以下几种不属于加密算法，而是摘要算法，考试常混淆。
"""


def _graph(name, text):
    return parse_notes([NoteSource(name, text)])


def test_a_paragraph_run_into_the_last_item_is_not_asked_as_what_the_item_is():
    graph = _graph("forecast.txt", FORECAST)
    for q in generate_questions(graph, random.Random(1)):
        if "专家调查法" in q.stem or "长期预测" in q.stem:
            # only a blank asking the term the sentence names itself
            assert q.type == "填空" and q.answer == "德尔菲法", (q.stem, q.answer, q.options)


def test_a_card_of_a_paragraph_run_into_an_item_does_not_name_that_item():
    graph = _graph("forecast.txt", FORECAST)
    for c in generate_cards(graph):
        assert "趋势外推预测法" not in c.front or "专家" not in c.front and "长期" not in c.front, c.front


def test_a_sentence_pointing_at_a_list_not_shown_is_no_stem():
    for name, text in (("piaget.md", PIAGET), ("ciphers.md", CIPHERS)):
        graph = _graph(name, text)
        for q in generate_questions(graph, random.Random(1)):
            assert "上述" not in q.stem and "以下几种" not in q.stem, q.stem
        assert not [f for f in lint_questions(generate_questions(graph, random.Random(1)), graph) if f.kind == "form"]


def test_a_blank_is_never_the_topic_its_list_is_named_by():
    graph = _graph("piaget.md", PIAGET)
    for q in generate_questions(graph, random.Random(1)):
        if q.type == "填空":
            assert q.answer != "遗忘", q.stem


def test_the_lint_reports_stems_pointing_at_an_unshown_list_or_starting_mid_sentence():
    unshown = Question("g-1", "判断", "上述四项中，完善性维护所占比重最大。", "对")
    listed = Question("g-2", "填空", "以下几种不属于加密算法：____。", "MD5")
    mid = Question("g-3", "填空", "的核心是____。", "客户")
    choice = Question("g-4", "单选", "下列属于对称加密算法的是（ ）。", "A",
                      {"A": "AES", "B": "RSA", "C": "ECC", "D": "DSA"})
    fine = Question("g-5", "判断", "及时性属于服务质量的维度。", "对")
    found = {f.question for f in lint_questions([unshown, listed, mid, choice, fine]) if f.kind == "form"}
    assert found == {"g-1", "g-2", "g-3"}
