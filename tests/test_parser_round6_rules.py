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
