"""知识图谱: a flagged node shows ⚠ and its reason; ``o`` shows the node's original lines."""

from __future__ import annotations

from cskexam.core.notes import NoteSource, parse_notes
from cskexam.tui.screens.graph import OriginalLinesDialog
from pilot_helpers import run, screen_text, wait_for
from test_tui_graph import SIZE, details, make_app, open_graph, shows

NOTES = (
    "服务复习\n"
    "服务复习\n"
    "一、服务的特性\n"
    "1、服务的四大特性:无形性、不可分性、易消失性\n"
    "2、标记 [A] a[i] [/bold] 不是标记\n"
)
# What the candidate wrote before an errata file corrected line 4.
ORIGINAL = NOTES.replace("无形性、不可分性", "无形、不可分")


def graph():
    return parse_notes([NoteSource("服务.txt", NOTES, original=ORIGINAL)])


def test_flagged_node_shows_reason_and_o_shows_original_lines():
    g = graph()
    node = g.find("服务的四大特性")[0]
    assert node.blocks_items and node.flags[0]["kind"] == "count_mismatch"

    async def main():
        app = make_app(g)
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            app.show_node(node.id)
            await wait_for(pilot, lambda: details(app).node_id == node.id)
            await pilot.pause()
            assert "⚠" in screen_text(app)
            assert shows(app, "⚠ 数量不符：写明 4 项，找到 3 项")
            await pilot.press("o")
            await wait_for(pilot, lambda: isinstance(app.screen, OriginalLinesDialog))
            await pilot.pause()
            text = screen_text(app)
            assert "原文 · 服务.txt 第 4 行" in text
            assert "4 │ 1、服务的四大特性:无形、不可分、易消失性" in text
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, OriginalLinesDialog))

    run(main())


def test_original_lines_are_text_not_markup():
    g = graph()
    node = next(n for n in g if "[A]" in n.original)

    async def main():
        app = make_app(g)
        async with app.run_test(size=SIZE) as pilot:
            await open_graph(pilot)
            app.show_node(node.id)
            await wait_for(pilot, lambda: details(app).node_id == node.id)
            await pilot.press("o")
            await wait_for(pilot, lambda: isinstance(app.screen, OriginalLinesDialog))
            await pilot.pause()
            assert "5 │ 2、标记 [A] a[i] [/bold] 不是标记" in screen_text(app)

    run(main())
