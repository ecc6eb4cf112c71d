"""Hostile input, sixth round: a scoring point marked wrong by a bare ×, ✗ or 错 (also inside a list
joined by 、 和 及 与), an xlsx written by a program whose formulas have no saved result, and a command
whose output goes to a full disk. Each gets the correct result, or one short Chinese message naming
what failed, exit 2, no traceback and nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cskexam.cli import main
from cskexam.core.grading import grade_short_answer
from cli_helpers import isolate_cli, no_library as _no_library, output as _output

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    isolate_cli(monkeypatch, tmp_path)


# -- 简答: a point followed by a mark of error ---------------------------------------------------

# A point of the bundled bank whose own text is a list joined by 、 and 和.
FORM = [{"point": "具体、多样和较大的适用性", "synonyms": ["具体多样", "适用性", "形式上"]}]


@pytest.mark.parametrize("answer", [
    "具体、多样和较大的适用性×", "具体、多样和较大的适用性 ✗", "具体、多样和较大的适用性✘", "具体、多样和较大的适用性❌",
    "具体、多样和较大的适用性错", "具体、多样和较大的适用性 错", "具体、多样和较大的适用性【×】",
    "具体、多样和较大的适用性[×]", "具体、多样及较大的适用性 ×", "具体，多样与较大的适用性×", "具体多样和较大适用性×",
    "具体、 多样 和 较大的适用性 （×）",
])
def test_a_point_written_as_a_list_and_marked_wrong_is_not_credited(answer):
    assert grade_short_answer(answer, FORM).score == 0


@pytest.mark.parametrize("answer", ["具体、多样和较大的适用性", "具体、多样和较大的适用性√", "具体多样和较大适用性",
                                    "具体、多样和较大的适用性（✓）"])
def test_the_same_point_unmarked_or_marked_right_is_credited(answer):
    assert grade_short_answer(answer, FORM).score == 1


ENV = ["市场人口", "经济环境", "政治法律环境"]


@pytest.mark.parametrize("join", ["、", "和", "及", "与", "、 ", " 和 "])
@pytest.mark.parametrize("mark", ["错", "【×】", "[×]", " 错"])
def test_a_mark_after_a_list_of_points_credits_none_of_them(join, mark):
    assert grade_short_answer(join.join(ENV) + mark, ENV).matched == []


@pytest.mark.parametrize("answer, credited", [
    ("市场人口、经济环境×、政治法律环境", ["市场人口", "政治法律环境"]),     # the mark is B's alone
    ("市场人口、经济环境（×）、政治法律环境", ["市场人口", "政治法律环境"]),
    ("市场人口、经济环境 错、政治法律环境", ["市场人口", "政治法律环境"]),
    ("市场人口【×】、经济环境、政治法律环境", ["经济环境", "政治法律环境"]),
    ("市场人口×和经济环境、政治法律环境", ["经济环境", "政治法律环境"]),
    ("市场人口√、经济环境、政治法律环境×", ["市场人口"]),                 # a list after A's own mark
    ("市场人口×、经济环境×、政治法律环境√", ["政治法律环境"]),
    ("市场人口错，经济环境对，政治法律环境", ["经济环境", "政治法律环境"]),
    ("市场人口没错、经济环境不错、政治法律环境", ENV),                     # 没错 and 不错 are no marks
])
def test_a_mark_negates_its_own_item_only(answer, credited):
    assert grade_short_answer(answer, ENV).matched == credited


# -- xlsx: formulas with no saved result ---------------------------------------------------------

def _workbook(path: Path, rows: list[list[str]], title: str = "题目") -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


HEADER = ["题型", "题干", "答案", "解析", "章节"]


@pytest.mark.parametrize("command", ["check", "import"])
@pytest.mark.parametrize("stem", ['="客户" & "服务"', "=A1"])
def test_a_formula_without_a_saved_value_is_named_by_its_cell(tmp_path, capsys, command, stem):
    bank = _workbook(tmp_path / "脚本题库.xlsx", [HEADER, ["判断", stem, "对", "", "竞争者环境"]])
    assert main(["bank", command, str(bank)]) == 2
    _, err = _output(capsys)
    assert "缺少题干" not in err
    assert err.strip() == (
        "错误: 脚本题库.xlsx:2: 工作表「题目」的单元格 B2 是公式，但文件里没有保存公式的计算结果（常见于由程序生成的表格），"
        "导入时读到的是空白：请在 Excel 或 WPS 中打开这个文件并保存一次，或把公式换成它的文字，再导入")
    assert _no_library(tmp_path)


def test_many_unsaved_formulas_are_counted_and_an_unused_column_is_left_alone(tmp_path, capsys):
    rows = [HEADER + ["备注"]] + [["判断", f"=C{i}", "对", "", "竞争者环境", "=1+1"] for i in range(2, 10)]
    bank = _workbook(tmp_path / "题库.xlsx", rows, title="第一章")
    assert main(["bank", "check", str(bank)]) == 2
    _, err = _output(capsys)
    assert "工作表「第一章」的单元格 B2、B3、B4、B5、B6 等 8 个单元格是公式" in err
    assert "F2" not in err


def test_a_formula_whose_result_excel_saved_is_read(tmp_path, capsys):
    bank = _workbook(tmp_path / "题库.xlsx", [HEADER, ["判断", '="客户" & "服务"', "对", "", "竞争者环境"]])
    # What Excel writes for the same cell once the file is saved there: the result beside the formula.
    with zipfile.ZipFile(bank) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    saved = parts[sheet].replace(b'<c r="B2"><f>', b'<c r="B2" t="str"><f>', 1).replace(
        b"</f><v /></c>", "</f><v>客户服务是企业的核心竞争力</v></c>".encode(), 1)
    assert saved != parts[sheet]
    parts[sheet] = saved
    with zipfile.ZipFile(bank, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert main(["bank", "check", str(bank)]) == 0
    out, _ = _output(capsys)
    assert "题库.xlsx: 1 题" in out


# -- output to a full disk -----------------------------------------------------------------------

def _cskexam(tmp_path, *args: str, stdout) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "CSKEXAM_DB", "CSKEXAM_PROFILE")}
    env.update(PYTHONPATH=str(ROOT), CSKEXAM_HOME=str(tmp_path / "home"))
    return subprocess.run([sys.executable, "-m", "cskexam", *args], stdout=stdout, stderr=subprocess.PIPE,
                          text=True, env=env, cwd=tmp_path, timeout=120)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [("graph", "--json"), ("graph",), ("--help",)])
def test_output_to_a_full_disk_says_it_was_the_output_that_failed(tmp_path, args):
    with open("/dev/full", "w") as full:
        run = _cskexam(tmp_path, *args, stdout=full)
    assert run.returncode == 2
    assert run.stderr.strip() == "错误: 写出结果时出错（标准输出）：磁盘空间已满"


def test_a_closed_pipe_stays_silent(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env.update(PYTHONPATH=str(ROOT), CSKEXAM_HOME=str(tmp_path / "home"))
    writer = subprocess.Popen([sys.executable, "-m", "cskexam", "graph", "--json"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    assert writer.stdout is not None and writer.stderr is not None
    writer.stdout.readline()
    writer.stdout.close()  # as `| head -1` does
    err = writer.stderr.read().decode()
    assert writer.wait(timeout=120) == 0
    assert err == ""
