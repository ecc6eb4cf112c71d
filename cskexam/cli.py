"""Command line entry point.

Sub-commands live in ``cskexam.commands``: each module listed in
``_command_modules`` has a ``register(subparsers)`` function that adds one.
Registration must stay light (no heavy imports at module level) because ``cskexam`` with no arguments starts
the TUI and every millisecond before its first screen counts.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from types import ModuleType
from typing import NoReturn

from cskexam import __version__
from cskexam.errors import OutputError, UserError

# After a lock message, on the command line only: the TUI has no such option.
LOCK_WAIT_HINT = "也可用 cskexam --wait 60 … 让命令最多等待 60 秒"


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法: ")


# The headings of argparse's two default argument groups, in its help text.
_HEADINGS = re.compile(r"^(?:positional arguments|options|optional arguments):$", re.M)
_HEADINGS_ZH = {"positional arguments:": "参数:", "options:": "选项:", "optional arguments:": "选项:"}


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.get("add_help", True)
        kwargs["add_help"] = False  # argparse's own -h says it in English
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def format_help(self) -> str:
        return _HEADINGS.sub(lambda m: _HEADINGS_ZH[m.group(0)], super().format_help())

    def error(self, message: str) -> NoReturn:  # argparse's own words are English
        self.print_usage(sys.stderr)
        self.exit(2, f"错误: {_capped(chinese_argparse_message(message))}\n")


# argparse's error messages (Python 3.11–3.13), matched in full, and their Chinese.
_ARGPARSE_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"),
     "{arg} 不能是 {value}，可选：{choices}"),
    (re.compile(r"argument (?P<arg>.+?): invalid (?P<kind>\w+) value: (?P<value>.+)"),
     "{arg} 的值 {value} 无效（须为{kind}）"),
    (re.compile(r"argument (?P<arg>.+?): expected one argument"), "{arg} 后面需要一个值"),
    (re.compile(r"argument (?P<arg>.+?): expected at least one argument"), "{arg} 后面至少需要一个值"),
    (re.compile(r"argument (?P<arg>.+?): expected at most one argument"), "{arg} 后面最多一个值"),
    (re.compile(r"argument (?P<arg>.+?): expected (?P<n>\d+) arguments?"), "{arg} 后面需要 {n} 个值"),
    (re.compile(r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)"), "{arg} 不能与 {other} 同时使用"),
    (re.compile(r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.+)"), "{arg} 不接受值 {value}"),
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "缺少参数：{args}"),
    (re.compile(r"one of the arguments (?P<args>.+) is required"), "须给出其中之一：{args}"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "无法识别的参数：{args}"),
    (re.compile(r"ambiguous option: (?P<opt>\S+) could match (?P<matches>.+)"), "选项 {opt} 有歧义，可能是：{matches}"),
    # A type function's own (Chinese) message, after argparse's English "argument X:".
    (re.compile(r"argument (?P<arg>.+?): (?P<own>.*[^\x00-\x7f].*)", re.S), "{own}"),
]
_KINDS = {"int": "整数", "float": "数字"}


def chinese_argparse_message(message: str) -> str:
    """argparse's English message in Chinese (unknown ones are passed on as they are)."""
    for pattern, template in _ARGPARSE_MESSAGES:
        m = pattern.fullmatch(message)
        if m:
            values = {k: v.replace("'", "") for k, v in m.groupdict().items()}
            if "kind" in values:
                values["kind"] = _KINDS.get(values["kind"], values["kind"])
            if "own" in values:
                arg, own = m.group("arg"), m.group("own")
                return own if arg.split("/")[0] in own else f"{arg}：{own}"
            if "choices" in values:
                values["choices"] = values["choices"].replace(", ", "、")
            return template.format(**values)
    return message


