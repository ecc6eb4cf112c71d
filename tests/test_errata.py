"""Errata files: corrections of the characters pasted notes lost."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from cskexam.core.errata import ErrataError, apply_errata, parse_errata
from cskexam.core.errata_losses import LossIndex, find_losses
from cskexam.services.notes import load_graph, read_note

NOTES = "6、职业道德的三大特点:在围上,存在于从事一定职业的人中间;在容上,具有稳定性和连续性;在形式上,具有具体、多样和较大的适用性。\n5、职业道德是指…特定的行为规。\n"


def test_corrections_keep_every_line_and_report_where_they_applied():
    corrections = parse_errata("# 注释\n\n在围上,存在于 → 在范围上,存在于\n行为规。 => 行为规范。\n", "e")
    result = apply_errata(NOTES, corrections, "e")
    assert "在范围上,存在于" in result.text and "行为规范。" in result.text
    assert result.text.count("\n") == NOTES.count("\n")
    assert [a.note_line for a in result.applied] == [1, 2]
    assert result.unused == []


def test_an_original_found_twice_is_an_error_naming_the_errata_line():
    with pytest.raises(ErrataError) as err:
        apply_errata(NOTES, parse_errata("\n上, → 上，\n", "笔记.txt.errata"), "笔记.txt.errata")
    assert err.value.line == 2 and "出现 3 次" in err.value.message


def test_an_original_the_notes_no_longer_have_is_reported_not_fatal():
    result = apply_errata(NOTES, parse_errata("在外围上 → 在范围上\n", "e"), "e")
    assert result.text == NOTES and [c.original for c in result.unused] == ["在外围上"]


@pytest.mark.parametrize("line, message", [("在围上 在范围上", "箭头"), (" → 在范围上", "原文为空"),
                                           ("在围上 → 在范围上 → 在内容上", "一行只能")])
def test_malformed_entries(line, message):
    with pytest.raises(ErrataError) as err:
        parse_errata(line, "e")
    assert message in err.value.message and err.value.line == 1


def test_overlapping_entries_are_an_error():
    with pytest.raises(ErrataError, match="重叠"):
        apply_errata(NOTES, parse_errata("在围上 → 在范围上\n围上,存在 → 围上，存在\n", "e"), "e")


def test_loss_finder_asks_about_a_lone_character_that_completes_a_word_the_notes_use():
    index = LossIndex([("在", 700000), ("上", 250000), ("的", 300000), ("围", 4000), ("范围", 12000), ("周围", 9000),
                       ("规", 2000), ("规范", 3600), ("行为", 20000), ("形式", 9000)])
    cut = {"在围上,存在于": ["在", "围", "上", ",", "存在", "于"], "特定的行为规。": ["特定", "的", "行为", "规", "。"],
           "服务范围与行为规范": ["服务", "范围", "与", "行为", "规范"], "在形式上": ["在", "形式", "上"],
           "遵守规范": ["遵守", "规范"]}
    found = find_losses("在围上,存在于\n特定的行为规。\n服务范围与行为规范\n在形式上\n遵守规范",
                        cut.__getitem__, index)
    assert [(s.line, s.span, s.words[0]) for s in found] == [(1, "在围上", "范围"), (2, "为规。", "规范")]
    # Without the whole words anywhere in the notes, nothing suggests a loss.
    assert find_losses("在围上,存在于\n特定的行为规。", cut.__getitem__, index) == []
    # Nor with a word written whole only once, nor between 在 and 上 when the notes never put
    # a whole word there (在内容上, 在形式上).
    assert find_losses("在围上,存在于\n特定的行为规。\n服务范围与行为规范", cut.__getitem__, index) == []


def test_bundled_notes_are_proofread():
    graph = load_graph()
    titles = {n.title for n in graph}
    assert {"在范围上", "在内容上", "客户服务的内容划分"} <= titles
    text = "\n".join(n.text for n in graph)
    for loss in ("在围上", "在容上", "行为规。", "适应化境", "也时间性", "管户服务"):
        assert loss not in text and loss not in titles


def test_the_original_text_stays_available(tmp_path):
    notes = tmp_path / "笔记.txt"
    notes.write_text(NOTES, encoding="utf-8")
    (tmp_path / "笔记.txt.errata").write_text("在围上 → 在范围上\n", encoding="utf-8")
    note = read_note(notes)
    assert note.has_errata and "在范围上" in note.source.text
    if hasattr(note.source, "original"):
        assert note.source.original == NOTES


def test_bad_errata_file_fails_the_import_with_file_and_line(tmp_path):
    notes = tmp_path / "笔记.txt"
    notes.write_text(NOTES, encoding="utf-8")
    (tmp_path / "笔记.txt.errata").write_text("# x\n上, → 上，\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cskexam", "graph", str(notes)], capture_output=True, text=True)
    assert run.returncode == 2 and "笔记.txt.errata:2:" in run.stderr and "Traceback" not in run.stderr


def test_loss_finder_stays_linear_on_a_whole_file_pasted_as_one_line():
    index = LossIndex([("在", 700000), ("上", 250000), ("围", 4000), ("范围", 12000), ("服务", 50000)])
    # 60,000 lone characters between words on one line: each one used to rescan the line.
    line = "服务围服务" * 60_000
    cut = lambda text: [t for _ in range(len(text) // 5) for t in ("服务", "围", "服务")]  # noqa: E731
    start = time.process_time()
    found = find_losses(line + "\n范围", cut, index)
    assert time.process_time() - start < 5
    assert found == []  # the span recurs: the notes' own wording, not a loss


def test_loss_finder_look_ups_stop_at_their_budget():
    index = LossIndex([("在", 700000), ("上", 250000), ("的", 300000), ("围", 4000), ("范围", 12000), ("周围", 9000),
                       ("形式", 9000)])
    cut = {"在围上,存在于": ["在", "围", "上", ",", "存在", "于"], "服务范围": ["服务", "范围"],
           "在形式上": ["在", "形式", "上"]}
    text = "在围上,存在于\n服务范围\n在形式上"
    assert [s.span for s in find_losses(text, cut.__getitem__, index)] == ["在围上"]
    assert find_losses(text, cut.__getitem__, index, scan_budget=0) == []  # nothing read: nothing proposed
