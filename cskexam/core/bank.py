"""The authored question bank: schema, loading and validation with file:line.

A bank file is YAML, one per document of the notes::

    document: 客户服务管理师二级-《技能理论》重点考点
    questions:
      - id: jn-001                 # unique in the whole bank, [a-z0-9-]+
        type: 单选                  # 单选 | 多选 | 判断 | 填空 | 简答 | 案例分析
        stem: 指提供不同的产品以满足相同需求的竞争者是（ ）。
        options: {A: 愿望竞争者, B: 普通竞争者, C: 产品形式竞争者, D: 品牌竞争者}
        answer: B                  # 多选 [A, C]; 判断 对/错; 填空 text or list; 简答 model answer
        points:                    # 简答 (required) and 案例分析 (optional): 采分点
          - {point: 愿望竞争者, synonyms: []}
        explanation: 解析
        node: [竞争者环境, 普通竞争者]  # a unique suffix of the title path below the document
        tags: [重点]
        difficulty: 2              # 1 easy … 3 hard

Pure: it works on text, never opens files. ``check_bank_text`` collects every
problem of a file (it never stops at the first), each with the line it is on;
a caller imports a file only when it has no problems at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

import yaml

from cskexam.core.bank_fields import no_text
from cskexam.core.errors import BankError
from cskexam.errors import PROBLEMS_SHOWN, listed_problems, shown_value
from cskexam.core.grading import ScoringPoint, fold, parse_judgement
from cskexam.core.vocab import QUESTION_TYPES, SUBJECTIVE_TYPES, QuestionType
# load_yaml_with_lines and MAX_YAML_NODES are re-exported: the bank's readers know them from here.
from cskexam.core.yaml_lines import (  # noqa: F401
    MAX_YAML_NODES, YamlLimitError, _LineDict, load_yaml_with_lines, shown, yaml_reason,
)
from cskexam.core.graph import KnowledgeGraph, Node, SourceRef
from cskexam.core.notes.normalize import strip_controls
from cskexam.core.questions import LETTERS, Question

ID_PATTERN = re.compile(r"^[a-z0-9-]+$")
BLANK_PATTERN = re.compile(r"_{2,}")
KNOWN_KEYS = frozenset(
    {"id", "type", "stem", "options", "answer", "points", "explanation", "node", "tags", "difficulty"}
)
TYPES_TEXT = "、".join(QUESTION_TYPES)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class BankFile:
    file: str
    document: str | None
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: bool = False  # document not in the graph and unknown documents were allowed
    unlinked: list[Problem] = field(default_factory=list)  # questions dropped by lenient_nodes


# -- node paths --------------------------------------------------------------------

def resolve_node(
    graph: KnowledgeGraph, path: list[str], documents: list[Node] | None = None,
    index: "TitleIndex | None" = None,
) -> tuple[list[Node], str]:
    """Nodes whose title path (below their document) ends with ``path``.

    Titles are compared after folding width and spaces. Returns the matches
    and the path as shown to the user. ``index`` (built once for many paths)
    makes each look-up cost its matches, not the whole graph.
    """
    want = [fold(t) for t in path]
    shown = " › ".join(path)
    scope = documents if documents is not None else graph.documents()
    index = index or TitleIndex(graph)
    order = {doc.id: k for k, doc in enumerate(scope)}
    candidates = sorted((c for c in index.nodes_titled(want[-1]) if c[0] in order), key=lambda c: order[c[0]])
    found: list[Node] = []
    for _, node in candidates:
        titles = [fold(n.title) for n in graph.ancestors(node.id)[1:]] + [want[-1]]
        if titles[-len(want):] == want:
            found.append(node)
    return found, shown


class TitleIndex:
    """The nodes below each document by folded title, in outline order: a bank of
    thousands of questions looks up each question's node without walking the graph."""

    def __init__(self, graph: KnowledgeGraph):
        self._by_title: dict[str, list[tuple[str, Node]]] = {}
        for doc in graph.documents():
            for node in graph.descendants(doc.id):
                self._by_title.setdefault(fold(node.title), []).append((doc.id, node))

    def nodes_titled(self, folded: str) -> list[tuple[str, Node]]:
        return self._by_title.get(folded, [])


