"""A small knowledge graph built by hand from the real notes, shared by the
question, bank and practice tests (it does not depend on the notes parser)."""

from cskexam.core.graph import KnowledgeGraph, Node, SourceRef, node_id

DOC1 = "客户服务管理师二级-《技能理论》重点考点"
DOC3 = "绿盟科技企业组织结构及部门职责"
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
    b.add("item", "政治法律环境", macro, "是影响企业经营的重要宏观环境因素，影响着企业对客户服务的决策。")
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
    rules = b.add("point", "售后服务组织结构设计原则", part)
    b.add("item", "客户导向", rules, "售后服务组织结构应以客户需求为核心，确保能够快速响应、高效解决客户问题。")
    b.add("item", "明确职责", rules, "各个职能部门应有明确的职责划分，避免工作重叠、责任不明。")
    b.add("item", "协同合作", rules, "各职能部门之间应具备协同合作的机制，实现信息的流通和问题的共同解决。")
    b.add("item", "绩效导向", rules, "售后服务组织结构应建立有效的绩效考核体系，激励员工提供高质量的售后服务。")

    d3 = b.add("document", DOC3)
    b.add("point", "董事会", d3, "是绿盟科技的最高决策机构，负责企业的决策和监督工作。")
    b.add("point", "总裁办公室", d3, "是企业的行政中心，主要职责包括拟定企业的发展战略和计划、协调企业各部门的工作。")
    b.add("point", "研发中心", d3, "是企业的技术中心，主要职责包括网络安全产品的研发和技术支持。")
    b.add("point", "市场部", d3, "是企业的营销中心，主要职责包括制定销售策略和方案，开拓市场、推广产品。")
    b.add("point", "人力资源部", d3, "是企业的人力资源管理中心，主要职责包括企业的人员招聘、培训和管理。")
    return b.graph


def by_title(graph: KnowledgeGraph, title: str):
    (node,) = graph.find(title)
    return node


SAMPLE_MULTI = f"""\
document: {DOC2}
questions:
  - id: sm-001
    type: 多选
    stem: 客户服务的特性有（ ）。
    options: {{A: 有形性, B: 无形性, C: 稳定性, D: 易变性, E: 不可分性}}
    answer: [B, D, E]
    explanation: 五大特性为无形性、不可分性、易消失性、有偿性、易变性。
    node: [客户服务的五大特性]
    tags: []
    difficulty: 2
  - id: sm-002
    type: 多选
    stem: 职业道德的特点体现在（ ）。
    options: {{A: 在内容上, B: 在层次上, C: 在范围上, D: 在时间上, E: 在形式上}}
    answer: [A, C, E]
    explanation: 职业道德的三大特点：在范围上、在内容上、在形式上。
    node: [职业道德的三大特点]
    tags: []
    difficulty: 2
  - id: sm-003
    type: 单选
    stem: 职业道德存在于从事一定职业的人中间，这是它在（ ）上的特点。
    options: {{A: 内容, B: 范围, C: 形式, D: 层次}}
    answer: B
    explanation: 职业道德在范围上存在于从事一定职业的人中间。
    node: [在范围上]
    tags: []
    difficulty: 2
"""
SAMPLE_BANK_SIZE = SAMPLE_MULTI.count("\n  - id: ")


def open_sample_library(db_url, bank_dir, monkeypatch, now, *, sample_multi=True):
    """A library holding ``sample_graph()`` with its cards and questions, and the bank in ``bank_dir``.

    The search step is left out: it is not needed by these tests and would
    load the segmenter's dictionary.
    """
    from cskexam.services import library as library_mod

    # Lists the generator asks no 多选 about (no other list of their kind in
    # so small a graph), and a 单选 on a list of labels (在范围上…) it asks
    # nothing of, as a bank would have them: papers need them.
    if sample_multi:
        (bank_dir / "99-sample-multi.yaml").write_text(SAMPLE_MULTI, encoding="utf-8")
    monkeypatch.setattr("cskexam.services.questions.question_bank_dir", lambda: bank_dir)
    steps = [s for s in library_mod.import_steps() if s.name != "cskexam.services.search_index:rebuild_index"]
    monkeypatch.setattr(library_mod, "import_steps", lambda: steps)
    lib = library_mod.open_library(db_url)
    lib.store(library_mod.PreparedImport([], sample_graph()), now=now)
    return lib
