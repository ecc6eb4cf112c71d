"""Parse throughput on the bundled notes repeated to about 5 MB (goal: ≥ 1 MB/s).

Baseline in the same run: normalising the same text alone, so the ratio says
how much the outline work costs on top of reading the characters once.

    python bench/parse.py
"""

from __future__ import annotations

import statistics
import time

from cskexam.core.notes import NoteSource, parse_notes
from cskexam.core.notes.normalize import normalize_text
from cskexam.services.notes import collect_note_files, read_sources


def main() -> None:
    seed = "\n".join(src.text for src in read_sources(collect_note_files(None)))
    copies = max(1, (5 * 1024 * 1024) // len(seed.encode("utf-8")))
    sources = [NoteSource(f"copy{i:03d}.txt", seed) for i in range(copies)]
    size_mb = sum(len(s.text.encode("utf-8")) for s in sources) / 1024 / 1024

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

    base, base_cpu = timed(lambda: [normalize_text(s.text) for s in sources])
    full, full_cpu = timed(lambda: parse_notes(sources))
    nodes = len(parse_notes(sources[:1]).nodes)
    print(f"input: {copies} copies of the notes, {size_mb:.2f} MB, {nodes} nodes per copy")
    print(f"normalise only : {base:.3f} s  ({size_mb / base:.2f} MB/s, CPU {size_mb / base_cpu:.2f} MB/s)")
    print(f"parse_notes    : {full:.3f} s  ({size_mb / full:.2f} MB/s, CPU {size_mb / full_cpu:.2f} MB/s)  goal ≥ 1 MB/s")
    print(f"ratio parse/normalise: {full / base:.1f}x")


if __name__ == "__main__":
    main()
