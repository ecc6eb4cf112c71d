"""Hostile notes: parsing stays linear and never raises; odd files get one clear error."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cskexam.cli import main
from cskexam.core.errors import NotesError
from cskexam.core.notes import NoteSource, decode_note_bytes, parse_notes
from cskexam.services import notes as notes_service

FRAGMENTS = [
    "• 重复", "1、", "2、", "(1)", "（2）", "一、", "第一章", "第二节", "#", "## ", "- ", "  - ", "①", "⑴", "A.",
    "客户服务", "的五大特性:", "无形性、", "不可分性;", "(宏五)", "(P4)", "【重点】", "(×)", "(√)", "口诀:",
    "是指", "。", "\n", "\n\n", "    ", "\t", "<span style='color:red'>", "</span>", "**", "==", "|", "```", "·",
]


def _parse_seconds(text: str) -> float:
    # CPU time of this process: other work on the machine (a parallel test run)
    # must not make a linear parse look quadratic.
    start = time.process_time()
    parse_notes([NoteSource("hostile.txt", text)])
    return time.process_time() - start


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60))
@example(pieces=["是指", "第二节", "\t"])  # one line of thousands of spaced words with no body after them
def test_parsing_any_text_is_linear(pieces):
    block = "".join(pieces)
    # Whole blocks, so that both texts end alike: a run-on line that ends in
    # (×) is one statement, and cut elsewhere it is thousands of nodes.
    # At most 40,000 characters in the big text: under the 50,000 items a parse takes.
    reps = max(1, 12_000 // 3 // len(block))
    small, big = block * reps, block * (10 * reps)
    t_small = min(_parse_seconds(small) for _ in range(2))
    t_big = _parse_seconds(big)
    # Ten times the input: about ten times the time (never a hundred). The
    # worst blocks make a node every 3 bytes (66,000 nodes): about a second on
    # a quiet machine, with room here for a busy one (these make 40,000).
    assert t_big < 6.0
    assert t_big < 25 * t_small + 0.3


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(["• 重复"] * 20_000),
        "".join(f"{i % 50 + 1}、重复" for i in range(30_000)),
        "".join("• 重复 " for _ in range(30_000)),
        "\n".join(f"# 标题{i}\n- 甲\n  - 乙" for i in range(3_000)),
    ],
    ids=["bullet-lines", "run-on-numbers", "run-on-bullets", "markdown"],
)
def test_node_dense_notes_parse_in_linear_time(text):
    assert _parse_seconds(text) < 4.0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=80).map("".join))
def test_parser_never_raises_and_keeps_ids_stable(text):
    first = parse_notes([NoteSource("a.md", text)])
    again = parse_notes([NoteSource("a.md", text)])
    assert list(first.nodes) == list(again.nodes)
    for node in first:
        assert node.title and all("kind" in f for f in node.flags)


def test_utf16_and_utf32_with_a_bom_are_read():
    text = "客户服务\n1、无形性\n"
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")):
        assert decode_note_bytes(bom + text.encode(codec), "u.txt") == text
    with pytest.raises(NotesError) as info:
        decode_note_bytes(b"\xff\xfe" + "客户".encode("utf-16-le") + b"\x00", "odd.txt")
    assert "UTF-16" in str(info.value) and "odd.txt" in str(info.value)


def test_graph_reads_a_utf16_file(tmp_path, capsys):
    f = tmp_path / "记事本.txt"
    f.write_bytes(b"\xff\xfe" + "服务特性\n服务特性\n1、无形性\n2、不可分性".encode("utf-16-le"))
    assert main(["graph", str(f)]) == 0
    assert "不可分性" in capsys.readouterr().out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_devices_fifos_and_symlink_loops_are_refused_without_reading(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    cases = [(fifo, "不是普通文件"), (loop, "循环")]
    if os.path.exists("/dev/zero"):
        cases.append(("/dev/zero", "不是笔记文件"))
    for path, words in cases:
        start = time.perf_counter()
        assert main(["graph", str(path)]) == 2
        assert time.perf_counter() - start < 5
        err = capsys.readouterr().err
        assert str(path) in err and words in err and "Traceback" not in err


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(notes_service, "MAX_NOTE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("客户服务\n" * 200, encoding="utf-8")
    assert main(["graph", str(big)]) == 2
    err = capsys.readouterr().err
    assert "文件过大" in err and str(big) in err


def test_a_file_of_millions_of_lines_is_refused_before_it_is_parsed(tmp_path, capsys, monkeypatch):
    """Millions of mostly empty lines cost the parser seconds per million; notes never have them."""
    monkeypatch.setattr(notes_service, "MAX_NOTE_LINES", 100)
    many = tmp_path / "many.txt"
    many.write_text("标题\n" + "\n" * 150 + "-\n" * 50, encoding="utf-8")
    assert main(["graph", str(many)]) == 2
    err = capsys.readouterr().err
    assert "行数太多" in err and str(many) in err and "Traceback" not in err
    old_mac = tmp_path / "mac.txt"  # \r alone ends a line too
    old_mac.write_text("标题\r" + "-\r" * 120, encoding="utf-8", newline="")
    assert main(["graph", str(old_mac)]) == 2
    assert "行数太多" in capsys.readouterr().err


def test_a_file_of_more_markers_than_any_notes_is_refused_before_its_nodes_are_made(monkeypatch):
    """Each marker is a node; a line of a million markers would take gigabytes. The file
    is refused with its name and the line where the limit is passed."""
    import pytest

    from cskexam.core.errors import NotesError
    from cskexam.core.notes import parser

    monkeypatch.setattr(parser, "MAX_MARKERS", 1000)
    text = "标题\n" + "1、客户\n" * 10 + "；一、1．①（1）•" * 400 + "\n"
    with pytest.raises(NotesError) as err:
        parse_notes([NoteSource("炸弹.txt", text)])
    assert err.value.file == "炸弹.txt" and err.value.line == 12
    assert "编号条目太多" in str(err.value)
    # notes under the limit parse as before
    assert len(list(parse_notes([NoteSource("ok.txt", "标题\n" + "1、客户\n" * 10)]))) >= 10


def test_a_file_over_the_real_limit_is_refused_at_once(tmp_path, capsys):
    """The limit itself, not a lowered one: a 10 MB "notes" file is refused before it is parsed."""
    big = tmp_path / "big.txt"
    big.write_bytes(("客户服务的五大特性" * 40 + "\n").encode() * 10_000)
    assert big.stat().st_size > notes_service.MAX_NOTE_BYTES
    start = time.process_time()
    assert main(["graph", str(big)]) == 2
    assert time.process_time() - start < 2
    err = capsys.readouterr().err
    assert "文件过大" in err and "8 MB" in err and str(big) in err and "Traceback" not in err
