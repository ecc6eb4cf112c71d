"""A notes file with more key points than anyone studies is refused while it is
parsed, at the line where the limit is passed, whether its nodes come from
numbered items or from lines without any marker (每行一个「X的三大功能：甲、乙、丙」
makes four nodes). Big graphs print as JSON in blocks, not one write per token."""

from __future__ import annotations

import json
import sys

import pytest

from cskexam.cli import main
from cskexam.core.errors import NotesError
from cskexam.core.notes import NoteSource, parse_notes
from tests.cli_helpers import isolate_cli, no_library, output


def _inline_lists(lines: int) -> str:
    # Four nodes a line, and no marker anywhere: MAX_MARKERS never sees them.
    return "\n".join(f"要素{i}的三大功能：保障{i}、激励{i}、调节{i}" for i in range(lines))


def test_lines_without_markers_that_make_many_nodes_are_refused_at_the_line_that_passes_the_limit():
    sources = [NoteSource("功能.txt", _inline_lists(100))]
    assert len(parse_notes(sources).nodes) == 401  # the document and 4 a line: under the default limit
    with pytest.raises(NotesError) as caught:
        parse_notes(sources, max_nodes=200)
    assert caught.value.file == "功能.txt"
    # The 50th line brings the nodes to 201 with the document.
    assert caught.value.line == 50
    assert "知识点太多" in caught.value.message and "200" in caught.value.message
    assert len(parse_notes(sources, max_nodes=None).nodes) == 401


def test_heading_lines_are_counted_while_the_outline_is_built():
    """One draft a line: refused before any node is made, at the line past the limit."""
    text = "".join(f"## 标题{i}\n" for i in range(500))
    with pytest.raises(NotesError) as caught:
        parse_notes([NoteSource("标题.md", text)], max_nodes=300)
    assert caught.value.line == 301
    assert len(parse_notes([NoteSource("标题.md", text)], max_nodes=501).nodes) == 501


def test_the_limit_counts_the_nodes_of_every_file_of_one_parse():
    one = NoteSource("甲.txt", _inline_lists(40))  # 161 nodes
    two = NoteSource("乙.txt", _inline_lists(40))
    assert len(parse_notes([one], max_nodes=200).nodes) == 161
    with pytest.raises(NotesError) as caught:
        parse_notes([one, two], max_nodes=200)
    assert caught.value.file == "乙.txt"


def test_import_refuses_such_notes_naming_file_and_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    isolate_cli(monkeypatch, tmp_path)
    monkeypatch.setattr("cskexam.services.notes_import.MAX_KEY_POINTS", 300)
    notes = tmp_path / "功能.txt"
    notes.write_text(_inline_lists(200), "utf-8")
    assert main(["import", str(notes)]) == 2
    _, err = output(capsys)
    assert f"{notes}:75" in err and "知识点太多（超过 300 个）" in err
    assert no_library(tmp_path)
    notes.write_text(_inline_lists(50), "utf-8")
    assert main(["import", str(notes)]) == 0


def test_graph_refuses_past_the_parser_limit_with_exit_2(tmp_path, monkeypatch, capsys):
    isolate_cli(monkeypatch, tmp_path)
    monkeypatch.setattr("cskexam.core.notes.parser.MAX_NODES", 100)
    notes = tmp_path / "功能.txt"
    notes.write_text(_inline_lists(30), "utf-8")
    assert main(["graph", str(notes), "--json"]) == 2
    out, err = output(capsys)
    assert out == "" and "知识点太多（超过 100 个）" in err and str(notes) in err


def test_graph_json_of_a_big_graph_is_whole_and_written_in_blocks(tmp_path, monkeypatch, capsys):
    """12,001 nodes: one write per token would be over a million writes."""
    isolate_cli(monkeypatch, tmp_path)
    notes = tmp_path / "功能.txt"
    notes.write_text(_inline_lists(3_000), "utf-8")
    writes: list[int] = []

    class Counting:
        def __init__(self, stream):
            self.stream = stream

        def write(self, text: str) -> int:
            writes.append(len(text))
            return self.stream.write(text)

        def __getattr__(self, name: str):
            return getattr(self.stream, name)

    monkeypatch.setattr(sys, "stdout", Counting(sys.stdout))
    assert main(["graph", str(notes), "--json"]) == 0
    out, _ = output(capsys)
    data = json.loads(out)
    assert len(data["nodes"]) == 12_001
    assert out == json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    assert len(writes) < 100


def test_an_import_that_would_leave_the_library_past_the_limit_changes_nothing(tmp_path, monkeypatch, capsys):
    """Every import rebuilds the cards, questions and index of the whole library: the
    limit holds for the library after the import too, and --replace is the way out."""
    isolate_cli(monkeypatch, tmp_path)
    monkeypatch.setattr("cskexam.services.notes_import.MAX_KEY_POINTS", 300)
    first, second = tmp_path / "第一册.txt", tmp_path / "第二册.txt"
    first.write_text(_inline_lists(50), "utf-8")  # 201 nodes
    second.write_text(_inline_lists(40).replace("要素", "因素"), "utf-8")  # 161 nodes
    assert main(["import", str(first)]) == 0
    capsys.readouterr()
    assert main(["cards", "--json"]) == 0
    before = capsys.readouterr().out
    assert "要素9的三大功能" in before and "因素" not in before
    assert main(["import", str(second)]) == 2
    _, err = output(capsys)
    assert f"{second}: 资料库的知识点太多：这次导入后共 362 个，上限 300 个，资料库未作改动" in err
    assert "--replace" in err
    assert main(["cards", "--json"]) == 0
    assert capsys.readouterr().out == before
    assert main(["import", str(second), "--replace"]) == 0
    capsys.readouterr()
    assert main(["cards", "--json"]) == 0
    after = capsys.readouterr().out
    assert "因素9的三大功能" in after and "要素" not in after
