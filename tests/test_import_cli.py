"""``cskexam import``: summary, idempotence, and bad input (exit 2, nothing written)."""

from __future__ import annotations

import sqlite3

import pytest

from cskexam.cli import main
from cskexam.resources import note_files


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path, request):
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    if "real_steps" not in request.fixturenames:
        # The other features' import steps (search index, cards, questions) are
        # tested by their owners and slow every import down; one test keeps them.
        from cskexam.services import library

        monkeypatch.setattr(library, "import_steps", lambda: [])


@pytest.fixture
def real_steps():
    """Run the real import steps in this test."""


def _count(url: str, table: str) -> int:
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def _titles(url: str) -> set[str]:
    con = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return {r[0] for r in con.execute("SELECT title FROM nodes WHERE active")}
    finally:
        con.close()


def test_import_bundled_notes_then_again(tmp_db_url, capsys, bundled_graph, real_steps):
    assert main(["--db", tmp_db_url, "import"]) == 0
    out, err = capsys.readouterr()
    assert f"新增 {len(bundled_graph)}，更新 0，未变 0，停用 0" in out
    assert "000_e9db945982f22760.txt" in out
    assert "解析笔记" in err and "写入数据库" in err  # progress on stderr
    assert _count(tmp_db_url, "nodes") == len(bundled_graph)
    assert "宏观环境分析" in _titles(tmp_db_url)

    assert main(["import", "--db", tmp_db_url]) == 0  # --db after the sub-command too
    out, _ = capsys.readouterr()
    assert f"新增 0，更新 0，未变 {len(bundled_graph)}，停用 0" in out
    assert _count(tmp_db_url, "nodes") == len(bundled_graph)
    assert _count(tmp_db_url, "import_runs") == 2


def test_import_uses_cskexam_home_by_default(tmp_path, capsys):
    assert main(["import"]) == 0
    assert (tmp_path / "home" / "cskexam.sqlite3").is_file()
    assert str(tmp_path / "home" / "cskexam.sqlite3") in capsys.readouterr().out


def test_gbk_notes_are_imported(tmp_db_url, tmp_path, capsys):
    note = tmp_path / "gbk.txt"
    note.write_bytes("客户服务的五大特性\n1、无形性:服务是无形的\n2、不可分性\n3、易消失性\n".encode("gbk"))
    assert main(["--db", tmp_db_url, "import", str(note)]) == 0
    assert {"无形性", "不可分性", "易消失性"} <= _titles(tmp_db_url)
    assert "gbk.txt" in capsys.readouterr().out


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n")
    binary = tmp_path / "picture.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    undecodable = tmp_path / "broken.txt"
    undecodable.write_bytes("第一行\n第二行\n".encode("utf-8") + b"\xff\xfe\xfd\xfc\x80\x80\n")
    no_notes = tmp_path / "folder"
    no_notes.mkdir()
    (no_notes / "readme.pdf").write_bytes(b"%PDF-1.4")
    return [
        (tmp_path / "missing.txt", "路径不存在", None),
        (empty, "文件为空", None),
        (binary, "二进制文件", None),
        (undecodable, "无法识别的文字编码", 3),
        (no_notes, "没有笔记文件", None),
    ]


@pytest.mark.parametrize("case", range(5), ids=["missing", "empty", "binary", "undecodable", "no-notes-dir"])
def test_bad_input_is_one_clear_error_and_no_database_is_created(tmp_path, capsys, case):
    path, message, line = _bad_inputs(tmp_path)[case]
    db_file = tmp_path / "new" / "cskexam.sqlite3"
    assert main(["--db", f"sqlite:///{db_file}", "import", str(path)]) == 2
    out, err = capsys.readouterr()
    where = f"{path}:{line}: " if line else f"{path}: "
    assert f"错误: {where}" in err and message in err
    assert "Traceback" not in err and out == ""
    assert not db_file.exists()


def test_a_bad_file_among_good_ones_leaves_the_library_as_it_was(tmp_db_url, tmp_path, capsys):
    assert main(["--db", tmp_db_url, "import"]) == 0
    nodes, runs = _count(tmp_db_url, "nodes"), _count(tmp_db_url, "import_runs")
    good = tmp_path / "good.txt"
    good.write_text("职业道德的三大特点\n在范围上;在内容上;在形式上\n", encoding="utf-8")
    bad = tmp_path / "zz.txt"
    bad.write_bytes(b"")
    capsys.readouterr()
    assert main(["--db", tmp_db_url, "import", str(good), str(bad)]) == 2
    assert "文件为空" in capsys.readouterr().err
    assert (_count(tmp_db_url, "nodes"), _count(tmp_db_url, "import_runs")) == (nodes, runs)


def test_corrupt_database_file_is_named_without_traceback(tmp_path, capsys):
    db_file = tmp_path / "cskexam.sqlite3"
    db_file.write_bytes(b"not a database at all " * 300)
    assert main(["--db", f"sqlite:///{db_file}", "import"]) == 2
    err = capsys.readouterr().err
    assert f"错误: {db_file}: 数据库文件已损坏或不是 cskexam 数据库" in err
    assert "Traceback" not in err


def test_import_a_folder_of_notes(tmp_db_url, tmp_path, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    (source,) = note_files()
    (folder / source.name).write_bytes(source.read_bytes())
    (folder / "extra.md").write_text("# 客户服务的五大特性\n\n- 无形性\n- 不可分性\n- 易消失性\n- 有偿性\n- 易变性\n", encoding="utf-8")
    assert main(["--db", tmp_db_url, "import", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "已导入 2 个文件" in out and "extra.md" in out


def test_replace_deactivates_other_files(tmp_db_url, tmp_path, capsys):
    assert main(["--db", tmp_db_url, "import"]) == 0
    note = tmp_path / "mine.md"
    note.write_text("# 客户服务的五大特性\n\n- 无形性\n- 不可分性\n", encoding="utf-8")
    assert main(["--db", tmp_db_url, "import", str(note)]) == 0
    assert "停用 0" in capsys.readouterr().out
    bundled = _count(tmp_db_url, "nodes")
    assert main(["--db", tmp_db_url, "import", "--replace", str(note)]) == 0
    out = capsys.readouterr().out
    assert "停用 0" not in out and "另有停用" in out
    assert _count(tmp_db_url, "nodes") == bundled  # kept, only deactivated
    assert "宏观环境分析" not in _titles(tmp_db_url)


def test_import_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert "导入" in out and "--replace" in out


def test_an_unusable_data_dir_is_a_clear_error(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("CSKEXAM_HOME", str(blocker / "home"))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    assert main(["import"]) == 2
    err = capsys.readouterr().err
    assert "数据目录" in err and str(blocker / "home") in err and "Traceback" not in err
