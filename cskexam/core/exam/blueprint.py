"""Exam blueprints: a YAML file of sections by question type, time limit, pass mark and spread."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, TypeGuard

from cskexam.core.vocab import QUESTION_TYPES
from cskexam.errors import PROBLEMS_SHOWN, UserError, listed_problems

SPREADS = ("document", "chapter", "none")
DEFAULT_AVOID_RECENT = 3
MAX_MINUTES = 600
MAX_COUNT = 500

_BLUEPRINT_KEYS = {"name", "description", "minutes", "pass_mark", "spread", "avoid_recent", "sections", "order",
                   "weights"}
_SECTION_KEYS = {"type", "count", "points", "partial_credit", "title"}


class BlueprintError(UserError):
    """A blueprint file that does not validate (names file and line)."""


# -- blueprints ---------------------------------------------------------------------

@dataclass(frozen=True)
class Section:
    type: str
    count: int
    points: float
    # 多选 is all-or-nothing, as in the national exam, unless the blueprint lets
    # 少选 earn the grading module's partial credit.
    partial_credit: bool = False
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
                   bool(data.get("partial_credit", False)), str(data.get("title") or ""))


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
    # (title fragment, factor): a part of the notes whose title holds the
    # fragment gets that many times its share of the paper (the textbook part
    # over pasted articles); the first fragment found counts, others weigh 1.
    weights: tuple[tuple[str, float], ...] = ()

    def weight_for(self, title: str) -> float:
        return next((factor for fragment, factor in self.weights if fragment in title), 1.0)

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
            "weights": dict(self.weights),
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> "Blueprint":
        return cls(
            name=str(data["name"]), sections=tuple(Section.from_dict(s) for s in data["sections"]),
            minutes=int(data["minutes"]), pass_mark=float(data["pass_mark"]),
            description=str(data.get("description") or ""), spread=str(data.get("spread") or "document"),
            avoid_recent=int(data.get("avoid_recent", DEFAULT_AVOID_RECENT)), order=int(data.get("order", 100)),
            source=str(data.get("source") or ""),
            weights=tuple((str(k), float(v)) for k, v in (data.get("weights") or {}).items()),
        )


def fmt_points(value: float) -> str:
    """1.0 → "1", 0.5 → "0.5", 72.25 → "72.25"."""
    value = round(float(value), 2)
    return str(int(value)) if value == int(value) else f"{value:g}"


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def parse_blueprint(text: str, file: str) -> Blueprint:
    """A Blueprint from YAML text; BlueprintError naming ``file`` and the line."""
    import yaml

    from cskexam.core.yaml_lines import load_yaml_with_lines

    data: Any  # YAML: every field is checked below
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
    raw_weights = data.get("weights") or {}
    weights: list[tuple[str, float]] = []
    if not isinstance(raw_weights, dict):
        problem(line_of("weights"), "weights 必须是「标题片段: 倍数」的映射")
    else:
        for fragment, factor in raw_weights.items():
            if not isinstance(fragment, str) or not fragment.strip() or not _is_number(factor) or factor <= 0:
                problem(getattr(raw_weights, "line_of", lambda key: line_of("weights"))(fragment),
                        f"weights 的「{fragment}」必须对应一个正数倍数")
            else:
                weights.append((fragment.strip(), float(factor)))

    sections: list[Section] = []
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problem(line_of("sections"), "缺少题型部分 sections（至少一项）")
        raw_sections = []
    raw: Any
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
        partial = raw.get("partial_credit", False)
        if not isinstance(partial, bool):
            problem(sline("partial_credit"), "partial_credit 必须是 true 或 false")
            bad = True
        title = raw.get("title", "")
        if not isinstance(title, str):
            problem(sline("title"), "title 必须是文字")
            bad = True
        if not bad and _is_int(count) and _is_number(points):
            sections.append(Section(str(qtype), count, float(points), partial, title))
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
            rest = listed_problems([f"{file}:{ln}: {m}" for ln, m in problems[1:]], PROBLEMS_SHOWN - 1)
            more = f"（另有 {len(problems) - 1:,} 个问题）\n" + "\n".join(rest)
        raise BlueprintError(first + more, file, first_line)
    assert isinstance(name, str) and _is_int(minutes) and _is_number(pass_mark)  # else a problem was raised
    return Blueprint(
        name=name.strip(), sections=tuple(sections), minutes=minutes, pass_mark=float(pass_mark),
        description=description.strip(), spread=spread, avoid_recent=avoid, order=order, source=file,
        weights=tuple(weights),
    )


def merge_blueprints(presets: Iterable[Blueprint], overrides: Iterable[Blueprint]) -> list[Blueprint]:
    """Presets with the user's files on top: same name replaces, new names are added."""
    by_name: dict[str, Blueprint] = {}
    for bp in presets:
        by_name[bp.name] = bp
    for bp in overrides:
        by_name[bp.name] = bp
    return sorted(by_name.values(), key=lambda b: (b.order, b.name))
