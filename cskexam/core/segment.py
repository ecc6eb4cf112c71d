"""Chinese word segmentation with the graph's titles as a user dictionary.

Without domain terms jieba splits 客户服务管理师 into 客户服务/管理/师; adding the
graph's titles as user words keeps them whole. Loading a jieba dictionary costs
0.1 s (rjieba) to 0.6 s (jieba), so nothing is loaded at import time: the first
``cut`` pays for it. Code on a start-up path (TUI, search queries) must not cut
at all; the search index is segmented once, at import time.

rjieba (a binding of jieba-rs with jieba's dictionary) is preferred; jieba is
the fallback. Both run with the HMM off, which makes their output identical
and keeps segmentation deterministic for unknown words.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from cskexam.core.graph import KnowledgeGraph

__all__ = ["Segmenter", "domain_terms", "MAX_TERM_CHARS"]

# Longer titles are sentences, not terms; as user words they would swallow
# every shorter word inside them in ``cut``.
MAX_TERM_CHARS = 12

_SPLIT = re.compile(r"[^\w]+|_")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class _Backend:
    """One loaded dictionary: rjieba.Jieba or jieba.Tokenizer behind one API."""

    def __init__(self, user_terms: tuple[str, ...]):
        try:
            import rjieba
        except ImportError:  # pragma: no cover - rjieba is a dependency
            rjieba = None
        if rjieba is not None:
            self._impl = _claim_rjieba(rjieba)
            for term in user_terms:
                # freq=None lets jieba-rs suggest the frequency that keeps the term whole.
                self._impl.add_word(term, None, None)
            self.cut = lambda text: self._impl.cut(text, False)
            self.cut_for_search = lambda text: self._impl.cut_for_search(text, False)
            self.cut_all = self._impl.cut_all
        else:  # pragma: no cover
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            for term in user_terms:
                tok.add_word(term)
            self._impl = tok
            self.cut = lambda text: tok.lcut(text, HMM=False)
            self.cut_for_search = lambda text: tok.lcut_for_search(text, HMM=False)
            self.cut_all = lambda text: tok.lcut(text, cut_all=True)


_lock = threading.Lock()
_default_claimed = False
# Segmenters built from the same graph share one dictionary (import runs the
# search index and the card generator back to back).
_backends: dict[tuple[str, ...], _Backend] = {}
_MAX_BACKENDS = 2


def _claim_rjieba(rjieba):
    """rjieba builds a default instance at import; reuse it once instead of loading twice."""
    global _default_claimed
    if not _default_claimed:
        _default_claimed = True
        return rjieba._DEFAULT_JIEBA
    return rjieba.Jieba()


def _backend_for(terms: tuple[str, ...]) -> _Backend:
    with _lock:
        backend = _backends.get(terms)
        if backend is None:
            backend = _Backend(terms)
            if len(_backends) >= _MAX_BACKENDS:
                _backends.pop(next(iter(_backends)))
            _backends[terms] = backend
        return backend


class Segmenter:
    """Word segmentation; the dictionary loads on the first cut, never on construction."""

    def __init__(self, user_terms: Iterable[str] = ()):
        seen: dict[str, None] = {}
        for term in user_terms:
            term = term.strip()
            if term and not any(ch.isspace() for ch in term):
                seen[term] = None
        self.user_terms: tuple[str, ...] = tuple(sorted(seen))
        self._backend: _Backend | None = None

    @property
    def loaded(self) -> bool:
        return self._backend is not None

    def _load(self) -> _Backend:
        if self._backend is None:
            self._backend = _backend_for(self.user_terms)
        return self._backend

    def cut(self, text: str) -> list[str]:
        """Precise mode: each character in exactly one word."""
        if not text:
            return []
        return list(self._load().cut(text))

    def cut_for_search(self, text: str) -> list[str]:
        """Search mode: precise words plus the dictionary words inside long ones."""
        if not text:
            return []
        return list(self._load().cut_for_search(text))

    def cut_all(self, text: str) -> list[str]:
        """Every dictionary word found anywhere in ``text`` (overlapping)."""
        if not text:
            return []
        return list(self._load().cut_all(text))


def domain_terms(graph: "KnowledgeGraph") -> list[str]:
    """Titles, mnemonics and defined terms of the graph, as user-dictionary words.

    A title such as 客户服务管理师二级-《技能理论》重点考点 is split at punctuation;
    only pieces of 2..MAX_TERM_CHARS characters that contain Chinese are kept.
    """
    nodes = graph.nodes.values()
    # Each distinct text once: a big library repeats its titles (基本概念 in every chapter).
    raw = dict.fromkeys(n.title for n in nodes)
    raw.update(dict.fromkeys(n.mnemonic for n in nodes if n.mnemonic))
    raw.update(dict.fromkeys(d.term for d in graph.definitions))
    out: dict[str, None] = {}
    split, cjk = _SPLIT.split, _CJK.search
    for text in raw:
        for piece in split(text or ""):
            if 2 <= len(piece) <= MAX_TERM_CHARS and cjk(piece):
                out[piece] = None
    return list(out)
