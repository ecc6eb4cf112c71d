"""Move a whole library (notes, question bank, every profile and its history) to another database.

``copy_library(src_url, dst_url)`` opens both (creating and migrating the
destination), refuses a destination that already holds a library, copies
every table in one transaction of the destination, then builds the search
index there (it is derived data, and each engine keeps it its own way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from cskexam.errors import UserError
from cskexam.storage import copy_repo
from cskexam.storage.db import open_database, sqlite_file
from cskexam.storage.db_errors import sqlite_in_memory


@dataclass(frozen=True)
class CopyResult:
    rows: dict[str, int]  # rows copied per table
    source: str
    target: str
    search_rebuilt: bool

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_library(src_url: str, dst_url: str, progress: Callable[[str, int], None] | None = None) -> CopyResult:
    if sqlite_in_memory(dst_url):
        # The copy would be made, counted and thrown away with the connection.
        raise UserError("目标是内存中的数据库，复制完成后随即消失：请给出一个文件，如 sqlite:////home/me/cskexam-copy.sqlite3",
                        dst_url)
    src_file = sqlite_file(src_url)
    if src_file is not None and not src_file.is_file():
        # Opening it would create an empty library under the mistyped name.
        raise UserError(f"源资料库不存在：{src_file}")
    dst_file = sqlite_file(dst_url)
    new_dst = dst_file if dst_file is not None and not dst_file.exists() else None
    try:
        return _copy_library(src_url, dst_url, progress)
    except BaseException:
        if new_dst is not None:
            # A failed copy leaves no new, half-filled library behind.
            for suffix in ("", "-wal", "-shm", "-journal"):
                new_dst.with_name(new_dst.name + suffix).unlink(missing_ok=True)
        raise


def _copy_library(src_url: str, dst_url: str, progress: Callable[[str, int], None] | None) -> CopyResult:
    from cskexam.services.library import Library
    from cskexam.services.search import ensure_index

    source = open_database(src_url)
    try:
        target = open_database(dst_url)
        try:
            if source.display_name == target.display_name:
                raise UserError("源资料库与目标资料库是同一个", file=source.display_name)
            with source.engine.connect() as src:
                if not copy_repo.holds_library(src):
                    raise UserError("源资料库是空的，没有可复制的内容", file=source.display_name)
                with target.engine.begin() as dst:
                    if copy_repo.holds_library(dst):
                        raise UserError("目标资料库已有内容；请复制到一个新的（空的）数据库", file=target.display_name)
                    rows = copy_repo.copy_rows(src, dst, progress)
            rebuilt = ensure_index(Library(target))
            return CopyResult(rows, source.display_name, target.display_name, rebuilt)
        finally:
            target.close()
    finally:
        source.close()


def library_rows(url: str) -> dict[str, list[tuple]]:
    """Every library table's rows in key order (what a copy must carry over unchanged)."""
    db = open_database(url)
    try:
        out: dict[str, list[tuple]] = {}
        with db.engine.connect() as conn:
            for table in copy_repo.library_tables():
                out[table.name] = [tuple(r.values()) for chunk in copy_repo.rows_in_order(conn, table) for r in chunk]
        return out
    finally:
        db.close()
