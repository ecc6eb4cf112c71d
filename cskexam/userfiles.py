"""Reading files the user names: one clear Chinese error for every way it can fail.

A path the user gives may be missing, a dangling symlink or a symlink loop, a
directory, a FIFO that would block forever, a device such as ``/dev/zero``
that never ends, unreadable, or simply too big. ``stat_input`` and
``read_input_file`` look before they read and raise ``error_cls`` (a
``UserError``) naming the path, so nothing is ever half-read.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Collection, Iterator

from cskexam.errors import UserError, os_error_text

MB = 1024 * 1024


def _missing_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        try:
            os.lstat(path)
        except OSError:
            return "路径不存在"
        return "符号链接指向的文件不存在"
    return os_error_text(exc)


def require_named(path: str | Path, error_cls: type[UserError] = UserError) -> None:
    """``error_cls`` for a path that names no file: an empty string (which ``Path``
    reads as the current folder) or ``-`` (standard input or output, which cskexam
    does not read or write: a file called ``-`` would appear instead)."""
    text = str(path)
    if not text.strip():
        raise error_cls("没有给出文件名（路径是空的）", repr(text))
    if text == "-":
        raise error_cls("不支持标准输入或输出（-）：请给出文件名", text)


def stat_input(path: str | Path, error_cls: type[UserError] = UserError, *, allow_dir: bool = False) -> os.stat_result:
    """The path's status, or ``error_cls`` saying in Chinese why it cannot be read as input."""
    require_named(path, error_cls)
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise error_cls(_missing_reason(path, exc), str(path)) from None
    except ValueError:  # an embedded NUL
        raise error_cls("路径中含有无效字符", repr(str(path))) from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        if allow_dir:
            return st
        raise error_cls("这是一个目录，不是文件", str(path))
    if not stat.S_ISREG(mode):
        raise error_cls(f"这是{_kind(mode)}，不是普通文件", str(path))
    return st


def expand_user(path: str | Path, error_cls: type[UserError] = UserError) -> Path:
    """``path`` with a leading ``~`` or ``~user`` expanded; ``error_cls`` when there is no such user."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        raise error_cls("路径中的 ~用户名 无法展开（没有这个用户或他没有主目录），请写完整路径", str(path)) from None


def require_parent_dir(path: str | Path, error_cls: type[UserError] = UserError) -> None:
    """``error_cls`` unless the folder a user-named output file goes into exists.

    A typo in a path must not quietly grow a tree of new folders.
    """
    parent = expand_user(path, error_cls).parent
    if not parent.is_dir():
        if parent.exists():
            raise error_cls(f"路径中的 {parent} 是一个文件，不是目录", str(path))
        raise error_cls(f"目录不存在：{parent}", str(path))


def require_output_path(path: str | Path, error_cls: type[UserError] = UserError) -> None:
    """``error_cls`` unless ``path`` can take a new file written beside it and renamed over it.

    Its folder must exist, and whatever is already there must be a plain file:
    renaming a finished export over ``/dev/null``, a FIFO or a folder would
    replace that device or fail half-way.
    """
    text = str(path)
    require_named(text, error_cls)
    if text.endswith(("/", os.sep)):
        # "导出/" names a folder; writing a file called "导出" instead would surprise.
        raise error_cls("这是一个目录路径，请在后面写上文件名", text)
    require_parent_dir(path, error_cls)
    try:
        st = os.stat(expand_user(path, error_cls))
    except FileNotFoundError:
        return
    except OSError as exc:
        raise error_cls(_missing_reason(Path(path), exc), str(path)) from None
    except ValueError:
        raise error_cls("路径中含有无效字符", repr(str(path))) from None
    if stat.S_ISDIR(st.st_mode):
        raise error_cls("这是一个目录，请给出文件名", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise error_cls(f"这是{_kind(st.st_mode)}，不能写入导出文件", str(path))
    _refuse_a_database(expand_user(path, error_cls), error_cls)
    if not st.st_mode & 0o222 or not os.access(expand_user(path, error_cls), os.W_OK):
        # Replaced by a rename, a read-only file would be overwritten all the same (and lose
        # its read-only mark): the user made it read-only to keep it.
        raise error_cls("这个文件是只读的，导出不会覆盖它：请换一个文件名，或先去掉它的只读属性", str(path))


@contextmanager
def replacing(path: str | Path, error_cls: type[UserError] = UserError) -> Iterator[Path]:
    """A new, empty file beside ``path`` to write an export into, renamed over ``path`` when the
    block ends; removed, with ``path`` as it was, when the block fails (``error_cls`` for an OSError).

    The file gets a random name that did not exist before (``O_EXCL``): a fixed name such as
    ``导出.csv.part``, planted as a symlink to the library, had the export written through it.
    It ends with the mode of the file it replaces, or that of a new file."""
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise error_cls(f"无法写入文件: {os_error_text(exc)}", str(path)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise error_cls(f"无法写入文件: {os_error_text(exc)}", str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permissions of the file at ``path``, or those a new file gets (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    umask = 0o022
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    umask = int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass  # not Linux: the usual umask
    return 0o666 & ~umask


_SQLITE_MAGIC = b"SQLite format 3\x00"
_DATABASE_COMPANIONS = ("-wal", "-shm", "-journal")


def _refuse_a_database(path: Path, error_cls: type[UserError]) -> None:
    """An export written over a SQLite file (the library itself, a backup) or over the
    ``-wal``/``-shm``/``-journal`` file beside one would destroy what it holds."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError:
        head = b""
    name = path.name
    companion_of = next((name[: -len(end)] for end in _DATABASE_COMPANIONS
                         if name.endswith(end) and len(name) > len(end)), None)
    if head == _SQLITE_MAGIC or (companion_of is not None and (path.parent / companion_of).is_file()):
        raise error_cls("这是一个数据库文件（可能就是资料库或它的备份），导出不会覆盖它：请换一个文件名", str(path))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "一个管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "一个设备文件"
    if stat.S_ISSOCK(mode):
        return "一个套接字"
    return "一个特殊文件"


