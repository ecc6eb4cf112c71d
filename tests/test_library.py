"""The library service: import (all or nothing, with steps), re-import of edited notes, summary."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap

import pytest
from sqlalchemy import func, select, text

from cskexam.errors import UserError
from cskexam.resources import note_files
from cskexam.services import library as library_mod
from cskexam.services.library import Library, LibrarySummary, open_library, prepare_import
from cskexam.storage.models_graph import ImportRunRow, NodeRow

T0 = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
T1 = T0 + dt.timedelta(hours=1)

STEP_MODULE = '''
from sqlalchemy import text

CALLS = []


def record(session, graph, now):
    # Runs inside the import transaction: the new rows are visible here.
    count = session.execute(text("SELECT count(*) FROM nodes WHERE active")).scalar()
    CALLS.append((count, len(graph), now))


def explode(session, graph, now):
    session.execute(text("UPDATE nodes SET title = 'broken'"))
    raise RuntimeError("step failed")
'''


@pytest.fixture
def steps(tmp_path, monkeypatch):
    """Replace the import steps by test steps from a throw-away module on sys.path."""
    (tmp_path / "cskexam_test_steps.py").write_text(STEP_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    module = importlib.import_module("cskexam_test_steps")
    module.CALLS.clear()

    def use(*names):
        steps = [library_mod.ImportStep(n, n, getattr(module, n.partition(":")[2])) for n in names]
        monkeypatch.setattr(library_mod, "import_steps", lambda: steps)
        return module

    use()  # by default: no steps, so these tests do not depend on other features
    yield use
    import sys

    sys.modules.pop("cskexam_test_steps", None)


@pytest.fixture
def lib(db_url, steps):
    library = open_library(db_url)
    yield library
    library.close()


@pytest.fixture
def notes_copy(tmp_path):
    """A writable copy of the bundled notes, under the same file name (same ids)."""
    (source,) = note_files()
    folder = tmp_path / "notes"
    folder.mkdir()
    target = folder / source.name
    shutil.copyfile(source, target)
    return target


def _db_state(library: Library, *, seen: bool = True):
    """Every row of the graph tables (without last_seen unless ``seen``)."""

    def rows(s, table):
        cols = [c for c in s.execute(text(f"SELECT * FROM {table} LIMIT 0")).keys() if seen or c != "last_seen"]
        return s.execute(text(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1, 2")).all()

    with library.db.session() as s:
        state = tuple(rows(s, t) for t in ("nodes", "edges", "definitions"))
        runs = s.execute(text("SELECT count(*) FROM import_runs")).scalar()
    return (*state, runs)


def test_import_bundled_notes_stores_the_parsed_graph(lib, bundled_graph):
    progress = []
    result = lib.import_notes(progress=lambda done, total, label: progress.append((done, total, label)), now=T0)
    assert result.added == len(bundled_graph) and result.updated == result.unchanged == result.deactivated == 0
    assert result.nodes == len(bundled_graph)
    assert result.definitions == len(bundled_graph.definitions)
    assert result.imported_at == T0 and result.run_id == 1
    assert [f.name for f in result.files] == [p.name for p in note_files()]
    assert lib.graph().to_dict() == bundled_graph.to_dict()
    assert lib.graph(refresh=True).to_dict() == bundled_graph.to_dict()
    assert progress[-1][0] == progress[-1][1]
    assert any("解析" in label for _, _, label in progress) and any("写入" in label for _, _, label in progress)

    graph = lib.graph()
    comp = next(n for n in graph.find("竞争者环境") if len(graph.children(n.id)) == 4)
    kids = {c.title: c for c in graph.children(comp.id)}
    assert list(kids) == ["愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"]
    assert "满足相同需求" in kids["普通竞争者"].text


def test_reimport_of_the_same_notes_changes_nothing(lib, bundled_graph):
    lib.import_notes(now=T0)
    *before, _ = _db_state(lib, seen=False)
    result = lib.import_notes(now=T1)
    assert (result.added, result.updated, result.deactivated, result.reactivated) == (0, 0, 0, 0)
    assert result.unchanged == len(bundled_graph) and not result.changed
    *after, runs = _db_state(lib, seen=False)
    assert after == before
    assert runs == 2


def test_edited_item_text_keeps_ids_and_is_one_update(lib, notes_copy, bundled_graph):
    lib.import_notes([notes_copy], now=T0)
    ids_before = set(lib.graph().nodes)
    original = notes_copy.read_text(encoding="utf-8")
    old = "(3)、产品形式竞争者:指生产同类但规格、型号、款式不同产品的竞争者。"
    assert old in original
    notes_copy.write_text(original.replace(old, "(3)、产品形式竞争者:指生产同类但规格、型号或款式不同的产品的竞争者。"), encoding="utf-8")

    result = lib.import_notes([notes_copy], now=T1)
    assert result.updated == 1 and result.added == 0 and result.deactivated == 0
    graph = lib.graph()
    assert set(graph.nodes) == ids_before
    (changed,) = [graph.get(nid) for nid in result.stats.updated]
    assert changed.title == "产品形式竞争者" and "型号或款式不同的产品" in changed.text
    definition = next(d for d in graph.definitions_of(changed.id))
    assert "型号或款式" in definition.text


def test_deleted_line_deactivates_its_nodes_but_keeps_them(lib, notes_copy):
    lib.import_notes([notes_copy], now=T0)
    lines = notes_copy.read_text(encoding="utf-8").splitlines(keepends=True)
    (index,) = [i for i, line in enumerate(lines) if line.startswith("(3)、产品形式竞争者")]
    gone_ids = {n.id for n in lib.graph().find("产品形式竞争者")}
    del lines[index]
    notes_copy.write_text("".join(lines), encoding="utf-8")

    result = lib.import_notes([notes_copy], now=T1)
    assert result.deactivated >= 1 and result.added == 0
    assert gone_ids & set(result.stats.deactivated)
    graph = lib.graph()
    assert not graph.find("产品形式竞争者")
    assert graph.find("品牌竞争者") and graph.find("愿望竞争者")
    with lib.db.session() as s:
        kept = s.scalars(select(NodeRow).where(NodeRow.id.in_(gone_ids))).all()
    assert kept and all(not row.active and row.title == "产品形式竞争者" for row in kept)
    assert lib.summary().inactive == result.deactivated


def test_a_failing_step_rolls_back_the_whole_import(lib, steps, notes_copy):
    lib.import_notes(now=T0)
    before = _db_state(lib)
    notes_copy.write_text(notes_copy.read_text(encoding="utf-8").replace("品牌竞争者", "品牌型竞争者"), encoding="utf-8")
    steps("cskexam_test_steps:record", "cskexam_test_steps:explode")
    with pytest.raises(RuntimeError, match="step failed"):
        lib.import_notes([notes_copy], now=T1)
    assert _db_state(lib) == before
    assert not lib.graph().find("品牌型竞争者")


def test_steps_run_in_the_transaction_with_the_library_graph(lib, steps, bundled_graph):
    module = steps("cskexam_test_steps:record")
    result = lib.import_notes(now=T0)
    assert module.CALLS == [(len(bundled_graph), len(bundled_graph), T0)]
    assert result.steps == ["cskexam_test_steps:record"]


def test_ensure_imported_only_imports_into_an_empty_library(lib, bundled_graph):
    first = lib.ensure_imported()
    assert first is not None and first.added == len(bundled_graph)
    assert lib.ensure_imported() is None
    with lib.db.session() as s:
        assert s.execute(select(func.count()).select_from(ImportRunRow)).scalar() == 1


def test_summary_counts_what_the_graph_holds(lib, bundled_graph):
    empty = lib.summary()
    assert empty == LibrarySummary(0, 0, 0, 0, 0, 0, 0, 0, None) and empty.empty
    lib.import_notes(now=T0)
    summary = lib.summary()
    kinds = [n.kind for n in bundled_graph]
    assert summary.documents == kinds.count("document") >= 10
    assert (summary.chapters, summary.sections, summary.points, summary.items) == (
        kinds.count("chapter"), kinds.count("section"), kinds.count("point"), kinds.count("item"))
    assert summary.lists == len(bundled_graph.lists())
    assert summary.definitions == len(bundled_graph.definitions)
    assert summary.imported_at == T0 and summary.inactive == 0


def test_bad_notes_fail_before_the_database_is_touched(tmp_path, steps):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UserError, match="文件为空") as info:
        prepare_import([empty])
    assert info.value.file == str(empty)
    with pytest.raises(UserError, match="路径不存在"):
        prepare_import([tmp_path / "missing.md"])


def test_two_notes_files_with_the_same_name_are_refused(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "notes.md").write_text("# 客户服务\n\n- 无形性\n- 易变性\n", encoding="utf-8")
    with pytest.raises(UserError, match="同名") as info:
        prepare_import([tmp_path / "a", tmp_path / "b"])
    assert info.value.file.endswith("notes.md")


def test_markdown_notes_import_and_show_text_literally(lib, tmp_path):
    note = tmp_path / "markdown.md"
    note.write_text(
        textwrap.dedent(
            """\
            # 客户服务的五大特性

            ## 无形性
            服务是无形的，[A] 与 a[i] 都是原文。
            """
        ),
        encoding="utf-8",
    )
    result = lib.import_notes([note], now=T0)
    assert result.added >= 2
    texts = " ".join(n.text for n in lib.graph())
    assert "[A] 与 a[i]" in texts


def test_the_real_import_steps_run_on_the_bundled_notes(db_url):
    """Integration: every real import step runs without error."""
    with open_library(db_url) as library:
        result = library.import_notes(now=T0)
        assert result.nodes > 100
        assert result.steps == [s.name for s in library_mod.import_steps()]
        again = library.import_notes(now=T1)
        assert again.added == again.updated == again.deactivated == 0


def test_open_library_uses_cskexam_db_and_home(tmp_path, monkeypatch, steps):
    monkeypatch.delenv("CSKEXAM_DB", raising=False)
    monkeypatch.setenv("CSKEXAM_HOME", str(tmp_path / "home"))
    with open_library() as library:
        assert library.db.sqlite_path == tmp_path / "home" / "cskexam.sqlite3"
    monkeypatch.setenv("CSKEXAM_DB", f"sqlite:///{tmp_path / 'elsewhere.sqlite3'}")
    with open_library() as library:
        assert library.db.sqlite_path == tmp_path / "elsewhere.sqlite3"


def test_corrupt_database_is_a_user_error_naming_the_file(tmp_path):
    path = tmp_path / "cskexam.sqlite3"
    path.write_bytes(b"\x89garbage" * 1000)
    with pytest.raises(UserError, match="已损坏") as info:
        open_library(f"sqlite:///{path}")
    assert info.value.file == str(path)


def test_two_processes_creating_and_importing_one_database_at_once(tmp_path):
    """Two app instances starting together on a fresh SQLite file: both succeed, no duplicates."""
    import subprocess
    import sys

    # The folder exists (a user-named database never makes its folder); the file does not.
    (tmp_path / "shared").mkdir()
    url = f"sqlite:///{tmp_path / 'shared' / 'cskexam.sqlite3'}"
    code = (
        "from cskexam.services import library as L; L.import_steps = list; "
        f"lib = L.open_library({url!r}); r = lib.ensure_imported() or lib.import_notes(); "
        "print(r.nodes); lib.close()"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    with open_library(url) as library:
        nodes = {int(out.strip()) for out, _ in outputs}
        assert nodes == {len(library.graph())}
        assert len(library.import_runs()) == 2
        with library.db.session() as s:
            assert s.execute(select(func.count()).select_from(NodeRow)).scalar() == len(library.graph())


def test_a_step_added_by_a_newer_version_runs_once_on_an_existing_library(lib, steps):
    module = steps()
    lib.import_notes()
    assert module.CALLS == []
    # The next version of cskexam brings a new import step.
    steps("cskexam_test_steps:record")
    assert lib.ensure_imported() is None  # nothing is re-imported …
    assert len(module.CALLS) == 1  # … but the new step ran over the stored graph
    assert module.CALLS[0][0] == module.CALLS[0][1] > 0
    lib.ensure_imported()
    assert len(module.CALLS) == 1
    with lib.db.session() as session:
        recorded = [r for r in session.scalars(select(ImportRunRow.steps)) if r]
    assert recorded == [["cskexam_test_steps:record"]]
