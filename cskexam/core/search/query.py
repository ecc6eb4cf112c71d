"""Reading a query and ranking what the stored index (``SearchBackend``) finds for it.

No segmenter: the query is split into known words by forward maximum
matching against the stored vocabulary (Latin words stay whole). Tiers:
5 the title is the query (or its whole pinyin or initials); 4 the title holds
the phrase or every word of it (服务的特征 for 服务特征), or starts with its
pinyin; 3 the body holds it (or a later word of the title starts with the
pinyin, or the initials match with words skipped: hgfx → 宏观环境分析);
2 every word occurs, scattered in the title and body (or a typo
correction is in the title); 1 some words occur (by the summed IDF of those
found, a title counting ``TITLE_WEIGHT`` times a body), or a correction is
in the body; 0 a correction occurs only as a scattered word. Within a tier a
closer fit ranks first, then the outline order; the score is tier +
closeness (0..1). Typo corrections (``fuzzy``) are looked for only when the
query is found (almost) nowhere. A look-up reads a bounded number of matches
(all of them when the rarest word is in at most ``EXACT_UP_TO`` documents,
as in any real library), so a common word costs no more than a rare one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Container, NamedTuple, Protocol, Sequence

from cskexam.core.pinyin import query_key
from cskexam.core.search.fuzzy import PER_GRAM, corrections, sound_key, term_grams
from cskexam.core.search.snippet import make_snippet
from cskexam.core.search.text import CJK, PATH_SEPARATOR, WORD, normalize

__all__ = ["Hit", "DocRow", "SearchBackend", "SearchResult", "search", "segment_query", "TITLE_WEIGHT", "BODY_WEIGHT"]

TITLE_WEIGHT = 6.0
BODY_WEIGHT = 1.0
# Longer input is cut: nobody searches for a paragraph, and it bounds the work.
MAX_QUERY_CHARS = 100
MAX_QUERY_TERMS = 16
# "Little is found": below this many results typo corrections are looked for.
FEW_RESULTS = 3
FUZZY_MIN_CHARS = 3
FUZZY_CORRECTIONS = 3
MAX_INITIALS = 10
CANDIDATES = 60
EXACT_UP_TO = 300

_ASCII_WORD = re.compile(r"[a-z0-9]+")
_ASCII_RUN = re.compile(r"[a-z0-9]")
_MIXED = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


class Hit(NamedTuple):
    rowid: int
    node_id: str
    source: str  # "node" or "question"
    seq: int
    phrase: int  # 4: the title contains the phrase, 3: the body does, 0: neither
    score: float  # 0..1, how closely the document fits


class DocRow(NamedTuple):
    rowid: int
    node_id: str
    source: str
    kind: str
    title: str
    path: str  # ancestor titles joined by PATH_SEPARATOR
    body: str
    seq: int


class SearchBackend(Protocol):
    """The read side of a stored index (hits may be plain tuples in ``Hit`` layout)."""

    def max_term_chars(self) -> int: ...

    def known_terms(self, candidates: Sequence[str]) -> dict[str, int]:
        """The candidates that are indexed words, with their document counts."""

    def match(self, terms: Sequence[str], op: str, phrase: str, limit: int, title_only: bool = False,
              weigh_terms: bool = False, written: str = "") -> list[Hit]:
        """Up to ``limit`` documents with all (op "AND") or any ("OR") of ``terms``, in outline order.

        ``Hit.phrase``: 4 if the compact title holds ``phrase``, 3 if the body
        holds it or ``written`` (the query with its punctuation), letters in
        any case. ``Hit.score``: how much of the title (or body) the phrase
        covers (with ``title_only``, how much of the title its terms cover),
        or with ``weigh_terms`` the summed IDF of the terms found (a title
        counting TITLE_WEIGHT times a body), scaled to 0..1.
        """

    def by_title_key(self, key: str, limit: int) -> list[Hit]: ...

    def pinyin(self, key: str, limit: int) -> list[tuple[Hit, str, int, str]]:
        """Titles with a pinyin key starting with ``key``: (hit, key, start, title key)."""

    def initials_subsequence(self, key: str, limit: int) -> list[tuple[Hit, str]]:
        """Titles whose initials start with key[0] and hold ``key`` in order."""

    def terms_with_grams(self, grams: Sequence[str], per_gram: int) -> set[str]: ...

    def readings(self, chars: Sequence[str]) -> dict[str, str]: ...

    def docs(self, rowids: Sequence[int]) -> dict[int, DocRow]: ...


@dataclass
class SearchResult:
    id: str
    kind: str
    title: str
    path: list[str]
    snippet: str
    score: float
    matches: list[str] = field(default_factory=list)  # words to highlight
    tier: int = 0
    fuzzy: bool = False

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "title": self.title, "path": list(self.path),
                "snippet": self.snippet, "score": self.score}


def segment_query(piece: str, known: Container[str], max_chars: int) -> list[tuple[str, bool]]:
    """Forward maximum matching against the vocabulary: [(term, known?)].

    Characters no known term starts at are gathered into one unknown term, so
    the caller can tell "all of the query is indexed" from "some is not".
    """
    if not CJK.search(piece) or _ASCII_WORD.fullmatch(piece):
        # Latin words and numbers are whole words to the segmenter: "qq" is not in "zzqqq".
        return [(piece, piece in known)]
    out: list[tuple[str, bool]] = []
    if _ASCII_RUN.search(piece):
        for run in _MIXED.findall(piece):
            out.extend(segment_query(run, known, max_chars))
        return out
    unknown = ""
    i = 0
    while i < len(piece):
        for size in range(min(max_chars, len(piece) - i), 0, -1):
            if piece[i : i + size] in known:
                if unknown:
                    out.append((unknown, False))
                    unknown = ""
                out.append((piece[i : i + size], True))
                i += size
                break
        else:
            unknown += piece[i]
            i += 1
    if unknown:
        out.append((unknown, False))
    return out


def _substrings(pieces: list[str], max_chars: int) -> list[str]:
    subs: dict[str, None] = {}
    for piece in pieces:
        for i in range(len(piece)):
            for j in range(i + 1, min(len(piece), i + max_chars) + 1):
                subs[piece[i:j]] = None
    return list(subs)


# Positions in a Hit: backends hand over plain tuples.
_ROWID, _NODE, _SOURCE, _SEQ, _PHRASE, _SCORE = range(6)
# Stands for "the whole title" in a match list (pinyin hits have no words to mark).
TITLE_MATCH = "\x00title"


class _Collector:
    """The best (tier, closeness) per node, with the words that matched."""

    def __init__(self) -> None:
        self.best: dict[str, tuple[int, float, tuple, list[str], bool]] = {}
        self.exact = 0  # nodes that hold the whole query (tier 2 and up, not by a correction)

    def add(self, hit: tuple, tier: int, sub: float, matches: list[str], fuzzy: bool = False) -> None:
        if hit[_SOURCE] == "question":
            # A question stem is about the node, not the node itself.
            tier, sub = min(tier, 3), sub * 0.8
        current = self.best.get(hit[_NODE])
        if current is None or tier > current[0] or (tier == current[0] and sub > current[1]):
            if tier >= 2 and not fuzzy and (current is None or current[0] < 2 or current[4]):
                self.exact += 1
            self.best[hit[_NODE]] = (tier, sub, hit, matches, fuzzy)

    def add_text_hits(self, hits: Sequence[tuple], base_tier: int, matches: list[str], fuzzy: bool = False,
                      similarity: float = 1.0) -> None:
        for hit in hits:
            if fuzzy:
                # A corrected word in a title beats a query only partly found (tier 1).
                self.add(hit, {4: 2, 3: 1}.get(hit[_PHRASE], 0), similarity * hit[_SCORE], matches, True)
            else:
                self.add(hit, hit[_PHRASE] or base_tier, hit[_SCORE], matches)


@dataclass
class _Query:
    phrase: str  # the runs of letters and characters, joined
    written: str  # the query as typed, if it is more than its pieces
    terms: list[str]  # the known terms, in order
    known: dict[str, int]  # their document counts
    complete: bool  # the whole query is known terms


def _read(backend: SearchBackend, pieces: list[str], written: str = "") -> _Query:
    max_chars = backend.max_term_chars()
    known = backend.known_terms(_substrings(pieces, max_chars)) if max_chars else {}
    parts = [part for piece in pieces for part in segment_query(piece, known, max_chars)]
    terms = list(dict.fromkeys(t for t, ok in parts if ok))
    # The longest terms say the most; a 500-character query must not become a 500-term AND.
    if len(terms) > MAX_QUERY_TERMS:
        keep = set(sorted(terms, key=len, reverse=True)[:MAX_QUERY_TERMS])
        terms = [t for t in terms if t in keep]
    complete = bool(terms) and all(ok for _, ok in parts) and len(terms) == len(dict.fromkeys(t for t, _ in parts))
    return _Query("".join(pieces), written, terms, known, complete)


def search(backend: SearchBackend, query: str, limit: int = 20) -> list[SearchResult]:
    """Ranked results for ``query``; any input is safe, empty input finds nothing."""
    if limit <= 0:
        return []
    normalized = normalize(query)[:MAX_QUERY_CHARS]
    pieces = WORD.findall(normalized)
    if not pieces:
        return []
    phrase = "".join(pieces)
    # A fragment pasted from a note, punctuation and all, is a phrase too.
    written = query.strip().lower()[:MAX_QUERY_CHARS]
    written = "" if written == phrase else written
    found = _Collector()
    pool = max(limit * 3, CANDIDATES)

    exact = backend.by_title_key(phrase, limit)
    for hit in exact:
        found.add(hit, 5, 1.0, [phrase])
    key = query_key(normalized)
    if len(exact) >= limit and key is None:
        # A page of titles equal to the query: nothing can rank above them.
        return _results(backend, found, limit)

    q = _read(backend, pieces, written)
    highlight = _highlight_terms(phrase, q.terms, written)
    if q.terms and q.complete:
        pool = _pool(q, pool)
        _phrase_hits(backend, q, found, pool, limit, highlight)
    # Partial matches only when the whole query is found nowhere: otherwise they are noise.
    if q.terms and (found.exact == 0 or not q.complete) and (len(q.terms) > 1 or not q.complete):
        found.add_text_hits(backend.match(q.terms, "OR", phrase, pool, weigh_terms=True, written=written), 1, highlight)

    if key:
        for hit, pkey, start, _ in backend.pinyin(key, pool):
            tier = 5 if (start == 0 and pkey == key) else 4 if start == 0 else 3
            found.add(hit, tier, len(key) / max(len(pkey), 1), [TITLE_MATCH] if tier >= 4 else [])
        # Only for initials: every full syllable has a vowel (a e i o u, and v for ü).
        initials_like = key.isalpha() and not any(ch in "aeiouv" for ch in key)
        if initials_like and len(key) <= MAX_INITIALS and found.exact < FEW_RESULTS:
            for hit, pkey in backend.initials_subsequence(key, pool):
                found.add(hit, 3, len(key) / max(len(pkey), 1), [TITLE_MATCH])

    if found.exact < FEW_RESULTS and not (q.complete and found.exact):
        _typo_fallback(backend, phrase, found, pool, limit)
    return _results(backend, found, limit)


def _pool(q: _Query, pool: int) -> int:
    """How many matches to read: all of them when the rarest term is in a library-sized number of documents."""
    rarest = min(q.known[t] for t in q.terms)
    return max(pool, rarest) if rarest <= EXACT_UP_TO else pool


def _phrase_hits(backend: SearchBackend, q: _Query, found: _Collector, pool: int, limit: int,
                 highlight: list[str], similarity: float | None = None) -> None:
    """Documents with every term of ``q``: title hits first, so that body hits cannot crowd them out."""
    fuzzy = similarity is not None
    weight = similarity or 1.0
    title_hits: Sequence[tuple] = backend.match(q.terms, "AND", q.phrase, pool, title_only=True, written=q.written)
    if fuzzy:
        found.add_text_hits(title_hits, 2, highlight, fuzzy, weight)
    else:
        # 服务的特征 for 服务特征: a key point titled by every word of the query, above any text that has them.
        for hit in title_hits:
            found.add(hit, 4, hit[_SCORE], highlight)
    if (sum(1 for h in title_hits if h[_PHRASE] == 4) if fuzzy else len(title_hits)) < limit:
        hits = backend.match(q.terms, "AND", q.phrase, pool, written=q.written)
        found.add_text_hits(hits, 2, highlight, fuzzy, weight)


def _typo_fallback(backend: SearchBackend, phrase: str, found: _Collector, pool: int, limit: int) -> None:
    fixes: dict[str, float] = {}  # corrected phrase → similarity 0..100
    by_sound = _sounding_alike(backend, phrase, found, pool, fixes) if len(phrase) >= 2 and CJK.search(phrase) else 0
    # A title that sounds like the query is the likelier slip: corrections by shape only when sound finds little.
    if len(phrase) >= FUZZY_MIN_CHARS and by_sound < FEW_RESULTS:
        candidates = backend.terms_with_grams(sorted(term_grams(phrase)), PER_GRAM)
        for term, similarity in corrections(phrase, candidates, FUZZY_CORRECTIONS):
            fixes.setdefault(term, similarity)
    for fixed, similarity in fixes.items():
        q = _read(backend, WORD.findall(fixed))
        if q.complete:
            _phrase_hits(backend, q, found, pool, limit, [fixed], similarity / 100.0)


def _sounding_alike(backend: SearchBackend, phrase: str, found: _Collector, pool: int, fixes: dict[str, float]) -> int:
    """Titles whose pinyin starts with the query's sound, from their start or a later word; how many."""
    key = sound_key(phrase, backend.readings(sorted({ch for ch in phrase if CJK.match(ch)})))
    if not key or len(key) < 2:
        return 0
    # One syllable per character: the title's characters that sound like the query are its correction.
    spelt_alike = len(phrase) if all(CJK.match(ch) for ch in phrase) else 0
    hits = backend.pinyin(key, pool)
    for hit, pkey, start, title_key in hits:
        cover = len(key) / max(len(pkey), 1)
        word = title_key[start : start + spelt_alike] if spelt_alike else ""
        found.add(hit, 2, cover if start == 0 else cover / 2, [word or TITLE_MATCH], fuzzy=True)
        if word and len(word) == spelt_alike and word != phrase and len(fixes) < FUZZY_CORRECTIONS:
            # Same length, so the share of characters that agree is how alike they are.
            fixes.setdefault(word, 100.0 * sum(a == b for a, b in zip(phrase, word)) / len(word))
    return len({hit[_NODE] for hit, *_ in hits})


def _highlight_terms(phrase: str, terms: list[str], written: str = "") -> list[str]:
    # Single characters would light up half of every line; show them only when typed alone.
    words = [t for t in terms if len(t) > 1 or len(phrase) == 1]
    return list(dict.fromkeys([w for w in (written, phrase, *words) if w]))


def _results(backend: SearchBackend, found: _Collector, limit: int) -> list[SearchResult]:
    ranked = sorted(found.best.values(), key=lambda v: (-v[0], -v[1], v[2][_SEQ]))[:limit]
    rows = backend.docs([v[2][_ROWID] for v in ranked])
    results = []
    for tier, sub, hit, matches, fuzzy in ranked:
        _, node_id, _, kind, title, path, body, _ = rows[hit[_ROWID]]
        words = [title if m == TITLE_MATCH else m for m in matches]
        results.append(
            SearchResult(node_id, kind, title, path.split(PATH_SEPARATOR) if path else [], make_snippet(body, words),
                         round(tier + sub, 4), words, tier, fuzzy)
        )
    return results
