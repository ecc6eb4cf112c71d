"""The back stack: Esc returns to the screen you came from, and the stack stays short.

The app's screen stack is the back stack. A *key screen* is one opened by its
key (a registry screen: 复习, 知识图谱, …); the screens it opens itself (a
dialog, an exam sitting, a report, the leech list) sit directly above it and
belong to it. A key screen with the screens above it that belong to it is a
*group*.

* Opening a key screen that is already on the stack brings its group to the
  front, as it was left: a drill keeps its card, an exam sitting keeps
  running, and Esc then goes back to the screen the key was pressed on.
* So each key screen is on the stack at most once and the stack never
  grows past the number of key screens (plus the screens they opened).
* Opened for something particular (a node from the drill, the wrong
  questions from 错题本) a screen is a step forward: pushed on top even when
  the same screen is further down, so Esc comes back to where it was opened;
  an older one opened that way is closed, so there are two at most.
* A screen opened by its key is kept when it is closed (Esc, ``h``) and
  comes back as it was, reading its figures again; one opened for
  something particular is not kept, nor one holding a session: Esc out of
  it ends the session.
* 主页 is the bottom of the stack. ``h`` goes back to it when nothing above
  it holds a session; over a session (a drill, a practice round, an exam)
  a second home screen, kept for that, comes to the front instead, so the
  session is still there behind it.

Textual changes its stack only by pushing and popping, so bringing a group to
the front pops the screens from the first that moves and pushes them again
in the new order (see ``restack``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable
from weakref import WeakKeyDictionary

from textual import events

from cskexam.tui.screens import registry

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


KEPT_PREFIX = "kept:"
_kept: WeakKeyDictionary[App, set[str]] = WeakKeyDictionary()  # the names of each app's kept screens
_STEP = "opened_for_something"  # set on a screen opened with kwargs (a node, a set of questions)
# The callback each screen on a stack was pushed with, to push it again with it.
_callbacks: WeakKeyDictionary[Screen, Callable[[Any], Any] | None] = WeakKeyDictionary()


def note_pushed(app: App, screen: Screen | str, callback: Callable[[Any], Any] | None) -> None:
    """Remember what ``screen`` was pushed with (the app's ``push_screen`` tells)."""
    if isinstance(screen, str):
        if not app.is_screen_installed(screen):
            return  # Textual's push_screen says what is wrong
        screen = app.get_screen(screen)
    _callbacks[screen] = callback


def is_key_screen(screen: Screen) -> bool:
    """Opened by a key of the registry (not a dialog or a screen a screen opened itself)."""
    name = getattr(screen, "SCREEN_NAME", None)
    if not isinstance(name, str):
        return False
    try:
        return type(screen) is registry.screen_class(name)
    except KeyError:
        return False


def holds_session(screen: Screen) -> bool:
    return bool(getattr(screen, "KEEPS_SESSION", False))


def group_bounds(stack: list[Screen], index: int) -> tuple[int, int]:
    """``stack[start:end]``: the key screen at or below ``index`` and the screens that belong to it."""
    start = index
    while start > 0 and not is_key_screen(stack[start]):
        start -= 1
    end = index + 1
    while end < len(stack) and not is_key_screen(stack[end]):
        end += 1
    return start, end


def find(app: App, cls: type[Screen]) -> int | None:
    """Where an instance of ``cls`` opened by a key is on the stack (the topmost one), or None."""
    stack = app.screen_stack
    for index in range(len(stack) - 1, 0, -1):  # the bottom home screen stays where it is
        if type(stack[index]) is cls and is_key_screen(stack[index]):
            return index
    return None


def restack(app: App, screens: list[Screen]) -> None:
    """Make ``screens`` the stack: the screens of the stack reordered, some left out.

    The screens from the first that moves are popped and those in ``screens``
    pushed again, each with the callback it was first pushed with. A screen
    pushed again is not closed: Textual closes a popped screen only if it
    is on no stack by then. One left out is closed, unless installed.
    Meanwhile no screen is told it was covered or uncovered; afterwards the
    one that was in front and the one in front now are, as by a push.
    """
    stack = app.screen_stack
    before = stack[-1]
    same = 0
    while same < min(len(stack), len(screens)) and stack[same] is screens[same]:
        same += 1
    with app.prevent(events.ScreenSuspend, events.ScreenResume):
        for _ in stack[same:]:
            app.pop_screen()
        for screen in screens[same:]:
            app.push_screen(screen, _callbacks.get(screen))
    after = screens[-1]
    if after is not before:
        before.post_message(events.ScreenSuspend())
        after.post_message(events.ScreenResume())


def bring_to_front(app: App, index: int) -> Screen:
    """Move the group of the key screen at ``index`` to the top of the stack; its key screen is returned."""
    stack = app.screen_stack
    start, end = group_bounds(stack, index)
    if end < len(stack):
        restack(app, stack[:start] + stack[end:] + stack[start:end])
    return stack[start]


def drop(app: App, index: int) -> None:
    """Take the group of the key screen at ``index`` off the stack and close its screens."""
    stack = app.screen_stack
    start, end = group_bounds(stack, index)
    if end == len(stack):
        pop_above(app, start - 1)
        return
    restack(app, stack[:start] + stack[end:])


def pop_above(app: App, index: int) -> None:
    """Close every screen above ``index``."""
    while len(app.screen_stack) > index + 1:
        app.pop_screen()


def session_above(app: App, index: int) -> bool:
    return any(holds_session(s) for s in app.screen_stack[index + 1:])


def kept_screen(app: App, name: str, cls: type[Screen]) -> tuple[Screen, bool]:
    """The screen ``name`` kept from an earlier visit, or a new one kept from now on; (screen, was kept).

    A screen opened by its key is kept when it is closed, so opening it again
    costs no composing: it reads its figures again when it comes back
    (``on_screen_resume``). Not kept: a screen holding a session (Esc out of a
    drill, a round or an exam ends it; a look elsewhere does not) and one
    whose class says ``KEEP = False``.
    """
    key = KEPT_PREFIX + name
    if app.is_screen_installed(key):
        return app.get_screen(key), True
    screen = cls()
    if getattr(cls, "KEEP", True) and not getattr(cls, "KEEPS_SESSION", False):
        app.install_screen(screen, key)
        _kept.setdefault(app, set()).add(key)
    return screen, False


def forget_kept(app: App) -> None:
    """Close every kept screen that is not on the stack (another profile: their figures are not its)."""
    for key in sorted(_kept.get(app, ())):
        screen = app.get_screen(key)
        if screen in app.screen_stack:
            continue
        app.uninstall_screen(key)
        _kept[app].discard(key)
        screen.remove()


def open_key_screen(app: App, cls: type[Screen], kwargs: dict[str, Any], name: str = "") -> None:
    """Open the key screen ``cls`` by its key (no ``kwargs``) or for something particular.

    By its key: the one on the stack comes to the front, else a new one is
    pushed. For something particular (a node, a set of questions): a step
    forward, so Esc comes back here even when the screen is also open further
    down. The screen in front shows it (``reopen(**kwargs)``) when it can;
    otherwise a new one is pushed, and an older one opened the same way
    is closed: one opened by its key and one opened for something, at most.
    """
    stack = app.screen_stack
    if not kwargs:
        index = find(app, cls)
        if index is None:
            screen, was_kept = kept_screen(app, name, cls) if name else (cls(), False)
            app.push_screen(screen)
            reopen = getattr(screen, "reopen", None)
            if was_kept and reopen is not None:
                reopen()
            return
        screen = bring_to_front(app, index)
        reopen = getattr(screen, "reopen", None)
        if reopen is not None:
            reopen()
        return
    top = stack[-1]
    if type(top) is cls and not top.is_mounted:
        # Pushed a moment ago for something and not shown yet (Enter typed twice on a
        # list): it opens with what it was pushed for; it cannot be told anew before.
        return
    if type(top) is cls:
        reopen = getattr(top, "reopen", None)
        if reopen is not None:
            reopen(**kwargs)
            return
        if getattr(top, _STEP, False):
            app.pop_screen()
    older = [i for i, s in enumerate(stack[:-1]) if type(s) is cls and getattr(s, _STEP, False)]
    for index in reversed(older):
        drop(app, index)
    screen = cls(**kwargs)
    setattr(screen, _STEP, True)
    app.push_screen(screen)