def _command_modules() -> list[ModuleType]:
    """Every sub-command's module, in the order ``--help`` lists them (their ``ORDER``)."""
    from cskexam.commands import (
        bank, cards, db, exam, export, graph, importing, klass, practice, questions, review, search, serve, settings,
        stats,
    )

    mods: list[ModuleType] = [bank, cards, db, exam, export, graph, importing, klass, practice, questions, review,
                              search, serve, settings, stats]
    mods.sort(key=lambda m: getattr(m, "ORDER", 100))
    return mods


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="cskexam",
        description="客户服务管理师（二级）备考：知识图谱、卡片复习、练习与模拟考试。不带参数运行即打开终端界面。",
    )
    parser.add_argument("--version", action="version", version=f"cskexam {__version__}", help="显示版本并退出")
    parser.add_argument("--db", metavar="URL", help="数据库 SQLAlchemy URL（默认：用户数据目录中的 SQLite；也可用 CSKEXAM_DB）")
    parser.add_argument("--profile", metavar="名称", help="考生档案（各自的复习、练习、错题本和考试；默认档案；也可用 CSKEXAM_PROFILE）")
    parser.add_argument("--wait", metavar="秒", type=_seconds, default=None,
                        help="资料库被另一个程序占用时最多等待的秒数（默认 5；也可用 CSKEXAM_WAIT）")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    for mod in _command_modules():
        mod.register(sub)
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是秒数") from None
    if not 0 <= value <= 24 * 3600:
        raise argparse.ArgumentTypeError("秒数须在 0 到 86400 之间")
    return value


# The arguments of the running command: a message never quotes a long one in full.
_ARGUMENTS: list[str] = []


def _capped(message: str) -> str:
    from cskexam.errors import cap_echoes

    return cap_echoes(message, _ARGUMENTS)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _ARGUMENTS[:] = argv
    _closed_streams()
    _tolerant_output()
    bad = next((a for a in argv if _has_undecodable(a)), None)
    if bad is not None:
        # Bytes that are not UTF-8 arrive as lone surrogates; printing or
        # storing them would fail later, far from the cause.
        shown = bad.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        print(f"错误: 参数「{shown}」不是有效的 UTF-8 文字（请检查终端的字符编码设置）", file=sys.stderr)
        return 2
    bad = next((a for a in argv if _CONTROL.search(a)), None)
    if bad is not None:
        # An escape sequence echoed back (e.g. in 没有找到“…”) would drive the terminal.
        print(f"错误: 参数 {ascii(bad)[:80]} 含有控制字符（如终端转义序列），请去掉后重试", file=sys.stderr)
        return 2
    wait = os.environ.get("CSKEXAM_WAIT", "").strip()
    if wait:
        try:
            _seconds(wait)
        except argparse.ArgumentTypeError as exc:
            # Ignored, it would leave the user wondering why the wait is not what they set.
            print(f"错误: 环境变量 CSKEXAM_WAIT 的值「{ascii(wait)[1:-1][:40]}」无效：应是 0 到 86400 之间的秒数",
                  file=sys.stderr)
            return 2
    if not argv or argv in (["--db"],):
        return _guarded(lambda: _run_tui(None), None)
    if argv[0] == "--db" and len(argv) == 2:
        return _guarded(lambda: _run_tui(argv[1]), argv[1])
    parser = build_parser()
    args = _parse(parser, argv)
    if args is None:
        return 2
    if args.wait is not None:
        os.environ["CSKEXAM_WAIT"] = repr(args.wait)
    previous = os.environ.get("CSKEXAM_PROFILE")
    if args.profile:
        # Every command and the TUI open the library as this profile.
        os.environ["CSKEXAM_PROFILE"] = args.profile
    try:
        if args.command is None:
            return _guarded(lambda: _run_tui(args.db), args.db)
        with _checked_stdout():
            return _guarded(lambda: _run_command(args), getattr(args, "db", None))
    finally:
        if args.profile:
            if previous is None:
                os.environ.pop("CSKEXAM_PROFILE", None)
            else:
                os.environ["CSKEXAM_PROFILE"] = previous


def _run_command(args: argparse.Namespace) -> int:
    code = int(args.func(args) or 0)
    # What is still buffered is written here, where a failure can be reported, not at exit.
    sys.stdout.flush()
    return code


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | None:
    """The parsed arguments; None when the text of --help or --version could not be written."""
    try:
        with _checked_stdout():
            try:
                return parser.parse_args(argv)
            except SystemExit:
                sys.stdout.flush()  # --help and --version exit once their text is printed
                raise
    except OutputError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return None


