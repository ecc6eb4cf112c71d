"""An exam question: its type, stem, options, answer and where it comes from; grading an answer."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from cskexam.core.grading import GradeResult, PointLexicon, ScoringPoint, grade
from cskexam.core.graph import SourceRef
from cskexam.core.vocab import QuestionType

LETTERS = "ABCDEF"
SOURCES = ("generated", "bank", "import")
BLANK = "____"


@dataclass
class Question:
    id: str
    type: str  # 单选 | 多选 | 判断 | 填空 | 简答 | 案例分析
    stem: str
    answer: Any  # "B" | ["A", "C"] | "对" | "text" | ["a", "b"] | model answer
    options: dict[str, str] = field(default_factory=dict)
    explanation: str = ""
    node: str | None = None  # id of the tested node
    source: str = "generated"  # generated | bank | import
    kind: str = ""  # generator kind; "authored" for bank/import
    points: list[ScoringPoint] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    difficulty: int = 2
    document: str = ""  # title of the document the node belongs to
    origin: SourceRef | None = None  # file and line of an authored question

    def to_dict(self) -> dict:
        """The public shape used by ``cskexam questions --json``."""
        return {
            "id": self.id,
            "type": self.type,
            "stem": self.stem,
            "options": dict(self.options),
            "answer": self.answer,
            "explanation": self.explanation,
            "node": self.node,
            "source": self.source,
        }

    def to_record(self) -> dict:
        """Everything, for storage."""
        return {
            **self.to_dict(),
            "kind": self.kind,
            "points": [p.to_dict() for p in self.points],
            "tags": list(self.tags),
            "difficulty": self.difficulty,
            "document": self.document,
            "origin": self.origin.to_dict() if self.origin else None,
        }

    @classmethod
    def from_record(cls, rec: dict) -> "Question":
        origin = rec.get("origin")
        return cls(
            id=rec["id"],
            type=rec["type"],
            stem=rec["stem"],
            answer=rec.get("answer"),
            options=dict(rec.get("options") or {}),
            explanation=rec.get("explanation") or "",
            node=rec.get("node"),
            source=rec.get("source") or "generated",
            kind=rec.get("kind") or "",
            points=[ScoringPoint.coerce(p) for p in rec.get("points") or []],
            tags=list(rec.get("tags") or []),
            difficulty=int(rec.get("difficulty") or 2),
            document=rec.get("document") or "",
            origin=SourceRef(origin["file"], int(origin["line"])) if origin else None,
        )

    def grade(self, answer: Any, others: PointLexicon | None = None) -> GradeResult:
        """``others``: the bank's scoring terms, so padding a 简答 with other questions' points costs."""
        return grade(self.type, answer, self.answer, self.points, others=others, stem=self.stem)

    def answer_text(self) -> str:
        """The right answer as a candidate reads it: ``B. 普通竞争者``."""
        if self.type == QuestionType.SINGLE:
            return f"{self.answer}. {self.options.get(self.answer, '')}"
        if self.type == QuestionType.MULTI:
            return "；".join(f"{k}. {self.options.get(k, '')}" for k in self.answer)
        if isinstance(self.answer, list):
            return "、".join(str(a) for a in self.answer)
        return str(self.answer)


def question_id(node_id: str, kind: str) -> str:
    return "g-" + hashlib.sha1(f"{node_id}\x1f{kind}".encode("utf-8")).hexdigest()[:12]
