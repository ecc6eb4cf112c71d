"""Outline quality on the hand-scored notes corpus (tests/notes_corpus).

Each notes file there has a hand-made gold outline; this prints, per file and
overall, how much of it the parser gets right. Edges, titles, mnemonics, pages,
judgements and flags are micro-averaged (summed over files); lists are counted
per list.

    python bench/outline.py            # table per file and overall
    python bench/outline.py -v         # plus a few misses per file
    python bench/outline.py -v -n 20 cs_    # files whose name contains cs_, 20 misses each
    python bench/outline.py --cli      # score what `cskexam graph FILE --json` prints
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from notes_corpus.score import MEASURES, corpus_files, load_gold, parse_file, ratio, score, totals  # noqa: E402

SHORT = {"documents": "docs", "edges": "edges", "titles": "titles", "lists": "lists", "mnemonics": "mnem", "pages": "pages", "judgements": "judge", "flags": "flags"}


def cell(pair) -> str:
    r = ratio(pair)
    return "   -   " if r is None else f"{r * 100:5.1f}% "


def graph_json(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "cskexam", "graph", str(path), "--json"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("filter", nargs="?", default="", help="only files whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="show example misses per file")
    ap.add_argument("-n", type=int, default=6, help="misses shown per measure with -v (default 6)")
    ap.add_argument("--cli", action="store_true", help="run `cskexam graph FILE --json` instead of parsing in-process")
    args = ap.parse_args()

    pairs = [(n, g) for n, g in corpus_files() if args.filter in n.name]
    scores = []
    start = time.perf_counter()
    for notes, gold in pairs:
        graph = graph_json(notes) if args.cli else parse_file(notes)
        scores.append(score(load_gold(gold), graph))
    elapsed = time.perf_counter() - start

    width = max([len(s.name) for s in scores] + [8])
    print(f"{'file':<{width}} " + " ".join(f"{SHORT[m]:>7}" for m in MEASURES))
    for s in scores:
        print(f"{s.name:<{width}} " + " ".join(f"{cell(s.counts[m]):>7}" for m in MEASURES))
        if args.verbose:
            for m in MEASURES:
                misses = s.misses[m]
                if misses:
                    print(f"    {m} misses ({len(misses)}):")
                    for line in misses[: args.n]:
                        print(f"      - {line}")
    total = totals(scores)
    print("-" * (width + 8 * len(MEASURES)))
    print(f"{'overall':<{width}} " + " ".join(f"{cell(total[m]):>7}" for m in MEASURES))
    print()
    for m in MEASURES:
        hits, n = total[m]
        print(f"{m:<11} {hits:>4} / {n:<4} {cell(total[m])}")
    print(f"\n{len(scores)} files scored in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
