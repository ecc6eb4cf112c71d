"""Key → settled frame: how fast cskexam answers each key, on a real pseudo-terminal.

Starts ``cskexam`` on a pty (100×32) with a fresh data dir, so the first start
includes the import of the bundled notes, then presses keys through screen
switches, a drill, a practice round and a mock exam. For each key it records
the time from writing the key to the last byte of the frame it caused: the
terminal is read until it has been quiet for ``--quiet`` ms (and, where given,
until an expected text has appeared).

    python bench/keys.py [--rounds N] [--quiet MS]

Goals (p90): drill and practice answers ≤ 50 ms, screen switches ≤ 120 ms;
first start on a fresh data dir, with the import, until the home screen
shows the library ≤ 1.0 s. The cards, questions and search index are then
prepared in the background: the time until today's figures replace 「正在生成
复习卡片」 is printed beside it (no goal), and the keys are pressed after it.

``--start-only`` measures the first start alone (a few runs, each on a fresh data dir).

Esc is not timed: a lone Esc waits for the terminal's escape-sequence delay
before any app sees it, which is not the app's doing.

Beside each wall-clock figure the CPU time the app spent on the key (all its
threads, from /proc/PID/task/*/schedstat) is given: on a machine shared with
other work the wall clock includes waiting for a core, the CPU time does not.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
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

ANSI = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>NOPc78])")
COLUMNS, LINES = 100, 32
ESC = "\x1b"
ENTER = "\r"


class Terminal:
    """A process on a pty; everything it writes is kept with the time it arrived."""

    def __init__(self, cmd: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.chunks: list[tuple[float, bytes]] = []
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                                     start_new_session=True)
        os.close(slave)
        self.last_cpu = 0.0  # CPU seconds of the last key pressed
        self.settled_cpu = 0.0  # CPU seconds of the app when the last frame settle() waited for arrived
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.chunks.append((time.monotonic(), data))

    def cpu(self) -> float:
        """Seconds of CPU the app's threads have run so far (0 where /proc is missing)."""
        total = 0
        try:
            tasks = os.listdir(f"/proc/{self.proc.pid}/task")
        except OSError:
            return 0.0
        for task in tasks:
            try:
                with open(f"/proc/{self.proc.pid}/task/{task}/schedstat") as fh:
                    total += int(fh.read().split()[0])
            except (OSError, ValueError, IndexError):
                continue
        return total / 1e9

    def since(self, t0: float) -> tuple[list[float], str]:
        with self.lock:
            chunks = [(t, d) for t, d in self.chunks if t >= t0]
        text = ANSI.sub(b"", b"".join(d for _, d in chunks)).decode("utf-8", "ignore")
        return [t for t, _ in chunks], text

    def settle(self, t0: float, expect: str | None, quiet: float, timeout: float = 15.0) -> float:
        """Seconds from ``t0`` to the last byte before ``quiet`` seconds of silence (after ``expect``)."""
        deadline = t0 + timeout
        seen_bytes = 0
        while True:
            now = time.monotonic()
            times, text = self.since(t0)
            if len(times) != seen_bytes:
                # The app's CPU time as the latest output arrived: work it goes on with
                # afterwards (in the background) is not the frame's.
                seen_bytes, self.settled_cpu = len(times), self.cpu()
            seen = expect is None or expect in text
            if seen and times and now - times[-1] >= quiet:
                return times[-1] - t0
            if now > deadline:
                where = "expected text never came" if not seen else "never quiet"
                raise SystemExit(f"timed out ({where}: {expect!r}); last output: {text[-300:]!r}")
            time.sleep(0.002)

    def press(self, key: str, expect: str | None = None, quiet: float = 0.06) -> float:
        time.sleep(quiet)  # let anything still on its way land before the key
        c0 = self.cpu()
        t0 = time.monotonic()
        os.write(self.master, key.encode("utf-8"))
        wall = self.settle(t0, expect, quiet)
        self.last_cpu = self.cpu() - c0
        return wall

    def send(self, key: str, pause: float = 0.25) -> None:
        """A key whose time does not count (Esc, typing)."""
        os.write(self.master, key.encode("utf-8"))
        time.sleep(pause)

    def close(self) -> None:
        try:
            os.killpg(self.proc.pid, 15)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
        os.close(self.master)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


Rows = dict[str, list[tuple[str, float, float]]]  # kind → (key, wall seconds, CPU seconds)


