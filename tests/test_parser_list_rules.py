"""List rules for real notes: where an enumeration's items are, what its count is, and what stays body text."""

from __future__ import annotations

from cskexam.core.notes import NoteSource, parse_notes
from outline_helpers import parse, node, kids, titles


def test_front_matter_title_names_the_document_when_no_heading_does():
    md = "---\ntitle: 客户服务管理师 投诉处理 复习笔记\ndate: 2023-04-12\n---\n\n## 投诉处理的原则\n\n- 及时处理\n- 记录存档\n"
    g = parse(md, "投诉.md")
    docs = [n for n in g if n.kind == "document"]
    assert [d.title.replace(" ", "") for d in docs] == ["客户服务管理师投诉处理复习笔记"]
    assert kids(g, "投诉处理的原则") == ["及时处理", "记录存档"]


def test_front_matter_title_gives_way_to_a_markdown_title():
    md = '---\ntitle: "管理学 | 口诀"\n---\n\n# 管理学各章口诀\n\n## 计划\n\n- 目标\n- 方案\n'
    assert [n.title for n in parse(md, "a.md") if n.kind == "document"] == ["管理学各章口诀"]


def test_heading_that_holds_its_list_is_split_and_keeps_no_marker():
    g = parse("# 笔记\n\n## 投诉\n\n### 投诉处理的三大要素：速度、态度、力度\n\n### 1. 服务质量的维度：可靠性、响应性、保证性\n", "a.md")
    assert kids(g, "投诉处理的三大要素") == ["速度", "态度", "力度"]
    assert node(g, "投诉处理的三大要素").count == 3
    assert kids(g, "服务质量的维度") == ["可靠性", "响应性", "保证性"]
    assert not any(t.startswith("#") for t in titles(g))


def test_markdown_heading_with_a_colon_and_no_list_keeps_its_whole_title():
    g = parse("# 教育学\n\n## 专题一：教育的起源\n\n正文。\n", "a.md")
    assert "专题一：教育的起源" in titles(g) or "教育的起源" in titles(g)
    assert "专题一" not in titles(g)


def test_lead_in_with_inline_items_gives_them_to_the_heading_above():
    text = "招聘与配置\n一、员工招聘的原则\n招聘工作应遵循以下原则：效率优先原则；双向选择原则；公平、公正原则；确保质量原则。\n二、劳动分工的形式\n劳动分工主要有以下三种形式：职能分工、专业分工、技术分工。\n"
    g = parse(text)
    assert kids(g, "员工招聘的原则") == ["效率优先原则", "双向选择原则", "公平、公正原则", "确保质量原则"]
    assert kids(g, "劳动分工的形式") == ["职能分工", "专业分工", "技术分工"]
    assert node(g, "劳动分工的形式").count == 3
    assert not any("以下" in t for t in titles(g))


def test_count_only_lead_in_gives_the_count_to_the_heading():
    md = "# 软考\n\n### 耦合类型\n\n从低到高共七种：非直接耦合、数据耦合、标记耦合、控制耦合、外部耦合、公共耦合、内容耦合\n\n### 客户满意的层次\n\n从低到高共三个层次：\n\n1. 物质满意\n2. 精神满意\n3. 社会满意\n"
    g = parse(md, "a.md")
    assert len(kids(g, "耦合类型")) == 7 and node(g, "耦合类型").count == 7
    assert kids(g, "客户满意的层次") == ["物质满意", "精神满意", "社会满意"]
    assert node(g, "客户满意的层次").count == 3
    assert "从低到高" not in " ".join(titles(g))


def test_classification_basis_with_a_count_stays_a_node_of_its_own():
    g = parse("# 管理学\n\n### 控制的类型\n\n按控制的时机分为三类：前馈控制、同期控制、反馈控制\n", "a.md")
    basis = [t for t in titles(g) if t.startswith("按控制的时机")]
    assert basis and kids(g, basis[0]) == ["前馈控制", "同期控制", "反馈控制"]


