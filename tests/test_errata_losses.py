"""The loss report on real Chinese notes: real OCR losses are asked about, the notes' own forms are not."""

from __future__ import annotations

import pytest

from cskexam.core.errata import loss_marker, parse_errata
from cskexam.resources import content_dir, note_files
from cskexam.services.notes import errata_path, suspect_losses

# A clean passage that uses the words the mnemonics below abbreviate (态度,
# 期望, 误解, 分析, 回访, 责任), so only the structure of a line can tell an
# initial from a remnant.
CONTEXT = (
    "客户投诉产生的原因：服务态度问题，客户期望值过高，客户误解。\n"
    "处理投诉要分清责任，定期分析，做好回访，了解客户的需要，注意记录。\n"
)

CLEAN = [
    "注：投诉≠坏事！投诉是企业改进工作的“免费信息”",
    "记：“质、态、诺、期、误” 五个字",
    "口诀：“听、歉、记、析、解、访”",
    "口诀：“章、时、责、档、客”",
    "## 十、投诉的预防",
    "一、客户投诉的概念",
    "二、客户投诉产生的原因",
    "(1)有章可循原则 (2)及时处理原则",
    "（三）客户投诉的类型",
    "例：客户来访时，客服主管应先伸手表示欢迎。",
    "答：有形性、可靠性、响应性、保证性、移情性。（口诀：有可响保移）",
    "正确答案：A、B、C",
    "小贴士：口诀“基被负能伙”，按企业投入由少到多记。",
    "管理的基本职能（计组领控）",
    "客户服务的特征(特五)(P3)",
    "（考点：三大素质，案例题常考“不轻易承诺”）",
    "内部感觉：运动觉、平衡觉、机体觉",
    "……！！、、——；；",
    # 须, 需, 几 stand alone in written Chinese (员工须持证上岗), they are no remnant of 必须.
    "员工须持证上岗，所需材料见下表，分以下几方面说明。",
    # A word the notes use again and again, though the dictionary lacks it: 共情 is the notes' word.
    "共情是咨询的基础。共情积极关注。共情就是设身处地。做到共情需要练习。",
]


@pytest.mark.parametrize("line", CLEAN)
def test_the_notes_own_forms_are_not_losses(line):
    assert [s.describe() for s in suspect_losses(None, CONTEXT + line)] == []  # type: ignore[arg-type]


# Each completion is written whole at least twice elsewhere: a word written once is no evidence.
REAL = [
    # 在围上 beside the whole 在内容上/在形式上 of the same list.
    ("职业道德的三大特点:在围上,存在于从事一定职业的人中间;在内容上,具有稳定性和连续性;"
     "在形式上,具有具体、多样和较大的适用性。", "在围上", "范围"),
    ("3-1:客户服务的容划分:售前服务、售中服务、售后服务\n服务内容因行业而异，内容各不相同。", "的容划", "内容"),
    ("职业道德是指从事一定职业的人在职业活动中应遵循的特定的行为规。\n遵守行为规范。规范是准则。", "为规。", "规范"),
    ("共同对企业的管户服务活动发生影响。\n客户是企业的生命，客户满意，客户忠诚，做好客户服务。", "管户服", "客户"),
    ("厨师长则是司厨师团队的负责人。\n公司设有餐饮部，公司员工。", "是司厨", "公司"),
    # Notes in 繁體 are read as their simplified form: 在圍上 lost 範 as 在围上 lost 范.
    ("職業道德的三大特點：在圍上，存在於從事一定職業的人中間；在內容上，具有穩定性；"
     "在形式上，具有多樣性。", "在圍上", "范围"),
]


@pytest.mark.parametrize("text, span, word", REAL)
def test_real_ocr_losses_are_asked_about(text, span, word):
    found = suspect_losses(None, text)  # type: ignore[arg-type]
    assert [(s.span, word in s.words) for s in found] == [(span, True)]


def test_the_bundled_notes_as_pasted_show_their_real_losses():
    path = note_files(content_dir())[0]
    pasted = path.read_text("utf-8-sig")
    corrections = parse_errata(errata_path(path).read_text("utf-8-sig"), "errata")
    found = suspect_losses(path, pasted)
    spans = [s.span for s in found]
    for loss in ("在围上", "在容上", "的容划", "为规。", "管户服", "是司厨"):
        assert loss in spans
    # Each of them is a spot the errata file corrects.
    markers = [loss_marker(c) for c in corrections]
    assert all(any(s in m or m in s for m in markers) for s in ("在围上", "在容上", "为规。"))


def test_a_loss_deep_in_one_huge_pasted_line_is_found_on_its_line():
    """A file pasted as one line is read a run of sentences at a time (a 10 MB line would be
    millions of tokens at once); a loss far along it is still found, on that line."""
    filler = "客户是企业的生命，客户满意，客户忠诚。" * 400  # 7,600 characters, no loss
    text = "标题\n" + filler + REAL[0][0] + filler + "\n遵守行为规范。"
    found = suspect_losses(None, text)  # type: ignore[arg-type]
    assert [(s.line, s.span) for s in found] == [(2, "在围上")]


FALSE_ALARMS = [
    # The character with the word before it is the notes' own term, written again (后悔值).
    "决策时可用最小后悔值准则。后悔值等于最大收益减去该方案收益。价值工程。价值分析。",
    # Beside Latin letters, digits or their marks, the cut of a line says nothing of a loss.
    "4.减光作用\n减少损失。减少浪费。",
    # Two lone characters that are no words of grammar (导 图) are a word the dictionary lacks,
    # and the notes never write 导向 beside 维 or 图.
    "第三章 管理学思维导图\n目标导向。市场导向。顾客导向。",
    # A word the notes write whole only once (问题) is no evidence of what they lost.
    "本篇是我的刷题笔记。\n常见问题解答。",
    # Between 在 and 和 the notes never put a whole word: 在库 is their own word,
    # and the sentence's items share the character (入库、在库和出库).
    "车辆管理一般分为入库、在库和出库三个阶段。\n库存管理。库存周转。库存控制。库存成本。\n入库验收。",
    "档案流转分为归档、在档和出档三步。\n档案管理。档案保管。档案利用。",
    "货物状态分为待运、在运和已运。\n运输方式。运输成本。运输管理。",
]


@pytest.mark.parametrize("text", FALSE_ALARMS)
def test_no_loss_is_proposed_without_the_notes_backing_it(text):
    assert [s.describe() for s in suspect_losses(None, text)] == []  # type: ignore[arg-type]
