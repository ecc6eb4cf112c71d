"""Process start → first painted screen: `cskexam` against a bare Textual app.

Both run as real processes on a pseudo-terminal (120×40), interleaved in the
same run so that machine load hits both alike. Each exits right after its
first screen has been painted and writes the wall-clock time of that paint to
a file (``CSKEXAM_EXIT_AFTER_FIRST_PAINT`` / ``CSKEXAM_FIRST_PAINT_FILE`` for
cskexam). The library's database exists already (created before timing), as
it does on every start after the first.

    python bench/startup.py [--runs N]

Goal: median(cskexam) / median(bare Textual) ≤ 1.5.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

BARE_APP = '''
import os, time
from textual.app import App
from textual.widgets import Footer, Static


class Bare(App):
    def compose(self):
        yield Static("bare Textual app")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.painted)

    def painted(self):
        with open(os.environ["CSKEXAM_FIRST_PAINT_FILE"], "w") as fh:
            fh.write(repr(time.time()))
        self.exit()


Bare().run()
'''


def run_on_pty(cmd: list[str], env: dict[str, str], paint_file: Path) -> tuple[float, float]:
    """(seconds to first paint, seconds to exit) of one run of ``cmd``."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    def drain() -> None:  # a full pty buffer would block the child's writes
        while True:
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    paint_file.unlink(missing_ok=True)
    start = time.time()
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    code = proc.wait(timeout=60)
    end = time.time()
    os.close(slave)
    os.close(master)
    reader.join(timeout=1)
    if code != 0 or not paint_file.exists():
        raise SystemExit(f"{cmd[0]} failed (exit {code})")
    painted = float(paint_file.read_text())
    return painted - start, end - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    cskexam = shutil.which("cskexam")
    if cskexam is None:
        raise SystemExit("cskexam is not on PATH (pip install -e .)")

    with tempfile.TemporaryDirectory(prefix="cskexam-bench-") as tmp:
        tmp_path = Path(tmp)
        home = tmp_path / "home"
        bare = tmp_path / "bare_app.py"
        bare.write_text(BARE_APP, encoding="utf-8")
        paint_file = tmp_path / "painted"
        env = dict(os.environ, TERM="xterm-256color", CSKEXAM_HOME=str(home), COLUMNS="120", LINES="40")
        env.pop("CSKEXAM_DB", None)
        # An installed cskexam runs from .pyc files: compiling every module on each start is no start a user sees.
        env.pop("PYTHONDONTWRITEBYTECODE", None)

        # The database as it is on every start but the first.
        created = subprocess.run([cskexam, "import"], env=env, capture_output=True, text=True)
        if created.returncode != 0:
            raise SystemExit(f"cskexam import failed: {created.stderr}")

        run_env = dict(env, CSKEXAM_EXIT_AFTER_FIRST_PAINT="1", CSKEXAM_FIRST_PAINT_FILE=str(paint_file))
        commands = {
            "bare Textual": [sys.executable, str(bare)],
            "cskexam": [cskexam],
        }
        for cmd in commands.values():  # warm the OS file cache and .pyc files
            run_on_pty(cmd, run_env, paint_file)

        paint: dict[str, list[float]] = {name: [] for name in commands}
        total: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                p, t = run_on_pty(cmd, run_env, paint_file)
                paint[name].append(p)
                total[name].append(t)

    print(f"start → first paint, {args.runs} runs each, interleaved, 120×40 pty (medians; min–max)")
    for name in commands:
        pm = statistics.median(paint[name]) * 1000
        tm = statistics.median(total[name]) * 1000
        print(
            f"  {name:<13} paint {pm:6.0f} ms ({min(paint[name]) * 1000:.0f}–{max(paint[name]) * 1000:.0f})"
            f"   until exit {tm:6.0f} ms"
        )
    ratio = statistics.median(paint["cskexam"]) / statistics.median(paint["bare Textual"])
    verdict = "ok" if ratio <= 1.5 else "OVER GOAL"
    print(f"  ratio cskexam / bare: {ratio:.2f}×  (goal ≤ 1.5×: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