def test_counted_body_sentence_names_the_items():
    text = "秘书 复习提纲\n一、满意度测评的方法\n包括定量测评和定性测评两类。\n二、公文的稿本\n公文的稿本分为草稿、定稿、正本、副本、存本五种。\n三、会议筹备方案\n主要包括名称、议题、时间、地点等四个方面。以上内容需报领导审批。\n"
    g = parse(text)
    assert kids(g, "满意度测评的方法") == ["定量测评", "定性测评"]
    assert node(g, "满意度测评的方法").count == 2
    assert kids(g, "公文的稿本") == ["草稿", "定稿", "正本", "副本", "存本"]
    assert node(g, "公文的稿本").count == 5
    plan = node(g, "会议筹备方案")
    assert kids(g, "会议筹备方案") == ["名称", "议题", "时间", "地点"] and plan.count == 4
    assert "审批" in plan.text


def test_steps_written_on_one_line():
    text = "客户服务战略\n一、战略制定的步骤\n第一步，进行环境分析。第二步，确定战略目标。第三步，选择战略方案。\n"
    g = parse(text)
    assert kids(g, "战略制定的步骤") == ["进行环境分析", "确定战略目标", "选择战略方案"]


def test_heading_over_bare_item_lines_keeps_every_item():
    md = "# 管理学\n\n## 管理的职能\n\n法约尔最早提出五项职能，后人概括为四项：\n\n计划\n组织\n领导\n控制\n\n## 管理者的角色\n\n挂名首脑\n领导者\n联络者\n"
    g = parse(md, "a.md")
    assert kids(g, "管理的职能") == ["计划", "组织", "领导", "控制"]
    assert node(g, "管理的职能").count == 4
    assert kids(g, "管理者的角色") == ["挂名首脑", "领导者", "联络者"]


def test_bare_sentence_lines_are_not_items():
    md = "# 管理学\n\n## 霍桑实验\n\n实验从1924年开始，持续了八年。\n梅奥据此提出了人际关系学说。\n"
    g = parse(md, "a.md")
    assert kids(g, "霍桑实验") == []


def test_colon_list_under_a_markdown_heading():
    md = "# 管理学\n\n## 决策\n\n- 按决策的重要程度：战略决策、战术决策、业务决策\n- 按决策的重复程度：程序化决策、非程序化决策\n\n### 科学管理理论的主要内容\n\n工作定额、标准化、能力与工作相适应、差别计件工资制、计划职能与执行职能相分离\n"
    g = parse(md, "a.md")
    assert kids(g, "按决策的重要程度") == ["战略决策", "战术决策", "业务决策"]
    assert len(kids(g, "科学管理理论的主要内容")) == 5


def test_semicolon_items_may_hold_a_dun_comma():
    text = "秘书\n一、文书立卷的原则\n遵循文件的形成规律；保持文件之间的有机联系；区别不同的价值、用途；便于保管和利用。\n"
    g = parse(text)
    assert kids(g, "文书立卷的原则") == ["遵循文件的形成规律", "保持文件之间的有机联系", "区别不同的价值、用途", "便于保管和利用"]


def test_sentences_with_dun_commas_stay_body_text():
    text = "人力资源\n一、内部招募的方法\n1、布告法：在公司布告栏、内网发布岗位信息\n2、档案法：利用员工档案、人事记录选拔\n二、档案鉴定\n应鉴定电子文件的真实性、完整性、有效性\n"
    g = parse(text)
    assert kids(g, "布告法") == [] and kids(g, "档案法") == []
    assert "完整性" not in titles(g)


def test_word_broken_across_a_blank_line_is_joined():
    text = "人力资源 笔记\n\n一、配置方法\n\n1、以人为标准进行配置\n\n2、以岗位为标准进行配\n\n置\n\n3、以双向选择为标准进行配置\n"
    g = parse(text)
    assert kids(g, "配置方法") == ["以人为标准进行配置", "以岗位为标准进行配置", "以双向选择为标准进行配置"]


