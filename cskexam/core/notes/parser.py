"""Outline parser (being written): see cskexam.core.notes."""

from __future__ import annotations

from dataclasses import dataclass

from cskexam.core.graph import KnowledgeGraph


@dataclass(frozen=True)
class NoteSource:
    name: str  # file name as shown to the user and used in node ids
    text: str


def parse_notes(sources: list[NoteSource]) -> KnowledgeGraph:
    raise NotImplementedError
