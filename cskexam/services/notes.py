"""Read notes files from disk (with their errata) and parse them into a knowledge graph.

A notes file ``笔记.txt`` may have an errata file ``笔记.txt.errata`` beside it
(see ``cskexam.core.errata``): its corrections are made as the file is read,
for ``cskexam import`` and ``cskexam graph`` alike, and the text as written
travels along as the source's ``original``.
"""

from __future__ import annotations

import dataclasses
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from cskexam.core.errata import ERRATA_SUFFIX, ErrataError, apply_errata, errata_name, parse_errata
from cskexam.core.errata_losses import READ_BUDGET, STUDY_WORDS, LossIndex, SuspectLoss, find_losses
from cskexam.core.errors import NotesError
from cskexam.errors import listed_problems, os_error_text, shown_value
from cskexam.userfiles import files_under, require_named
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.notes import NoteSource, decode_note_bytes, parse_notes
from cskexam.resources import content_dir, note_files


# What a notes file named on the command line may end with.
NOTE_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
# What a folder of notes is searched for (as ``resources.note_files`` does).
NOTE_FOLDER_SUFFIXES = frozenset({".txt", ".md"})


# A study library is tens of notes files, a few hundred at most; each costs a couple of
# milliseconds to import, so ten thousand would take longer than any import may.
MAX_NOTE_FILES = 2_000


def collect_note_files(paths: list[str | Path] | None) -> list[Path]:
    """The notes files named by ``paths`` (files or folders); default: bundled notes."""
    if not paths:
        files = note_files(content_dir())
        if not files:
            raise NotesError("找不到内置笔记", str(content_dir()))
        return files
    out: list[Path] = []
    for raw in paths:
        require_named(raw, NotesError)
        path = Path(raw)
        if not path.exists():
            if path.is_symlink():
                raise NotesError("符号链接指向的文件不存在或形成循环", str(raw))
            raise NotesError("路径不存在", str(raw))
        if path.is_dir():
            found = files_under(path, NOTE_FOLDER_SUFFIXES, NotesError)
            if not found:
                raise NotesError("此目录中没有笔记文件（.txt 或 .md）", str(raw))
            out.extend(found)
        elif path.suffix.lower() not in NOTE_SUFFIXES:
            raise NotesError("不是笔记文件：只支持 .txt / .md", str(raw))
        else:
            out.append(path)
    if len(out) > MAX_NOTE_FILES:
        raise NotesError(f"笔记文件太多（{len(out):,} 个）：一次最多导入 {MAX_NOTE_FILES:,} 个，请分批导入或合并文件",
                         str(paths[0]) if len(paths) == 1 else None)
    for path in out:
        _check_name(path)
    return _distinct_names(out)


def _distinct_names(files: list[Path]) -> list[Path]:
    """``files`` with each file once (named twice, or in a folder also named): node ids
    hash the file name, so two different files of one name would share ids, mix
    their lines and overwrite each other; they are refused, naming both."""
    names: dict[str, Path] = {}
    out: list[Path] = []
    for path in files:
        first = names.get(path.name)
        if first is None:
            names[path.name] = path
            out.append(path)
        elif first.resolve() != path.resolve():
            raise NotesError(f"与 {first} 同名：笔记文件名必须各不相同", str(path))
    return out


def _check_name(path: Path) -> None:
    """A name whose bytes are no UTF-8 (read from a folder as lone surrogates) cannot be
    stored or shown as the source of a key point: refuse it here, naming it."""
    name = str(path)
    if not name.isascii() and any("\udc80" <= ch <= "\udcff" for ch in name):
        raise NotesError("文件名含有不是 UTF-8 的字节，请把文件改名（只用正常文字）后重试", name)


def errata_path(notes: Path) -> Path:
    return notes.with_name(errata_name(notes.name))


@dataclass(frozen=True)
class ReadNote:
    source: NoteSource
    data: bytes  # the file's bytes and its errata's, for telling a changed file
    has_errata: bool
    unused: list[str]  # "errata:line: …" of corrections whose original is gone
    lines: int = 0  # lines with text


def _note_source(name: str, text: str, original: str | None) -> NoteSource:
    # Parsers from before errata have no ``original``; the text is all they take.
    if original is not None and "original" in {f.name for f in dataclasses.fields(NoteSource)}:
        return NoteSource(name=name, text=text, original=original)
    return NoteSource(name=name, text=text)


