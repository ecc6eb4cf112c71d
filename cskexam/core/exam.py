"""Mock exams: blueprints, seeded paper assembly, the exam state machine, scoring.

Pure. Time arrives as numbers of seconds (the UI measures them) and chance as
an injected ``random.Random``; nothing here reads a clock or a database.

Blueprint
    A YAML file: sections by question type (count, points each, whether 多选
    少选 earns part of the marks), the time limit, the pass mark, and how the
    questions spread over the notes (``spread: document | chapter | none``).

Paper assembly (``assemble_paper``)
    * Every part (document or chapter) gets a quota of the paper proportional
      to its size in the graph (nodes below it), at least one question when the
      paper has room for one per part (largest-remainder apportionment).
    * Sections are filled scarcest first (fewest distinct key points per
      question asked), each split over the parts by their remaining quota.
    * Within a part, candidates are ordered: not seen in the last attempts,
      then authored (bank/import) before generated, then by the seeded draw.
    * A key point (node) is tested at most once per paper: two questions on the
      same fact would give each other away.
    * When the library has too few questions the paper is smaller, never
      padded with repeats, and ``Paper.shortfalls`` says what is missing; the
      pass mark is scaled to the smaller total.

Exam state (``ExamAttempt``)
    answers, flags, current question and remaining seconds; ``tick(elapsed)``
    runs the clock down and reports when time is up. No grading happens until
    ``score_paper``: there is no feedback during the exam.

Scoring (``score_paper``)
    Each question earns ``points × grade score`` (a blank earns nothing; a 多选
    with 少选 earns half only when its section allows partial credit). The
    report has the score, pass/fail, time used, points and accuracy per type and
    per part, the weakest key points, and every question with its outcome.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from cskexam.core.grading import QUESTION_TYPES, GradeResult, ShortAnswerResult, grade_short_answer
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.questions import Question
from cskexam.errors import UserError

SPREADS = ("document", "chapter", "none")
AUTHORED_SOURCES = ("bank", "import")
DEFAULT_AVOID_RECENT = 3
MAX_MINUTES = 600
MAX_COUNT = 500
WARNING_SECONDS = 10 * 60  # the countdown turns warning-coloured in the last 10 minutes
OPTION_TYPES = ("单选", "多选")
SUBJECTIVE = ("简答", "案例分析")

_BLUEPRINT_KEYS = {"name", "description", "minutes", "pass_mark", "spread", "avoid_recent", "sections", "order"}
_SECTION_KEYS = {"type", "count", "points", "partial_credit", "title"}


class BlueprintError(UserError):
    """A blueprint file that does not validate (names file and line)."""


# -- blueprints ---------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    type: str
    count: int
    points: float
    partial_credit: bool = True  # 多选 少选 earns the grading module's partial credit
    title: str = ""

    @property
    def label(self) -> str:
        return self.title or f"{self.type}题"

    @property
    def total(self) -> float:
        return self.count * self.points

    def to_dict(self) -> dict:
        return {"type": self.type, "count": self.count, "points": self.points,
                "partial_credit": self.partial_credit, "title": self.title}

    @classmethod
    def from_dict(cls, data: Mapping) -> "Section":
        return cls(str(data["type"]), int(data["count"]), float(data["points"]),
                   bool(data.get("partial_credit", True)), str(data.get("title") or ""))


@dataclass(frozen=True)
class Blueprint:
    name: str
    sections: tuple[Section, ...]
    minutes: int
    pass_mark: float
    description: str = ""
    spread: str = "document"
    avoid_recent: int = DEFAULT_AVOID_RECENT  # attempts whose questions come last
    order: int = 100
    source: str = ""  # the file it was read from

    @property
    def total_points(self) -> float:
        return sum(s.total for s in self.sections)

    @property
    def question_count(self) -> int:
        return sum(s.count for s in self.sections)

    @property
    def seconds(self) -> int:
        return self.minutes * 60

    def summary(self) -> str:
        """``单选 60×1 + 多选 20×1 + 判断 20×1 = 100 分，90 分钟，60 分合格``."""
        parts = " + ".join(f"{s.type} {s.count}×{fmt_points(s.points)}" for s in self.sections)
        return (f"{parts} = {fmt_points(self.total_points)} 分，{self.minutes} 分钟，"
                f"{fmt_points(self.pass_mark)} 分合格")

    def to_dict(self) -> dict:
        return {
            "name": self.name, "description": self.description, "minutes": self.minutes,
            "pass_mark": self.pass_mark, "spread": self.spread, "avoid_recent": self.avoid_recent,
            "order": self.order, "sections": [s.to_dict() for s in self.sections],
            "total_points": self.total_points, "questions": self.question_count, "source": self.source,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> "Blueprint":
        return cls(
            name=str(data["name"]), sections=tuple(Section.from_dict(s) for s in data["sections"]),
            minutes=int(data["minutes"]), pass_mark=float(data["pass_mark"]),
            description=str(data.get("description") or ""), spread=str(data.get("spread") or "document"),
            avoid_recent=int(data.get("avoid_recent", DEFAULT_AVOID_RECENT)), order=int(data.get("order", 100)),
            source=str(data.get("source") or ""),
        )


def fmt_points(value: float) -> str:
    """1.0 → "1", 0.5 → "0.5", 72.25 → "72.25"."""
    value = round(float(value), 2)
    return str(int(value)) if value == int(value) else f"{value:g}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def parse_blueprint(text: str, file: str) -> Blueprint:
    """A Blueprint from YAML text; BlueprintError naming ``file`` and the line."""
    import yaml

    from cskexam.core.bank import load_yaml_with_lines

    try:
        data = load_yaml_with_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise BlueprintError(f"YAML 格式错误: {getattr(exc, 'problem', None) or exc}", file,
                             mark.line + 1 if mark else None) from None
    problems: list[tuple[int, str]] = []

    def problem(line: int, message: str) -> None:
        problems.append((line, message))

    if not isinstance(data, dict):
        raise BlueprintError("试卷方案必须是一个映射（name、minutes、pass_mark、sections …）", file, 1)
    line_of = getattr(data, "line_of", lambda key: 1)
    for key in data:
        if key not in _BLUEPRINT_KEYS:
            problem(line_of(key), f"未知字段「{key}」（可用: {'、'.join(sorted(_BLUEPRINT_KEYS))}）")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        problem(line_of("name"), "缺少试卷名称 name")
    minutes = data.get("minutes")
    if not _is_int(minutes) or not 1 <= minutes <= MAX_MINUTES:
        problem(line_of("minutes"), f"考试时长 minutes 必须是 1–{MAX_MINUTES} 的整数（分钟）")
    spread = data.get("spread", "document")
    if spread not in SPREADS:
        problem(line_of("spread"), f"spread 只能是 {' / '.join(SPREADS)}，而不是「{spread}」")
    avoid = data.get("avoid_recent", DEFAULT_AVOID_RECENT)
    if not _is_int(avoid) or avoid < 0:
        problem(line_of("avoid_recent"), "avoid_recent 必须是不小于 0 的整数（最近几次考试的题目尽量不再出）")
    order = data.get("order", 100)
    if not _is_int(order):
        problem(line_of("order"), "order 必须是整数")
    description = data.get("description", "")
    if not isinstance(description, str):
        problem(line_of("description"), "description 必须是文字")

    sections: list[Section] = []
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problem(line_of("sections"), "缺少题型部分 sections（至少一项）")
        raw_sections = []
    for raw in raw_sections:
        line = getattr(raw, "line", line_of("sections"))
        if not isinstance(raw, dict):
            problem(line, "sections 的每一项必须是映射（type、count、points）")
            continue
        sline = getattr(raw, "line_of", lambda key: line)
        bad = False
        for key in raw:
            if key not in _SECTION_KEYS:
                problem(sline(key), f"未知字段「{key}」（可用: {'、'.join(sorted(_SECTION_KEYS))}）")
                bad = True
        qtype, count, points = raw.get("type"), raw.get("count"), raw.get("points")
        if qtype not in QUESTION_TYPES:
            problem(sline("type"), f"题型 type 只能是 {'、'.join(QUESTION_TYPES)}，而不是「{qtype}」")
            bad = True
        if not _is_int(count) or not 1 <= count <= MAX_COUNT:
            problem(sline("count"), f"题数 count 必须是 1–{MAX_COUNT} 的整数")
            bad = True
        if not _is_number(points) or points <= 0:
            problem(sline("points"), "每题分值 points 必须是正数")
            bad = True
        partial = raw.get("partial_credit", True)
        if not isinstance(partial, bool):
            problem(sline("partial_credit"), "partial_credit 必须是 true 或 false")
            bad = True
        title = raw.get("title", "")
        if not isinstance(title, str):
            problem(sline("title"), "title 必须是文字")
            bad = True
        if not bad:
            sections.append(Section(qtype, count, float(points), partial, title))
    pass_mark = data.get("pass_mark")
    total = sum(s.total for s in sections)
    if not _is_number(pass_mark) or pass_mark <= 0:
        problem(line_of("pass_mark"), "合格分 pass_mark 必须是正数")
    elif sections and not problems and pass_mark > total:
        problem(line_of("pass_mark"), f"合格分 {fmt_points(pass_mark)} 高于满分 {fmt_points(total)}")
    if problems:
        problems.sort()
        first_line, first = problems[0]
        more = ""
        if len(problems) > 1:
            more = f"（另有 {len(problems) - 1} 个问题）\n" + "\n".join(f"{file}:{ln}: {m}" for ln, m in problems[1:])
        raise BlueprintError(first + more, file, first_line)
    return Blueprint(
        name=name.strip(), sections=tuple(sections), minutes=minutes, pass_mark=float(pass_mark),
        description=description.strip(), spread=spread, avoid_recent=avoid, order=order, source=file,
    )


def merge_blueprints(presets: Iterable[Blueprint], overrides: Iterable[Blueprint]) -> list[Blueprint]:
    """Presets with the user's files on top: same name replaces, new names are added."""
    by_name: dict[str, Blueprint] = {}
    for bp in presets:
        by_name[bp.name] = bp
    for bp in overrides:
        by_name[bp.name] = bp
    return sorted(by_name.values(), key=lambda b: (b.order, b.name))


