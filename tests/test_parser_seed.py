"""What the parser must make of the bundled notes (the user's real study notes)."""

from __future__ import annotations

import pytest

from cskexam.core.graph import KnowledgeGraph
from cskexam.services.notes import load_graph


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return load_graph()


def one(graph: KnowledgeGraph, title: str, document: str | None = None):
    found = [n for n in graph.find(title) if document is None or graph.document_of(n.id).title == document]
    assert found, f"no node titled {title}"
    return found[0]


def titles(graph, node):
    return [c.title for c in graph.children(node.id)]


def test_documents_are_split_at_their_title_lines(graph):
    docs = [d.title for d in graph.documents()]
    assert docs[:4] == ["客户服务管理师二级-《技能理论》重点考点", "客户管理总复习试题", "客户部组织机构及岗位职责", "客户服务管理师(二级)知识点"]
    assert "餐饮公司组织架构" in docs and "绿盟科技企业组织结构及部门职责" in docs
    assert docs.count("客户服务部组织结构") == 2
    # The file's first line names the collection and has no body of its own.
    assert len(docs) == 16
    assert "大型企业客户服务部的组织结构" not in docs


def test_macro_environment_has_five_items_mnemonic_and_page(graph):
    node = one(graph, "宏观环境分析", "客户服务管理师二级-《技能理论》重点考点")
    assert titles(graph, node) == ["市场人口", "经济环境", "政治法律环境", "技术环境", "社会文化环境"]
    assert node.mnemonic == "宏五" and node.page == "P4" and node.count == 5
    assert "宏五" not in node.title and "P4" not in node.title
    assert not node.flags


def test_micro_environment_and_the_four_competitor_types(graph):
    micro = one(graph, "微观环境")
    assert micro.mnemonic == "微四" and micro.count == 4 and micro.page == "P5"
    assert titles(graph, micro) == ["营销环境", "销售环境", "服务环境", "竞争者环境"]
    competitors = one(graph, "竞争者环境")
    assert titles(graph, competitors) == ["愿望竞争者", "普通竞争者", "产品形式竞争者", "品牌竞争者"]
    assert set(competitors.tags) == {"简答", "案例分析", "面试答辩"}
    texts = {c.title: c.text for c in graph.children(competitors.id)}
    assert texts["普通竞争者"].startswith("指提供不同的产品以满足相同需求的竞争者")
    assert texts["愿望竞争者"].startswith("指提供不同的产品以满足不同需求的竞争者")
    defined = {d.term: d.text for d in graph.definitions}
    for name in texts:
        assert defined[name].startswith("指")


def test_five_traits_of_service_split_from_one_run_on_line(graph):
    node = one(graph, "客户服务的五大特性")
    items = [c for c in graph.children(node.id) if c.kind == "item"]
    assert [c.title for c in items] == ["无形性", "不可分性", "易消失性", "有偿性", "易变性"]
    assert node.count == 5 and not node.flags
    assert items[0].text == "不可感知性无形无质"
    assert items[1].text == "生产与消费并存"


def test_professional_ethics_three_traits_separated_by_semicolons(graph):
    node = one(graph, "职业道德的三大特点")
    assert node.count == 3
    assert titles(graph, node) == ["在围上", "在容上", "在形式上"]


def test_dashed_marker_point_lists_the_three_services(graph):
    node = one(graph, "客户服务的容划分")
    assert node.marker == "3-1"
    assert titles(graph, node) == ["售前服务", "售中服务", "售后服务"]


def test_org_charts(graph):
    catering = one(graph, "餐饮公司组织架构")
    assert titles(graph, catering) == ["总经理办公室", "市场部", "运营管理部", "研发部", "客户服务部", "店面管理部"]
    nsfocus = one(graph, "绿盟科技企业组织结构及部门职责")
    assert titles(graph, nsfocus) == ["董事会", "总裁办公室", "研发中心", "市场部", "客户服务部", "财务部", "人力资源部"]


def test_role_duty_bullets_sit_under_their_roles(graph):
    duties = one(graph, "客户部岗位职责")
    roles = graph.children(duties.id)
    assert [r.title for r in roles] == ["客户部经理", "销售经理", "客户服务经理", "市场部经理", "数据分析师"]
    manager = graph.children(roles[2].id)
    assert [b.marker for b in manager] == ["•"] * 3
    assert manager[0].title.startswith("组织客服团队处理客户投诉和问题")


def test_run_on_numbering_splits_only_where_it_continues(graph):
    # "…第一要素2、经济环境、3、政治法律环境…" is one line in the notes.
    node = one(graph, "市场人口", "客户服务管理师二级-《技能理论》重点考点")
    assert node.text == "人口是构成市场的第一要素"
    # "第一要素" and "1-4章" are not markers.
    assert not graph.find("要素")


def test_literal_brackets_survive_as_text(graph):
    node = one(graph, "营销环境", "客户服务管理师二级-《技能理论》重点考点")
    assert node.text == "[企业为什么要重视营销环境?]"


def test_same_title_in_two_documents_is_related(graph):
    first, second = [n for n in graph.find("宏观环境分析")]
    assert second in graph.related(first.id)
    service_departments = [n for n in graph if n.title == "客户服务部"]
    assert len(service_departments) >= 2
    assert graph.related(service_departments[0].id)


def test_ids_are_stable_and_unique(graph):
    again = load_graph()
    assert list(again.nodes) == list(graph.nodes)
    assert len(set(graph.nodes)) == len(graph.nodes)


def test_json_shape(graph):
    data = graph.to_dict()
    assert set(data) == {"nodes", "edges", "definitions"}
    node = data["nodes"][1]
    assert set(node) == {"id", "kind", "marker", "title", "text", "parent", "count", "mnemonic", "page", "tags", "source", "flags"}
    assert all(isinstance(f, dict) and "kind" in f for n in data["nodes"] for f in n["flags"])
    assert set(node["source"]) == {"file", "line"}
    assert {n["kind"] for n in data["nodes"]} <= {"document", "chapter", "section", "point", "item"}
    assert data["nodes"][0]["parent"] is None
