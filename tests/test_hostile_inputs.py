"""A second round of hostile input: odd file names, encodings, arguments and environments each end in one
Chinese message (exit 2, nothing written) or a correct result."""

from __future__ import annotations

import os

import pytest

from cskexam.cli import main


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.delenv("CSKEXAM_WAIT", raising=False)
    monkeypatch.delenv("CSKEXAM_PROFILE", raising=False)
    monkeypatch.chdir(tmp_path)


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
