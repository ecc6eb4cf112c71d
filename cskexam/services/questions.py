"""Questions in the library: generated ones, the authored bank and imports.

``sync_generated_questions(session, graph, now)`` runs inside every notes
import (see ``import_steps`` in ``cskexam.services.library``). It regenerates
the questions of the graph and loads the bundled ``question_bank/``:

* a bank file whose document is not in the library is skipped (the user
  imported other notes);
* a bank file with any problem is skipped whole, never half-loaded (run
  ``cskexam bank check`` to see the problems); only a question whose node is
  no longer in the (edited) notes is dropped alone, the rest of its file loads;
* questions no longer generated or authored are deactivated, never deleted,
  so their answers and 错题本 entries stay valid.
"""

from __future__ import annotations

import datetime as dt
import random
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TYPE_CHECKING, Iterable

from sqlalchemy.orm import Session

from cskexam.core.bank import BankFile, Problem, check_bank_texts, raise_for_problems
from cskexam.core.errors import BankError
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.questions import Question, generate_questions
from cskexam.resources import question_bank_dir
from cskexam.storage import question_repo
from cskexam.userfiles import files_under, read_input_file, stat_input

if TYPE_CHECKING:
    from cskexam.services.library import Library
    from cskexam.services.notes_import import PreparedImport

# Fixed, so that re-importing unchanged notes gives the very same questions.
GENERATION_SEED = 20240615
BANK_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".xlsx", ".csv")
UNLINKED_NODE = 10**6  # questions not linked to a node come last
MAX_BANK_BYTES = 8 * 1024 * 1024  # a YAML bank file: far above any real bank
MAX_TABLE_BYTES = 16 * 1024 * 1024  # an .xlsx or .csv 刷题 file


@dataclass
class QuestionSyncResult:
    generated: int
    authored: int
    deactivated: int
    skipped_files: list[str] = field(default_factory=list)  # documents not in the library
    broken_files: list[str] = field(default_factory=list)  # files with problems, not loaded
    unlinked: list[str] = field(default_factory=list)  # "file:line: …" of questions dropped


