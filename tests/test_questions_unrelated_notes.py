"""Questions from a library holding notes of unrelated subjects."""

from __future__ import annotations

import random

from cskexam.core.notes import NoteSource, parse_notes
from cskexam.core.questions import generate_questions

HISTORY = "中国文化常识\n一、四大发明\n造纸术、指南针、火药、印刷术\n二、传统节日\n春节、元宵节、端午节、中秋节\n"
SERVICE = "客户服务笔记\n一、服务的特性\n无形性、不可分性、易消失性、易变性\n二、服务的内容\n售前服务、售中服务、售后服务\n"
RESEARCH = "研究方法\n一、描述性研究\n包括横断面研究、生态学研究、病例报告三种。\n二、分析性研究\n包括病例对照研究、队列研究两种。\n"


def _questions(*texts: str):
    graph = parse_notes([NoteSource(f"n{i}.txt", t) for i, t in enumerate(texts)])
    return generate_questions(graph, random.Random(7))


def test_a_false_statement_puts_an_item_in_a_list_of_the_same_notes_only():
    notes = {"造纸术", "指南针", "火药", "印刷术", "春节", "元宵节", "端午节", "中秋节"}
    for q in _questions(HISTORY, SERVICE):
        if q.kind == "judge_item" and q.answer == "错":
            item, _, named = q.stem.rstrip("。").partition("属于")
            from_history = any(w in item for w in notes)
            assert from_history == any(w in named for w in ("四大发明", "传统节日")), q.stem


def test_a_study_named_by_its_kind_keeps_its_name():
    stems = [q.stem for q in _questions(RESEARCH)]
    assert not any("描述性的" in s or s.endswith("属于描述性。") for s in stems), stems
