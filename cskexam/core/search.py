"""Search over key points: what gets indexed, how a query is read, how hits rank.

Pure: the index is stored by ``cskexam.storage.search_repo`` and reached through
the small ``SearchBackend`` protocol, so the ranking here is tested with any
backend and knows no SQL.

Index side (at import, with the segmenter): every node becomes a document with a
title field (title + mnemonic) and a body field (text, definitions, list items);
both are stored as ``cut_for_search`` tokens plus the dictionary words inside
long tokens, so 客户服务 is found inside 客户服务管理师. Text is cut at
punctuation into runs; each distinct run is segmented once (in batches) and its
tokens kept as a string, so a document's tokens are a join of cached strings
(``IndexTokenizer``). Documents are built column by column (``IndexDocs``).
The stored index holds each token as a short id (``TokenIds``); the
vocabulary maps words to their ids.

Query side (no segmenter, no dictionary load): the query is split into known
terms by forward maximum matching against the stored vocabulary (Latin words
stay whole), then

* tier 5: the title is the query (also its whole pinyin or initials),
* tier 4: the title contains the query as a phrase (or starts with its pinyin),
* tier 3: the body contains the phrase (or a later word of the title starts with
  the pinyin, or the initials match with words skipped: hgfx → 宏观环境分析),
* tier 2: every term occurs, scattered (or a typo correction is in the title),
* tier 1: some terms occur (ranked by the summed IDF of the terms found, a
  title counting ``TITLE_WEIGHT`` times a body), or a typo correction is in
  the body,
* tier 0: a typo correction occurs only as a scattered word.

When a page of titles equal to the query is found, nothing can rank above it
and the other look-ups are skipped.

Typo corrections (营消环境 → 营销环境) are ranked by rapidfuzz's ``ratio``
measure (``indel_ratio``, computed here: importing rapidfuzz would cost more
than the whole first search may) over a bounded set: vocabulary words sharing
a character bigram with the query, at most 200 per bigram, and only when the
query as typed is found (almost) nowhere.

Within a tier, a closer fit ranks first (the phrase covers more of the title,
or the body is shorter), then the outline order. The score reported is
``tier + closeness`` (closeness in 0..1), so results are shown in score order.

Every FTS query looks at a bounded number of matches in index order (all of
them when the rarest term is in at most ``EXACT_UP_TO`` documents, which covers
any real library), so a common word in a huge library costs no more than a
rare one.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Container, Iterable, NamedTuple, Protocol, Sequence

from cskexam.core.pinyin import query_key

if TYPE_CHECKING:  # pragma: no cover
    from cskexam.core.graph import Definition, KnowledgeGraph, Node
    from cskexam.core.segment import Segmenter

__all__ = [
    "IndexDocs",
    "PATH_SEPARATOR",
    "QuestionText",
    "DocRow",
    "Hit",
    "SearchBackend",
    "SearchResult",
    "IndexTokenizer",
    "TokenIds",
    "decode_tokens",
    "build_documents",
    "DocumentTexts",
    "document_texts",
    "document_titles",
    "add_bodies",
    "tokenize_texts",
    "tokenize_distinct",
    "title_fields",
    "with_mnemonics",
    "assemble_documents",
    "build_question_documents",
    "term_grams",
    "normalize",
    "joined_runs",
    "compact",
    "segment_query",
    "fts_expression",
    "search",
    "highlight_spans",
    "indel_ratio",
    "best_corrections",
    "make_snippet",
    "TITLE_WEIGHT",
    "BODY_WEIGHT",
    "MAX_QUERY_CHARS",
]

TITLE_WEIGHT = 6.0
BODY_WEIGHT = 1.0
# Longer input is cut: nobody searches for a paragraph, and it bounds the work.
MAX_QUERY_CHARS = 100
MAX_QUERY_TERMS = 16
# "Little is found": below this many results the typo fallback runs.
FEW_RESULTS = 3
FUZZY_MIN_CHARS = 3
FUZZY_CUTOFF = 70.0
FUZZY_PER_GRAM = 200
FUZZY_CORRECTIONS = 3
MAX_INITIALS = 10
# Matches looked at per FTS query (see SearchBackend.match): every match in a
# library of a few thousand key points, the first ones in a huge one.
CANDIDATES = 60
EXACT_UP_TO = 300
SNIPPET_CHARS = 60

WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CJK_ONLY = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_ASCII_RUN = re.compile(r"[a-z0-9]")
_MIXED = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower case, no control characters."""
    if not text:
        return ""
    # Most notes are NFKC already, and the check costs a fraction of the conversion.
    if not _is_normalized("NFKC", text):
        text = _nfkc("NFKC", text)
    if not text.isprintable():  # control characters are not printable; most texts have none
        text = _CONTROL.sub(" ", text)
    return text.lower()


_is_normalized = unicodedata.is_normalized
_nfkc = unicodedata.normalize


