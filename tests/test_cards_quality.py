"""What makes a card worth reviewing: blanks of named key terms, fronts that say whose, no give-aways."""

from __future__ import annotations

from cskexam.core.card_cloze import filler_sentence
from cskexam.core.card_links import drop_answered
from cskexam.core.cards import Flashcard, generate_cards, name_gives_away
from test_cards import GraphBuilder, WordCutter


def _cards(build):
    b = GraphBuilder()
    build(b)
    return generate_cards(b.graph, segmenter=WordCutter(["售后服务团队", "客户服务部", "协作机制", "绩效导向"]))


def test_filler_sentences_give_no_cloze():
    assert filler_sentence("因此,服务型企业的客户服务部要充分做好与客户的沟通")
    assert filler_sentence("项目的客户服务组织机构采取以下协作机制")
    assert filler_sentence("顺序性、阶段性、不平衡性、互补性、个别差异性")
    assert filler_sentence("1.PV:计划价值2.EV:挣值3.AC:实际成本")
    assert not filler_sentence("科学技术是社会生产力最新和最活跃的因素")


def test_no_blank_of_the_documents_subject_or_a_heading():
    def build(b):
        doc = b.add("document", "客户服务部组织结构")
        p = b.add("point", "促进客户关系的发展", doc, text="一个良好的客户服务部可以促进客户关系的发展和企业的长期成长。")
        b.add("point", "协作机制", doc, text="为了保证客户服务的高效和协调,项目组织机构建立了完善的协作机制。")
        b.add("item", "定期会议", b.graph.find("协作机制")[0].id)
        b.add("item", "信息共享", b.graph.find("协作机制")[0].id)
        assert p
    cards = _cards(build)
    assert not [c for c in cards if c.kind == "cloze"]


def test_cloze_of_a_list_item_is_named_by_its_list_and_its_organisation():
    def build(b):
        doc = b.add("document", "项目客户服务组织机构")
        rules = b.add("point", "设计原则", doc)
        b.add("item", "客户导向", rules)
        b.add("item", "绩效导向", rules, text="绩效导向能够激励员工不断提升个人能力和整体服务水平。")
    cards = _cards(build)
    cloze = next(c for c in cards if c.kind == "cloze")
    assert cloze.back == "绩效导向" and "项目客户服务组织机构" in cloze.front and "设计原则" in cloze.front
    lst = next(c for c in cards if c.kind == "list")
    assert lst.front.startswith("在项目客户服务组织机构中，设计原则")


def test_definitions_whose_name_says_it_all_give_no_card():
    assert name_gives_away("研发部", "公司的新产品研发和创新部门,负责开发新菜品和新餐饮技术", "餐饮公司")
    assert name_gives_away("客户服务部", "公司的客户服务和售后支持部门", "餐饮公司")
    assert name_gives_away("贸易部", "外贸公司的重要部门,负责具体的国际贸易业务", "外贸公司")
    assert not name_gives_away("客户服务环境", "指与企业营销活动有潜在关系的所有外部力量和相关因素的集合")
    assert not name_gives_away("董事会", "绿盟科技的最高决策机构,负责企业的决策和监督工作", "绿盟科技")


def test_a_single_duty_and_sentence_lists_give_no_card():
    def build(b):
        doc = b.add("document", "客户部组织机构及岗位职责")
        duties = b.add("chapter", "客户部岗位职责", doc)
        role = b.add("item", "数据分析师", duties)
        b.add("item", "收集和分析客户数据和市场信息,为企业提供决策支持", role, marker="•")
        rules = b.add("point", "仪容仪表", doc, count=2)
        b.add("item", "队员必须以饱满的工作热情进入到工作岗位", rules)
        b.add("item", "上岗时间队员须保持良好的个人卫生", rules)
    cards = _cards(build)
    assert not [c for c in cards if c.kind in ("duties", "list")]


def test_a_classification_list_names_what_it_classifies():
    def build(b):
        doc = b.add("document", "客户服务管理师知识点")
        kinds = b.add("point", "客户服务的分类", doc)
        by_time = b.add("point", "按服务时序", kinds)
        for name in ("售前服务", "售中服务", "售后服务"):
            b.add("item", name, by_time)
    fronts = [c.front for c in _cards(build) if c.kind == "list"]
    assert fronts == ["按服务时序，客户服务的分类有哪些？"]


def test_cards_that_answer_each_other_keep_one():
    def card(n, kind, front, back):
        return Flashcard(f"c{n}", f"n{n}", kind, front, back)

    tech = card(1, "cloze", "____是社会生产力最新和最活跃的因素\n（宏观环境分析）", "科学技术")
    printed = card(2, "cloze", "科学技术是社会生产力最新和最活跃的因素,新技术革命给企业____提供了新的形式",
                   "市场营销")
    population = card(3, "cloze", "____是构成市场的第一要素", "人口")
    defined = card(4, "definition", "什么是市场人口？", "市场人口：构成市场的第一要素")
    sentence = card(5, "cloze", "____指与企业营销活动有潜在关系的所有外部力量", "营销环境")
    definition = card(6, "definition", "什么是营销环境？", "营销环境指与企业营销活动有潜在关系的所有外部力量的集合")
    kept = drop_answered([tech, printed, population, defined, sentence, definition])
    assert kept == [tech, defined, definition]


def test_a_benefit_any_entry_could_claim_is_no_cloze():
    def build(b):
        doc = b.add("document", "售后服务组织结构")
        parts = b.add("point", "关键要素", doc)
        b.add("item", "售后服务中心", parts)
        b.add("item", "数据分析与改进部门", parts,
              text="数据分析与改进部门的存在能够帮助企业不断优化售后服务流程和提升服务质量。")
    assert not [c for c in _cards(build) if c.kind == "cloze"]


def test_a_term_defined_inside_an_item_is_not_called_one_of_the_list():
    def build(b):
        doc = b.add("document", "客户服务管理师知识点")
        macro = b.add("point", "宏观环境分析", doc, count=2)
        b.add("item", "经济环境", macro)
        law = b.add("item", "政治法律环境", macro,
                    text="政治环境是指企业经营的外部政治形势和状况以及国家方针政策的变化带来的影响。")
        b.define("政治环境", "政治环境是指企业经营的外部政治形势和状况以及国家方针政策的变化带来的影响", law)
    reverse = [c for c in _cards(build) if c.kind == "item_definition"]
    assert reverse and all("宏观环境分析中的哪一项" not in c.front for c in reverse)


def test_a_sentence_that_ranks_a_term_is_no_definition():
    from cskexam.core.cards import ranks_not_defines

    assert ranks_not_defines("政治法律环境", "政治法律环境是影响企业经营的重要宏观环境因素,影响着企业对客户服务的决策")
    assert not ranks_not_defines("客户服务环境", "客户服务环境是指与企业营销活动有潜在关系的所有外部力量和相关因素的集合")
    assert not ranks_not_defines("市场人口", "市场人口是构成市场第一要素")