def test_line_wrapped_at_the_page_width_across_a_blank_line_is_joined():
    text = "人力资源 笔记\n二、面试的发展趋势\n\n1.面试形式丰富多样;2.结构化面试成为主流;3.提问的弹性化;4.面试考官的专业化;5.面\n\n试测评的内容不断扩展。\n\n三、无领导小组讨论\n"
    g = parse(text)
    assert kids(g, "面试的发展趋势")[-1] == "面试测评的内容不断扩展"


def test_short_item_lines_are_not_taken_for_broken_words():
    text = "管理学 笔记\n一、管理的职能\n计划\n组织\n领导\n控制\n"
    g = parse(text)
    assert kids(g, "管理的职能") == ["计划", "组织", "领导", "控制"]


def test_details_block_neither_glues_its_label_nor_breaks_the_list():
    md = "# 软考\n\n## 进度\n\n* 进度压缩的两种方法：赶工、快速跟进\n<details><summary>点击查看真题</summary>\n\n答案：赶工\n\n</details>\n\n## 投诉\n\n<details>\n<summary>点击展开</summary>\n\n- 产品质量投诉\n- 服务态度投诉\n\n</details>\n"
    g = parse(md, "a.md")
    assert kids(g, "进度压缩的两种方法") == ["赶工", "快速跟进"]
    assert kids(g, "投诉") == ["产品质量投诉", "服务态度投诉"]
    assert not any("点击" in n.title or "点击" in n.text for n in g)


def test_item_text_starting_with_a_bracket_keeps_it():
    md = "# 题目\n\n## 选项\n\n1. [A] 服务的无形性\n2. [B] 服务的差异性\n"
    g = parse(md, "a.md")
    assert kids(g, "选项") == ["[A] 服务的无形性", "[B] 服务的差异性"]


def test_flush_left_colon_heading_after_a_markdown_list_is_beside_it():
    md = "# 管理学\n\n## 决策\n\n1. 识别问题\n2. 拟定方案\n3. 选择方案\n决策的影响因素：\n1. 环境\n2. 组织文化\n"
    g = parse(md, "a.md")
    assert kids(g, "决策") == ["识别问题", "拟定方案", "选择方案", "决策的影响因素"]
    assert kids(g, "决策的影响因素") == ["环境", "组织文化"]


def test_article_bullets_and_dingbat_numbers():
    text = "客户关系管理 考点速记\n【考点2】客户关系管理的作用\n▶ 提高客户满意度\n▶ 降低服务成本\n【考点3】客户关系的类型\n✔ 基本型：销售后不再联系\n✔ 被动型：客户有问题时联系企业\n【考点6】客户信息的收集方法\n❶ 直接调查\n❷ 间接收集\n❸ 网络收集\n"
    g = parse(text)
    assert kids(g, "客户关系的类型") == ["基本型", "被动型"]
    assert kids(g, "客户信息的收集方法") == ["直接调查", "间接收集", "网络收集"]


def test_mnemonic_in_a_body_bracket_and_after_a_tip_word():
    text = "招聘与配置\n一、人员配置的原理\n要素有用原理、能位对应原理、互补增值原理（记忆：有能互)\n二、客户关系的类型\n1、基本型\n2、被动型\n小贴士：口诀“基被”，按投入由少到多记。\n"
    g = parse(text)
    principle = node(g, "人员配置的原理")
    assert principle.mnemonic == "有能互"
    assert kids(g, "人员配置的原理") == ["要素有用原理", "能位对应原理", "互补增值原理"]
    assert node(g, "客户关系的类型").mnemonic == "基被"


def test_roman_numerals_with_a_space_are_markers():
    text = "软考\n一、信息系统的生命周期\nⅠ 系统规划阶段\nⅡ 系统分析阶段\nⅢ 系统设计阶段\n"
    g = parse(text)
    assert kids(g, "信息系统的生命周期") == ["系统规划阶段", "系统分析阶段", "系统设计阶段"]


def test_finished_inline_list_is_not_joined_to_the_sentence_after_it():
    text = "软考 笔记\n三、戴明环\n戴明环包括四个阶段：计划、执行、检查、处理\n英文缩写为PDCA循环。\n专题二 风险管理\n"
    g = parse(text)
    lists = [t for t in titles(g) if t.startswith("戴明环包括")]
    assert lists and kids(g, lists[0]) == ["计划", "执行", "检查", "处理"]