def compact(text: str) -> str:
    """Only the letters, digits and characters: the form phrases are compared in."""
    return "".join(WORD.findall(normalize(text)))


# -- index side ---------------------------------------------------------------


# Joins a result's ancestor titles in storage (control characters never survive
# the notes parser); splitting is cheaper than JSON on every result.
PATH_SEPARATOR = "\x1f"


@dataclass
class IndexDocs:
    """Documents to index, column by column.

    One object per document would cost more than building the columns: a
    library of 100k key points is written with ``zip`` over these lists.
    ``paths`` are ancestor titles joined by PATH_SEPARATOR; ``title_keys`` are
    ``compact`` forms for exact-title look-ups and phrase tests (a body's
    phrase test reads the body itself, as highlighting does); ``refs`` are
    question ids (empty for nodes).
    """

    source: str  # "node" or "question"
    node_ids: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    seqs: list[int] = field(default_factory=list)
    title_tokens: list[str] = field(default_factory=list)
    body_tokens: list[str] = field(default_factory=list)
    title_keys: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.node_ids)


@dataclass(frozen=True)
class QuestionText:
    """A question stem to index under the node it tests."""

    question_id: str
    node_id: str
    stem: str


# Runs per segmenter call: one call per run would cost more than the cutting.
_SEGMENT_BATCH = 5000
# Separates texts joined into one string for bulk work: a control character,
# which is never part of a word run.
_TEXT_SEP = "\x1e"
_RUNS_OR_SEP = re.compile(r"\w+|\x1e")
# Separates pieces of texts (see tokenize_distinct): another control character.
_PIECE_SEP = "\x1d"
_RUNS_OR_SEPS = re.compile(r"\w+|[\x1d\x1e]")
# Where texts are cut into pieces: punctuation that is never part of a word
# and that NFKC joins with no neighbour (nor turns into a word character).
# The notes are NFKC already, but the graph shortens long titles with …,
# which NFKC turns into "...": a piece holding it would be normalised whole.
_PIECE_ENDS = ("、", ",", "…")
_PIECE_END = "。"


def joined_runs(texts: Sequence[str]) -> list[str]:
    """The word runs of every text (as ``WORD.findall(normalize(text))``), in one list, texts separated by _TEXT_SEP.

    Normalising and scanning one joined string keeps the per-text Python work
    to an NFKC check: the lower-casing and the regular expression then run in
    C over all texts at once, twice as fast as text by text.
    """
    if not texts:
        return []
    return _word_runs(_without_separators(texts), _TEXT_SEP, _RUNS_OR_SEP)


def _without_separators(texts: Sequence[str]) -> Sequence[str]:
    """``texts``, with the characters this module joins texts and pieces by made spaces.

    They are control characters, which separate runs as the space
    ``normalize`` makes of them does.
    """
    joined = "".join(texts)
    if _TEXT_SEP in joined or _PIECE_SEP in joined:
        return [t.replace(_TEXT_SEP, " ").replace(_PIECE_SEP, " ") for t in texts]
    return texts


def _word_runs(parts: Sequence[str], sep: str, runs_or_seps: "re.Pattern[str]") -> list[str]:
    """The word runs of ``parts`` joined by ``sep``, each NFKC-normalised (most already are), lower-cased."""
    is_normalized, nfkc = _is_normalized, _nfkc
    fixed = sep.join([p if is_normalized("NFKC", p) else nfkc("NFKC", p) for p in parts])
    if "_" in fixed:  # WORD leaves out the underscore; \w does not
        fixed = fixed.replace("_", " ")
    return runs_or_seps.findall(fixed.lower())


def split_joined(joined: str) -> list[str]:
    """Undo a join over joined_runs() output: one string per text."""
    return joined.split(_TEXT_SEP)


_ID_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_ID_SELF = ("\n", "")


def _id_strings():
    """0 … z, 00 … zz, 000 …: every id, shortest first (47,988 of them in 3 characters)."""
    return itertools.chain.from_iterable(
        map("".join, itertools.product(_ID_DIGITS, repeat=size)) for size in itertools.count(1)
    )


def _id_position(token: str) -> int:
    """Where ``token`` comes in ``_id_strings()``."""
    return sum(len(_ID_DIGITS) ** size for size in range(1, len(token))) + int(token, len(_ID_DIGITS))


