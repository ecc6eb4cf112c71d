"""User-facing errors: one clear message, exit status 2, never a traceback."""

from __future__ import annotations


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
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"


_OS_ERRORS = {
    "ENOENT": "文件或目录不存在",
    "EACCES": "没有权限",
    "EPERM": "不允许的操作",
    "EISDIR": "这是一个目录，不是文件",
    "ENOTDIR": "路径中有一段不是目录",
    "ENOSPC": "磁盘空间不足",
    "EROFS": "文件系统是只读的",
    "EEXIST": "已经存在",
    "ENAMETOOLONG": "文件名太长",
    "EBUSY": "设备或文件正被占用",
    "EMFILE": "打开的文件太多",
    "EDQUOT": "超出磁盘配额",
    "EIO": "读写出错",
    "ELOOP": "符号链接层数太多",
    "EINVAL": "参数无效",
}


def os_error_text(exc: OSError) -> str:
    """What went wrong, in Chinese (the system's own wording is English)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    if name in _OS_ERRORS:
        return _OS_ERRORS[name]
    if isinstance(exc, UnicodeError):
        return "文件编码无法识别"
    return f"系统错误 {name or exc.errno}" if (name or exc.errno) else "系统错误"
