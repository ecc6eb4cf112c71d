"""Rules learnt from an eighth examiner's notes: answer sheets (answers that
are bare lists, lead-ins with a count, a count closing the list), OCR damage
in markers, lead-ins under their heading and mnemonics of one character per
item. The examples are written for these tests."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def test_an_ocr_dash_read_for_one_is_the_first_chinese_numbered_heading():
    text = "园艺速记\n第一章 果树\n—、果树的分类（P8）\n乔木、灌木、藤本\n二、果树的繁殖\n嫁接、扦插、压条\n"
    g = parse(text)
    assert kids(g, "果树") == ["果树的分类", "果树的繁殖"]
    assert node(g, "果树的分类").page == "P8"
    assert kids(g, "果树的分类") == ["乔木", "灌木", "藤本"]


def test_a_lead_in_with_main_under_its_heading_gives_the_heading_its_items():
    text = "园艺速记\n第一章 果园\n（一）果农的职责\n果农的主要职责有四项：施肥、浇水、修剪、采摘。\n（二）果园的设施\n"
    g = parse(text)
    assert kids(g, "果农的职责") == ["施肥", "浇水", "修剪", "采摘"]
    assert node(g, "果农的职责").count == 4
    assert "果农的主要职责" not in titles(g)


def test_a_short_item_ended_by_its_stop_is_not_cut_at_a_known_shorter_title():
    text = (
        "园艺速记\n一、果园的工作 L.施肥管理；2.病虫防治；3.果实采收。\n"
        "二、果农的任务 1.施肥 2.修剪\n"
    )
    g = parse(text)
    assert kids(g, "果园的工作") == ["施肥管理", "病虫防治", "果实采收"]


def test_a_mnemonic_of_one_character_per_long_item_belongs_to_the_list_just_written():
    text = (
        "园艺速记\n第一章 果农\n一、果农的分工\n育苗、栽培\n"
        "二、果农的素质要求（P20）\n扎实的栽培知识、熟练的嫁接技术、较强的病虫害识别与防治能力、吃苦耐劳、身体健康\n"
        "巧记：栽嫁防苦健\n三、果农的收入\n"
    )
    g = parse(text)
    assert len(kids(g, "果农的素质要求")) == 5
    assert kids(g, "果农的素质要求")[2] == "较强的病虫害识别与防治能力"
    assert node(g, "果农的素质要求").mnemonic == "栽嫁防苦健"


def test_an_answer_that_is_a_bare_list_with_initials_in_brackets():
    text = "园艺简答\n模块一 果树\n1.影响果树生长的因素有哪些？\n答：光照、温度、水分、土壤养分。（光温水土）\n"
    g = parse(text)
    assert kids(g, "影响果树生长的因素有哪些") == ["光照", "温度", "水分", "土壤养分"]
    assert node(g, "影响果树生长的因素有哪些").mnemonic == "光温水土"


def test_an_answer_lead_in_with_a_count_gives_the_question_its_count():
    text = (
        "园艺简答\n模块一 果树\n4.简述果树修剪的基本原则。\n答：果树修剪有三条基本原则：\n"
        "（1）因树修剪\n（2）轻重结合\n（3）长短兼顾\n口诀：因轻长\n5.简述果树的繁殖。\n答：嫁接、扦插。\n"
    )
    g = parse(text)
    q = node(g, "简述果树修剪的基本原则")
    assert kids(g, "简述果树修剪的基本原则") == ["因树修剪", "轻重结合", "长短兼顾"]
    assert q.count == 3 and q.mnemonic == "因轻长"
    assert "果树修剪有三条基本原则" not in titles(g)


def test_a_count_clause_closing_an_answer_list_is_its_count_not_an_item():
    text = "园艺简答\n模块一 果树\n5.简述果树栽植的步骤。\n答：挖穴、施基肥、栽苗、填土、浇定根水，共五个步骤。\n"
    g = parse(text)
    assert kids(g, "简述果树栽植的步骤") == ["挖穴", "施基肥", "栽苗", "填土", "浇定根水"]
    assert node(g, "简述果树栽植的步骤").count == 5


def test_basis_points_of_an_answer_each_hold_their_list():
    text = (
        "园艺简答\n模块二 花卉\n问：花卉的种类有哪些？\n答：（1）根据花卉的生长习性分：一年生的花卉、多年生的花卉。\n"
        "（2）根据花卉的观赏部位分：观花的花卉、观叶的花卉。\n"
    )
    g = parse(text)
    assert kids(g, "根据花卉的生长习性分") == ["一年生的花卉", "多年生的花卉"]
    assert kids(g, "根据花卉的观赏部位分") == ["观花的花卉", "观叶的花卉"]


def test_numbered_questions_after_a_question_with_points_in_a_new_module_stand_beside_it():
    text = (
        "园艺简答\n模块一 果树\n7.果树的器官有哪些？\n答：根、茎、叶三种。\n\n模块二 花卉\n"
        "问：花卉的种类有哪些？\n答：（1）草本花卉：菊花、兰花。\n（2）木本花卉：月季、牡丹。\n\n"
        "8.简述花卉的繁殖方法。\n答：播种、分株、扦插。\n9.如何给花卉施肥？\n答：（1）薄肥勤施；（2）看花施肥；（3）适时施肥。\n"
    )
    g = parse(text)
    assert kids(g, "花卉") == ["花卉的种类有哪些", "简述花卉的繁殖方法", "如何给花卉施肥"]
    assert kids(g, "木本花卉") == ["月季", "牡丹"]
    assert kids(g, "如何给花卉施肥") == ["薄肥勤施", "看花施肥", "适时施肥"]


def test_a_judgement_section_with_a_remark_in_brackets_closes_the_answer_above():
    text = (
        "园艺简答\n模块一 果树\n12.简述果园的管理内容。\n答：土壤管理、水分管理、病虫管理。\n\n"
        "辨析题速记（判断对错）\n1.果树都喜阴。（×）\n2.嫁接能保持品种特性。（√）\n"
    )
    g = parse(text)
    assert kids(g, "简述果园的管理内容") == ["土壤管理", "水分管理", "病虫管理"]
    assert "辨析" not in node(g, "简述果园的管理内容").text
    assert "辨析题速记(判断对错)" in titles(g)
    assert node(g, "果树都喜阴").flags


def test_an_item_of_full_length_closed_by_a_short_aside_keeps_its_whole_title():
    text = (
        "园艺简答\n模块一 栽培\n1.简述植物生长的规律。\n答：植物生长有两条规律：\n"
        "（1）根系生长与环境条件相互适应相互影响的规律（适应性规律）\n（2）产量与品质相统一的规律\n"
    )
    g = parse(text)
    assert kids(g, "简述植物生长的规律")[0] == "根系生长与环境条件相互适应相互影响的规律(适应性规律)"
    assert not node(g, "根系生长与环境条件相互适应相互影响的规律(适应性规律)").flags


def test_a_body_sentence_in_traditional_characters_counts_its_parts():
    text = "園藝講義\n第一章 花卉\n一、花的組成部分\n花一般由花冠、花萼和花托三部分組成。\n二、葉的功能\n"
    g = parse(text)
    assert kids(g, "花的組成部分") == ["花冠", "花萼", "花托"]
    assert node(g, "花的組成部分").count == 3


def test_a_sub_list_of_fifteen_items_after_a_numbered_list_goes_to_its_item():
    names = "、".join(["甲花", "乙花", "丙花", "丁花", "戊花", "己花", "庚花", "辛花", "壬花", "癸花", "子花", "丑花", "寅花", "卯花", "辰花"])
    text = (
        "園藝講義\n第一章 花卉\n一、花卉的分類\n按用途可分為二類：\n1、觀賞花卉：用於觀賞的花卉。\n2、藥用花卉：可入藥的花卉。\n"
        f"其中觀賞花卉又包括以下十五種：{names}。\n口訣：甲乙丙丁\n二、花卉的栽培\n"
    )
    g = parse(text)
    assert len(kids(g, "觀賞花卉")) == 15
    assert node(g, "觀賞花卉").count == 15
    assert kids(g, "藥用花卉") == []


def test_a_lead_in_about_the_heading_above_gives_it_its_items():
    text = (
        "园艺速记\n第一章 栽培\n一、三段栽培模型【重点】\n该模型指出了影响产量的三大环节：\n"
        "1、育苗环节\n2、定植环节\n3、采收环节\n记忆：育定采\n二、栽培的设施\n"
    )
    g = parse(text)
    assert kids(g, "三段栽培模型") == ["育苗环节", "定植环节", "采收环节"]
    assert node(g, "三段栽培模型").count == 3
    assert not any(t.startswith("该模型") for t in titles(g))


def test_a_sentence_with_examples_after_a_comma_is_no_list():
    text = (
        "园艺速记\n一、花卉的类型\n花卉分为草本、木本两种。\n草本：茎干柔软的花卉，如菊花、兰花。\n"
        "木本：茎干木质化的花卉，如月季、牡丹。\n二、花卉的栽培\n"
    )
    g = parse(text)
    assert kids(g, "草本") == [] and "如菊花" in node(g, "草本").text


def test_an_inline_list_cut_by_the_page_goes_on_on_the_next_line():
    text = (
        "园艺速记\n一、花卉的分类\n按花卉的观赏部位分为四类：观花类、观叶类、观果\n类、观茎类。\n"
        "按花卉的生长习性分为两类：草本、木本。\n"
    )
    g = parse(text)
    assert kids(g, "按花卉的观赏部位分为四类") == ["观花类", "观叶类", "观果类", "观茎类"]


def test_a_chapter_printed_again_in_the_running_header_is_no_second_chapter():
    text = (
        "园艺复习笔记\n第一章 果树栽培\n一、果树的繁殖\n嫁接、扦插、压条\n"
        "                                 ·12·\n园艺复习·笔记    第一章 果树栽培\n二、果树的修剪\n短截、疏剪\n"
        "                                 ·13·\n园艺复习·笔记    第二章 花卉栽培\n一、花卉的繁殖\n播种、分株\n"
    )
    g = parse(text)
    assert titles(g).count("果树栽培") == 1
    assert kids(g, "果树栽培") == ["果树的繁殖", "果树的修剪"]


def test_a_remark_on_how_the_notes_were_made_is_body_text():
    g = parse("园艺复习笔记\n整理说明：根据教材第二版整理，页码为教材页码，仅供复习使用\n第一章 果树\n一、果树的繁殖\n嫁接、扦插\n")
    assert "整理说明" not in titles(g)
    assert "仅供复习使用" not in titles(g)


def test_a_bracketed_kind_before_a_statement_marked_false_is_no_part_of_it():
    g = parse("园艺复习笔记\n第一章 果树\n一、果树的繁殖\n嫁接、扦插\n【易错】果树只能用种子繁殖。（×）\n")
    assert "果树只能用种子繁殖" in titles(g)


def test_short_words_before_one_noun_are_no_list():
    text = (
        "# 园艺\n\n## 花期\n\n花期通常分为以下两种：\n\n- 长花期：持久、稳定、连续性的开花状态\n"
        "- 短花期：集中、短暂、爆发式的开花状态\n"
    )
    g = parse(text, "notes.md")
    assert kids(g, "长花期") == [] and kids(g, "短花期") == []