# -- parts of the notes and apportionment ---------------------------------------------

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
            if child.kind == "chapter":
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
        candidates.setdefault(q.type, {}).setdefault(part_of[q.node], []).append(q)

    used_nodes: set[str] = set()

    def available(qtype: str, part: str) -> int:
        return len({q.node for q in candidates.get(qtype, {}).get(part, []) if q.node not in used_nodes})

    total = blueprint.question_count
    any_caps = {p.id: len({q.node for qs in candidates.values() for q in qs.get(p.id, [])}) for p in parts}
    weights = {p.id: float(p.weight) for p in parts}
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
        for p in parts:
            n = split[p.id]
            # Among equally preferred questions, leave the key points that a
            # later section could also use to that section.
            ranked = sorted(candidates.get(s.type, {}).get(p.id, []),
                            key=lambda q: (q.id in recent, not is_authored(q), q.node in contested, draw[q.id]))
            for q in ranked:
                if n == 0:
                    break
                if q.node in used_nodes:
                    continue
                chosen.append(q)
                used_nodes.add(q.node)
                n -= 1
            quota[p.id] -= split[p.id]
        picked[index] = chosen
        if len(chosen) < s.count:
            shortfalls.append(Shortfall(index, s.type, s.count, len(chosen)))

    items: list[PaperItem] = []
    for index, s in enumerate(blueprint.sections):
        chosen = list(picked.get(index, []))
        rng.shuffle(chosen)  # topics mixed, as on the real paper
        for q in chosen:
            part = part_of[q.node]
            items.append(PaperItem(len(items) + 1, q, index, s.points, part, titles[part]))
    shortfalls.sort(key=lambda f: f.section)
    return Paper(blueprint, seed, items, shortfalls)


