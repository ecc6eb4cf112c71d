"""Loading and validating the authored bank (schema E) with file:line problems."""

import textwrap

import pytest

from cskexam.core.bank import check_bank_text, check_bank_texts, raise_for_problems, resolve_node
from cskexam.core.errors import BankError
from test_questions_helpers import DOC1, DOC2, by_title, sample_graph

GOOD = textwrap.dedent(
    f"""\
    document: {DOC1}
    questions:
      - id: jn-001
        type: 单选
        stem: 指提供不同的产品以满足相同需求的竞争者是（ ）。
        options: {{A: 愿望竞争者, B: 普通竞争者, C: 产品形式竞争者, D: 品牌竞争者}}
        answer: B
        explanation: 普通竞争者指提供不同的产品以满足相同需求的竞争者。
        node: [竞争者环境, 普通竞争者]
        tags: [重点]
        difficulty: 2

      - id: jn-002
        type: 多选
        stem: 下列属于宏观环境分析的有（ ）。
        options: {{A: 市场人口, B: 营销环境, C: 技术环境, D: 服务环境}}
        answer: [C, A]
        explanation: 宏五。
        node: [宏观环境分析]

      - id: jn-003
        type: 判断
        stem: 愿望竞争者指提供不同的产品以满足相同需求的竞争者。
        answer: ×
        explanation: 那是普通竞争者。
        node: 愿望竞争者

      - id: jn-004
        type: 填空
        stem: 宏观环境分析简称“宏五”，微观环境分析简称“____”。
        answer: 微四
        explanation: 微观环境（微四）。
        node: [微观环境]

      - id: jn-005
        type: 简答
        stem: 竞争者环境包括哪四类竞争者？
        answer: 愿望竞争者、普通竞争者、产品形式竞争者、品牌竞争者
        points:
          - {{point: 愿望竞争者, synonyms: []}}
          - {{point: 普通竞争者, synonyms: [一般竞争者]}}
          - 产品形式竞争者
          - {{point: 品牌竞争者}}
        explanation: 见竞争者环境。
        node: [竞争者环境]
    """
)


@pytest.fixture(scope="module")
def graph():
    return sample_graph()


def _problems(text, graph):
    res = check_bank_text(text, "bank.yaml", graph)
    return [str(p) for p in res.problems]


def test_good_file_loads_every_question_linked_to_its_node(graph):
    res = check_bank_text(GOOD, "bank.yaml", graph)
    assert res.problems == []
    qs = {q.id: q for q in res.questions}
    assert list(qs) == ["jn-001", "jn-002", "jn-003", "jn-004", "jn-005"]
    assert qs["jn-001"].node == by_title(graph, "普通竞争者").id
    assert qs["jn-002"].answer == ["A", "C"]  # sorted
    assert qs["jn-003"].answer == "错" and qs["jn-003"].node == by_title(graph, "愿望竞争者").id
    assert [p.point for p in qs["jn-005"].points] == ["愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"]
    assert qs["jn-005"].points[1].synonyms == ("一般竞争者",)
    q = qs["jn-001"]
    assert q.source == "bank" and q.kind == "authored" and q.document == DOC1
    assert q.origin.file == "bank.yaml" and q.origin.line == 3
    assert q.grade("b").correct
    assert qs["jn-005"].grade("一般竞争者，品牌竞争者").score == 0.5


def test_every_problem_is_reported_with_its_line(graph):
    bad = GOOD.replace("answer: B\n", "answer: G\n", 1)
    bad = bad.replace("type: 判断", "type: 连线题")
    bad = bad.replace("    answer: 微四\n", "")
    problems = _problems(bad, graph)
    lines = bad.splitlines()
    assert any(p.startswith("bank.yaml:7: ") and "答案必须是一个字母" in p for p in problems), problems
    assert lines[6].strip() == "answer: G"
    type_line = next(i for i, l in enumerate(lines, 1) if "连线题" in l)
    assert f"bank.yaml:{type_line}: 未知题型「连线题」" in " ".join(problems)
    missing = [p for p in problems if "缺少答案" in p]
    assert len(missing) == 1
    start = next(i for i, l in enumerate(lines, 1) if "id: jn-004" in l)
    assert missing[0].startswith(f"bank.yaml:{start}:")
    # A file with problems gives no questions at all: it never half-imports.
    assert check_bank_text(bad, "bank.yaml", graph).questions == []


@pytest.mark.parametrize(
    "edit, message",
    [
        (("answer: B\n", "answer: E\n"), "答案 E 不在选项 A、B、C、D 中"),
        (("answer: [C, A]", "answer: [C]"), "多选题至少要有两个正确选项"),
        (("answer: [C, A]", "answer: [A, B, C, D]"), "全部选项都是正确答案"),
        (("answer: ×", "answer: 也许"), "判断题答案必须是 对 或 错"),
        (("node: [宏观环境分析]", "node: [宏观环境]"), "找不到知识点「宏观环境」"),
        (("id: jn-002", "id: JN_002"), "只能包含小写字母"),
        (("id: jn-002", "id: jn-001"), "题号 jn-001 重复（首次出现在 bank.yaml:3）"),
        (("    points:\n", "    pointz:\n"), "未知字段「pointz」"),
        (("{A: 市场人口, B: 营销环境", "{A: 市场人口, B: 市场人口"), "选项 A 与 B 相同"),
        (("{A: 市场人口, B: 营销环境, C: 技术环境, D: 服务环境}", "{A: 市场人口, C: 营销环境}"), "选项字母必须依次为"),
        (("简称“____”", "简称“微四”"), "填空题题干中没有空"),
        (("difficulty: 2", "difficulty: 5"), "难度 difficulty 必须是 1、2 或 3"),
        (("    explanation: 宏五。\n", ""), "缺少解析 explanation"),
        ((f"document: {DOC1}", "document: 不存在的文档"), "知识图谱中没有文档「不存在的文档」"),
    ],
)
def test_each_kind_of_problem_has_a_clear_chinese_message(graph, edit, message):
    old, new = edit
    assert old in GOOD
    problems = _problems(GOOD.replace(old, new, 1), graph)
    assert any(message in p for p in problems), problems


