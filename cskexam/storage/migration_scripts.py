"""The revision files' ids, read as plain text: opening a database that is already up to date
needs no Alembic import, which costs a noticeable part of a start."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"


@functools.lru_cache(maxsize=1)
def script_heads() -> frozenset[str] | None:
    """The heads of the revision files, read without importing Alembic.

    Returns None when a revision file is not in the simple form (literal
    ``revision``/``down_revision``, no ``depends_on``); the caller then lets
    Alembic decide.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        if path.name.startswith("_"):
            continue
        values = _module_literals(path)
        if values is None or not isinstance(values.get("revision"), str) or values.get("depends_on"):
            return None
        revisions.add(values["revision"])
        down = values.get("down_revision")
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, (tuple, list)):
            parents.update(down)
        elif down is not None:
            return None
    return frozenset(revisions - parents)


def known_revisions() -> frozenset[str] | None:
    """Every revision id of the revision files (None when one is not in the simple form)."""
    revisions: set[str] = set()
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        if path.name.startswith("_"):
            continue
        values = _module_literals(path)
        if values is None or not isinstance(values.get("revision"), str):
            return None
        revisions.add(values["revision"])
    return frozenset(revisions)


_NAMES = ("revision", "down_revision", "depends_on")


_ASSIGNMENT = re.compile(r"^(revision|down_revision|depends_on)\s*(?::[^=]*)?=\s*(.+?)\s*(?:#.*)?$", re.M)


def _module_literals(path: Path) -> dict | None:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    # Fast path: one-line literal assignments (what Alembic writes) are read
    # without parsing the whole module.
    values: dict = {}
    for name, expr in _ASSIGNMENT.findall(source):
        try:
            values[name] = ast.literal_eval(expr)
        except (ValueError, SyntaxError):
            return _module_literals_parsed(source, path)
    if "revision" not in values:
        return _module_literals_parsed(source, path)
    return values


def _module_literals_parsed(source: str, path: Path) -> dict | None:
    try:
        tree = ast.parse(source, filename=str(path))
    except SyntaxError:
        return None
    values: dict = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            target, value = stmt.target, stmt.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in _NAMES:
            try:
                values[target.id] = ast.literal_eval(value)
            except ValueError:
                return None
    return values
