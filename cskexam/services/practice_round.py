"""A practice round: which questions are in scope, their order, where the candidate is, the tallies.

Pure state over questions already loaded (``Practice.questions()``): the
screen asks it what to show and tells it what was answered. Chance arrives as
a ``random.Random`` so that a shuffled round can be replayed in a test.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from cskexam.core.graph import KnowledgeGraph
from cskexam.core.questions import Question
from cskexam.core.vocab import NodeKind, QuestionType
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
    done: int = 0  # of them answered at least once
    answers: int = 0
    right: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.answers if self.answers else None

    def progress_text(self) -> str:
        """``66 题 · 已做 12 · 正确率 75%``."""
        text = f"{self.count} 题"
        if self.done:
            text += f" · 已做 {self.done}"
        if self.accuracy is not None:
            text += f" · 正确率 {self.accuracy:.0%}"
        return text


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
                  type_filter: str | None = None,
                  stats: dict[str, tuple[int, int]] | None = None) -> list[ScopeChoice]:
    """Every scope that holds a question: the library, starred, wrong, then the outline.

    ``stats`` (``{question_id: (answers, right)}``) adds how much of each scope was done, and how well.
    """
    stats = stats or {}
    scopes: list[tuple[str | None, str]] = [(None, ALL_SCOPE_LABEL), *SPECIAL_SCOPES.items()]
    for node in graph:
        if node.kind in SCOPE_KINDS:
            scopes.append((node.id, "  " * len(graph.ancestors(node.id)) + node.title))
    out = []
    for node_id, label in scopes:
        found = questions_in_scope(graph, questions, node_id, starred=starred, wrong_ids=wrong_ids,
                                   type_filter=type_filter)
        if found:
            answered = [stats[q.id] for q in found if q.id in stats]
            out.append(ScopeChoice(node_id, label, len(found), len(answered), sum(a for a, _ in answered),
                                   sum(r for _, r in answered)))
    return out


def key_point_path(graph: KnowledgeGraph, node_id: str | None) -> str:
    """A question's key point below its document (the document's long title would wrap the line)."""
    if not node_id or node_id not in graph:
        return ""
    titles = [n.title for n in graph.ancestors(node_id)[1:]] + [graph.get(node_id).title]
    return " › ".join(titles)


@dataclass(frozen=True)
class ShuffledQuestion:
    """A choice question with its options in another order, lettered A, B, … again."""

    shown: Question
    original: Question
    to_original: dict[str, str]  # shown letter → the original's letter

    def given_to_original(self, given: Any) -> Any:
        """An answer given to ``shown`` in the original's letters (what is stored and graded)."""
        if given is None:
            return None
        if self.original.type == QuestionType.SINGLE:
            return self.to_original.get(given, given)
        if self.original.type == QuestionType.MULTI:
            return "".join(sorted(self.to_original.get(c, c) for c in given))
        return given


def shuffle_options(q: Question, rng: random.Random) -> ShuffledQuestion:
    """``q`` with its options shuffled and the answer's letters remapped (other types as they are)."""
    if q.type not in (QuestionType.SINGLE, QuestionType.MULTI) or len(q.options) < 2:
        return ShuffledQuestion(q, q, {k: k for k in q.options})
    letters = list(q.options)
    order = letters[:]
    rng.shuffle(order)
    to_original = dict(zip(letters, order))
    from_original = {old: new for new, old in to_original.items()}
    if q.type == QuestionType.SINGLE:
        answer: Any = from_original.get(q.answer, q.answer)
    else:
        mapped = sorted(from_original.get(a, a) for a in q.answer)
        answer = "".join(mapped) if isinstance(q.answer, str) else mapped
    shown = replace(q, options={new: q.options[old] for new, old in to_original.items()}, answer=answer)
    return ShuffledQuestion(shown, q, to_original)


@dataclass
class PracticeRound:
    """One pass over some questions: the current one and how many were answered right."""

    questions: list[Question]
    index: int = 0
    right: int = 0
    answered: int = 0
    finished: bool = field(default=False)

    # Shuffled choice questions by id (when the round shuffles options): the shown
    # question is in ``questions``, the original is what answers are stored against.
    shuffled: dict[str, ShuffledQuestion] = field(default_factory=dict)
    results: dict[int, bool] = field(default_factory=dict)  # index → answered right (this round)

    @classmethod
    def start(cls, questions: list[Question], order: str, rng: random.Random, *,
              shuffle: bool = False) -> PracticeRound:
        ordered = order_questions(questions, order, rng)
        if not shuffle:
            return cls(ordered)
        mixed = {q.id: shuffle_options(q, rng) for q in ordered}
        return cls([mixed[q.id].shown for q in ordered], shuffled=mixed)

    @classmethod
    def resume(cls, questions: list[Question], saved: dict) -> PracticeRound | None:
        """The round saved as ``{"ids", "index", "right", "answered"}``, over the questions still there."""
        by_id = {q.id: q for q in questions}
        ids = [i for i in saved.get("ids", []) if i in by_id]
        index = int(saved.get("index", 0))
        if not ids or not 0 <= index < len(ids):
            return None
        return cls([by_id[i] for i in ids], index=index, right=int(saved.get("right", 0)),
                   answered=int(saved.get("answered", 0)))

    def original(self, q: Question, given: Any) -> tuple[Question, Any]:
        """The question as stored and ``given`` in its letters (unchanged when not shuffled)."""
        mixed = self.shuffled.get(q.id)
        if mixed is None:
            return q, given
        return mixed.original, mixed.given_to_original(given)

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
        self.results[self.index] = correct

    def goto(self, index: int) -> None:
        """Jump to a question (the answer sheet)."""
        if 0 <= index < len(self.questions):
            self.index = index
            self.finished = False

    def sheet(self) -> list[bool | None]:
        """Each question's result in this round: right, wrong, or None when not answered."""
        return [self.results.get(i) for i in range(len(self.questions))]

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
