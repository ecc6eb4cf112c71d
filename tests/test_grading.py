"""Grading of objective answers and 简答 scoring points, with answers written
the way candidates write them."""

import pytest

from cskexam.core.grading import (
    ScoringPoint,
    grade,
    grade_fill,
    grade_judgement,
    grade_multiple,
    grade_short_answer,
    grade_single,
    parse_judgement,
    parse_letters,
)

FIVE_TRAITS = ["无形性", "不可分性", "易消失性", "有偿性", "易变性"]


# -- 单选 / 多选 -----------------------------------------------------------------

@pytest.mark.parametrize("given", ["B", "b", " B ", "Ｂ", "（B）"])
def test_single_accepts_letter_in_any_width_or_case(given):
    assert grade_single(given, "B").correct


@pytest.mark.parametrize("given", ["A", "", "AB", "BC"])
def test_single_rejects_other_or_several_letters(given):
    res = grade_single(given, "B")
    assert not res.correct and res.score == 0


def test_parse_letters_reads_common_spellings():
    assert parse_letters("A、C,d") == {"A", "C", "D"}
    assert parse_letters(["a", "C"]) == {"A", "C"}
    assert parse_letters("ＡＣ") == {"A", "C"}


def test_multiple_exact_set_in_any_order_is_full_marks():
    res = grade_multiple("DCBA", ["A", "B", "C", "D"])
    assert res.correct and res.score == 1.0


def test_multiple_missing_letter_is_half_credit_and_not_correct():
    res = grade_multiple("AB", ["A", "B", "C"])
    assert not res.correct and res.score == 0.5 and res.note == "少选"


def test_multiple_any_wrong_letter_scores_zero_even_with_all_right_ones():
    res = grade_multiple("ABCE", "ABC")
    assert not res.correct and res.score == 0 and res.note == "错选"
    assert grade_multiple("", "ABC").score == 0


# -- 判断 -----------------------------------------------------------------------

@pytest.mark.parametrize("word", ["对", "√", "T", "t", "正确", "true", "✓", "是"])
def test_judgement_true_words(word):
    assert parse_judgement(word) is True
    assert grade_judgement(word, "对").correct
    assert not grade_judgement(word, "错").correct


@pytest.mark.parametrize("word", ["错", "×", "F", "f", "错误", "false", "✗", "否", "X"])
def test_judgement_false_words(word):
    assert parse_judgement(word) is False
    assert grade_judgement(word, "错").correct


def test_judgement_nonsense_is_wrong_not_an_error():
    res = grade_judgement("也许", "对")
    assert not res.correct and res.given is None


def test_judgement_bad_expected_is_a_bug():
    with pytest.raises(ValueError):
        grade_judgement("对", "B")


# -- 填空 -----------------------------------------------------------------------

def test_fill_tolerates_width_spaces_quotes_and_trailing_punctuation():
    assert grade_fill(" 市场人口 ", "市场人口").correct
    assert grade_fill("“大服务”。", "大服务").correct
    assert grade_fill("ＣＲＭ信息系统", "CRM 信息系统").correct


def test_fill_wrong_text_is_wrong():
    assert not grade_fill("经济环境", "市场人口").correct


def test_fill_several_blanks_split_by_candidate_separators():
    want = ["整洁", "微笑服务"]
    assert grade_fill("整洁、微笑服务", want).correct
    assert grade_fill("整洁 微笑服务", want).correct
    assert grade_fill(["整洁", "微笑服务"], want).correct
    half = grade_fill("整洁，微笑", want)
    assert not half.correct and half.score == 0.5


def test_fill_several_blanks_typed_without_separator():
    assert grade_fill("整洁微笑服务", ["整洁", "微笑服务"]).correct


# -- 简答 -----------------------------------------------------------------------

def test_five_traits_three_of_five_lists_the_missed_ones():
    res = grade_short_answer("客户服务的特性有：无形性、不可分性、易消失性。", FIVE_TRAITS)
    assert res.score == pytest.approx(3 / 5)
    assert res.matched == ["无形性", "不可分性", "易消失性"]
    assert res.missed == ["有偿性", "易变性"]


def test_five_traits_all_written_without_punctuation_between_them():
    res = grade_short_answer("无形性不可分性易消失性有偿性易变性", FIVE_TRAITS)
    assert res.score == 1.0 and res.correct


def test_antonym_never_credits_the_opposite_term():
    # 有形性 scores 66 on plain character ratio against 无形性: it must earn nothing.
    res = grade_short_answer("有形性、可分性、无偿性", FIVE_TRAITS)
    assert res.matched == []
    assert res.score == 0


