"""Hostile files against the real CLI: time and peak memory for each bomb.

Every bomb is generated here (nothing big is kept in the repository) and
run as its own ``cskexam`` process, so the peak resident memory is that
process's own (``os.wait4``). The limit for each: 10 s and 300 MB, and a
clear error (exit 2, no traceback) or a correct result. The CPU seconds are
shown too: on a busy machine they are the figure to compare.

    python bench/bombs.py            # all bombs
    python bench/bombs.py yaml xlsx  # only those whose name contains a word
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

LIMIT_S = 10.0
LIMIT_MB = 300.0
ROOT = Path(__file__).resolve().parent.parent


def billion_laughs() -> str:
    lines = ['a: &a ["哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈", "哈哈"]']
    for i in range(1, 10):
        prev, cur = (f"l{i - 1}" if i > 1 else "a"), f"l{i}"
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    lines.append("document: 客户服务管理师")
    lines.append("questions:\n  - id: jn-001\n    type: 单选\n    stem: *l9\n    difficulty: *l9\n    answer: *l9")
    lines.append("    ? *l9\n    : 键是列表")
    return "\n".join(lines) + "\n"


def merge_key_bomb() -> str:
    lines = ["a0: &a0 {k: v}"]
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}], x{i}: y}}")
    return "\n".join(lines) + "\ndocument: x\nquestions: [*a29]\n"


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HEADER = ["题型", "题干", "A", "B", "C", "D", "答案", "解析", "章节"]


def huge_dimension_xlsx() -> bytes:
    import re

    data = _xlsx([HEADER, ["判断", "服务具有无形性。", "", "", "", "", "对", "解析", ""]])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = re.sub(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:XFD1048576"', body)
            dst.writestr(info.filename, body)
    return out.getvalue()


def zip_bomb_xlsx() -> bytes:
    data = _xlsx([HEADER])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>' + "炸弹".encode() * 40 + b"</t></is></c></row>"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, _, tail = body.partition(b"<sheetData>")
                with dst.open(info.filename, "w", force_zip64=True) as fh:
                    fh.write(head + b"<sheetData>")
                    chunk = row * 4096
                    for _ in range(400 * 2**20 // len(chunk)):
                        fh.write(chunk)
                    fh.write(b"</sheetData>" + tail.partition(b"</sheetData>")[2])
                continue
            dst.writestr(info.filename, body)
    return out.getvalue()


def shared_strings_xlsx(count: int = 2_200_000) -> bytes:
    """Millions of tiny shared strings: a few MB that openpyxl would spend a minute on."""
    data = _xlsx([HEADER])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            dst.writestr(info.filename, body)
        with dst.open("xl/sharedStrings.xml", "w") as fh:
            fh.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for start in range(0, count, 10_000):
                fh.write(b"".join(b"<si><t>%d</t></si>" % i for i in range(start, start + 10_000)))
            fh.write(b"</sst>")
    return out.getvalue()


def many_rows_csv() -> bytes:
    row = "单选,指提供不同的产品以满足相同需求的竞争者是（ ）。,愿望竞争者,普通竞争者,产品形式竞争者,品牌竞争者,B,解析,\n"
    return (",".join(HEADER) + "\n" + row * 60_000).encode("utf-8")


def long_field_csv() -> bytes:
    return (",".join(HEADER) + "\n简答,\"" + "长" * 200_000 + "\",,,,,答,,\n").encode("utf-8")


# Node-dense notes: every line (or every few characters) a node, each imported
# as its own ``cskexam import``. Plain text that a careless paste or a script
# could make: the import must stay linear in the number of nodes.
_WORDS = "客户 服务 管理 质量 投诉 满意度 企业 市场 营销 环境 分析 沟通 技巧 团队 培训 绩效 考核 流程 标准 规范".split()


def heading_notes(count: int = 50_000) -> str:
    return "# 大纲\n" + "".join(f"## 要点{i}\n" for i in range(1, count + 1))


def bullet_notes(count: int = 20_000) -> str:
    return "• 重复\n" * count


def numbered_notes(lines: int = 300, per_line: int = 100) -> str:
    """30,000 numbered items run on within 300 lines (1、客户服务2、管理质量…)."""
    rows = ("".join(f"{i}、{_WORDS[i % 20]}{_WORDS[(i * 7 + line) % 20]}" for i in range(1, per_line + 1))
            for line in range(lines))
    return "客户服务要素\n" + "\n".join(rows) + "\n"


def nested_notes(count: int = 20_000, depth: int = 100) -> str:
    """A block repeated ``count`` times, each copy one level deeper than the last (back to
    the top after ``depth`` levels): a Markdown list far deeper than any outline."""
    return "# 嵌套\n" + "".join("  " * (i % depth) + f"- 要点{i}：客户服务的要素\n" for i in range(count))


def inline_list_notes(count: int = 59_000) -> str:
    """Lines with no marker that make four nodes each (a name, then its three items)."""
    return "\n".join(f"要素{i}的三大功能：保障{i}、激励{i}、调节{i}" for i in range(count))


def small_notes(index: int) -> str:
    return f"{_WORDS[index % 20]}{_WORDS[index * 7 % 20]}概述\n一、{_WORDS[index * 3 % 20]}\n1、{_WORDS[index % 19]}的要点\n2、{_WORDS[index % 17]}与{_WORDS[index % 13]}\n"


def paragraph_notes(size: int = 600 * 1024) -> str:
    """One paragraph of about ``size`` bytes: words, a comma now and then, no line break."""
    import random

    pick = random.Random(7)
    parts, total = [], 0
    while total < size:
        word = pick.choice(_WORDS) + ("，" if pick.random() < 0.1 else "")
        parts.append(word)
        total += len(word.encode("utf-8"))
    return "段落\n" + "".join(parts) + "。\n"


def grader_paste_script() -> str:
    return (
        "import time;from cskexam.core.grading import grade_short_answer, ScoringPoint\n"
        "pts=[ScoringPoint('市场人口',('人口',)),ScoringPoint('经济环境'),ScoringPoint('政治法律环境'),"
        "ScoringPoint('优质客户服务意识是企业树立品牌的需要')]\n"
        "for paste in ['不是市场人口，'*20000, '客户'*60000, '市场人口、经济环境、'*12000]:\n"
        "    grade_short_answer(paste, pts)\n"
    )


# Runs the command and reports its peak RSS. A small parent of its own: the
# child's ru_maxrss counts the memory it inherited at fork, and this script's
# own (it builds the bombs) would hide the figure.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL).returncode\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(use.ru_maxrss, code, use.ru_utime + use.ru_stime, file=sys.stdout)\n"
)


def run(cmd: list[str], env: dict) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak MB, exit status and the first line of the error output."""
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], env=env, cwd=env["CSKEXAM_HOME"],
                              capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, float("nan"), float("nan"), -1, "TIMEOUT after 60 s"
    elapsed = time.perf_counter() - start
    rss_kb, code, cpu = done.stdout.split()
    err = done.stderr.decode("utf-8", "replace").strip().splitlines()
    shown = err[0] if err else ""
    if "Traceback" in done.stderr.decode("utf-8", "replace"):
        shown = "TRACEBACK: " + (err[-1] if err else "")
    return elapsed, float(cpu), int(rss_kb) / 1024, int(code), shown