def read_input_file(path: str | Path, error_cls: type[UserError] = UserError, *, max_bytes: int) -> bytes:
    """All bytes of a regular file of at most ``max_bytes``, or ``error_cls`` with the reason."""
    path = Path(path)
    st = stat_input(path, error_cls)
    if st.st_size > max_bytes:
        raise error_cls(_too_big(st.st_size, max_bytes), str(path))
    try:
        # O_NONBLOCK: should the path have been swapped for a FIFO since the
        # stat, opening it does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise error_cls("这不是普通文件", str(path))
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise error_cls(f"无法读取文件: {os_error_text(exc)}", str(path)) from None
    if len(data) > max_bytes:
        raise error_cls(_too_big(len(data), max_bytes), str(path))
    return data


def _too_big(size: int, limit: int) -> str:
    return f"文件太大（{_size_text(size)}，上限 {_size_text(limit)}）"


def _size_text(n: int) -> str:
    if n >= MB:
        return f"{n / MB:.1f} MB"
    return f"{max(1, round(n / 1024))} KB"


# A folder of notes or of a question bank holds tens to thousands of files; a walk
# that has looked at this many entries was pointed at the wrong folder (/, ~).
MAX_WALK_ENTRIES = 50_000


def files_under(folder: str | Path, suffixes: Collection[str],
                error_cls: type[UserError] = UserError) -> list[Path]:
    """The files under ``folder`` (at any depth, symlinked folders not followed, so no loop)
    whose names end in one of ``suffixes``, sorted; an error naming the folder once the walk
    has looked at ``MAX_WALK_ENTRIES`` entries, instead of reading a whole disk. Folders that
    cannot be read are an error naming them: the notes or questions in them would be
    missing without a word (and an import with --replace would retire them)."""
    found: list[Path] = []
    seen = 0

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        raise error_cls(f"无法读取目录：{os_error_text(exc)}", str(where))

    for top, dirs, files in os.walk(folder, onerror=unreadable, followlinks=False):
        seen += len(dirs) + len(files)
        if seen > MAX_WALK_ENTRIES:
            raise error_cls(f"这个目录下的文件太多（超过 {MAX_WALK_ENTRIES:,} 个），不像是笔记或题库的目录："
                            "请指定存放它们的子目录", str(folder))
        dirs.sort()
        for name in files:
            if os.path.splitext(name)[1].lower() in suffixes:
                path = Path(top, name)
                if path.is_file():
                    found.append(path)
    return sorted(found)
