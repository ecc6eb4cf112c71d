"""Cells for CSV and xlsx exports that a spreadsheet program shows as text.

Exported text comes from imported banks and from the candidate's own typed
answers: a cell such as ``=HYPERLINK("http://…"&A1)`` or ``=cmd|' /C calc'!A0``
would be run as a formula when the file is opened. OWASP's rule: a text cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'``, which Excel, LibreOffice and Numbers show as plain text. The
full-width forms are included because some spreadsheet input methods treat
them as the same key.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: list[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]
