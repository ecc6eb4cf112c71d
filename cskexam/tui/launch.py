"""Run the app in the terminal and turn how it ended into the command's exit code."""

from __future__ import annotations

import sys

from cskexam.tui.app import CskexamApp


def run(db_url: str | None = None) -> int:
    """Run the app until the user quits; 2 when the library could not be opened."""
    app = CskexamApp(db_url)
    app.run()
    return finish(app)


def finish(app: CskexamApp) -> int:
    """Close the library after the app has exited; repeat a start-up error on stderr."""
    app.close_library()
    if app.load_error:
        print(f"错误: {app.load_error}", file=sys.stderr)
        return 2
    return int(app.return_code or 0)
