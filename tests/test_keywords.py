"""Key terms for cloze cards: jieba's TF-IDF weighting on rjieba's tags."""

from __future__ import annotations

import subprocess
import sys

from cskexam.core.keywords import tfidf_keywords

NOUNS = frozenset(("n", "nz", "vn", "nt", "nr", "ns"))


def test_the_strongest_terms_of_a_definition_come_first():
    words = tfidf_keywords("客户服务环境是指与企业营销活动有潜在关系的所有外部力量和相关因素的集合。", NOUNS, 8)
    assert words[:2] == ["客户服务", "营销"]
    assert "的" not in words and "是" not in words  # particles and verbs are no key terms
    assert len(words) <= 8


def test_a_sentence_without_nouns_has_no_key_terms():
    assert tfidf_keywords("的了吗呢", NOUNS, 8) == []


def test_keywords_leave_jiebas_tagger_unloaded():
    """jieba's part-of-speech tables take about 130 MB; an import must not load them."""
    code = (
        "import sys\n"
        "from cskexam.core.card_cloze import jieba_keywords\n"
        "assert jieba_keywords('科学技术是社会生产力最新和最活跃的因素')\n"
        "print('jieba.posseg' in sys.modules, 'jieba.analyse' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
