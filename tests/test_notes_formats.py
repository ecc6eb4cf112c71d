"""Format quirks of real notes: Markdown variants, blog emoji, converter pinyin,
mnemonic labels, slide decks and tables of contents read as plain notes."""

from __future__ import annotations

from cskexam.core.notes.formats import reformat
from outline_helpers import parse, node, kids, titles


def documents(graph):
    return [n.title for n in graph if n.kind == "document"]


# Markdown ----------------------------------------------------------------------
def test_setext_headings_are_headings_and_their_underlines_vanish():
    md = (
        "软考网络工程师复习笔记\n======================\n\n"
        "3.1 局域网基础\n--------------\n\n- 以太网\n- 令牌环网\n\n"
        "3.2 交换技术\n------------\n\n- 存储转发\n- 直通交换\n"
    )
    g = parse(md, "网络.md")
    assert documents(g) == ["软考网络工程师复习笔记"]
    assert kids(g, "局域网基础") == ["以太网", "令牌环网"]
    assert kids(g, "交换技术") == ["存储转发", "直通交换"]
    assert not any("---" in t or "===" in t for t in titles(g))


def test_a_rule_under_a_sentence_stays_a_rule():
    md = "# 笔记\n\n## 概述\n\n防火墙用来隔离内外网。\n---\n\n## 分类\n\n- 包过滤\n- 代理\n"
    g = parse(md, "墙.md")
    assert "防火墙用来隔离内外网" not in " ".join(titles(g))
    assert kids(g, "分类") == ["包过滤", "代理"]


def test_closed_atx_headings_lose_their_closing_hashes():
    md = "# 操作系统\n\n## 进程管理 ##\n\n### 进程的三种基本状态 ###\n\n- 就绪\n- 运行\n- 阻塞\n"
    g = parse(md, "os.md")
    assert kids(g, "进程管理") == ["进程的三种基本状态"]
    assert kids(g, "进程的三种基本状态") == ["就绪", "运行", "阻塞"]
    assert not any("#" in t for t in titles(g))


def test_footnotes_math_and_continued_items_are_body_text():
    md = (
        "# 数据结构\n\n## 排序算法\n\n"
        "1) 快速排序：平均复杂度 $O(n\\log n)$，\n   最坏退化为平方级\n"
        "2) 归并排序：稳定排序[^1]\n\n$$\nT(n) = 2T(n/2) + n\n$$\n\n"
        "[^1]: 归并排序需要额外的辅助空间。\n"
    )
    g = parse(md, "排序.md")
    assert kids(g, "排序算法") == ["快速排序", "归并排序"]
    assert "最坏退化为平方级" in node(g, "快速排序").text
    everything = " ".join(titles(g) + [n.text for n in g])
    assert "[^1]" not in everything and "T(n)" not in everything


def test_a_link_to_the_next_chapter_is_navigation_not_a_chapter():
    md = "# 第5章 网络安全\n\n## 加密技术\n\n- 对称加密\n- 非对称加密\n\n（本章完，下一章：[[第6章 网络管理]]）\n"
    g = parse(md, "安全.md")
    assert "网络管理" not in titles(g)
    assert kids(g, "加密技术") == ["对称加密", "非对称加密"]


# Blog emoji --------------------------------------------------------------------
def test_keycap_emoji_number_headings_and_decoration_goes():
    md = (
        "# 🌟 教资科目二 | 德育笔记 🌟\n\n## 📌 一、德育原则\n\n"
        "### 1️⃣ 导向性原则 🔥\n\n方向要正确\n\n### 2️⃣ 疏导原则\n\n循循善诱\n\n"
        "## 📌 二、德育方法 ✨\n\n### 1️⃣ 说服教育法\n\n摆事实讲道理\n"
    )
    g = parse(md, "德育.md")
    assert documents(g) == ["教资科目二 | 德育笔记"]
    assert kids(g, "德育原则") == ["导向性原则", "疏导原则"]
    assert kids(g, "德育方法") == ["说服教育法"]
    assert node(g, "导向性原则").marker == "1."
    assert not any(ch in "".join(titles(g)) for ch in "📌🔥✨🌟\u20e3\ufe0f")


