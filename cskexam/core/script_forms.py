"""繁體 or 简体: whether notes are written mainly in traditional characters, and a template's simplified
words in the notes' own script.

Cards and questions wrap the notes' text in fixed words (有哪几种, 分别是什么, 请简述, 口诀). On notes in 繁體
those words must read 繁體 too: 「依戀的類型有哪三種？」, not 「…有哪三种？」.

The conversion inverts the one-to-one traditional → simplified table of ``grading_hant`` where a simplified
character has one traditional form only; a few template characters with two forms get the usual one
(么 → 麼, 个 → 個, 别 → 別, 发 → 發, 里 → 裡), as OpenCC's first reading does. Characters that are ordinary
traditional characters as well (表, 出, 只, 才, and 同, 合, 面, 系… which OpenCC keeps) are never changed, and neither is any character the notes themselves use without its
traditional form: only the template's words change, never the notes' text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from cskexam.core.grading_hant import _SIMPLIFIED, _TRADITIONAL  # the project's own table

if TYPE_CHECKING:
    from cskexam.core.graph import KnowledgeGraph

# Simplified characters with more than one traditional form: the one a template means.
_USUAL = {"么": "麼", "个": "個", "别": "別", "发": "發", "里": "裡", "说": "說", "为": "為", "后": "後",
          "几": "幾", "干": "幹", "台": "臺", "系": "系", "并": "並", "历": "歷", "冲": "衝", "采": "採",
          "面": "面", "向": "向"}
# Simplified characters that are ordinary traditional characters too (代表, 出現, 只有, 才能): kept.
_ALSO_TRADITIONAL = set("表出只才制范松谷征余丑斗卷困致郁占志注布回家舍云借")
# Characters the one-to-one table would turn into a rare variant (同 → 衕, 合 → 閤, 千 → 韆, 教 → 敎) although
# OpenCC's own simplified → traditional table (STCharacters) keeps them: its first reading is the character
# itself, or it has no entry. These are the characters of the inverse table for which that holds.
_OPENCC_KEEPS = set(
    "佛俊修僵克冢冬凌刮千卜即吃合吊同呆周咽哄喂噪埼奸姜娘局岳峰巨席幸庵弦彩御念恤愈戚扇扎托扣折抬抵拼挨挲挽捆捍搜"
    "教旋旗既昆暗朱杆杯板查栗核梁棋欲污沈沾泄溪漓灶狸玩璇症痴皂真矩私秋糊糖累群胄芸苔蓑蔑踊逾酸飧")


def _inverse() -> dict[str, str]:
    forms: dict[str, list[str]] = {}
    pairs = zip(_TRADITIONAL, _SIMPLIFIED)
    for trad, simp in pairs:
        if trad != simp:
            forms.setdefault(simp, []).append(trad)
    table = {s: ts[0] for s, ts in forms.items()
             if len(ts) == 1 and s not in _ALSO_TRADITIONAL and s not in _OPENCC_KEEPS}
    table.update(_USUAL)
    return {s: t for s, t in table.items() if s != t}


_TO_TRADITIONAL = _inverse()
_TRADITIONAL_ONLY = frozenset(t for t, s in zip(_TRADITIONAL, _SIMPLIFIED)
                              if t != s)
# Of a text this long, a handful of characters is enough to tell.
MIN_SCRIPT_CHARS = 3


def script_counts(text: str) -> tuple[int, int]:
    """(characters only 繁體 writes, characters only 简体 writes) in ``text``."""
    trad = sum(1 for c in text if c in _TRADITIONAL_ONLY)
    simp = sum(1 for c in text if c in _TO_TRADITIONAL)
    return trad, simp


def mainly_traditional(text: str) -> bool:
    """``text`` is written in 繁體: clearly more traditional-only characters than simplified-only ones."""
    trad, simp = script_counts(text)
    return trad >= MIN_SCRIPT_CHARS and trad >= 2 * simp


def to_traditional(text: str, keep: Iterable[str] = ()) -> str:
    """``text`` with its simplified characters in their traditional form, except those in ``keep`` (the notes'
    own characters) whose traditional form is not in ``keep`` too."""
    kept = set("".join(keep)) if not isinstance(keep, (set, frozenset)) else keep
    out = []
    for c in text:
        t = _TO_TRADITIONAL.get(c)
        out.append(t if t is not None and (c not in kept or t in kept) else c)
    return "".join(out)


class NotesScript:
    """The script of one set of notes: template words follow it.

    ``source`` is all the notes' text (titles and bodies); built once, applied to many texts.
    """

    def __init__(self, source: str) -> None:
        self.traditional = mainly_traditional(source)
        self._chars = frozenset(source) if self.traditional else frozenset()

    def __call__(self, text: str) -> str:
        return to_traditional(text, self._chars) if self.traditional and text else text


_AS_IS = NotesScript("")


class DocumentScripts:
    """The script of each document of a graph, worked out on first use."""

    def __init__(self, graph: KnowledgeGraph) -> None:
        self._graph = graph
        self._scripts: dict[str, NotesScript] | None = None

    def of(self, node_id: str | None) -> NotesScript:
        if not node_id or node_id not in self._graph.nodes:
            return _AS_IS
        if self._scripts is None:
            texts: dict[str, list[str]] = {}
            for n in self._graph:
                texts.setdefault(self._graph.document_of(n.id).id, []).extend((n.title, n.text))
            self._scripts = {doc: NotesScript("\n".join(parts)) for doc, parts in texts.items()}
        return self._scripts.get(self._graph.document_of(node_id).id, _AS_IS)

    def question(self, q: Any) -> None:
        """A generated question's stem and explanation in its notes' script (its options are the notes' own)."""
        script = self.of(q.node)
        if script.traditional:
            q.stem = script(q.stem)
            q.explanation = script(q.explanation)
