"""Messages the app posts while it opens and prepares the library (the home screen listens)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from cskexam.services.library import Library
    from cskexam.services.notes_import import LibrarySummary


class LibraryReady(Message, bubble=False):
    """The library is open (and the bundled notes imported): ``app.library`` is set.

    Cards, questions and the search index may still be being prepared
    (``app.preparing``); ``LibraryPrepared`` follows when they are stored.
    """


class LibraryParsed(Message, bubble=False):
    """First start: the bundled notes are parsed, not stored yet; ``summary`` is what storing them gives.

    The library line shows it at once; ``LibraryReady`` follows when the notes are stored.
    """

    def __init__(self, summary: LibrarySummary, profile: str) -> None:
        super().__init__()
        self.summary = summary
        self.profile = profile  # the profile the library is opened as


class LibraryPrepared(Message, bubble=False):
    """The import steps have run: cards, questions and the search index are stored."""


class PrepareFailed(Message, bubble=False):
    """The import steps failed; ``message`` says why, in Chinese. The next start tries again."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class LibraryFailed(Message, bubble=False):
    """The library could not be opened; ``message`` says why, in Chinese."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class ImportProgress(Message, bubble=False):
    """Progress of the first-run import of the bundled notes."""

    def __init__(self, done: int, total: int, label: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.label = label


class LibraryOpened(Message, bubble=False):
    """Internal: the worker hands the open library to the event loop (``preparing``: steps to run)."""

    def __init__(self, library: Library, preparing: bool = False) -> None:
        super().__init__()
        self.library = library
        self.preparing = preparing
