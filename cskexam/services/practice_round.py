"""A practice round: which questions are in scope, their order, where the candidate is, the tallies.

Pure state over questions already loaded (``Practice.questions()``): the
screen asks it what to show and tells it what was answered. Chance arrives as
a ``random.Random`` so that a shuffled round can be replayed in a test.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Iterable

from cskexam.core.graph import KnowledgeGraph
from cskexam.core.questions import Question
from cskexam.core.vocab import NodeKind
from cskexam.services.practice import order_questions

STARRED, WRONG = "*starred", "*wrong"  # scopes that are not parts of the notes
SPECIAL_SCOPES = {STARRED: "★ 收藏的题目", WRONG: "✗ 错题本中的题目"}
SCOPE_KINDS = (NodeKind.DOCUMENT, NodeKind.CHAPTER, NodeKind.SECTION)
ALL_SCOPE_LABEL = "全部章节"


@dataclass(frozen=True)
class ScopeChoice:
    node_id: str | None  # None: the whole library; STARRED / WRONG: those questions
    label: str  # indented by depth in the outline
    count: int  # questions in it (after the type filter)


def questions_in_scope(graph: KnowledgeGraph, questions: Iterable[Question], node_id: str | None, *,
                       starred: set[str], wrong_ids: set[str], type_filter: str | None = None) -> list[Question]:
    """The questions of a scope: a node and everything below it, the starred or the wrong ones."""
    if node_id is None:
        found = list(questions)
    elif node_id == STARRED:
        found = [q for q in questions if q.id in starred]
    elif node_id == WRONG:
        found = [q for q in questions if q.id in wrong_ids]
    else:
        scope = {node_id} | {n.id for n in graph.descendants(node_id)}
        found = [q for q in questions if q.node in scope]
    if type_filter:
        found = [q for q in found if q.type == type_filter]
    return found


def scope_choices(graph: KnowledgeGraph, questions: list[Question], *, starred: set[str], wrong_ids: set[str],
                  type_filter: str | None = None) -> list[ScopeChoice]:
    """Every scope that holds a question: the library, starred, wrong, then the outline."""
    scopes: list[tuple[str | None, str]] = [(None, ALL_SCOPE_LABEL), *SPECIAL_SCOPES.items()]
    for node in graph:
        if node.kind in SCOPE_KINDS:
            scopes.append((node.id, "  " * len(graph.ancestors(node.id)) + node.title))
    out = []
    for node_id, label in scopes:
        n = len(questions_in_scope(graph, questions, node_id, starred=starred, wrong_ids=wrong_ids,
                                   type_filter=type_filter))
        if n:
            out.append(ScopeChoice(node_id, label, n))
    return out


def key_point_path(graph: KnowledgeGraph, node_id: str | None) -> str:
    """A question's key point below its document (the document's long title would wrap the line)."""
    if not node_id or node_id not in graph:
        return ""
    titles = [n.title for n in graph.ancestors(node_id)[1:]] + [graph.get(node_id).title]
    return " › ".join(titles)


@dataclass
class PracticeRound:
    """One pass over some questions: the current one and how many were answered right."""

    questions: list[Question]
    index: int = 0
    right: int = 0
    answered: int = 0
    finished: bool = field(default=False)

    @classmethod
    def start(cls, questions: list[Question], order: str, rng: random.Random) -> PracticeRound:
        return cls(order_questions(questions, order, rng))

    @property
    def current(self) -> Question | None:
        if self.finished or not 0 <= self.index < len(self.questions):
            return None
        return self.questions[self.index]

    @property
    def is_last(self) -> bool:
        return self.index == len(self.questions) - 1

    def record(self, correct: bool) -> None:
        self.answered += 1
        self.right += int(correct)

    def advance(self) -> bool:
        """Go to the next question; False (and finished) after the last one."""
        if self.index + 1 < len(self.questions):
            self.index += 1
            return True
        self.finished = True
        return False

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answered if self.answered else None