def test_emoji_joiners_and_pointers_make_lists_and_terms():
    md = (
        "# 教育心理学\n\n## 需要层次\n\n### 两类需要\n\n**缺失需要** ➕ **成长需要**\n\n"
        "### 动机的分类\n\n✅ 按来源：内部动机 / 外部动机\n✅ 按作用：主导动机 / 辅助动机\n\n"
        "### 迁移理论\n\n早期：形式训练说 → 共同要素说 → 概括化理论\n\n"
        "### 两种归因者\n\n高成就者 👉 归因于努力\n低成就者 👉 归因于运气\n\n"
        "### 判断\n\n👉 惩罚就是负强化。❌\n"
    )
    g = parse(md, "心理.md")
    assert kids(g, "两类需要") == ["缺失需要", "成长需要"]
    assert kids(g, "按来源") == ["内部动机", "外部动机"]
    assert kids(g, "按作用") == ["主导动机", "辅助动机"]
    assert kids(g, "早期") == ["形式训练说", "共同要素说", "概括化理论"]
    assert kids(g, "两种归因者") == ["高成就者", "低成就者"]
    assert node(g, "高成就者").text.startswith("归因于努力")
    assert any(f["kind"] == "false_statement" for f in node(g, "惩罚就是负强化").flags)


def test_arrows_in_a_sentence_or_alone_on_a_line_stay_text():
    md = "# 封锁\n\n## 协议\n\n1. 一级协议：修改前加锁，事务结束释放 → 防止丢失修改\n2. 二级协议：读前加锁\n"
    g = parse(md, "锁.md")
    assert kids(g, "协议") == ["一级协议", "二级协议"]
    assert "防止丢失修改" in node(g, "一级协议").text


# Converter pinyin and mnemonic labels --------------------------------------------
def test_pinyin_left_by_a_converter_vanishes():
    text = (
        "心理學筆記\n\n一、發(fā)展心理學\n\n1. 發(fā)展的規(guī)律:連續性、階段性、不平衡性。\n\n"
        "2. 常模的類型(P178):發(fā)展常模、百分位常模。\n\n3. 內(nèi)容效度\n"
    )
    g = parse(text, "心理.txt")
    assert "發展心理學" in titles(g)
    assert kids(g, "發展的規律") == ["連續性", "階段性", "不平衡性"]
    assert kids(g, "常模的類型") == ["發展常模", "百分位常模"]
    assert node(g, "常模的類型").page
    assert "內容效度" in titles(g)


def test_mnemonic_labels_in_other_spellings():
    text = (
        "發展心理學\n\n一、嬰幼兒\n\n1. 依戀的類型:安全型、迴避型、反抗型。〔速記〕安避抗\n\n"
        "2. 青少年的特點:反抗性、閉鎖性、勇敢和怯懦。記:反閉勇\n"
    )
    g = parse(text, "發展.txt")
    assert node(g, "依戀的類型").mnemonic == "安避抗"
    assert kids(g, "依戀的類型") == ["安全型", "迴避型", "反抗型"]
    assert node(g, "青少年的特點").mnemonic == "反閉勇"
    md = "# 数据库\n\n## 范式\n\n+ 1NF：属性不可再分\n+ 2NF：消除部分依赖\n\n> 记：一不可分，二消部分\n"
    assert node(parse(md, "范式.md"), "范式").mnemonic == "一不可分,二消部分"


# Slide decks and tables of contents --------------------------------------------
_DECK = (
    "人力资源管理培训课件\nCompany Logo\n主讲：李老师\n目录\n一、招聘管理二、培训管理\n"
    "Company Logo\n一、招聘管理\nCompany Logo\n招聘的渠道\n按来源分\n内部招聘\n外部招聘\n"
    "Company Logo\n招聘的渠道（续）\n按方式分\n网络招聘\n校园招聘\n"
    "Company Logo\n面试的步骤\n1 准备\n2 实施\n3 评估\n单击此处添加文本\n"
    "Company Logo\n二、培训管理\nCompany Logo\n培训需求分析的层次\n• 组织分析\n– 战略\n– 资源\n• 人员分析\n"
    "Company Logo\n谢谢观看！\n"
)


