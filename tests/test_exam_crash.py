"""kill -9 of a real ``cskexam`` process in the middle of an exam, then resume.

The app runs in a pseudo-terminal, driven by the keys a candidate presses; the
database is watched to know when the answers are on disk, then the process is
killed with SIGKILL and a fresh app resumes the attempt.
"""

import fcntl
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import threading
import time

import pytest

from test_tui_exam import SIZE, run_app, wait_for, wait_text

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def _spawn(db_url, env):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "cskexam", "--db", db_url], stdin=slave, stdout=slave,
                            stderr=slave, env=env, start_new_session=True, close_fds=True)
    os.close(slave)
    stop = threading.Event()
    output = bytearray()

    def drain():  # a full pty buffer would block the app
        while not stop.is_set():
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            output.extend(data[-4096:])
            del output[:-8192]

    threading.Thread(target=drain, daemon=True).start()
    proc.output = output
    return proc, master, stop


def _state(library, attempt_id):
    from cskexam.storage import exam_repo

    with library.db.session() as s:
        row = exam_repo.get_attempt(s, attempt_id)
        return row.remaining_s, [(r.given, r.flagged) for r in exam_repo.answers_of(s, attempt_id)][:3]


def _poll(predicate, timeout, step=0.2, action=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if action:
            action()
        time.sleep(step)
    raise AssertionError("timed out")


def test_kill_9_mid_exam_then_resume_with_answers_and_saved_time(library, exam_home, tmp_db_url):
    from cskexam.services.exam import ExamService
    from cskexam.storage import exam_repo

    # The clock is saved every second of exam time (5 s by default), so the test need not wait long.
    env = {**os.environ, "CSKEXAM_HOME": str(exam_home), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40",
           "CSKEXAM_EXAM_SAVE_SECONDS": "1"}
    proc, master, stop = _spawn(tmp_db_url, env)
    try:
        def attempt():
            with library.db.session() as s:
                row = exam_repo.active_attempt(s)
                return row.id if row else None

        # e opens 模拟考试 once the library is open; Enter starts the first blueprint
        try:
            attempt_id = _poll(attempt, 40, step=0.5, action=lambda: os.write(master, b"e\r"))
        except AssertionError:
            raise AssertionError(f"no attempt started; exit {proc.poll()}; output: {bytes(proc.output)[-1500:]!r}")
        # the exam is live once its clock has been saved
        _poll(lambda: _state(library, attempt_id)[0] < 600, 30)
        os.write(master, b"a")  # an answer to question 1 (A)
        _poll(lambda: _state(library, attempt_id)[1][0][0] is not None, 15)
        os.write(master, b"nm")  # question 2, flagged
        _poll(lambda: _state(library, attempt_id)[1][1][1], 15)
        given = _state(library, attempt_id)[1][0][0]
        time.sleep(1.5)  # one more save of the clock
        read_at = time.monotonic()
        remaining = _state(library, attempt_id)[0]
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
        killed_after = time.monotonic() - read_at
        # The clock may have been saved once more between that read and the kill,
        # by at most the time that passed (a busy machine delays the kill).
        saved = _state(library, attempt_id)[0]
        assert remaining - max(2.0, killed_after + 1.5) <= saved <= remaining
    finally:
        stop.set()
        if proc.poll() is None:
            proc.kill()
        os.close(master)

    active = ExamService(library).active()
    assert active.id == attempt_id and active.answered == 1 and active.current == 2
    assert 0 < active.time_limit - active.remaining < 40

    async def body(app, pilot):
        await pilot.press("e")
        text = await wait_text(pilot, "发现未完成的考试")
        assert "已答 1/11 题" in text
        await pilot.press("enter")
        text = await wait_text(pilot, "第 2/11 题")
        from cskexam.tui.screens.exam_sitting import ExamSittingScreen

        (screen,) = [s for s in app.screen_stack if isinstance(s, ExamSittingScreen)]
        attempt = screen.session.attempt
        assert attempt.answers == {1: given} and attempt.flags == {2}
        # The saved time is restored, not the full 10 minutes; the clock runs again
        # while the screen opens, a few seconds on a busy machine.
        assert saved - 10 <= attempt.remaining <= saved
        assert "⚑ 已标记" in text and "  1■" in text

    run_app(library, body)