def main(words: list[str]) -> int:
    work = Path(tempfile.mkdtemp(prefix="cskexam-bombs-"))
    env = {**os.environ, "CSKEXAM_HOME": str(work), "PYTHONPATH": str(ROOT)}
    env.pop("CSKEXAM_DB", None)
    cli = [sys.executable, "-m", "cskexam"]
    subprocess.run(cli + ["import"], env=env, cwd=work, capture_output=True, check=True)

    files = {
        "laughs.yaml": billion_laughs().encode(),
        "merge.yaml": merge_key_bomb().encode(),
        "digits.yaml": ("document: x\nquestions:\n  - id: a\n    difficulty: " + "9" * 5000 + "\n").encode(),
        "dimension.xlsx": huge_dimension_xlsx(),
        "zipbomb.xlsx": zip_bomb_xlsx(),
        "strings.xlsx": shared_strings_xlsx(),
        "limit.xlsx": shared_strings_xlsx(199_000),
        "rows.csv": many_rows_csv(),
        "field.csv": long_field_csv(),
        "escapes.csv": (",".join(HEADER) + "\n判断,\"服务\x1b]0;PWNED\x07\x1b[2J具有无形性。\",,,,,对,解析,\n").encode(),
    }
    notes = {
        "heads.md": heading_notes(),
        "bullets.txt": bullet_notes(),
        "inline.txt": inline_list_notes(),
        "allowed.txt": inline_list_notes(2_450),
        "allowed2.txt": inline_list_notes(2_450).replace("要素", "因素"),
        "numbered.txt": numbered_notes(),
        "paragraph.txt": paragraph_notes(),
        "nested.md": nested_notes(),
        "line10mb.txt": "一行\n" + "客户服务是企业营销活动的重要组成部分，" * 175_000 + "\n",
        "runon.txt": "".join(f"{i % 9 + 1}.重 " for i in range(110_000)),
    }
    files.update((name, text.encode("utf-8")) for name, text in notes.items())
    for name, data in files.items():
        (work / name).write_bytes(data)
    # Folders of many small notes files: as many as one import takes, and five times that.
    for folder, count in (("files2000", 2_000), ("files10000", 10_000)):
        (work / folder).mkdir()
        for i in range(count):
            (work / folder / f"笔记{i:05d}.txt").write_text(small_notes(i), "utf-8")
    (work / "loop1.csv").symlink_to(work / "loop2.csv")
    (work / "loop2.csv").symlink_to(work / "loop1.csv")
    os.mkfifo(work / "pipe.csv")

    def notes_import(name: str) -> list[str]:
        return ["import", "--db", f"sqlite:///{work / (name + '.sqlite3')}", name]

    bombs = [
        ("yaml billion laughs (bank check)", cli + ["bank", "check", "laughs.yaml"]),
        ("yaml billion laughs (bank import)", cli + ["bank", "import", "laughs.yaml"]),
        ("yaml merge-key bomb (bank check)", cli + ["bank", "check", "merge.yaml"]),
        ("yaml 5,000-digit 难度", cli + ["bank", "check", "digits.yaml"]),
        (f"xlsx A1:XFD1048576 ({len(files['dimension.xlsx']) / 1024:.1f} KB)", cli + ["bank", "import", "dimension.xlsx", "--allow-unlinked"]),
        (f"xlsx zip bomb ({len(files['zipbomb.xlsx']) / 2**20:.1f} MB → 400 MB)", cli + ["bank", "import", "zipbomb.xlsx"]),
        (f"xlsx 2.2M shared strings ({len(files['strings.xlsx']) / 2**20:.1f} MB)", cli + ["bank", "import", "strings.xlsx"]),
        ("xlsx 199,000 shared strings (just allowed)", cli + ["bank", "import", "limit.xlsx"]),
        ("csv 60,000 rows", cli + ["bank", "import", "rows.csv"]),
        ("csv 200,000-char field", cli + ["bank", "import", "field.csv"]),
        ("csv escape sequences", cli + ["bank", "import", "escapes.csv", "--allow-unlinked"]),
        ("bank import /dev/zero", cli + ["bank", "import", "/dev/zero"]),
        ("bank import FIFO", cli + ["bank", "import", "pipe.csv"]),
        ("bank import symlink loop", cli + ["bank", "import", "loop1.csv"]),
        ("graph /dev/zero", cli + ["graph", "/dev/zero"]),
        ("search 10,000 chars", cli + ["search", "客户" * 5000]),
        # Each into a library of its own: an import's steps cover the whole library.
        (f"notes 50,000 headings ({len(files['heads.md']) / 1024:.0f} KB)", cli + notes_import("heads.md")),
        ("notes 20,000 lines of • 重复", cli + notes_import("bullets.txt")),
        (f"notes 59,000 unmarked lines of lists ({len(files['inline.txt']) / 2**20:.1f} MB)", cli + notes_import("inline.txt")),
        ("graph of those lines", cli + ["graph", "inline.txt", "--json"]),
        ("notes 2,450 lines of lists (9,801 key points, allowed)", cli + notes_import("allowed.txt")),
        ("notes: a second such file, into that library", cli + ["import", "--db", f"sqlite:///{work / 'allowed.txt.sqlite3'}", "allowed2.txt"]),
        ("notes 30,000 numbered items on 300 lines", cli + notes_import("numbered.txt")),
        (f"notes one {len(files['paragraph.txt']) / 1024:.0f} KB paragraph", cli + notes_import("paragraph.txt")),
        ("notes one 10 MB line", cli + notes_import("line10mb.txt")),
        (f"notes one {len(files['runon.txt']) / 1024:.0f} KB line of 110,000 items", cli + notes_import("runon.txt")),
        (f"graph of that line ({len(files['runon.txt']) / 1024:.0f} KB)", cli + ["graph", "runon.txt", "--json"]),
        (f"notes 20,000 blocks each nested deeper ({len(files['nested.md']) / 2**20:.1f} MB)", cli + notes_import("nested.md")),
        ("notes 2,000 small files (most one import takes)", cli + notes_import("files2000")),
        ("notes 10,000 small files", cli + notes_import("files10000")),
        ("简答 grader, 3 pastes of 120k chars", [sys.executable, "-c", grader_paste_script()]),
    ]
    failed = 0
    # CPU seconds are what the run costs; on a machine others use, the wall time is theirs too.
    print(f"{'bomb':44} {'s':>6} {'CPU s':>6} {'MB':>7} {'exit':>4}  message")
    for name, cmd in bombs:
        if words and not any(w in name for w in words):
            continue
        seconds, cpu, mb, code, message = run(cmd, env)
        ok = seconds <= LIMIT_S and mb <= LIMIT_MB and code in (0, 2) and not message.startswith("TRACEBACK")
        failed += not ok
        print(f"{name:44} {seconds:6.2f} {cpu:6.2f} {mb:7.1f} {code:>4}  {'' if ok else 'FAIL '}{message[:90]}")
    print(f"limits: {LIMIT_S:g} s, {LIMIT_MB:g} MB; {'all within' if not failed else f'{failed} over'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
