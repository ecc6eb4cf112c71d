"""User-facing errors: one clear message, exit status 2, never a traceback.

``os_error_text`` is the one place where an operating-system error becomes
Chinese words: every "无法读取/写入 …" message takes its reason from here, so
no English ``strerror`` reaches the user.
"""

from __future__ import annotations

import errno
import re


class UserError(Exception):
    """A mistake the user can fix: a bad file, a bad option, an unknown id."""

    exit_code = 2

    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            file = shown_name(self.file)
            where = f"{file}:{self.line}: " if self.line else f"{file}: "
        return f"{where}{self.message}"


# Control characters (C0, C1, DEL), the bidi overrides that reverse what follows,
# and the lone surrogates that stand for bytes of a name that are no UTF-8.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown_name(name: str) -> str:
    """A file name as a message may print it: a newline, an escape sequence, a
    right-to-left override or an undecodable byte is written as ``\\n``, ``\\x1b`` …,
    so the terminal shows the name instead of obeying it."""
    if not _UNSHOWABLE.search(name):
        return name
    return _UNSHOWABLE.sub(_escape, name)


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if "\udc80" <= ch <= "\udcff":  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


class DatabaseProblem(UserError):
    """The library's database failed while in use: damaged, full, read-only, locked, missing a table."""

    def __init__(self, message: str, file: str | None = None, *, kind: str = "other"):
        super().__init__(message, file)
        self.kind = kind  # "corrupt" | "full" | "readonly" | "locked" | "schema" | "io" | "other"


_ERRNO_TEXT = {
    errno.ENOENT: "文件或目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "操作不被允许（没有权限）",
    errno.EISDIR: "这是一个目录，不是文件",
    errno.ENOTDIR: "路径中的某一段不是目录",
    errno.ELOOP: "符号链接形成了循环",
    errno.ENOSPC: "磁盘空间已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EFBIG: "文件超过了允许的大小",
    errno.EROFS: "文件系统是只读的",
    errno.EIO: "磁盘读写出错（输入/输出错误）",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "文件已存在",
    errno.EMFILE: "打开的文件太多",
    errno.ENFILE: "系统打开的文件太多",
    errno.EBUSY: "文件正被占用",
    errno.ETXTBSY: "文件正被占用",
    errno.ENXIO: "设备不存在或没有连接",
    errno.ENODEV: "设备不存在",
    errno.EINVAL: "参数无效",
    errno.EAGAIN: "资源暂时不可用，请稍后重试",
    errno.ENOMEM: "内存不足",
    errno.EXDEV: "不能跨文件系统移动",
    errno.ENOTEMPTY: "目录不是空的",
    errno.ESTALE: "网络文件已失效",
    errno.EBADF: "文件已被关闭（如命令行中的 >&-）",
}


class OutputError(UserError):
    """The command's own output (its standard output) could not be written: a full disk, a device error.
    Named so, since the error has no file name of its own and 磁盘空间已满 alone would leave the user
    looking at the library or the notes."""

    def __init__(self, exc: OSError):
        super().__init__(f"写出结果时出错（标准输出）：{os_error_text(exc)}")


def os_error_text(exc: OSError) -> str:
    """Chinese words for an OSError's reason (no file name: the caller names it)."""
    if isinstance(exc, UnicodeError):
        return "文件名或内容不是有效的文字编码"
    code = getattr(exc, "errno", None)
    if code in _ERRNO_TEXT:
        return _ERRNO_TEXT[code]
    if code:
        return f"系统错误（错误号 {code}）"
    return "系统错误"


# -- long lists and long values ------------------------------------------------------

# A bad file may have thousands of bad rows: the first ones say what is wrong, the
# rest only how many more.
PROBLEMS_SHOWN = 20
# A value quoted back is cut to its first characters (a 100,000-character argument
# would otherwise fill the terminal).
VALUE_SHOWN = 40


def more_problems(count: int) -> str:
    return f"……还有 {count:,} 处问题"


def listed_problems(lines: list[str], limit: int = PROBLEMS_SHOWN) -> list[str]:
    """The first ``limit`` of ``lines``, then one line saying how many more there are."""
    if len(lines) <= limit:
        return list(lines)
    return lines[:limit] + [more_problems(len(lines) - limit)]


def shown_value(text: object, limit: int = VALUE_SHOWN) -> str:
    """A value typed or read by the user, as a message quotes it: at most ``limit``
    characters, then ``…``; control characters (an escape sequence would drive the
    terminal, a newline split the message) and direction overrides taken out."""
    if isinstance(text, int) and not isinstance(text, bool) and text.bit_length() > 14_000:
        return "（一个很长的数字）"  # str() refuses over 4,300 digits
    text = str(text)
    head = text[: limit * 4]
    if _UNSHOWABLE.search(head):
        cut = len(text) > len(head)
        text = _UNSHOWABLE.sub("", head)
        if cut:
            return text[:limit] + "…"
    return text if len(text) <= limit else text[:limit] + "…"


# An argument longer than this is cut wherever a message quotes it (a real path
# is shorter), to its first ``VALUE_SHOWN`` and last ``_TAIL_SHOWN`` characters.
_LONG_ARGUMENT = 256
_TAIL_SHOWN = 20
_BLOCK = 16


def cap_echoes(message: str, arguments: list[str]) -> str:
    """``message`` with every stretch of over ``_LONG_ARGUMENT`` characters copied from one
    of ``arguments`` (a value, a path or a part of one) cut to its first ``VALUE_SHOWN``
    characters, ``…`` and its last ``_TAIL_SHOWN`` (a file's name), whatever the message
    that quotes it.

    Such a stretch holds a whole ``_BLOCK`` of its argument (cut at multiples of
    ``_BLOCK``): the blocks are looked up at each place of the message and a hit
    is widened both ways as far as message and argument agree."""
    long = [a for a in arguments if len(a) > _LONG_ARGUMENT]
    if not long or len(message) <= _LONG_ARGUMENT:
        return message
    blocks: dict[str, str] = {}
    for arg in long:
        for k in range(0, len(arg) - _BLOCK + 1, _BLOCK):
            blocks.setdefault(arg[k:k + _BLOCK], arg)
    out: list[str] = []
    done = i = 0
    while i <= len(message) - _BLOCK:
        found = blocks.get(message[i:i + _BLOCK])
        if found is None:
            i += 1
            continue
        arg = found
        k = arg.find(message[i:i + _BLOCK])  # its first place: the most room to widen forward
        start = max(done, i - _agreeing(message, i, arg, k, forward=False))
        end = i + _agreeing(message, i, arg, k, forward=True)
        if end - start <= _LONG_ARGUMENT:
            i += 1
            continue
        out.append(message[done:start])
        out.append(message[start:start + VALUE_SHOWN] + "…" + message[end - _TAIL_SHOWN:end])
        done = i = end
    out.append(message[done:])
    return "".join(out)


def _agreeing(message: str, i: int, arg: str, k: int, *, forward: bool) -> int:
    """How many characters from ``message[i]`` and ``arg[k]`` on (or before them) agree."""
    most = min(len(message) - i, len(arg) - k) if forward else min(i, k)

    def same(n: int) -> bool:
        if forward:
            return message[i:i + n] == arg[k:k + n]
        return message[i - n:i] == arg[k - n:k]

    good, probe = 0, _BLOCK
    while probe <= most and same(probe):  # doubling, then halving: slices compare in C
        good, probe = probe, probe * 2
    bad = min(probe, most + 1)
    while bad - good > 1:
        mid = (good + bad) // 2
        good, bad = (mid, bad) if same(mid) else (good, mid)
    return good
