"""What a note-taker writes after an inline list's last item: a count in
brackets and a mnemonic, which are fields of the list, not part of the item."""

from __future__ import annotations

import re

from cskexam.core.notes.markers import cn_to_int

_TAIL_WORDS = r"(?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記|记法|記法)"
# ``…、认知心理学(七大流派)。记忆:生安归尊自``: what a note-taker writes after the last item.
_BODY_MNEMONIC = re.compile(rf"(?:^|(?<=[。.;,)]))\s*{_TAIL_WORDS}\s*:\s*([^:()]{{1,30}}?)\s*[。.]?$")
_BRACKET_MNEMONIC = re.compile(rf"\({_TAIL_WORDS}\s*:\s*([^:()]{{1,24}})\)\s*[。.]?$")
# …、花木(记“山水建花”) / (可记作“…”): a quoted word to remember the list by, after its last item.
_BRACKET_QUOTED_MNEMONIC = re.compile(
    rf"\((?:可以|可)?(?:{_TAIL_WORDS}|记|記|记作|記作|记为|記為)\s*:?\s*[“\"「]([^”\"」()]{{1,16}})[”\"」]\)\s*[。.]?$"
)
_COUNT_BRACKET = re.compile(
    r"\((?:共|共有)?([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九两兩]|\d{1,2})大?"
    r"(?:个|個|种|種|项|項|类|類|条|條|点|點|位)?"
    r"[\u4e00-\u9fff]{0,4}(?:,[^()]{1,12})?\)(?=[。.;]?$|[。.;])"
)


def list_tail(text: str) -> tuple[str, int | None, str | None]:
    """``甲、乙、丙(三种方法)。记忆:甲乙丙`` → (``甲、乙、丙``, 3, ``甲乙丙``): a count
    bracket and a mnemonic written after an inline list are fields, not part
    of its last item."""
    mnemonic = count = None
    if "记" in text or "記" in text or "口" in text:
        m = _BODY_MNEMONIC.search(text) or _BRACKET_MNEMONIC.search(text) or _BRACKET_QUOTED_MNEMONIC.search(text)
        if m and m.start() > 0:
            mnemonic = m.group(1).strip(" ,;。")
            text = text[: m.start()].rstrip(" 。.;,")
    if "(" in text:
        m = _COUNT_BRACKET.search(text)
        if m and m.start() > 0 and text[m.start() - 1] not in "。.;,":
            count = cn_to_int(m.group(1))
            if count is not None and count >= 2:
                text = (text[: m.start()] + text[m.end() :]).rstrip()
            else:
                count = None
    return text, count, mnemonic
