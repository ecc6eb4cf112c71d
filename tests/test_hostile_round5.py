"""Hostile input, fifth round: line ends other than \\n in notes, YAML numbers no message
can print and values that are no text, 刷题 templates given to ``bank check``, an export
aimed at the library itself or at a file of another kind, the TUI started without a
terminal, long or escape-laden values quoted by services, and the mock exam in a window
too small for it. Each gets one short Chinese message (file and line where there is one),
exit 2, no traceback and nothing changed; or the correct result."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from cskexam.cli import main
from cskexam.errors import UserError
from tests.test_faults_db import library_template  # noqa: F401 - the fixture
from cli_helpers import isolate_cli, no_library as _no_library, output as _output


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    isolate_cli(monkeypatch, tmp_path)
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


HEADER = "题型,题干,A,B,C,D,答案,解析,章节\n"
ROW = "单选,企业营销活动所处的环境叫什么,内部资源,外部力量,客户需求,竞争对手,B,,竞争者环境\n"


# -- notes: every line end an editor shows is a line end ---------------------------------------

@pytest.mark.parametrize("end", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b"],
                         ids=["line-separator", "paragraph-separator", "NEL", "form-feed", "vertical-tab"])
def test_line_ends_other_than_newline_separate_the_lines(tmp_path, capsys, end):
    notes = tmp_path / "笔记.txt"
    notes.write_text(f"第一章 环境{end}一、市场人口{end}二、经济环境{end}三、技术环境\n", encoding="utf-8")
    assert main(["graph", "--json", str(notes)]) == 0
    out, _ = _output(capsys)
    titles = [n["title"] for n in json.loads(out)["nodes"]]
    assert titles[-3:] == ["市场人口", "经济环境", "技术环境"]


# -- YAML banks: numbers that cannot be printed, values that are no text -------------------------

def _yaml_bank(stem: str, answer: str = "B", difficulty: str = "1") -> str:
    return ("document: 某文档\nquestions:\n  - id: q1\n    type: 单选\n"
            f"    stem: {stem}\n    options: {{A: 甲, B: 乙, C: 丙, D: 丁}}\n    answer: {answer}\n"
            f"    explanation: 无\n    node: [某节]\n    difficulty: {difficulty}\n")


@pytest.mark.parametrize("answer, line", [("0x" + "F" * 5000, 7), ("0b" + "1" * 20_000, 7)], ids=["hex", "binary"])
def test_a_yaml_number_too_long_to_print_is_a_problem_on_its_line(tmp_path, capsys, answer, line):
    bank = tmp_path / "bank.yaml"
    bank.write_text(_yaml_bank("题干", answer=answer), encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 2
    _, err = _output(capsys)
    assert f"bank.yaml:{line}: " in err and "无法读取的值" in err and len(err) < 400
    assert _no_library(tmp_path)


def test_a_base_60_number_of_thousands_of_places_is_refused(tmp_path, capsys):
    bank = tmp_path / "bank.yaml"
    bank.write_text(_yaml_bank("题干", difficulty=":".join(["59"] * 3000)), encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 2
    _, err = _output(capsys)
    assert "bank.yaml:10: " in err and "无法读取的值" in err


@pytest.mark.parametrize("stem", ["!!binary aGVsbG8=", "!!set {a, b}", ".nan"], ids=["binary", "set", "nan"])
def test_a_stem_that_is_no_text_is_not_taken_as_python_spelling(tmp_path, capsys, stem):
    bank = tmp_path / "bank.yaml"
    bank.write_text(_yaml_bank(stem), encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 2
    _, err = _output(capsys)
    assert "bank.yaml:5: 缺少题干 stem" in err


# -- 刷题 templates: bank check reads them as bank import does ------------------------------------

def test_bank_check_of_a_csv_template_checks_its_rows_and_writes_nothing(tmp_path, capsys):
    bank = tmp_path / "题库.csv"
    bank.write_text(HEADER + ROW + "单选,题二,甲,乙,丙,丁,Z,,竞争者环境\n", encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 2
    _, err = _output(capsys)
    assert err.splitlines()[0] == "题库.csv:3: 单选题答案必须是一个字母 A–F，而不是「Z」"
    assert "文件顶层必须是" not in err
    bank.write_text(HEADER + ROW, encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 0
    out, _ = _output(capsys)
    assert "题库.csv: 1 题" in out
    assert _no_library(tmp_path)


def test_bank_check_of_a_file_of_another_kind_names_the_kinds_it_checks(tmp_path, capsys):
    notes = tmp_path / "笔记.md"
    notes.write_text("# 甲\n", encoding="utf-8")
    assert main(["bank", "check", str(notes)]) == 2
    _, err = _output(capsys)
    assert err.strip() == "错误: 笔记.md: 只能检查 .yaml、.xlsx 或 .csv 题库文件"


@pytest.mark.parametrize("mark", ["\ufeff", "\u200b"], ids=["bom", "zero-width-space"])
def test_a_mark_before_the_type_of_a_row_hides_nothing(tmp_path, capsys, mark):
    bank = tmp_path / "题库.csv"
    bank.write_text(HEADER + mark + ROW, encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 0
    _output(capsys)


def test_a_full_width_answer_letter_is_read(tmp_path, capsys):
    bank = tmp_path / "题库.csv"
    bank.write_text(HEADER + ROW.replace(",B,", ",Ｂ,"), encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 0
    _output(capsys)


# -- exports never overwrite a database or a file of another kind --------------------------------

@pytest.fixture
def library(tmp_path, library_template) -> Path:  # noqa: F811
    home = tmp_path / "home"
    home.mkdir()
    path = home / "cskexam.sqlite3"
    shutil.copyfile(library_template, path)
    return path


@pytest.mark.parametrize("command", [["wrongbook", "export"], ["export", "apkg"]])
def test_an_export_over_a_database_file_is_refused(tmp_path, capsys, library, command):
    # The library itself, under a name the export's kind would take.
    target = tmp_path / ("库.csv" if command[0] == "wrongbook" else "库.apkg")
    shutil.copyfile(library, target)
    before = _digest(target), _digest(library)
    assert main(["--db", f"sqlite:///{target}", *command, str(target)]) == 2
    _, err = _output(capsys)
    assert "这是一个数据库文件" in err and "不会覆盖它" in err
    assert (_digest(target), _digest(library)) == before


@pytest.mark.parametrize("name", ["cskexam.sqlite3", "笔记.md", "错题本"])
def test_wrongbook_export_to_a_name_that_is_no_csv_is_refused(tmp_path, capsys, library, name):
    target = library if name == "cskexam.sqlite3" else tmp_path / name
    if not target.exists():
        target.write_text("# 我的笔记\n", encoding="utf-8")
    before = _digest(target), _digest(library)
    assert main(["wrongbook", "export", str(target)]) == 2
    _, err = _output(capsys)
    reason = "这是一个数据库文件" if name == "cskexam.sqlite3" else "错题本导出文件须以 .csv 结尾"
    assert err.strip().startswith(f"错误: {target}: {reason}")
    assert (_digest(target), _digest(library)) == before


def test_refuse_a_database_by_its_companion_name(tmp_path):
    from cskexam.userfiles import require_output_path

    (tmp_path / "lib.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (tmp_path / "lib.db-journal").write_bytes(b"\xd9\xd5\x05\xf9 journal")
    (tmp_path / "other.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(UserError, match="这是一个数据库文件"):
        require_output_path(tmp_path / "lib.db-journal")
    with pytest.raises(UserError, match="这是一个数据库文件"):
        require_output_path(tmp_path / "lib.db")
    require_output_path(tmp_path / "other.csv")


# -- the TUI needs a terminal -------------------------------------------------------------------

@pytest.mark.parametrize("argv", [[], ["--db", "sqlite:///x.sqlite3"]], ids=["bare", "db"])
def test_the_tui_without_a_terminal_says_so_instead_of_waiting(tmp_path, capsys, argv):
    assert main(argv) == 2  # pytest's stdin and captured stdout are no terminal
    _, err = _output(capsys)
    assert err.startswith("错误: 终端界面需要在终端中运行") and "cskexam serve" in err
    assert _no_library(tmp_path) and not (tmp_path / "x.sqlite3").exists()


# -- values quoted by services are cut and shown without control characters ------------------------

NASTY = "\x1b]0;PWNED\x07\x1b[2J" + "长" * 5000


def _quoted_cut(message: str) -> None:
    assert "\x1b" not in message and "\x07" not in message
    assert message.count("长") < 40 and "长…" in message


def test_settings_and_plan_messages_cut_the_value():
    from cskexam.commands.settings import parse_steps
    from cskexam.core.plan import parse_date

    with pytest.raises(UserError) as exc:
        parse_steps("1m," + NASTY)
    _quoted_cut(str(exc.value))
    with pytest.raises(ValueError) as err:
        parse_date(NASTY, dt.date(2026, 1, 1))
    _quoted_cut(str(err.value))


def test_practice_and_exam_service_messages_cut_the_value():
    from cskexam.core.graph import KnowledgeGraph
    from cskexam.services.blueprints import find_blueprint
    from cskexam.services.exam import check_seed
    from cskexam.services.practice import order_questions, scope_node_ids
    import random

    for call in (lambda: scope_node_ids(KnowledgeGraph(), NASTY),
                 lambda: order_questions([], NASTY, random.Random(1)),
                 lambda: find_blueprint(NASTY, [])):
        with pytest.raises(UserError) as exc:
            call()
        _quoted_cut(str(exc.value))
    with pytest.raises(UserError) as exc:
        check_seed(10 ** 20_000)
    assert len(str(exc.value)) < 100


def test_shown_value_takes_out_control_characters_and_huge_numbers():
    from cskexam.errors import shown_value

    assert shown_value("a\x1b[31mb\nc") == "a[31mbc"
    assert shown_value("\u202e反") == "反"
    assert shown_value(10 ** 20_000) == "（一个很长的数字）"
    assert shown_value("\x07" * 500 + "甲").endswith("…")


# -- the mock exam in a window too small for it ------------------------------------------------------

def test_the_exam_below_60x15_is_compact_then_asks_for_a_bigger_window_and_keeps_the_answer(
        tmp_path, library_template):  # noqa: F811
    from cskexam.tui.app import CskexamApp
    from cskexam.tui.launch import finish
    from tests.pilot_helpers import run, screen_text, wait_for

    path = tmp_path / "cskexam.sqlite3"
    shutil.copyfile(library_template, path)

    async def main_():
        app = CskexamApp(f"sqlite:///{path}")
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("e")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "ExamScreen")
            await pilot.press("enter")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "ExamSittingScreen")
            sitting = app.screen
            await pilot.press("b")
            await pilot.pause()
            assert sitting.session.attempt.answers.get(1) == "B"
            # 59×14: the 答题卡 gives its room to the question.
            await pilot.resize_terminal(59, 14)
            await pilot.pause(0.2)
            text = screen_text(app)
            assert "答题卡" not in text and "B." in text
            # 30×8: a message, and the answering keys wait (they neither answer nor leave the exam).
            await pilot.resize_terminal(30, 8)
            await pilot.pause(0.2)
            assert "窗口太小" in screen_text(app)
            await pilot.press("c", "n", "h", "x")
            await pilot.pause()
            assert app.screen is sitting and sitting.session.attempt.current == 1
            assert sitting.session.attempt.answers.get(1) == "B"
            await pilot.resize_terminal(100, 30)
            await pilot.pause(0.2)
            text = screen_text(app)
            assert "窗口太小" not in text and "答题卡" in text and "● B." in text
            await pilot.press("escape", "escape", "escape", "q")
        return app

    assert finish(run(main_())) == 0


# -- the 简答 grader: words of rejection and marks of error after a point ---------------------------

POINT = [{"point": "市场人口", "synonyms": ["人口"]}]


@pytest.mark.parametrize("answer", ["市场人口是多余的", "市场人口纯属多余", "反对市场人口", "拒绝市场人口", "杜绝市场人口",
                                    "取消市场人口", "市场人口×", "市场人口❌", "市场人口（❌）", "市场人口、经济环境一概不论"])
def test_a_point_rejected_or_marked_wrong_is_not_credited(answer):
    from cskexam.core.grading import grade_short_answer

    assert grade_short_answer(answer, POINT).score == 0


@pytest.mark.parametrize("answer", ["市场人口不是多余的", "市场人口绝非多余", "反对忽视市场人口", "拒绝放弃市场人口",
                                    "不能取消市场人口", "重视市场人口，拒绝空谈", "市场人口✓"])
def test_a_rejection_of_its_opposite_still_credits_the_point(answer):
    from cskexam.core.grading import grade_short_answer

    assert grade_short_answer(answer, POINT).score == 1
