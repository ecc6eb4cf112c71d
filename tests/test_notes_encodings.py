"""Notes saved in the encodings Chinese editors use, read without a byte-order mark."""

from __future__ import annotations

import pytest

from cskexam.core.errors import NotesError
from cskexam.core.notes.decode import decode_note_bytes

SIMPLIFIED = "第一章 客户服务概述\n一、服务的特征\n1、无形性\n2、不可分离性\n客户满意度与忠诚度的关系说明如下。\n"
TRADITIONAL = "第一章 客戶服務概述\n一、服務的特徵\n1、無形性\n2、不可分離性\n客戶滿意度與忠誠度的關係說明如下。\n"


@pytest.mark.parametrize("codec", ["utf-8", "gbk", "gb18030", "utf-16-le", "utf-16-be"])
def test_simplified_notes_read_back_exactly(codec):
    assert decode_note_bytes(SIMPLIFIED.encode(codec), "笔记.txt") == SIMPLIFIED


@pytest.mark.parametrize("codec", ["utf-8", "big5", "utf-16-le"])
def test_traditional_notes_from_taiwan_and_hong_kong_read_back_exactly(codec):
    # Big5 bytes are also valid GB18030: read that way they were silently garbled.
    assert decode_note_bytes(TRADITIONAL.encode(codec), "筆記.txt") == TRADITIONAL


@pytest.mark.parametrize("data", [b"abc\ndef\x00ghi", bytes(range(256)) * 4, b"x\n" * 5 + b"\x00\x01" * 100])
def test_binary_data_is_refused(data):
    with pytest.raises(NotesError) as err:
        decode_note_bytes(data, "图片.txt")
    assert "二进制" in str(err.value)
