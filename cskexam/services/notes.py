"""Read notes files from disk and parse them into a knowledge graph."""

from __future__ import annotations

from pathlib import Path

from cskexam.core.errors import NotesError
from cskexam.errors import os_error_text
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.notes import NoteSource, decode_note_bytes, parse_notes
from cskexam.resources import content_dir, note_files


def collect_note_files(paths: list[str | Path] | None) -> list[Path]:
    """The notes files named by ``paths`` (files or folders); default: bundled notes."""
    if not paths:
        files = note_files(content_dir())
        if not files:
            raise NotesError("找不到内置笔记", str(content_dir()))
        return files
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise NotesError("路径不存在", str(raw))
        if path.is_dir():
            found = note_files(path)
            if not found:
                raise NotesError("此目录中没有笔记文件（.txt 或 .md）", str(raw))
            out.extend(found)
        else:
            out.append(path)
    return out


def read_sources(files: list[Path]) -> list[NoteSource]:
    sources = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise NotesError(f"无法读取文件: {os_error_text(exc)}", str(path)) from None
        sources.append(NoteSource(name=path.name, text=decode_note_bytes(data, str(path))))
    return sources


def load_graph(paths: list[str | Path] | None = None) -> KnowledgeGraph:
    return parse_notes(read_sources(collect_note_files(paths)))
