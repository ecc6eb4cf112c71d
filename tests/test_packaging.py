"""A non-editable install (a wheel) carries the bundled notes, bank and blueprints."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory):
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("cskexam-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    return target


def test_wheel_finds_its_own_notes_bank_and_blueprints(unpacked_wheel):
    code = (
        "import cskexam.resources as r, pathlib, json\n"
        "from cskexam.services.notes import load_graph\n"
        "g = load_graph()\n"
        "blueprints = sorted(p.name for p in (pathlib.Path(r.__file__).parent / 'blueprints').glob('*.yaml'))\n"
        "print(json.dumps([str(r.content_dir()), len(r.note_files()), len(g.documents()),"
        " len(list(r.question_bank_dir().glob('*.yaml'))), blueprints]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=unpacked_wheel, capture_output=True, text=True, check=True,
        env={"PYTHONPATH": str(unpacked_wheel), "PATH": "/usr/bin:/bin"},
    )
    import json

    content, files, documents, bank_files, blueprints = json.loads(result.stdout)
    assert content.startswith(str(unpacked_wheel)) and "_bundled" in content
    assert files == 1 and documents == 16
    assert bank_files >= 16
    assert len(blueprints) >= 3
