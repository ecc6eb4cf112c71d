"""The examiner's lint over generated and authored questions."""

from __future__ import annotations

import random

import pytest

from cskexam.core.question_lint import COUNT, DUPLICATE, GIVEAWAY, OCR, OPTION_COUNT, SHARED_WORD, lint_questions
from cskexam.core.questions import Question
from cskexam.services.notes import known_losses, load_graph
from cskexam.services.questions import library_questions


def single(qid, stem, options, answer, **kw):
    return Question(qid, "单选", stem, answer, dict(zip("ABCD", options)), **kw)


def kinds(findings):
    return sorted(f.kind for f in findings)


def test_option_counts():
    three = Question("a", "单选", "下列属于宏观环境的是（ ）。", "A", {"A": "经济环境", "B": "服务环境", "C": "销售环境"})
    multi = Question("b", "多选", "下列属于微观环境的有（ ）。", ["A", "B", "C", "D"],
                     dict(zip("ABCDE", ["营销环境", "销售环境", "服务环境", "竞争者环境", "经济环境"])))
    assert kinds(lint_questions([three, multi])) == [OPTION_COUNT, OPTION_COUNT]


def test_a_key_sharing_most_words_with_the_stem_is_a_giveaway():
    q = single("c", "下列属于竞争者环境的是（ ）。", ["愿望竞争者", "经济环境", "市场人口", "销售环境"], "A")
    assert GIVEAWAY in kinds(lint_questions([q]))
    fair = single("d", "下列属于宏观环境的是（ ）。", ["经济环境", "服务环境", "销售环境", "营销环境"], "A")
    assert lint_questions([fair]) == []


def test_a_key_sharing_a_word_with_the_stem_that_no_wrong_option_shares(bundled_graph):
    dept = single("s1", "在餐饮公司中，（ ）是店面管理和运营支持部门。", ["研发部", "总经理办公室", "店面管理部", "市场部"], "C")
    assert SHARED_WORD in kinds(lint_questions([dept]))
    # every option shares 环境: no pointer
    fair = single("s2", "下列属于宏观环境的是（ ）。", ["经济环境", "服务环境", "销售环境", "营销环境"], "A")
    assert lint_questions([fair]) == []
    # a blank: the other departments of the list share nothing with 生产工作
    node = next(n for n in bundled_graph if n.title == "生产部门")
    cloze = Question("s3", "填空", "____主要负责产品或服务的生产工作。", "生产部门", node=node.id)
    (found,) = lint_questions([cloze], bundled_graph)
    assert found.kind == SHARED_WORD and "生产" in found.detail and not found.advisory
    listed = Question("s4", "填空", "竞争者环境包括：____、普通竞争者、产品形式竞争者、品牌竞争者。", "愿望竞争者")
    assert lint_questions([listed], bundled_graph) == []
    authored = Question("s5", "填空", "____主要负责产品或服务的生产工作。", "生产部门", node=node.id, source="bank")
    assert [f.advisory for f in lint_questions([authored], bundled_graph)] == [True]


def test_near_duplicates_with_the_same_key_and_counts_the_graph_does_not_give(bundled_graph):
    node = next(n for n in bundled_graph if n.title == "宏观环境分析")
    a = single("e", "下列属于宏观环境的是（ ）。", ["经济环境", "服务环境", "销售环境", "营销环境"], "A", node=node.id)
    b = single("f", "下列各项属于宏观环境的是（ ）。", ["服务环境", "经济环境", "销售环境", "营销环境"], "B", node=node.id)
    counted = Question("g", "简答", "请简述宏观环境分析（共九项）。", "…", node=node.id)
    assert kinds(lint_questions([a, b, counted], bundled_graph)) == [COUNT, DUPLICATE]


def test_text_with_a_known_loss_is_reported():
    q = Question("h", "判断", "职业道德在围上存在于从事一定职业的人中间。", "对")
    assert kinds(lint_questions([q], None, ["在围上"])) == [OCR]


@pytest.fixture(scope="module")
def bundled_questions():
    graph = load_graph()
    return graph, library_questions(graph)


def test_the_bundled_library_lints_clean(bundled_questions):
    graph, questions = bundled_questions
    found = lint_questions(questions, graph, known_losses())
    assert [f.describe() for f in found if not f.advisory] == []
    # Advisories are shared words in authored items, for their author to review.
    by_id = {q.id: q for q in questions}
    assert all(f.kind == SHARED_WORD and by_id[f.question].source == "bank" for f in found if f.advisory)


def test_keys_and_truths_are_balanced(bundled_questions):
    _, questions = bundled_questions
    singles = [q.answer for q in questions if q.type == "单选"]
    for letter in "ABCD":
        assert 0.15 <= singles.count(letter) / len(singles) <= 0.35
    multis = [q for q in questions if q.type == "多选"]
    assert sum("A" in q.answer for q in multis) / len(multis) < 0.8
    judges = [q.answer for q in questions if q.type == "判断"]
    assert 0.4 <= judges.count("对") / len(judges) <= 0.6


def test_the_lint_reports_forms_no_paper_prints():
    from cskexam.core.question import Question
    from cskexam.core.question_lint import FORM, lint_questions

    def kinds(q):
        return [f.kind for f in lint_questions([q])]

    nested = Question("g-1", "单选", "下列属于下列属于客户服务特性的是的是（ ）。", "A",
                      {"A": "无形性", "B": "稳定性", "C": "标准性", "D": "可储存性"})
    answer_line = Question("g-2", "判断", "【答案】A客户服务具有无形性。", "对")
    page = Question("g-3", "填空", "客户服务的特性包括：无形性、____、易逝性。第 3 页", "差异性")
    example = Question("g-4", "填空", "比如：安装调试属于____。", "技术性服务")
    quoted = Question("g-5", "单选", "关于客户忠诚的类型，“客户别无选择”说的是（ ）。", "A",
                      {"A": "垄断忠诚", "B": "惰性忠诚", "C": "潜在忠诚", "D": "方便忠诚"})
    for q in (nested, answer_line, page, example, quoted):
        assert FORM in kinds(q), q.stem
    fine = Question("g-6", "填空", "客户服务的特性包括：无形性、____、易逝性。", "差异性")
    assert FORM not in kinds(fine)


def test_near_copies_are_looked_for_only_among_questions_of_the_same_key(monkeypatch):
    """Thousands of generated questions (a library of 10,000 key points) are not compared
    pairwise: 2,000 blanks with as many answers make no comparison, and a near copy is
    still found (and listed after the other findings, in question order)."""
    import cskexam.core.question_lint as lint

    compared, keyed = [], []
    real, real_key = lint.SequenceMatcher, lint._key_text

    def counting(*args):
        compared.append(args[1:])
        return real(*args)

    def counting_keys(q):
        keyed.append(q.id)
        return real_key(q)

    monkeypatch.setattr(lint, "SequenceMatcher", counting)
    monkeypatch.setattr(lint, "_key_text", counting_keys)
    blanks = [Question(f"f{i}", "填空", f"客户服务要素{i}的第一项功能是____。", f"保障{i}", {}) for i in range(2_000)]
    copy = Question("copy", "填空", "客户服务要素7的第一项功能为____。", "保障7", {})
    found = lint_questions([*blanks, copy])
    assert [f.question for f in found if f.kind == DUPLICATE] == ["copy"]
    assert found[-1].kind == DUPLICATE and "f7" in found[-1].detail
    assert len(compared) == 1
    assert len(keyed) == len(blanks) + 1  # each question's key read once, not once per pair