# -- the exam in progress -------------------------------------------------------------------

IN_PROGRESS, SUBMITTED, TIMED_OUT, ABANDONED = "in_progress", "submitted", "timed_out", "abandoned"
STATUS_LABELS = {IN_PROGRESS: "进行中", SUBMITTED: "已交卷", TIMED_OUT: "时间到自动交卷", ABANDONED: "已放弃"}


def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset)):
        return not value
    return False


def normalise_answer(qtype: str, value: Any) -> Any:
    """The stored form: 单选 "B", 多选 ["A", "C"] (sorted), 判断 对/错, text otherwise."""
    if is_blank(value):
        return None
    if qtype == "多选":
        letters = value if isinstance(value, (list, tuple, set, frozenset)) else list(str(value))
        return sorted({str(v).strip().upper() for v in letters if str(v).strip()}) or None
    if qtype == "单选":
        return str(value).strip().upper()
    return value


@dataclass
class ExamAttempt:
    """One sitting of a paper: answers, flags, where the candidate is, time left."""

    paper: Paper
    remaining: float  # seconds
    answers: dict[int, Any] = field(default_factory=dict)
    flags: set[int] = field(default_factory=set)
    current: int = 1
    status: str = IN_PROGRESS

    @classmethod
    def start(cls, paper: Paper) -> "ExamAttempt":
        return cls(paper, float(paper.blueprint.seconds))

    # -- navigation --------------------------------------------------------------
    @property
    def size(self) -> int:
        return len(self.paper.items)

    def goto(self, number: int) -> int:
        if self.size:
            self.current = min(max(1, int(number)), self.size)
        return self.current

    def next(self) -> int:
        return self.goto(self.current + 1)

    def previous(self) -> int:
        return self.goto(self.current - 1)

    @property
    def item(self) -> PaperItem:
        return self.paper.item(self.current)

    # -- answering -----------------------------------------------------------------
    def _check_open(self) -> None:
        if self.status != IN_PROGRESS:
            raise ValueError("the attempt is finished")

    def answer(self, number: int, value: Any) -> Any:
        """Set (or with a blank value, clear) the answer of question ``number``."""
        self._check_open()
        item = self.paper.item(number)
        value = normalise_answer(item.question.type, value)
        if value is None:
            self.answers.pop(number, None)
        else:
            self.answers[number] = value
        return value

    def choose(self, number: int, letter: str) -> Any:
        """A letter key: sets a 单选/判断, toggles a letter of a 多选."""
        item = self.paper.item(number)
        q = item.question
        letter = letter.upper()
        if q.type == "判断":
            return self.answer(number, {"A": "对", "B": "错"}.get(letter))
        if letter not in q.options:
            return self.answers.get(number)
        if q.type == "多选":
            have = set(self.answers.get(number) or [])
            have ^= {letter}
            return self.answer(number, sorted(have))
        return self.answer(number, letter)

    def toggle_flag(self, number: int) -> bool:
        self._check_open()
        if number in self.flags:
            self.flags.discard(number)
            return False
        self.flags.add(number)
        return True

    def is_answered(self, number: int) -> bool:
        return not is_blank(self.answers.get(number))

    def unanswered(self) -> list[int]:
        return [i.number for i in self.paper.items if not self.is_answered(i.number)]

    def flagged(self) -> list[int]:
        return sorted(self.flags)

    def answered_count(self) -> int:
        return self.size - len(self.unanswered())

    # -- time ------------------------------------------------------------------------
    def tick(self, elapsed: float) -> bool:
        """Run the clock down by ``elapsed`` seconds; True once time is up."""
        if self.status == IN_PROGRESS:
            self.remaining = max(0.0, self.remaining - max(0.0, float(elapsed)))
        return self.remaining <= 0

    @property
    def time_up(self) -> bool:
        return self.remaining <= 0

    @property
    def warning(self) -> bool:
        """The last 10 minutes (the last fifth of a short quiz, so it still means hurry)."""
        return self.remaining <= min(WARNING_SECONDS, self.paper.blueprint.seconds / 5)

    @property
    def used(self) -> float:
        return max(0.0, self.paper.blueprint.seconds - self.remaining)

    def finish(self, timed_out: bool = False) -> None:
        self.status = TIMED_OUT if timed_out else SUBMITTED


