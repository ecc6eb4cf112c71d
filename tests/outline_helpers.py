"""Helpers of the parser rule tests: parse a text and look at its outline."""

from __future__ import annotations

from cskexam.core.notes import NoteSource, parse_notes


def parse(text: str, name: str = "notes.txt"):
    return parse_notes([NoteSource(name, text)])


def node(graph, title):
    found = graph.find(title)
    assert found, f"{title!r} not in {[n.title for n in graph]}"
    return found[0]


def kids(graph, title):
    return [c.title for c in graph.children(node(graph, title).id)]


def titles(graph):
    return [n.title for n in graph if n.kind != "document"]
