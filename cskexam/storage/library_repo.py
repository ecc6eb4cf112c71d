"""What the library holds as a whole: node counts for its summary, and the record of import runs."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, func, or_, select, update
from sqlalchemy.orm import Session

from cskexam.storage.models_graph import DefinitionRow, ImportRunRow, NodeRow

# The same rule as KnowledgeGraph.lists(): a stated count or two item children.
# Parents with two items are found in one grouped pass: a count per node
# (a correlated subquery) was planned as a scan of all nodes per node.
_child = cast(Table, NodeRow.__table__).alias("child")
_parents_of_items = (
    select(_child.c.parent_id)
    .where(_child.c.active.is_(True), _child.c.kind == "item", _child.c.parent_id.is_not(None))
    .group_by(_child.c.parent_id)
    .having(func.count() >= 2)
)
_LISTS_SQL = (
    select(func.count())
    .select_from(NodeRow)
    .where(
        NodeRow.active.is_(True),
        NodeRow.kind != "document",
        or_(NodeRow.count.is_not(None), NodeRow.id.in_(_parents_of_items)),
    )
)


def has_nodes(session: Session) -> bool:
    """Whether any notes were ever imported."""
    return session.execute(select(NodeRow.id).limit(1)).first() is not None


def active_by_kind(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(NodeRow.kind, func.count()).where(NodeRow.active.is_(True)).group_by(NodeRow.kind)
    ).all()
    return {kind: count for kind, count in rows}


def inactive_count(session: Session) -> int:
    return session.execute(select(func.count()).where(NodeRow.active.is_(False))).scalar_one()


def definition_count(session: Session) -> int:
    return session.execute(
        select(func.count()).select_from(DefinitionRow).where(DefinitionRow.active.is_(True))
    ).scalar_one()


def list_count(session: Session) -> int:
    return session.execute(_LISTS_SQL).scalar_one()


def last_import_finished(session: Session) -> dt.datetime | None:
    return session.execute(select(func.max(ImportRunRow.finished_at))).scalar_one()


def latest_run_steps(session: Session, *, lock: bool = False) -> tuple[int, list[str]] | None:
    """The id of the latest import run and the import steps recorded for it (None: no run yet).

    ``lock`` holds the run's row until the transaction ends (a row lock on
    PostgreSQL; SQLite's write lock does it there), so that two processes
    finishing one import take turns and the second finds nothing left to do.
    """
    query = select(ImportRunRow.id, ImportRunRow.steps).order_by(ImportRunRow.id.desc()).limit(1)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).first()
    return None if row is None else (row.id, list(row.steps or ()))


def record_steps(session: Session, run_id: int, steps: list[str]) -> None:
    """Record that the import steps ``steps`` have run over the graph of import run ``run_id``."""
    session.execute(update(ImportRunRow).where(ImportRunRow.id == run_id).values(steps=steps))


def add_import_run(session: Session, **fields: Any) -> int:
    """Record an import run; returns its id."""
    run = ImportRunRow(**fields)
    session.add(run)
    session.flush()
    return run.id


def latest_import_runs(session: Session, limit: int = 20) -> list[ImportRunRow]:
    """The latest import runs, newest first."""
    return list(session.scalars(select(ImportRunRow).order_by(ImportRunRow.id.desc()).limit(limit)))