# -- validation ----------------------------------------------------------------------

def _text(value: Any) -> str | None:
    # A mapping, list, set (!!set) or bytes (!!binary) is no text: its str() is Python's
    # spelling of it ({'a': None}, b'hello'), which would become a stem or an option.
    if value is None or isinstance(value, (dict, list, tuple, set, frozenset, bytes, bytearray)):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value != value:  # .nan
        return None
    text = _HIDDEN.sub("", strip_controls(str(value))).strip()
    return text or None


# Marks a question's text has no use for and that mislead: direction overrides and
# isolates (a stem shown back to front in the terminal), zero-width spaces and word
# joiners (a 填空 key 无\u200b形性 that no typed answer equals). Joiners inside emoji stay.
_HIDDEN = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


class _Checker:
    def __init__(self, file: str, graph: KnowledgeGraph | None, seen_ids: dict[str, str],
                 allow_unlinked: bool = False):
        self.file = file
        self.graph = graph
        self.seen_ids = seen_ids
        self.allow_unlinked = allow_unlinked  # imported banks may not match the notes
        self.lenient_nodes = False  # set when syncing with notes the user may have edited
        self.problems: list[Problem] = []
        self.unlinked: list[Problem] = []
        self._dropped = False
        self._titles: TitleIndex | None = None

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def question(self, raw: Any, index: int, docs: list[Node] | None, doc_title: str,
                 source: str, list_line: int = 1) -> Question | None:
        if not isinstance(raw, _LineDict):
            self.problem(list_line, f"第 {index} 题必须是一个映射（字段: 值）")
            return None
        before = len(self.problems)
        self._dropped = False
        at = raw.line_of
        for key, line in raw.duplicate_keys:
            self.problem(line, f"字段 {shown(key)} 重复")
        for key in raw:
            if key not in KNOWN_KEYS:
                self.problem(at(key), f"未知字段「{shown(key)}」（可用: {', '.join(sorted(KNOWN_KEYS))}）")

        qid = _text(raw.get("id"))
        if qid is None:
            self.problem(*no_text(raw, "id", "题号", raw.line))
        elif not ID_PATTERN.match(qid):
            self.problem(at("id"), f"题号「{shown(qid)}」只能包含小写字母、数字和 -")
        elif qid in self.seen_ids:
            self.problem(at("id"), f"题号 {qid} 重复（首次出现在 {self.seen_ids[qid]}）")
        else:
            self.seen_ids[qid] = f"{self.file}:{at('id')}"

        qtype = _text(raw.get("type"))
        if qtype is None:
            self.problem(*no_text(raw, "type", "题型", raw.line))
        elif qtype not in QUESTION_TYPES:
            self.problem(at("type"), f"未知题型「{shown(qtype)}」（可用: {TYPES_TEXT}）")
            qtype = None

        stem = _text(raw.get("stem"))
        if stem is None:
            self.problem(*no_text(raw, "stem", "题干", at("stem")))

        options = self.options(raw, qtype)
        answer = self.answer(raw, qtype, options, stem)
        points = self.points(raw, qtype)

        explanation = _text(raw.get("explanation"))
        if explanation is None:
            self.problem(*no_text(raw, "explanation", "解析", at("explanation")))

        node = self.node(raw, docs)
        tags = raw.get("tags") or []
        if not isinstance(tags, list) or not all(_text(t) for t in tags):
            self.problem(at("tags"), "tags 必须是文字列表，如 [重点, 定义]")
            tags = []
        difficulty = raw.get("difficulty", 2)
        if isinstance(difficulty, bool) or not isinstance(difficulty, int) or not 1 <= difficulty <= 3:
            self.problem(at("difficulty"), f"难度 difficulty 必须是 1、2 或 3，而不是「{shown(difficulty)}」")
            difficulty = 2

        if len(self.problems) > before or self._dropped:
            return None
        assert qid is not None and qtype is not None and stem is not None  # else a problem was recorded
        return Question(
            id=qid, type=qtype, stem=stem, answer=answer, options=options or {},
            explanation=explanation or "", node=node.id if node else None, source=source,
            kind="authored", points=points, tags=[text for text in map(_text, tags) if text],
            difficulty=difficulty, document=doc_title, origin=SourceRef(self.file, raw.line),
        )

    def options(self, raw: _LineDict, qtype: str | None) -> dict[str, str] | None:
        at = raw.line_of
        value = raw.get("options")
        if qtype not in (QuestionType.SINGLE, QuestionType.MULTI):
            if value not in (None, {}, []) and qtype is not None:
                self.problem(at("options"), f"{qtype}题不应有选项 options")
            return None
        if value is None:
            self.problem(raw.line, f"{qtype}题缺少选项 options")
            return None
        if not isinstance(value, dict):
            self.problem(at("options"), "选项 options 必须写成 {A: …, B: …}")
            return None
        keys = [str(k).strip().upper() for k in value]
        if not 2 <= len(keys) <= 6:
            self.problem(at("options"), f"选项必须有 2–6 个，现有 {len(keys)} 个")
            return None
        if keys != list(LETTERS[: len(keys)]):
            self.problem(at("options"), f"选项字母必须依次为 {'、'.join(LETTERS[: len(keys)])}，现为 {'、'.join(shown(k, 8) for k in keys)}")
            return None
        out: dict[str, str] = {}
        seen: dict[str, str] = {}
        for key, text in zip(keys, value.values()):
            t = _text(text)
            if t is None:
                self.problem(at("options"), f"选项 {key} 为空")
                return None
            if fold(t) in seen:
                self.problem(at("options"), f"选项 {seen[fold(t)]} 与 {key} 相同: {shown(t)}")
                return None
            if re.match(r"^(以上|上述)(都|均|全|皆)", t):
                self.problem(at("options"), f"不要用「{shown(t)}」这类选项")
            seen[fold(t)] = key
            out[key] = t
        return out

    def answer(self, raw: _LineDict, qtype: str | None, options: dict | None, stem: str | None) -> Any:
        at = raw.line_of
        if "answer" not in raw or raw.get("answer") in (None, "", []):
            self.problem(raw.line, "缺少答案 answer")
            return None
        value = raw["answer"]
        line = at("answer")
        if qtype == QuestionType.SINGLE:
            letter = _text(value)
            # A letter typed with a Chinese input method is full-width (Ａ).
            letter = unicodedata.normalize("NFKC", letter).upper() if letter else letter
            if letter is None or len(letter) != 1 or letter not in LETTERS:
                self.problem(line, f"单选题答案必须是一个字母 A–F，而不是「{shown(value)}」")
                return None
            if options is not None and letter not in options:
                self.problem(line, f"答案 {letter} 不在选项 {'、'.join(options)} 中")
                return None
            return letter
        if qtype == QuestionType.MULTI:
            if isinstance(value, str):
                letters = [c.upper() for c in fold(value) if c.isalpha()]
            elif isinstance(value, list) and all(_text(v) for v in value):  # [[A], [B]] is no list of letters
                letters = [shown(v, 8).strip().upper() for v in value]
            else:
                self.problem(line, "多选题答案必须写成 [A, C]")
                return None
            if len(set(letters)) != len(letters):
                self.problem(line, "多选题答案中有重复字母")
                return None
            if len(letters) < 2:
                self.problem(line, "多选题至少要有两个正确选项")
                return None
            bad = [x for x in letters if options is not None and x not in options]
            if bad:
                self.problem(line, f"答案 {'、'.join(bad)} 不在选项 {'、'.join(options or {})} 中")
                return None
            if options is not None and len(letters) == len(options):
                self.problem(line, "多选题的全部选项都是正确答案：请加入干扰项")
            return sorted(letters)
        if qtype == QuestionType.JUDGE:
            truth = parse_judgement(value)
            if truth is None:
                self.problem(line, f"判断题答案必须是 对 或 错，而不是「{shown(value)}」")
                return None
            return "对" if truth else "错"
        if qtype == QuestionType.FILL:
            blanks = len(BLANK_PATTERN.findall(stem or ""))
            if stem and blanks == 0:
                self.problem(at("stem"), "填空题题干中没有空（用 ____ 表示）")
            if isinstance(value, list):
                parts = [_text(v) for v in value]
                if not parts or any(p is None for p in parts):
                    self.problem(line, "填空题答案列表中有空项")
                    return None
                if blanks and len(parts) != blanks:
                    self.problem(line, f"题干有 {blanks} 个空，答案却有 {len(parts)} 项")
                return parts if len(parts) > 1 else parts[0]
            text = _text(value)
            if text is None:
                self.problem(line, "填空题答案必须是文字或文字列表")
                return None
            if blanks > 1:
                self.problem(line, f"题干有 {blanks} 个空，答案请写成 {blanks} 项的列表")
            return text
        if qtype in SUBJECTIVE_TYPES:
            text = _text(value)
            if text is None:
                self.problem(line, f"{qtype}题答案必须是参考答案文字")
            return text
        return value

    def points(self, raw: _LineDict, qtype: str | None) -> list[ScoringPoint]:
        value = raw.get("points")
        line = raw.line_of("points")
        if qtype not in SUBJECTIVE_TYPES:
            if value and qtype is not None:
                self.problem(line, f"{qtype}题不应有采分点 points")
            return []
        if not value:
            if qtype == QuestionType.SHORT:
                self.problem(raw.line, "简答题缺少采分点 points")
            return []
        if not isinstance(value, list):
            self.problem(line, "采分点 points 必须是列表: - {point: …, synonyms: […]}")
            return []
        out = []
        for i, p in enumerate(value, 1):
            where = p.line if isinstance(p, _LineDict) else line
            text = _text(p) if isinstance(p, str) else None
            if text:
                out.append(ScoringPoint(text))
                continue
            point = _text(p.get("point")) if isinstance(p, dict) else None
            if point is None:
                self.problem(where, f"第 {i} 个采分点缺少 point")
                continue
            syn = p.get("synonyms") or []
            synonyms = [_text(s) for s in syn] if isinstance(syn, list) else [None]
            if not all(synonyms):
                self.problem(where, f"采分点「{shown(p['point'])}」的 synonyms 必须是文字列表")
                continue
            out.append(ScoringPoint(point, tuple(s for s in synonyms if s)))
        return out

    def node(self, raw: _LineDict, docs: list[Node] | None) -> Node | None:
        value = raw.get("node")
        line = raw.line_of("node")
        if value is None or value == []:
            if not self.allow_unlinked:
                self.problem(raw.line, "缺少知识点 node（文档下的标题路径，如 [竞争者环境, 普通竞争者]）")
            return None
        path = [value] if isinstance(value, str) else value
        if not isinstance(path, list) or not all(_text(t) for t in path):
            self.problem(line, "知识点 node 必须是标题列表，如 [宏观环境分析]")
            return None
        path = [_text(t) for t in path]
        if self.graph is None or docs is None:
            return None
        if self._titles is None:
            self._titles = TitleIndex(self.graph)
        found, named = resolve_node(self.graph, path, docs, self._titles)
        named = shown_value(named, 80)
        message = None
        if not found and not self.allow_unlinked:
            message = f"知识图谱中找不到知识点「{named}」"
        elif len(found) > 1:
            message = f"知识点「{named}」不唯一（有 {len(found)} 处），请写出更长的标题路径"
        if message is None:
            return found[0] if found else None
        if self.lenient_nodes:
            # Only this question is dropped: the notes changed, the file is fine.
            self.unlinked.append(Problem(self.file, line, message))
            self._dropped = True
        else:
            self.problem(line, message)
        return None


