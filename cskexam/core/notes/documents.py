"""Split a notes file into documents.

In pasted notes a document starts with a short title line, and its body
often repeats that title (``客户部组织机构及岗位职责`` then
``客户部组织机构及岗位职责一、客户部组织机构…``). Markdown files use ``# `` headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

from cskexam.core.notes.markers import cn_to_int, find_markers

_NOT_IN_TITLE = set("。;:,!?")
_STRONG_START = re.compile(r"^第[一二三四五六七八九十\d]+(部分|章)")
_CHAPTER = re.compile(r"^第([一二三四五六七八九十\d]+)(部分|章)")
# 2024年人力资源管理师考点汇总, 2025版…: a year or an edition opens a title, a number does not.
_YEAR_START = re.compile(r"^\d{2,4}\s?(?:年|版|届|屆|级|級)")
_DOC_HEADING = re.compile(r"^#\s+\S")


# What a sentence about a heading goes on with after repeating its name.
_SAYS_MORE = re.compile(r"^\s*(?:[,:(]|的|是|指|即|包括|包含|主要|一般|通常|可|有|分为|分成|应|具有|具备|由|共|按|又|也)")


@dataclass
class Document:
    title: str
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)


# 第三方物流企业必须拥有自己的运输车辆 ✗: a statement marked true or false is no title.
_JUDGED = re.compile(r"(?:[✗✘×√✓✔]|\(\s*[×xX√✓对错對錯]\s*\))\s*$")
_JUDGED_LAST = "✗✘×√✓✔)"


def _title_candidate(line: str) -> bool:
    if not 2 <= len(line) <= 40 or line.startswith(("图", "#", "-", "*", "•")):
        return False
    if (line[0].isdigit() and not _YEAR_START.match(line)) or not _NOT_IN_TITLE.isdisjoint(line):
        return False
    # A judged line ends with its mark or a bracket (spaces aside).
    if (line[-1] in _JUDGED_LAST or line[-1].isspace()) and _JUDGED.search(line):
        return False
    if line.count("、") >= 2:
        return False  # 课程开发、讲师选聘、考核方式: the items of a list, not a title
    first = find_markers(line[:8])
    return not (first and first[0].start == 0 and first[0].style != "letter")


def split_documents(name: str, lines: list[str], title: str | None = None, indents: list[int] | None = None) -> list[Document]:
    """``title``: the file's own title (a Markdown front matter ``title:``), used
    for text that comes before any ``# `` heading. ``indents``: each line's
    indentation; an indented line is a note under the title, never a new one."""
    rows = [(i + 1, text) for i, text in enumerate(lines) if text]
    if not rows:
        return []
    if PurePath(name).suffix.lower() == ".md":
        return _split_markdown(name, rows, title)
    docs: list[Document] = []
    for k, row in enumerate(rows):
        lineno, text = row
        # An indented line is a note under the title, and so is a line over
        # indented ones (a mind map's root): neither starts a new document.
        if _is_document_title(rows, k) and not (
            docs and indents and (indents[lineno - 1] > 0 or (k + 1 < len(rows) and indents[rows[k + 1][0] - 1] > 0))
        ) and not (docs and _chapters_go_on(docs[-1], rows, k)):
            docs.append(Document(text, lineno))
            continue
        if not docs:
            docs.append(Document(PurePath(name).stem, lineno))
        doc = docs[-1]
        if not doc.body and doc.line != lineno and _shared_prefix(doc.title, text) >= min(8, len(doc.title)):
            text = text[_shared_prefix(doc.title, text) :].strip()
            if not text:
                continue
            row = (lineno, text)
        doc.body.append(row)
    return [d for d in docs if d.body]


def _chapters_go_on(doc: Document, rows: list[tuple[int, str]], k: int) -> bool:
    """The line after row ``k`` is 第四章 and the document holds 第三章: the
    row is the last line of chapter three, not the title of a new document
    (a new one would start its chapters again)."""
    m = _CHAPTER.match(rows[k + 1][1]) if k + 1 < len(rows) else None
    number = cn_to_int(m.group(1)) if m else None
    if not number or number < 2:
        return False
    for _, text in reversed(doc.body):
        before = _CHAPTER.match(text)
        if before and before.group(2) == m.group(2):  # type: ignore[union-attr]
            return cn_to_int(before.group(1)) == number - 1
    return False


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


# The headline a blog or WeChat article opens with: a short line that ends with
# ! or splits a series name from its subject with |, and holds no sentence.
_ARTICLE_TITLE = re.compile(r"^(?=[^。;:?]{4,40}$)(?=.*(?:!$|[^|\s]\s?\|\s?[^|\s]))[^\d#\-*•]")


def _is_document_title(rows: list[tuple[int, str]], k: int) -> bool:
    text = rows[k][1]
    if k == 0 and _ARTICLE_TITLE.match(text):
        return len(rows) > 1  # 客户关系管理高频考点,背完稳过! / 二级|客户关系管理: an article's headline
    if not _title_candidate(text) or (k > 0 and "、" in text):
        return False  # 选择性、整体性 before 第二章: the last list of a chapter, not a new document
    nxt = rows[k + 1][1] if k + 1 < len(rows) else None
    if nxt is None:
        return False
    if nxt.startswith(text) and k > 0 and _SAYS_MORE.match(nxt[len(text) :]):
        return False  # 服务质量的特性 then 服务质量的特性包括以下五个方面: a heading and its lead-in
    if nxt.startswith(text) or _STRONG_START.match(nxt) or _shared_prefix(text, nxt) >= 8:
        return True
    if k == 0:
        return True
    after = rows[k + 2][1] if k + 2 < len(rows) else None
    return _title_candidate(nxt) and after is not None and after.startswith(nxt) and nxt != text


def _split_markdown(name: str, rows: list[tuple[int, str]], title: str | None = None) -> list[Document]:
    docs: list[Document] = []
    in_fence = False
    for lineno, text in rows:
        if text.startswith("```"):
            in_fence = not in_fence
            continue
        if not in_fence and text[0] == "#" and _DOC_HEADING.match(text):
            docs.append(Document(text.lstrip("#").strip().replace("**", ""), lineno))
            continue
        if not docs:
            docs.append(Document(title or PurePath(name).stem, lineno))
        docs[-1].body.append((lineno, text.replace("**", "").replace("__", "")))
    return [d for d in docs if d.body]


def split_indented(name: str, lines: list[str], indents: list[int]) -> list[Document]:
    """An indented outline (a mind-map export) is one document: its first
    line, flush left, is the title when it reads as one."""
    rows = [(i + 1, text) for i, text in enumerate(lines) if text]
    if not rows:
        return []
    first_line, first = rows[0]
    if indents[first_line - 1] == 0 and _title_candidate(first) and len(rows) > 1:
        return [Document(first, first_line, rows[1:])]
    return [Document(PurePath(name).stem, first_line, rows)]