def read_note(path: Path, lines_before: int = 0) -> ReadNote:
    """One notes file, decoded and corrected by its errata file if it has one;
    ``lines_before``: the lines with text of the files read before it for the same graph."""
    data = read_note_bytes(path)
    text = decode_note_bytes(data, str(path))
    lines = _check_text_lines(text, str(path), lines_before)
    errata = errata_path(path)
    if not errata.is_file():
        return ReadNote(_note_source(path.name, text, None), data, False, [], lines)
    raw = read_note_bytes(errata)
    try:
        errata_text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ErrataError("勘误文件必须是 UTF-8 编码", str(errata), raw[: exc.start].count(b"\n") + 1) from None
    result = apply_errata(text, parse_errata(errata_text, str(errata)), str(errata))
    unused = [f"{errata}:{c.line}: 笔记中已没有「{shown_value(c.original)}」" for c in result.unused]
    return ReadNote(_note_source(path.name, result.text, text), data + b"\0" + raw, True, unused, lines)


# Far above any real notes file (a whole textbook typed out is 1–2 MB of UTF-8);
# a bigger "notes" file is a mistake or an attack, and would only stall the parser.
MAX_NOTE_BYTES = 8 * 1024 * 1024
# Study notes run to thousands of lines; millions of (mostly empty) lines are an
# attack on the per-line work of the parser.
MAX_NOTE_LINES = 1_000_000


# Every line with text may become a key point, and each costs the parser about a
# kilobyte and a few dozen microseconds: a whole textbook typed out has some
# tens of thousands of lines, while hundreds of thousands of short headings
# ("## 甲" again and again, 1.2 MB) would take 400 MB and many seconds.
MAX_TEXT_LINES = 60_000
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _check_text_lines(text: str, file: str, before: int = 0) -> int:
    """The lines with text in ``text``; NotesError naming the line where they, after
    ``before`` such lines in the files read earlier, pass ``MAX_TEXT_LINES``."""
    count = 0
    for lineno, line in enumerate(_LINE_BREAK.split(text), 1):
        if line.strip():
            count += 1
            if before + count > MAX_TEXT_LINES:
                where = "一次读取的笔记合计" if before else "一个笔记文件"
                raise NotesError(f"有文字的行太多：{where}最多 {MAX_TEXT_LINES:,} 行，请拆开或分批导入", file, lineno)
    return count


