"""The TUI's one rule for failures in its thread workers.

A user's problem or the database's (damaged, full, read-only, locked, a table
missing) is shown as a notification and the app stays up; anything else is a
bug and ends the app with its traceback, as Textual does by default.
"""

from __future__ import annotations

from typing import Any, Callable

from textual.dom import DOMNode

from cskexam.errors import UserError


def guarded(node: DOMNode, work: Callable[[], Any]) -> Callable[[], Any]:
    """``work`` for ``node.run_worker(..., thread=True)``, with problems shown instead of raised."""

    def run() -> Any:
        try:
            return work()
        except Exception as exc:
            app = node.app
            message = problem_text(exc, getattr(app, "db_url", None))
            if message is None:
                raise
            try:
                app.call_from_thread(app.notify, message, title="操作失败", severity="error", timeout=12, markup=False)
            except RuntimeError:  # already on the app's thread
                app.notify(message, title="操作失败", severity="error", timeout=12, markup=False)
            return None

    return run


def problem_text(error: BaseException, db_url: str | None) -> str | None:
    """The message for a failure the user can act on (a UserError or a database error), else None."""
    if isinstance(error, UserError):
        return str(error)
    from cskexam.services.db_problems import database_problem

    problem = database_problem(error, db_url)
    return None if problem is None else str(problem)
