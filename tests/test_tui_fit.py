"""Pilot tests of how screens fit the terminal: 80x24 (the smallest size supported) and 200x50.

At 80x24 every footer shows its most important keys and ends with the app's own
(``? 帮助  q 退出``): nothing is cut at the right edge; the rest is under ``?``.
At 200x50 the content is capped and centred instead of stretched.
"""

from __future__ import annotations

import asyncio

import pytest

from cskexam.tui.app import CskexamApp
from pilot_helpers import screen_rows, screen_text, wait_for, wait_text
from support import T0
from test_bank import GOOD
from test_questions_helpers import open_sample_library

SMALL = (80, 24)


@pytest.fixture
def library(tmp_db_url, tmp_path, monkeypatch):
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "01.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    lib = open_sample_library(tmp_db_url, bank, monkeypatch, T0, sample_multi=False)
    yield lib
    lib.close()


def run_app(library, body, size=SMALL):
    async def main():
        app = CskexamApp(library_opener=lambda url: library)
        async with app.run_test(size=size) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await body(app, pilot)

    asyncio.run(main())


def wrong_answers(library, ids=("jn-001", "jn-003")):
    from cskexam.services.practice import Practice

    practice = Practice(library)
    questions = {q.id: q for q in practice.questions()}
    for qid in ids:
        q = questions[qid]
        practice.answer(q, "A" if q.options else "对")
        practice.toggle_star(qid)


def _missing_keys(app) -> tuple[list[str], str]:
    footer = screen_rows(app)[-1]
    shown = [b.binding.description for b in app.screen.active_bindings.values()
             if b.binding.show and b.binding.description]
    return [d for d in shown if d not in footer], footer.rstrip()


async def footer_fits(pilot, what: str) -> None:
    """Every key the footer means to show is on its row: nothing is cut at the right edge."""
    try:
        await wait_for(pilot, lambda: not _missing_keys(pilot.app)[0], timeout=3)
    except AssertionError:
        missing, footer = _missing_keys(pilot.app)
        raise AssertionError(f"{what}: footer cut, {missing} missing from {footer!r}") from None


def test_practice_footer_fits_80_columns_in_every_phase(library):
    async def body(app, pilot):
        app.open_screen("practice")
        await wait_text(pilot, "选择练习范围", "全部章节")  # the scopes come from a worker
        await footer_fits(pilot, "scopes")
        await pilot.press("enter")
        await wait_text(pilot, "第 1/")
        await footer_fits(pilot, "question")
        await pilot.press("a")
        await pilot.press("enter")
        await wait_text(pilot, "正确答案")
        await footer_fits(pilot, "feedback")
        for qid, kind in (("jn-002", "多选"), ("jn-004", "填空"), ("jn-005", "简答")):
            app.open_screen("practice", question_ids=[qid])
            await wait_text(pilot, kind)
            await footer_fits(pilot, kind)

    run_app(library, body)


@pytest.mark.parametrize("name,ready", [("wrongbook", "错 1 次"), ("starred", "收藏")])
def test_list_footers_fit_80_columns(library, name, ready):
    wrong_answers(library)

    async def body(app, pilot):
        app.open_screen(name)
        await wait_text(pilot, ready)
        await footer_fits(pilot, name)

    run_app(library, body)


def test_leech_footer_fits_80_columns(library):
    async def body(app, pilot):
        from cskexam.tui.screens.leeches import LeechScreen

        await app.push_screen(LeechScreen())
        await wait_text(pilot, "难记卡片")
        await footer_fits(pilot, "leeches")
        assert "? 帮助" in screen_text(app)

    run_app(library, body)


def test_class_report_weak_points_end_in_an_ellipsis_at_80_columns(library, monkeypatch):
    from cskexam.services import classroom

    long_title = "客户服务环境研究与竞争者环境中的愿望竞争者普通竞争者产品形式竞争者品牌竞争者的区别"
    path = ["客户服务管理师二级知识点汇编", "第一章 客户服务策划", "第一节 客户服务环境分析", "竞争者环境", long_title]
    report = classroom.ClassReport(profiles=[], weak_points=[
        classroom.WeakPoint(node="n1", title=long_title, path=path, answers=12, wrong_rate=0.75),
    ])
    monkeypatch.setattr(classroom, "class_report", lambda library: report)

    async def body(app, pilot):
        from cskexam.tui.screens.class_report import ClassReportScreen

        await app.push_screen(ClassReportScreen())
        await wait_text(pilot, "75%")
        row = next(r for r in screen_rows(app) if "75%" in r)
        assert row.count("…") == 2, row  # the title is cut at its end, the path at its head
        assert row.rstrip().endswith("│"), row  # nothing runs past the table's edge
        assert "竞争者环境" in row or "…" in row.split("75%")[1]
        await footer_fits(pilot, "class report")

    run_app(library, body)


def test_practice_keeps_a_readable_width_centred_at_200_columns(library):
    async def body(app, pilot):
        app.open_screen("practice")
        await wait_text(pilot, "选择练习范围", "全部章节")  # the scopes come from a worker
        for phase in ("scopes", "question"):
            if phase == "question":
                await pilot.press("enter")
                await wait_text(pilot, "第 1/")
            box = app.screen.query_one("#practice-scopes" if phase == "scopes" else "#practice-question")
            region = box.region
            assert region.width <= 110, (phase, region)
            left, right = region.x, app.size.width - region.right
            assert abs(left - right) <= 2, (phase, region)  # centred

    run_app(library, body, size=(200, 50))