def read_note_bytes(path: Path) -> bytes:
    """The bytes of one notes file; NotesError for anything that is no regular
    file of a sane size (a device such as /dev/zero, a FIFO, a folder, a
    symlink loop), before anything is read from it."""
    try:
        info = path.stat()
    except OSError as exc:
        raise NotesError(_os_reason(exc), str(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise NotesError("这是一个目录，不是笔记文件", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotesError("不是普通文件（设备、管道或套接字不能作为笔记导入）", str(path))
    if info.st_size > MAX_NOTE_BYTES:
        raise NotesError(f"文件过大（{info.st_size / 1024 / 1024:.1f} MB）：笔记文件最大 {MAX_NOTE_BYTES // 1024 // 1024} MB", str(path))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_NOTE_BYTES + 1)
    except OSError as exc:
        raise NotesError(_os_reason(exc), str(path)) from None
    if len(data) > MAX_NOTE_BYTES:  # grew while we looked
        raise NotesError(f"文件过大：笔记文件最大 {MAX_NOTE_BYTES // 1024 // 1024} MB", str(path))
    if max(data.count(b"\n"), data.count(b"\r")) > MAX_NOTE_LINES:
        raise NotesError(f"行数太多：笔记文件最多 {MAX_NOTE_LINES:,} 行", str(path))
    return data


def _os_reason(exc: OSError) -> str:
    return "无法读取文件：" + os_error_text(exc)


def read_sources(files: list[Path]) -> list[NoteSource]:
    sources, lines = [], 0
    for path in files:
        note = read_note(path, lines)
        sources.append(note.source)
        lines += note.lines
    return sources


def load_graph(paths: list[str | Path] | None = None) -> KnowledgeGraph:
    files = collect_note_files(paths)
    return parse_files(read_sources(files), files)


def parse_files(sources: list[NoteSource], files: list[Path], max_nodes: int | None = None) -> KnowledgeGraph:
    """``parse_notes``, its errors naming the file by the path it was given as (the
    parser knows only the file's name). ``max_nodes``: the parser's own limit when None."""
    from cskexam.core.notes import parser

    try:
        return parse_notes(sources, parser.MAX_NODES if max_nodes is None else max_nodes)
    except NotesError as exc:
        by_name = {path.name: path for path in files}
        if exc.file in by_name:
            exc.file = str(by_name[exc.file])
        if exc.message.startswith(_TOO_MANY_MARKERS):
            # Passed within the first file: that file alone is too big.
            alone = len(sources) == 1 or exc.file in (sources[0].name, str(by_name.get(sources[0].name)))
            exc.message = _markers_advice(1 if alone else len(sources))
            exc.args = (exc.message,)
        raise


# The parser's words when the numbered entries (一、 1. ① - …) of one parse pass its limit.
_TOO_MANY_MARKERS = "笔记中的编号条目太多"


def _markers_advice(files: int) -> str:
    """What to do when the numbered entries pass the limit: the limit is per import,
    across all its files, so splitting the one file named helps only when it is alone."""
    from cskexam.core.notes.parser import MAX_MARKERS

    if files <= 1:
        return (f"{_TOO_MANY_MARKERS}：一次导入最多 {MAX_MARKERS:,} 个，这个文件到此已超过，不像是学习笔记；"
                "请把它拆成几个文件，分几次导入")
    return (f"{_TOO_MANY_MARKERS}：一次导入的 {files:,} 个文件合计最多 {MAX_MARKERS:,} 个，到这个文件的此处已超过；"
            "请分几次导入，每次少选几个文件")


def suspect_losses(path: Path, text: str, known_words: set[str] | None = None,
                   read_budget: int = READ_BUDGET) -> list[SuspectLoss]:
    """Spans of notes without an errata file that look like lost characters.

    Loads a segmenter with jieba's dictionary (a few tenths of a second, once
    per process): for ``cskexam import`` only, never on the start-up path of
    the TUI.
    """
    index = _loss_index()
    cut = _loss_cut()
    known = known_words or set()
    return find_losses(text, cut, index, known=lambda span: any(w in known for w in (span, span[1:], span[:-1])),
                       read_budget=read_budget)


_CUT: Callable[[str], list[str]] | None = None


def _loss_cut() -> Callable[[str], list[str]]:
    """jieba's cut with the HMM off, by rjieba (the same dictionary and cuts, many times faster),
    with the words of exam study added; a dictionary of its own, without the notes' titles."""
    global _CUT
    if _CUT is None:
        import rjieba

        tok = rjieba.Jieba()
        for word in STUDY_WORDS:
            tok.add_word(word, None, None)
        _CUT = lambda line: tok.cut(line, False)  # noqa: E731
    return _CUT


_INDEX: LossIndex | None = None
# The dictionary's lines of one- and two-character words: "word frequency tag".
_SHORT_ENTRY = re.compile(r"^(\S{1,2}) (\d+)\b", re.MULTILINE)


def _loss_index() -> LossIndex:
    global _INDEX
    if _INDEX is None:
        import jieba

        with jieba.get_dict_file() as fh:
            text = fh.read().decode("utf-8")
        # Only short words are indexed: a regex over the whole file skips the rest in C.
        _INDEX = LossIndex((m[1], int(m[2])) for m in _SHORT_ENTRY.finditer(text))
    return _INDEX


def loss_report(paths: list[Path], unused: Sequence[str] = (), limit: int = 30) -> list[str]:
    """Lines for ``cskexam import``: spans to proofread in notes without errata, stale entries."""
    lines: list[str] = listed_problems([f"勘误未用上：{u}" for u in unused])
    budget = READ_BUDGET  # for all the files together: hundreds of big files are not read through again
    for path in paths:
        if budget <= 0:
            break
        text = read_note(path).source.text
        found = suspect_losses(path, text, read_budget=budget)
        budget -= len(text)
        if not found:
            continue
        lines.append(f"{path.name} 没有勘误文件；以下文字可能漏了字，确认后写入 {errata_path(path)}"
                     f"（每行「原文 → 改正」）：")
        lines.extend(f"  {s.describe()}" for s in found[:limit])
        if len(found) > limit:
            lines.append(f"  …另有 {len(found) - limit} 处")
    return lines


def known_losses(directory: Path | None = None) -> list[str]:
    """The lost spots the errata files of a notes folder correct (default: the bundled notes)."""
    from cskexam.core.errata import loss_marker

    base = directory or content_dir()
    out: list[str] = []
    for errata in sorted(base.rglob("*" + ERRATA_SUFFIX)):
        for c in parse_errata(errata.read_text("utf-8-sig"), str(errata)):
            out.append(loss_marker(c))
    return out