class TokenIds:
    """Short ASCII ids of index tokens: what the FTS tables hold instead of the words.

    A word gets the next id when it is first seen (a library's tens of
    thousands of words take 1 to 3 characters). FTS5 then reads, hashes and
    stores a few ASCII bytes per token instead of 6 to 12 bytes of UTF-8, and
    the token strings of a big library are joined at one byte per character.
    The pairs are stored with the vocabulary (search_terms.token), which is
    how a query finds a word's id; an index built later (question stems)
    starts from the stored pairs, so that a word keeps its id.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()):
        # "\n" separates the token strings of a batch and "" is what a
        # double or trailing space splits off: both stand for themselves.
        self._ids: dict[str, str] = {kept: kept for kept in _ID_SELF}
        self._words: dict[str, str] = dict(self._ids)
        used = -1
        for word, token in pairs:
            self._ids[word] = token
            self._words[token] = word
            used = max(used, _id_position(token))
        self._next_ids = itertools.islice(_id_strings(), used + 1, None)

    def encode(self, token_strings: list[str]) -> list[str]:
        """Each string of space-separated words as the string of their ids; new words get ids in sorted order."""
        words = " \n ".join(token_strings).split(" ")
        ids = self._ids
        new = sorted(set(words).difference(ids))
        if new:
            tokens = list(itertools.islice(self._next_ids, len(new)))
            ids.update(zip(new, tokens))
            self._words.update(zip(tokens, new))
        # One join for all, in C: per string, a join would cost more than the ids.
        return " ".join(map(ids.__getitem__, words)).split(" \n ")

    def decode(self, token_strings: list[str]) -> list[str]:
        """``encode`` undone: each string of ids as the string of their words."""
        return decode_tokens(token_strings, self._words)

    @property
    def words_by_id(self) -> dict[str, str]:
        """What ``decode_tokens`` decodes with (not to be changed)."""
        return self._words

    def word_of(self, token: str) -> str | None:
        return self._words.get(token) if token not in _ID_SELF else None

    def pairs(self) -> list[tuple[str, str]]:
        """(word, id) of every word given an id."""
        return [(word, token) for word, token in self._ids.items() if word not in _ID_SELF]

    def __len__(self) -> int:
        return len(self._ids) - len(_ID_SELF)


def decode_tokens(token_strings: list[str], words_by_id: dict[str, str]) -> list[str]:
    """Each string of ids as the string of their words, with ``TokenIds.words_by_id``."""
    if not token_strings:
        return []
    return " ".join(map(words_by_id.__getitem__, " \n ".join(token_strings).split(" "))).split(" \n ")


class IndexTokenizer:
    """Text → index tokens (a space-separated string), with the segmenter.

    Text is cut into runs of letters and characters at punctuation first (no
    word crosses a 、 or ，). Each distinct run is segmented once and its tokens
    kept as one string: notes repeat their phrases, and the tokens of many
    texts are then one join of cached strings, with no Python work per text
    or per token. Runs not seen before are segmented together, a few thousand
    per segmenter call. A token may repeat within a text: the index keeps no
    positions, so it stores it once.

    With ``ids`` the tokens are the words' ids (see TokenIds), given as the
    words are first segmented; ``words`` turns them back.
    """

    def __init__(self, segmenter: "Segmenter", ids: TokenIds | None = None, cache_limit: int = 1_000_000):
        self.segmenter = segmenter
        self.ids = ids
        # Each run's tokens end in a space, so that texts are joined by a
        # plain concatenation (the separator maps to itself).
        self._runs: dict[str, str] = {_TEXT_SEP: _TEXT_SEP, _PIECE_SEP: _PIECE_SEP}
        self._words: dict[str, str] = {"\n": "\n"}
        self._cache_limit = cache_limit

    def tokens(self, text: str) -> list[str]:
        """The words ``text`` is indexed by (not their ids)."""
        return self.words(self.joined_token_strings(WORD.findall(normalize(text)))[0])

    def words(self, tokens: str) -> list[str]:
        """The words of a token string this tokenizer made."""
        if self.ids is None:
            return tokens.split()
        return self.ids.decode([tokens])[0].split()

    def joined_token_strings(self, runs: list[str]) -> list[str]:
        """The index tokens of each text, from ``joined_runs(texts)``: space-separated, with a trailing space."""
        return self.joined_tokens(runs).split(_TEXT_SEP)

    def joined_tokens(self, runs: list[str]) -> str:
        """The tokens of ``runs`` in one string; the separators of texts (and pieces) stay as they are."""
        if not runs:
            return ""
        known = self._runs
        # Most runs of a library were seen in an earlier text.
        missing = set(runs).difference(known)
        if missing:
            self._segment_runs(sorted(missing))
        joined = "".join(map(known.__getitem__, runs))
        if len(known) > self._cache_limit:
            known.clear()
            known[_TEXT_SEP] = _TEXT_SEP
            known[_PIECE_SEP] = _PIECE_SEP
        return joined

    def _segment_runs(self, missing: list[str]) -> None:
        cut = self.segmenter.cut_for_search
        words = self._words
        runs = self._runs
        for i in range(0, len(missing), _SEGMENT_BATCH):
            chunk = missing[i : i + _SEGMENT_BATCH]
            # Runs hold no whitespace, so the "\n" tokens are exactly the boundaries.
            flat = cut("\n".join(chunk))
            new = set(flat)
            new.difference_update(words)
            expanded = self._expand(new)
            if self.ids is not None:
                expanded = dict(zip(expanded, self.ids.encode(list(expanded.values()))))
            words.update(expanded)
            got = (" ".join(map(words.__getitem__, flat)) + " ").split("\n ")
            if len(got) != len(chunk):  # pragma: no cover - a segmenter that merges whitespace
                got = [" ".join(map(words.__getitem__, cut(run))) + " " for run in chunk]
            runs.update(zip(chunk, got))

    def _expand(self, new_words: Iterable[str]) -> dict[str, str]:
        """The tokens of each word: the word, and the dictionary words inside it that search mode leaves out.

        ``cut_for_search`` gives a word's 2- and 3-character dictionary words
        before the word itself; ``cut_all`` finds every dictionary word in it
        (客户服务 in 客户服务管理师). A Chinese word of 3 or 4 characters thus
        needs nothing more; a longer one its inner words of 4 and more. With
        letters or digits in it, ``cut_all`` also splits off the number (10 in
        第10). Single characters are left out: they would double the index.
        """
        out: dict[str, str] = {}
        long_words: list[str] = []
        for word in new_words:
            # Words come from runs of letters and characters, so they hold nothing else.
            if len(word) < 3 or not _CJK.search(word):
                out[word] = word
            elif _CJK_ONLY.fullmatch(word):
                if len(word) >= 5:
                    long_words.append(word)
                else:
                    out[word] = word
            else:
                inner = [w for w in dict.fromkeys(self.segmenter.cut_all(word)) if len(w) > 1 and w != word]
                out[word] = " ".join((word, *inner))
        if long_words:
            # One call for all: Chinese words separated by newlines are cut
            # exactly as one by one, with a "\n" token between them.
            flat = self.segmenter.cut_all("\n".join(long_words))
            pieces = " ".join([w for w in flat if len(w) > 3 or w == "\n"]).split(" \n ")
            # A word cut in precise mode is a dictionary word, so cut_all
            # gives it back among its inner words (with no spaces in a word,
            # "in" finds only a whole token).
            if len(pieces) != len(long_words) or not all(map(str.__contains__, pieces, long_words)):
                pieces = [  # pragma: no cover - a segmenter that behaves otherwise
                    " ".join((w, *(x for x in self.segmenter.cut_all(w) if len(x) > 3 and x != w)))
                    for w in long_words
                ]
            out.update(zip(long_words, pieces))
        return out


def node_body(graph: "KnowledgeGraph", node: "Node", definitions: "list[Definition] | None" = None) -> str:
    """What a node says: its text, its definitions, the items of its list."""
    text = node.text.strip() if node.text else ""
    defs = graph.definitions_of(node.id) if definitions is None else definitions
    if not defs and not node.children:
        return text  # most nodes: no list, no definition
    parts = [text] if text else []
    for d in defs:
        line = f"{d.term}：{d.text}" if d.term not in d.text else d.text
        if not any(d.text in p for p in parts):
            parts.append(line)
    nodes = graph.nodes
    items = [nodes[c].title for c in node.children if nodes[c].kind == "item"]
    if items:
        parts.append("、".join(items))
    return "\n".join(parts)


def _joined_paths(graph: "KnowledgeGraph") -> dict[str, str]:
    """Ancestor titles of every node joined by PATH_SEPARATOR, computed once per parent."""
    nodes = graph.nodes
    below: dict[str, str] = {}  # a node's path plus its own title: its children's path

    def path_below(node_id: str) -> str:
        got = below.get(node_id)
        if got is None:
            node = nodes[node_id]
            parent = node.parent
            got = below[node_id] = (path_below(parent) + PATH_SEPARATOR if parent is not None else "") + node.title
        return got

    paths: dict[str, str] = {}
    sep = PATH_SEPARATOR
    for node_id, node in nodes.items():
        parent = node.parent
        if parent is None:
            paths[node_id] = ""
            continue
        base = below.get(parent)
        if base is None:
            # Only parents get the path below them (most nodes are leaves).
            # In outline order a parent comes first; otherwise work up to it.
            above = paths.get(parent)
            if above is None:
                base = path_below(parent)
            else:
                owner = nodes[parent]
                base = below[parent] = owner.title if owner.parent is None else above + sep + owner.title
        paths[node_id] = base
    return paths


@dataclass
class DocumentTexts:
    """What the documents of a graph say, before any segmenting (``document_texts``)."""

    node_ids: list[str]
    kinds: list[str]
    titles: list[str]
    mnemonics: list[str]
    bodies: list[str]
    paths: list[str]

    def __len__(self) -> int:
        return len(self.node_ids)


def document_texts(graph: "KnowledgeGraph") -> DocumentTexts:
    """Every node as a document: title, mnemonic, body (text, definitions, list items), path."""
    return add_bodies(graph, document_titles(graph))


def document_titles(graph: "KnowledgeGraph") -> DocumentTexts:
    """The documents of a graph with titles and mnemonics only (``add_bodies`` adds the rest).

    The build cuts the titles first: the pinyin keys and the title index
    need nothing else, and can be written while the bodies are prepared.
    """
    nodes = list(graph)
    return DocumentTexts(
        node_ids=[n.id for n in nodes],
        kinds=[n.kind for n in nodes],
        titles=[n.title for n in nodes],
        mnemonics=[n.mnemonic or "" for n in nodes],
        bodies=[],
        paths=[],
    )


def add_bodies(graph: "KnowledgeGraph", texts: DocumentTexts) -> DocumentTexts:
    """Fill in the bodies and paths of ``document_titles(graph)``."""
    definitions: dict[str, list] = {}
    for d in graph.definitions:
        definitions.setdefault(d.node, []).append(d)
    nodes = list(graph)
    # Most nodes have neither definitions nor children: their body is their text.
    texts.bodies = [
        node_body(graph, n, definitions.get(n.id, [])) if n.children or n.id in definitions else (n.text or "").strip()
        for n in nodes
    ]
    paths = _joined_paths(graph)
    texts.paths = list(map(paths.__getitem__, texts.node_ids))
    return texts


def tokenize_texts(texts: list[str], tokenizer: IndexTokenizer, with_keys: bool = True) -> tuple[list[str], list[str]]:
    """(index tokens, compact key) of each text; each distinct text is done once (notes repeat passages).

    Without ``with_keys`` the keys are left out ([]): bodies and question stems need none.
    """
    position: dict[str, int] = {}
    index = [position.setdefault(t, len(position)) for t in texts]
    if not position:
        return [], []
    tokens, keys = tokenize_distinct(list(position), tokenizer, with_keys)
    return list(map(tokens.__getitem__, index)), list(map(keys.__getitem__, index)) if with_keys else []


def tokenize_distinct(texts: list[str], tokenizer: IndexTokenizer, with_keys: bool = True) -> tuple[list[str], list[str]]:
    """``tokenize_texts`` of texts that are all different, by pieces; without ``with_keys`` the keys are left out ([]).

    Notes repeat their sentences and clauses far more than whole texts: each
    text is cut at 。、and , into pieces and each distinct piece is
    normalised, split into runs and looked up once. No word or run crosses
    those marks, and NFKC changes nothing across them, so a text's runs are
    its pieces' runs in order.
    """
    if not texts:
        return [], []
    big = _TEXT_SEP.join(_without_separators(texts))
    for mark in _PIECE_ENDS:
        big = big.replace(mark, _PIECE_END)
    pieces = big.split(_PIECE_END)
    distinct = list(dict.fromkeys(pieces))
    runs = _word_runs(distinct, _PIECE_SEP, _RUNS_OR_SEPS)
    # Pieces are put back together by dictionary look-ups (their hashes are
    # kept from building ``distinct``), text separators included.
    tokens_of = dict(zip(distinct, tokenizer.joined_tokens(runs).split(_PIECE_SEP)))
    tokens = "".join(map(tokens_of.__getitem__, pieces)).split(_TEXT_SEP)
    if not with_keys:
        return tokens, []
    keys_of = dict(zip(distinct, "".join(runs).split(_PIECE_SEP)))
    return tokens, "".join(map(keys_of.__getitem__, pieces)).split(_TEXT_SEP)


def title_fields(texts: DocumentTexts, tokenizer: IndexTokenizer) -> tuple[list[str], list[str]]:
    """(title-field tokens, title key) of each document: the mnemonic counts as title (宏五 finds 宏观环境分析), not as key."""
    title_tokens, title_keys = tokenize_texts(texts.titles, tokenizer)
    return with_mnemonics(texts, title_tokens, tokenizer), title_keys


def with_mnemonics(texts: DocumentTexts, title_tokens: list[str], tokenizer: IndexTokenizer) -> list[str]:
    """The title-field tokens: ``title_tokens`` (of ``texts.titles``, left as they are) with each mnemonic's tokens added."""
    fields = list(title_tokens)
    with_mnemonic = [i for i, m in enumerate(texts.mnemonics) if m]
    if with_mnemonic:
        extra, _ = tokenize_texts([texts.mnemonics[i] for i in with_mnemonic], tokenizer)
        for i, tokens in zip(with_mnemonic, extra):
            fields[i] = f"{fields[i]} {tokens}"
    return fields


