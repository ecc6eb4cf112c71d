"""Hostile input, third round: empty and ``-`` paths, notes files of one name, folders
that cannot be read, notes dense with headings or markers, and a chapter of thousands
of points. Each gets one Chinese message naming the file, exit 2, nothing written."""

from __future__ import annotations

import errno
import os
import random
import time

import pytest

from cskexam.cli import main
from cskexam.core.cards import generate_cards
from cskexam.core.notes import NoteSource, parse_notes
from cskexam.core.questions import generate_questions
from cskexam.services import notes as notes_service


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.delenv("CSKEXAM_WAIT", raising=False)
    monkeypatch.chdir(tmp_path)


def _error(capsys) -> str:
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return out.err


def _no_library(tmp_path) -> bool:
    return not (tmp_path / "home" / "cskexam.sqlite3").exists()


def _notes(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- an empty path is no path: it used to mean the current folder -----------------------

@pytest.mark.parametrize("argv", [
    ["graph", ""], ["graph", "  "], ["cards", "--notes", ""], ["import", ""],
    ["bank", "check", ""], ["bank", "check", "--notes", ""], ["bank", "import", ""],
    ["wrongbook", "export", ""], ["export", "apkg", ""],
])
def test_an_empty_path_is_named_empty_and_nothing_is_read(tmp_path, capsys, argv):
    # The current folder holds notes of one name twice and a bank that is no bank: an
    # empty path read as "." crashed the parser or checked these instead.
    _notes(tmp_path / "a" / "README.md", "# 甲\n甲是第一。\n")
    _notes(tmp_path / "b" / "README.md", "\n" * 40 + "# 乙\n## 丙\n丙是第三。\n")
    (tmp_path / "x.yaml").write_text("hello\n", encoding="utf-8")
    assert main(argv) == 2
    err = _error(capsys)
    assert "没有给出文件名（路径是空的）" in err and "README" not in err and "x.yaml" not in err
    assert _no_library(tmp_path)


@pytest.mark.parametrize("argv", [
    ["graph", "-"], ["import", "-"], ["bank", "import", "-"], ["bank", "check", "-"],
    ["wrongbook", "export", "-"], ["export", "apkg", "-"],
])
def test_a_dash_is_not_taken_for_a_file(tmp_path, capsys, argv):
    """``-`` is standard input or output to a user of the shell; writing a file called
    ``-`` into the current folder (as wrongbook export did) surprises."""
    assert main(argv) == 2
    assert "-: 不支持标准输入或输出（-）：请给出文件名" in _error(capsys)
    assert not (tmp_path / "-").exists()
    assert _no_library(tmp_path)


# -- notes files of one name ---------------------------------------------------------------

@pytest.mark.parametrize("command", [["graph"], ["cards", "--notes"], ["bank", "check", "--notes"]])
def test_two_notes_files_of_one_name_are_refused_not_mixed(tmp_path, capsys, command):
    """Node ids and a node's 原文 go by the file name: two files of one name mixed their
    lines, and the parser failed with an IndexError on the shorter file's lines."""
    first = _notes(tmp_path / "n" / "a" / "笔记.md", "# 甲\n甲是第一。\n")
    second = _notes(tmp_path / "n" / "b" / "笔记.md", "\n" * 40 + "# 乙\n乙是第二。\n## 丙\n丙是第三。\n")
    assert main([*command, str(tmp_path / "n")]) == 2
    assert f"{second}: 与 {first} 同名：笔记文件名必须各不相同" in _error(capsys)


def test_one_notes_file_named_twice_is_read_once(tmp_path, capsys):
    path = _notes(tmp_path / "笔记.md", "# 甲\n## 乙\n乙是第二。\n")
    assert main(["graph", "--json", str(path), str(path), str(tmp_path)]) == 0
    assert capsys.readouterr().out.count('"title": "乙"') == 1


# -- folders that cannot be read -----------------------------------------------------------

def _unreadable(monkeypatch, folder):
    """os.walk as it goes for a folder without read permission (root reads any folder,
    so the refusal is made by hand)."""
    real_walk = os.walk

    def walk(top, onerror=None, followlinks=False):
        for entry in real_walk(top, followlinks=followlinks):
            if entry[0] == str(folder):
                onerror(PermissionError(errno.EACCES, "Permission denied", str(folder)))
                entry[1].clear()
                continue
            yield entry
    monkeypatch.setattr("cskexam.userfiles.os.walk", walk)


def test_a_folder_that_cannot_be_read_is_not_called_empty(tmp_path, capsys, monkeypatch):
    _notes(tmp_path / "n" / "a.md", "# 甲\n甲是第一。\n")
    _unreadable(monkeypatch, tmp_path / "n")
    assert main(["graph", str(tmp_path / "n")]) == 2
    err = _error(capsys)
    assert f"{tmp_path / 'n'}: 无法读取目录：没有权限" in err and "没有笔记文件" not in err


def test_notes_in_a_subfolder_that_cannot_be_read_are_not_left_out_silently(tmp_path, capsys, monkeypatch):
    """An import --replace would have retired every point of the notes in that folder."""
    _notes(tmp_path / "n" / "a.md", "# 甲\n甲是第一。\n")
    _notes(tmp_path / "n" / "sub" / "b.md", "# 乙\n乙是第二。\n")
    _unreadable(monkeypatch, tmp_path / "n" / "sub")
    assert main(["import", "--replace", str(tmp_path / "n")]) == 2
    assert f"{tmp_path / 'n' / 'sub'}: 无法读取目录：没有权限" in _error(capsys)
    assert _no_library(tmp_path)


def test_a_bank_folder_with_a_subfolder_that_cannot_be_read(tmp_path, capsys, monkeypatch):
    (tmp_path / "q" / "sub").mkdir(parents=True)
    (tmp_path / "q" / "a.yaml").write_text("document: 甲\nquestions: []\n", encoding="utf-8")
    _unreadable(monkeypatch, tmp_path / "q" / "sub")
    assert main(["bank", "check", str(tmp_path / "q")]) == 2
    assert f"{tmp_path / 'q' / 'sub'}: 无法读取目录：没有权限" in _error(capsys)


# -- notes dense with headings or markers ----------------------------------------------------

def test_hundreds_of_thousands_of_headings_are_refused_before_parsing(tmp_path, capsys):
    """200,000 lines of ``## 甲`` (1.2 MB) took 15 s and 400 MB to parse."""
    path = tmp_path / "标题.md"
    path.write_bytes("## 甲\n".encode() * 200_000)
    start = time.process_time()
    assert main(["graph", str(path)]) == 2
    assert time.process_time() - start < 3
    limit = notes_service.MAX_TEXT_LINES
    assert f"{path}:{limit + 1}: 有文字的行太多：一个笔记文件最多 {limit:,} 行" in _error(capsys)


def test_the_line_limit_counts_all_the_files_of_one_import(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(notes_service, "MAX_TEXT_LINES", 100)
    for k in range(3):
        _notes(tmp_path / "n" / f"{k}.md", "\n\n".join(f"## 甲{k}_{i}" for i in range(40)) + "\n")
    assert main(["import", str(tmp_path / "n")]) == 2
    assert f"{tmp_path / 'n' / '2.md'}:41: 有文字的行太多：一次读取的笔记合计最多 100 行" in _error(capsys)
    assert _no_library(tmp_path)
    capsys.readouterr()
    assert main(["graph", str(tmp_path / "n" / "0.md"), str(tmp_path / "n" / "1.md")]) == 0


def test_the_marker_limit_counts_all_the_files_and_names_the_path(tmp_path, capsys, monkeypatch):
    """Each file under the limit, many files far over it: one file's limit was
    multiplied by the number of files. The parser knows only the file's name; the
    message gives the path as the user wrote it."""
    from cskexam.core.notes import parser

    monkeypatch.setattr(parser, "MAX_MARKERS", 1000)
    for k in range(3):
        _notes(tmp_path / "n" / f"{k}.txt", "标题\n" + ("；一、1．①（1）•" * 100 + "\n") * 2)
    assert main(["graph", str(tmp_path / "n")]) == 2
    assert f"{tmp_path / 'n' / '1.txt'}:2: 笔记中的编号条目太多" in _error(capsys)


# -- a chapter of thousands of points --------------------------------------------------------

def test_cards_and_questions_of_a_chapter_of_thousands_of_points_take_linear_time():
    """8,000 headings side by side beside the bundled notes took 17 s of CPU to import:
    the titles listed beside each point were gathered for every one of its siblings
    (a square of 64 million), for the blanks of the bundled notes' cards and questions."""
    bundled = notes_service.read_sources(notes_service.collect_note_files(None))
    text = "".join(f"## 甲{i}\n" for i in range(8000))
    graph = parse_notes([*bundled, NoteSource("要点.md", text)])
    start = time.process_time()
    generate_cards(graph)
    generate_questions(graph, random.Random(1))
    assert time.process_time() - start < 3
