"""The user's data dir and database URL.

CSKEXAM_HOME moves the whole data dir; CSKEXAM_DB (or --db) gives any
SQLAlchemy URL. Without either, SQLite lives in the platform's data dir.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    home = os.environ.get("CSKEXAM_HOME")
    if home:
        try:
            path = Path(home).expanduser()
        except RuntimeError:  # ~someone who has no home directory here
            from cskexam.errors import UserError

            raise UserError("CSKEXAM_HOME 中的 ~用户名 无法展开（没有这个用户或他没有主目录），请写完整路径", home) from None
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("cskexam", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from cskexam.errors import UserError, os_error_text

        if path.exists() and not path.is_dir():
            # mkdir's 文件已存在 would leave the user wondering which file: this one, in place of a folder.
            where = "CSKEXAM_HOME 指向的" if home else "数据目录的位置上"
            raise UserError(f"{where}是一个文件，不是目录：请换一个目录", str(path)) from None
        raise UserError(f"无法创建数据目录: {os_error_text(exc)}", str(path)) from None
    return path


def database_url(override: str | None = None) -> str:
    if override:
        return override
    env = os.environ.get("CSKEXAM_DB")
    if env:
        return env
    return f"sqlite:///{data_dir() / 'cskexam.sqlite3'}"


def export_dir() -> Path:
    """Where an export goes unless the user says otherwise: ~/Downloads where it exists, else here."""
    downloads = Path.home() / "Downloads"
    return downloads if downloads.is_dir() else Path.cwd()