def session(cskexam: str, home: Path, rounds: int, quiet: float) -> Rows:
    env = dict(os.environ, TERM="xterm-256color", CSKEXAM_HOME=str(home), COLUMNS=str(COLUMNS), LINES=str(LINES))
    env.pop("CSKEXAM_DB", None)
    # An installed cskexam runs from .pyc files: compiling every module on each start is no start a user sees.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out: Rows = {"start": [], "prepared": [], "switch": [], "drill": [], "practice": [], "exam": []}
    term = Terminal([cskexam], env)

    def timed(key: str, expect: str | None = None) -> tuple[float, float]:
        wall = term.press(key, expect, quiet)
        return wall, term.last_cpu

    try:
        # The library line ends in its import time: the home screen shows the library.
        out["start"].append(("fresh start + import", term.settle(term.started, "导入时间", quiet, timeout=60),
                             term.settled_cpu))
        # Today's figures end with the days until the exam: shown once the cards are prepared.
        out["prepared"].append(("cards, questions, index", term.settle(term.started, "距离考试", quiet, timeout=120),
                                term.settled_cpu))
        if rounds == 0:
            return out

        switches = [("g", "知识图谱"), ("h", None), ("t", "统计"), ("h", None), ("w", "错题本"), ("h", None),
                    ("p", "章节练习"), ("h", None), ("e", "模拟考试"), ("h", None), ("c", "卡片"), ("h", None),
                    ("r", "复习"), ("h", None)]
        for _ in range(rounds):
            for key, expect in switches:
                out["switch"].append((key, *timed(key, expect)))
        out["switch"].append(("/", *timed("/", "搜索")))
        term.send(ESC)  # leave the search box
        out["switch"].append(("h", *timed("h", None)))

        term.press("r", "剩余", quiet)
        for _ in range(rounds * 5):
            out["drill"].append(("空格 显示答案", *timed(" ", None)))
            out["drill"].append(("3 良好", *timed("3", None)))
        term.press("h", None, quiet)

        term.press("p", "选择练习范围", quiet)
        term.send("y")  # 单选 only: the same keys answer every question
        term.press(ENTER, "题", quiet)
        for _ in range(rounds * 5):
            out["practice"].append(("a 选择", *timed("a", None)))
            out["practice"].append(("Enter 提交", *timed(ENTER, None)))
            out["practice"].append(("Enter 下一题", *timed(ENTER, None)))
        term.press("h", None, quiet)

        term.press("e", "模拟考试", quiet)
        term.press(ENTER, "答题卡", quiet)
        for _ in range(rounds * 5):
            out["exam"].append(("a 作答", *timed("a", None)))
            out["exam"].append(("n 下一题", *timed("n", None)))
    finally:
        term.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="how many times each sequence is pressed")
    parser.add_argument("--quiet", type=float, default=60, help="ms of silence that mean the frame has settled")
    parser.add_argument("--start-only", type=int, nargs="?", const=5, default=0, metavar="RUNS",
                        help="measure only the first start, RUNS times (default 5)")
    args = parser.parse_args()
    cskexam = shutil.which("cskexam")
    if cskexam is None:
        raise SystemExit("cskexam is not on PATH (pip install -e .)")
    with tempfile.TemporaryDirectory(prefix="cskexam-keys-") as tmp:
        # One warm-up run (file cache, .pyc files), then the measured one, each on a fresh data dir.
        session(cskexam, Path(tmp) / "warm", 0 if args.start_only else 1, args.quiet / 1000)
        if args.start_only:
            results: Rows = {"start": [], "prepared": []}
            for i in range(args.start_only):
                one = session(cskexam, Path(tmp) / f"home{i}", 0, args.quiet / 1000)
                for kind in results:
                    results[kind] += one[kind]
        else:
            results = session(cskexam, Path(tmp) / "home", args.rounds, args.quiet / 1000)

    goals = {"start": 1000.0, "prepared": float("inf"), "switch": 120.0, "drill": 50.0, "practice": 50.0,
             "exam": 50.0}
    names = {"start": "first start (fresh dir, import)", "prepared": "  … until cards etc. are ready",
             "switch": "screen switches", "drill": "drill answers", "practice": "practice answers",
             "exam": "exam answers"}
    print(f"key → settled frame on a {COLUMNS}×{LINES} pty, quiet window {args.quiet:.0f} ms, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = True
    for kind, rows in results.items():
        ms = [t * 1000 for _, t, _ in rows]
        if not ms:
            continue
        cpu = [c * 1000 for _, _, c in rows]
        p90 = percentile(ms, 0.9)
        verdict = "ok" if p90 <= goals[kind] else "OVER GOAL"
        ok &= p90 <= goals[kind]
        goal = f"goal p90 ≤ {goals[kind]:.0f} ms: {verdict}" if goals[kind] != float("inf") else "no goal"
        print(f"  {names[kind]:<32} n={len(ms):3d}  p50 {statistics.median(ms):6.0f} ms  p90 {p90:6.0f} ms"
              f"  max {max(ms):6.0f} ms   {goal}")
        print(f"  {'':<32}        cpu p50 {statistics.median(cpu):6.0f} ms  p90 {percentile(cpu, 0.9):6.0f} ms")
        if kind == "switch":
            # The first visit of a screen builds it; later ones bring it back: both, per key.
            seen: set[str] = set()
            visits: dict[str, list[str]] = {"first": [], "again": []}
            for key, t, c in rows:
                which = "again" if key in seen or key == "h" else "first"
                seen.add(key)
                visits[which].append(f"{key} {t * 1000:.0f}/{c * 1000:.0f}")
            print("    first visit, wall/cpu ms: " + "  ".join(visits["first"]))
            print("    again:  " + "  ".join(visits["again"]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
