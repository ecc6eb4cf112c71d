"""Text folding and clause breaks shared by the graders."""

from __future__ import annotations

import re
import unicodedata

from cskexam.core.grading_hant import to_simplified

PUNCT_EDGES = "。，、；：,.;:!！?？\"'“”‘’「」『』《》()（）[]【】 "

# Punctuation and the candidate's own numbering (1. 2、 (3) ④) end a clause.
CLAUSE_BREAK = re.compile(
    r"\d+[.、)）:：]|[（(]\d+[)）]|[①-⑳]|[，。；、,.;:：!！?？\n\r\t（）()【】\[\]“”\"'‘’/|]"
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Full-width → half-width, lower case, no whitespace."""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", text).lower()


def trim(text: str) -> str:
    return fold(text).strip(PUNCT_EDGES)


def _space(m: re.Match) -> str:
    # A space between two Latin words is part of what they say (not important, no CRM); anywhere else
    # it is the candidate's layout.
    s, e, text = m.start(), m.end(), m.string
    return " " if 0 < s and e < len(text) and text[s - 1].isascii() and text[s - 1].isalnum() \
        and text[e].isascii() and text[e].isalnum() else ""


def fold_answer(text: str) -> str:
    """What free text is compared as: ``fold`` with traditional characters read as simplified
    (市場 = 市场) and one space kept between Latin words (is not important)."""
    text = to_simplified(unicodedata.normalize("NFKC", str(text)).lower())
    return _SPACE.sub(_space, text)


def trim_answer(text: str) -> str:
    """A scoring term folded as free text is (``fold_answer``), without edge punctuation."""
    return fold_answer(text).strip(PUNCT_EDGES)
