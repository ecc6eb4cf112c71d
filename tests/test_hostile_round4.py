"""Hostile input, fourth round: files with thousands of bad rows, huge values typed on
the command line, a server that cannot start or be reached, and advice that fits the
limit that was passed. Each gets one short Chinese message naming the file, exit 2,
nothing written. The TUI at tiny sizes and resized while studying, its library file
deleted under it, and the clock going backwards between two runs: no crash, nothing lost."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import socket
from pathlib import Path

import pytest

from cskexam.cli import main
from cskexam.errors import PROBLEMS_SHOWN, cap_echoes, listed_problems, shown_value
from tests.test_faults_db import library_template  # noqa: F401 - the fixture
from cli_helpers import isolate_cli, output as _output


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    isolate_cli(monkeypatch, tmp_path)


def _no_library(tmp_path) -> bool:
    return not (tmp_path / "home" / "cskexam.sqlite3").exists()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


HEADER = "题型,题干,A,B,C,D,答案,解析,章节\n"


# -- thousands of bad rows: the first twenty, then how many more ---------------------------

def test_a_bank_of_19000_bad_rows_lists_twenty_problems_and_the_count_of_the_rest(tmp_path, capsys):
    bank = tmp_path / "题库.csv"
    bank.write_text(HEADER + "".join(f"单选,第{i}题,甲,乙,丙,丁,Z,,\n" for i in range(19_000)), encoding="utf-8")
    assert main(["bank", "import", str(bank)]) == 2
    _, err = _output(capsys)
    lines = err.strip().splitlines()
    assert len(lines) <= PROBLEMS_SHOWN + 1
    # Two problems a row (the answer, no chapter): the first twenty are shown.
    assert lines[0] == "错误: 题库.csv:2: 单选题答案必须是一个字母 A–F，而不是「Z」（另有 37,999 个问题）"
    assert len(lines) == PROBLEMS_SHOWN + 1
    assert all(line.startswith("题库.csv:") for line in lines[1:-1])
    assert lines[-1] == f"……还有 {38_000 - PROBLEMS_SHOWN:,} 处问题"


def test_bank_check_of_a_yaml_bank_full_of_mistakes_lists_twenty_of_them(tmp_path, capsys):
    bank = tmp_path / "bank.yaml"
    questions = "".join(f"  - id: q{i}\n    type: 单选\n    stem: 第{i}题\n    options: {{A: 甲, B: 乙}}\n"
                        f"    answer: Z\n    explanation: 无\n" for i in range(600))
    bank.write_text("document: 某文档\nquestions:\n" + questions, encoding="utf-8")
    assert main(["bank", "check", str(bank)]) == 2
    _, err = _output(capsys)
    lines = err.strip().splitlines()
    assert len(lines) == PROBLEMS_SHOWN + 2
    assert all(line.startswith("bank.yaml:") for line in lines[:PROBLEMS_SHOWN])
    assert lines[PROBLEMS_SHOWN].startswith("……还有 ") and lines[PROBLEMS_SHOWN].endswith(" 处问题")
    assert lines[-1].startswith("错误: 1 个文件共 ")
    assert _no_library(tmp_path)


def test_listed_problems_keeps_a_short_list_whole():
    assert listed_problems(["a", "b"]) == ["a", "b"]
    assert listed_problems([str(i) for i in range(25)], 20)[-1] == "……还有 5 处问题"


def test_stale_errata_entries_are_listed_twenty_at_a_time(tmp_path, capsys):
    notes = tmp_path / "n" / "笔记.md"
    notes.parent.mkdir()
    notes.write_text("# 甲章\n## 乙节\n乙是一个要点的说明。\n", encoding="utf-8")
    entries = "".join(f"不在笔记里的第{i}句 → 改正{i}\n" for i in range(50))
    (tmp_path / "n" / "笔记.md.errata").write_text(entries, encoding="utf-8")
    assert main(["import", str(notes)]) == 0
    out, _ = _output(capsys)
    unused = [line for line in out.splitlines() if line.startswith("勘误未用上")]
    assert len(unused) == PROBLEMS_SHOWN
    assert f"……还有 {50 - PROBLEMS_SHOWN} 处问题" in out


# -- huge values typed on the command line are quoted cut ------------------------------------

HUGE = "长" * 100_000


@pytest.mark.parametrize("argv", [
    ["review", "--node", HUGE],
    ["exam", "paper", "-b", HUGE],
    ["settings", "--exam-date", HUGE],
    ["settings", "--learning-steps", "x" * 100_000],
    ["--profile", HUGE, "stats"],
    ["stats", "--days", "9" * 100_000],
    ["questions", "--type", HUGE],
    ["graph", "/tmp/" + "x" * 100_000],
    ["db", "restore", HUGE],
    ["--db", HUGE, "stats"],
    [HUGE],
], ids=["review-node", "exam-blueprint", "exam-date", "steps", "profile", "days", "type", "path", "restore", "db",
        "command"])
def test_a_value_of_100k_characters_is_quoted_in_its_first_characters(tmp_path, capsys, monkeypatch, argv,
                                                                       library_path):
    monkeypatch.setenv("CSKEXAM_DB", f"sqlite:///{library_path}")
    before = _digest(library_path)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    assert code == 2
    out, err = _output(capsys)
    assert len(out + err) < 800
    assert "…" in err and "错误" in err
    assert _digest(library_path) == before


def test_a_search_for_100k_characters_is_quoted_cut(capsys, monkeypatch, library_path):
    monkeypatch.setenv("CSKEXAM_DB", f"sqlite:///{library_path}")
    assert main(["search", "x" * 100_000]) == 0
    out, _ = _output(capsys)
    assert out.strip() == f"没有找到与“{'x' * 40}…”相关的知识点。"


def test_a_long_chapter_read_from_a_bank_is_quoted_cut(tmp_path, capsys):
    bank = tmp_path / "题库.csv"
    bank.write_text(HEADER + f"单选,题,甲,乙,丙,丁,A,,{'长' * 100_000}\n", encoding="utf-8")
    assert main(["bank", "import", str(bank)]) == 2
    _, err = _output(capsys)
    assert len(err) < 400 and f"找不到知识点「{'长' * 80}…」" in err


def test_a_long_errata_entry_is_quoted_cut(tmp_path, capsys):
    notes = tmp_path / "笔记.md"
    line = "甲" * 5000
    notes.write_text(f"# 甲章\n{line}\n{line}\n", encoding="utf-8")
    (tmp_path / "笔记.md.errata").write_text(f"{line} → 乙\n", encoding="utf-8")
    assert main(["import", str(notes)]) == 2
    _, err = _output(capsys)
    assert len(err) < 400 and f"原文「{'甲' * 40}…」在笔记中出现 2 次" in err
    assert _no_library(tmp_path)


def test_cap_echoes_cuts_only_what_came_from_a_long_argument():
    path = "/home/甲/" + "很深的目录/" * 60 + "笔记.md"
    message = f"{path}: 路径不存在"
    capped = cap_echoes(message, [path])
    assert capped == f"{path[:40]}…{path[-20:]}: 路径不存在"
    assert cap_echoes("短的参数: 路径不存在", ["短的参数"]) == "短的参数: 路径不存在"
    real = "/tmp/pytest/" + "a" * 120 + "/cskexam.sqlite3"
    assert cap_echoes(f"{real}: 出错", [real]) == f"{real}: 出错"  # a real path stays whole
    assert shown_value("甲" * 41) == "甲" * 40 + "…"


# -- a server that cannot start, a database server that cannot be reached -----------------------

def test_serve_on_a_port_in_use_says_so_in_chinese(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = _output(capsys)
    assert err == f"错误: 端口 {port} 已被占用，请换一个端口（--port）\n"
    assert out == ""  # no address is offered before the server starts


@pytest.mark.parametrize("host, words", [
    ("no.such.host.invalid", "找不到主机「no.such.host.invalid」"),
    ("x" * 300, f"找不到主机「{'x' * 40}…」"),
    ("192.0.2.1", "「192.0.2.1」不是本机的地址"),
])
def test_serve_on_a_host_it_cannot_use_says_so_in_chinese(capsys, host, words):
    assert main(["serve", "--host", host, "--port", "8999"]) == 2
    out, err = _output(capsys)
    assert err.startswith(f"错误: {words}") and "--host" in err
    assert err.isascii() is False and "Errno" not in err and "error" not in err.lower()
    assert out == ""


def test_serve_without_permission_for_the_port(capsys):
    from cskexam.commands.serve import address_problem

    problem = address_problem(PermissionError(errno.EACCES, "Permission denied"), "127.0.0.1", 80)
    assert str(problem) == "没有权限使用端口 80（1024 以下的端口需要管理员权限），请换一个端口（--port），如 8000"


@pytest.mark.parametrize("driver_text, words", [
    ('connection failed: connection to server at "127.0.0.1", port 5999 failed: Connection refused\n'
     "\tIs the server running on that host and accepting TCP/IP connections?",
     "无法连接数据库服务器 db.example:5999"),
    ("failed to resolve host 'db.example': [Errno -2] Name or service not known", "找不到数据库服务器的主机「db.example」"),
    ('connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  password authentication '
     'failed for user "zhang"', "数据库服务器拒绝登录（用户「zhang」不存在或密码不对）"),
    ('connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  role "zhang" does not exist',
     "数据库服务器拒绝登录（用户「zhang」"),
    ('connection failed: connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "kaoshi" does not '
     "exist", "数据库服务器上没有名为「kaoshi」的数据库"),
    ("SSL SYSCALL error: EOF detected", "数据库服务器出错，刚才的操作没有完成"),
])
def test_postgresql_failures_are_told_in_chinese_without_the_password(driver_text, words):
    from psycopg import OperationalError

    from cskexam.storage.db_errors import database_name, describe_database_error

    where = database_name("postgresql+psycopg://zhang:secret@db.example:5999/kaoshi")
    problem = describe_database_error(OperationalError(driver_text), where)
    assert problem is not None
    text = str(problem)
    assert words in text and "secret" not in text and "zhang:***@db.example:5999/kaoshi" in text
    assert not any(english in text for english in ("failed", "FATAL", "Errno", "connection", "SSL"))


def test_an_unreachable_postgresql_server_is_one_chinese_line(capsys):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://zhang:secret@127.0.0.1:{port}/kaoshi"
    assert main(["--db", url, "stats"]) == 2
    _, err = _output(capsys)
    assert err == (f"错误: postgresql+psycopg://zhang:***@127.0.0.1:{port}/kaoshi: 无法连接数据库服务器 127.0.0.1:{port}"
                   "（服务器没有运行，或不接受这个地址的连接）：请检查服务器是否已启动、URL 中的主机和端口是否正确\n")


def test_a_damaged_sqlite_file_is_told_without_sqlite_english(tmp_path, capsys):
    bad = tmp_path / "坏.sqlite3"
    bad.write_bytes(b"this is no database " * 300)
    before = _digest(bad)
    assert main(["--db", f"sqlite:///{bad}", "stats"]) == 2
    _, err = _output(capsys)
    assert "文件头不是 SQLite 数据库" in err and "not a database" not in err
    assert _digest(bad) == before


# -- the marker limit: per import, and what to do ---------------------------------------------

def test_marker_limit_passed_by_many_files_together_advises_batches(tmp_path, capsys, monkeypatch):
    from cskexam.core.notes import parser

    monkeypatch.setattr(parser, "MAX_MARKERS", 1000)
    for k in range(3):
        (tmp_path / "n").mkdir(exist_ok=True)
        (tmp_path / "n" / f"{k}.txt").write_text("标题\n" + ("；一、1．①（1）•" * 100 + "\n") * 2, encoding="utf-8")
    assert main(["import", str(tmp_path / "n")]) == 2
    _, err = _output(capsys)
    assert f"{tmp_path / 'n' / '1.txt'}:2: 笔记中的编号条目太多：一次导入的 3 个文件合计最多 1,000 个" in err
    assert "请分几次导入，每次少选几个文件" in err and "拆成几个文件" not in err
    assert _no_library(tmp_path)


def test_marker_limit_passed_by_one_file_advises_splitting_it(tmp_path, capsys, monkeypatch):
    from cskexam.core.notes import parser

    monkeypatch.setattr(parser, "MAX_MARKERS", 1000)
    notes = tmp_path / "大.txt"
    notes.write_text("标题\n" + ("；一、1．①（1）•" * 100 + "\n") * 3, encoding="utf-8")
    (tmp_path / "小.txt").write_text("标题\n甲、乙、丙\n", encoding="utf-8")
    assert main(["import", str(notes), str(tmp_path / "小.txt")]) == 2
    _, err = _output(capsys)
    assert f"{notes}:4: 笔记中的编号条目太多：一次导入最多 1,000 个，这个文件到此已超过" in err
    assert "请把它拆成几个文件，分几次导入" in err
    assert _no_library(tmp_path)


# -- the TUI: tiny terminals, resizing while studying, the library deleted under it --------------

def _logs(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM review_logs").fetchone()[0]
    finally:
        conn.close()


def _copy_library(tmp_path, template) -> Path:
    import shutil

    path = tmp_path / "cskexam.sqlite3"
    shutil.copyfile(template, path)
    return path


@pytest.mark.parametrize("size", [(20, 5), (40, 10)], ids=["20x5", "40x10"])
def test_the_tui_at_a_tiny_terminal_works_and_keeps_the_answers(tmp_path, library_template, size):  # noqa: F811
    from cskexam.tui.app import CskexamApp
    from cskexam.tui.launch import finish
    from tests.pilot_helpers import run, screen_text, wait_for

    path = _copy_library(tmp_path, library_template)
    before = _logs(path)

    async def main():
        app = CskexamApp(f"sqlite:///{path}")
        async with app.run_test(size=size) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            assert "cskexam" in screen_text(app)
            await pilot.press("r")
            await wait_for(pilot, lambda: app.screen.__class__.__name__ != "HomeScreen")
            await pilot.press("space", "3")
            await pilot.pause()
            for key in ("escape", "p", "escape", "e", "escape", "g", "escape", "t", "escape", "q"):
                await pilot.press(key)
                await pilot.pause()
        return app

    assert finish(run(main())) == 0
    assert _logs(path) == before + 1


@pytest.mark.parametrize("screen_key", ["r", "p", "e"], ids=["复习", "练习", "模拟考试"])
def test_resizing_from_120x40_to_20x5_and_back_while_studying(tmp_path, library_template, screen_key):  # noqa: F811
    from cskexam.tui.app import CskexamApp
    from cskexam.tui.launch import finish
    from tests.pilot_helpers import run, screen_text, wait_for

    path = _copy_library(tmp_path, library_template)

    async def main():
        app = CskexamApp(f"sqlite:///{path}")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            home = app.screen
            await pilot.press(screen_key)
            await wait_for(pilot, lambda: app.screen is not home)
            await pilot.press("enter")  # 复习: the answer; 练习: the first scope; 模拟考试: the first blueprint
            if screen_key == "e":
                await wait_for(pilot, lambda: type(app.screen).__name__ == "ExamSittingScreen")
            await pilot.pause(0.3)
            studying = app.screen
            shown = screen_text(app)
            for width, height in ((20, 5), (40, 10), (20, 5), (120, 40)):
                await pilot.resize_terminal(width, height)
                await pilot.pause()
            assert app.is_running and app.screen is studying
            after = screen_text(app)
            # The same place: the screen's first lines (title, position; the exam's clock aside) read the same.
            assert [line.split("剩余 ")[0] for line in after.splitlines()[:2]] == \
                [line.split("剩余 ")[0] for line in shown.splitlines()[:2]]
            await pilot.press("escape", "escape", "escape", "q")
        return app

    assert finish(run(main())) == 0


def test_the_library_file_deleted_while_the_tui_runs_is_said_not_written_into_nothing(
        tmp_path, library_template):  # noqa: F811
    from cskexam.tui.app import CskexamApp
    from cskexam.tui.launch import finish
    from tests.pilot_helpers import notifications, record_notifications, run, wait_for

    path = _copy_library(tmp_path, library_template)

    async def main():
        app = CskexamApp(f"sqlite:///{path}")
        record_notifications(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            await pilot.press("r")
            await pilot.pause(0.3)
            for name in (path.name, path.name + "-wal", path.name + "-shm"):
                (tmp_path / name).unlink(missing_ok=True)
            await pilot.press("space", "3")
            await wait_for(pilot, lambda: any("被删除、移走或替换" in n.message for n in notifications(app)))
            message = next(n.message for n in notifications(app) if "被删除" in n.message)
            assert str(path) in message and "cskexam db restore" in message
            assert app.is_running
            await pilot.press("escape", "q")
        return app

    assert finish(run(main())) == 0


def test_a_commit_into_a_replaced_library_file_is_refused(tmp_path, library_template):  # noqa: F811
    from cskexam.errors import DatabaseProblem
    from cskexam.services.library import open_library
    from cskexam.services.review import Reviewer

    path = _copy_library(tmp_path, library_template)
    with open_library(f"sqlite:///{path}") as library:
        reviewer = Reviewer(library.db)
        card = reviewer.next_card()
        path.rename(tmp_path / "moved.sqlite3")
        with pytest.raises(DatabaseProblem, match="被删除、移走或替换"):
            reviewer.answer(card.id, 3)
        reviewer.close()
    assert _logs(tmp_path / "moved.sqlite3") == _logs(library_template)


# -- the clock going backwards between two runs ---------------------------------------------------

def test_a_clock_set_back_a_week_between_two_runs_keeps_every_answer(tmp_path, library_template):  # noqa: F811
    import datetime as dt

    from cskexam.services.library import open_library
    from cskexam.services.review import Reviewer

    path = _copy_library(tmp_path, library_template)
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=7)
    earlier = later - dt.timedelta(days=14)
    before = _logs(path)
    with open_library(f"sqlite:///{path}") as library:
        reviewer = Reviewer(library.db, clock=lambda: later)
        for _ in range(3):
            card = reviewer.next_card()
            reviewer.answer(card.id, 3)
        reviewer.close()
    with open_library(f"sqlite:///{path}") as library:  # the second run: a week before the first
        reviewer = Reviewer(library.db, clock=lambda: earlier)
        counts = reviewer.counts()
        assert min(counts.new, counts.learning, counts.review) >= 0
        card = reviewer.next_card()
        answered = reviewer.answer(card.id, 1)
        assert answered.after.due >= earlier  # due after "now", however early now is
        reviewer.undo(answered.log_id)
        card = reviewer.next_card()
        reviewer.answer(card.id, 3)
        reviewer.close()
        from cskexam.services.stats import study_stats

        with library.db.session() as session:
            stats = study_stats(session, earlier)
        assert stats.today.reviewed_today >= 0
    assert _logs(path) == before + 4


def test_notes_replaced_by_a_binary_while_the_tui_runs_are_refused_on_reimport(tmp_path, capsys):
    from cskexam.tui.app import CskexamApp
    from cskexam.tui.launch import finish
    from tests.pilot_helpers import run, screen_text, wait_for

    notes = tmp_path / "笔记.md"
    notes.write_text("# 甲章\n## 乙节\n乙是一个要点。\n", encoding="utf-8")
    library = tmp_path / "home" / "cskexam.sqlite3"
    assert main(["import", str(notes)]) == 0
    capsys.readouterr()

    async def study():
        app = CskexamApp(None)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.library is not None)
            notes.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 20)
            before = _digest(library)
            with contextlib.redirect_stderr(io.StringIO()) as err:
                assert main(["import", str(notes)]) == 2  # the user imports again while the TUI runs
            assert f"错误: {notes}: 这是二进制文件，不是文本笔记" in err.getvalue()
            assert _digest(library) == before
            await pilot.press("g")
            await wait_for_graph(pilot, app)
            assert "乙是一个要点" in screen_text(app)
            await pilot.press("escape", "q")
        return app

    async def wait_for_graph(pilot, app):
        await wait_for(pilot, lambda: "乙是一个要点" in screen_text(app))

    assert finish(run(study())) == 0
