"""Written-answer questions: 判断 (judgements), 填空 (cloze) and 简答 (short answer).

Kinds: ``judge_definition``, ``judge_members``, ``judge_statement``,
``cloze_list``, ``cloze_sentence``, ``cloze_term``, ``short_list`` (see
``cskexam.core.questions``).
"""

from __future__ import annotations

import hashlib
import random
import re

from cskexam.core.distractors import ORG, ROLE, item_category, same_thing
from cskexam.core.grading import ScoringPoint, fold
from cskexam.core.graph import Node
from cskexam.core.card_text import opens_on_predicate, subject_name, without_note_marker
from cskexam.core.question import BLANK, Question, question_id
from cskexam.core.question_quality import (
    clause_of_its_own, cried_out, definable, describe, echoes_key, filler_blank, kinds, named_in, names_list, noun_phrase, pattern_list,
    plain_description, shares_morpheme,
)
from cskexam.core.question_choice import _PRONOUN_START, _coherent, _concept, _member_title, _where, clause_frame, subject
from cskexam.core.question_doubt import not_its_own, starts_mid_sentence
from cskexam.core.question_statements import filed_under, list_fact, statement_support
from cskexam.core.question_context import (
    _TERM_OK, MAX_STEM_TEXT_CHARS, _Context, _cut_reminder, _definition, _explain, _first_sentence, _list_summary, _ListInfo,
    _nameable, _stem_title, _term_like, flag_kinds, described, list_name, meta_text, sub_list,
)
from cskexam.core.question_item_titles import shown_title, unsplit_title
from cskexam.core.modal_words import ends_negated, modal_tail
from cskexam.core.exam_asks import asks_exam_question
from cskexam.core.question_names import printed_list_name
from cskexam.core.vocab import QuestionType

_OWN_CLAUSE = re.compile(r"就(?:会|會|能|行|懂|可以)$")
_OWN_SUBJECT = ("各", "每", "所有", "对", "在", "通过")
_RULE = re.compile(r"应|需要|必须|不得|不准|不允许")
_NOTE_MARK = re.compile(r"^注|注[:：]|标红|重点|参考背诵")


def _judge_definition(ctx: _Context, info: _ListInfo, item: Node, rng: random.Random,
                      truth: bool | None = None) -> Question | None:
    """An item's description attributed to it, or to a sibling (false); ``truth`` decides
    which when given (the generator keeps 对 and 错 even), else a coin."""
    if not _coherent(ctx, info):
        return None
    text = _definition(ctx.graph, item)
    if not text or len(text) > MAX_STEM_TEXT_CHARS or fold(item.title) in fold(text) or cried_out(text):
        return None
    if any(len(k.title) >= 2 and k.title in text for k in ctx.graph.children(item.id)):
        return None  # a line about the item's own sub-list ran into its description
    if ctx.labels(info):
        return None  # 在内容上具有…: a label, not a term
    if item_category(item.title) in (ORG, ROLE):
        return None  # 人力资源部…负责招聘: a unit's or a role's name says what it does, true or swapped
    if named_in(text, [item.title], [i.title for i in info.items if i.id != item.id]):
        return None  # 研发部是…研发…部门, 市场部是店面管理部门: the names decide it, not the notes
    folded, own = fold(text), same_thing(item.title)
    others = [
        s for s in info.items
        if s.id != item.id and same_thing(s.title) != own and ctx.folded_definition(s) != folded
    ]
    if not others:
        return None  # it could only ever be true: a guesser's 对 would win
    coin = rng.random() < 0.5
    truthful = coin if truth is None else truth
    named = item if truthful else rng.choice(others)
    company = ctx.company(info.node)
    about = subject(ctx, info)
    if about is None:
        return None  # 「…属于成长期」 of what? the stem would not say
    if company:
        where = f"在{company}中，" if company not in text else ""
    else:
        where = f"{about}中，" if about not in text else ""
    if echoes_key(text, item.title, [i.title for i in info.items if i.id != item.id]):
        return None  # 「因企业的奖励计划…」 of 激励忠诚: the shared 励 decides it
    if not re.match(r"[\u4e00-\u9fff]", text) or _NOTE_MARK.search(text) or meta_text(text):
        return None  # 「(7—11岁)」, 「注:标红色的为…」: a remark, not a description
    if text.startswith(_PRONOUN_START) or text.startswith(_OWN_SUBJECT) or _RULE.search(text):
        return None  # 该部门负责…, 各部门定期…, …应以客户需求为核心: a sentence of its own, not a description
    if _OWN_CLAUSE.search(text):
        return None  # 「员工一看就会」: a clause of its own subject, no description to say of an item
    if ctx.describes_kind(text, item.title):
        return None  # 「…重要宏观环境因素」 is as true of every other 宏观环境 item: no false variant
    head = _stem_title(info.node.title)
    if len(head) >= 4 and text.startswith(head[:4]):
        return None  # 售后服务组织结构应… has the list for its subject
    lead = text.startswith(("指", "是指", "一般指", "通常指", "负责", "主要负责", "具有"))
    if not lead and ("是" in text[:10] or len(text) < 6):
        return None
    if not definable(text):
        if not kinds(head, [i.title for i in info.items]):
            return None  # 「发展了劳动分工思想，这属于查尔斯·巴贝奇」: a person is no kind
        stem = f"{clause_frame(about, text, named.title)}。"  # 「稳定期是关系最紧密，交易量最大」 is no sentence
    else:
        stem = f"{where}{describe(named.title, text)}。"
    expl = _explain(ctx, item, f"{item.title}：{text}")
    if not truthful:
        expl = expl.rstrip("。") + f"；题中说的{named.title}与此不同。"
    return Question(
        question_id(item.id, "judge_definition"), QuestionType.JUDGE, stem, "对" if truthful else "错", {},
        expl, item.id, kind="judge_definition", document=ctx.doc_title(item), difficulty=2,
    )