def check_bank_data(
    data: Any,
    file: str,
    graph: KnowledgeGraph | None = None,
    *,
    seen_ids: dict[str, str] | None = None,
    skip_unknown_document: bool = False,
    lenient_nodes: bool = False,
    source: str = "bank",
) -> BankFile:
    """Validate already-loaded bank data (mappings from ``load_yaml_with_lines``).

    ``lenient_nodes``: a question whose node is not (or not uniquely) in the
    graph is dropped alone and listed in ``unlinked`` instead of failing the
    file; used when loading the bank against notes the user has edited.
    """
    seen_ids = {} if seen_ids is None else seen_ids
    checker = _Checker(file, graph, seen_ids)
    checker.lenient_nodes = lenient_nodes
    result = BankFile(file, None)
    if not isinstance(data, _LineDict):
        checker.problem(1, "文件顶层必须是含 document 和 questions 两个字段的映射")
        result.problems = checker.problems
        return result
    document = _text(data.get("document"))
    docs: list[Node] | None = None
    if document is None:
        checker.problem(data.line, "缺少文档标题 document")
    elif graph is not None:
        docs = [d for d in graph.documents() if fold(d.title) == fold(document)]
        if not docs:
            if skip_unknown_document:
                result.document, result.skipped = document, True
                return result
            checker.problem(data.line_of("document"), f"知识图谱中没有文档「{shown(document)}」")
    result.document = document
    for key, line in data.duplicate_keys:
        checker.problem(line, f"字段 {shown(key)} 重复")
    for key in data:
        if key not in ("document", "questions"):
            checker.problem(data.line_of(key), f"未知字段「{shown(key)}」（文件顶层只有 document 和 questions）")
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        checker.problem(data.line_of("questions"), "questions 必须是非空的题目列表")
        questions = []
    for i, raw in enumerate(questions, 1):
        q = checker.question(raw, i, docs if docs else None, document or "", source,
                             data.line_of("questions"))
        if q is not None:
            result.questions.append(q)
    result.problems = checker.problems
    result.unlinked = checker.unlinked
    if result.problems:
        result.questions = []  # a file with any problem imports nothing
    return result


