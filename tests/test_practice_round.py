"""Practice rounds: shuffled options keep the answer right, answers are stored in the original letters."""

import random

from cskexam.core.questions import Question
from cskexam.services.practice import grade_answer
from cskexam.services.practice_round import PracticeRound, shuffle_options

SINGLE = Question("q1", "单选", "指提供不同的产品以满足相同需求的竞争者是", "B",
                  {"A": "愿望竞争者", "B": "普通竞争者", "C": "产品形式竞争者", "D": "品牌竞争者"})
MULTI = Question("q2", "多选", "下列属于宏观环境分析的有", ["A", "C"],
                 {"A": "市场人口", "B": "销售环境", "C": "技术环境", "D": "服务环境", "E": "营销环境"})


def test_shuffled_options_keep_their_texts_and_the_right_answer():
    for seed in range(20):
        for q in (SINGLE, MULTI):
            mixed = shuffle_options(q, random.Random(seed))
            shown = mixed.shown
            assert list(shown.options) == list(q.options)  # lettered A, B, … again
            assert sorted(shown.options.values()) == sorted(q.options.values())
            right_texts = {q.options[a] for a in q.answer}
            assert {shown.options[a] for a in shown.answer} == right_texts
            # the right answer given to the shown question is right in the original's letters
            given = shown.answer if q.type == "单选" else "".join(shown.answer)
            assert grade_answer(q, mixed.given_to_original(given))[0].correct


def test_a_round_stores_answers_against_the_original():
    rnd = PracticeRound.start([SINGLE, MULTI], "顺序", random.Random(3), shuffle=True)
    for q in rnd.questions:
        stored, given = rnd.original(q, q.answer if q.type == "单选" else "".join(q.answer))
        assert stored is (SINGLE if q.id == "q1" else MULTI)
        assert grade_answer(stored, given)[0].correct
    plain = PracticeRound.start([SINGLE], "顺序", random.Random(3))
    assert plain.original(SINGLE, "B") == (SINGLE, "B")
