"""The core never imports the UI or the storage layer (checked in a fresh interpreter)."""

import pkgutil
import subprocess
import sys

import cskexam.core


def test_core_modules_import_no_textual_rich_or_sqlalchemy():
    names = [m.name for m in pkgutil.walk_packages(cskexam.core.__path__, "cskexam.core.")]
    assert "cskexam.core.notes.parser" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'sqlalchemy'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