def assemble_documents(
    texts: DocumentTexts, title_tokens: list[str], title_keys: list[str], body_tokens: list[str]
) -> IndexDocs:
    return IndexDocs(
        source="node",
        node_ids=texts.node_ids,
        kinds=texts.kinds,
        titles=texts.titles,
        paths=texts.paths,
        bodies=texts.bodies,
        seqs=list(range(len(texts))),
        title_tokens=title_tokens,
        body_tokens=body_tokens,
        title_keys=title_keys,
        refs=[""] * len(texts),
    )


def build_documents(graph: "KnowledgeGraph", tokenizer: IndexTokenizer) -> IndexDocs:
    """Every node as a document: a title field (title + mnemonic) and a body field, tokenized."""
    texts = document_texts(graph)
    title_tokens, title_keys = title_fields(texts, tokenizer)
    body_tokens, _ = tokenize_texts(texts.bodies, tokenizer, with_keys=False)
    return assemble_documents(texts, title_tokens, title_keys, body_tokens)


def build_question_documents(
    graph: "KnowledgeGraph", questions: Iterable[QuestionText], tokenizer: IndexTokenizer
) -> IndexDocs:
    """Question stems as documents that lead to the node they test."""
    chosen = [q for q in questions if q.node_id in graph.nodes and q.stem.strip()]
    docs = IndexDocs(source="question")
    if not chosen:
        return docs
    order = {nid: i for i, nid in enumerate(graph.nodes)}
    stem_tokens_of, _ = tokenize_texts([q.stem for q in chosen], tokenizer, with_keys=False)
    for q, stem_tokens in zip(chosen, stem_tokens_of):
        node = graph.get(q.node_id)
        docs.node_ids.append(node.id)
        docs.kinds.append(node.kind)
        docs.titles.append(node.title)
        docs.paths.append(PATH_SEPARATOR.join(graph.path_titles(node.id)))
        docs.bodies.append(q.stem)
        docs.seqs.append(order[node.id])
        docs.title_tokens.append("")
        docs.body_tokens.append(stem_tokens)
        docs.title_keys.append(compact(node.title))
        docs.refs.append(q.question_id)
    return docs