_NEAREST_OUTSIDERS = 4


def _judge_members(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    """「宏观环境包括市场人口、经济环境、…」 stated whole, or with one item swapped for an outsider."""
    title = _member_title(info, ctx)
    if title is not None and not _concept(info):
        return None  # a list named by its heading: its 多选 asks the same
    foreign = ctx.outsiders(info)
    if title is None or not foreign or not 3 <= len(info.items) <= 6 or not info.whole:
        return None
    names = [i.title for i in info.items]
    truthful = rng.random() < 0.5
    if not truthful:
        # From the nearest lists (outsiders come nearest first): one from a far part of
        # the notes gives itself away (四大发明包括造纸术、春节…).
        names[rng.randrange(len(names))] = rng.choice(foreign[:_NEAREST_OUTSIDERS])
    stem = f"{_where(ctx, info)}{title}包括{'、'.join(names)}。"
    return Question(
        question_id(info.node.id, "judge_members"), "判断", stem, "对" if truthful else "错", {},
        _explain(ctx, info.node, _list_summary(info)), info.node.id, kind="judge_members",
        document=ctx.doc_title(info.node), difficulty=2,
    )


def _judge_items(ctx: _Context, info: _ListInfo, rng: random.Random) -> list[Question | None]:
    """「销售环境属于宏观环境。」: one item put in its own list (true) and another put in a
    list of the same kind it is not in (false), each on the node of its item."""
    title = _member_title(info, ctx)
    if title is None or not _concept(info):
        return []  # a list named by its heading is asked by its 多选 already

    def elsewhere(item: Node) -> list[str]:
        # Lists of the same kind that hold no item of this name (in any copy of them), in
        # the same notes: a list from another subject makes a falsehood nobody would
        # believe (春节属于中国古代四大发明).
        me = same_thing(item.title)
        return [t for t, o in ((_member_title(o, ctx), o) for o in ctx.kin_lists(info))
                if t is not None and t != title and o.document == info.document
                and me not in ctx.members_by_title.get(fold(_stem_title(o.node.title)), ())
                and not ctx.twin_in(item.title, info, o)]

    # Which items are judged depends on the notes only (a hash of their ids), so that
    # the questions a graph gives keep their ids whatever the seed.
    items = sorted(info.items, key=lambda i: hashlib.sha1(i.id.encode("utf-8")).hexdigest())
    false_item = next((i for i in items if elsewhere(i)), None)
    if false_item is None:
        return []  # it could only ever be true: a guesser's 对 would win
    true_item = next(i for i in items if i is not false_item)
    out: list[Question | None] = []
    for item, named in ((true_item, title), (false_item, rng.choice(elsewhere(false_item)))):
        truthful = item is true_item
        expl = _explain(ctx, info.node, _list_summary(info))
        if not truthful:
            expl = expl.rstrip("。") + f"；{item.title}不属于{named}。"
        out.append(Question(
            question_id(item.id, "judge_item"), QuestionType.JUDGE, f"{_where(ctx, info)}{item.title}属于{named}。",
            "对" if truthful else "错", {}, expl, item.id, kind="judge_item", document=ctx.doc_title(item),
            difficulty=1,
        ))
    return out


# 3.C类物品… / 3．A类…: the number of the notes' own exercise, left before a Latin letter
# the outline took for part of a section number. 3.5倍 and 2.1节 are no item numbers.
_ITEM_NUMBER = re.compile(r"^\s*[(（]?\d{1,2}\s*[.．、)）]\s*(?=[A-Za-zＡ-Ｚａ-ｚ\u4e00-\u9fff“「《])")


def without_item_number(text: str) -> str:
    """A statement without the exercise number the notes put before it."""
    return _ITEM_NUMBER.sub("", text, count=1)


def _judge_statement(ctx: _Context, node: Node) -> Question | None:
    """A statement the notes mark right （√） or wrong （×）: the 判断 it is meant to be, filed
    under the key point it is about and explained by what the notes say of that fact."""
    kinds = flag_kinds(node)
    truth = "对" if "true_statement" in kinds else "错" if "false_statement" in kinds else None
    # The statement is the node's title; its text only when the title was cut short and the
    # text goes on from it (a remark or a source line after the statement is no statement).
    whole = node.text if node.title.endswith("…") and node.text.startswith(node.title.rstrip("…")) else node.title
    text = without_item_number(_first_sentence(whole))
    if truth is None or len(text) < 6 or asks_exam_question(text):
        return None  # 「什么是服务补救？（×）」: a question is neither right nor wrong
    support = statement_support(ctx.graph, node, text)
    if support is not None and truth == "错" and (
            support.how == "where" or support.how == "member" and not re.search(r"属于|屬於|是|之一|的一种|的一種", text)):
        # Where the statement's words stand (学校教育 among the factors) or the list its subject is in
        # (管道运输属于五种基本运输方式 for 「管道运输适用于运送所有货物」) says nothing of why it is
        # wrong, unless the statement is about that list (网购冲击属于内部因素): say where the notes mark it.
        support = None
    about = support.node if support is not None else node
    if support is None:
        where = filed_under(ctx.graph, node)
        where = f"（见笔记「{where}」）" if where else ""
        expl = (f"笔记将此说法标为正确（√）{where}。" if truth == "对"
                else f"笔记将此说法标为错误（×）{where}，未给出改正。")
    else:
        fact = support.text
        if not fact:
            listed = ctx.graph.parent(about.id) if about.kind == "item" else about
            fact = list_fact(ctx.graph, listed) if listed is not None and listed.kind != "document" else ""
            fact = fact or _first_sentence(about.text)
        told = f"：{fact}" if fact else ""
        if truth == "错" and support.how != "where":
            expl = f"说法错误。见笔记「{ctx.path(about)}」{told}。"
        elif truth == "对" and support.how in ("sentence", "node"):
            expl = f"说法正确。见笔记「{ctx.path(about)}」{told}。"
        elif truth == "对":
            expl = f"笔记将此说法标为正确（√）。相关内容见笔记「{ctx.path(about)}」{told}。"
        else:
            expl = f"笔记将此说法标为错误（×），未给出改正。相关内容见笔记「{ctx.path(about)}」{told}。"
    return Question(
        question_id(node.id, "judge_statement"), "判断", f"{text}。", truth, {},
        expl, about.id, kind="judge_statement", document=ctx.doc_title(node), difficulty=2,
    )


def _cloze_list(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    listed = info.printable
    if listed is None:
        return None  # an item the parser flagged cannot be shown, and the rest is not the whole list
    titles = [unsplit_title(i) for i in listed]  # 資產 of 「資產內部一增一減」 is no item to show
    usable = {id(i) for i in info.items if unsplit_title(i) == i.title}  # 山, 水 are shown beside the blank, never its key
    if len(titles) > 8 or any(len(t) > 12 for t in titles) or not info.count_ok or pattern_list(titles):
        return None  # 在范围上、在内容上、____ completes a frame, it tests no knowledge
    if any(re.search(r"[，,；;]", t) for t in titles):
        return None  # 先问候，再自报单位和姓名: steps said as clauses, a blank any sensible phrase fills
    if (sub_list(ctx.graph, info.node) and not (info.node.count or info.mnemonic)
            and not described(ctx.graph, info.items)):
        return None  # 倾听技巧 ____ → 适时复述, 先处理心情 beside 再处理事情: a detail one guesses
    if info.node.kind == "document":
        # An org chart listed under the document: named by its company, or not asked.
        company = ctx.company(info.node)
        if company is None:
            return None
        title = f"{company}的部门"
    elif (name := printed_list_name(ctx.graph, info.node)) is not None:
        title = name
    else:
        return None
    if info.category in (ORG, ROLE) and ctx.company(info.node) is None:
        return None  # 「组织保障包括：____、质量管理部、市场部」: every company has a 客户服务部
    # 收集信息、分析问题 is one step: beside it 「、」 would no longer tell the entries apart.
    sep = "；" if any("、" in t for t in titles) else "、"
    order = list(range(len(titles)))
    rng.shuffle(order)
    for hidden in order:
        if not _blankable(titles[hidden]) or len(titles[hidden]) > CLOZE_ITEM_CHARS:
            continue  # R补救(Remedy), 神秘顾客(暗访): a key with a gloss no candidate writes as it stands
        if any(i != hidden and (titles[hidden] in t or t in titles[hidden]) for i, t in enumerate(titles)):
            continue  # 准备倾听 beside 发出准备倾听的信息: the list shows the answer
        if id(listed[hidden]) not in usable:
            continue
        shown = [BLANK if i == hidden else shown_title(item) for i, item in enumerate(listed)]
        stem = f"{_where(ctx, info)}{title}包括：{sep.join(shown)}。"
        if not ctx.blank_points_at(stem, titles[hidden]):
            break  # 监督与改进包括：…、____ keyed 持续改进 points at its answer
    else:
        return None
    return Question(
        question_id(info.node.id, "cloze_list"), QuestionType.FILL, stem, titles[hidden], {},
        _explain(ctx, info.node, _list_summary(info)), info.node.id, kind="cloze_list",
        document=ctx.doc_title(info.node), difficulty=2,
    )


CLOZE_ITEM_CHARS = 8  # 对客户进行全生命周期管理 is a clause to recite, no key term to fill in


def _blankable(term: str) -> bool:
    """A key a candidate writes as it stands: Chinese only, no gloss in brackets."""
    return re.fullmatch(r"[\u4e00-\u9fff]{2,12}", term) is not None


# Words that join a sentence to the one before: 「其中超值忠诚是…」 is about 超值忠诚.
_JOINER = re.compile(r"^(其中|而且|而|但是|但|因此|所以|另外|此外|同时|并且|尤其是|特别是)")

_NOT_A_COPULA = ("或", "还是", "還是", "与非", "與非", "非", "否")
_IS = re.compile(r"^(?P<head>[^，,。；;是]{2,10})是(?P<tail>[^，,。；;]{2,60})$")
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》]")


# A description that leaves out its subject (由三级指标展开…, 因地点便利…): the item's text, no sentence.
_NO_SUBJECT = ("由", "因", "从", "将", "把", "被", "以", "对", "向", "给")


# An example the notes give (比如：安装调试属于技术性服务): a blank in it asks about the example, not the notes.
_EXAMPLE = re.compile(r"^(比如|例如|譬如|举例|举个例子|打个比方|如[:：]|例[:：]|案例)|比如|例如|譬如")


def _topic_blank(ctx: _Context, node: Node, answer: str) -> bool:
    """The blank is the topic of the list the node is an item of (遗忘 of 遗忘的原因's 衰退说:
    「____是记忆痕迹…消退的结果」): its heading names it, the blank asks nothing."""
    parent = ctx.graph.parent(node.id)
    bare = answer.replace("的", "")  # 测评的指标 under 建立测评指标体系的原则 is named there too
    return (node.kind == "item" and parent is not None and parent.kind != "document"
            and len(bare) >= 2 and bare in parent.title.replace("的", "") and answer != node.title)


# A line announcing the list below it (绩效反馈面谈应注意以下四点：): nothing to answer from.
_ANNOUNCES = re.compile(r"以下|如下|下列|下面几|[:：]\s*$")


def _announces(text: str) -> bool:
    first = re.split(r"[。！？；;]", (text or "").strip(), maxsplit=1)[0]
    return bool(_ANNOUNCES.search(first))


def _cloze_sentence(ctx: _Context, node: Node, rng: random.Random) -> Question | None:
    if _announces(node.text):
        return None
    sentence = without_note_marker(_first_sentence(_cut_reminder(node.text)))
    if meta_text(sentence) or _EXAMPLE.search(sentence) or not plain_description(sentence):
        return None
    if not_its_own(ctx.graph, node, sentence) if node.kind == "item" else starts_mid_sentence(sentence):
        return None  # 上述四个阶段…, 以下几种…, a line cut from its subject
    joined = _JOINER.match(sentence)
    if joined:
        sentence = sentence[joined.end():]
    m = _IS.match(sentence)
    if not m or _QUOTES.search(sentence):
        return None
    head, tail = m.group("head"), m.group("tail")
    at = m.start("tail") - 1
    bounds = ctx.word_bounds(sentence)
    if at not in bounds or at + 1 not in bounds:
        return None  # 「了解客户对处理结果是否满意」: 是否 is one word, not the copula
    if ends_negated(head):
        return None  # 「服务补救并非…」: whichever side is blanked, the key would state the opposite
    if tail.startswith(_NOT_A_COPULA):
        return None  # 「让客户回答是或否」: 是 is one of two answers there, no copula (key 或否)
    copula = "是"
    lead = re.match(r"一种|一个|一项|一类", tail)
    if lead:  # 是一个____ reads better than 是____ with 一个动态系统 as the answer
        copula, tail = "是" + lead.group(0), tail[lead.end():]
    # 测评的指标应是…: the modal stays in the stem (____应是…), never closes the key (测评的指标应).
    cut = modal_tail(head, bounds)
    if 2 <= len(tail) <= 8 and "的" not in tail:  # 组织结构的基础 is a phrase, not a term
        stem, answer = f"{head}{copula}{BLANK}。", tail
    elif cut <= 8 and "是" not in tail:  # 「____是签发手续是否完备」 reads as no sentence
        stem, answer = f"{BLANK}{head[cut:]}{copula}{tail}。", head[:cut]
    else:
        return None
    if ctx.blank_points_at(stem, answer) or ctx.describes_kind(stem, answer):
        return None
    if shares_morpheme(answer, stem, ctx.listed_with(answer)) or filler_blank(stem[:stem.index(BLANK)]):
        return None
    if not _blankable(answer) or _topic_blank(ctx, node, answer):
        return None
    if joined:
        # 「其中超值忠诚是…」 says 其中 of what: the list it is about names it
        stem = f"{list_name(ctx.graph, node)}中，{stem}"
    return Question(
        question_id(node.id, "cloze_sentence"), QuestionType.FILL, stem, answer, {},
        _explain(ctx, node, sentence), node.id, kind="cloze_sentence",
        document=ctx.doc_title(node), difficulty=2,
    )




# Words before a blank that any noun follows, and after one that announce a list.
_LIGHT_BEFORE = ("进行", "一定的", "具备", "开展", "以下", "如下")
_LEAD_IN = ("。", "：", ":")

COMMON_TERM_NODES = 3
_NOT_A_KEY_SENTENCE = re.compile(r"[\[\]【】?？]|如图")


def _cloze_term(ctx: _Context, node: Node, rng: random.Random) -> Question | None:
    """Blank a domain term (another key point's title) in the node's key sentence.

    The blank must cover whole words of the segmented sentence, so 服务环境 is
    never cut out of 客户服务环境.
    """
    if _announces(node.text):
        return None  # 「____应注意以下四点」: a lead-in, the points are elsewhere
    sentence = without_note_marker(_first_sentence(_cut_reminder(node.text)))
    if _EXAMPLE.search(sentence) or not plain_description(sentence):
        return None  # 「比如：安装调试属于____」, 「一级 + 读前加 S 锁 → 还能防止____」
    if not_its_own(ctx.graph, node, sentence) if node.kind == "item" else starts_mid_sentence(sentence):
        return None  # 「以下几种不属于加密算法…」: it points at a list not shown
    about = given = ""
    joined = _JOINER.match(sentence)
    if joined:
        # 「其中排列图法可以…」 says 其中 of what: the list it follows names it, or it is not asked.
        listed = ctx.graph.parent(node.id) if node.kind == "item" else node
        about = list_name(ctx.graph, listed) if listed is not None and listed.kind != "document" else ""
        if not _nameable(about):
            return None
        sentence = sentence[joined.end():]
    elif sentence.startswith(_NO_SUBJECT):
        if node.kind != "item" or not _term_like(node.title):
            return None  # 「由____展开成…」: a description missing its subject
        sentence = node.title + sentence  # 四级指标由三级指标展开…: the item it describes is the subject
        given = node.title
    elif opens_on_predicate(sentence):
        given = subject_name(node.title)
        if not given:
            return None  # 「一般为…，可以扩大____」: whose? the heading is no name to say it with
        sentence = given + sentence  # 工作记忆的容量一般为…
    elif (node.kind == "item" and node.title not in sentence and noun_phrase(sentence)
          and not clause_of_its_own(sentence)):
        # 差异化战略：提供与竞争者不同的服务: a bare description; 「提供与____不同的服务」 says not of what.
        if not _nameable(node.title):
            return None  # 广义：一切能…的活动: a facet's label is no subject either
        given = node.title
        sentence = describe(given, sentence)
    if not 8 <= len(sentence) <= MAX_STEM_TEXT_CHARS or _QUOTES.search(sentence) or meta_text(sentence):
        return None
    if _NOT_A_KEY_SENTENCE.search(sentence) or sentence.startswith(("负责", "主要负责")):
        return None  # 「负责____工作…」 says not who
    bounds = None
    headings = {a.title.strip() for a in ctx.graph.ancestors(node.id)}
    for term in ctx.terms_in(sentence):
        if term in headings:
            continue  # 劳动争议 in a line under 劳动争议: the heading shown answers it
        at = sentence.find(term)
        if at < 0 or sentence.count(term) != 1 or len(sentence) - len(term) < 6:
            continue
        if at < len(given):
            continue  # the subject supplied from the heading: 「____对…的影响」 asks nothing
        if ctx.spread(term) > COMMON_TERM_NODES:
            continue  # a word the notes use everywhere (市场营销) is no key point to blank
        if bounds is None:
            bounds = ctx.word_bounds(sentence)
        if at not in bounds or at + len(term) not in bounds:
            continue
        if sentence[:at].endswith(_LIGHT_BEFORE) or sentence[at + len(term):].startswith(_LEAD_IN):
            continue
        if sentence[:at].endswith(("、", "和", "及")) or sentence[at + len(term):].startswith(("、", "和", "及")):
            continue  # one of an inline series (____、设备和人员): its neighbours say what kind fits
        rest = sentence[:at] + sentence[at + len(term):]
        if filler_blank(sentence[:at]) or shares_morpheme(term, rest, ctx.listed_with(term)):
            continue  # 一个高效的____可以…; 推销… keyed 销售团队
        if at == 0 and rest.startswith(("负责", "主要负责")) and item_category(term) in (ORG, ROLE):
            continue  # 「____负责招聘、培训…」: a unit's name says its duty  # 进行____, 具备一定的____: anything fits; 采取以下____ names a heading
        stem = sentence[:at] + BLANK + sentence[at + len(term):] + "。"
        company = ctx.company(node)
        if company and company not in sentence:
            stem = f"在{company}中，{stem}"  # every company has a 财务部: say whose
        elif about:
            stem = f"{about}中，{stem}"
        if ctx.blank_points_at(stem, term) or ctx.describes_kind(stem, term):
            continue  # 「____主要负责…生产工作」 keyed 生产部门; 「____是…重要宏观环境因素」
        return Question(
            question_id(node.id, "cloze_term"), QuestionType.FILL, stem, term, {},
            _explain(ctx, node, sentence), node.id, kind="cloze_term",
            document=ctx.doc_title(node), difficulty=2,
        )
    return None
