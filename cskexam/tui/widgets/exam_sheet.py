"""The 答题卡 of a mock exam: every number as answered, flagged or empty, the current one boxed.

One line per row of numbers (and per section label), each its own ``TextBox``:
a key changes one or two rows (the question answered, the cursor moved), and
only those are drawn again. A paper of 100 questions drawn as one text took
longer than everything else a key does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.containers import Vertical
from textual.content import Content

from cskexam.tui.widgets.text_box import TextBox

if TYPE_CHECKING:
    from cskexam.core.exam import ExamAttempt

PER_ROW = 6

Cell = tuple[int, str, str, bool]  # number, mark, style, current
Row = str | tuple[Cell, ...]  # a section's label, or a row of numbers


def sheet_rows(attempt: ExamAttempt) -> list[Row]:
    rows: list[Row] = []
    section = None
    row: list[Cell] = []
    for item in attempt.paper.items:
        if item.section != section or len(row) == PER_ROW:
            if row:
                rows.append(tuple(row))
                row = []
            if item.section != section:
                section = item.section
                rows.append(attempt.paper.blueprint.sections[section].label)
        n = item.number
        if n in attempt.flags:
            style, mark = "bold $warning", "⚑"
        elif attempt.is_answered(n):
            style, mark = "$success", "■"
        else:
            style, mark = "$text-muted", "·"
        row.append((n, mark, style, n == attempt.current))
    if row:
        rows.append(tuple(row))
    return rows


def row_content(row: Row) -> Content:
    if isinstance(row, str):
        return Content.styled(row, "$text-muted")
    parts: list[Any] = []
    for n, mark, style, current in row:
        cell = f"{n:>3}{mark}"
        if current:
            parts.append((f"[{cell.strip():>4}]", f"{style} reverse"))
        else:
            parts.append((f" {cell} ", style))
    return Content.assemble(*parts)


class ExamSheet(Vertical):
    DEFAULT_CSS = """
    ExamSheet { height: auto; }
    ExamSheet > TextBox { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: list[Row] = []

    def show(self, attempt: ExamAttempt) -> None:
        rows = sheet_rows(attempt)
        if len(rows) != len(self._shown):  # another paper: new lines
            self.remove_children()
            self.mount_all(TextBox(row_content(row)) for row in rows)
        else:
            for box, old, new in zip(self.query_children(TextBox), self._shown, rows):
                if old != new:
                    box.show(row_content(new))
        self._shown = rows

    @property
    def plain(self) -> str:
        """The sheet as text (for tests)."""
        return "\n".join(row_content(row).plain for row in self._shown)
