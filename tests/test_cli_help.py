"""Every command and sub-command prints its Chinese help and exits 0."""

import argparse

import pytest

from cskexam.cli import build_parser, main


def _all_help_paths(parser: argparse.ArgumentParser, prefix=()):
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _all_help_paths(sub, prefix + (name,))


PATHS = list(_all_help_paths(build_parser()))


def test_the_commands_of_the_contract_are_there():
    names = {p[0] for p in PATHS if p}
    assert {"graph", "import", "search", "cards", "stats", "questions", "bank"} <= names


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "cskexam")
def test_help(path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([*path, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "选项" in out and "用法" in out


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "cskexam" in capsys.readouterr().out


def test_unknown_command_is_a_clear_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "错误" in capsys.readouterr().err
