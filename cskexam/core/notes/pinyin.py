"""Pinyin left behind by a converter: ``發(fā)展`` is 發展.

Web pages run through a simplified → traditional converter (or a "注音" tool)
come out with the reading of many characters in brackets right after them.
A learner reads past it; the outline must too, or every title is cut at the
bracket. A bracket is a reading when it holds one pinyin syllable with a tone
mark right after a Chinese character; toneless syllables (``(de)``) count
only on a line that has toned ones too, so ``(P52)`` or ``(AHT)`` never go.
"""

from __future__ import annotations

import re

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
TRIGGER = re.compile(f"[{_TONED}]")
_FOLD = str.maketrans(_TONED, "aaaaeeeeiiiioooouuuuüüüü")
_READING = re.compile(r"(?<=[\u4e00-\u9fff])[(（]\s?([a-zü" + _TONED + r"]{1,6})\s?[)）]")
_SYLLABLE = re.compile(
    r"^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|üe|ün|ue|a|o|e|i|u|ü)$"
)


def drop_readings(line: str) -> str:
    """``line`` without its pinyin readings (the caller checked ``TRIGGER``)."""
    found = [m for m in _READING.finditer(line) if _SYLLABLE.match(m.group(1).translate(_FOLD))]
    if not any(TRIGGER.search(m.group(1)) for m in found):
        return line
    out, last = [], 0
    for m in found:
        out.append(line[last : m.start()])
        last = m.end()
    out.append(line[last:])
    return "".join(out)
