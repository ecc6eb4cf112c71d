"""Pilot tests: question text, 解析 and blueprint descriptions wrap by the Chinese rule.

Each text is built so that wrapping at any character (what a terminal widget does
by default) would start a line with ，at every width the box may have; on screen
no line may start with closing punctuation or end with an opening one.
"""

from __future__ import annotations

import asyncio

import pytest
from rich.cells import cell_len

from cskexam.tui.app import CskexamApp
from pilot_helpers import screen_rows, screen_text, wait_for, wait_text
from support import T0
from test_bank import GOOD
from test_questions_helpers import sample_graph

CLOSING = "。，、）」：；！？"
OPENING = "「（"
WIDTHS = [*range(44, 80), *range(100, 110)]  # cells a box's text may get at 80 and 120 columns


def naive_line_starts(text: str, width: int, first: int = 0) -> list[int]:
    """Where wrapping at any character starts lines (``first`` cells already used on line one)."""
    starts, used = [], first
    for i, ch in enumerate(text):
        w = cell_len(ch)
        if used + w > width:
            starts.append(i)
            used = 0
        used += w
    return starts


def trap(lead: str, first: int = 0) -> str:
    """``lead`` and filler, with a ，at a naive line start for every width in WIDTHS."""
    text = lead
    for width in WIDTHS:
        while not any(text[i] == "，" for i in naive_line_starts(text, width, first) if i < len(text)):
            starts = naive_line_starts(text + "甲" * 400, width, first)
            nxt = next(i for i in starts if i >= len(text) + 2)  # no run of commas: text, not noise
            text += "甲" * (nxt - len(text)) + "，"
    return text


STEM = trap("下列关于竞争者的说法") + "正确的是（ ）。"
OPTION = trap("提供不同的产品", first=cell_len("( ) B. "))
EXPLANATION = trap("普通竞争者", first=cell_len("解析："))
DESCRIPTION = trap("随堂自测")

TRAP_BANK = GOOD + f"""
  - id: jn-006
    type: 单选
    stem: {STEM}
    options: {{A: 愿望竞争者, B: {OPTION}, C: 产品形式竞争者, D: 品牌竞争者}}
    answer: B
    explanation: {EXPLANATION}
    node: [竞争者环境, 普通竞争者]
"""


@pytest.fixture
def library(tmp_db_url, tmp_path, monkeypatch):
    from cskexam.services import library as library_mod

    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "01.yaml").write_text(TRAP_BANK, encoding="utf-8")
    monkeypatch.setattr("cskexam.services.questions.question_bank_dir", lambda: bank)
    steps = [s for s in library_mod.import_steps() if s.name != "cskexam.services.search_index:rebuild_index"]
    monkeypatch.setattr(library_mod, "import_steps", lambda: steps)
    home = tmp_path / "home"
    (home / "blueprints").mkdir(parents=True)
    (home / "blueprints" / "quiz.yaml").write_text(
        f"name: 小卷\norder: 0\ndescription: {DESCRIPTION}\nminutes: 10\npass_mark: 3\n"
        "sections:\n  - {type: 单选, count: 1, points: 5}\n", encoding="utf-8")
    monkeypatch.setenv("CSKEXAM_HOME", str(home))
    lib = library_mod.open_library(tmp_db_url)
    lib.store(library_mod.PreparedImport([], sample_graph()), now=T0)
    yield lib
    lib.close()


def bad_lines(app) -> list[str]:
    bad = []
    for row in screen_rows(app):
        for part in row.split("│"):
            text = part.strip()
            if text and (text[0] in CLOSING or text[-1] in OPENING):
                bad.append(text)
    return bad


def run_app(library, body, size):
    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=size) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await body(app, pilot)

    asyncio.run(main())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_practice_stem_options_and_explanation_wrap_by_the_rule(library, size):
    async def body(app, pilot):
        app.open_screen("practice", question_ids=["jn-006"])
        await wait_text(pilot, "下列关于竞争者的说法")
        await pilot.pause(0.1)
        assert not bad_lines(app), bad_lines(app)
        await pilot.press("a", "enter")
        view = app.screen.query_one("#practice-question")
        await wait_for(pilot, lambda: view.max_scroll_y > 0 and "回答错误" in str(view.query_one("#q-feedback").visual))
        await pilot.pause(0.1)
        seen = ""
        for y in range(0, view.max_scroll_y + view.size.height, max(1, view.size.height - 2)):
            view.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause(0.05)
            assert not bad_lines(app), bad_lines(app)
            seen += screen_text(app)
        assert "解析：" in seen and "正确答案：" in seen

    run_app(library, body, size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_blueprint_description_wraps_by_the_rule(library, size):
    async def body(app, pilot):
        app.open_screen("exam")
        await wait_text(pilot, "随堂自测")
        await pilot.pause(0.1)
        assert not bad_lines(app), bad_lines(app)

    run_app(library, body, size)