def check_bank_text(
    text: str,
    file: str,
    graph: KnowledgeGraph | None = None,
    *,
    seen_ids: dict[str, str] | None = None,
    skip_unknown_document: bool = False,
    lenient_nodes: bool = False,
) -> BankFile:
    """Parse and validate one bank file's text. Every problem names file:line."""
    try:
        data = load_yaml_with_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        position = getattr(exc, "position", None)  # a reader error (a control character) has no mark
        if mark:
            line = mark.line + 1
        elif isinstance(position, int):
            line = text.count("\n", 0, position) + 1
        else:
            line = 1
        reason = getattr(exc, "problem", None) or str(exc)
        message = reason if isinstance(exc, YamlLimitError) else f"YAML 格式错误: {yaml_reason(reason)}"
        return BankFile(file, None, problems=[Problem(file, line, message)])
    return check_bank_data(data, file, graph, seen_ids=seen_ids, skip_unknown_document=skip_unknown_document,
                           lenient_nodes=lenient_nodes)


def check_bank_texts(
    files: Iterable[tuple[str, str]],
    graph: KnowledgeGraph | None = None,
    *,
    skip_unknown_document: bool = False,
    lenient_nodes: bool = False,
) -> list[BankFile]:
    """Validate several files together (ids must be unique across all of them)."""
    seen: dict[str, str] = {}
    return [
        check_bank_text(text, name, graph, seen_ids=seen, skip_unknown_document=skip_unknown_document,
                        lenient_nodes=lenient_nodes)
        for name, text in files
    ]


def raise_for_problems(problems: list[Problem]) -> None:
    """One BankError naming the first problem's file and line, listing the next ones
    (the first ``PROBLEMS_SHOWN`` in all, then how many more)."""
    if not problems:
        return
    first = problems[0]
    more = ""
    if len(problems) > 1:
        rest = listed_problems([str(p) for p in problems[1:]], PROBLEMS_SHOWN - 1)
        more = f"（另有 {len(problems) - 1:,} 个问题）\n" + "\n".join(rest)
    raise BankError(first.message + more, first.file, first.line)