def test_bracket_of_initials_after_a_heading_is_its_mnemonic():
    md = "# 管理学\n\n### 管理的基本职能（计组领控）\n\n- 计划\n- 组织\n- 领导\n- 控制\n\n### 管理的对象（人财物）\n\n- 信息\n- 时间\n"
    g = parse(md, "a.md")
    functions = node(g, "管理的基本职能")
    assert functions.mnemonic == "计组领控" and kids(g, "管理的基本职能") == ["计划", "组织", "领导", "控制"]
    assert node(g, "管理的对象（人财物）".replace("（", "(").replace("）", ")")).mnemonic is None


def test_remember_as_line_with_a_bracket_gives_the_items():
    md = '# 管理学\n\n### SWOT分析\n\n可记作"优劣机威"（优势、劣势、机会、威胁）\n'
    g = parse(md, "a.md")
    assert node(g, "SWOT分析").mnemonic == "优劣机威"
    assert kids(g, "SWOT分析") == ["优势", "劣势", "机会", "威胁"]


def test_lead_in_sentence_with_a_comma_is_body_and_its_last_count_counts():
    md = "# 管理学\n\n### 明茨伯格的管理者角色\n\n管理者扮演十种角色，归为三类：\n\n1. 人际角色\n2. 信息角色\n3. 决策角色\n"
    g = parse(md, "a.md")
    roles = node(g, "明茨伯格的管理者角色")
    assert kids(g, "明茨伯格的管理者角色") == ["人际角色", "信息角色", "决策角色"] and roles.count == 3


def test_counted_sentence_with_a_modifier_and_a_subject():
    text = "心理学\n一、记忆的过程\n包括识记、保持、再认或回忆三个基本环节。\n二、思维的特征\n思维具有间接性和概括性两大特征。\n"
    g = parse(text)
    assert kids(g, "记忆的过程") == ["识记", "保持", "再认或回忆"] and node(g, "记忆的过程").count == 3
    assert kids(g, "思维的特征") == ["间接性", "概括性"] and node(g, "思维的特征").count == 2


def test_sentence_that_counts_the_items_written_below_gives_the_count():
    text = "心理学\n一、感觉的种类\n根据刺激来源，感觉分为外部感觉和内部感觉两类。\n外部感觉：视觉、听觉、嗅觉\n内部感觉：运动觉、平衡觉、机体觉\n"
    g = parse(text)
    assert kids(g, "感觉的种类") == ["外部感觉", "内部感觉"] and node(g, "感觉的种类").count == 2


def test_heading_is_not_joined_to_the_list_line_below_it():
    text = "心理学 笔记\n1.4 思维\n1.4.3 影响问题解决的心理因素\n迁移、定势、功能固着、动机、情绪\n"
    g = parse(text)
    assert kids(g, "影响问题解决的心理因素") == ["迁移", "定势", "功能固着", "动机", "情绪"]


def test_bracket_of_initials_after_an_inline_list_is_its_mnemonic():
    g = parse("心理学\n一、自我意识的成分\n生理自我、社会自我、心理自我（生社心）\n")
    assert kids(g, "自我意识的成分") == ["生理自我", "社会自我", "心理自我"]
    assert node(g, "自我意识的成分").mnemonic == "生社心"


def test_two_pieces_of_a_phrase_are_not_a_list():
    md = "# 服务质量\n\n## 维度\n\n1. **有形性**：服务设施、设备和人员的外表\n2. **可靠性**：准确地履行服务承诺的能力\n"
    g = parse(md, "a.md")
    assert kids(g, "有形性") == [] and "服务设施" in node(g, "有形性").text


