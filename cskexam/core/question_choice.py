"""Choice questions (单选, 多选) generated from a list and its items.

Kinds: ``single_definition``, ``single_member``, ``single_not_member``,
``multi_members``, ``multi_not_members``, ``multi_statements`` (see ``cskexam.core.questions``).
"""

from __future__ import annotations

import random
import re

from cskexam.core.distractors import (
    ORG, ROLE, ROLE_SUFFIXES, company_of, gives_away, item_category, same_thing, stem_gives_key,
)
from cskexam.core.grading import fold
from cskexam.core.graph import Node
from cskexam.core.question import LETTERS, Question, question_id
from cskexam.core.question_quality import (
    clause_of_its_own, cried_out, definable, describe, echoes_key, kinds, named_in, noun_phrase, odd_form, pattern_list, statement,
)
from cskexam.core.card_text import list_heading
from cskexam.core.question_context import (
    NOTES_TITLE, short_kind, MAX_STEM_TEXT_CHARS, MULTI_OPTIONS, SINGLE_OPTIONS, _Context, _definition, _explain,
    _list_summary, _ListInfo, _nameable, _stem_title, _term_like, list_name, meta_text, sub_list,
)
from cskexam.core.question_options import DRAWS, draw_options, letters_for

_PRONOUN_START = ("该", "其", "他们", "它", "这", "此")
_LIST_NOUNS = ("原则", "要素", "特性", "特点", "能力", "机制", "职能")


def _own_title(info: _ListInfo) -> str:
    """The list's title less a run-on count or a part it does not list (``list_heading``)."""
    return list_heading(info.node.title, info.node.count, info.item_titles)


def subject(ctx: _Context, info: _ListInfo) -> str | None:
    """What a stem on one of the list's items names as its subject: the company of an org
    chart, else the list's name with its context (影响人力资源需求的外部环境因素); None when
    the list has no name a paper would print."""
    company = ctx.company(info.node)
    if company:
        return company
    if info.node.kind == "document":
        return None
    name = list_name(ctx.graph, info.node)
    ok = _nameable(_stem_title(_own_title(info))) or _nameable(name)
    return name if ok and len(name) <= 20 else None


# Clauses that are no list of traits to join with 「、」: one linked to the one before (但信息…),
# a framing word (一般来说), or a sentence saying what something does (使…变为现实, 在…中起主导作用):
# quoted as the notes wrote them, not made the subject of 「属于」.
_LINKED = re.compile(r"^(?:但|但是|而|而且|且|并|并且|或|或者|则|因此|所以|同时|也|又|还|宜|应|應|须|須|需)|[时時]$")
_LINKED_FIRST = re.compile(r"^(?:一般来说|一般來說|通常|如果|若|使|让|讓|令|在|对|對|为|為|给|給|把|将|將)|来说$|來說$")
_NO_CLAUSE_LIST = re.compile(r"一般来说|一般來說|总之|總之")


def clause_frame(about: str, text: str, slot: str) -> str:
    """A description that is a clause, said of ``slot`` within ``about``: 「在客户生命周期中，
    双方建立信任、交易量上升属于（ ）」, or quoted when it is a sentence of its own."""
    parts = [p.strip() for p in re.split(r"[，,]", text) if p.strip()]
    if "是" not in text and not clause_of_its_own(text) and all(len(p) <= 14 for p in parts) and not _NO_CLAUSE_LIST.search(text) \
            and not any(_LINKED.search(p) for p in parts[1:]) and not _LINKED_FIRST.search(parts[0]) \
            and not re.search(r"[时時]$", parts[0]):
        return f"在{about}中，{'、'.join(parts)}属于{slot}"
    return f"关于{about}，“{text}”描述的是{slot}"


def _definition_stem(ctx: _Context, info: _ListInfo, text: str) -> str | None:
    """A paper's wording for 'which item is described so': （ ）是指…, said of its list
    (客户生命周期中，（ ）是关系最紧密…): four stages of something unnamed are no question."""
    company = ctx.company(info.node)
    title = _stem_title(_own_title(info))
    about = subject(ctx, info)
    if company:
        where = f"在{company}中，" if company not in text else ""
    elif about is not None and about not in text and title not in text \
            and f"{title.split('的')[0]}的" not in text:  # 企业服务团队的核心力量 says whose
        where = f"{about}中，"
    elif about is not None or info.category in (ORG, ROLE):
        where = ""  # the text names it, or a unit's name says what kind of thing is asked
    else:
        return None  # no subject to name: the options alone would say what is asked
    if text.startswith(_PRONOUN_START):
        return None
    if text.startswith(("指", "是指")):
        return f"{where}（ ）{'是' if text.startswith('指') else ''}{text}。"
    if text.startswith(("负责", "主要负责", "为", "作为", "是")):
        return f"{where}（ ）{text}。"
    if "是" in text[:10] or len(text) < 6:
        return None  # a sentence with a subject of its own, or too little to go on
    if re.search(r"应(?!该避免)|必须|都要", text) or text.startswith(("要", "需", "须")):
        # A rule, not a description: 「…应以客户需求为核心…，这体现的原则是」.
        noun = next((n for n in _LIST_NOUNS if info.node.title.endswith(n)), "")
        return f"{where}{text}，这体现的{noun or '是'}{'是' if noun else ''}（ ）。"
    if not definable(text):
        # 「（ ）是客户别无选择」 is no sentence, 「“…”指的是（ ）」 no paper's wording: the options say the kind,
        # when they are kinds (发展了劳动分工思想 says no kind of 查尔斯·巴贝奇), and the stem which list.
        if about is None or not kinds(title, [i.title for i in info.items]):
            return None
        return f"{clause_frame(about, text, '（ ）')}。"
    return f"{where}{describe('（ ）', text)}。"


