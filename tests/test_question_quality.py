"""What makes a generated question answerable without knowledge (core/question_quality.py)."""

from cskexam.core.question_quality import (
    core_name, describe, filler_blank, named_in, odd_form, pattern_list, shares_morpheme,
)


def test_core_name_drops_the_kind_ending():
    assert core_name("研发中心") == "研发"
    assert core_name("无形性") == "无形"
    assert core_name("财务部") == "财务"


def test_a_statement_naming_its_own_subject_is_decided_by_wording():
    siblings = ["研发部", "运营管理部"]
    assert named_in("店面管理和运营支持部门,负责店面的运营和管理", ["店面管理部"], siblings)
    assert named_in("企业的营销中心,负责开拓市场", ["市场部"], ["研发中心", "财务部"])
    assert named_in("因服务态度或服务效率引起的投诉", ["服务投诉"], ["价格投诉", "产品质量投诉"])
    # A word every sibling has (竞争者) points at none of them.
    assert not named_in("指提供不同的产品以满足相同需求的竞争者", ["普通竞争者"],
                        ["愿望竞争者", "品牌竞争者"])


def test_blank_sharing_a_morpheme_with_its_stem():
    assert shares_morpheme("销售团队", "是企业服务团队的推动力量,推销团队的服务")
    assert shares_morpheme("客户服务部", "在某公司中，是企业的服务中心,提供售后技术支持", ["市场部", "财务部"])
    assert not shares_morpheme("董事会", "是某公司的最高决策机构,负责企业的决策和监督工作")


def test_filler_sentences():
    assert filler_blank("一个高效的")
    assert filler_blank("因此,服务型企业的")
    assert not filler_blank("超级市场的")


def test_pattern_lists():
    assert pattern_list(["在范围上", "在内容上", "在形式上"])
    assert pattern_list(["大型呼叫中心", "中型呼叫中心", "小型呼叫中心"])
    assert pattern_list(["外部感觉", "内部感觉"])
    assert not pattern_list(["市场人口", "经济环境", "技术环境"])
    assert not pattern_list(["营销环境", "销售环境", "服务环境", "竞争者环境"])


def test_key_told_by_its_form():
    assert odd_form(["市场人口"], ["营销环境", "销售环境", "服务环境"])
    assert odd_form(["《红楼梦》"], ["韩愈", "柳宗元", "欧阳修"])
    assert not odd_form(["技术环境"], ["营销环境", "市场人口", "服务环境"])


def test_describe_reads_as_a_sentence():
    assert describe("（ ）", "运行状况及发展趋势会直接影响企业") == "（ ）的运行状况及发展趋势会直接影响企业"
    assert describe("普通竞争者", "指提供不同的产品") == "普通竞争者指提供不同的产品"
    assert describe("X", "企业的财务管理中心") == "X是企业的财务管理中心"
