"""User-facing errors: one clear message, exit status 2, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix: a bad file, a bad option, an unknown id."""

    exit_code = 2

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"
