"""A second round of hostile input: odd file names, encodings, arguments and environments each end in one
Chinese message (exit 2, nothing written) or a correct result."""

from __future__ import annotations

import os

import pytest

from cskexam.cli import main
from cli_helpers import isolate_cli


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    isolate_cli(monkeypatch, tmp_path)


def _error(capsys) -> str:
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return out.err


def _no_library(tmp_path) -> bool:
    return not (tmp_path / "home" / "cskexam.sqlite3").exists()


def test_a_notes_file_named_in_bytes_that_are_no_utf8_is_named_in_the_error(tmp_path, capsys):
    from cskexam.core.errors import NotesError
    from cskexam.services.notes import collect_note_files

    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "好.txt").write_text("一、甲\n1、乙\n", "utf-8")
    try:
        with open(os.fsencode(folder) + b"/\xff\xfe.txt", "w", encoding="utf-8") as fh:
            fh.write("一、丙\n")
    except OSError:
        pytest.skip("this file system refuses such names")
    with pytest.raises(NotesError, match="不是 UTF-8"):
        collect_note_files([folder])
    for command in (["import", str(folder)], ["graph", str(folder)]):
        assert main(command) == 2
        err = _error(capsys)
        assert "\\xff\\xfe.txt" in err and "改名" in err
    assert _no_library(tmp_path)


# -- question-bank text: invisible characters, traditional-character files ---------------------

HEADER = ["题型", "题干", "A", "B", "C", "D", "答案", "解析", "难度"]
ROW = ["单选", "客户服务的首要特征是（ ）。", "无形性", "有形性", "可储存性", "标准化", "A", "笔记", "2"]


def _csv(rows, encoding="utf-8") -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def test_headers_with_zero_width_or_direction_marks_are_the_columns_they_look_like():
    from cskexam.core.bank_import import import_rows, rows_from_csv_bytes

    header = ["\ufeff题\u200b型", "题干\u202e", "A", "B", "C", "D", "答\u200d案", "解析\u2066", "难度"]
    res = import_rows(rows_from_csv_bytes(_csv([header, ROW]), "隐形.csv"), "隐形.csv", None, allow_unlinked=True)
    assert not res.problems and res.questions[0].stem == ROW[1]


def test_a_big5_csv_is_read_and_written_simplified():
    from cskexam.core.bank_import import import_rows, rows_from_csv_bytes

    header = ["題型", "題幹", "A", "B", "C", "D", "答案", "解析", "難度"]
    row = ["單選", "客戶服務的首要特徵是（ ）。", "無形性", "有形性", "可儲存性", "標準化", "A", "筆記", "2"]
    res = import_rows(rows_from_csv_bytes(_csv([header, row], "big5"), "繁體.csv"), "繁體.csv", None,
                      allow_unlinked=True)
    assert not res.problems
    q = res.questions[0]
    assert q.type == "单选" and q.stem == "客户服务的首要特征是（ ）。" and q.options["A"] == "无形性"
    # GBK bytes stay GBK: the same header in simplified characters is not taken for Big5
    gbk = rows_from_csv_bytes(_csv([HEADER, ROW], "gb18030"), "简体.csv")
    assert gbk[0][:2] == ["题型", "题干"] and gbk[1][1] == ROW[1]


def test_direction_overrides_and_zero_width_spaces_leave_bank_text():
    from cskexam.core.bank import check_bank_text

    text = ("document: 测试\nquestions:\n  - id: t-1\n    type: 填空\n"
            "    stem: \"\\u202e客户服务的首要特征是____\\u2066。\"\n    answer: \"无\\u200b形性\"\n"
            "    explanation: 笔记\n    node: [客户服务]\n")
    bank = check_bank_text(text, "隐形.yaml", None, skip_unknown_document=True, lenient_nodes=True)
    q = bank.questions[0]
    assert q.stem == "客户服务的首要特征是____。" and q.answer == "无形性"
    assert q.grade("无形性").correct


