"""Rules met in blog notes and scanned books: a numbered Markdown item that is
a sentence holding a list, mnemonics in 【】 after a heading, page furniture
printed beside a running header, classification bases with numbered items,
examples after 如, and count-only lead-ins."""

from __future__ import annotations

from outline_helpers import kids, node, parse, titles


def test_a_numbered_markdown_item_whose_sentence_holds_a_list_keeps_its_sentence_as_title():
    text = (
        "# 教育学简答\n\n## 1. 简述德育过程的特点\n\n答：\n"
        "1. 德育过程是有目的、有计划、有组织的过程\n2. 德育过程是多种因素共同作用的过程\n"
    )
    g = parse(text, "a.md")
    assert kids(g, "简述德育过程的特点") == [
        "德育过程是有目的、有计划、有组织的过程", "德育过程是多种因素共同作用的过程",
    ]
    assert "1." not in titles(g)
