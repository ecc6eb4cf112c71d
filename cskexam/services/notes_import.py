"""Reading and parsing notes for the library, and the library's summary: no database.

The app's first start on a fresh data dir shows the library from the parsed
graph (``first_start`` / ``graph_summary``) before the storage layer is even
imported (SQLAlchemy alone takes longer than parsing the bundled notes), and
stores it afterwards. So nothing here may import ``cskexam.storage`` or
SQLAlchemy; ``cskexam.services.library`` builds on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

from cskexam.core.errors import NotesError
from cskexam.core.graph import KnowledgeGraph
from cskexam.paths import database_url
from cskexam.services.notes import collect_note_files, parse_files, read_note
from cskexam.services.profile_names import ENV as PROFILE_ENV
from cskexam.storage.profile_key import DEFAULT_PROFILE  # a constant: no SQLAlchemy behind it

__all__ = ["DEFAULT_PROFILE", "LibrarySummary", "NoteFile", "PreparedImport", "first_start", "graph_summary",
           "library_summary", "prepare_import"]

Progress = Callable[[int, int, str], None]

# A whole textbook's notes come to a few thousand key points (the bundled notes: a
# few hundred). Tens of thousands are a generated or hostile file: every import
# builds the cards, questions and search index of the whole library again, and
# 20,000 key points took 10 s and 300 MB. The limit holds for one import and for
# the library after it.
MAX_KEY_POINTS = 10_000
# The notes of a whole textbook are 1–2 MB. Eight files of the biggest size one may have
# (``MAX_NOTE_BYTES``) took 13 s and 420 MB to store, index and proofread: one import takes
# two such files' worth at most.
MAX_IMPORT_BYTES = 16 * 1024 * 1024

_SQLITE_PREFIX = "sqlite:///"


@dataclass(frozen=True)
class NoteFile:
    name: str  # as used in node ids
    path: str
    sha1: str
    size: int

    def to_dict(self) -> dict:
        return {"name": self.name, "path": self.path, "sha1": self.sha1, "bytes": self.size}


@dataclass
class PreparedImport:
    """Notes read and parsed, ready to be stored."""

    files: list[NoteFile]
    graph: KnowledgeGraph
    # Notes files read without an errata file, and errata entries no longer used.
    uncorrected: list[Path] = field(default_factory=list)
    unused_errata: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LibrarySummary:
    documents: int
    chapters: int
    sections: int
    points: int
    items: int
    lists: int
    definitions: int
    inactive: int  # nodes kept from earlier imports that vanished from the notes
    imported_at: dt.datetime | None  # end of the last import, UTC

    @property
    def empty(self) -> bool:
        return self.documents == 0


def library_summary(
    by_kind: Mapping[str, int], *, lists: int, definitions: int, inactive: int, imported_at: dt.datetime | None
) -> LibrarySummary:
    """The summary of active nodes counted by kind (the stored library's and a parsed graph's alike)."""
    return LibrarySummary(
        documents=by_kind.get("document", 0),
        chapters=by_kind.get("chapter", 0),
        sections=by_kind.get("section", 0),
        points=by_kind.get("point", 0),
        items=by_kind.get("item", 0),
        lists=lists,
        definitions=definitions,
        inactive=inactive,
        imported_at=imported_at,
    )


def graph_summary(graph: KnowledgeGraph, imported_at: dt.datetime) -> LibrarySummary:
    """What ``Library.summary()`` gives once ``graph`` is stored, at ``imported_at``, in an empty library."""
    return library_summary(
        Counter(node.kind for node in graph.nodes.values()),
        lists=len(graph.lists()),
        definitions=len(graph.definitions),
        inactive=0,
        imported_at=imported_at,
    )


def first_start(db_url: str | None = None) -> bool:
    """Whether the library is a SQLite file not created yet (a fresh data dir), opened as the default profile.

    Only then may the bundled notes be parsed and shown before the library is
    opened: there is nothing stored that could differ from them.
    """
    if os.environ.get(PROFILE_ENV, DEFAULT_PROFILE) not in ("", DEFAULT_PROFILE):
        return False
    url = database_url(db_url)
    if not url.startswith(_SQLITE_PREFIX) or "?" in url:
        return False
    path = url[len(_SQLITE_PREFIX):]
    if not path or path.startswith(":memory:") or path.startswith("file:"):
        return False
    return not Path(path).expanduser().exists()


def prepare_import(paths: Iterable[str | Path] | None = None, progress: Progress | None = None) -> PreparedImport:
    """Read, decode and parse the notes (default: the bundled ones). No database.

    Raises NotesError (a UserError naming the file) for a missing path, an
    empty, binary or undecodable file, or a folder without notes.
    """
    files = collect_note_files(list(paths) if paths else None)  # each file once, names distinct
    total = len(files) + 1
    sources, infos, uncorrected, unused = [], [], [], []
    lines = size = 0
    for index, path in enumerate(files):
        report(progress, index, total, f"读取 {path.name}")
        note = read_note(path, lines)
        lines += note.lines
        size += len(note.source.text.encode("utf-8"))
        if size > MAX_IMPORT_BYTES:
            raise NotesError(f"一次导入的笔记合计太大（到这个文件已有 {size / 1024 / 1024:.1f} MB，"
                             f"上限 {MAX_IMPORT_BYTES // 1024 // 1024} MB）：请分几次导入，每次少选几个文件", str(path))
        sources.append(note.source)
        infos.append(NoteFile(path.name, str(path), hashlib.sha1(note.data).hexdigest(), len(note.data)))
        unused.extend(note.unused)
        if not note.has_errata:
            uncorrected.append(path)
    report(progress, len(files), total, "解析笔记")
    # Refused while parsing, at the line where the limit is passed: a hostile file
    # costs no more than the notes allowed.
    graph = parse_files(sources, files, MAX_KEY_POINTS)
    if not graph.nodes:
        raise NotesError("没有从笔记中识别出任何内容", infos[0].path if len(infos) == 1 else None)
    report(progress, total, total, "解析完成")
    return PreparedImport(infos, graph, uncorrected, unused)


def report(progress: Progress | None, done: int, total: int, label: str) -> None:
    if progress is not None:
        progress(done, total, label)
