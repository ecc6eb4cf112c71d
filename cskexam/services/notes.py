"""Read notes files from disk and parse them into a knowledge graph."""

from __future__ import annotations

import stat
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
            if path.is_symlink():
                raise NotesError("符号链接指向的文件不存在或形成循环", str(raw))
            raise NotesError("路径不存在", str(raw))
        if path.is_dir():
            found = note_files(path)
            if not found:
                raise NotesError("此目录中没有笔记文件（.txt 或 .md）", str(raw))
            out.extend(found)
        else:
            out.append(path)
    return out


# Far above any real notes file (a whole textbook is a few MB); a bigger
# "notes" file is a mistake or an attack, and would only stall the parser.
MAX_NOTE_BYTES = 20 * 1024 * 1024


def read_note_bytes(path: Path) -> bytes:
    """The bytes of one notes file; NotesError for anything that is no regular
    file of a sane size (a device such as /dev/zero, a FIFO, a folder, a
    symlink loop), before anything is read from it."""
    try:
        info = path.stat()
    except OSError as exc:
        raise NotesError(_os_reason(exc), str(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise NotesError("这是一个目录，不是笔记文件", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotesError("不是普通文件（设备、管道或套接字不能作为笔记导入）", str(path))
    if info.st_size > MAX_NOTE_BYTES:
        raise NotesError(f"文件过大（{info.st_size / 1024 / 1024:.1f} MB）：笔记文件最大 {MAX_NOTE_BYTES // 1024 // 1024} MB", str(path))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_NOTE_BYTES + 1)
    except OSError as exc:
        raise NotesError(_os_reason(exc), str(path)) from None
    if len(data) > MAX_NOTE_BYTES:  # grew while we looked
        raise NotesError(f"文件过大：笔记文件最大 {MAX_NOTE_BYTES // 1024 // 1024} MB", str(path))
    return data


def _os_reason(exc: OSError) -> str:
    return "无法读取文件：" + os_error_text(exc)


def read_sources(files: list[Path]) -> list[NoteSource]:
    sources = []
    for path in files:
        data = read_note_bytes(path)
        sources.append(NoteSource(name=path.name, text=decode_note_bytes(data, str(path))))
    return sources


def load_graph(paths: list[str | Path] | None = None) -> KnowledgeGraph:
    return parse_notes(read_sources(collect_note_files(paths)))
