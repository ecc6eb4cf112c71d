"""Bytes of a notes file → text.

A byte-order mark decides (UTF-8, UTF-16 or UTF-32, as Windows Notepad saves);
without one, UTF-8 first; UTF-16 when its line ends and ASCII show as NUL bytes
on one side; else GB18030, or Big5 (Taiwan and Hong Kong notes) when Big5 reads
as common characters and GB18030 as rare ones — GB18030 accepts almost any bytes,
so a Big5 file would otherwise come out as garbage without an error.
"""

from __future__ import annotations

import codecs
import re

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


# Line ends other than \n and \r that text from PDFs, Word and web pages carries: a page
# break (pdftotext puts \f between pages), a vertical tab, NEL and the Unicode line and
# paragraph separators. Each ends a line, as in the editor that shows the file; left in
# the text they would be dropped as control characters and run two lines into one.
_OTHER_LINE_ENDS = re.compile("[\x0b\x0c\x85\u2028\u2029]")


def decode_note_bytes(data: bytes, file: str) -> str:
    return _plain_lines(_decoded(data, file))


def _plain_lines(text: str) -> str:
    if _OTHER_LINE_ENDS.search(text):
        text = _OTHER_LINE_ENDS.sub("\n", text)
    return text


def _decoded(data: bytes, file: str) -> str:
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
        text = _utf16_without_bom(data)
        if text is None:
            raise NotesError("这是二进制文件，不是文本笔记（若是 UTF-16 文本，请另存为带 BOM 的 UTF-16 或 UTF-8）", file)
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    big5 = _big5(data)
    if big5 is not None and (text is None or _common_share(big5, "big5") > _common_share(text, "gb2312") + 0.2):
        return big5
    if text is None:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise NotesError("无法识别的文字编码（既不是 UTF-8 也不是 GB18030/GBK 或 Big5）", file, line) from None
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a mark: the NUL bytes of its ASCII characters (line
    ends, digits) sit at odd offsets (little-endian) or at even ones (big-endian);
    a few on the other side come from characters such as 一 (U+4E00)."""
    head = data[:4096]
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    if len(data) % 2 or min(odd, even) * 3 > max(odd, even):
        return None
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    readable = sum(1 for ch in text[:2000] if ch.isprintable() or ch in "\n\r\t")
    return text if "\x00" not in text and readable >= 0.98 * min(len(text), 2000) else None


def _big5(data: bytes) -> str | None:
    try:
        return data.decode("big5")
    except UnicodeDecodeError:
        return None


def _common_share(text: str, table: str) -> float:
    """The share of the Chinese characters of ``text`` that are everyday ones: GB2312's
    first level (3,755 characters) for simplified text, Big5's 常用字 for traditional."""
    chars = [ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff"]
    if not chars:
        return 0.0
    common = 0
    for ch in chars:
        try:
            code = ch.encode(table)
        except UnicodeEncodeError:
            continue
        if table == "gb2312" and 0xB0 <= code[0] <= 0xD7:
            common += 1
        elif table == "big5" and 0xA440 <= int.from_bytes(code[:2], "big") <= 0xC67E:
            common += 1
    return common / len(chars)