def test_term_inside_a_negated_longer_term_does_not_count():
    res = grade_short_answer("服务具有不可分性", [ScoringPoint("可分性")])
    assert res.missed == ["可分性"]
    assert grade_short_answer("服务具有不可分性", ["不可分性"]).score == 1


@pytest.mark.parametrize(
    "answer",
    ["服务没有易变性", "客户服务并不具有易变性", "它不是易变性的", "服务无易变性", "服务非易变性"],
)
def test_negation_before_a_term_flips_it(answer):
    assert grade_short_answer(answer, ["易变性"]).missed == ["易变性"]


def test_negation_in_another_clause_does_not_spill_over():
    res = grade_short_answer("不仅有无形性，还具有易变性", ["无形性", "易变性"])
    assert res.score == 1.0


def test_synonym_credits_the_point_and_says_so():
    pts = [{"point": "无形性", "synonyms": ["不可感知性"]}, "有偿性"]
    res = grade_short_answer("一是不可感知性，二是有偿性", pts)
    assert res.score == 1
    assert [d.how for d in res.details] == ["synonym", "exact"]


def test_fuzzy_credits_a_paraphrased_long_point():
    point = "优质的客户服务意识是企业品牌树立的需要"
    res = grade_short_answer("A. 优质客户服务意识是企业树立品牌的需要；B. 财富积累", [point])
    assert res.matched == [point]
    assert res.details[0].how == "fuzzy"


def test_fuzzy_never_used_for_short_terms():
    # One character off a four-character term is 75: close, but not the same fact.
    res = grade_short_answer("普通竞争", ["品牌竞争者"])
    assert res.missed == ["品牌竞争者"]
    assert grade_short_answer("易消失", ["易消失性"]).missed == ["易消失性"]


def test_fuzzy_rejects_long_term_differing_in_polarity():
    point = "具有稳定性和连续性"
    res = grade_short_answer("不具有稳定性和连续性", [point])
    assert res.missed == [point]
    res = grade_short_answer("具有不稳定性和连续性", [point])
    assert res.missed == [point]


def test_competitor_types_answer_as_candidates_write_it():
    pts = ["愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"]
    answer = "1.愿望竞争者 2.普通竞争者 3.产品形式竞争 4.品牌竞争者：生产相同规格型号但品牌不同"
    res = grade_short_answer(answer, pts)
    # 产品形式竞争 is one character short of a 7-character term: fuzzy at 92 credits it.
    assert res.score == 1.0
    assert res.details[2].how == "fuzzy"


def test_empty_answer_scores_zero_and_misses_everything():
    res = grade_short_answer("", FIVE_TRAITS)
    assert res.score == 0 and res.missed == FIVE_TRAITS and not res.correct


# -- dispatcher -------------------------------------------------------------------

def test_grade_dispatches_on_type():
    assert grade("单选", "b", "B").correct
    assert grade("多选", "AC", ["A", "C"]).correct
    assert grade("判断", "√", "对").correct
    assert grade("填空", "整洁", "整洁").correct
    res = grade("简答", "无形性、有偿性", "", points=FIVE_TRAITS)
    assert res.score == pytest.approx(0.4)
    assert "不可分性" in res.note
    with pytest.raises(ValueError):
        grade("连线", "A", "A")


def test_point_with_its_own_commas_is_found_across_clauses():
    point = "制定客户部门的年度工作计划和目标,确定部门工作重点和发展方向"
    answer = "客户部经理要：制定客户部门的年度工作计划和目标，确定部门工作重点和发展方向；领导和指导部门员工"
    assert grade_short_answer(answer, [point]).matched == [point]
    assert grade_short_answer("不需要" + point, [point]).score == 0


# -- properties ------------------------------------------------------------------

from hypothesis import given, settings
from hypothesis import strategies as st

CJK = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=2, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(CJK, min_size=1, max_size=6, unique=True))
def test_listing_every_point_scores_full_marks(points):
    res = grade_short_answer("、".join(points), points)
    assert res.score == 1.0 and res.missed == []


@settings(max_examples=60, deadline=None)
@given(CJK)
def test_negated_point_never_scores(term):
    # Polarity characters inside the term itself would make the check meaningless.
    from hypothesis import assume

    assume(not set(term) & set("不无非没未有否是具"))
    for neg in ("不", "没有", "并非", "不具有"):
        assert grade_short_answer(f"服务{neg}{term}", [term]).score == 0


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from("ABCDEF"), min_size=1), st.sets(st.sampled_from("ABCDEF"), min_size=1))
def test_multiple_choice_score_is_one_half_or_zero(want, got):
    res = grade_multiple("".join(got), "".join(want))
    assert res.score in (0.0, 0.5, 1.0)
    assert res.correct == (want == got)
    assert (res.score == 0.5) == (got < want)