def test_mind_map_export_nests_by_indentation():
    text = "绩效管理 思维导图\n绩效管理\n\t绩效考评的方法\n\t\t品质主导型\n\t\t\t图解式评价量表\n\t\t\t等级择一法\n\t\t行为主导型\n\t\t\t关键事件法\n\t面谈的原则\n\t\t对事不对人\n\t\t开诚布公，坦率沟通\n薪酬管理\n\t薪酬的构成\n\t\t基本薪酬\n\t\t可变薪酬\n"
    g = parse(text, "导图.txt")
    assert [n.title for n in g if n.kind == "document"] == ["绩效管理思维导图"]
    assert kids(g, "绩效管理") == ["绩效考评的方法", "面谈的原则"]
    assert kids(g, "品质主导型") == ["图解式评价量表", "等级择一法"]
    assert kids(g, "面谈的原则") == ["对事不对人", "开诚布公,坦率沟通"]
    assert kids(g, "薪酬的构成") == ["基本薪酬", "可变薪酬"]


def test_paragraph_indents_in_word_text_are_not_an_outline():
    text = "客户服务 笔记\n一、服务的含义\n　　服务是一方向另一方提供的基本上是无形的活动或利益，\n并且不导致任何所有权的产生。\n二、服务的特征\n　　1、无形性\n　　2、差异性\n　　3、不可分离性\n"
    g = parse(text)
    assert kids(g, "服务的特征") == ["无形性", "差异性", "不可分离性"]


def test_answer_under_a_question_is_its_list():
    text = ("客户服务 简答题\n第一章 客户服务战略\n1.简述客户服务战略的特征。\n答：（1）全局性；（2）长期性；（3）纲领性。\n"
            "2.客户服务战略制定的步骤有哪些？\n答：\n（1）环境分析\n（2）确定战略目标\n"
            "3.服务质量的五个维度是什么？（★★★）\n答：有形性、可靠性、响应性、保证性、移情性。\n"
            "4.客户满意的层次包括哪些？\n答：客户满意包括物质满意、精神满意和社会满意三个层次。\n")
    g = parse(text)
    assert kids(g, "简述客户服务战略的特征") == ["全局性", "长期性", "纲领性"]
    assert kids(g, "客户服务战略制定的步骤有哪些") == ["环境分析", "确定战略目标"]
    five = node(g, "服务质量的五个维度是什么")
    assert kids(g, "服务质量的五个维度是什么")[0] == "有形性" and five.count == 5 and "重点" in five.tags
    assert kids(g, "客户满意的层次包括哪些") == ["物质满意", "精神满意", "社会满意"]
    assert not any(t.startswith("答") for t in titles(g))


def test_item_written_as_a_counted_sentence_is_named_by_its_subject():
    g = parse("人力资源\n三、培训方法\n4、教学过程分为准备、讲授、练习、评价四个阶段\n5、培训的形式\n")
    assert kids(g, "教学过程") == ["准备", "讲授", "练习", "评价"] and node(g, "教学过程").count == 4


def test_long_clause_before_a_colon_list_is_the_whole_title():
    g = parse("人力资源\n一、培训需求分析\n3、培训需求分析模型包括六个模型：循环评估模型、全面任务分析模型、绩效差距分析模型、三维模型\n")
    models = node(g, "培训需求分析模型包括六个模型")
    assert len(kids(g, "培训需求分析模型包括六个模型")) == 4
    assert any(f.get("kind") == "count_mismatch" for f in models.flags)


def test_arrow_stages_under_a_counted_heading_are_its_items():
    text = "客户服务\n一、客户生命周期\n【考点7】客户生命周期的四个阶段（P56）\n考察期→形成期→稳定期→退化期\n【考点8】客户满意度的影响因素\n（1）客户预期\n"
    g = parse(text)
    assert kids(g, "客户生命周期的四个阶段") == ["考察期", "形成期", "稳定期", "退化期"]


def test_you_phrase_is_not_the_verb_of_a_counted_sentence():
    g = parse("教育\n三、学习动机的理论\n2.需要层次理论：代表人物马斯洛，需要由低到高分为生理需要、安全需要、尊重需要三个层次\n")
    assert "低到高分为生理需要" not in titles(g)


