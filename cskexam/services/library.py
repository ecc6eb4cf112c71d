"""The library: the user's notes as stored in the database.

``open_library(db_url)`` opens (creating and migrating if needed) the database
and returns a ``Library``. Importing notes is one transaction: the graph rows
are written, then every step of ``import_steps()`` runs in the same
transaction as ``step.run(session, graph, now)``, where ``graph`` is the library's
whole active graph after the import (the graph rows are already written and
visible to the step). A step must not commit or roll back the session. If
reading, parsing, writing or any step fails, nothing of the import is kept.
Steps run on every import, also when the notes did not change: a step added
by a newer version must catch up, so steps have to be idempotent.

The app's first start cannot wait for the steps (cards, questions and the
search index take seconds; the graph a fraction of one): ``defer_steps=True``
commits the graph with its import run and no steps, and ``finish_import()``
runs them later in a second transaction. Each import run records the steps
that have run over its graph, so a process killed between the two is noticed
by the next one (``pending_steps()``), and ``ensure_imported()``, which every
command calls, finishes the import before anything reads cards or questions.

Bad notes are found before the database is touched (see ``prepare_import``),
so a failed ``cskexam import`` does not even create the database file.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from cskexam.core.errors import NotesError
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.notes.identity import carry_ids
from cskexam.core.notes.parser import paused_gc
from cskexam.paths import database_url
from cskexam.services.notes_import import (  # noqa: F401 - NoteFile and first_start are used through this module too
    LibrarySummary,
    NoteFile,
    PreparedImport,
    Progress,
    first_start,
    library_summary,
    prepare_import,
    report as _report,
)
from cskexam.services import notes_import
from cskexam.storage import graph_repo, library_repo
from cskexam.storage.db import Database, open_database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cskexam.core.cards import Flashcard
    from cskexam.services.review import Reviewer
    from cskexam.services.stats import StudyStats
    from cskexam.storage.models_graph import ImportRunRow

StepFn = Callable[["Session", KnowledgeGraph, dt.datetime], object]  # what it returns is not used


@dataclass(frozen=True)
class ImportStep:
    """Work that runs in every import's transaction, after the graph is written."""

    name: str  # recorded with each import run, so that a missing step is caught up: never rename
    label: str  # shown in the import's progress
    run: StepFn


def import_steps() -> list[ImportStep]:
    """The import steps, in the order they run (each named by the function it runs)."""
    return [
        _step("cskexam.services.search_index:rebuild_index", "更新搜索索引"),
        _step("cskexam.services.cards:sync_cards", "同步复习卡片"),
        _step("cskexam.services.questions:sync_generated_questions", "同步生成的题目"),
    ]


def _step(target: str, label: str) -> ImportStep:
    """The step running ``module:function``, imported when it runs.

    Knowing which steps are pending must not import them: they pull in card
    and question generation and the search index, which a start that has
    nothing to catch up never needs.
    """
    module, _, function = target.partition(":")

    def run(session: Session, graph: KnowledgeGraph, now: dt.datetime) -> object:
        return getattr(importlib.import_module(module), function)(session, graph, now)

    return ImportStep(target, label, run)


@dataclass
class ImportResult:
    added: int
    updated: int
    unchanged: int
    deactivated: int
    reactivated: int
    nodes: int  # active in the library after the import
    edges: int
    definitions: int
    files: list[NoteFile]
    imported_at: dt.datetime
    run_id: int
    steps: list[str] = field(default_factory=list)  # the names of the import steps that ran
    stats: graph_repo.SaveStats | None = None  # ids per category

    @property
    def changed(self) -> bool:
        return bool(self.stats.changed) if self.stats is not None else bool(
            self.added or self.updated or self.deactivated or self.reactivated
        )


