"""Exports and search limits: a device, a pipe or a folder as the target, and absurd numbers."""

from __future__ import annotations

import os
import stat

import pytest

from cskexam.cli import main


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.chdir(tmp_path)


def _err(capsys) -> str:
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return out.err


def test_a_wrongbook_export_onto_a_pipe_or_folder_is_refused_and_the_pipe_stays(tmp_path, capsys):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    assert main(["wrongbook", "export", str(fifo)]) == 2
    assert "管道" in _err(capsys)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # not replaced by a regular file
    assert not (tmp_path / "out.csv.part").exists()
    (tmp_path / "folder.csv").mkdir()
    assert main(["wrongbook", "export", str(tmp_path / "folder.csv")]) == 2
    assert "目录" in _err(capsys)


def test_an_export_onto_a_device_never_replaces_it(capsys):
    if not os.path.exists("/dev/null") or not os.access("/dev", os.W_OK):
        pytest.skip("needs a writable /dev to show the device is kept")
    assert main(["wrongbook", "export", "/dev/null"]) == 2
    assert "设备文件" in _err(capsys)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_an_anki_export_onto_a_pipe_is_refused(tmp_path, capsys):
    fifo = tmp_path / "deck.apkg"
    os.mkfifo(fifo)
    assert main(["export", "apkg", str(fifo)]) == 2
    assert "管道" in _err(capsys)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_existing_plain_file_is_overwritten_as_before(tmp_path, capsys):
    target = tmp_path / "wrong.csv"
    target.write_text("old")
    assert main(["wrongbook", "export", str(target)]) == 0
    assert target.read_text(encoding="utf-8-sig").startswith("题号")


def test_a_huge_search_limit_is_a_clear_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["search", "--limit", "999999999999999999999", "竞争者"])
    assert exit_.value.code == 2
    assert "--limit 最大为" in _err(capsys)


def test_the_service_clamps_a_huge_limit(tmp_path, capsys):
    from cskexam.services.library import open_library
    from cskexam.services.search import Searcher

    assert main(["import"]) == 0
    library = open_library(f"sqlite:///{tmp_path / 'home' / 'cskexam.sqlite3'}")
    try:
        results = Searcher(library).search("竞争者", 10**30)
    finally:
        library.close()
    assert results and "竞争者" in results[0].title


def test_absurd_numbers_are_refused_and_never_stored(capsys):
    assert main(["settings", "--max-interval", "99999999999999999999"]) == 2
    assert "最大间隔须在 1–36500 天之间" in _err(capsys)
    assert main(["settings", "--new-per-day", "99999999999999999999"]) == 2
    assert "每日新卡上限最多 9999 张" in _err(capsys)
    assert main(["review", "--limit", "99999999999999999999"]) == 2
    assert "--limit 最多为" in _err(capsys)
    assert main(["exam", "report", "99999999999999999999"]) == 2
    assert "没有这次考试" in _err(capsys)
    assert main(["settings"]) == 0
    out = capsys.readouterr().out
    assert "99999999999999999999" not in out


def test_settings_stored_out_of_range_fall_back_to_defaults_field_by_field():
    from cskexam.core.srs import SrsSettings

    s = SrsSettings.from_dict({"maximum_interval": 10**20, "daily_new_limit": 50, "desired_retention": 0.85})
    assert s.maximum_interval == SrsSettings().maximum_interval
    assert s.daily_new_limit == 50 and s.desired_retention == 0.85


def test_a_database_other_than_sqlite_or_postgresql_is_named(capsys):
    assert main(["--db", "mysql://user@host/db", "stats"]) == 2
    assert "不支持的数据库「mysql」" in _err(capsys)


def test_a_lone_surrogate_inside_a_query_is_dropped_not_a_crash(tmp_path, capsys):
    from cskexam.services.library import open_library
    from cskexam.services.search import Searcher

    assert main(["import"]) == 0
    library = open_library(f"sqlite:///{tmp_path / 'home' / 'cskexam.sqlite3'}")
    try:
        results = Searcher(library).search("竞争\udc80者", 5)
    finally:
        library.close()
    assert results and "竞争者" in results[0].title


@pytest.mark.parametrize("target, words", [("", "没有给出文件名"), ("新目录/", "目录路径"), ("  ", "没有给出文件名")])
def test_an_empty_name_or_a_folder_path_is_refused_before_anything_is_written(tmp_path, monkeypatch, capsys, target, words):
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    for argv in (["wrongbook", "export", target], ["export", "apkg", target]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_name_with_a_newline_or_a_direction_mark_is_printed_escaped(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    target = tmp_path / "错题\n本\u202e.csv"
    assert main(["wrongbook", "export", str(target)]) == 0
    out = capsys.readouterr().out
    assert "\\n本\\u202e.csv" in out and "\u202e" not in out
    assert target.exists()