def test_an_unknown_field_with_a_zero_width_space_shows_it():
    from cskexam.core.bank import check_bank_text

    text = "document: 测试\nquestions:\n  - id: t-1\n    type: 判断\n    stem: 题\n    ans\u200bwer: 对\n"
    bank = check_bank_text(text, "隐形.yaml", None, skip_unknown_document=True, lenient_nodes=True)
    assert any("ans\\u200bwer" in p.message for p in bank.problems)


# -- folders and options ---------------------------------------------------------------------

@pytest.mark.parametrize("command", [["graph"], ["bank", "check"], ["import"]])
def test_a_folder_far_too_big_to_be_notes_is_refused_without_reading_it_all(tmp_path, capsys, monkeypatch, command):
    import cskexam.userfiles as userfiles

    monkeypatch.setattr(userfiles, "MAX_WALK_ENTRIES", 50)
    big = tmp_path / "big"
    for i in range(8):
        (big / f"d{i}").mkdir(parents=True)
        for j in range(8):
            (big / f"d{i}" / f"{j}.txt").write_text("一、甲\n", "utf-8")
    assert main([*command, str(big)]) == 2
    assert "文件太多" in _error(capsys)
    assert _no_library(tmp_path)


@pytest.mark.parametrize("command", [["graph"], ["import"]])
def test_more_notes_files_than_one_import_takes_are_refused_before_any_is_read(tmp_path, capsys, monkeypatch, command):
    from cskexam.services import notes as notes_service

    monkeypatch.setattr(notes_service, "MAX_NOTE_FILES", 5)
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text("一、甲\n1、乙\n", "utf-8")
    assert main([*command, str(folder)]) == 2
    err = _error(capsys)
    assert "笔记文件太多（6 个）" in err and "many" in err
    assert _no_library(tmp_path)
    (folder / "5.txt").unlink()
    assert main([*command, str(folder)]) == 0


def test_a_folder_walk_skips_symlink_loops(tmp_path):
    from cskexam.userfiles import files_under

    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "a.txt").write_text("一、甲\n", "utf-8")
    (tmp_path / "n" / "up").symlink_to(tmp_path)
    assert files_under(tmp_path / "n", {".txt"}) == [tmp_path / "n" / "a.txt"]


@pytest.mark.parametrize("steps", ["9" * 400, "9" * 400 + "d", ",".join(["1m"] * 30), "400d"])
def test_learning_steps_too_long_or_too_many_are_one_message(capsys, steps):
    for option in ("--learning-steps", "--relearning-steps"):
        assert main(["settings", option, steps]) == 2
        assert "步长" in _error(capsys)
    assert main(["settings", "--learning-steps", "1m,365d"]) == 0


def test_a_paragraph_of_megabytes_is_read_only_to_its_first_sentence():
    import time

    from cskexam.core.question_context import _first_sentence

    start = time.process_time()
    assert _first_sentence("a b " * 500_000 + "第3页") == ("a b " * 500_000).strip()
    assert _first_sentence("客户服务是一切工作。" + "甲" * 2_000_000) == "客户服务是一切工作"
    assert time.process_time() - start < 2.0  # it scanned the whole text at every position: 48 s for 10 MB


def test_notes_with_tens_of_thousands_of_key_points_are_refused_before_anything_is_built(tmp_path, capsys):
    """The real limit: 25,000 headings in 300 KB is no one's notes; the import names the file and writes nothing."""
    from cskexam.services.notes_import import MAX_KEY_POINTS

    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "small.txt").write_text("一、客户服务的特征\n1、无形性\n2、不可分性\n", "utf-8")
    (folder / "heads.md").write_text("".join(f"## 标题{i}\n" for i in range(MAX_KEY_POINTS + 5_000)), "utf-8")
    assert main(["import", str(folder)]) == 2
    err = _error(capsys)
    assert "知识点太多" in err and "heads.md" in err and f"{MAX_KEY_POINTS:,}" in err
    assert _no_library(tmp_path)
    (folder / "heads.md").write_text("".join(f"## 标题{i}\n- 要点甲\n- 要点乙\n" for i in range(2_000)), "utf-8")
    assert main(["import", str(folder)]) == 0  # thousands of key points are notes