def test_numbered_colon_headings_with_restarted_lists_under_them():
    text = ("管理学\n一) 决策的类型\n１、按重要性：\n1、战略决策\n2、战术决策\n3、业务决策\n２、按重复程度：\n1、程序化决策\n2、非程序化决策\n"
            "３、按环境可控程度：\n1、确定型决策\n2、风险型决策\n3、不确定型决策\n４、按决策主体：个体决策、群体决策\n二) 决策的过程\n")
    g = parse(text)
    assert kids(g, "决策的类型") == ["按重要性", "按重复程度", "按环境可控程度", "按决策主体"]
    assert kids(g, "按重要性") == ["战略决策", "战术决策", "业务决策"]
    assert kids(g, "按重复程度") == ["程序化决策", "非程序化决策"]
    assert kids(g, "按决策主体") == ["个体决策", "群体决策"]


def test_hook_word_list_is_split_even_with_an_aside_after_it():
    md = "# 教育\n\n## 方法\n\n教育研究的基本原则：可变脸（客观性、发展性、联系实际）\n\n==注意：单选题常考原则的含义==\n"
    g = parse(md, "a.md")
    assert node(g, "教育研究的基本原则").mnemonic == "可变脸"
    assert kids(g, "教育研究的基本原则") == ["客观性", "发展性", "联系实际"]


def test_last_of_a_run_of_bare_item_lines_is_not_a_heading():
    text = "软考\n十一、架构\n12、ATAM方法的四個階段\n描述與提出階段\n調查與分析階段\n測試階段\n報告階段\n13、常見的設計模式分三大類：創建型、結構型、行為型。\n"
    g = parse(text)
    assert kids(g, "ATAM方法的四個階段") == ["描述與提出階段", "調查與分析階段", "測試階段", "報告階段"]


def test_book_titles_side_by_side_and_a_count_outside_quotes():
    g = parse("语文常识\n一、文学常识\n1、我国四大名著：《红楼梦》《西游记》《水浒传》《三国演义》\n2、“唐宋八大家”中唐代的有两位：韩愈、柳宗元\n")
    assert kids(g, "我国四大名著") == ["《红楼梦》", "《西游记》", "《水浒传》", "《三国演义》"]
    tang = [n for n in g if "唐代的有两位" in n.title][0]
    assert tang.count == 2 and not tang.flags


def test_traditional_forms_of_the_list_rules():
    md = ("# 秘書筆記\n\n## 辦公用品管理\n\n### （一）辦公用品的分類\n\n辦公用品一般分為消耗品和耐用品兩類。\n\n"
          "### （二）時間管理的四個象限\n\n四個象限分別是：重要且緊急、重要不緊急、緊急不重要、不重要不緊急。\n\n"
          "### （三）值班工作的任務\n\n* 處理來電來訪\n* 做好值班記錄\n\n> 巧記：電記\n")
    g = parse(md, "a.md")
    assert kids(g, "辦公用品的分類") == ["消耗品", "耐用品"] and node(g, "辦公用品的分類").count == 2
    assert len(kids(g, "時間管理的四個象限")) == 4 and node(g, "時間管理的四個象限").count == 4
    assert node(g, "值班工作的任務").mnemonic == "電記"


def test_how_to_sentence_is_not_a_list():
    md = "# 時間\n\n## 方法\n\n- **ABC分类法**：将工作按重要程度分为A、B、C三类\n- **四象限法**：按重要和紧急两个维度划分\n"
    g = parse(md, "a.md")
    assert kids(g, "ABC分类法") == []


def test_an_aside_line_after_an_entry_is_a_sentence_of_its_own():
    from cskexam.core.notes import NoteSource, parse_notes

    text = ("服务质量的五个维度：\n(1)有形性：看得见的部分\n(2)可靠性：准确地履行服务承诺的能力\n"
            "(3)移情性：关心客户并为客户提供个性化服务\n注：可靠性是五个维度中最重要的，考过单选。\n")
    graph = parse_notes([NoteSource("aside.md", text)])
    item = next(n for n in graph.nodes.values() if n.title == "移情性")
    assert item.text.startswith("关心客户并为客户提供个性化服务。注")  # never 「…服务注：…」
