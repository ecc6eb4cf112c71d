"""Node-dense notes cost the same per node however many there are.

Counted in function calls, not seconds: the count is the same on a quiet and
on a busy machine, so twice the notes must make (about) twice the calls. A
per-node walk up the outline, a rescan of the lines read so far or a search
among the siblings would show as a growing ratio here long before it shows
on a clock.
"""

from __future__ import annotations

import sys

import pytest

from cskexam.core.notes import NoteSource, parse_notes


def _calls(text: str, name: str) -> int:
    count = 0

    def profile(frame, event, arg) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        parse_notes([NoteSource(name, text)])
    finally:
        sys.setprofile(None)
    return count


def _run_on(blocks: int) -> str:
    return "".join(f"{i % 50 + 1}、重复" for i in range(blocks * 2))


def _nested(blocks: int) -> str:
    # Each block one level deeper than the last, back to the top after forty.
    return "".join("  " * (i % 40) + "- 要点\n" for i in range(blocks))


@pytest.mark.parametrize(
    ("name", "make", "blocks"),
    [
        ("bullets.txt", lambda k: "• 重复\n" * k, 600),
        ("numbered.txt", lambda k: "客户服务\n1、要点\n(1)说明\n(2)说明\n2、要点\n" * k, 120),
        ("lists.md", lambda k: "## 标题\n- 甲\n  - 乙\n    - 丙\n" * k, 150),
        ("counted.txt", lambda k: "要素的三大功能：保障、激励、调节\n" * k, 250),
        ("headings.md", lambda k: "## 要点\n" * k, 600),
        ("runon.txt", _run_on, 300),
        ("nested.md", _nested, 600),
    ],
    ids=["bullet-lines", "numbered-points", "markdown-lists", "counted-lists", "headings", "run-on-numbers", "nesting"],
)
def test_twice_the_notes_make_twice_the_calls(name, make, blocks):
    once = _calls(make(blocks), name)
    twice = _calls(make(2 * blocks), name)
    assert twice <= 2.05 * once, f"{twice / once:.3f} times the calls for twice the notes"
