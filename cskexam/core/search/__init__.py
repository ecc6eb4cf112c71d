"""Search over key points: what gets indexed, how a query is read, how hits rank.

Pure: the index is written and read through the storage seam
(``cskexam.storage.search_repo``), reached here only through the
``SearchBackend`` protocol, so the ranking knows no SQL.

* ``text``: normalising, word runs, compact keys;
* ``tokenize``: text → index tokens, with the segmenter (import time only);
* ``documents``: the documents of a graph and of question stems, pinyin keys of titles;
* ``query``: reading a query and ranking the hits;
* ``fuzzy``: typo corrections (rapidfuzz) and titles that sound like the query;
* ``snippet``: the line a result shows, and what to highlight in it.
"""

from cskexam.core.search.documents import Document, QuestionText, node_body, node_documents, question_documents
from cskexam.core.search.query import SearchBackend, SearchResult, search
from cskexam.core.search.snippet import highlight_spans, make_snippet
from cskexam.core.search.text import PATH_SEPARATOR, compact, normalize

__all__ = [
    "Document",
    "QuestionText",
    "SearchBackend",
    "SearchResult",
    "PATH_SEPARATOR",
    "compact",
    "highlight_spans",
    "make_snippet",
    "node_body",
    "node_documents",
    "normalize",
    "question_documents",
    "search",
]