def _duty_of_role(title: str, text: str) -> bool:
    """The line after a role's name is its duty (直接接听…), asked 「（ ）负责…」; a bare 人员
    among a team's elements names no role, and a noun phrase (团队中最核心的力量) is what the
    item is, never a duty."""
    if item_category(title) != ROLE or text.startswith(("负责", "主要负责", "指", "是")):
        return False
    return title not in ROLE_SUFFIXES and not noun_phrase(text)


def _coherent(ctx: _Context, info: _ListInfo) -> bool:
    """A list whose items are things of one kind: a named list, or a company's units.
    An outline part (基础知识部分) lists unrelated key points: none is a fair wrong answer to another."""
    return _nameable(_stem_title(_own_title(info))) or ctx.company(info.node) is not None


def _single_definition(ctx: _Context, info: _ListInfo, item: Node, rng: random.Random) -> Question | None:
    if not _coherent(ctx, info):
        return None
    text = _definition(ctx.graph, item)
    if not text or len(text) > MAX_STEM_TEXT_CHARS or fold(item.title) in fold(text) or meta_text(text) \
            or cried_out(text):
        return None  # 「(这里老师画了重点…)」 is a remark about the item, not what it is
    if any(len(k.title) >= 2 and k.title in text for k in ctx.graph.children(item.id)):
        return None  # …及时修订服务标准分为硬件标准和软件标准: a line about what follows ran into it
    if not all(_term_like(i.title) for i in info.items):
        return None
    if _duty_of_role(item.title, text):
        text = f"负责{text}"  # a role's line is its duty: 「（ ）负责直接接听…」, not 「（ ）是直接接听…」
    if echoes_key(text, item.title, [i.title for i in info.items if i.id != item.id]):
        return None  # 「…改变是永久的」 keyed 持久性: the shared 久 gives it away
    stem = _definition_stem(ctx, info, text)
    if stem is None or ctx.describes_kind(text, item.title):
        return None  # 「（ ）是…重要宏观环境因素」: every option is one
    sibs = [s.title for s in info.items if s.id != item.id and same_thing(s.title) != same_thing(item.title)
            and not stem_gives_key(text, s.title)]  # 由二级指标展开: 二级指标 is ruled out by the stem
    pool = sibs if len(sibs) >= SINGLE_OPTIONS - 1 else sibs + [
        o for o in ctx.outsiders(info) if not stem_gives_key(text, o)]
    if stem_gives_key(stem, item.title) or len(pool) < SINGLE_OPTIONS - 1:
        return None
    # Siblings first: outsiders only fill a list of three.
    wrong = sibs if len(sibs) >= SINGLE_OPTIONS - 1 else sibs + rng.sample(
        pool[len(sibs):], min(len(pool) - len(sibs), SINGLE_OPTIONS - 1 - len(sibs)))
    made = draw_options(stem, [item.title], wrong, SINGLE_OPTIONS - 1, rng)
    if made is None:
        return None
    options, key = made
    return Question(
        question_id(item.id, "single_definition"), "单选", stem, key[0], options,
        _explain(ctx, item, f"{item.title}：{text}"), item.id, kind="single_definition",
        document=ctx.doc_title(item), difficulty=2,
    )


# Titles that name an enumerated concept by themselves (设计原则, 五大特性), unlike a heading (协作机制).
_CONCEPT_ENDINGS = ("原则", "要素", "特性", "特点", "环境")


def _concept(info: _ListInfo) -> bool:
    """The list is a concept of the notes, not an outline heading: it has a stated count or a
    mnemonic, the notes define it, its items are things of one kind, or its title says it is one."""
    n = info.node
    return (n.count is not None or bool(n.mnemonic or info.mnemonic) or bool(info.defined)
            or info.category not in (None, ORG, ROLE) or _stem_title(n.title).endswith(_CONCEPT_ENDINGS))


