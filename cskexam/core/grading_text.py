"""Text folding and clause breaks shared by the graders."""

from __future__ import annotations

import re
import unicodedata

PUNCT_EDGES = "。，、；：,.;:!！?？\"'“”‘’「」『』《》()（）[]【】 "

# Punctuation and the candidate's own numbering (1. 2、 (3) ④) end a clause.
CLAUSE_BREAK = re.compile(
    r"\d+[.、)）:：]|[（(]\d+[)）]|[①-⑳]|[，。；、,.;:：!！?？\n\r\t（）()【】\[\]“”\"'‘’/|]"
)


def fold(text: str) -> str:
    """Full-width → half-width, lower case, no whitespace."""
    text = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", text).lower()


def trim(text: str) -> str:
    return fold(text).strip(PUNCT_EDGES)
