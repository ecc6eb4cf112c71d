"""Questions a paper would not print, whatever notes they come from: names recited as 简答."""

import random

from cskexam.core.notes.parser import NoteSource, parse_notes
from cskexam.core.question_quality import names_list
from cskexam.core.questions import generate_questions

EDUCATORS = """# 教育学基础背诵

### 西方教育学代表人物
- 苏格拉底
- 柏拉图
- 亚里士多德
- 昆体良

### 教育学的代表著作
《大教学论》、《普通教育学》、《民主主义与教育》

### 影响人身心发展的因素
遗传、环境、学校教育、个体主观能动性
"""


def test_a_list_of_names_is_no_short_answer_question():
    graph = parse_notes([NoteSource("edu.md", EDUCATORS)])
    shorts = [q.stem for q in generate_questions(graph, random.Random(1)) if q.type == "简答"]
    assert not any("代表人物" in s or "著作" in s for s in shorts), shorts
    assert any("影响人身心发展的因素" in s for s in shorts), shorts  # things of a kind still are


def test_names_lists_are_told_by_their_name_or_by_book_marks():
    assert names_list("西方教育学代表人物", ["苏格拉底", "柏拉图"])
    assert names_list("中国古代教育家", ["孔子", "孟子"])
    assert names_list("教育学著作", ["大教学论", "普通教育学"])
    assert names_list("必读书", ["《大教学论》", "《普通教育学》", "《爱弥儿》"])
    assert not names_list("教育的基本要素", ["教育者", "受教育者", "教育影响"])
    assert not names_list("知觉的基本特性", ["选择性", "整体性", "理解性", "恒常性"])