def term_grams(term: str) -> set[str]:
    """Character 2-grams: the keys typo candidates are found by (typos are fixed for 3+ characters)."""
    return {term[i : i + 2] for i in range(len(term) - 1)}


# -- query side ---------------------------------------------------------------


class DocRow(NamedTuple):
    """What a result shows; a backend may hand over plain tuples in this layout."""

    rowid: int
    node_id: str
    source: str
    kind: str
    title: str
    path: str  # ancestor titles joined by PATH_SEPARATOR
    body: str
    seq: int


class Hit(NamedTuple):
    rowid: int
    node_id: str
    source: str  # "node" or "question"
    seq: int  # outline order: ties are shown in reading order
    phrase: int  # 4: the title contains the phrase, 3: the body does, 0: neither
    score: float  # 0..1, how closely the document fits (larger is better)


class SearchBackend(Protocol):
    def max_term_chars(self) -> int: ...

    def known_terms(self, candidates: Sequence[str]) -> dict[str, int]:
        """The candidates that are indexed terms, with their document frequency."""

    def match(
        self,
        terms: Sequence[str],
        op: str,
        phrase: str,
        limit: int,
        title_only: bool = False,
        weigh_terms: bool = False,
        written: str = "",
    ) -> list[Hit]:
        """Up to ``limit`` documents with all (op "AND") or any (op "OR") of ``terms``, in index order.

        Index order, not relevance order: ranking every match of a common word
        costs milliseconds in a big library, the first ``limit`` microseconds;
        the caller ranks what it gets. ``phrase`` decides ``Hit.phrase``: the
        title's letters and characters hold it, or the body holds it or
        ``written`` (the query with its punctuation, as pasted from a note) as
        written, letters in any case. The score is how much of the title (or
        body) the phrase covers, or, with
        ``weigh_terms`` (OR queries, where which words matched matters), the
        summed IDF of the terms found, a title counting TITLE_WEIGHT times a
        body, scaled to 0..1.
        """

    def by_title_key(self, key: str, limit: int) -> list[Hit]: ...

    def pinyin(self, key: str, limit: int) -> list[tuple[Hit, str, int]]:
        """Node documents whose title has a pinyin key starting with ``key``: (hit, key, start)."""

    def initials_subsequence(self, key: str, limit: int) -> list[tuple[Hit, str]]:
        """Node documents whose title initials start with key[0] and contain ``key`` in order."""

    def terms_with_grams(self, grams: Sequence[str], per_gram: int) -> set[str]: ...

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
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "path": list(self.path),
            "snippet": self.snippet,
            "score": self.score,
        }


