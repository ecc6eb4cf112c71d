"""Rules learnt from a ninth examiner's notes: counted sentences that close
with a remark or repeat the heading's count, 经过 as a list verb, a lead-in
count after 以下 with any short noun, sub-lists opened by 又 without 其中, and
an inline sub-list followed by more text. The examples are written for these tests."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def test_a_counted_sentence_with_a_remark_after_it_gives_the_heading_its_items():
    text = "园艺速记\n考点2：果园的基本要素\n果园由土地、果树和果农三个基本要素构成，三者缺一不可。\n考点3：果园的管理\n"
    g = parse(text)
    assert kids(g, "果园的基本要素") == ["土地", "果树", "果农"]
    assert node(g, "果园的基本要素").count == 3


def test_a_body_sentence_naming_as_many_items_as_the_heading_counts_is_its_list():
    text = "园艺速记\n考点10：果树的三种繁殖方法\n有人认为，家庭果园的繁殖主要由嫁接、扦插和压条三个方面组成。\n考点11：果树的修剪\n"
    g = parse(text)
    assert kids(g, "果树的三种繁殖方法") == ["嫁接", "扦插", "压条"]
    # a count in the body that differs from the heading's is no list of its items
    g = parse("园艺速记\n考点10：果树的三种繁殖方法\n繁殖主要由嫁接和扦插两个方面组成。\n")
    assert kids(g, "果树的三种繁殖方法") == []


def test_a_list_after_jingguo_loses_its_subject():
    text = "园艺速记\n4.简述采收的程序。\n答：采收一般经过预冷、采摘、分级、装箱四个环节。\n5.简述别的。\n"
    g = parse(text)
    assert kids(g, "简述采收的程序") == ["预冷", "采摘", "分级", "装箱"]
    assert "采收一般经过预冷" not in titles(g)


def test_a_lead_in_after_yixia_counts_with_any_short_noun():
    text = "园艺速记\n6.果园管理应坚持哪些观点？\n答：应坚持以下四个观点：整体的观点、长远的观点、节约的观点、安全的观点。\n"
    g = parse(text)
    assert node(g, "果园管理应坚持哪些观点").count == 4
    text = "园艺速记\n（三）果树的认定条件\n將一株植物認定為果樹，除結果以外，還應同時滿足以下兩個條件：\n(1)多年生；\n(2)木本。\n"
    g = parse(text)
    assert node(g, "果树的认定条件").count == 2


def test_a_sub_list_opened_by_you_without_qizhong_joins_its_item():
    text = (
        "园艺速记\n一、果樹的分類\n果樹按習性分為落葉果樹和常綠果樹兩類。\n"
        "其中落葉果樹又包括：蘋果、梨、桃。\n常綠果樹又包括：柑橘、荔枝、龍眼。\n二、果樹的繁殖\n"
    )
    g = parse(text)
    assert kids(g, "果樹的分類") == ["落葉果樹", "常綠果樹"]
    assert kids(g, "常綠果樹") == ["柑橘", "荔枝", "龍眼"]
    assert "常綠果樹又" not in titles(g)


def test_an_inline_sub_list_followed_by_a_remark_still_joins_its_item():
    text = "园艺速记\n7.果树的寿命分为哪几种？\n答：果树的寿命分为长寿和短寿两种。其中短寿又包括：十年、五年。\n注意：旧说法为三种。\n"
    g = parse(text)
    assert kids(g, "短寿") == ["十年", "五年"]


def test_a_sentence_after_a_list_of_bare_names_is_about_the_list():
    text = (
        "园艺速记\n三、病虫害的危害\n1.减产\n2.落果\n3.品质下降\n4.树势衰弱\n"
        "果园的损失大部分是由虫害造成的,防治时要早发现、早处理。\n四、病虫害的防治\n"
    )
    g = parse(text)
    assert kids(g, "病虫害的危害") == ["减产", "落果", "品质下降", "树势衰弱"]
    assert node(g, "病虫害的危害").text.startswith("果园的损失大部分")
    assert node(g, "树势衰弱").text == ""


def test_a_sentence_that_names_the_last_item_stays_its_text():
    text = (
        "园艺速记\n三、病虫害的危害\n1.减产\n2.落果\n3.品质下降\n4.树势衰弱\n"
        "树势衰弱是指树体长期受害后,生长势明显下降的现象。\n四、病虫害的防治\n"
    )
    g = parse(text)
    assert node(g, "树势衰弱").text.startswith("树势衰弱是指")


def test_a_lead_in_before_a_remark_on_its_list_ends_as_a_sentence():
    text = "园艺速记\n4.简述果园管理的特点。\n答：主要有以下三个特点：\n(1)季节性\n(2)长期性\n(3)地域性\n其中季节性是果园管理最基本的特点,不能违时。\n"
    g = parse(text)
    assert "特点。其中季节性" in node(g, "简述果园管理的特点").text


def test_a_table_pasted_from_word_is_body_text():
    text = (
        "园艺速记\n一、果树的比较\n各果树的比较：\n"
        "\t产量\t寿命\t耐寒\n苹果\t高\t长\t强\n柑橘\t中\t中\t弱\n荔枝\t低\t长\t弱\n二、果树的繁殖\n"
    )
    g = parse(text)
    # the rows are text, as a Markdown table's are, never items of a list
    assert "苹果" in node(g, "各果树的比较").text
    assert not any("苹果" in t for t in titles(g))
    # a mind map's tabs are its indentation, never cells
    g = parse("果园\n\t果树\n\t\t苹果\n\t\t柑橘\n\t管理\n")
    assert kids(g, "果树") == ["苹果", "柑橘"]
