"""Helpers of the tests that run the command line on hostile input: a home of
its own, no traceback in what is printed, and whether a library was made."""

from __future__ import annotations


def isolate_cli(monkeypatch, tmp_path) -> None:
    """The command line in an empty home, run from ``tmp_path``, with no library,
    wait or profile chosen by the environment."""
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.delenv("CSKEXAM_WAIT", raising=False)
    monkeypatch.delenv("CSKEXAM_PROFILE", raising=False)
    monkeypatch.chdir(tmp_path)


def output(capsys) -> tuple[str, str]:
    """What the command printed (out, err), which never holds a traceback."""
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    return out.out, out.err


def no_library(tmp_path) -> bool:
    """Nothing was written to the home: no library, no backup."""
    home = tmp_path / "home"
    return not home.exists() or not any(home.iterdir())
