"""Chinese word segmentation with the graph's titles as a user dictionary.

Without domain terms jieba splits 客户服务管理师 into 客户服务/管理/师; adding the
graph's titles as user words keeps them whole. rjieba (a binding of jieba-rs
with jieba's dictionary) loads its dictionary when it is imported, so nothing
is imported before the first ``cut``: code on a start-up path (TUI, search
queries) must not cut at all; the search index is segmented once, at import
time. The HMM is off, which keeps segmentation deterministic for unknown words.
"""

from __future__ import annotations

import re
import threading

from cskexam.core.modal_words import defined_term
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from cskexam.core.graph import KnowledgeGraph

__all__ = ["Segmenter", "domain_terms", "MAX_TERM_CHARS"]

# Longer titles are sentences, not terms; as user words they would swallow
# every shorter word inside them in ``cut``.
MAX_TERM_CHARS = 12

_SPLIT = re.compile(r"[^\w]+|_")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class _Dictionary:
    """One loaded dictionary with a set of user words."""

    def __init__(self, user_terms: tuple[str, ...], first: bool):
        import rjieba

        # rjieba loads a dictionary of its own when imported; the first set of
        # user words goes into that one (its module functions) instead of loading another.
        impl = rjieba if first else rjieba.Jieba()
        for term in user_terms:
            # freq=None lets jieba-rs suggest the frequency that keeps the term whole.
            impl.add_word(term, None, None)
        self.cut: Callable[[str], list[str]] = lambda text: impl.cut(text, False)
        self.cut_for_search: Callable[[str], list[str]] = lambda text: impl.cut_for_search(text, False)
        self.cut_all: Callable[[str], list[str]] = impl.cut_all


_lock = threading.Lock()
# Segmenters built from the same graph share one dictionary (import runs the
# search index and the card generator back to back).
_dictionaries: dict[tuple[str, ...], _Dictionary] = {}
_MAX_DICTIONARIES = 2
_module_dictionary_used = False


def _dictionary_for(terms: tuple[str, ...]) -> _Dictionary:
    global _module_dictionary_used
    with _lock:
        found = _dictionaries.get(terms)
        if found is None:
            found = _Dictionary(terms, first=not _module_dictionary_used)
            _module_dictionary_used = True
            if len(_dictionaries) >= _MAX_DICTIONARIES:
                _dictionaries.pop(next(iter(_dictionaries)))
            _dictionaries[terms] = found
        return found


class Segmenter:
    """Word segmentation; the dictionary loads on the first cut, never on construction."""

    def __init__(self, user_terms: Iterable[str] = ()):
        seen: dict[str, None] = {}
        for term in user_terms:
            term = term.strip()
            if term and not any(ch.isspace() for ch in term):
                seen[term] = None
        self.user_terms: tuple[str, ...] = tuple(sorted(seen))
        self._dictionary: _Dictionary | None = None

    @property
    def loaded(self) -> bool:
        return self._dictionary is not None

    def _load(self) -> _Dictionary:
        if self._dictionary is None:
            self._dictionary = _dictionary_for(self.user_terms)
        return self._dictionary

    def cut(self, text: str) -> list[str]:
        """Precise mode: each character in exactly one word."""
        return list(self._load().cut(text)) if text else []

    def cut_for_search(self, text: str) -> list[str]:
        """Search mode: precise words plus the dictionary words inside long ones."""
        return list(self._load().cut_for_search(text)) if text else []

    def cut_all(self, text: str) -> list[str]:
        """Every dictionary word found anywhere in ``text`` (overlapping)."""
        return list(self._load().cut_all(text)) if text else []


def domain_terms(graph: "KnowledgeGraph") -> list[str]:
    """Titles, mnemonics and defined terms of the graph, as user-dictionary words.

    A title such as 客户服务管理师二级-《技能理论》重点考点 is split at punctuation;
    only pieces of 2..MAX_TERM_CHARS characters that contain Chinese are kept.
    """
    nodes = graph.nodes.values()
    # Each distinct text once: a big library repeats its titles (基本概念 in every chapter).
    raw = dict.fromkeys(n.title for n in nodes)
    raw.update(dict.fromkeys(n.mnemonic for n in nodes if n.mnemonic))
    # 客户服务通常 of 「客户服务通常是指…」 as one word would glue the modal to every 客户服务 before it.
    raw.update(dict.fromkeys(defined_term(d.term, "")[0] for d in graph.definitions))
    out: dict[str, None] = {}
    split, cjk = _SPLIT.split, _CJK.search
    for text in raw:
        for piece in split(text or ""):
            if 2 <= len(piece) <= MAX_TERM_CHARS and cjk(piece):
                out[piece] = None
    return list(out)
