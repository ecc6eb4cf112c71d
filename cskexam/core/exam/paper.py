"""Seeded paper assembly: parts of the notes, apportionment, the paper and its shortfalls.

One question per key point; authored questions before generated ones, recent
ones last; each part of the notes in proportion to its (weighted) size. A 判断
section is half 对 and half 错 (the odd item by a draw) whenever the questions
allow it, so that answering 对 throughout earns no more than chance.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from cskexam.core.exam.blueprint import Blueprint, Section
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.questions import Question
from cskexam.core.vocab import NodeKind

AUTHORED_SOURCES = ("bank", "import")

@dataclass(frozen=True)
class Part:
    id: str  # node id of the document/chapter ("" for spread: none)
    title: str
    weight: int  # nodes in this part of the graph


def graph_parts(graph: KnowledgeGraph, spread: str) -> tuple[list[Part], dict[str, str]]:
    """The parts of the graph and ``{node_id: part_id}`` for every node.

    ``chapter``: each chapter is a part; nodes of a document outside any
    chapter form a part of their own (titled by the document).
    """
    if spread == "none":
        return [Part("", "全部笔记", len(graph))], {nid: "" for nid in graph.nodes}
    part_of: dict[str, str] = {}
    parts: list[Part] = []
    for doc in graph.documents():
        members = [doc] + graph.descendants(doc.id)
        if spread == "document":
            parts.append(Part(doc.id, doc.title, len(members)))
            part_of.update({n.id: doc.id for n in members})
            continue
        loose = [doc]
        chapter_parts = []
        for child in graph.children(doc.id):
            if child.kind == NodeKind.CHAPTER:
                below = [child] + graph.descendants(child.id)
                chapter_parts.append(Part(child.id, f"{doc.title} › {child.title}", len(below)))
                part_of.update({n.id: child.id for n in below})
            else:
                below = [child] + graph.descendants(child.id)
                loose += below
        if len(loose) > 1 or not chapter_parts:
            parts.append(Part(doc.id, doc.title, len(loose)))
            part_of.update({n.id: doc.id for n in loose})
        parts.extend(chapter_parts)
    return parts, part_of


def apportion(
    total: int,
    weights: Mapping[str, float],
    caps: Mapping[str, int] | None = None,
    minimum: int = 0,
) -> dict[str, int]:
    """Split ``total`` over keys in proportion to ``weights`` (largest remainder).

    Every key with capacity first gets ``minimum`` (when ``total`` allows one
    each, largest weights first); no key gets more than its cap; what a capped
    key cannot take goes to the others. Ties go to the earlier key. The sum is
    ``min(total, sum of caps)``.
    """
    keys = list(weights)
    caps = {k: (caps[k] if caps is not None else total) for k in keys}
    out = {k: 0 for k in keys}
    left = total
    if minimum:
        able = [k for k in keys if caps[k] > 0]
        able.sort(key=lambda k: (-weights[k], keys.index(k)))
        for k in able:
            give = min(minimum, caps[k], left)
            out[k] += give
            left -= give
    open_keys = [k for k in keys if out[k] < caps[k]]
    # Keys whose proportional share exceeds their room are filled first; the
    # rest is shared among the others, so a cap never distorts the proportions.
    while left > 0 and open_keys:
        wsum = sum(max(weights[k], 0) for k in open_keys)
        share = {k: (left * max(weights[k], 0) / wsum) if wsum > 0 else left / len(open_keys) for k in open_keys}
        full = [k for k in open_keys if share[k] >= caps[k] - out[k]]
        if not full:
            break
        for k in full:
            left -= caps[k] - out[k]
            out[k] = caps[k]
        open_keys = [k for k in open_keys if k not in full]
    if left > 0 and open_keys:
        wsum = sum(max(weights[k], 0) for k in open_keys)
        share = {k: (left * max(weights[k], 0) / wsum) if wsum > 0 else left / len(open_keys) for k in open_keys}
        for k in open_keys:
            out[k] += int(math.floor(share[k]))
        rest = left - sum(int(math.floor(share[k])) for k in open_keys)
        ranked = sorted(open_keys, key=lambda k: (-(share[k] - math.floor(share[k])), -weights[k], keys.index(k)))
        for k in ranked[:rest]:
            out[k] += 1
    return out


# -- the paper -----------------------------------------------------------------------------

@dataclass(frozen=True)
class PaperItem:
    number: int  # 1-based, as printed on the paper
    question: Question
    section: int  # index into blueprint.sections
    points: float
    part: str  # part id
    part_title: str


@dataclass(frozen=True)
class Shortfall:
    section: int
    type: str
    wanted: int
    found: int

    def message(self) -> str:
        return (f"{self.type}题需要 {self.wanted} 道，题库中只有 {self.found} 道考不同知识点的题目，"
                f"本卷少 {self.wanted - self.found} 道")


@dataclass
class Paper:
    blueprint: Blueprint
    seed: int
    items: list[PaperItem]
    shortfalls: list[Shortfall] = field(default_factory=list)

    @property
    def total_points(self) -> float:
        return sum(i.points for i in self.items)

    @property
    def pass_mark(self) -> float:
        """The blueprint's pass mark, scaled when the paper came out smaller."""
        full = self.blueprint.total_points
        if not self.shortfalls or full <= 0:
            return self.blueprint.pass_mark
        return round(self.blueprint.pass_mark * self.total_points / full, 2)

    @property
    def complete(self) -> bool:
        return not self.shortfalls

    def item(self, number: int) -> PaperItem:
        return self.items[number - 1]

    def section_of(self, item: PaperItem) -> Section:
        return self.blueprint.sections[item.section]

    def to_dict(self) -> dict:
        """The public shape of ``cskexam exam paper --json``."""
        return {
            "blueprint": self.blueprint.name,
            "seed": self.seed,
            "minutes": self.blueprint.minutes,
            "total_points": self.total_points,
            "pass_mark": self.pass_mark,
            "complete": self.complete,
            "shortfalls": [s.message() for s in self.shortfalls],
            "questions": [
                {"number": i.number, "section": self.blueprint.sections[i.section].label, "points": i.points,
                 "part": i.part_title, **i.question.to_dict()}
                for i in self.items
            ],
        }

    def layout(self) -> list[dict]:
        """What storage keeps to rebuild the paper: question ids, sections, points, parts."""
        return [{"number": i.number, "question": i.question.id, "section": i.section, "points": i.points,
                 "part": i.part, "part_title": i.part_title} for i in self.items]

    @classmethod
    def from_layout(cls, blueprint: Blueprint, seed: int, layout: Sequence[Mapping],
                    questions: Mapping[str, Question], shortfalls: Sequence[Mapping] = ()) -> "Paper":
        items = [
            PaperItem(int(r["number"]), questions[r["question"]], int(r["section"]), float(r["points"]),
                      str(r.get("part") or ""), str(r.get("part_title") or ""))
            for r in layout
        ]
        return cls(blueprint, seed, items, [Shortfall(**s) for s in shortfalls])


