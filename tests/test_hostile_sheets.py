"""Question-bank spreadsheets as Excel, WPS and other programs really save them, and as an attacker would.

Each case gets the questions right or one clear Chinese problem naming the
file (and the line where there is one), never a traceback, within time and
memory bounds.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from cskexam.core.bank import MAX_YAML_NODES, check_bank_text, load_yaml_with_lines
from cskexam.core.bank_import import import_rows, rows_from_csv_bytes, rows_from_xlsx_bytes
from cskexam.core.errors import BankError
from support import bounded

HEADER = ["题型", "题干", "A", "B", "C", "D", "答案", "解析", "章节"]
ROW = ["单选", "客户服务环境是指所有（ ）的集合。", "内部资源", "外部力量和相关因素", "客户需求", "竞争对手", "B", "外部力量",
       "客户服务环境"]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()




def _questions(rows: list[list[str]], name: str = "题库.csv"):
    res = import_rows(rows, name, None)
    return res


# -- CSV as spreadsheet programs save it ----------------------------------------------------

@pytest.mark.parametrize("data", [
    pytest.param(_csv([HEADER, ROW], ";").encode("utf-8"), id="semicolons"),
    pytest.param(_csv([HEADER, ROW], "\t").encode("utf-8"), id="tabs"),
    pytest.param(_csv([HEADER, ROW], "\t").encode("utf-16"), id="excel-unicode-text"),
    pytest.param(_csv([HEADER, ROW]).encode("utf-16-le"), id="utf16le-no-bom"),
    pytest.param(_csv([HEADER, ROW]).encode("utf-16-be"), id="utf16be-no-bom"),
    pytest.param(_csv([HEADER, ROW]).encode("utf-32"), id="utf32"),
    pytest.param(("sep=;\r\n" + _csv([HEADER, ROW], ";")).encode("utf-8"), id="excel-sep-line"),
    pytest.param(_csv([HEADER, ROW]).replace("\r\n", "\r").encode("utf-8"), id="old-mac-line-ends"),
    pytest.param(_csv([HEADER, ROW]).replace("\r\n", "\n", 1).encode("gbk"), id="gbk-mixed-line-ends"),
    pytest.param(b"\xef\xbb\xbf" + _csv([HEADER, ROW], ";").encode("utf-8"), id="bom-semicolons"),
])
def test_csv_variants_give_the_same_question(data):
    rows = rows_from_csv_bytes(data, "题库.csv")
    res = _questions(rows)
    assert not res.problems, res.problems
    [q] = res.questions
    assert q.stem == ROW[1] and q.answer == "B" and q.options["B"] == "外部力量和相关因素"


def test_the_sep_line_keeps_line_numbers_of_the_file():
    data = ("sep=;\n" + _csv([HEADER, ["单选", "无选项（ ）", "", "", "", "", "A", "", "客户服务环境"]], ";")).encode()
    res = _questions(rows_from_csv_bytes(data, "题库.csv"))
    assert res.problems and all(p.line == 3 for p in res.problems)


def test_a_comma_inside_a_semicolon_file_stays_in_its_cell():
    data = _csv([HEADER, ["单选", "甲，乙,丙（ ）", "1", "2", "3", "4", "A", "解析", "环境"]], ";").encode()
    rows = rows_from_csv_bytes(data, "题库.csv")
    assert rows[1][1] == "甲，乙,丙（ ）"


def test_a_column_named_twice_is_refused_not_guessed():
    data = _csv([["题型", "题干", "A", "B", "答案", "答案"], ["单选", "甲（ ）", "1", "2", "A", "B"]]).encode()
    res = _questions(rows_from_csv_bytes(data, "题库.csv"))
    assert not res.questions
    [problem] = res.problems
    assert problem.line == 1 and "第 5 列「答案」、第 6 列「答案」是同一项（答案）" in problem.message


@pytest.mark.parametrize("data, words", [
    (b"\xff\xfe" + b"\x00\xd8" * 3, "UTF-16"),
    (b"abc\x00d", "空字符"),
    ("题型,题干\n".encode("latin-1", "replace") + bytes(range(0x80, 0x100)), "编码"),
], ids=["bad-utf16", "nul", "unknown-encoding"])
def test_undecodable_csv_is_one_problem(data, words):
    with pytest.raises(BankError) as info:
        rows_from_csv_bytes(data, "坏.csv")
    assert words in str(info.value) and str(info.value).startswith("坏.csv")


def test_hundreds_of_thousands_of_empty_rows_cost_no_memory():
    data = (_csv([HEADER, ROW]) + ",,,,,,,,\r\n" * 300_000).encode()
    rows = bounded(lambda: rows_from_csv_bytes(data, "空行.csv"), seconds=5, megabytes=40)
    assert len(_questions(rows).questions) == 1


# -- xlsx -------------------------------------------------------------------------------

def _xlsx(build) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(sheet, rows):
    for r in rows:
        sheet.append(r)


def test_the_questions_are_found_on_a_later_sheet():
    def build(book):
        book.active.title = "说明"
        book.active.append(["本文件由培训班整理"])
        _rows(book.create_sheet("题目"), [HEADER, ROW])

    res = _questions(rows_from_xlsx_bytes(_xlsx(build), "题库.xlsx"), "题库.xlsx")
    assert not res.problems and len(res.questions) == 1


def test_a_merged_type_cell_covers_its_rows():
    def build(book):
        _rows(book.active, [HEADER, ROW, ["", "服务的特性是（ ）。", "无形性", "有形性", "可储存", "标准化", "A", "解析", "服务"]])
        book.active.merge_cells("A2:A3")

    res = _questions(rows_from_xlsx_bytes(_xlsx(build), "题库.xlsx"), "题库.xlsx")
    assert not res.problems and [q.type for q in res.questions] == ["单选", "单选"]


def test_thousands_of_sheet_wide_merges_are_refused_quickly():
    plain = _xlsx(lambda book: _rows(book.active, [HEADER] + [["判断", f"说法{i}", "", "", "", "", "对", "", ""]
                                                             for i in range(3000)]))
    merges = b"".join(b'<mergeCell ref="A%d:BL20000"/>' % (3 + i) for i in range(300))
    src = zipfile.ZipFile(io.BytesIO(plain))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for m in src.infolist():
            data = src.read(m)
            if m.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"</sheetData><mergeCells>" + merges + b"</mergeCells>")
            z.writestr(m, data)
    with pytest.raises(BankError, match="合并单元格太多"):
        bounded(lambda: rows_from_xlsx_bytes(out.getvalue(), "合并.xlsx"), seconds=3)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize("data, words", [
    (OLE + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512, "密码"),
    (OLE + b"\0" * 4096, "旧版 Excel（.xls）"),
    (_zip({}), "不完整"),
    (_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}), "另存为 .xlsx"),
], ids=["password", "old-xls", "empty-zip", "docx-renamed"])
def test_protected_old_and_foreign_files_are_named_so(data, words):
    with pytest.raises(BankError) as info:
        rows_from_xlsx_bytes(data, "题库.xlsx")
    message = str(info.value)
    assert words in message and "Error" not in message


def test_a_sheet_whose_xml_is_cut_is_called_damaged():
    good = _xlsx(lambda book: _rows(book.active, [HEADER, ROW]))
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for m in src.infolist():
            data = src.read(m)
            z.writestr(m, data[:200] if m.filename == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(BankError, match="已损坏"):
        rows_from_xlsx_bytes(out.getvalue(), "题库.xlsx")


# -- YAML: many tiny nodes without any alias ---------------------------------------------

def test_millions_of_plain_nodes_are_refused_before_they_are_built():
    text = "document: x\nquestions:\n" + "".join(
        f"- {{id: q{i}, type: 判断, stem: 说法, answer: 对, node: [x]}}\n" for i in range(120_000))
    assert len(text.encode()) < 8 * 2**20  # under the file size limit
    # 10 s is the limit for any hostile file; tracemalloc alone doubles the time here.
    res = bounded(lambda: check_bank_text(text, "大.yaml"), seconds=10, megabytes=60)
    [problem] = res.problems
    assert f"{MAX_YAML_NODES:,}" in problem.message and problem.line > 1


def test_a_real_sized_bank_still_loads():
    text = "document: x\nquestions:\n" + "".join(
        f"- {{id: q{i}, type: 判断, stem: 说法{i}, answer: 对, explanation: 无, node: [甲, 乙], difficulty: 1}}\n"
        for i in range(5000))
    data = load_yaml_with_lines(text)
    assert len(data["questions"]) == 5000
