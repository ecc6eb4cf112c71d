"""Rules for notes written as questions and answers (简答题 collections): 问:/答:
pairs, answers whose numbering restarts, inline answers and the other shapes an
answer takes. The examples are written for these tests."""

from __future__ import annotations

from outline_helpers import kids, node, parse


def test_an_asked_question_with_a_count_only_answer_lead_in_holds_the_numbered_points():
    text = (
        "人力资源简答\n一、招聘管理\n问：招聘渠道的选择应考虑哪些因素？\n答：共有三项：\n"
        "1.岗位性质\n2.招聘成本\n3.时间要求\n"
    )
    g = parse(text)
    assert kids(g, "招聘渠道的选择应考虑哪些因素") == ["岗位性质", "招聘成本", "时间要求"]
    assert node(g, "招聘渠道的选择应考虑哪些因素").count == 3
    assert kids(g, "招聘管理") == ["招聘渠道的选择应考虑哪些因素"]


def test_numbering_restarted_under_a_numbered_questions_answer_lead_in_is_its_answer():
    text = (
        "人力资源简答\n一、培训管理\n1.培训需求分析有哪些层次？\n答：共有三个层次：\n"
        "1.组织分析\n2.任务分析\n3.人员分析\n2.简述培训效果评估的内容。\n答：反应、学习、行为、结果\n"
    )
    g = parse(text)
    assert kids(g, "培训需求分析有哪些层次") == ["组织分析", "任务分析", "人员分析"]
    assert node(g, "培训需求分析有哪些层次").count == 3
    assert kids(g, "培训管理") == ["培训需求分析有哪些层次", "简述培训效果评估的内容"]
    assert kids(g, "简述培训效果评估的内容") == ["反应", "学习", "行为", "结果"]


def test_an_asked_question_closes_the_numbered_question_above_and_the_numbering_goes_on():
    text = (
        "人力资源简答\n一、员工关系\n3.员工培训的作用有哪些？【重点】\n答：提升技能、增强凝聚力、降低流失率\n"
        "问：简述劳动争议的处理方式。\n答：（1）协商；（2）调解；（3）仲裁。\n"
        "4.简述薪酬调整的依据。\n答：①物价变动②企业效益③员工业绩\n"
    )
    g = parse(text)
    assert kids(g, "员工培训的作用有哪些") == ["提升技能", "增强凝聚力", "降低流失率"]
    assert kids(g, "简述劳动争议的处理方式") == ["协商", "调解", "仲裁"]
    assert kids(g, "简述薪酬调整的依据") == ["物价变动", "企业效益", "员工业绩"]
    assert kids(g, "员工关系") == ["员工培训的作用有哪些", "简述劳动争议的处理方式", "简述薪酬调整的依据"]


def test_asked_questions_in_a_row_stay_siblings_after_numbered_answers():
    text = (
        "行政简答\n一、会务\n问：会场布置有哪些要求？\n答：\n1.整洁\n2.安静\n3.通风\n"
        "问：会议通知应包括哪些内容？\n答：会议名称、会议时间、会议地点\n"
    )
    g = parse(text)
    assert kids(g, "会务") == ["会场布置有哪些要求", "会议通知应包括哪些内容"]
    assert kids(g, "会场布置有哪些要求") == ["整洁", "安静", "通风"]
    assert kids(g, "会议通知应包括哪些内容") == ["会议名称", "会议时间", "会议地点"]


def test_the_next_numbered_question_continues_the_questions_not_the_answers_points():
    text = (
        "人力资源简答\n一、绩效管理\n4.绩效考评应遵循哪些原则？\n答：共有四项：\n"
        "1.公开\n2.客观\n3.及时\n4.反馈\n记忆：公客及反\n5.简述绩效面谈的步骤。\n答：准备、实施、总结\n"
        "6.绩效考评的误差有哪些？【重点】\n答：晕轮效应、近因效应、宽大化倾向\n"
    )
    g = parse(text)
    assert kids(g, "绩效管理") == ["绩效考评应遵循哪些原则", "简述绩效面谈的步骤", "绩效考评的误差有哪些"]
    assert kids(g, "绩效考评应遵循哪些原则") == ["公开", "客观", "及时", "反馈"]
    assert node(g, "绩效考评应遵循哪些原则").mnemonic == "公客及反"
    assert kids(g, "绩效考评的误差有哪些") == ["晕轮效应", "近因效应", "宽大化倾向"]


