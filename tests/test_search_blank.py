"""An empty search term: one clear message on the command line, the hint in the search box."""

from __future__ import annotations

import pytest

from cli_helpers import isolate_cli, no_library, output
from cskexam.cli import main

BLANKS = ["", " ", "   ", "\u3000", "\t", "\u200b", "\ufeff \u200e"]


@pytest.mark.parametrize("term", BLANKS)
@pytest.mark.parametrize("json", [False, True])
def test_an_empty_search_term_is_refused_before_a_library_is_made(capsys, monkeypatch, tmp_path, term, json):
    isolate_cli(monkeypatch, tmp_path)
    code = main(["search", term, *(["--json"] if json else [])])
    out, err = output(capsys)
    assert code == 2 and out == ""
    assert "搜索词是空的" in err and "关键词" in err
    assert no_library(tmp_path)


def test_words_around_spaces_are_searched(capsys, monkeypatch, tmp_path):
    isolate_cli(monkeypatch, tmp_path)
    assert main(["search", " ", "竞争者", " "]) == 0
    out, _ = output(capsys)
    assert "竞争者" in out
