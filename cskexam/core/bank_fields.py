"""What a question bank's text field that gave no text says: missing, or of the wrong kind.

Pure. ``stem: [a, b]`` or ``explanation: {…}`` is there, only not text: 「缺少题干」 would send
the author looking for a field they can see.
"""

from __future__ import annotations

from cskexam.core.yaml_lines import _LineDict, shown


def no_text(raw: _LineDict, key: str, name: str, line: int) -> tuple[int, str]:
    """(line, message) for the field ``key`` (called ``name``) of ``raw`` that gave no text:
    ``line`` and 缺少… when it is absent, empty or blank; its own line and what is written there
    otherwise (a list, a mapping, true or false, .nan)."""
    value = raw.get(key)
    if value is None or isinstance(value, str):
        return line, f"缺少{name} {key}"
    return raw.line_of(key), f"缺少{name} {key}：这里写的是「{shown(value)}」，不是文字"
