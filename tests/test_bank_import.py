"""The 刷题 spreadsheet template (csv and xlsx) → validated questions."""

import csv
import io

import pytest

from cskexam.core.bank_import import import_id, import_rows, rows_from_csv_bytes, rows_from_xlsx_bytes
from cskexam.core.errors import BankError
from test_questions_helpers import DOC1, by_title, sample_graph

HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "章节"]
ROWS = [
    ["单选题", "指提供不同的产品以满足相同需求的竞争者是（ ）。", "愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者",
     "", "", "B", "普通竞争者满足相同需求。", "竞争者环境/普通竞争者"],
    ["多选题", "下列属于宏观环境分析的有（ ）。", "市场人口", "营销环境", "技术环境", "服务环境", "", "", "A,C", "宏五。",
     "宏观环境分析"],
    ["判断题", "愿望竞争者指提供不同的产品以满足不同需求的竞争者。", "正确", "错误", "", "", "", "", "A", "", "愿望竞争者"],
    ["填空题", "客户服务着装第一要素是（ ）。", "", "", "", "", "", "", "整洁", "", "客户服务着装"],
    ["简答题", "客户服务有哪五大特性？", "", "", "", "", "", "", "1.无形性 2.不可分性 3.易消失性 4.有偿性 5.易变性", "",
     f"{DOC1} > 宏观环境分析"],
]


@pytest.fixture(scope="module")
def graph():
    return sample_graph()


def _csv_bytes(rows, encoding="utf-8-sig"):
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode(encoding)


def test_csv_template_imports_every_type(graph):
    rows = rows_from_csv_bytes(_csv_bytes([HEADER, *ROWS]), "t.csv")
    res = import_rows(rows, "t.csv", graph)
    assert res.problems == []
    types = [q.type for q in res.questions]
    assert types == ["单选", "多选", "判断", "填空", "简答"]
    single, multi, judge, fill, short = res.questions
    assert single.answer == "B" and single.node == by_title(graph, "普通竞争者").id
    assert single.source == "import" and single.document == DOC1
    assert single.origin.file == "t.csv" and single.origin.line == 2
    assert multi.answer == ["A", "C"]
    assert judge.answer == "对" and judge.options == {}
    assert judge.explanation  # a placeholder instead of nothing
    assert fill.stem == "客户服务着装第一要素是____。" and fill.grade("整洁").correct
    assert [p.point for p in short.points] == ["无形性", "不可分性", "易消失性", "有偿性", "易变性"]
    assert short.grade("无形性、不可分性、易消失性").score == pytest.approx(0.6)


def test_gbk_csv_from_excel_is_read():
    rows = rows_from_csv_bytes(_csv_bytes([HEADER, ROWS[0]], "gb18030"), "t.csv")
    assert rows[1][0] == "单选题"


def test_xlsx_template_imports_with_row_numbers(graph, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS[:2]:
        sheet.append(row)
    bad = list(ROWS[0])
    bad[8] = "E"  # no option E
    bad[1] = "另一道题（ ）。"
    sheet.append(bad)
    path = tmp_path / "bank.xlsx"
    book.save(path)
    rows = rows_from_xlsx_bytes(path.read_bytes(), "bank.xlsx")
    res = import_rows(rows, "bank.xlsx", graph)
    assert [str(p) for p in res.problems] == ["bank.xlsx:4: 答案 E 不在选项 A、B、C、D 中"]
    assert res.questions == []  # nothing half-imported


def test_broken_xlsx_is_a_clear_error():
    with pytest.raises(BankError) as info:
        rows_from_xlsx_bytes(b"PK\x03\x04 not really a zip", "broken.xlsx")
    assert info.value.file == "broken.xlsx" and "xlsx" in info.value.message


def test_missing_columns_named_in_chinese(graph):
    res = import_rows([["题干", "选项A"], ["x", "y"]], "t.csv", graph)
    assert [str(p) for p in res.problems] == ["t.csv:1: 第一行缺少列: 题型、答案"]


def test_unknown_chapter_is_a_problem_unless_unlinked_allowed(graph):
    row = list(ROWS[0])
    row[10] = "第九章 不存在"
    res = import_rows([HEADER, row], "t.csv", graph)
    assert [str(p) for p in res.problems] == ["t.csv:2: 知识图谱中找不到知识点「第九章 不存在」"]
    res = import_rows([HEADER, row], "t.csv", graph, allow_unlinked=True)
    assert res.problems == [] and res.questions[0].node is None


def test_unknown_type_and_duplicate_row(graph):
    row = list(ROWS[0])
    row[0] = "连线题"
    res = import_rows([HEADER, ROWS[0], ROWS[0], row], "t.csv", graph)
    messages = [str(p) for p in res.problems]
    assert any(m.startswith("t.csv:3: 题号 im-") and "重复（首次出现在 t.csv:2）" in m for m in messages)
    assert any(m.startswith("t.csv:4: 未知题型「连线题」") for m in messages)


def test_ids_are_stable_across_reimports():
    assert import_id("单选", "题 干（ ）") == import_id("单选", "题干（）") != import_id("多选", "题干（）")


def test_empty_file(graph):
    assert [p.message for p in import_rows([], "t.csv", graph).problems] == ["文件是空的"]
    assert [p.message for p in import_rows([HEADER], "t.csv", graph).problems] == ["没有可导入的题目"]