def test_answers_labelled_参考答案_答案_or_解析_after_a_question_are_its_answer():
    text = (
        "人力简答\n7.工作分析的方法有哪些？\n参考答案：观察法、访谈法、问卷法\n"
        "8.岗位评价的原则有哪些？\n解析：系统性、实用性、标准化\n"
        "9.薪酬结构有哪些类型？\n答案：岗位薪酬、技能薪酬、绩效薪酬\n"
        "问：员工援助计划包括哪些内容？\n【解析】心理咨询、法律咨询、健康讲座\n"
    )
    g = parse(text)
    assert kids(g, "工作分析的方法有哪些") == ["观察法", "访谈法", "问卷法"]
    assert kids(g, "岗位评价的原则有哪些") == ["系统性", "实用性", "标准化"]
    assert kids(g, "薪酬结构有哪些类型") == ["岗位薪酬", "技能薪酬", "绩效薪酬"]
    assert kids(g, "员工援助计划包括哪些内容") == ["心理咨询", "法律咨询", "健康讲座"]
    assert not g.find("参考答案") and not g.find("解析")


def test_answer_lines_with_no_label_under_a_question_are_its_points():
    text = "人力简答\n6.劳动合同的解除有哪些情形？\n协商解除\n过失性解除\n经济性裁员\n7.简述试用期的规定。\n答：试用期最长不得超过六个月。\n"
    g = parse(text)
    assert kids(g, "劳动合同的解除有哪些情形") == ["协商解除", "过失性解除", "经济性裁员"]


def test_a_number_in_the_title_that_matches_its_items_is_their_count():
    text = (
        "中医笔记\n考点3：人体的六腑：胆、胃、小肠、大肠、膀胱、三焦\n"
        "考点4：管理的三驾马车：计划、组织、控制\n考点5：第三方物流的特征：专业化、个性化\n"
    )
    g = parse(text)
    assert kids(g, "人体的六腑") == ["胆", "胃", "小肠", "大肠", "膀胱", "三焦"]
    assert node(g, "人体的六腑").count == 6
    assert node(g, "管理的三驾马车").count == 3
    assert node(g, "第三方物流的特征").count in (None, 2)


def test_a_count_only_lead_in_with_its_items_gives_them_to_the_heading_above():
    text = "心理笔记\n一、压力的层次\n从外到内共三层：生理、心理、社会\n二、应激的来源\n共四类：\n1.躯体性\n2.心理性\n3.文化性\n4.社会性\n"
    g = parse(text)
    assert kids(g, "压力的层次") == ["生理", "心理", "社会"] and node(g, "压力的层次").count == 3
    assert kids(g, "应激的来源") == ["躯体性", "心理性", "文化性", "社会性"] and node(g, "应激的来源").count == 4


def test_the_stages_a_process_goes_through_belong_to_the_heading_named_by_them():
    text = "心理笔记\n一、技能形成阶段\n技能形成一般经历四个阶段：定向、模仿、整合、熟练。\n记忆：定模整熟\n"
    g = parse(text)
    assert kids(g, "技能形成阶段") == ["定向", "模仿", "整合", "熟练"]
    assert node(g, "技能形成阶段").count == 4 and node(g, "技能形成阶段").mnemonic == "定模整熟"


def test_a_basis_written_with_依_is_a_classification_node_over_its_numbered_items():
    text = "心理笔记\n四、人格的类型\n依功能可分為三類：\n1.理智型\n2.情緒型\n3.意志型\n"
    g = parse(text)
    assert kids(g, "人格的类型") == ["依功能可分為三類"]
    assert kids(g, "依功能可分為三類") == ["理智型", "情緒型", "意志型"] and node(g, "依功能可分為三類").count == 3


def test_a_辨析_section_after_an_inline_answer_leaves_the_answer_a_list():
    text = (
        "人力简答\n2.企业年金的缴费来源包括哪些？\n"
        "答：企业缴纳的补充养老费用、职工个人缴纳的费用、年金基金的投资收益。\n【易错辨析】\n企业年金由国家强制建立。（×）\n"
    )
    g = parse(text)
    assert kids(g, "企业年金的缴费来源包括哪些") == ["企业缴纳的补充养老费用", "职工个人缴纳的费用", "年金基金的投资收益"]


def test_a_count_written_between_a_title_and_its_items_is_the_titles_count():
    text = "健康笔记\n第一章 行为\n考点7：压力应对模式 三个阶段：警觉、抵抗、衰竭\n"
    g = parse(text)
    assert kids(g, "压力应对模式") == ["警觉", "抵抗", "衰竭"] and node(g, "压力应对模式").count == 3


def test_a_counted_sentence_with_来自_names_the_headings_items():
    g = parse("客服笔记\n二、客户流失的原因\n客户流失的原因主要来自价格、质量和服务三个方面。\n")
    assert kids(g, "客户流失的原因") == ["价格", "质量", "服务"] and node(g, "客户流失的原因").count == 3


def test_a_count_cut_by_a_hard_wrap_between_numeral_and_measure_word_is_joined():
    text = (
        "客服笔记\n四、服务补救模型\n补救模型用来分析服务失误的来源，模型指出了导致客户不满的三\n种失误：\n"
        "1.流程失误\n2.人员失误\n3.系统失误\n五、其他\n"
    )
    g = parse(text)
    assert kids(g, "服务补救模型") == ["流程失误", "人员失误", "系统失误"]
    assert not g.find("种失误")