def format_clock(seconds: float) -> str:
    """Remaining time as the countdown shows it: ``89:59`` or ``1:59:59``."""
    s = max(0, int(math.ceil(seconds)))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m:02d}:{sec:02d}"


def format_duration(seconds: float) -> str:
    """``1 小时 5 分 3 秒`` / ``12 分 30 秒``."""
    s = max(0, int(round(seconds)))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    if h:
        return f"{h} 小时 {m} 分 {sec} 秒"
    if m:
        return f"{m} 分 {sec} 秒"
    return f"{sec} 秒"


# -- scoring and the report ------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionOutcome:
    item: PaperItem
    given: Any
    result: GradeResult
    short: ShortAnswerResult | None
    earned: float

    @property
    def correct(self) -> bool:
        return self.result.correct

    @property
    def blank(self) -> bool:
        return is_blank(self.given)

    @property
    def lost(self) -> float:
        return self.item.points - self.earned


@dataclass(frozen=True)
class GroupScore:
    key: str
    label: str
    questions: int
    correct: int
    earned: float
    points: float

    @property
    def accuracy(self) -> float:
        return self.correct / self.questions if self.questions else 0.0

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "questions": self.questions, "correct": self.correct,
                "earned": round(self.earned, 2), "points": round(self.points, 2),
                "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True)