def test_slide_deck_titles_sections_and_continuations():
    g = parse(_DECK, "课件.txt")
    assert documents(g) == ["人力资源管理培训课件"]
    assert kids(g, "招聘管理") == ["招聘的渠道", "面试的步骤"]
    assert kids(g, "招聘的渠道") == ["按来源分", "按方式分"]
    assert kids(g, "按方式分") == ["网络招聘", "校园招聘"]
    assert kids(g, "面试的步骤") == ["准备", "实施", "评估"]
    assert kids(g, "培训管理") == ["培训需求分析的层次"]
    assert kids(g, "组织分析") == ["战略", "资源"]
    everything = " ".join(titles(g) + [n.text for n in g])
    for junk in ("Company Logo", "单击此处", "谢谢观看", "目录"):
        assert junk not in everything


def test_every_line_keeps_its_number():
    raw = _DECK.split("\n")
    lines, flowing = reformat(raw, False)
    assert len(lines) == len(raw) and flowing
    md = "标题\n====\n\n- 甲，\n  乙\n### 丙 ###\n".split("\n")
    out, flowing = reformat(md, True)
    assert len(out) == len(md) and flowing
    assert out[:2] == ["# 标题", ""] and out[3:6] == ["- 甲，乙", "", "### 丙"]


def test_plain_notes_are_left_as_they_are():
    raw = ["第一章 总论", "1、管理的职能：计划、组织、领导、控制", "（1）计划 → 组织", "2021 / 2022 年考情"]
    assert reformat(raw, False) == (raw, False)


def test_tight_and_attributed_headings_and_shape_bullets():
    md = "# 教育学\n\n##第一章 教育的起源\n\n### 起源学说 {#origin}\n\n🔹 神话起源说\n🔹 生物起源说\n🔸 心理起源说\n\n#重点#\n"
    g = parse(md, "起源.md")
    assert kids(g, "教育的起源") == ["起源学说"]
    assert kids(g, "起源学说") == ["神话起源说", "生物起源说", "心理起源说"]


def test_web_page_byline_signature_and_related_links_are_furniture():
    text = (
        "心理學必背知識點\n\n心理諮詢師 責任編輯:小林 2021-08-16 閱讀:3521\n\n摘要:考前每天過一遍,查漏補缺。\n\n"
        "一、發展心理學\n\n1. 依戀的類型:安全型、迴避型、反抗型。\n\n二、心理測量學\n\n1. 測量的要素:參照點、單位。\n\n"
        "相關推薦:報名時間匯總 | 各科目分值\n\n(責任編輯:小林)\n"
    )
    g = parse(text, "心理.txt")
    assert [t for t in titles(g) if t in ("發展心理學", "心理測量學")] == ["發展心理學", "心理測量學"]
    assert all(node(g, t).parent == g.nodes[node(g, "發展心理學").parent].id for t in ("心理測量學",))
    everything = " ".join(titles(g) + [n.text for n in g])
    for junk in ("責任編輯", "閱讀", "相關推薦", "摘要"):
        assert junk not in " ".join(titles(g)), junk
    assert "相關推薦" not in everything and "責任編輯" not in everything


def test_other_names_for_a_mnemonic():
    text = "管理學\n\n一、職能\n\n1. 管理的職能:計劃、組織、領導、控制。順口溜:計組領控\n\n2. 環境分析:政治、經濟、社會、技術。【記憶方法】政經社技\n"
    g = parse(text, "管理.txt")
    assert node(g, "管理的職能").mnemonic == "計組領控"
    assert node(g, "環境分析").mnemonic == "政經社技"
