"""A node read a little differently keeps its id, so its review history carries over."""

from __future__ import annotations

import datetime as dt

from cskexam.core.notes import NoteSource, parse_notes
from cskexam.core.notes.identity import StoredNode, carry_ids
from cskexam.services.library import open_library

T0 = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
T1 = T0 + dt.timedelta(hours=1)

BEFORE = "服务质量笔记\n一、服务质量\n1、有形性\n2、可靠性\n3、响应性\n二、服务补救\n1、道歉\n2、补偿\n"
# The first heading is now written out in full, 补偿 became 补偿措施, 道歉 was moved out of
# its list to a heading of its own, and a new item 跟踪 was added.
AFTER = "服务质量笔记\n一、服务质量差距模型有五个差距\n1、有形性\n2、可靠性\n3、响应性\n二、服务补救\n1、补偿措施\n2、跟踪\n三、道歉\n"


def stored(graph):
    out = []
    for node in graph:
        siblings = graph.nodes[node.parent].children if node.parent else [n.id for n in graph.roots()]
        out.append(StoredNode(node.id, node.parent, node.title, node.source.file, siblings.index(node.id)))
    return out


def by_title(graph):
    return {n.title: n.id for n in graph}


def test_a_retitled_heading_and_its_children_keep_their_ids():
    old = parse_notes([NoteSource("a.txt", BEFORE)])
    new = parse_notes([NoteSource("a.txt", AFTER)])
    ids = by_title(old)
    assert by_title(new)["服务质量差距模型有五个差距"] != ids["服务质量"]
    carry_ids(new, stored(old))
    got = by_title(new)
    assert got["服务质量差距模型有五个差距"] == ids["服务质量"]
    assert got["有形性"] == ids["有形性"] and got["响应性"] == ids["响应性"]
    assert got["补偿措施"] == ids["补偿"]
    assert got["道歉"] == ids["道歉"]  # moved, but the only 道歉 that vanished
    assert got["跟踪"] not in ids.values()
    assert len(set(got.values())) == len(got)
    for node in new:  # the outline still hangs together
        assert node.parent is None or node.id in new.nodes[node.parent].children


def test_an_unrelated_new_item_takes_no_old_id():
    old = parse_notes([NoteSource("a.txt", "笔记\n一、竞争者\n1、愿望竞争者\n2、产品形式竞争者\n")])
    new = parse_notes([NoteSource("a.txt", "笔记\n一、竞争者\n1、愿望竞争者\n2、替代品竞争者\n")])
    mapping = carry_ids(new, stored(old))
    assert mapping == {}


def test_reimport_of_retitled_notes_keeps_history(tmp_path):
    notes = tmp_path / "服务.txt"
    notes.write_text(BEFORE, encoding="utf-8")
    with open_library(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        library.import_notes([notes], now=T0)
        ids = by_title(library.graph())
        notes.write_text(AFTER, encoding="utf-8")
        result = library.import_notes([notes], now=T1)
        got = by_title(library.graph())
    assert got["服务质量差距模型有五个差距"] == ids["服务质量"]
    assert got["补偿措施"] == ids["补偿"]
    assert result.deactivated == 0 and result.added == 1  # only 跟踪 is new