def segment_query(piece: str, known: Container[str], max_chars: int) -> list[tuple[str, bool]]:
    """Forward maximum matching against the vocabulary: [(term, known?)].

    Characters no known term starts at are gathered into one unknown term, so
    the caller can tell "all of the query is indexed" from "some is not".
    """
    out: list[tuple[str, bool]] = []
    if not _CJK.search(piece) or _ASCII_WORD.fullmatch(piece):
        # Latin words and numbers are whole words to the segmenter: "qq" is not in "zzqqq".
        return [(piece, piece in known)]
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


def fts_expression(terms: Sequence[str], op: str) -> str:
    """An FTS5 query of ``terms`` joined by ``op``.

    Every term is quoted, so AND/OR/NEAR/*/^ typed by the user are just text.
    """
    return f" {op} ".join('"' + t.replace('"', '""') + '"' for t in terms)


# Positions in a Hit, for the hot loop (attribute access on a NamedTuple costs more).
_ROWID, _NODE, _SOURCE, _SEQ, _PHRASE, _SCORE = range(6)


class _Collector:
    """The best (tier, closeness) per node, with the words that matched.

    Hits may be plain tuples in ``Hit`` layout: the backend hands over rows as
    the database returns them.
    """

    def __init__(self) -> None:
        self.best: dict[str, tuple[int, float, tuple, list[str], bool]] = {}
        self._exact = 0

    def add(self, hit: tuple, tier: int, sub: float, matches: list[str], fuzzy: bool = False) -> None:
        if hit[_SOURCE] == "question":
            # A question stem is about the node, not the node itself.
            tier, sub = min(tier, 3), sub * 0.8
        node = hit[_NODE]
        current = self.best.get(node)
        if current is None:
            self.best[node] = (tier, sub, hit, matches, fuzzy)
            if tier >= 2 and not fuzzy:
                self._exact += 1
        elif tier > current[0] or (tier == current[0] and sub > current[1]):
            if tier >= 2 and not fuzzy and not (current[0] >= 2 and not current[4]):
                self._exact += 1
            self.best[node] = (tier, sub, hit, matches, fuzzy)

    def add_text_hits(self, hits: list[tuple], base_tier: int, matches: list[str]) -> None:
        add = self.add
        for hit in hits:
            add(hit, hit[_PHRASE] or base_tier, hit[_SCORE], matches)

    def exact_hits(self) -> int:
        """Results that contain the whole query (phrase or every word)."""
        return self._exact

    def __len__(self) -> int:
        return len(self.best)


