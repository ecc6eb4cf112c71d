"""The layering (import-linter contracts in pyproject.toml) and the types (mypy) hold.

Both tools are test dependencies (the ``test`` extra); CI runs them too.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(module: str, code: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install '.[test]')")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    result = _run("importlinter", "import sys; from importlinter.cli import lint_imports_command; "
                                  "sys.argv = ['lint-imports']; lint_imports_command()")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.timeout(300)  # a whole-package type check; a busy machine takes minutes
def test_mypy_finds_no_errors():
    result = _run("mypy", "import sys; from mypy.main import main; sys.argv = ['mypy']; main()")
    assert result.returncode == 0, result.stdout + result.stderr
