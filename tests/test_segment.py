import subprocess
import sys

from cskexam.core.graph import Definition, KnowledgeGraph, Node
from cskexam.core.segment import Segmenter, domain_terms

SENTENCE = "客户服务管理师要做宏观环境分析和竞争者环境分析"


def test_user_terms_stay_whole():
    seg = Segmenter(["客户服务管理师", "宏观环境分析", "竞争者环境"])
    words = seg.cut(SENTENCE)
    assert "客户服务管理师" in words
    assert "宏观环境分析" in words
    assert "竞争者环境" in words
    assert "".join(words) == SENTENCE


def test_without_user_terms_jieba_splits_the_title():
    words = Segmenter().cut(SENTENCE)
    assert "客户服务管理师" not in words
    assert "".join(words) == SENTENCE


def test_cut_for_search_keeps_whole_and_parts():
    seg = Segmenter(["宏观环境分析", "市场人口"])
    tokens = seg.cut_for_search("(一)、宏观环境分析(宏五):(P4)1、市场人口:人口是构成市场的第一要素")
    for word in ("宏观环境分析", "宏观", "环境", "市场人口", "市场", "人口", "要素"):
        assert word in tokens


def test_empty_text():
    seg = Segmenter()
    assert seg.cut("") == [] and seg.cut_for_search("") == [] and seg.cut_all("") == []


def test_dictionary_loads_on_first_cut_not_at_import_or_construction():
    code = (
        "import sys\n"
        "from cskexam.core.segment import Segmenter\n"
        "s = Segmenter(['宏观环境分析'])\n"
        "assert 'rjieba' not in sys.modules and 'jieba' not in sys.modules, 'loaded early'\n"
        "assert not s.loaded\n"
        "assert '宏观环境分析' in s.cut('宏观环境分析很重要')\n"
        "assert s.loaded\n"
        "assert 'rjieba' in sys.modules or 'jieba' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _graph() -> KnowledgeGraph:
    g = KnowledgeGraph()
    doc = Node("d", "document", "客户服务管理师二级-《技能理论》重点考点", children=["p"])
    p = Node("p", "point", "宏观环境分析", mnemonic="宏五", parent="d", children=["i"])
    i = Node("i", "item", "市场人口", text="人口是构成市场的第一要素", parent="p")
    long = Node("l", "point", "客户服务环境是指与企业营销活动有潜在关系的所有外部力量", parent="d")
    for n in (doc, p, i, long):
        g.nodes[n.id] = n
    g.definitions.append(Definition("愿望竞争者", "指提供不同的产品以满足不同需求的竞争者", "p"))
    return g


def test_domain_terms_split_titles_and_drop_sentences():
    terms = domain_terms(_graph())
    assert {"客户服务管理师二级", "技能理论", "重点考点", "宏观环境分析", "宏五", "市场人口", "愿望竞争者"} <= set(terms)
    assert all(2 <= len(t) <= 12 for t in terms)
    assert not any("外部力量" in t for t in terms)
