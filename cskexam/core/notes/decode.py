"""Bytes of a notes file → text.

A byte-order mark decides (UTF-8, UTF-16 or UTF-32, as Windows Notepad saves);
without one, UTF-8 first, GB18030 when that is valid.
"""

from __future__ import annotations

import codecs

from cskexam.core.errors import NotesError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


def _by_bom(data: bytes, file: str) -> str | None:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                # Count newlines in the decodable part to name the line.
                good = data[len(bom) : len(bom) + exc.start].decode(codec, errors="replace")
                raise NotesError(f"文件以 {label} 标记开头，但内容不是有效的 {label} 文本", file, good.count("\n") + 1) from None
    return None


def decode_note_bytes(data: bytes, file: str) -> str:
    text = _by_bom(data, file)
    if text is not None:
        if not text.strip():
            raise NotesError("文件为空，没有可导入的笔记", file)
        if "\x00" in text[:4096]:
            raise NotesError("这是二进制文件，不是文本笔记", file)
        return text
    if not data.strip():
        raise NotesError("文件为空，没有可导入的笔记", file)
    if b"\x00" in data[:4096]:
        raise NotesError("这是二进制文件，不是文本笔记（若是 UTF-16 文本，请另存为带 BOM 的 UTF-16 或 UTF-8）", file)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise NotesError("无法识别的文字编码（既不是 UTF-8 也不是 GB18030/GBK）", file, line) from None
