"""The parser's shortcuts for plain items give what the full path gives.

Most items of real notes are short plain titles (有形性, 客户关系管理); the
parser takes them without the full heading analysis. These tests hold the
shortcut to the full path on many generated titles.
"""

from __future__ import annotations

import random

from cskexam.core.notes.headings import PLAIN_TITLE, clean_title_only, split_heading, split_marked_heading, written_title

# Common characters of notes, the ones the shortcut refuses among them.
_ALPHABET = "服务质量管理客户沟通技能岗位职责组织结构计划控制领导激励培训的和与及等性化者是分包共有记口記一二三四五六七八九十两兩指为"
_KNOWN = frozenset({"客户服务", "质量管理", "组织结构"})


def _titles(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def test_plain_titles_split_as_the_full_path_splits_them():
    plain = [t for t in _titles(20_000, 1) if PLAIN_TITLE.fullmatch(t)]
    assert len(plain) > 500
    for title in plain:
        for known, subject in ((frozenset(), ""), (_KNOWN, "客户服务管理概述")):
            assert split_heading(title, known, subject) == split_marked_heading(title, known, subject), title
        assert clean_title_only(title) == written_title(title), title


def test_titles_with_a_predicate_count_or_mnemonic_take_the_full_path():
    for title in ("服务的特征有五", "管理分三类", "服务质量是生命", "宏五", "口诀", "五大特性", "客户服务(重点)", "客户 服务"):
        assert not PLAIN_TITLE.fullmatch(title)
    heading = split_heading("管理的职能有五")
    assert heading.title == "管理的职能" and heading.count == 5


_BODY = _ALPHABET + "、,;。:()【】[] P12共五种记忆口诀"


def test_plain_terms_with_a_body_split_as_the_full_path_splits_them():
    rng = random.Random(2)
    terms = [t for t in _titles(6_000, 3) if PLAIN_TITLE.fullmatch(t)]
    segments = [f"{t}:{''.join(rng.choice(_BODY) for _ in range(rng.randint(0, 30)))}" for t in terms]
    segments += [f"{t}: {rest}" for t, rest in zip(terms, ("指企业的客户", "、甲、乙", ",说明", "(P3)正文", "  ")) ]
    for segment in segments:
        for known, subject in ((frozenset(), ""), (_KNOWN, "客户服务管理概述")):
            assert split_heading(segment, known, subject) == split_marked_heading(segment, known, subject), segment
        assert clean_title_only(segment) == written_title(segment), segment