@settings(max_examples=60, deadline=None)
@given(st.lists(CJK, min_size=1, max_size=3))
def test_fill_accepts_its_own_answer_in_full_width_with_spaces(blanks):
    import unicodedata

    typed = "、".join(f" {b} " for b in blanks)
    wide = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in typed)
    assert grade_fill(wide, blanks if len(blanks) > 1 else blanks[0]).correct
    assert unicodedata.normalize("NFKC", wide) == typed


# -- 简答: negation, padding, long pastes -------------------------------------------

MACRO = [
    ScoringPoint("市场人口", ("人口",)),
    ScoringPoint("经济环境"),
    ScoringPoint("政治法律环境"),
    ScoringPoint("社会文化环境"),
    ScoringPoint("科技环境"),
]


@pytest.mark.parametrize("answer", [
    "缺乏市场人口", "企业忽视市场人口", "与市场人口无关", "市场人口不重要", "不一定是市场人口",
    "排除市场人口", "不是市场人口", "并不是市场人口", "市场人口并不重要", "缺少市场人口的分析",
    "忽略了人口", "不是人口",
])
def test_a_negated_point_earns_nothing(answer):
    res = grade_short_answer(answer, MACRO[:1])
    assert res.matched == [] and res.score == 0


def test_a_synonym_inside_a_negated_point_earns_nothing():
    # 人口 is a synonym of 市场人口, but here it is part of the negated 市场人口.
    assert grade_short_answer("宏观环境不是市场人口", MACRO[:1]).missed == ["市场人口"]
    assert grade_short_answer("不是市场人口，而是人口", MACRO[:1]).matched == ["市场人口"]


@pytest.mark.parametrize("answer", ["不能忽视市场人口", "特别是市场人口", "不仅市场人口，还有经济环境",
                                    "无论市场人口还是经济环境都要分析"])
def test_asserted_points_are_still_credited(answer):
    assert "市场人口" in grade_short_answer(answer, MACRO).matched


def test_a_bare_list_of_this_questions_points_scores_full_marks():
    for answer in ("市场人口、经济环境、政治法律环境、社会文化环境、科技环境",
                   "1. 市场人口\n2. 经济环境\n3. 政治法律环境\n4. 社会文化环境\n5. 科技环境",
                   "市场人口经济环境政治法律环境社会文化环境科技环境"):
        res = grade_short_answer(answer, MACRO)
        assert res.score == 1 and res.correct


def test_an_answer_explaining_each_point_is_not_padding():
    answer = ("宏观环境包括：市场人口：人口数量、结构、分布、增长；经济环境：收入水平、消费结构、储蓄与信贷；"
              "政治法律环境：方针政策、法律法规；社会文化环境：价值观念、风俗习惯、宗教信仰、教育水平；"
              "科技环境：新技术、新材料、新工艺。")
    res = grade_short_answer(answer, MACRO)
    assert res.score == 1 and res.correct and not res.padded


OTHER_QUESTIONS_POINTS = [
    "无形性", "不可分性", "易消失性", "有偿性", "易变性", "愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者",
    "规范性", "适用性", "可操作性", "客户满意度", "客户忠诚度", "服务补救", "首问负责制", "投诉处理", "服务承诺",
    "服务标准", "团队建设", "目标管理", "绩效考核", "员工培训", "激励机制", "沟通渠道", "信息反馈", "质量监控",
]


def test_an_answer_padded_with_other_questions_points_is_penalised():
    points = "、".join(p.point for p in MACRO)
    padded = points + "、" + "、".join(OTHER_QUESTIONS_POINTS)
    res = grade_short_answer(padded, MACRO)
    assert res.matched == [p.point for p in MACRO]
    assert res.padded and not res.correct and res.score < 0.8
    graded = grade("简答", padded, "参考答案", MACRO)
    assert not graded.correct and "堆砌" in graded.note


def test_a_long_paste_grades_in_linear_time():
    import time

    points = MACRO + [ScoringPoint("优质客户服务意识是企业树立品牌的需要")]
    for unit in ["不是市场人口，", "客户", "、".join(OTHER_QUESTIONS_POINTS)]:
        times = []
        for chars in (35_000, 140_000):
            paste = unit * (chars // len(unit))
            best = 9.0
            for _ in range(3):  # CPU time, the best of three: a busy machine must not look quadratic
                start = time.process_time()
                grade_short_answer(paste, points)
                best = min(best, time.process_time() - start)
            times.append(best)
        # Four times the text, at most about four times the time (quadratic would be 16).
        assert times[1] < 6 * times[0] + 0.05 and times[1] < 2.0, (unit[:6], times)
