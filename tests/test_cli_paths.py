"""Paths named on the command line: wrong kind of notes file, missing folders, missing source library.

Each is one Chinese message, exit 2, and nothing created on disk.
"""

from __future__ import annotations

import pytest

from cskexam.cli import main

NOTES = "第一章 客户服务概述\n一、客户服务的含义\n客户服务是以客户为导向的价值服务。\n"


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.chdir(tmp_path)


def _error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("name", ["shadow", "a.pdf", "notes.TXT.bak", "cards.csv"])
def test_import_refuses_a_file_that_is_no_notes_file(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_text(NOTES, encoding="utf-8")
    assert main(["import", str(path)]) == 2
    err = _error(capsys)
    assert f"{path}: 不是笔记文件：只支持 .txt / .md" in err
    assert err.count("错误") == 1
    assert not (tmp_path / "home" / "cskexam.sqlite3").exists()


def test_graph_refuses_a_text_file_named_pdf(tmp_path, capsys):
    (tmp_path / "a.pdf").write_text(NOTES, encoding="utf-8")
    assert main(["graph", "a.pdf"]) == 2
    assert "a.pdf: 不是笔记文件：只支持 .txt / .md" in _error(capsys)


@pytest.mark.parametrize("name", ["notes.txt", "notes.MD", "notes.markdown"])
def test_notes_files_and_folders_are_still_read(tmp_path, capsys, name):
    (tmp_path / name).write_text(NOTES, encoding="utf-8")
    assert main(["graph", name]) == 0
    assert "客户服务的含义" in capsys.readouterr().out
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "ch1.txt").write_text(NOTES, encoding="utf-8")
    (folder / "ignored.pdf").write_text("不是笔记", encoding="utf-8")
    assert main(["graph", "folder"]) == 0


def test_a_database_in_a_missing_folder_is_an_error(tmp_path, capsys):
    missing = tmp_path / "missing" / "dir"
    assert main(["--db", f"sqlite:///{missing / 'x.db'}", "stats"]) == 2
    assert f"目录不存在：{missing}" in _error(capsys)
    assert not (tmp_path / "missing").exists()


def test_the_default_data_dir_is_still_made(tmp_path, capsys):
    assert main(["stats"]) == 0
    assert (tmp_path / "home" / "cskexam.sqlite3").is_file()


def test_export_into_a_missing_folder_is_an_error(tmp_path, capsys):
    missing = tmp_path / "missing"
    assert main(["export", "apkg", str(missing / "dir" / "x.apkg")]) == 2
    assert f"目录不存在：{missing / 'dir'}" in _error(capsys)
    assert main(["wrongbook", "export", str(missing / "x.csv")]) == 2
    assert f"目录不存在：{missing}" in _error(capsys)
    assert not missing.exists()


def test_db_copy_from_a_missing_sqlite_file_creates_nothing(tmp_path, capsys):
    src, dst = tmp_path / "typo.sqlite3", tmp_path / "dst.sqlite3"
    assert main(["db", "copy", f"sqlite:///{src}", f"sqlite:///{dst}"]) == 2
    assert f"源资料库不存在：{src}" in _error(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_failed_db_copy_leaves_no_new_destination(tmp_path, tmp_db_url, capsys):
    # tmp_db_url is a migrated library holding nothing: the copy is refused after
    # both databases were opened.
    dst = tmp_path / "new.sqlite3"
    assert main(["db", "copy", tmp_db_url, f"sqlite:///{dst}"]) == 2
    assert "源资料库是空的" in _error(capsys)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("new.sqlite3")]
