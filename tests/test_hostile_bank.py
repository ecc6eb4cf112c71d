"""Hostile question-bank files: bombs, escapes and nonsense get one clear problem, never a traceback."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskexam.core.bank import MAX_YAML_NODES, check_bank_text, load_yaml_with_lines
from cskexam.core.bank_import import (
    MAX_XLSX_UNCOMPRESSED,
    import_rows,
    rows_from_csv_bytes,
    rows_from_xlsx_bytes,
)
from cskexam.core.errors import BankError
from cskexam.core.grading import grade_short_answer
from support import bounded

HEADER = ["题型", "题干", "A", "B", "C", "D", "答案", "解析", "难度"]


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['a: &a ["哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈"]']
    for i in range(1, levels):
        prev, cur = f"l{i - 1}" if i > 1 else "a", f"l{i}"
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * width) + "]")
    last = f"l{levels - 1}"
    lines.append("document: 客户服务管理师")
    lines.append(f"questions:\n  - id: jn-001\n    type: 单选\n    stem: *{last}\n    difficulty: *{last}")
    lines.append(f"    answer: *{last}\n    ? *{last}\n    : 键是列表")
    return "\n".join(lines) + "\n"




# -- YAML --------------------------------------------------------------------------

def test_billion_laughs_is_refused_quickly_with_a_line():
    text = billion_laughs()
    assert len(text) < 1000
    res = bounded(lambda: check_bank_text(text, "炸弹.yaml"))
    assert len(res.problems) == 1 and not res.questions
    problem = res.problems[0]
    assert "别名" in problem.message and f"{MAX_YAML_NODES:,}" in problem.message
    assert problem.line > 1 and len(problem.message) < 200


def test_alias_cycle_is_refused():
    res = check_bank_text("document: x\nquestions: &q\n  - *q\n", "环.yaml")
    assert res.problems and "循环" in res.problems[0].message


def test_moderate_aliases_are_still_allowed():
    text = ("base: &b {type: 判断, explanation: 解析, difficulty: 1}\n"
            "document: 文档\nquestions:\n  - {<<: *b, id: pd-001, stem: 服务具有无形性。, answer: 对}\n")
    data = load_yaml_with_lines(text)
    assert data["questions"][0]["type"] == "判断"


@pytest.mark.parametrize("value", ["9" * 5000, "2024-13-45", "0x" + "f" * 5000])
def test_unreadable_values_are_a_problem_on_their_line(value):
    text = f"document: 文档\nquestions:\n  - id: jn-001\n    difficulty: {value}\n"
    res = check_bank_text(text, "坏值.yaml")
    assert res.problems and res.problems[0].line in (3, 4)
    assert value[:50] not in res.problems[0].message


def test_a_list_as_a_key_or_value_is_never_printed_whole():
    text = ("document: 文档\nquestions:\n  - id: jn-001\n    type: 单选\n    stem: 题干（ ）\n"
            "    options: {A: 甲, B: 乙}\n    answer: [[A, B], [C, D]]\n    explanation: 解析\n"
            "    ? [x, y]\n    : 值\n    difficulty: [1, 2, 3]\n")
    res = check_bank_text(text, "列表.yaml")
    messages = " ".join(p.message for p in res.problems)
    assert "（一个列表）" in messages and "[[" not in messages


def test_terminal_escapes_are_stripped_from_bank_text():
    text = ("document: 文档\nquestions:\n  - id: pd-001\n    type: 判断\n"
            '    stem: "服务具有无形性\\e]0;PWNED\\a\\e[2J。"\n    answer: 对\n'
            '    explanation: "解析\\e[31m红色\\e[0m"\n    node: [无形性]\n')
    res = check_bank_text(text, "转义.yaml")
    assert not res.problems, res.problems
    q = res.questions[0]
    assert q.stem == "服务具有无形性。" and q.explanation == "解析红色"
    assert all("\x1b" not in t and "\x07" not in t for t in (q.stem, q.explanation))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("&*[]{}:-,!?|>'\"#\n 0123456789abc文档题")), max_size=200))
def test_any_text_gives_problems_not_exceptions(text):
    res = check_bank_text(text, "随机.yaml")
    assert not (res.questions and res.problems)  # a file with a problem imports nothing
    for p in res.problems:
        assert p.line >= 1 and len(p.message) < 400


# -- 刷题 templates --------------------------------------------------------------------

def _csv(rows: list[list[str]]) -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("difficulty", ["²", "③", "9" * 5000, "-1", "1e9", "NaN"])
def test_odd_difficulties_are_a_problem_not_a_crash(difficulty):
    rows = rows_from_csv_bytes(_csv([HEADER, ["单选", "题干（ ）", "甲", "乙", "丙", "丁", "A", "解析", difficulty]]), "难度.csv")
    res = import_rows(rows, "难度.csv", None, allow_unlinked=True)
    assert [p.line for p in res.problems] == [2]
    assert "难度" in res.problems[0].message and len(res.problems[0].message) < 120


def test_fullwidth_difficulty_digits_are_read():
    rows = rows_from_csv_bytes(_csv([HEADER, ["单选", "题干（ ）", "甲", "乙", "丙", "丁", "A", "解析", "３"]]), "难度.csv")
    res = import_rows(rows, "难度.csv", None, allow_unlinked=True)
    assert not res.problems and res.questions[0].difficulty == 3


def test_a_csv_field_over_the_limit_names_its_line():
    data = _csv([HEADER, ["单选", "题干（ ）", "甲", "乙", "丙", "丁", "A", "解析", "1"],
                 ["简答", "长" * 140_000, "", "", "", "", "答", "", ""]])
    with pytest.raises(BankError) as info:
        rows_from_csv_bytes(data, "长.csv")
    assert info.value.line == 3 and "131,072" in info.value.message


def test_nul_bytes_in_csv_are_refused():
    with pytest.raises(BankError, match="空字符"):
        rows_from_csv_bytes(b"\xe9\xa2\x98\xe5\x9e\x8b,x\n\x00\x00\n", "空.csv")


def test_csv_escapes_are_stripped():
    rows = rows_from_csv_bytes(_csv([HEADER, ["判断", "服务\x1b[2J具有\x9b31m无形性", "", "", "", "", "对", "解\x07析", ""]]),
                               "转义.csv")
    res = import_rows(rows, "转义.csv", None, allow_unlinked=True)
    assert not res.problems
    q = res.questions[0]
    assert "\x1b" not in q.stem and "\x9b" not in q.stem and q.explanation == "解析"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=10), min_size=0, max_size=6))
def test_any_table_gives_problems_not_exceptions(body):
    res = import_rows([HEADER] + body, "随机.csv", None, allow_unlinked=True)
    assert bool(res.questions) != bool(res.problems)


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite_member(data: bytes, name: str, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            dst.writestr(info.filename, edit(body) if info.filename == name else body)
    return out.getvalue()


def test_xlsx_declaring_a_huge_dimension_reads_only_what_is_there():
    data = _xlsx([HEADER, ["判断", "服务具有无形性。", "", "", "", "", "对", "解析", "1"]])
    bomb = _rewrite_member(data, "xl/worksheets/sheet1.xml",
                           lambda b: re.sub(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:XFD1048576"', b))
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(bomb)).read("xl/worksheets/sheet1.xml")
    rows = bounded(lambda: rows_from_xlsx_bytes(bomb, "大.xlsx"))
    assert len(rows) == 2 and rows[1][1] == "服务具有无形性。"


def test_zip_bomb_is_refused_before_inflating():
    data = _xlsx([HEADER])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/padding.xml", b"\0" * (MAX_XLSX_UNCOMPRESSED + 1))
    bomb = out.getvalue()
    assert len(bomb) < MAX_XLSX_UNCOMPRESSED // 100
    with pytest.raises(BankError, match="压缩炸弹"):
        bounded(lambda: rows_from_xlsx_bytes(bomb, "炸弹.xlsx"), seconds=2)


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken", b"\xd0\xcf\x11\xe0old xls"])
def test_what_is_not_an_xlsx_is_named_so(data):
    with pytest.raises(BankError, match="xlsx"):
        rows_from_xlsx_bytes(data, "假.xlsx")


# -- the grader ----------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=5))
def test_grader_takes_any_text(answer, points):
    res = grade_short_answer(answer, points)
    assert 0.0 <= res.score <= 1.0
    assert len(res.matched) + len(res.missed) == len(points)


def test_millions_of_tiny_shared_strings_are_refused_before_openpyxl():
    from cskexam.core.bank_import import MAX_XLSX_STRINGS

    data = _xlsx([HEADER])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>x</t></si>" * (MAX_XLSX_STRINGS + 1) + b"</sst>")
    with pytest.raises(BankError, match="单元格太多"):
        bounded(lambda: rows_from_xlsx_bytes(out.getvalue(), "字符串.xlsx"), seconds=2)


@pytest.mark.parametrize("text, words", [
    ("document: x\nquestions:\n - id: a\n\tb: c\n", "Tab"),
    ("document: 'x\n", "没有配对"),
    ("document: *nope\n", "没有定义的别名"),
    ("x: !!python/object/apply:os.system [ls]\n", "不支持的 YAML 标签"),
    ("questions: " + "[" * 600 + "]" * 600, "嵌套层数太多"),
    ("document: x\nquestions:\n" + "".join("  " * i + "a:\n" for i in range(1, 600)) + "  " * 600 + "b", "嵌套层数太多"),
])
def test_yaml_mistakes_are_explained_in_chinese(text, words):
    res = check_bank_text(text, "错.yaml")
    assert res.problems and words in res.problems[0].message
