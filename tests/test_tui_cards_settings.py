"""Pilot tests: the card browser (filter, suspend, edit) and the settings screen."""

import asyncio
import datetime as dt

import pytest

from pilot_helpers import screen_text, wait_for, wait_for_text


def test_card_browser_filters_suspends_and_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path))
    from cskexam.tui.app import CskexamApp

    async def go():
        app = CskexamApp()
        async with app.run_test(size=(80, 24)) as pilot:
            # A first start: 卡片 opens once the cards are prepared.
            await wait_for(pilot, lambda: app.library is not None and not app.preparing, 60)
            await pilot.press("c")
            await wait_for_text(pilot, "共 ")
            screen = app.screen
            total = len(screen.all_cards)
            await pilot.press("slash", *"宏观环境分析")
            await wait_for(pilot, lambda: 0 < len(screen.shown) < total)
            await pilot.press("escape")  # leaves the search box, stays on 卡片
            assert app.screen is screen
            first = screen.shown[0]
            await pilot.press("s")
            await wait_for(pilot, lambda: any(c.id == first.id and c.state == "suspended" for c in screen.all_cards))
            await pilot.press("e")
            await pilot.pause(0.2)
            editor = app.screen
            editor.query_one("#editor-front").value = "宏五是哪五项？"
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: any(c.front == "宏五是哪五项？" and c.edited for c in screen.all_cards))
            await wait_for_text(pilot, "宏五是哪五项？")

    asyncio.run(go())


def test_settings_screen_saves_plan_and_refuses_bad_values(tmp_path, monkeypatch):
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path))
    from cskexam.tui.app import CskexamApp

    async def go():
        app = CskexamApp()
        async with app.run_test(size=(80, 24)) as pilot:
            # A first start: 设置 opens once the cards and questions are prepared.
            await wait_for(pilot, lambda: app.library is not None and not app.preparing, 60)
            await pilot.press("comma")
            await wait_for(pilot, lambda: app.screen.query_one("#settings-retention").value == "0.90")
            screen = app.screen
            screen.query_one("#settings-retention").value = "1.5"
            await pilot.press("enter")
            await wait_for_text(pilot, "0.70–0.99 之间")
            screen.query_one("#settings-retention").value = "0.85"
            screen.query_one("#settings-exam_date").value = f"{dt.date.today().year + 1}-06-01"
            screen.query_one("#settings-daily_goal").value = "30"
            await pilot.press("enter")
            await wait_for_text(pilot, "已保存")
            # Burying siblings is on by default; Space on the switch turns it off, Ctrl+S saves.
            switch = screen.query_one("#settings-bury_siblings")
            assert switch.value is True
            switch.focus()
            await pilot.press("space", "ctrl+s")
            def bury_on() -> bool:
                with app.library.reviewer() as reviewer:
                    return reviewer.settings.bury_siblings

            await wait_for(pilot, lambda: not bury_on())
            assert "关闭" in screen_text(app)  # the mark is colour; the label says it in words
            await pilot.press("escape")
            await wait_for_text(pilot, "距离考试")
            await wait_for_text(pilot, "今日目标")
            text = screen_text(app)
            assert "0/30 张" in text and "06-01" in text

    asyncio.run(go())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_card_rows_stay_on_one_line_cut_with_an_ellipsis(library_path, size):
    # Fault: a cloze card with a long context wrapped onto a second row.
    from cskexam.services.library import open_library
    from cskexam.tui.app import CskexamApp

    states = ("新卡", "学习中", "复习", "已暂停", "已搁置", "难记")

    async def go():
        app = CskexamApp(db_url=f"sqlite:///{library_path}", library_opener=open_library)
        async with app.run_test(size=(200, 50)) as pilot:
            # A first start: 卡片 opens once the cards are prepared.
            await wait_for(pilot, lambda: app.library is not None and not app.preparing, 60)
            await pilot.press("c")
            await wait_for_text(pilot, "共 ")
            screen = app.screen
            await wait_for(pilot, lambda: bool(screen.shown))
            # the longest fronts first: a 填空 with its context, a 辨析 quoting a definition
            await pilot.press("f")
            screen.query_one("#cards-kind").value = "cloze"
            await pilot.pause(0.2)
            await pilot.resize_terminal(*size)  # rows made at one width, shown at another
            await pilot.pause(0.3)
            rows = screen_text(app).splitlines()
            top = next(i for i, r in enumerate(rows) if r.lstrip().startswith("╭"))
            bottom = next(i for i in range(top + 1, len(rows)) if rows[i].lstrip().startswith("╰"))
            shown = [r.strip(" │▁▇█▔▂▃▄▅▆") for r in rows[top + 1:bottom]]
            shown = [r for r in shown if r]
            assert shown and all(r.startswith(states) for r in shown), shown
            # the list's rows are the cards in order, one each: whole, or cut with …
            fronts = [" ".join(c.front.split()) for c in screen.shown[:len(shown)]]
            for row, front in zip(shown, fronts):
                head = row.split(maxsplit=2)[2].lstrip("✎ ")
                if head.endswith("…"):
                    assert front.startswith(head[:-1].rstrip()) and len(head) > 10, (row, front)
                else:
                    assert head == front, (row, front)

    asyncio.run(go())
