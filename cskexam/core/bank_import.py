"""The common 刷题 spreadsheet template (xlsx or csv) → questions.

Columns, found by header name in the first row (order free, extra columns
ignored): 题型, 题干, A … F (or 选项A …), 答案, 解析, 章节, and optionally 难度.
章节 names the tested node like the bank's ``node`` field: one title, or a
path separated by ``/`` or ``>``. The same validation as the YAML bank
applies; every problem is reported as ``file:row``.

Pure: takes the file's bytes, never opens files.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from cskexam.core.bank import BLANK_PATTERN, Problem, _Checker
from cskexam.core.yaml_lines import _LineDict
from cskexam.core.errors import BankError
from cskexam.core.grading import fold
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.questions import LETTERS, Question
from cskexam.core.vocab import SUBJECTIVE_TYPES, QuestionType

TYPE_ALIASES = {
    "单选": "单选", "单选题": "单选", "单项选择": "单选", "单项选择题": "单选", "选择题": "单选",
    "多选": "多选", "多选题": "多选", "多项选择": "多选", "多项选择题": "多选", "不定项": "多选", "不定项选择题": "多选",
    "判断": "判断", "判断题": "判断", "是非题": "判断",
    "填空": "填空", "填空题": "填空",
    "简答": "简答", "简答题": "简答", "问答题": "简答", "论述题": "简答",
    "案例分析": "案例分析", "案例分析题": "案例分析", "案例题": "案例分析",
}
HEADER_ALIASES = {
    "题型": "type", "题目类型": "type", "类型": "type",
    "题干": "stem", "题目": "stem", "试题": "stem", "问题": "stem",
    "答案": "answer", "正确答案": "answer", "标准答案": "answer", "参考答案": "answer",
    "解析": "explanation", "答案解析": "explanation", "试题解析": "explanation",
    "章节": "node", "知识点": "node", "所属章节": "node",
    "难度": "difficulty",
}
_SMALL_NUMBER = re.compile(r"^[0-9０-９]{1,4}(?:\.0+)?$")
_PATH_SPLIT = re.compile(r"\s*[/>›＞|]\s*")
_EMPTY_PARENS = re.compile(r"[（(]\s*[)）]")
_ENUM_SPLIT = re.compile(r"[\n；;。]+|(?:^|\s)\d+[.、)）]|[（(]\d+[)）]|[①-⑳]")


@dataclass
class ImportResult:
    file: str
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0


# Limits for shared files: a real 刷题 file of a few thousand questions is far
# below them; a bomb (a zip that inflates to gigabytes, a sheet declaring
# A1:XFD1048576) is refused before it is expanded.
MAX_ROWS = 20_000
MAX_COLUMNS = 64
MAX_XLSX_UNCOMPRESSED = 48 * 1024 * 1024
MAX_XLSX_MEMBERS = 2_000
# openpyxl builds a Python object per shared string and per cell it parses,
# even for cells past the columns read: a few MB of XML can stand for
# millions of them. Counted in the inflated XML before openpyxl sees it.
MAX_XLSX_STRINGS = 200_000
MAX_XLSX_CELLS = 200_000
_COUNTED_PARTS = {"xl/sharedStrings.xml": (b"<si>", b"<si "), "xl/worksheets/": (b"<c>", b"<c ")}
FIELD_LIMIT = 131_072  # the csv module's own default


def rows_from_csv_bytes(data: bytes, file: str) -> list[list[str]]:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # Excel in China saves CSV as GBK
        except UnicodeDecodeError:
            raise BankError("无法识别的文字编码（既不是 UTF-8 也不是 GBK）", file) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise BankError("文件中含有空字符（NUL）：这不是文字 CSV 文件", file, line)
    reader = csv.reader(io.StringIO(text))
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS and any(c.strip() for c in row):
                raise BankError(f"行数太多（上限 {MAX_ROWS:,} 行）", file, reader.line_num)
            rows.append(row[:MAX_COLUMNS])
    except csv.Error as exc:
        reason = f"一个字段超过 {FIELD_LIMIT:,} 个字符" if "field larger" in str(exc) else "CSV 格式错误（引号不配对？）"
        raise BankError(reason, file, reader.line_num) from None
    return rows


def rows_from_xlsx_bytes(data: bytes, file: str) -> list[list[str]]:
    _check_zip(data, file)
    from openpyxl import load_workbook  # lazy: only imports need it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise BankError(f"无法读取 xlsx 文件（{type(exc).__name__}）", file) from None
    try:
        if not book.worksheets:
            raise BankError("xlsx 文件中没有工作表", file)
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        # The sheet's declared dimension may be A1:XFD1048576: only the
        # columns and rows a template can use are read.
        for row in sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True):
            rows.append(["" if c is None else _cell(c) for c in row])
    except BankError:
        raise
    except Exception as exc:
        raise BankError(f"无法读取 xlsx 文件（{type(exc).__name__}）", file) from None
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > MAX_ROWS:
        raise BankError(f"行数太多（上限 {MAX_ROWS:,} 行）", file, MAX_ROWS + 1)
    return rows


def _check_zip(data: bytes, file: str) -> None:
    """Refuse what is not a zip, or a zip that would inflate beyond the limits, before opening it."""
    if not data.startswith(b"PK"):
        raise BankError("这不是 xlsx 文件（xlsx 是 zip 格式；.xls 请先在 Excel 中另存为 .xlsx）", file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise BankError("xlsx 文件已损坏（无法作为 zip 打开）", file) from None
    if len(members) > MAX_XLSX_MEMBERS:
        raise BankError(f"xlsx 文件内含 {len(members):,} 个部件，超过上限 {MAX_XLSX_MEMBERS:,}", file)
    # zipfile never inflates a member past its declared size (it fails the
    # CRC instead), so the declared sizes bound the real work.
    total = sum(m.file_size for m in members)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise BankError(
            f"xlsx 文件解压后有 {total / 2**20:,.0f} MB，超过上限 {MAX_XLSX_UNCOMPRESSED // 2**20} MB（可能是压缩炸弹）", file)
    strings = cells = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for m in members:
                if m.filename == "xl/sharedStrings.xml":
                    strings += _count_tags(archive, m, _COUNTED_PARTS["xl/sharedStrings.xml"])
                elif m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"):
                    cells += _count_tags(archive, m, _COUNTED_PARTS["xl/worksheets/"])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        raise BankError("xlsx 文件已损坏（无法解压）", file) from None
    if strings > MAX_XLSX_STRINGS or cells > MAX_XLSX_CELLS:
        raise BankError(f"xlsx 文件的单元格太多（{max(strings, cells):,} 个，上限 {MAX_XLSX_CELLS:,} 个）", file)


def _count_tags(archive: zipfile.ZipFile, member: zipfile.ZipInfo, tags: tuple[bytes, ...]) -> int:
    """Occurrences of ``tags`` in a member, read in chunks (a tag cut between two chunks is still counted)."""
    count = 0
    tail = b""
    with archive.open(member) as fh:
        while chunk := fh.read(1 << 20):
            window = tail + chunk
            count += sum(window.count(t) for t in tags)
            tail = window[-3:]
            # A tag wholly inside the kept tail was counted already: take it out again.
            count -= sum(tail.count(t) for t in tags)
    return count


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return str(value).strip()


def _header_map(header: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, raw in enumerate(header):
        name = fold(raw).upper().replace("选项", "")
        key = HEADER_ALIASES.get(fold(raw))
        if key is None and len(name) == 1 and name in LETTERS:
            key = name
        if key and key not in cols:
            cols[key] = i
    return cols


def import_id(qtype: str, stem: str) -> str:
    """Stable across re-imports of the same file, so history is kept."""
    return "im-" + hashlib.sha1(f"{qtype}\x1f{fold(stem)}".encode("utf-8")).hexdigest()[:12]


def _derive_points(answer: str) -> list[str]:
    parts = [p.strip(" ：:，,、") for p in _ENUM_SPLIT.split(answer or "")]
    return [p for p in parts if 2 <= len(p) <= 30]


def _row_to_raw(row: list[str], cols: dict[str, int], line: int) -> tuple[_LineDict, str]:
    def get(key: str) -> str:
        i = cols.get(key)
        return row[i].strip() if i is not None and i < len(row) and row[i] is not None else ""

    raw = _LineDict()
    raw.line = line
    type_text = get("type")
    qtype = TYPE_ALIASES.get(fold(type_text), type_text)
    stem = get("stem")
    answer: Any = get("answer")
    options = {k: get(k) for k in LETTERS if get(k)}
    if qtype in (QuestionType.SINGLE, QuestionType.MULTI):
        # Keep gaps visible to validation: letters must run A, B, C …
        last = max((LETTERS.index(k) for k in options), default=-1)
        options = {k: get(k) for k in LETTERS[: last + 1]}
        raw["options"] = options
    elif qtype == QuestionType.JUDGE and options and len(fold(answer)) == 1 and answer.upper() in options:
        answer = options[answer.upper()]  # templates that offer A. 正确 B. 错误
    elif qtype == QuestionType.FILL:
        if not BLANK_PATTERN.search(stem):
            stem = _EMPTY_PARENS.sub("____", stem)
        blanks = len(BLANK_PATTERN.findall(stem))
        if blanks > 1:
            answer = [a for a in re.split(r"\s*[|｜；;]\s*", answer) if a]
    elif qtype in SUBJECTIVE_TYPES:
        raw["points"] = _derive_points(answer)
    raw["id"] = import_id(qtype, stem)
    raw["type"] = qtype
    raw["stem"] = stem
    raw["answer"] = answer
    raw["explanation"] = get("explanation") or "（导入的题目没有解析）"
    node = get("node")
    raw["node"] = [t for t in _PATH_SPLIT.split(node) if t] if node else None
    difficulty = get("difficulty")
    # Only ASCII digits are a number here: int() of ² or ③ raises, and of
    # 5,000 digits too.
    raw["difficulty"] = int(difficulty.split(".")[0]) if _SMALL_NUMBER.match(difficulty) else (difficulty or 2)
    return raw, node


def import_rows(
    rows: list[list[str]],
    file: str,
    graph: KnowledgeGraph | None,
    *,
    allow_unlinked: bool = False,
    seen_ids: dict[str, str] | None = None,
) -> ImportResult:
    """Validate template rows; questions only when there is no problem at all."""
    result = ImportResult(file)
    checker = _Checker(file, graph, {} if seen_ids is None else seen_ids, allow_unlinked=allow_unlinked)
    header_at = next((i for i, r in enumerate(rows) if any(str(c).strip() for c in r)), None)
    if header_at is None:
        result.problems.append(Problem(file, 1, "文件是空的"))
        return result
    cols = _header_map(rows[header_at])
    missing = [name for name, key in (("题型", "type"), ("题干", "stem"), ("答案", "answer")) if key not in cols]
    if missing:
        result.problems.append(Problem(file, header_at + 1, f"第一行缺少列: {'、'.join(missing)}"))
        return result
    docs = graph.documents() if graph is not None else None
    for i in range(header_at + 1, len(rows)):
        row = rows[i]
        if not any(str(c).strip() for c in row):
            continue
        line = i + 1
        result.rows += 1
        raw, node_text = _row_to_raw(row, cols, line)
        if graph is not None and node_text:
            scoped = _scope(graph, raw["node"])
            if scoped is not None:
                docs_for_row, raw["node"] = scoped
            else:
                docs_for_row = docs
        else:
            docs_for_row = docs
        q = checker.question(raw, result.rows, docs_for_row, "", "import", line)
        if q is not None:
            q.document = graph.document_of(q.node).title if (graph is not None and q.node) else ""
            q.origin = type(q.origin)(file, line) if q.origin else None
            result.questions.append(q)
    result.problems = checker.problems
    if not result.questions and not result.problems:
        result.problems.append(Problem(file, header_at + 1, "没有可导入的题目"))
    if result.problems:
        result.questions = []
    return result


def _scope(graph: KnowledgeGraph, path: list[str]):
    """A path may start with the document title: search that document only."""
    if len(path) < 2:
        return None
    docs = [d for d in graph.documents() if fold(d.title) == fold(path[0])]
    return (docs, path[1:]) if docs else None
