"""Where the bundled notes and question bank live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    # A wheel carries the folders inside the package; a checkout (or an
    # editable install) has them at the repository root.
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name


def content_dir() -> Path:
    return _bundled("content")


def question_bank_dir() -> Path:
    return _bundled("question_bank")


def note_files(directory: Path | None = None) -> list[Path]:
    base = directory or content_dir()
    return sorted(p for p in base.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".md"})
