"""What the items of one list share, for the cards asked of each item (「X属于哪一个知识点」)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from cskexam.core.card_lists import _ASPECT, _is_bullet
from cskexam.core.card_text import _clean
from cskexam.core.distractors import list_category
from cskexam.core.graph import KnowledgeGraph

# 「X属于哪一个知识点」 cards per list at most.
ITEM_PARENT_PER_LIST = 2


def _ambiguous_item_titles(graph: KnowledgeGraph) -> set[str]:
    """Item titles found under differently named parents: '属于哪一个?' has no single answer."""
    parents: dict[str, set[str]] = defaultdict(set)
    for n in graph:
        if n.kind == "item" and n.parent:
            parents[_clean(n.title)].add(_clean(graph.get(n.parent).title))
    return {t for t, ps in parents.items() if len(ps) > 1}


@dataclass(frozen=True)
class _ItemList:
    """What the items under one parent share, worked out once per parent (not once per
    item, which made a list of thousands of items quadratic)."""

    count: int
    asked: frozenset[str]  # ids of the items asked 「X属于哪一个知识点」
    kind_of_list: bool
    positions: dict[str, int]


def _item_list(graph, parent, ambiguous, memo: dict[str, _ItemList]) -> _ItemList:
    found = memo.get(parent.id)
    if found is not None:
        return found
    siblings = [k for k in graph.children(parent.id) if k.kind == "item"]
    # 「X属于哪一个知识点」 is worth asking only of a list learnt by name, and a
    # few of its items say as much as all of them.
    askable = [k for k in siblings if 2 <= len(_clean(k.title)) <= 10 and _clean(k.title) not in ambiguous
               and not _is_bullet(k) and not _ASPECT.match(_clean(k.title))]
    # A list of things of one kind (环境, 特性, 团队) or one stated with its count: its
    # items belong to it; a heading's sub-points (了解客服部重要性) do not make a list.
    kind_of_list = (parent.count is not None or parent.mnemonic is not None
                    or (len(siblings) >= 2 and list_category([_clean(k.title) for k in siblings]) is not None))
    found = _ItemList(len(siblings), frozenset(k.id for k in askable[:ITEM_PARENT_PER_LIST]), kind_of_list,
                      {k.id: i for i, k in enumerate(siblings, 1)})
    memo[parent.id] = found
    return found
