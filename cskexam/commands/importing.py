"""``cskexam import [PATH ...]``: store notes in the database."""

from __future__ import annotations

import argparse
import sys

ORDER = 20


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="把笔记导入数据库（默认：内置笔记）",
        description=(
            "读取笔记（.txt/.md 文件或目录，默认是内置笔记），解析为知识图谱并在一个事务中写入数据库。"
            "重复导入不会产生重复；修改过的笔记再次导入时，未改动的要点保持原有编号和复习记录，"
            "笔记中已删除的要点标记为停用（不会删除）。"
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="路径", help="笔记文件或目录（可多个）")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="以本次导入的笔记作为全部资料：其他文件的要点标记为停用（默认只影响本次导入的文件）",
    )
    # Also accepted after the sub-command; SUPPRESS keeps the global --db when absent.
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from cskexam.services.library import open_library, prepare_import

    progress = ProgressLine(sys.stderr)
    try:
        # The notes are read and parsed before the database is opened: bad
        # notes leave no trace, not even a new empty database file.
        prepared = prepare_import(args.paths or None, progress)
        with open_library(getattr(args, "db", None)) as library:
            result = library.store(prepared, progress, replace=args.replace)
            summary = library.summary()
            where = library.display_name
    finally:
        progress.close()
    # The loss report needs only the file list; the parsed notes and the library's
    # copy of the graph go first, so a large file's import needs their memory once.
    uncorrected, unused = prepared.uncorrected, prepared.unused_errata
    del prepared, library
    import gc

    gc.collect()
    from cskexam.errors import shown_name

    files = "、".join(shown_name(f.name) for f in result.files)
    print(f"已导入 {len(result.files)} 个文件: {files}")
    print(
        f"新增 {result.added}，更新 {result.updated}，未变 {result.unchanged}，停用 {result.deactivated}"
        + (f"，恢复 {result.reactivated}" if result.reactivated else "")
    )
    print(
        f"资料库现有: 文档 {summary.documents}，章 {summary.chapters}，节 {summary.sections}，"
        f"要点 {summary.points}，列表项 {summary.items}，列表 {summary.lists}，定义 {summary.definitions}"
        + (f"（另有停用 {summary.inactive}）" if summary.inactive else "")
    )
    print(f"数据库: {where}")
    from cskexam.services.notes import loss_report

    for line in loss_report(uncorrected, unused):
        print(line)
    return 0


class ProgressLine:
    """A one-line progress display on a terminal, plain lines otherwise."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._width = 0

    def __call__(self, done: int, total: int, label: str) -> None:
        from cskexam.errors import shown_name

        line = f"[{done}/{total}] {shown_name(label)}"
        if self.tty:
            pad = max(0, self._width - _display_width(line))
            self.stream.write("\r" + line + " " * pad)
            self._width = _display_width(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def _display_width(text: str) -> int:
    # CJK characters take two terminal cells.
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