def test_short_answer_without_points_is_a_problem_case_analysis_is_not(graph):
    text = GOOD.split("    points:")[0] + "    explanation: 见竞争者环境。\n    node: [竞争者环境]\n"
    assert any("简答题缺少采分点 points" in p for p in _problems(text, graph))
    assert _problems(text.replace("type: 简答", "type: 案例分析"), graph) == []


def test_ambiguous_suffix_asks_for_a_longer_path(graph):
    # 宏观环境分析 exists once here; give the graph a second one in the same document.
    from test_questions_helpers import _Builder

    b = _Builder()
    d = b.add("document", DOC1)
    for chapter in ("第一章", "第二章"):
        c = b.add("chapter", chapter, d)
        b.add("point", "宏观环境分析", c)
    text = textwrap.dedent(
        f"""\
        document: {DOC1}
        questions:
          - {{id: a-1, type: 判断, stem: 宏五。, answer: 对, explanation: 笔记。, node: [宏观环境分析]}}
          - {{id: a-2, type: 判断, stem: 宏五。, answer: 对, explanation: 笔记。, node: [第二章, 宏观环境分析]}}
        """
    )
    res = check_bank_text(text, "x.yaml", b.graph)
    assert [str(p) for p in res.problems] == ["x.yaml:3: 知识点「宏观环境分析」不唯一（有 2 处），请写出更长的标题路径"]


def test_yaml_syntax_error_names_the_line():
    res = check_bank_text("document: x\nquestions:\n  - id: a\n    stem: [unclosed\n", "b.yaml")
    assert len(res.problems) == 1
    p = res.problems[0]
    assert p.file == "b.yaml" and p.line >= 4 and p.message.startswith("YAML 格式错误")


def test_top_level_must_be_a_mapping():
    res = check_bank_text("- just\n- a list\n", "b.yaml")
    assert [p.message for p in res.problems] == ["文件顶层必须是含 document 和 questions 两个字段的映射"]


def test_duplicate_ids_across_files(graph):
    other = GOOD.replace("jn-00", "other-00").replace("id: other-003", "id: jn-003")
    a, b = check_bank_texts([("a.yaml", GOOD), ("b.yaml", other)], graph)
    assert a.problems == []
    assert [p.message for p in b.problems] == ["题号 jn-003 重复（首次出现在 a.yaml:21）"]


def test_unknown_document_can_be_skipped_when_syncing(graph):
    text = GOOD.replace(f"document: {DOC1}", "document: 别人的笔记")
    res = check_bank_text(text, "b.yaml", graph, skip_unknown_document=True)
    assert res.skipped and res.problems == [] and res.questions == []


def test_without_a_graph_structure_is_still_checked():
    res = check_bank_text(GOOD, "bank.yaml", None)
    assert res.problems == [] and all(q.node is None for q in res.questions)


def test_raise_for_problems_names_first_file_line_and_lists_the_rest(graph):
    bad = GOOD.replace("answer: B\n", "answer: G\n", 1).replace("difficulty: 2", "difficulty: 9")
    res = check_bank_text(bad, "bank.yaml", graph)
    with pytest.raises(BankError) as info:
        raise_for_problems(res.problems)
    err = info.value
    assert err.file == "bank.yaml" and err.line == 7
    assert "另有 1 个问题" in str(err) and "bank.yaml:11: 难度" in str(err)
    raise_for_problems([])  # nothing to raise


def test_resolve_node_tolerates_width_and_spaces(graph):
    found, shown = resolve_node(graph, ["竞争者环境", "品牌 竞争者"])
    assert [n.title for n in found] == ["品牌竞争者"] and shown == "竞争者环境 › 品牌 竞争者"
    assert resolve_node(graph, ["微观环境", "品牌竞争者"])[0] == []  # not a suffix


def test_bank_is_pure_yaml_no_python_objects():
    res = check_bank_text("document: !!python/object:os.system x\nquestions: []\n", "evil.yaml")
    assert res.problems and res.problems[0].message.startswith("YAML 格式错误")


def test_lenient_nodes_drops_only_the_question_whose_node_vanished(graph):
    text = GOOD.replace("node: [宏观环境分析]", "node: [已删除的要点]")
    strict = check_bank_text(text, "bank.yaml", graph)
    assert strict.questions == [] and len(strict.problems) == 1
    lenient = check_bank_text(text, "bank.yaml", graph, lenient_nodes=True)
    assert lenient.problems == []
    assert [q.id for q in lenient.questions] == ["jn-001", "jn-003", "jn-004", "jn-005"]
    assert [str(p) for p in lenient.unlinked] == ["bank.yaml:19: 知识图谱中找不到知识点「已删除的要点」"]
    # Structural problems still fail the whole file.
    broken = check_bank_text(text.replace("answer: B\n", "answer: Q\n", 1), "bank.yaml", graph, lenient_nodes=True)
    assert broken.questions == [] and broken.problems