class _CheckedOutput:
    """The standard output of a command: a write that fails (a full disk, a device error) raises
    OutputError, which names the output; a closed pipe (| head -1) stays a BrokenPipeError."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            self._checked(exc)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            self._checked(exc)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    def _checked(self, exc: OSError) -> NoReturn:
        # What is still buffered would fail again at exit, with Python's own English message:
        # the rest of the output goes nowhere.
        try:
            fd = self._stream.fileno()
            devnull = os.open(os.devnull, os.O_WRONLY)
        except (OSError, ValueError, AttributeError):
            pass
        else:
            os.dup2(devnull, fd)
            os.close(devnull)
        if isinstance(exc, BrokenPipeError):
            raise exc
        raise OutputError(exc) from None


class _checked_stdout:
    """``sys.stdout`` wrapped in ``_CheckedOutput`` for the time of a command."""

    def __enter__(self) -> None:
        self._stream = sys.stdout
        if self._stream is not None and not isinstance(self._stream, _CheckedOutput):
            sys.stdout = _CheckedOutput(self._stream)

    def __exit__(self, *exc_info) -> None:
        sys.stdout = self._stream


def _guarded(run, db: str | None) -> int:
    """Run a command: a user's mistake or a failing database ends in one message and exit status 2."""
    try:
        return run()
    except UserError as exc:
        hint = f"；{LOCK_WAIT_HINT}" if getattr(exc, "kind", None) == "locked" else ""
        print(_capped(f"错误: {exc}{hint}"), file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the user named could not be read or written
        from cskexam.errors import os_error_text

        where = f"{exc.filename}: " if exc.filename else ""
        print(_capped(f"错误: {where}{os_error_text(exc)}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except UnicodeEncodeError as exc:
        # A name read from disk (a file in a folder of notes) whose bytes are no
        # UTF-8 reaches text that must be UTF-8; say which, instead of a traceback.
        text = exc.object if isinstance(exc.object, str) else ""
        if not _has_undecodable(text):
            raise
        from cskexam.errors import shown_name

        around = shown_name(text[max(0, exc.start - 40):exc.end + 40])
        print(f"错误: 有文件名含有不是 UTF-8 的字节（…{around}…），请把文件改名（只用正常文字）后重试", file=sys.stderr)
        return 2
    except Exception as exc:
        problem = _database_problem(exc, db)
        if problem is None:
            raise
        print(_capped(f"错误: {problem}"), file=sys.stderr)
        return problem.exit_code


def _database_problem(exc: Exception, db: str | None):
    """A database failure that escaped the storage layer (e.g. from the driver itself), as one message."""
    import sqlite3

    if not isinstance(exc, sqlite3.Error) and not type(exc).__module__.startswith(("sqlalchemy", "psycopg")):
        return None
    from cskexam.services.db_problems import database_problem

    return database_problem(exc, db)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _has_terminal() -> bool:
    """Whether the TUI has a terminal to draw on and read keys from (``cskexam serve``
    runs it with pipes and a driver of its own, named in ``TEXTUAL_DRIVER``)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def _has_undecodable(text: str) -> bool:
    return not text.isascii() and any("\udc80" <= ch <= "\udcff" for ch in text)


def _closed_streams() -> None:
    """Standard streams the shell closed (``<&-``, ``>&-``, ``2>&-``), which Python leaves as None.

    No input reads as the end of input (``review`` stops as after its last line); messages with
    no error stream go nowhere, never into the output; output with no stream is an error of the
    output, said on the error stream."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()


class _ClosedOutput:
    """A standard output the shell closed: writing to it fails as writing to a closed descriptor."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise ValueError("standard output is closed")


def _tolerant_output() -> None:
    """Text that cannot be encoded for the terminal is shown escaped instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _run_tui(db: str | None) -> int:
    if not _has_terminal():
        # Without one the app would draw escape codes into a pipe or a file and wait for
        # keys that never come, until it is killed.
        print("错误: 终端界面需要在终端中运行（标准输入或输出不是终端）。"
              "在脚本或管道中请用命令行子命令（cskexam --help），在浏览器中学习请用 cskexam serve",
              file=sys.stderr)
        return 2
    try:
        from cskexam.tui.launch import run
    except ImportError as exc:  # pragma: no cover - the TUI is part of the package
        print(f"错误: 无法启动界面: {exc}", file=sys.stderr)
        return 2
    return int(run(db_url=db) or 0)
