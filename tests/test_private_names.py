"""cskexam never reaches into a library's private names.

A name with a leading underscore is a library's own business: it changes
without notice between releases. This scan fails on the ways cskexam has
done so before:

* overriding or shadowing a private name of a library class it subclasses
  (``def _on_screen_resume``, ``def _size_updated`` in a Textual subclass);
* reading or writing a private attribute of an object that is not ours
  (``app._screen_stack``, ``row._mapping``), directly or through
  ``getattr``/``setattr``/``hasattr`` with a constant name;
* importing a private module or name of a library (``from textual._x import``).

"Ours" means: the name is defined somewhere in cskexam (a function, class,
assignment or attribute store). A private name of a library that cskexam
happens to define too slips through the second check, not the first.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cskexam"


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def sources() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(PACKAGE.rglob("*.py"))}


def names_we_define(trees: dict[Path, ast.Module]) -> set[str]:
    ours: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                ours.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                ours.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                ours.add(node.attr)
            elif isinstance(node, ast.arg):
                ours.add(node.arg)
    return {n for n in ours if private(n)}


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"


def test_no_private_attribute_or_import_of_a_library():
    trees = sources()
    ours = names_we_define(trees)
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and private(node.attr) and node.attr not in ours:
                found.append(f"{where(path, node)}: .{node.attr}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                  and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) >= 2
                  and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
                  and private(node.args[1].value) and node.args[1].value not in ours):
                found.append(f"{where(path, node)}: {node.func.id}(…, {node.args[1].value!r})")
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                if node.module.split(".")[0] == "cskexam":
                    continue
                if any(private(part) for part in node.module.split(".")):
                    found.append(f"{where(path, node)}: from {node.module} import …")
                found += [f"{where(path, node)}: from {node.module} import {a.name}"
                          for a in node.names if private(a.name)]
            elif isinstance(node, ast.Import):
                found += [f"{where(path, node)}: import {a.name}" for a in node.names
                          if a.name.split(".")[0] != "cskexam" and any(private(p) for p in a.name.split("."))]
    assert not found, "private names of libraries:\n" + "\n".join(found)


def classes_of_cskexam():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name.endswith("__main__") or "migrations" in parts:  # run by python -m, or by Alembic
            continue
        try:
            module = importlib.import_module(name)
        except ImportError:  # an optional extra that is not installed
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == name:
                yield path, cls


def own_names(path: Path, cls: type) -> set[str]:
    """The names a class defines: in its body and as ``self.x`` in its methods."""
    # From the source, not vars(cls): a metaclass (Textual's) adds private names of its own.
    try:
        body = ast.parse(inspect.getsource(cls)).body[0]
    except (OSError, TypeError, IndexError):
        return set()
    assert isinstance(body, ast.ClassDef)
    names: set[str] = set()
    for node in body.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    for node in ast.walk(body):
        if (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
                and isinstance(node.value, ast.Name) and node.value.id == "self"):
            names.add(node.attr)
    return names


def test_no_class_overrides_a_private_name_of_a_library_base():
    found = []
    for path, cls in classes_of_cskexam():
        foreign = [b for b in cls.__mro__[1:] if not b.__module__.startswith("cskexam") and b is not object]
        for name in sorted(n for n in own_names(path, cls) if private(n)):
            owners = [b for b in foreign if name in vars(b)]
            if owners:
                found.append(f"{path.relative_to(ROOT)}: {cls.__name__}.{name} "
                             f"(private to {owners[0].__module__}.{owners[0].__qualname__})")
    assert not found, "private names of library classes overridden:\n" + "\n".join(found)
