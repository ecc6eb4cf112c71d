"""The deck the card makers fill: a card's id, and the checks every card passes (an answer, no give-away,
no duplicate front), its text in the notes' script (繁體 notes get 繁體 template words)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable

from cskexam.core.card_text import _squash, full_width
from cskexam.core.exam_asks import asks_exam_question
from cskexam.core.graph import KnowledgeGraph, Node
from cskexam.core.script_forms import DocumentScripts, NotesScript


@dataclass(frozen=True)
class Flashcard:
    id: str
    node: str
    kind: str
    front: str
    back: str

    def to_dict(self) -> dict:
        return {"id": self.id, "node": self.node, "kind": self.kind, "front": self.front, "back": self.back}


def card_id(node_id: str, kind: str, key: str = "") -> str:
    """Stable id of the card of ``kind`` made from ``node_id`` (``key`` tells several apart)."""
    raw = "\x1f".join((node_id, kind, key))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _gives_away(front: str, answer_parts: Iterable[str]) -> bool:
    flat = _squash(front)
    for part in answer_parts:
        key = _squash(part)
        if len(key) >= 2 and key in flat:
            return True
    return False


class _Deck:
    """Collects cards, refusing empty answers, give-aways and duplicates."""

    def __init__(self, graph: KnowledgeGraph | None = None) -> None:
        self.cards: list[Flashcard] = []
        self._scripts = DocumentScripts(graph) if graph is not None else None
        self._ids: set[str] = set()
        self._fronts: set[str] = set()
        self._backs: set[tuple[str, str]] = set()
        self._lists: set[str] = set()

    def mark_list(self, node: Node) -> None:
        self._lists.add(_squash(node.title))

    def has_list(self, node: Node) -> bool:
        """A list card asks ``node``'s list (here, or the same list in another passage)."""
        return _squash(node.title) in self._lists

    def add(self, node: Node, kind: str, front: str, back: str, key: str = "", answer_parts: Iterable[str] | None = None,
            same_back_is_duplicate: bool = False) -> bool:
        script = self.script_of(node)
        front, back = script(full_width(front.strip())), script(full_width(back.strip()))
        if not front or not _squash(back):
            return False
        parts = list(answer_parts) if answer_parts is not None else [back]
        if _gives_away(front, parts):
            return False
        if any(asks_exam_question(p) for p in [*parts, key]):
            return False  # 「什么是简述…的含义？」, 「…」属于「试论述…」: an exam's question taught as a key point
        cid = card_id(node.id, kind, key)
        fkey = _squash(front)
        bkey = (kind, _squash(back)) if same_back_is_duplicate else None
        if cid in self._ids or fkey in self._fronts or (bkey is not None and bkey in self._backs):
            return False
        self._ids.add(cid)
        self._fronts.add(fkey)
        if bkey is not None:
            self._backs.add(bkey)
        self.cards.append(Flashcard(cid, node.id, kind, front, back))
        if kind == "list":
            self._lists.add(_squash(node.title))
        return True

    def script_of(self, node: Node) -> NotesScript:
        """The script of ``node``'s notes: on notes in 繁體 the cards' own words read 繁體 too."""
        return self._scripts.of(node.id) if self._scripts is not None else _AS_IS


_AS_IS = NotesScript("")
