"""Errors raised by the pure core; the CLI turns them into exit status 2."""

from cskexam.errors import UserError


class NotesError(UserError):
    """A notes file that cannot be read or parsed."""


class BankError(UserError):
    """A question-bank file that does not validate."""