class Library:
    def __init__(self, db: Database):
        self.db = db
        self._graph: KnowledgeGraph | None = None

    # -- importing --------------------------------------------------------
    def ensure_imported(
        self,
        progress: Progress | None = None,
        *,
        defer_steps: bool = False,
        prepared: PreparedImport | None = None,
        now: dt.datetime | None = None,
    ) -> ImportResult | None:
        """Import the bundled notes when the library has never held any.

        ``prepared``: the bundled notes already parsed (the app parses them
        before it opens a fresh library), stored as imported at ``now``.
        An import left unfinished (its steps deferred, or a step added by a
        newer cskexam) is finished here, unless ``defer_steps``: then the
        caller runs ``finish_import()`` when it suits it (the app, in the
        background, after the home screen shows the library).
        """
        with self.db.session() as session:
            has_notes = library_repo.has_nodes(session)
        if not has_notes:
            if prepared is None:
                prepared = prepare_import(None, progress)
            return self.store(prepared, progress, now=now, defer_steps=defer_steps)
        if not defer_steps:
            self.finish_import(progress)
        return None

    def pending_steps(self) -> list[str]:
        """The names of the import steps that have not run over the stored graph yet."""
        with self.db.session() as session:
            return [step.name for step in _missing_steps(session, library_repo.latest_run_steps(session))]

    def finish_import(self, progress: Progress | None = None, stop: Callable[[], bool] | None = None) -> list[str]:
        """Run the import steps that have not run over the stored graph; returns their names.

        One transaction: killed half-way, the steps are still pending for the
        next start. Two processes finishing at once take turns; the second
        finds nothing to do. ``stop()`` is asked before each step: True rolls
        everything back and returns [] (the app is closing; the next start
        finishes the import).
        """
        if not self.pending_steps():  # the usual case: no write lock taken
            return []
        started = dt.datetime.now(dt.timezone.utc)
        try:
            names, library_graph = self._finish(started, progress, stop or (lambda: False))
        except _Stopped:
            return []
        if names:
            _report(progress, len(names), len(names), "准备完成")
            self._graph = library_graph
        return names

    def _finish(
        self, started: dt.datetime, progress: Progress | None, stop: Callable[[], bool]
    ) -> tuple[list[str], KnowledgeGraph | None]:
        with self.db.session(immediate=True) as session:
            run = library_repo.latest_run_steps(session, lock=True)
            missing = _missing_steps(session, run)
            if not missing:
                return [], None
            _report(progress, 0, len(missing), missing[0].label)
            library_graph = graph_repo.load_graph(session)
            for index, step in enumerate(missing):
                if stop():
                    raise _Stopped  # rolls the transaction back
                _report(progress, index, len(missing), step.label)
                step.run(session, library_graph, started)
            names = [step.name for step in missing]
            if run is None:  # notes stored by a version that recorded no import runs
                counts = graph_repo.active_counts(session)
                library_repo.add_import_run(
                    session,
                    started_at=started,
                    finished_at=max(started, dt.datetime.now(dt.timezone.utc)),
                    files=[],
                    nodes=counts["nodes"],
                    edges=counts["edges"],
                    definitions=counts["definitions"],
                    steps=names,
                )
            else:
                library_repo.record_steps(session, run[0], run[1] + names)
        return names, library_graph

    def import_notes(
        self,
        paths: Iterable[str | Path] | None = None,
        progress: Progress | None = None,
        *,
        now: dt.datetime | None = None,
        replace: bool = False,
        defer_steps: bool = False,
    ) -> ImportResult:
        """Read, parse and store notes in one transaction (default: the bundled notes)."""
        return self.store(prepare_import(paths, progress), progress, now=now, replace=replace, defer_steps=defer_steps)

    def store(
        self,
        prepared: PreparedImport,
        progress: Progress | None = None,
        *,
        now: dt.datetime | None = None,
        replace: bool = False,
        defer_steps: bool = False,
    ) -> ImportResult:
        """Write a prepared import and run the import steps, all or nothing.

        ``replace=True`` deactivates the nodes of every file not in this import.
        ``defer_steps=True`` commits the graph without running the steps: they
        are pending until ``finish_import()`` (or the next ``ensure_imported()``).
        """
        started = now or dt.datetime.now(dt.timezone.utc)
        # Not even imported when deferred: the step modules pull in generation and search.
        steps = [] if defer_steps else import_steps()
        total = 2 + len(steps)
        self._graph = None
        library_graph: KnowledgeGraph | None = None
        # The steps make and drop objects by the hundred thousand for a big file (rows, cards,
        # questions), freed by reference count: collections would only walk them again.
        with paused_gc(), self.db.session(immediate=True) as session:
            _report(progress, 0, total, "写入数据库")
            # A node read a little differently (an edited or better-read title) keeps its id and history.
            carry_ids(prepared.graph, graph_repo.stored_outline(session, [f.name for f in prepared.files]))
            stats = graph_repo.save_graph(
                session, prepared.graph, started, files=[f.name for f in prepared.files], replace=replace
            )
            _check_library_size(graph_repo.active_counts(session)["nodes"], prepared, replace)
            if steps:
                library_graph = graph_repo.load_graph(session)
                for index, step in enumerate(steps, start=1):
                    _report(progress, index, total, step.label)
                    step.run(session, library_graph, started)
            counts = graph_repo.active_counts(session)
            finished = max(started, dt.datetime.now(dt.timezone.utc)) if now is None else started
            run_id = library_repo.add_import_run(
                session,
                started_at=started,
                finished_at=finished,
                files=[f.to_dict() for f in prepared.files],
                added=len(stats.added),
                updated=len(stats.updated),
                unchanged=len(stats.unchanged),
                deactivated=len(stats.deactivated),
                reactivated=len(stats.reactivated),
                nodes=counts["nodes"],
                edges=counts["edges"],
                definitions=counts["definitions"],
                steps=[step.name for step in steps],
            )
        _report(progress, total, total, "导入完成")
        self._graph = library_graph
        return ImportResult(
            added=len(stats.added),
            updated=len(stats.updated),
            unchanged=len(stats.unchanged),
            deactivated=len(stats.deactivated),
            reactivated=len(stats.reactivated),
            nodes=counts["nodes"],
            edges=counts["edges"],
            definitions=counts["definitions"],
            files=prepared.files,
            imported_at=finished,
            run_id=run_id,
            steps=[step.name for step in steps],
            stats=stats,
        )

    # -- reading ----------------------------------------------------------
    def graph(self, *, refresh: bool = False) -> KnowledgeGraph:
        """The active knowledge graph (cached until the next import or refresh)."""
        if self._graph is None or refresh:
            with self.db.session() as session:
                self._graph = graph_repo.load_graph(session)
        return self._graph

    def summary(self) -> LibrarySummary:
        with self.db.session() as session:
            by_kind = library_repo.active_by_kind(session)
            inactive = library_repo.inactive_count(session)
            definitions = library_repo.definition_count(session)
            lists = library_repo.list_count(session)
            imported_at = library_repo.last_import_finished(session)
        return library_summary(by_kind, lists=lists, definitions=definitions, inactive=inactive,
                               imported_at=imported_at)

    def import_runs(self, limit: int = 20) -> list[ImportRunRow]:
        """The latest import runs, newest first."""
        with self.db.session() as session:
            return library_repo.latest_import_runs(session, limit)

    # -- what the screens and commands ask for ------------------------------
    @property
    def display_name(self) -> str:
        """Where the library is, as told to the user (a file path or a server URL without password)."""
        return self.db.display_name

    def reviewer(self, *, node_id: str | None = None) -> Reviewer:
        """A review drill over the library (or one node and what is below it); close it after use."""
        from cskexam.services.review import Reviewer

        return Reviewer(self.db, node_id=node_id)

    def study_stats(self, now: dt.datetime, *, days: int = 120) -> StudyStats:
        from cskexam.services.stats import study_stats

        with self.db.session() as session:
            return study_stats(session, now, days=days)

    def cards(self) -> list[Flashcard]:
        """The stored flashcards (the active ones)."""
        from cskexam.services.cards import list_cards

        with self.db.session() as session:
            return list_cards(session)

    def for_profile(self, name: str) -> "Library":
        """The same library as profile ``name`` sees it (same engine, same cached notes)."""
        view = Library(self.db.for_profile(name))
        view._graph = self._graph
        return view

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_library(db_url: str | None = None, profile: str | None = None) -> Library:
    """Open (create, migrate) the library at ``db_url``, CSKEXAM_DB or the data dir,
    as ``profile`` (default: CSKEXAM_PROFILE, else the default profile; created if new).

    An SQLite library that existed before gets its daily backup (see ``cskexam.services.backup``).
    """
    from cskexam.services.backup import daily_backup, existing_library_file
    from cskexam.services.profiles import ensure_profile, requested_profile

    name = requested_profile(profile)
    url = database_url(db_url)
    existing = existing_library_file(url)
    db = open_database(url, profile=name)
    try:
        ensure_profile(db, name)
    except BaseException:
        db.close()
        raise
    library = Library(db)
    if existing is not None:
        daily_backup(existing)
    return library


class _Stopped(Exception):
    """``finish_import`` was told to stop."""


def _missing_steps(session: Session, run: tuple[int, list[str]] | None) -> list[ImportStep]:
    """The import steps not yet run over the stored graph; ``run``: the latest import run's id and steps.

    What an import run records is what has run over the graph it wrote; a
    library with notes but no recorded run (an early version) has run none.
    """
    if run is None:
        if not library_repo.has_nodes(session):
            return []
        done: set[str] = set()
    else:
        done = set(run[1])
    return [step for step in import_steps() if step.name not in done]


def _check_library_size(active: int, prepared: PreparedImport, replace: bool) -> None:
    """Refuse (and so roll back) an import that leaves the library with more key points
    than one import may hold: every later import rebuilds what is made from all of them."""
    limit = notes_import.MAX_KEY_POINTS
    if active <= limit:
        return
    advice = "请分开放进几个资料库（--db）" if replace else "请用 cskexam import --replace 只保留这次导入的笔记，或分开放进几个资料库（--db）"
    raise NotesError(f"资料库的知识点太多：这次导入后共 {active:,} 个，上限 {limit:,} 个，资料库未作改动；{advice}",
                     prepared.files[0].path if len(prepared.files) == 1 else None)
