"""What gets indexed: one document per key point, one per question stem, and the titles' pinyin keys.

A node's document has a title field (title + mnemonic: 宏五 finds 宏观环境分析)
and a body field (its text, definitions and list items), each as index
tokens (see ``tokenize``). A question stem is a body that leads to the node
it tests. Titles also get pinyin keys (see ``cskexam.core.pinyin``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple

from cskexam.core.search.text import PATH_SEPARATOR, compact, word_runs

if TYPE_CHECKING:  # pragma: no cover
    from cskexam.core.graph import Definition, KnowledgeGraph, Node
    from cskexam.core.pinyin import PinyinConverter
    from cskexam.core.search.tokenize import Tokenizer

__all__ = [
    "Document", "QuestionText", "node_body", "node_documents", "iter_node_documents", "question_documents",
    "pinyin_rows", "title_pinyin_rows",
]

# Longer titles are sentences: nobody types their pinyin.
PINYIN_TITLE_MAX_CHARS = 16
# The words of a node's body are taken from this many characters of it: dozens of pages under
# one heading. A body of megabytes (a file pasted as one paragraph) would otherwise give the
# index millions of words of one document, hundreds of MB while it is built; its text is still
# stored whole, for phrases and snippets.
INDEXED_BODY_CHARS = 50_000


class Document(NamedTuple):
    """One indexed text and what a result shows of it."""

    node_id: str
    source: str  # "node" or "question"
    ref: str  # the question's id ("" for a node)
    kind: str
    title: str
    title_key: str  # compact(title): exact-title look-ups and phrase tests
    path: str  # ancestor titles joined by PATH_SEPARATOR
    body: str
    seq: int  # outline order: ties are shown in reading order
    title_tokens: str
    body_tokens: str


@dataclass(frozen=True)
class QuestionText:
    """A question stem to index under the node it tests."""

    question_id: str
    node_id: str
    stem: str


def node_body(graph: "KnowledgeGraph", node: "Node", definitions: "list[Definition] | None" = None) -> str:
    """What a node says: its text, its definitions, the items of its list."""
    text = node.text.strip() if node.text else ""
    defs = graph.definitions_of(node.id) if definitions is None else definitions
    if not defs and not node.children:
        return text
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


def _paths(graph: "KnowledgeGraph") -> dict[str, str]:
    """Every node's ancestor titles joined by PATH_SEPARATOR, each parent's computed once."""
    nodes = graph.nodes
    below: dict[str, str] = {}  # a parent's path and its own title: its children's path

    def path_below(node_id: str) -> str:
        got = below.get(node_id)
        if got is None:
            node = nodes[node_id]
            above = path_below(node.parent) + PATH_SEPARATOR if node.parent is not None else ""
            got = below[node_id] = above + node.title
        return got

    return {nid: path_below(n.parent) if n.parent is not None else "" for nid, n in nodes.items()}


def node_documents(graph: "KnowledgeGraph", tokenizer: "Tokenizer") -> list[Document]:
    """Every node of ``graph`` as a document, in outline order."""
    return list(iter_node_documents(graph, tokenizer))


def iter_node_documents(graph: "KnowledgeGraph", tokenizer: "Tokenizer") -> Iterator[Document]:
    """``node_documents`` one at a time: an import writes them as they come instead of holding them all."""
    definitions: dict[str, list[Definition]] = {}
    for d in graph.definitions:
        definitions.setdefault(d.node, []).append(d)
    paths = _paths(graph)
    tokens, run_tokens = tokenizer.tokens, tokenizer.run_tokens
    for seq, node in enumerate(graph):
        runs = word_runs(node.title)
        title_tokens = run_tokens(runs)
        if node.mnemonic:
            title_tokens = f"{title_tokens} {tokens(node.mnemonic)}"
        body = node_body(graph, node, definitions.get(node.id, []))
        yield Document(node.id, "node", "", node.kind, node.title, "".join(runs), paths[node.id], body, seq,
                       title_tokens, tokens(body[:INDEXED_BODY_CHARS]))


def question_documents(
    graph: "KnowledgeGraph", questions: Iterable[QuestionText], tokenizer: "Tokenizer"
) -> list[Document]:
    """Question stems as documents that lead to the node they test (stems of unknown nodes are left out)."""
    order = {nid: i for i, nid in enumerate(graph.nodes)}
    docs = []
    for q in questions:
        node = graph.nodes.get(q.node_id)
        if node is None or not q.stem.strip():
            continue
        path = PATH_SEPARATOR.join(graph.path_titles(node.id))
        docs.append(
            Document(node.id, "question", q.question_id, node.kind, node.title, compact(node.title), path, q.stem,
                     order[node.id], "", tokenizer.tokens(q.stem))
        )
    return docs


def pinyin_rows(
    docs: Iterable[Document], tokenizer: "Tokenizer", converter: "PinyinConverter"
) -> list[tuple[str, str, int, bool]]:
    """(pinyin key, title key, start syllable, initials?) of each distinct title short enough to be typed in pinyin.

    The syllables follow the words the title is cut into (polyphones are read
    by word: 银行). A key may start wherever an index token of the title
    starts (renkou finds 市场人口), where one syllable is one character.
    """
    titles = ((doc.title_key, doc.title) for doc in docs if doc.source == "node")
    return list(title_pinyin_rows(titles, tokenizer, converter))


# Titles read by pypinyin in one call: one call per title costs more than the reading.
_PINYIN_BATCH = 2000


def title_pinyin_rows(
    titles: Iterable[tuple[str, str]], tokenizer: "Tokenizer", converter: "PinyinConverter"
) -> Iterator[tuple[str, str, int, bool]]:
    """``pinyin_rows`` of (title key, title) pairs, a batch of titles at a time."""
    from cskexam.core.pinyin import pinyin_keys

    seen: set[str] = set()
    batch: list[tuple[str, str]] = []
    for key, title in titles:
        if not key or len(key) > PINYIN_TITLE_MAX_CHARS or key in seen:
            continue
        seen.add(key)
        batch.append((key, title))
        if len(batch) >= _PINYIN_BATCH:
            yield from _batch_rows(batch, tokenizer, converter, pinyin_keys)
            batch = []
    if batch:
        yield from _batch_rows(batch, tokenizer, converter, pinyin_keys)


def _batch_rows(batch, tokenizer, converter, pinyin_keys) -> Iterator[tuple[str, str, int, bool]]:
    cut = tokenizer.segmenter.cut
    words_of = [cut(key) for key, _ in batch]
    converter.learn(word for words in words_of for word in words)
    for (key, title), words in zip(batch, words_of):
        syllables = converter.syllables(words)
        starts: set[int] = set()
        if len(syllables) == len(key):
            starts = {key.find(token) for token in tokenizer.tokens(title).split()}
        for k in pinyin_keys(syllables, starts):
            yield k.key, key, k.start, k.initials
