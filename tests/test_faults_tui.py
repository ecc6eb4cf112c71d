"""A library that breaks while the TUI runs: the app stays up and says what happened."""

from __future__ import annotations

import shutil

from cskexam.tui.app import CskexamApp, finish
from tests.pilot_helpers import run, wait_for
from tests.test_faults_db import corrupt_middle, library_template  # noqa: F401 - the fixture

SIZE = (100, 30)


def test_a_damaged_page_keeps_the_app_up_with_the_message(tmp_path, library_template, monkeypatch):  # noqa: F811
    path = tmp_path / "cskexam.sqlite3"
    shutil.copyfile(library_template, path)
    monkeypatch.delenv("CSKEXAM_WAIT", raising=False)

    async def main():
        app = CskexamApp(f"sqlite:///{path}")
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            corrupt_middle(path)
            await pilot.press("t")  # 统计 reads every table
            await wait_for(pilot, lambda: any("资料库文件已损坏" in n.message for n in app._notifications))
            message = next(n.message for n in app._notifications if "已损坏" in n.message)
            assert str(path) in message and "cskexam db restore" in message
            assert app.is_running
            await pilot.press("h")
            await pilot.press("q")
        return app

    app = run(main())
    assert finish(app) == 0