def bank_files(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """The bank files named by ``paths`` (files or folders); default: the bundled bank."""
    if not paths:
        base = question_bank_dir()
        return sorted(p for p in base.glob("*") if p.suffix.lower() in BANK_SUFFIXES) if base.is_dir() else []
    out: list[Path] = []
    for raw in paths:
        mode = stat_input(raw, BankError, allow_dir=True).st_mode  # before Path(): "" would become "."
        path = Path(raw)
        if stat.S_ISDIR(mode):
            found = files_under(path, BANK_SUFFIXES, BankError)
            if not found:
                raise BankError("此目录中没有题库文件（.yaml）", str(raw))
            out.extend(found)
        else:
            out.append(path)
    return out


def _read(path: Path) -> str:
    data = read_input_file(path, BankError, max_bytes=MAX_BANK_BYTES)
    if data.startswith(b"PK\x03\x04"):  # a zip: an xlsx saved or renamed as .yaml
        raise BankError("这是一个 xlsx（压缩）文件，不是 YAML 题库：请把扩展名改为 .xlsx 再导入", str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BankError("题库文件必须是 UTF-8 编码", str(path), line) from None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return str(path)


def check_bank(
    paths: Iterable[str | Path] | None,
    graph: KnowledgeGraph | None,
    *,
    skip_unknown_document: bool = False,
    lenient_nodes: bool = False,
) -> list[BankFile]:
    """Validate bank files against ``graph``; every problem has file:line.

    An .xlsx or .csv 刷题 template named among ``paths`` is checked as ``bank import``
    would check it (read as YAML it would only be told its top level is no mapping);
    a file of any other kind is refused, naming the kinds that can be checked."""
    files = bank_files(paths)
    tables = [p for p in files if p.suffix.lower() in TABLE_SUFFIXES]
    for path in files:
        if path.suffix.lower() not in BANK_SUFFIXES + TABLE_SUFFIXES:
            raise BankError("只能检查 .yaml、.xlsx 或 .csv 题库文件", _display(path))
    results = check_bank_texts(
        [(_display(p), _read(p)) for p in files if p not in tables], graph,
        skip_unknown_document=skip_unknown_document, lenient_nodes=lenient_nodes,
    )
    return results + [_check_table(p, graph) for p in tables]


def _check_table(path: Path, graph: KnowledgeGraph | None) -> BankFile:
    from cskexam.core.bank_import import import_rows

    loaded = read_question_file(path)
    imported = import_rows(loaded.table or [], loaded.shown, graph)
    return BankFile(loaded.shown, None, questions=imported.questions, problems=imported.problems)


def question_order(graph: KnowledgeGraph, questions: list[Question]) -> dict[str, int]:
    """顺序 practice order: by the tested node's place in the notes, then as listed."""
    order = {nid: i for i, nid in enumerate(graph.nodes)}
    used: dict[int, int] = {}
    seq = {}
    for q in questions:
        base = order.get(q.node, UNLINKED_NODE) if q.node else UNLINKED_NODE
        seq[q.id] = base * 1000 + used.get(base, 0)
        used[base] = used.get(base, 0) + 1
    return seq


def _generated_and_authored(graph: KnowledgeGraph) -> tuple[list[Question], list[Question], list[BankFile]]:
    results = check_bank(None, graph, skip_unknown_document=True, lenient_nodes=True)
    known = set(graph.nodes)
    authored = [q for r in results for q in r.questions if q.node in known]
    generated = generate_questions(graph, random.Random(GENERATION_SEED), authored=authored)
    return generated, authored, results


def library_questions(graph: KnowledgeGraph) -> list[Question]:
    """The questions an import of ``graph`` stores: generated ones, then the bundled bank's."""
    generated, authored, _ = _generated_and_authored(graph)
    return generated + authored


def sync_generated_questions(session: Session, graph: KnowledgeGraph, now: dt.datetime) -> QuestionSyncResult:
    """Import step: generated questions and the bundled bank, in the import's transaction."""
    generated, authored, results = _generated_and_authored(graph)
    seq = question_order(graph, generated + authored)
    gen_stats = question_repo.save_questions(session, generated, now, seq=seq, retire_sources=["generated"])
    bank_stats = question_repo.save_questions(session, authored, now, seq=seq, retire_sources=["bank"])
    # The search index step ran before this one and dropped the stems.
    index_authored_stems(session, graph)
    return QuestionSyncResult(
        generated=len(generated),
        authored=len(authored),
        deactivated=len(gen_stats.deactivated) + len(bank_stats.deactivated),
        skipped_files=[r.file for r in results if r.skipped],
        broken_files=[r.file for r in results if r.problems],
        unlinked=[str(p) for r in results for p in r.unlinked],
    )


# Stems searched with the notes: authored ones say things the notes may not;
# generated ones only restate the notes.
STEM_SOURCES = ("bank", "import")


def index_authored_stems(session: Session, graph: KnowledgeGraph) -> int:
    """Give search the stems of the active authored and imported questions (replacing those indexed)."""
    from cskexam.services.search_index import QuestionText, index_question_stems

    questions = question_repo.load_questions(session, sources=STEM_SOURCES)
    return index_question_stems(session, graph, [QuestionText(q.id, q.node, q.stem) for q in questions if q.node])


@dataclass
class BankImportResult:
    file: str
    rows: int
    added: int
    updated: int


@dataclass
class QuestionFile:
    """A 刷题 file read and parsed, not yet checked against the notes."""

    path: Path
    shown: str
    bank_text: str | None = None  # a .yaml bank
    table: list[list[str]] | None = None  # rows of an .xlsx/.csv template
    # Checked against the bundled notes before a first import made the library of them:
    # (the notes' node ids, the questions, the rows), so a bank is not read twice.
    checked: tuple[frozenset[str], list[Question], int] | None = None


def read_question_file(path: str | Path) -> QuestionFile:
    """Read and parse a 刷题 file; BankError for anything wrong with the file itself. No database."""
    from cskexam.core.bank_import import rows_from_csv_bytes, rows_from_xlsx_bytes

    stat_input(path, BankError)  # before Path(): an empty name would become "."
    path = Path(path)
    shown = _display(path)
    suffix = path.suffix.lower()
    if suffix in BANK_SUFFIXES:
        return QuestionFile(path, shown, bank_text=_read(path))
    if suffix in TABLE_SUFFIXES:
        data = read_input_file(path, BankError, max_bytes=MAX_TABLE_BYTES)
        table = rows_from_xlsx_bytes(data, shown) if suffix == ".xlsx" else rows_from_csv_bytes(data, shown)
        return QuestionFile(path, shown, table=table)
    raise BankError("只能导入 .xlsx、.csv 或 .yaml 文件", str(path))


def import_question_file(
    library,
    path: str | Path | QuestionFile,
    *,
    allow_unlinked: bool = False,
    now: dt.datetime | None = None,
) -> BankImportResult:
    """Import a 刷题 template (.xlsx/.csv) or a bank .yaml into the library, all or nothing."""
    loaded = path if isinstance(path, QuestionFile) else read_question_file(path)
    shown = loaded.shown
    graph = library.graph()
    if loaded.checked is not None and loaded.checked[0] == frozenset(graph.nodes):
        _, questions, rows = loaded.checked
    else:
        questions, rows = _checked(loaded, graph, allow_unlinked)
    now = now or dt.datetime.now(dt.timezone.utc)
    with library.db.session(immediate=True) as session:
        _check_id_clash(session, questions, shown)
        seq = question_order(graph, questions)
        stats = question_repo.save_questions(session, questions, now, seq=seq)
        index_authored_stems(session, graph)
    return BankImportResult(shown, rows, len(stats.added), len(stats.changed) + len(stats.unchanged))


def _checked(loaded: QuestionFile, graph: KnowledgeGraph, allow_unlinked: bool) -> tuple[list[Question], int]:
    """The file's questions and rows, linked to ``graph``; its problems raised, naming file and line."""
    from cskexam.core.bank_import import import_rows

    if loaded.bank_text is not None:
        (res,) = check_bank_texts([(loaded.shown, loaded.bank_text)], graph)
        raise_for_problems(res.problems)
        for q in res.questions:
            q.source = "import"
        return res.questions, len(res.questions)
    imported = import_rows(loaded.table or [], loaded.shown, graph, allow_unlinked=allow_unlinked)
    raise_for_problems(imported.problems)
    return imported.questions, imported.rows


def check_before_creating(loaded: QuestionFile, db_url: str | None, *,
                          allow_unlinked: bool = False) -> PreparedImport | None:
    """The bundled notes, parsed, when the library does not exist yet and the bank fits them.

    A first ``bank import`` creates the library and stores the bundled notes
    before the bank can be linked to them: checked against the parsed notes
    first, a bank that would be refused leaves no library behind. The parsed
    notes are returned for ``Library.ensure_imported`` to store.
    """
    from cskexam.services.notes_import import first_start, prepare_import

    if not first_start(db_url):
        return None
    prepared = prepare_import(None)
    questions, rows = _checked(loaded, prepared.graph, allow_unlinked)
    loaded.checked = (frozenset(prepared.graph.nodes), questions, rows)
    return prepared


def _check_id_clash(session: Session, questions: list[Question], file: str) -> None:
    """An imported question may not take over an id of the bundled bank or the generator."""
    existing = {q.id: q for q in question_repo.load_questions(session, ids=[q.id for q in questions],
                                                              active_only=False)}
    problems = []
    for q in questions:
        old = existing.get(q.id)
        if old is not None and old.source != "import":
            line = q.origin.line if q.origin else 1
            problems.append(Problem(file, line, f"题号 {q.id} 已被内置题库使用"))
    raise_for_problems(problems)


def list_questions(library: Library, **filters: Any) -> list[Question]:
    with library.db.session() as session:
        return question_repo.load_questions(session, **filters)


def lint_library(library) -> list:
    """The examiner's findings over every active question of the library (see core.question_lint)."""
    from cskexam.core.question_lint import lint_questions
    from cskexam.services.notes import known_losses

    return lint_questions(list_questions(library), library.graph(), known_losses())