def search(backend: SearchBackend, query: str, limit: int = 20) -> list[SearchResult]:
    """Ranked results for ``query``; any input is safe, empty input finds nothing."""
    if limit <= 0:
        return []
    normalized = normalize(query)[:MAX_QUERY_CHARS]
    pieces = WORD.findall(normalized)
    if not pieces:
        return []
    phrase = "".join(pieces)
    # The query as typed, where it is more than its letters and characters:
    # a fragment pasted from a note, punctuation and all, is a phrase too.
    written = query.strip().lower()[:MAX_QUERY_CHARS]
    if written == phrase:
        written = ""
    found = _Collector()
    pool = max(limit * 3, CANDIDATES)

    # Equal titles rank by outline order, which is index order: `limit` of them is all we can show.
    exact = backend.by_title_key(phrase, limit)
    for hit in exact:
        found.add(hit, 5, 1.0, [phrase])
    key = query_key(normalized)
    if len(exact) >= limit and key is None:
        # The page is full of titles equal to the query, and nothing ranks above
        # them (only pinyin could tie): the text and typo look-ups can be skipped.
        return _results(backend, found, limit)

    max_chars = backend.max_term_chars()
    known = backend.known_terms(_substrings(pieces, max_chars)) if max_chars else {}
    parts: list[tuple[str, bool]] = []
    for piece in pieces:
        parts.extend(segment_query(piece, known, max_chars))
    terms = list(dict.fromkeys(t for t, ok in parts if ok))
    # The longest terms say the most; a 500-character query must not become a 500-term AND.
    if len(terms) > MAX_QUERY_TERMS:
        keep = set(sorted(terms, key=len, reverse=True)[:MAX_QUERY_TERMS])
        terms = [t for t in terms if t in keep]
    complete = bool(terms) and all(ok for _, ok in parts) and len(terms) == len(dict.fromkeys(t for t, _ in parts))
    highlight = _highlight_terms(phrase, terms, written)

    if terms and complete:
        # At most as many matches as the rarest term has documents: when that is
        # a library-sized number, look at all of them and the ranking is exact.
        rarest = min(known[t] for t in terms)
        if rarest <= EXACT_UP_TO:
            pool = max(pool, rarest)
        # Titles first: in a big library the first matches in index order could
        # all be body hits, and a title hit must not be crowded out.
        title_hits = backend.match(terms, "AND", phrase, pool, title_only=True, written=written)
        found.add_text_hits(title_hits, 2, highlight)
        if sum(1 for h in title_hits if h[_PHRASE] == 4) < limit:
            found.add_text_hits(backend.match(terms, "AND", phrase, pool, written=written), 2, highlight)
    # Partial matches only when the whole query is found nowhere: otherwise they are noise.
    if terms and (found.exact_hits() == 0 or not complete) and (len(terms) > 1 or not complete):
        found.add_text_hits(backend.match(terms, "OR", phrase, pool, weigh_terms=True, written=written), 1, highlight)

    if key:
        for hit, pkey, start in backend.pinyin(key, pool):
            tier = 5 if (start == 0 and pkey == key) else 4 if start == 0 else 3
            found.add(hit, tier, len(key) / max(len(pkey), 1), [TITLE_MATCH] if tier >= 4 else [])
        # Only for initials: every full syllable has a vowel (a e i o u, and v for ü).
        initials_like = key.isalpha() and not any(ch in "aeiouv" for ch in key)
        if initials_like and len(key) <= MAX_INITIALS and found.exact_hits() < FEW_RESULTS:
            # Initials with words skipped: hgfx → 宏观(环境)分析 (hghjfx).
            for hit, pkey in backend.initials_subsequence(key, pool):
                found.add(hit, 3, len(key) / max(len(pkey), 1), [TITLE_MATCH])

    if found.exact_hits() < FEW_RESULTS and len(phrase) >= FUZZY_MIN_CHARS and not (complete and found.exact_hits()):
        _fuzzy(backend, phrase, found, pool)

    return _results(backend, found, limit)


