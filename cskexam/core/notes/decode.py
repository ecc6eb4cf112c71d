"""Bytes of a notes file → text. UTF-8 first, GB18030 when that is valid."""

from __future__ import annotations

from cskexam.core.errors import NotesError


def decode_note_bytes(data: bytes, file: str) -> str:
    if not data.strip():
        raise NotesError("文件为空，没有可导入的笔记", file)
    if b"\x00" in data[:4096]:
        raise NotesError("这是二进制文件，不是文本笔记", file)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise NotesError("无法识别的文字编码（既不是 UTF-8 也不是 GB18030/GBK）", file, line) from None