def shortfall_dicts(paper: Paper) -> list[dict]:
    return [{"section": s.section, "type": s.type, "wanted": s.wanted, "found": s.found} for s in paper.shortfalls]


def is_authored(q: Question) -> bool:
    return q.source in AUTHORED_SOURCES


def _answer_class(q: Question) -> str:
    return str(q.answer) if q.type == "判断" else ""


def _answer_room(qtype: str, count: int, rng: random.Random) -> dict[str, int] | None:
    """How many 对 and 错 a 判断 section takes; None for other types."""
    if qtype != "判断":
        return None
    half = count // 2
    extra = count - 2 * half
    if extra and rng.random() < 0.5:
        return {"对": half + extra, "错": half}
    return {"对": half, "错": half + extra}


def assemble_paper(
    blueprint: Blueprint,
    graph: KnowledgeGraph,
    questions: Iterable[Question],
    rng: random.Random,
    *,
    seed: int = 0,
    recent: Iterable[str] = (),
) -> Paper:
    """A paper for ``blueprint`` from ``questions``; see the module docstring.

    ``recent``: ids of questions of the last attempts, used only when nothing
    else is left. The same inputs and the same ``rng`` state give the same paper.
    """
    parts, part_of = graph_parts(graph, blueprint.spread)
    recent = set(recent)
    draw: dict[str, float] = {}
    pool: list[Question] = []
    for q in sorted(questions, key=lambda q: q.id):  # rng draws must not depend on input order
        draw[q.id] = rng.random()
        if q.node and q.node in part_of:
            pool.append(q)

    def rank(q: Question) -> tuple:
        return (q.id in recent, not is_authored(q), draw[q.id])

    # candidates[type][part] in preference order
    candidates: dict[str, dict[str, list[Question]]] = {}
    for q in sorted(pool, key=rank):
        candidates.setdefault(q.type, {}).setdefault(part_of[q.node or ""], []).append(q)  # pool: all have nodes

    used_nodes: set[str] = set()

    def available(qtype: str, part: str) -> int:
        return len({q.node for q in candidates.get(qtype, {}).get(part, []) if q.node not in used_nodes})

    total = blueprint.question_count
    any_caps = {p.id: len({q.node for qs in candidates.values() for q in qs.get(p.id, [])}) for p in parts}
    weights = {p.id: float(p.weight) * blueprint.weight_for(p.title) for p in parts}
    quota = apportion(total, weights, any_caps, minimum=1)
    titles = {p.id: p.title for p in parts}

    def slack(index: int) -> tuple:
        s = blueprint.sections[index]
        distinct = len({q.node for qs in candidates.get(s.type, {}).values() for q in qs})
        return (distinct - s.count, index)

    picked: dict[int, list[Question]] = {}
    shortfalls: list[Shortfall] = []
    pending = sorted(range(len(blueprint.sections)), key=slack)  # least room to spare first
    while pending:
        index = pending.pop(0)
        s = blueprint.sections[index]
        later_types = {blueprint.sections[i].type for i in pending} - {s.type}
        contested = {q.node for t in later_types for qs in candidates.get(t, {}).values() for q in qs}
        caps = {p.id: available(s.type, p.id) for p in parts}
        # Parts weighted by what is left of their quota; a part whose quota is
        # used up still takes questions when the others have run dry.
        want = {p.id: max(quota[p.id], 0) + 1e-6 * p.weight for p in parts}
        split = apportion(s.count, want, caps)
        chosen: list[Question] = []
        # 判断 half 对 and half 错 (the odd one by a draw), or answering 对
        # throughout would pay; other types have no answer classes to balance.
        room = _answer_room(s.type, s.count, rng)
        ranked_by_part = {
            # Among equally preferred questions, leave the key points that a
            # later section could also use to that section.
            p.id: sorted(candidates.get(s.type, {}).get(p.id, []),
                         key=lambda q: (q.id in recent, not is_authored(q), q.node in contested, draw[q.id]))
            for p in parts
        }
        taken = {p.id: 0 for p in parts}
        # Passes: fresh questions keeping the balance within each part's share,
        # then beyond it (a part or two gives up an item for the balance), then
        # fresh ones regardless of the balance, then recent ones likewise.
        passes = ((False, True, True), (False, True, False), (False, False, True),
                  (True, True, True), (True, False, True), (True, False, False))
        for with_recent, balanced, within_share in passes:
            for p in parts:
                for q in ranked_by_part[p.id]:
                    if len(chosen) >= s.count or (within_share and taken[p.id] >= split[p.id]):
                        break
                    if q.node in used_nodes or (q.id in recent and not with_recent):
                        continue
                    cls = _answer_class(q)
                    if balanced and room is not None and room.get(cls, 0) <= 0:
                        continue
                    chosen.append(q)
                    used_nodes.add(q.node or "")
                    taken[p.id] += 1
                    if room is not None and cls in room:
                        room[cls] -= 1
        for p in parts:
            quota[p.id] -= taken[p.id]
        picked[index] = chosen
        if len(chosen) < s.count:
            shortfalls.append(Shortfall(index, s.type, s.count, len(chosen)))

    items: list[PaperItem] = []
    for index, s in enumerate(blueprint.sections):
        chosen = list(picked.get(index, []))
        rng.shuffle(chosen)  # topics mixed, as on the real paper
        for q in chosen:
            part = part_of[q.node or ""]
            items.append(PaperItem(len(items) + 1, q, index, s.points, part, titles[part]))
    shortfalls.sort(key=lambda f: f.section)
    return Paper(blueprint, seed, items, shortfalls)
