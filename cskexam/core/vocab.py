"""The project's vocabularies: question types, attempt states, node and card kinds.

Each is a ``StrEnum`` whose values are the strings stored in the database, in
YAML and in JSON output, so a member compares equal to (and serialises as) the
plain string. The Chinese label a user sees lives here too, once.
"""

from __future__ import annotations

from enum import StrEnum


class QuestionType(StrEnum):
    """An exam question's type; the stored value is the Chinese name itself."""

    SINGLE = "单选"
    MULTI = "多选"
    JUDGE = "判断"
    FILL = "填空"
    SHORT = "简答"
    CASE = "案例分析"

    @property
    def label(self) -> str:
        return self.value


OBJECTIVE_TYPES: tuple[QuestionType, ...] = (QuestionType.SINGLE, QuestionType.MULTI, QuestionType.JUDGE,
                                             QuestionType.FILL)
SUBJECTIVE_TYPES: tuple[QuestionType, ...] = (QuestionType.SHORT, QuestionType.CASE)
QUESTION_TYPES: tuple[QuestionType, ...] = OBJECTIVE_TYPES + SUBJECTIVE_TYPES


class AttemptStatus(StrEnum):
    """Where a mock-exam sitting stands."""

    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    TIMED_OUT = "timed_out"
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    AttemptStatus.IN_PROGRESS: "进行中",
    AttemptStatus.SUBMITTED: "已交卷",
    AttemptStatus.TIMED_OUT: "时间到自动交卷",
    AttemptStatus.ABANDONED: "已放弃",
}


def status_label(status: str) -> str:
    """The Chinese label of a stored status (the raw value when it is unknown)."""
    try:
        return AttemptStatus(status).label
    except ValueError:
        return status


class NodeKind(StrEnum):
    """A node of the knowledge graph."""

    DOCUMENT = "document"
    CHAPTER = "chapter"
    SECTION = "section"
    POINT = "point"
    ITEM = "item"

    @property
    def label(self) -> str:
        return _NODE_LABELS[self]


_NODE_LABELS = {
    NodeKind.DOCUMENT: "文档",
    NodeKind.CHAPTER: "章",
    NodeKind.SECTION: "节",
    NodeKind.POINT: "要点",
    NodeKind.ITEM: "条目",
}


def node_kind_label(kind: str) -> str:
    """The Chinese label of a node kind (the raw value when it is unknown)."""
    try:
        return NodeKind(kind).label
    except ValueError:
        return kind


class CardKind(StrEnum):
    """What a flashcard asks."""

    DEFINITION = "definition"
    LIST = "list"
    ITEM_PARENT = "item_parent"
    ITEM_DEFINITION = "item_definition"
    CLOZE = "cloze"
    DUTIES = "duties"

    @property
    def label(self) -> str:
        return _CARD_LABELS[self]


_CARD_LABELS = {
    CardKind.DEFINITION: "定义",
    CardKind.LIST: "列举",
    CardKind.ITEM_PARENT: "归属",
    CardKind.ITEM_DEFINITION: "辨析",
    CardKind.CLOZE: "填空",
    CardKind.DUTIES: "职责",
}


def card_kind_label(kind: str) -> str:
    """The Chinese label of a card kind (the raw value when it is unknown)."""
    try:
        return CardKind(kind).label
    except ValueError:
        return kind
