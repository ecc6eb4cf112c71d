"""The TUI's one rule for failures: a user's or the database's problem is shown, the app stays up.

A user's problem or the database's (damaged, full, read-only, locked, a table
missing) is shown as a notification and the app stays up; anything else is a
bug and ends the app with its traceback, as Textual does by default.

``guarded`` wraps the work of a thread worker; ``shows_problems`` decorates a
screen's method (an action, a dialog's callback, a timer) that touches the
library on the app's thread.
"""

from __future__ import annotations

import functools
import inspect
import time
import weakref
from typing import Any, Callable, TypeVar

from textual.dom import DOMNode

from cskexam.errors import DatabaseProblem, UserError

F = TypeVar("F", bound=Callable[..., Any])

NOTICE_SECONDS = 12
DEFAULT_TITLE = "操作失败"
# The CLI's advice (--wait) means nothing in a window: say what a TUI user can do.
LOCKED_IN_TUI = ("资料库正被另一个程序使用（另一个 cskexam 窗口或命令正在写入），这一步没有完成。"
                 "请关闭另一个窗口或等它完成，稍后重试")

# per app: the last message shown and when, so a repeating failure is shown once at a time
_last_shown: weakref.WeakKeyDictionary[Any, tuple[str, float]] = weakref.WeakKeyDictionary()


def guarded(node: DOMNode, work: Callable[[], Any], *, title: str = DEFAULT_TITLE,
            note: str = "") -> Callable[[], Any]:
    """``work`` for ``node.run_worker(..., thread=True)``, with problems shown instead of raised."""

    def run() -> Any:
        try:
            return work()
        except Exception as exc:
            if not report_problem(node, exc, title=title, note=note):
                raise
            return None

    return run


def shows_problems(title: str = DEFAULT_TITLE, note: str = "") -> Callable[[F], F]:
    """Decorate a screen method: a problem it raises is shown (``note`` first) and the method returns None."""

    def decorate(method: F) -> F:
        if inspect.iscoroutinefunction(method):
            @functools.wraps(method)
            async def run_async(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
                try:
                    return await method(self, *args, **kwargs)
                except Exception as exc:
                    if not report_problem(self, exc, title=title, note=note):
                        raise
                    return None

            return run_async  # type: ignore[return-value]

        @functools.wraps(method)
        def run(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except Exception as exc:
                if not report_problem(self, exc, title=title, note=note):
                    raise
                return None

        return run  # type: ignore[return-value]

    return decorate


def report_problem(node: DOMNode, error: BaseException, *, title: str = DEFAULT_TITLE, note: str = "") -> bool:
    """Show ``error`` when the user can act on it (True), from any thread; False when it is a bug."""
    app = node.app
    message = problem_text(error, getattr(app, "db_url", None))
    if message is None:
        return False
    if note:
        message = f"{note}\n{message}"
    # A failing autosave retries every second; the same message stays up instead of piling up.
    now = time.monotonic()
    last = _last_shown.get(app)
    if last is not None and last[0] == message and now - last[1] < NOTICE_SECONDS:
        return True
    _last_shown[app] = (message, now)
    try:
        app.call_from_thread(app.notify, message, title=title, severity="error", timeout=NOTICE_SECONDS,
                             markup=False)
    except RuntimeError:  # already on the app's thread
        app.notify(message, title=title, severity="error", timeout=NOTICE_SECONDS, markup=False)
    return True


def problem_text(error: BaseException, db_url: str | None) -> str | None:
    """The message for a failure the user can act on (a UserError or a database error), else None."""
    if isinstance(error, UserError):
        return _for_the_tui(error)
    from cskexam.services.db_problems import database_problem

    problem = database_problem(error, db_url)
    return None if problem is None else _for_the_tui(problem)


def _for_the_tui(problem: UserError) -> str:
    if isinstance(problem, DatabaseProblem) and problem.kind == "locked":
        return str(UserError(LOCKED_IN_TUI, problem.file))
    return str(problem)
