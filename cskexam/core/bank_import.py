"""The common 刷题 spreadsheet template (xlsx or csv) → questions.

Columns, found by header name in the first row (order free, extra columns
ignored): 题型, 题干, A … F (or 选项A …), 答案, 解析, 章节, and optionally 难度.
章节 names the tested node like the bank's ``node`` field: one title, or a
path separated by ``/`` or ``>``. The same validation as the YAML bank
applies; every problem is reported as ``file:row``. The file's bytes become
rows in ``bank_sheets`` (encodings, delimiters, sheets, merged cells, limits).

Pure: takes the file's bytes, never opens files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from cskexam.core.bank import _HIDDEN, BLANK_PATTERN, Problem, _Checker
from cskexam.core.bank_sheets import (  # noqa: F401 - the readers are known from here too
    FIELD_LIMIT, MAX_COLUMNS, MAX_ROWS, MAX_XLSX_CELLS, MAX_XLSX_MEMBERS, MAX_XLSX_STRINGS, MAX_XLSX_UNCOMPRESSED,
    _FIELD_NAMES, _header_map, rows_from_csv_bytes, rows_from_xlsx_bytes,
)
from cskexam.core.yaml_lines import _LineDict
from cskexam.core.errors import BankError
from cskexam.core.grading import fold
from cskexam.core.notes.normalize import strip_controls
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


def import_id(qtype: str, stem: str) -> str:
    """Stable across re-imports of the same file, so history is kept."""
    return "im-" + hashlib.sha1(f"{qtype}\x1f{fold(stem)}".encode("utf-8")).hexdigest()[:12]


def _derive_points(answer: str) -> list[str]:
    parts = [p.strip(" ：:，,、") for p in _ENUM_SPLIT.split(answer or "")]
    return [p for p in parts if 2 <= len(p) <= 30]


def _row_to_raw(row: list[str], cols: dict[str, int], line: int) -> tuple[_LineDict, str]:
    def get(key: str) -> str:
        i = cols.get(key)
        if i is None or i >= len(row) or row[i] is None:
            return ""
        # A zero-width space or a BOM (of files pasted together) before 单选 would hide the
        # type, and the options with it, from the lookups below.
        return _HIDDEN.sub("", row[i]).strip()

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
    cols, twice = _header_map(rows[header_at])
    missing = [name for name, key in (("题型", "type"), ("题干", "stem"), ("答案", "answer")) if key not in cols]
    if missing:
        # Only the first MAX_COLUMNS are read: a column past them is there, only not read.
        wide = f"（只读前 {MAX_COLUMNS} 列：请把这些列移到前面）" if len(rows[header_at]) >= MAX_COLUMNS else ""
        result.problems.append(Problem(file, header_at + 1, f"第一行缺少列: {'、'.join(missing)}{wide}"))
        return result
    for key, where in twice.items():
        # Which of two 答案 columns is the answer? Guessing could import wrong answers.
        names = "、".join(f"第 {i + 1} 列「{strip_controls(str(rows[header_at][i]))[:20]}」" for i in where)
        field_name = _FIELD_NAMES.get(key, "选项" + key)
        result.problems.append(Problem(file, header_at + 1, f"{names}是同一项（{field_name}），请只保留一列"))
    if twice:
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
