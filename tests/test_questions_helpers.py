"""A small knowledge graph built by hand from the real notes, shared by the
question, bank and practice tests (it does not depend on the notes parser)."""

from cskexam.core.graph import KnowledgeGraph, Node, SourceRef, node_id

DOC1 = "客户服务管理师二级-《技能理论》重点考点"
DOC2 = "客户管理总复习试题"
FILE = "000_e9db945982f22760.txt"


class _Builder:
    def __init__(self):
        self.graph = KnowledgeGraph()
        self.line = 0

    def add(self, kind, title, parent=None, text="", **kw):
        self.line += 1
        path = (self.graph.path_titles(parent) + [self.graph.get(parent).title]) if parent else []
        nid = node_id(FILE, [*path, title])
        node = Node(nid, kind, title, text=text, parent=parent, source=SourceRef(FILE, self.line), **kw)
        self.graph.nodes[nid] = node
        if parent:
            self.graph.nodes[parent].children.append(nid)
        return nid


def sample_graph() -> KnowledgeGraph:
    b = _Builder()
    d1 = b.add("document", DOC1)
    ch = b.add("chapter", "第一章客户服务策划", d1)
    sec = b.add("section", "第一节客户服务环境分析", ch)
    b.add("point", "客户服务环境研究", sec,
          "客户服务环境是指与企业营销活动有潜在关系的所有外部力量和相关因素的集合。", page="P4")
    macro = b.add("point", "宏观环境分析", sec, count=5, mnemonic="宏五", page="P4")
    b.add("item", "市场人口", macro, "人口是构成市场的第一要素")
    b.add("item", "经济环境", macro)
    b.add("item", "政治法律环境", macro)
    b.add("item", "技术环境", macro, "科学技术是社会生产力最新和最活跃的因素")
    b.add("item", "社会文化环境", macro,
          "一般只在一种社会形态下已经形成的信息、价值、观念、宗教信仰、道德规范、审美观念以及时代相传的风俗习惯等被社会所公认的各种行为规范。")
    micro = b.add("point", "微观环境", sec, count=4, mnemonic="微四", page="P5")
    b.add("item", "营销环境", micro, "市场营销环境是一个动态系统。")
    b.add("item", "销售环境", micro)
    b.add("item", "服务环境", micro, "现在企业提倡的是一种“大服务”")
    comp = b.add("item", "竞争者环境", micro)
    b.add("item", "愿望竞争者", comp, "指提供不同的产品以满足不同需求的竞争者")
    b.add("item", "普通竞争者", comp, "指提供不同的产品以满足相同需求的竞争者。")
    b.add("item", "产品形式竞争者", comp, "指生产同类但规格、型号、款式不同产品的竞争者。")
    b.add("item", "品牌竞争者", comp, "指生产相同规格、型号的产品，但品牌不同的竞争者")

    d2 = b.add("document", DOC2)
    part = b.add("chapter", "第一部分:基础知识部分", d2)
    b.add("point", "客户是谁", part, "客户是一群具有消费能力或消费潜力的人，是产品或服务的使用者或接受者。")
    five = b.add("point", "客户服务的五大特性", part, count=5)
    for t in ["无形性", "不可分性", "易消失性", "有偿性", "易变性"]:
        b.add("item", t, five)
    three = b.add("point", "职业道德的三大特点", part, count=3)
    b.add("item", "在范围上", three, "存在于从事一定职业的人中间")
    b.add("item", "在内容上", three, "具有稳定性和连续性")
    b.add("item", "在形式上", three, "具有具体、多样和较大的适用性")
    b.add("point", "客户服务着装", part, "客户服务着装第一要素是整洁；微笑服务应是客户服务人员的第一职业表情")
    return b.graph


def by_title(graph: KnowledgeGraph, title: str):
    (node,) = graph.find(title)
    return node


def open_sample_library(db_url, bank_dir, monkeypatch, now):
    """A library holding ``sample_graph()`` with its cards and questions, and the bank in ``bank_dir``.

    The search step is left out: it is not needed by these tests and would
    load the segmenter's dictionary.
    """
    from cskexam.services import library as library_mod

    monkeypatch.setattr("cskexam.services.questions.question_bank_dir", lambda: bank_dir)
    steps = [s for s in library_mod.import_steps() if s.name != "cskexam.services.search_index:rebuild_index"]
    monkeypatch.setattr(library_mod, "import_steps", lambda: steps)
    lib = library_mod.open_library(db_url)
    lib.store(library_mod.PreparedImport([], sample_graph()), now=now)
    return lib