class WeakPoint:
    node: str
    title: str
    path: str
    lost: float
    questions: tuple[int, ...]  # numbers on the paper

    def to_dict(self) -> dict:
        return {"node": self.node, "title": self.title, "path": self.path, "lost": round(self.lost, 2),
                "questions": list(self.questions)}


@dataclass
class ExamReport:
    paper: Paper
    outcomes: list[QuestionOutcome]
    score: float
    total: float
    pass_mark: float
    passed: bool
    time_used: float  # seconds
    status: str
    by_type: list[GroupScore]
    by_part: list[GroupScore]
    weakest: list[WeakPoint]

    @property
    def correct(self) -> int:
        return sum(1 for o in self.outcomes if o.correct)

    @property
    def wrong(self) -> list[QuestionOutcome]:
        return [o for o in self.outcomes if not o.correct]

    def to_dict(self) -> dict:
        return {
            "blueprint": self.paper.blueprint.name, "seed": self.paper.seed, "status": self.status,
            "score": round(self.score, 2), "total": round(self.total, 2), "pass_mark": self.pass_mark,
            "passed": self.passed, "time_used_s": round(self.time_used), "correct": self.correct,
            "questions": len(self.outcomes),
            "by_type": [g.to_dict() for g in self.by_type], "by_part": [g.to_dict() for g in self.by_part],
            "weakest": [w.to_dict() for w in self.weakest],
            "answers": [
                {"number": o.item.number, "question": o.item.question.id, "type": o.item.question.type,
                 "given": o.given, "correct": o.correct, "earned": round(o.earned, 2), "points": o.item.points,
                 "note": o.result.note,
                 "matched": list(o.short.matched) if o.short else None,
                 "missed": list(o.short.missed) if o.short else None}
                for o in self.outcomes
            ],
        }


