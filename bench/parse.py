"""Parse throughput (goal: ≥ 1 MB/s of CPU time on any input).

Inputs: the bundled notes repeated to about 5 MB (prose-heavy), the hand-scored
corpus notes repeated (real, node-dense notes), and generated node-dense files
(a node every few bytes), once with lines that repeat and once with lines that
never repeat (made-up words from a fixed seed). Baseline in the same run:
normalising the bundled notes alone, so the ratio says how much the outline
work costs on top of reading the characters once.

Two verdicts are printed: the slowest of the notes inputs (bundled and corpus),
and the slowest of every input, the generated node-dense ones included.

    python bench/parse.py            # everything
    python bench/parse.py dense      # only inputs whose name contains a word
    python bench/parse.py distinct   # only the inputs whose lines never repeat
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

from cskexam.core.notes import NoteSource, parse_notes
from cskexam.core.notes.normalize import normalize_text
from cskexam.services.notes import collect_note_files, read_sources

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "notes_corpus" / "notes"


def timed(fn) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (the CPU
    figure holds on a machine that others are using too)."""
    walls, cpus = [], []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def repeated(sources: list[NoteSource], target_mb: float) -> list[NoteSource]:
    size = sum(len(s.text.encode("utf-8")) for s in sources)
    copies = max(1, int(target_mb * 1024 * 1024) // size)
    return [NoteSource(f"copy{i:03d}-{s.name}", s.text) for i in range(copies) for s in sources]


# Plain characters for made-up words: no numerals, no marker or heading
# characters, so the words are text and never structure.
_CHARS = ("服务质量管理客户沟通技能岗位职责组织结构计划控制领导激励培训考核薪酬绩效"
          "员工关系招聘配置人力资源市场营销产品价格渠道促销品牌形象消费行为心理需求"
          "动机态度情绪压力健康安全环境法律合同风险财务成本利润预算会计审计税收投资")


def words(count: int, seed: int) -> list[str]:
    """``count`` distinct made-up words (two to four characters), always the same
    for a seed: notes whose lines never repeat, so that nothing done once per
    distinct line is hidden by lines coming back."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < count:
        out["".join(rng.choice(_CHARS) for _ in range(rng.randint(2, 4)))] = None
    return list(out)


def distinct_inputs() -> dict[str, list[NoteSource]]:
    bullets = words(20_000, 1)
    w = iter(words(299 * 56, 2))
    numbered = "\n".join(
        f"第{c}章 {next(w)}\n" + "\n".join(
            f"{s}、{next(w)}\n" + "\n".join(f"({k}){next(w)}：{next(w)}" for k in range(1, 6)) for s in range(1, 6)
        )
        for c in range(1, 300)
    )
    w = iter(words(299 * 46, 3))
    markdown = "\n".join(
        f"## 第{c}节 {next(w)}\n" + "\n".join(
            f"- {next(w)}\n" + "\n".join(f"  - {next(w)}：{next(w)}" for k in range(1, 5)) for s in range(1, 6)
        )
        for c in range(1, 300)
    )
    w = iter(words(4000 * 4, 4))
    inline = "\n".join(f"{next(w)}的三大功能：{next(w)}、{next(w)}、{next(w)}" for _ in range(4000))
    run_on = "".join(f"{i % 50 + 1}、{word}" for i, word in enumerate(words(30_000, 5)))
    return {
        "distinct: bullet lines ×20000": [NoteSource("db.txt", "\n".join(f"• {b}" for b in bullets))],
        "distinct: numbered items and (1) points": [NoteSource("dn.txt", numbered)],
        "distinct: markdown nested lists": [NoteSource("dm.md", markdown)],
        "distinct: inline counted lists ×4000": [NoteSource("di.txt", inline)],
        "distinct: run-on numbers on one line": [NoteSource("dr.txt", run_on)],
    }


def dense_inputs() -> dict[str, list[NoteSource]]:
    numbered = "\n".join(
        f"第{c}章 客户服务第{c}部分\n" + "\n".join(
            f"{s}、服务要素{c}{s}\n" + "\n".join(f"({k})要点{k}：说明" for k in range(1, 6)) for s in range(1, 6)
        )
        for c in range(1, 300)
    )
    markdown = "\n".join(
        f"## 第{c}节 内容\n" + "\n".join(f"- 项目{s}\n" + "\n".join(f"  - 子项{k}：解释" for k in range(1, 5)) for s in range(1, 6))
        for c in range(1, 300)
    )
    inline = "\n".join(f"要素{c}的三大功能：保障、激励、调节" for c in range(4000))
    return {
        "dense: bullet lines (• 重复 ×20000)": [NoteSource("b.txt", "\n".join(["• 重复"] * 20_000))],
        "dense: numbered items and (1) points": [NoteSource("n.txt", numbered)],
        "dense: markdown nested lists": [NoteSource("m.md", markdown)],
        "dense: inline counted lists": [NoteSource("i.txt", inline)],
        "dense: run-on numbers on one line": [NoteSource("r.txt", "".join(f"{i % 50 + 1}、重复" for i in range(30_000)))],
    }


def main() -> None:
    words = sys.argv[1:]
    seed = [NoteSource("seed.txt", "\n".join(src.text for src in read_sources(collect_note_files(None))))]
    corpus = read_sources(sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt")))
    inputs = {"bundled notes ×5 MB": repeated(seed, 5), "corpus notes ×2 MB": repeated(corpus, 2)} | dense_inputs() | distinct_inputs()
    if not words or "bundled" in words:
        sources = inputs["bundled notes ×5 MB"]
        size_mb = sum(len(s.text.encode("utf-8")) for s in sources) / 1024 / 1024
        base, base_cpu = timed(lambda: [normalize_text(s.text) for s in sources])
        print(f"normalise only (bundled) : {base:.3f} s  ({size_mb / base:.2f} MB/s, CPU {size_mb / base_cpu:.2f} MB/s)")
    worst = None
    worst_name = ""
    notes_worst = None
    for name, sources in inputs.items():
        if words and not any(w in name for w in words):
            continue
        size_mb = sum(len(s.text.encode("utf-8")) for s in sources) / 1024 / 1024
        nodes = len(parse_notes(sources, max_nodes=None).nodes)
        wall, cpu = timed(lambda: parse_notes(sources, max_nodes=None))
        rate = size_mb / cpu
        if worst is None or rate < worst:
            worst, worst_name = rate, name
        if not name.startswith(("dense", "distinct")) and (notes_worst is None or rate < notes_worst):
            notes_worst = rate
        print(f"{name:<40} {size_mb:5.2f} MB {nodes:>7} nodes ({nodes / size_mb / 1024:5.1f}/KB)  "
              f"{wall:6.2f} s  CPU {rate:5.2f} MB/s")
    if notes_worst is not None:
        print(f"notes (bundled, corpus): slowest CPU {notes_worst:.2f} MB/s  (goal ≥ 1 MB/s)")
    if worst is not None:
        # The generated inputs make a node every 10-20 bytes, several times denser than
        # real notes: they hold parsing to linear time on hostile files.
        print(f"any input: slowest CPU {worst:.2f} MB/s, {worst_name}  (goal ≥ 1 MB/s)")


if __name__ == "__main__":
    main()
