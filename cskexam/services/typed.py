"""Text a candidate types or pastes as an answer, as it is stored.

Terminal escapes and control characters are taken out, as the importers take
them out of notes and banks: a pasted OSC sequence in a 填空 or 简答 answer was
stored as it was and written into the 错题本 export, where ``cat`` or any
program that prints the answer would obey it. Line breaks and tabs stay.
"""

from __future__ import annotations

from typing import Any


def clean_typed(value: Any) -> Any:
    """``value`` without terminal escapes or control characters when it is text; else as it is."""
    if not isinstance(value, str):
        return value
    from cskexam.core.notes.normalize import strip_controls

    return strip_controls(value)