def score_item(item: PaperItem, section: Section, given: Any) -> QuestionOutcome:
    q = item.question
    if is_blank(given):
        short = None
        if q.type in SUBJECTIVE and q.points:
            short = grade_short_answer("", q.points)
        expected = q.answer
        return QuestionOutcome(item, None, GradeResult(False, 0.0, expected, None, "未作答"), short, 0.0)
    result = q.grade(given)
    short = grade_short_answer(str(given), q.points) if q.type in SUBJECTIVE and q.points else None
    fraction = result.score
    if q.type == "多选" and not result.correct and not section.partial_credit:
        fraction = 0.0
    earned = round(item.points * max(0.0, min(1.0, fraction)), 2)
    return QuestionOutcome(item, given, result, short, earned)


def _groups(outcomes: list[QuestionOutcome], key, label) -> list[GroupScore]:
    order: list[str] = []
    acc: dict[str, list[QuestionOutcome]] = {}
    labels: dict[str, str] = {}
    for o in outcomes:
        k = key(o)
        if k not in acc:
            order.append(k)
            acc[k] = []
            labels[k] = label(o)
        acc[k].append(o)
    return [
        GroupScore(k, labels[k], len(acc[k]), sum(1 for o in acc[k] if o.correct),
                   sum(o.earned for o in acc[k]), sum(o.item.points for o in acc[k]))
        for k in order
    ]


def score_paper(
    paper: Paper,
    answers: Mapping[int, Any],
    *,
    time_used: float,
    status: str = SUBMITTED,
    graph: KnowledgeGraph | None = None,
    weakest: int = 8,
) -> ExamReport:
    """Grade every question of ``paper``; ``graph`` gives the weakest points their paths."""
    outcomes = [score_item(i, paper.section_of(i), answers.get(i.number)) for i in paper.items]
    score = round(sum(o.earned for o in outcomes), 2)
    total = paper.total_points
    pass_mark = paper.pass_mark
    by_type = _groups(outcomes, lambda o: o.item.question.type, lambda o: o.item.question.type)
    by_part = _groups(outcomes, lambda o: o.item.part, lambda o: o.item.part_title or "（未归类）")
    return ExamReport(
        paper=paper, outcomes=outcomes, score=score, total=total, pass_mark=pass_mark,
        passed=score >= pass_mark - 1e-9 and total > 0, time_used=time_used, status=status,
        by_type=by_type, by_part=by_part, weakest=weakest_points(outcomes, graph, weakest),
    )


def weakest_points(outcomes: list[QuestionOutcome], graph: KnowledgeGraph | None, limit: int = 8) -> list[WeakPoint]:
    """Key points that cost the most points (a list's items are summed into the list)."""
    lost: dict[str, float] = {}
    numbers: dict[str, list[int]] = {}
    for o in outcomes:
        node = o.item.question.node
        if not node or o.lost <= 0:
            continue
        key = node
        if graph is not None and node in graph:
            n = graph.get(node)
            parent = graph.parent(node)
            # Items of one list are one thing to study: 竞争者环境, not 品牌竞争者 alone.
            if n.kind == "item" and parent is not None and parent.kind != "document":
                key = parent.id
        lost[key] = lost.get(key, 0.0) + o.lost
        numbers.setdefault(key, []).append(o.item.number)
    ranked = sorted(lost, key=lambda k: (-lost[k], numbers[k][0]))[:limit]
    out = []
    for k in ranked:
        if graph is not None and k in graph:
            title = graph.get(k).title
            path = " › ".join(graph.path_titles(k)[1:] + [title])
        else:
            title = path = k
        out.append(WeakPoint(k, title, path, lost[k], tuple(numbers[k])))
    return out


__all__ = [
    "Blueprint", "BlueprintError", "Section", "parse_blueprint", "merge_blueprints", "Part", "graph_parts",
    "apportion", "PaperItem", "Paper", "Shortfall", "assemble_paper", "ExamAttempt", "normalise_answer",
    "is_blank", "score_paper", "score_item", "ExamReport", "GroupScore", "QuestionOutcome", "WeakPoint",
    "format_clock", "format_duration", "fmt_points", "IN_PROGRESS", "SUBMITTED", "TIMED_OUT", "ABANDONED",
    "STATUS_LABELS", "WARNING_SECONDS",
]