def _member_title(info: _ListInfo, ctx: _Context | None = None) -> str | None:
    """The list's name for 「X属于Y」 stems: only a real concept, never an outline heading.

    A list among lists of its kind under one heading (心理素质, 品格素质, 技能素质 of
    投诉处理人员的素质要求) is one too, named with its heading, unless it is a detail of a
    bigger enumeration."""
    title = _stem_title(_own_title(info))
    if not _nameable(title) or not info.count_ok:
        return None
    parent = ctx.graph.parent(info.node.id) if ctx is not None else None
    if short_kind(title) and parent is not None and parent.kind != "document":
        kind = _stem_title(parent.title)  # 过程型 under 激励理论: 过程型激励理论
        if not (2 <= len(kind) <= 8 and _nameable(kind + title)) or "的" in kind:
            return None
        title = f"{title}{kind}"
    if _concept(info):
        named = list_name(ctx.graph, info.node) if ctx is not None and parent is not None \
            and parent.kind in ("point", "item") else title
        # 服务信息 under 客户信息的内容 is asked as 客户信息中的服务信息: alone it says not whose.
        return named if named != title and (named.endswith(title) or named.startswith(title)) and len(named) <= 16 \
            else title
    if ctx is None or parent is None or parent.kind == "document" or not ctx.sibling_lists(info) \
            or sub_list(ctx.graph, info.node):
        return None
    named = list_name(ctx.graph, info.node)
    return named if len(named) <= 16 else None


def _where(ctx: _Context, info: _ListInfo) -> str:
    """「在项目客户服务组织机构中，」 for a list named only by a heading of its document
    (协作机制), which alone does not say whose it is; nothing for a named kind (宏观环境)."""
    parent = ctx.graph.parent(info.node.id)
    if info.category is not None or parent is None or parent.kind != "document" or parent.title in info.node.title:
        return ""
    if company_of(parent.title) is None and NOTES_TITLE.search(parent.title):
        return ""  # 「在软考高级…零碎知识点中」: the notes' own title says nothing of whose list it is
    return f"在{parent.title}中，" if _nameable(parent.title) or len(parent.title) <= 14 else ""