def _results(backend: SearchBackend, found: _Collector, limit: int) -> list[SearchResult]:
    ranked = sorted(found.best.values(), key=lambda v: (-v[0], -v[1], v[2][_SEQ]))[:limit]
    rows = backend.docs([v[2][_ROWID] for v in ranked])
    results = []
    sep = PATH_SEPARATOR
    for tier, sub, hit, matches, fuzzy in ranked:
        _, node_id, _, kind, title, path, body, _ = rows[hit[_ROWID]]
        words = [title if m is TITLE_MATCH else m for m in matches]
        results.append(
            SearchResult(
                node_id, kind, title, path.split(sep) if path else [], make_snippet(body, words),
                round(tier + sub, 4), words, tier, fuzzy,
            )
        )
    return results


# Stands for "the whole title" in a match list (pinyin hits have no words to mark).
TITLE_MATCH = "\x00title"


def _highlight_terms(phrase: str, terms: list[str], written: str = "") -> list[str]:
    # Single characters would light up half of every line; show them only when typed alone.
    words = [t for t in terms if len(t) > 1 or len(phrase) == 1]
    return list(dict.fromkeys([w for w in (written, phrase, *words) if w]))


def _fuzzy(backend: SearchBackend, phrase: str, found: _Collector, pool: int) -> None:
    grams = sorted(term_grams(phrase))
    candidates = backend.terms_with_grams(grams, FUZZY_PER_GRAM)
    candidates.discard(phrase)
    if not candidates:
        return
    for term, similarity in best_corrections(phrase, candidates, FUZZY_CUTOFF, FUZZY_CORRECTIONS):
        for hit in backend.match([term], "AND", term, pool):
            # A corrected word in a title beats a query only partly found (tier 1).
            tier = {4: 2, 3: 1}.get(hit[_PHRASE], 0)
            sub = (similarity / 100.0) * hit[_SCORE]
            found.add(hit, tier, sub, [term], fuzzy=True)


def indel_ratio(a: str, b: str) -> float:
    """Similarity 0..100 from the longest common subsequence: 2·LCS / (len a + len b).

    The measure of rapidfuzz's ``fuzz.ratio``, for a few hundred short words:
    importing rapidfuzz takes longer (~70 ms) than the whole first search may.
    The LCS is computed bit-parallel (Hyyrö), one integer step per character of b.
    """
    total = len(a) + len(b)
    if not total:
        return 100.0
    if not a or not b:
        return 0.0
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    row = full
    for ch in b:
        matched = row & masks.get(ch, 0)
        row = ((row + matched) | (row - matched)) & full
    lcs = len(a) - row.bit_count()
    return 200.0 * lcs / total


def best_corrections(word: str, candidates: Iterable[str], cutoff: float, limit: int) -> list[tuple[str, float]]:
    """The ``limit`` candidates most like ``word`` with a similarity of at least ``cutoff``."""
    n = len(word)
    scored = []
    for term in candidates:
        m = len(term)
        # The LCS is at most the shorter length: skip words too long or short to reach the cutoff.
        if 200.0 * min(n, m) / (n + m) < cutoff:
            continue
        score = indel_ratio(word, term)
        if score >= cutoff:
            scored.append((-score, term))
    scored.sort()
    return [(term, -negative) for negative, term in scored[:limit]]


# -- display ------------------------------------------------------------------


def highlight_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of ``terms`` in ``text``, case-insensitive."""
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for term in sorted({t.lower() for t in terms if t}, key=len, reverse=True):
        start = lowered.find(term)
        while start != -1:
            end = start + len(term)
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
            start = lowered.find(term, end)
    return sorted(spans)


def make_snippet(body: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """One line of ``body`` around the first matched word (the start when none)."""
    flat = " ".join(body.split())
    if len(flat) <= width:
        return flat
    lowered = flat.lower()
    first = -1
    for term in terms:
        if term:
            at = lowered.find(term.lower())
            if at != -1 and (first == -1 or at < first):
                first = at
    start = max(0, min(first - width // 4, len(flat) - width)) if first > 0 else 0
    piece = flat[start : start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(flat) else "")
