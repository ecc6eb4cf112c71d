"""Whether a definition is worth a card: what the term's own name already says, and
claims that rank a term among others instead of telling it apart."""

from __future__ import annotations

import re

from cskexam.core.card_text import BLANK

# Words a definition of a department shares with every other: no content of its own.
_FRAME_WORDS = re.compile(r"负责|主要|职责|包括|公司|企业|部门|机构|中心|工作|方面|相关|重要|非常|一部分|部分|之一|一个|其|等")
_FRAME_CHARS = set("的和与及、，,。;；：:是指为之各项在中对")
_NAME_SUFFIX = re.compile(r"(?:部门|部|中心|办公室|团队|小组|组|经理|主管|专员)$")
NAME_BACK_CHARS = 10


def definition_body(term: str, text: str) -> str:
    """The definition with the term itself blanked, for the reverse card."""
    body = text.strip(" \t\r\n:：")
    if body.startswith(term):
        body = body[len(term):].lstrip(":： ")
    body = body.rstrip("。.;； ")
    return body.replace(term, BLANK)


def name_gives_away(term: str, text: str, org: str | None = None) -> bool:
    """The name says what the definition says (研发部 → 新产品研发和创新部门, 客户服务部 →
    客户服务和售后支持部门), or the definition is too short to learn."""
    body = definition_body(term, text).replace(BLANK, term)
    body = re.sub(r"^(?:是指|指的是|就是|指|是)", "", body)
    if org:
        body = body.replace(org, "")

    def content(s: str) -> str:
        return "".join(c for c in _FRAME_WORDS.sub("", s) if c not in _FRAME_CHARS and not c.isspace())

    words = content(body)
    if len(words) < 6:
        return True
    if sum(c in term for c in words) * 2 >= len(words):
        return True
    stem = _NAME_SUFFIX.sub("", term)
    clauses = re.split(r"[，,；;。]", body)
    # The first clause says what it is: the name itself (研发部 → 新产品研发和创新部门) or
    # nothing (外贸公司的重要部门); then the rest must say something the name does not.
    if (len(stem) >= 2 and stem in clauses[0]) or not content(clauses[0]):
        rest = [c for c in content("".join(clauses[1:])) if c not in term]
        return len(rest) < NAME_BACK_CHARS
    return False


_CLAIM_HEAD = re.compile(r"(?:重要|主要|关键)")
_CLAIM_TAIL = re.compile(r"(?:因素|方面|部分|环节|手段|途径|之一)$")


def ranks_not_defines(term: str, text: str) -> bool:
    """「政治法律环境是影响企业经营的重要宏观环境因素」 ranks the term among others; it says
    nothing a candidate could tell it apart by."""
    body = re.sub(r"^(?:是指|指的是|就是|指|是)", "", definition_body(term, text))
    first = re.split(r"[，,；;。]", body, maxsplit=1)[0]
    return bool(_CLAIM_HEAD.search(first) and _CLAIM_TAIL.search(first))