def _single_member(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    title = _member_title(info, ctx)
    if title is not None and not _concept(info):
        return None  # a list named by its heading is asked once, as 多选 and 下列不属于
    foreign = ctx.outsiders(info)
    if title is None or len(foreign) < SINGLE_OPTIONS - 1:
        return None
    stem = f"{_where(ctx, info)}下列属于{title}的是（ ）。"
    for _ in range(DRAWS):
        right = rng.choice(info.items).title
        made = draw_options(stem, [right], foreign, SINGLE_OPTIONS - 1, rng)
        if made is not None:
            break
    else:
        return None
    options, key = made
    return Question(
        question_id(info.node.id, "single_member"), "单选", stem, key[0], options,
        _explain(ctx, info.node, _list_summary(info)),
        info.node.id, kind="single_member", document=ctx.doc_title(info.node), difficulty=1,
    )


def _single_not_member(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    title = _member_title(info, ctx)
    foreign = ctx.outsiders(info)
    if title is None or not foreign or len(info.items) < SINGLE_OPTIONS - 1:
        return None
    stem = f"{_where(ctx, info)}下列不属于{title}的是（ ）。"
    for _ in range(DRAWS * 2):
        outsider = rng.choice(foreign)
        members = [i.title for i in rng.sample(info.items, SINGLE_OPTIONS - 1)]
        opts = members + [outsider]
        rng.shuffle(opts)
        options = letters_for(opts)
        key = LETTERS[opts.index(outsider)]
        if not gives_away(stem, options, [key]) and not odd_form([outsider], members):
            break
    else:
        return None
    return Question(
        question_id(info.node.id, "single_not_member"), "单选", stem, key, options,
        _explain(ctx, info.node, _list_summary(info) + f"；{outsider}不在其中"),
        info.node.id, kind="single_not_member", document=ctx.doc_title(info.node), difficulty=2,
    )


def _multi_members(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    title = _member_title(info, ctx)
    foreign = ctx.outsiders(info)
    if title is None or len(info.items) < 2:
        return None
    where = _where(ctx, info)
    stem = f"{where}{title}包括（ ）。" if where else f"下列属于{title}的有（ ）。"
    # 2 or 3 right of 5: at least two wrong, so "choose all but one" is no strategy.
    choices = [n for n in (2, 3) if n <= len(info.items) and MULTI_OPTIONS - n <= len(foreign)]
    if not choices:
        return None
    for _ in range(DRAWS):
        real_n = rng.choice(choices)
        right = [i.title for i in rng.sample(info.items, real_n)]
        made = draw_options(stem, right, foreign, MULTI_OPTIONS - real_n, rng)
        if made is not None:
            break
    else:
        return None
    options, key = made
    return Question(
        question_id(info.node.id, "multi_members"), "多选", stem, key, options,
        _explain(ctx, info.node, _list_summary(info)),
        info.node.id, kind="multi_members", document=ctx.doc_title(info.node), difficulty=2,
    )


def _multi_not_members(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    """「下列不属于宏观环境的有（ ）」: 2 or 3 outsiders of the same kind are the key, items of the list the rest."""
    title = _member_title(info, ctx)
    if title is not None and not _concept(info):
        return None  # a list named by its heading is asked once, as 多选 and 下列不属于
    foreign = ctx.outsiders(info)
    if title is None:
        return None
    where = _where(ctx, info)
    stem = f"{where}下列不属于{title}的有（ ）。"
    choices = [n for n in (2, 3) if n <= len(foreign) and MULTI_OPTIONS - n <= len(info.items)]
    if not choices:
        return None
    for _ in range(DRAWS):
        n_out = rng.choice(choices)
        outside = rng.sample(foreign, n_out)
        made = draw_options(stem, outside, [i.title for i in info.items], MULTI_OPTIONS - n_out, rng)
        if made is not None:
            break
    else:
        return None
    options, key = made
    return Question(
        question_id(info.node.id, "multi_not_members"), "多选", stem, key, options,
        _explain(ctx, info.node, _list_summary(info) + f"；{'、'.join(outside)}不在其中"),
        info.node.id, kind="multi_not_members", document=ctx.doc_title(info.node), difficulty=3,
    )


MAX_STATEMENT_CHARS = 30


def statement_texts(ctx: _Context, info: _ListInfo) -> list[tuple[Node, str]]:
    """Items whose description can be said of any sibling without its wording deciding it:
    the stuff of 「关于客户生命周期，下列说法正确的有」."""
    siblings = [i.title for i in info.items]
    out, seen = [], set()
    for item in info.items:
        text = _definition(ctx.graph, item)
        if (not text or len(text) > MAX_STATEMENT_CHARS or fold(item.title) in fold(text) or meta_text(text)
                or cried_out(text)
                or not re.match(r"[\u4e00-\u9fff]", text) or text.startswith(_PRONOUN_START + ("各", "每", "所有"))
                or item_category(item.title) in (ORG, ROLE) or fold(text) in seen):
            continue
        if named_in(text, [item.title], [s for s in siblings if s != item.title]) or ctx.describes_kind(text, item.title):
            continue  # 因惰性不愿… of 惰性忠诚: its wording tells whose it is
        if any(len(s) >= 2 and s in text for s in siblings):
            continue  # 由二级指标展开: a sibling named in the text
        if not definable(text) and not kinds(_stem_title(_own_title(info)), siblings):
            continue  # 「…的是查尔斯·巴贝奇」: a clause is said of kinds only
        seen.add(fold(text))
        out.append((item, text))
    return out


def _multi_statements(ctx: _Context, info: _ListInfo, rng: random.Random) -> Question | None:
    """「关于客户生命周期，下列说法正确的有（ ）」: five statements of what the items are, 2 or 3 said of
    the right item and the rest of a sibling. A list no other list is of the kind of has its 多选 so."""
    title = _stem_title(_own_title(info))
    if (not _coherent(ctx, info) or not _nameable(title) or info.node.kind == "document"
            or not all(_term_like(i.title) for i in info.items) or pattern_list(i.title for i in info.items)):
        return None
    said = statement_texts(ctx, info)
    if len(said) < MULTI_OPTIONS:
        return None  # each option its own item and its own description: none tells another's truth
    company = ctx.company(info.node)
    stem = f"关于{company}的{title}，下列说法正确的有（ ）。" if company else f"关于{title}，下列说法正确的有（ ）。"
    for _ in range(DRAWS):
        subjects = rng.sample(said, MULTI_OPTIONS)
        n_true = rng.choice((2, 3))
        statements = [statement(item.title, text) for item, text in subjects[:n_true]]
        falses = subjects[n_true:]
        # The wrong ones trade descriptions round: every description is said once, never of its own item.
        wrong = [statement(item.title, falses[(i + 1) % len(falses)][1]) for i, (item, _) in enumerate(falses)]
        made = draw_options(stem, statements, wrong, len(wrong), rng)
        if made is None or len(set(made[0].values())) != MULTI_OPTIONS:
            continue
        options, key = made
        return Question(
            question_id(info.node.id, "multi_statements"), "多选", stem, key, options,
            _explain(ctx, info.node, "；".join(f"{i.title}：{t}" for i, t in said)),
            info.node.id, kind="multi_statements", document=ctx.doc_title(info.node), difficulty=3,
        )
    return None
