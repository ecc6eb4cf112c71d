"""Rules learnt from a seventh examiner's notes: OCR and PDF text (half-width
punctuation, spaced markers and headings), whole chapters run on one line,
traditional part markers (壹、貳) and question-and-answer notes. The examples
are written for these tests."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def test_a_space_between_a_run_on_title_and_its_list_ends_the_title():
    text = (
        "园艺速记\n第一章 土壤 一、土壤的组成 矿物质、有机质、水分、空气 二、土壤的类型：砂土、黏土、壤土\n"
        "考点3：常用的肥料 氮肥、磷肥、钾肥\n"
    )
    g = parse(text)
    assert kids(g, "土壤的组成") == ["矿物质", "有机质", "水分", "空气"]
    assert kids(g, "常用的肥料") == ["氮肥", "磷肥", "钾肥"]


def test_letter_spaced_headings_still_join_and_a_plain_title_line_keeps_its_words():
    g = parse("园艺 讲义 考点速记\n第 一 章  土 壤 学\n一、土壤的组成：矿物质、有机质\n")
    assert "土壤学" in titles(g)
    assert kids(g, "土壤的组成") == ["矿物质", "有机质"]


def test_ocr_text_with_a_spaced_one_half_width_full_stops_and_a_bracket_set_apart():
    text = (
        "园艺讲义\n第 二 章  植 物 学\n"
        "L. 叶的结构 (表肉脉)\n叶由表皮、叶肉、叶脉三部分组成.\n(1)表皮:保护内部组织.\n(2)叶肉:进行光合作用.\n(3)叶脉:输导水分.\n"
        "2 . 根的类型 (P12)\n直根、须根\n"
    )
    g = parse(text)
    assert kids(g, "叶的结构") == ["表皮", "叶肉", "叶脉"]
    assert node(g, "叶的结构").mnemonic == "表肉脉"
    assert kids(g, "植物学") == ["叶的结构", "根的类型"]
    assert node(g, "根的类型").page == "P12" and kids(g, "根的类型") == ["直根", "须根"]


def test_financial_numerals_mark_parts_over_the_chapters():
    text = (
        "園藝講義\n\n壹、植物學\n\n一、葉的功能\n光合作用、蒸騰作用\n\n"
        "二、根的類型\n其中須根又包括：鬚狀根、纖維根\n\n貳、土壤學\n\n一、土壤的組成\n礦物質、有機質\n"
    )
    g = parse(text)
    assert kids(g, "植物學") == ["葉的功能", "根的類型"]
    assert kids(g, "土壤學") == ["土壤的組成"]
    assert node(g, "植物學").marker.startswith("壹")


def test_a_heading_closed_by_an_aside_in_latin_letters_and_a_tag_keeps_its_count():
    text = (
        "管理講義\n一、目標管理的基本原則（Drucker 五項原則）【重要】\n1.目標明確\n2.共同參與\n3.期限清楚\n4.自我控制\n5.成果回饋\n"
        "二、品質管理的工具（P12）【重点】\n甲、乙\n"
    )
    g = parse(text)
    n = node(g, "目標管理的基本原則(Drucker 五項原則)")
    assert n.count == 5 and "重要" in n.tags
    assert kids(g, "目標管理的基本原則(Drucker 五項原則)") == ["目標明確", "共同參與", "期限清楚", "自我控制", "成果回饋"]
    assert node(g, "品質管理的工具").page == "P12"


def test_a_counted_clause_followed_by_a_remark_after_a_comma_is_still_the_list():
    text = (
        "园艺速记\n考点1：土壤的质地 分为砂土、壤土和黏土三种，例如河边多为砂土。\n"
        "考点2：灌溉的方式 主要分为漫灌、喷灌和滴灌三类，其中滴灌又包括：地表滴灌、地下滴灌\n"
    )
    g = parse(text)
    assert kids(g, "土壤的质地") == ["砂土", "壤土", "黏土"] and node(g, "土壤的质地").count == 3
    assert kids(g, "灌溉的方式") == ["漫灌", "喷灌", "滴灌"]
    assert kids(g, "滴灌") == ["地表滴灌", "地下滴灌"]


def test_a_list_run_on_with_a_remark_keeps_the_remark_as_text():
    text = (
        "园艺速记\n考点3：常见的病害：白粉病、锈病、炭疽病 【重点】 注：白粉病最常见。\n"
        "考点4：修剪的方法 短截、疏剪、回缩 其中短截用得最多。\n"
    )
    g = parse(text)
    assert kids(g, "常见的病害") == ["白粉病", "锈病", "炭疽病"]
    assert "白粉病最常见" in node(g, "常见的病害").text
    assert kids(g, "修剪的方法") == ["短截", "疏剪", "回缩"]
    assert "短截用得最多" in node(g, "修剪的方法").text


def test_a_lead_in_that_ends_on_its_count_before_the_colon_gives_the_count():
    text = (
        "园艺讲义\n一、嫁接的过程\n嫁接一般按以下四个步骤进行：\n1.选砧木\n2.削接穗\n3.对准形成层\n4.绑扎\n"
        "二、花的结构 從外到內共四層：花萼、花冠、雄蕊、雌蕊\n"
    )
    g = parse(text)
    assert node(g, "嫁接的过程").count == 4 and len(kids(g, "嫁接的过程")) == 4
    assert kids(g, "花的结构") == ["花萼", "花冠", "雄蕊", "雌蕊"] and node(g, "花的结构").count == 4
