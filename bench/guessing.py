"""What a candidate who knows nothing scores on seeded mock papers (prints figures; not a test).

    python bench/guessing.py [--papers 10] [--blueprint 理论知识模拟]

Each strategy answers every item of the paper without any knowledge of the
notes, only from the look of the question:

* 最像题干: the 单选 option sharing most characters with the stem (多选: the
  options sharing at least as many as the average option); 判断 对;
* 最长选项: the longest option (多选: the options longer than the average);
* 总选A: A for 单选, A and B for 多选, 对 for 判断;
* 总选对: 判断 always 对, the rest as 总选A;
* 全选: every option of a 多选, A for 单选, 对 for 判断.

Scoring follows the blueprint: 多选 all-or-nothing unless its section allows
partial credit. The goal is chance level: at most 35 of 100 on 理论知识模拟.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cskexam.core.exam import assemble_paper  # noqa: E402
from cskexam.core.question import Question  # noqa: E402
from cskexam.services.exam import load_blueprints  # noqa: E402
from cskexam.services.notes import load_graph  # noqa: E402
from cskexam.services.questions import library_questions  # noqa: E402


def _shared(a: str, b: str) -> int:
    return len(set(a) & set(b))


def by_stem(q: Question):
    if q.type == "判断":
        return "对"
    score = {k: _shared(v, q.stem) for k, v in q.options.items()}
    if q.type == "单选":
        return max(score, key=lambda k: (score[k], -ord(k)))
    mean = statistics.mean(score.values())
    return sorted(k for k in score if score[k] >= mean)


def longest(q: Question):
    if q.type == "判断":
        return "对"
    size = {k: len(v) for k, v in q.options.items()}
    if q.type == "单选":
        return max(size, key=lambda k: (size[k], -ord(k)))
    mean = statistics.mean(size.values())
    return sorted(k for k in size if size[k] > mean) or [max(size, key=size.get)]


def always_a(q: Question):
    return {"单选": "A", "多选": ["A", "B"], "判断": "对"}.get(q.type)


def always_right(q: Question):
    return "对" if q.type == "判断" else always_a(q)


def everything(q: Question):
    return sorted(q.options) if q.type == "多选" else always_a(q)


STRATEGIES = {"最像题干": by_stem, "最长选项": longest, "总选A": always_a, "总选对": always_right, "全选": everything}


def score_item(q: Question, given, points: float, partial: bool) -> float:
    if q.type == "多选":
        key, chosen = set(q.answer), set(given or ())
        if chosen == key:
            return points
        if partial and chosen and chosen < key:
            return points * len(chosen) / len(key)
        return 0.0
    return points if given == q.answer else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--papers", type=int, default=10)
    ap.add_argument("--blueprint", default="理论知识模拟")
    args = ap.parse_args()
    graph = load_graph()
    questions = library_questions(graph)
    blueprint = next(b for b in load_blueprints(Path("/nonexistent")) if b.name == args.blueprint)
    totals = {name: [] for name in STRATEGIES}
    by_type = {name: {} for name in STRATEGIES}
    for seed in range(1, args.papers + 1):
        paper = assemble_paper(blueprint, graph, questions, random.Random(seed), seed=seed)
        for name, strategy in STRATEGIES.items():
            total = 0.0
            for item in paper.items:
                section = paper.section_of(item)
                got = score_item(item.question, strategy(item.question), item.points, section.partial_credit)
                total += got
                hit = by_type[name].setdefault(item.question.type, [0, 0])
                hit[0] += got > 0
                hit[1] += 1
            totals[name].append(total / paper.total_points * 100)
    print(f"{args.blueprint}：{args.papers} 份种子试卷，满分 100（多选按试卷规则计分）")
    for name in STRATEGIES:
        rates = "  ".join(f"{t} {h / n:4.0%}" for t, (h, n) in sorted(by_type[name].items()))
        print(f"  {name:<6} 平均 {statistics.mean(totals[name]):5.1f}  最高 {max(totals[name]):5.1f}   {rates}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
