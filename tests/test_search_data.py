"""A small hand-made graph with real titles and text from the notes, for search tests."""

from __future__ import annotations

from cskexam.core.graph import Definition, KnowledgeGraph, Node

DOC = "客户服务管理师二级-《技能理论》重点考点"


def make_graph() -> KnowledgeGraph:
    g = KnowledgeGraph()

    def add(nid, kind, title, parent=None, text="", mnemonic=None):
        node = Node(nid, kind, title, text=text, parent=parent, mnemonic=mnemonic)
        g.nodes[nid] = node
        if parent:
            g.nodes[parent].children.append(nid)
        return node

    add("doc", "document", DOC)
    add("ch1", "chapter", "客户服务策划", "doc")
    add("env", "section", "客户服务环境分析", "ch1",
        text="客户服务环境是指与企业营销活动有潜在关系的所有外部力量和相关因素的集合。")
    add("macro", "point", "宏观环境分析", "env", mnemonic="宏五")
    add("m1", "item", "市场人口", "macro", text="人口是构成市场的第一要素")
    add("m2", "item", "经济环境", "macro")
    add("m3", "item", "政治法律环境", "macro")
    add("m4", "item", "技术环境", "macro", text="科学技术是社会生产力最新和最活跃的因素")
    add("m5", "item", "社会文化环境", "macro")
    add("micro", "point", "微观环境", "env", mnemonic="微四")
    add("u1", "item", "营销环境", "micro", text="[企业为什么要重视营销环境?] 市场营销环境是一个动态系统。")
    add("u2", "item", "销售环境", "micro")
    add("u3", "item", "服务环境", "micro", text="现在企业提倡的是一种“大服务”不在局限在售后服务")
    add("comp", "item", "竞争者环境", "micro")
    defs = {
        "c1": ("愿望竞争者", "指提供不同的产品以满足不同需求的竞争者"),
        "c2": ("普通竞争者", "指提供不同的产品以满足相同需求的竞争者"),
        "c3": ("产品形式竞争者", "指生产同类但规格、型号、款式不同产品的竞争者"),
        "c4": ("品牌竞争者", "指生产相同规格、型号的产品,但品牌不同的竞争者"),
    }
    for nid, (title, text) in defs.items():
        add(nid, "item", title, "comp", text=text)
        g.definitions.append(Definition(title, text, nid))
    add("ch2", "chapter", "基础知识部分", "doc")
    add("five", "point", "客户服务的五大特性", "ch2")
    for i, t in enumerate(["无形性", "不可分性", "易消失性", "有偿性", "易变性"]):
        add(f"f{i}", "item", t, "five")
    add("dress", "point", "客户服务着装第一要素", "ch2",
        text="客户服务着装第一要素是整洁;微笑服务应是客户服务人员的第一职业表情")
    add("duty", "item", "客户服务部门", "ch2", text="负责处理客户的投诉、建议和问题,提供优质的售后服务,维护客户关系。")
    add("bad", "item", "a[i] 与 [/] 与 [b]粗体[/b]", "ch2", text="标记 [A] 不是样式 [red]红[/red]")
    return g
