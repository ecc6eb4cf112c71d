"""Score a parsed knowledge graph against a hand-made gold outline.

The gold files (``notes/NAME.gold.yaml``, beside ``notes/NAME.md|txt``) are
described in ``README.md`` next to this module. The graph is the dict that
``cskexam graph FILE --json`` prints (``{"nodes": [...], ...}``); ``parse_file``
makes the same dict in-process, which is what the bench and the test use.

Measures, each a (hits, total) pair so they can be summed over files:

* documents: gold document titles found among the produced documents;
* edges: gold parent→child pairs found (child title under parent title;
  an edge from a document matches any produced document as parent);
* titles: produced non-document node titles that are a gold heading or item;
* lists: gold enumerations whose items (as a set) and stated count match;
* mnemonics, pages: gold node title → value found on a node of that title;
* judgements: true/false statements flagged on some node;
* flags: expected flags (count_mismatch with stated/found) found.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

CORPUS_DIR = Path(__file__).resolve().parent / "notes"
MEASURES = ("documents", "edges", "titles", "lists", "mnemonics", "pages", "judgements", "flags")
DOC = "\x00document"

_TRAILING = " \t.,;:!?。，；：、！？…”\"」』"
_STRUCTURAL = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇两\d]+[章节節篇编編讲講课課单單部]元?分?"
    r"|(?:专题|專題|模块|模塊|单元|單元|考点|考點|知识点|知識點|案例|问题|問題)[一二三四五六七八九十百零〇\d]+)"
    r"[\s:：、.．]*"
)
# A trailing count predicate: 行政公文共13种 ≡ 行政公文, 写作要素有四个 ≡ 写作要素.
_COUNT_TAIL = re.compile(
    r"(?<=..)(?:(?:共有|共|有|包括|分为|分為|分成|可分为|可分為)[一二三四五六七八九十两兩\d]+大?(?:个|個|種|种|项|項|类|類|点|點|条|條|位|方面)?"
    r"|[一二三四五六七八九十两兩\d]+(?:个|個|種|种|项|項|类|類|点|點|条|條|位|方面))$"
)
_SPACE = re.compile(r"\s+")
_QUOTES = "“”\"'「」『』‘’"
_TRAILING_GROUP = re.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]$")
_META = re.compile(r"\s+(\{[^{}]*\})\s*$")


def key(title: str | None) -> str:
    """A title's comparison key: NFKC, no whitespace, no trailing punctuation.

    A trailing count predicate (共13种, 有四个) is dropped: both titles name the list.
    Quotes at either end are dropped (a parser may trim one of a pair).

    A leading structural marker (第一章, 专题一：, 考点3：, 案例一, 问题1：) is dropped when text
    follows it, so a parser that moves it into the node's marker is not
    penalised; a title that is only the marker keeps it and matches nothing.
    """
    if not title:
        return ""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", title)).strip(_TRAILING).casefold()
    rest = _STRUCTURAL.sub("", s, count=1).strip(_TRAILING) or s
    return _COUNT_TAIL.sub("", rest).strip(_QUOTES)


def page_key(page: object) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", unicodedata.normalize("NFKC", str(page or ""))))


# -- gold ------------------------------------------------------------------


@dataclass
class GoldNode:
    title: str
    depth: int
    meta: dict
    line: int
    children: list["GoldNode"] = field(default_factory=list)
    parent: "GoldNode | None" = None

    @property
    def is_list(self) -> bool:
        if "list" in self.meta:
            return bool(self.meta["list"])
        if "count" in self.meta:
            return True
        return len(self.children) >= 2 and all(not c.children for c in self.children)


@dataclass
class Gold:
    name: str
    documents: list[GoldNode]
    judgements: dict[str, bool]
    also_ok: list[str]
    styles: list[str]

    def nodes(self) -> list[GoldNode]:
        out: list[GoldNode] = []
        stack = list(reversed(self.documents))
        while stack:
            n = stack.pop()
            out.append(n)
            stack.extend(reversed(n.children))
        return out


def parse_outline(text: str, where: str = "") -> list[GoldNode]:
    roots: list[GoldNode] = []
    stack: list[tuple[int, GoldNode]] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        body = raw.strip()
        meta: dict = {}
        m = _META.search(body)
        if m:
            meta = yaml.safe_load(m.group(1)) or {}
            body = body[: m.start()].strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        node = GoldNode(body, len(stack), meta, lineno, parent=stack[-1][1] if stack else None)
        if node.parent is None:
            roots.append(node)
        else:
            node.parent.children.append(node)
        stack.append((indent, node))
    if not roots:
        raise ValueError(f"{where}: empty outline")
    return roots


def load_gold(path: Path) -> Gold:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    name = path.name.removesuffix(".gold.yaml")
    return Gold(
        name=name,
        documents=parse_outline(data.get("outline", ""), str(path)),
        judgements={str(k): bool(v) for k, v in (data.get("judgements") or {}).items()},
        also_ok=[str(t) for t in data.get("also_ok") or []],
        styles=_styles(data.get("styles")),
    )


def _styles(raw: object) -> list[str]:
    if isinstance(raw, str):
        return [p.strip() for p in raw.split(";") if p.strip()]
    return [str(p) for p in raw or []]


def corpus_files(folder: Path = CORPUS_DIR) -> list[tuple[Path, Path]]:
    """(notes file, gold file) pairs, sorted by name."""
    pairs = []
    for gold in sorted(folder.glob("*.gold.yaml")):
        stem = gold.name.removesuffix(".gold.yaml")
        notes = [p for p in (folder / f"{stem}.md", folder / f"{stem}.txt") if p.exists()]
        if len(notes) != 1:
            raise FileNotFoundError(f"{gold}: expected one of {stem}.md / {stem}.txt")
        pairs.append((notes[0], gold))
    return pairs


# -- produced graph ----------------------------------------------------------


def parse_file(path: Path) -> dict:
    """The ``cskexam graph PATH --json`` dict, made in-process."""
    from cskexam.core.notes import parse_notes
    from cskexam.services.notes import read_sources

    graph = parse_notes(read_sources([path]))
    data = graph.to_dict()
    for raw in data["nodes"]:
        if "flags" not in raw:
            raw["flags"] = list(getattr(graph.nodes[raw["id"]], "flags", []) or [])
    return data


def _flag(raw: object) -> dict:
    """A flag as a dict; the older string form is ``"count_mismatch: stated 5, found 4"``."""
    if isinstance(raw, dict):
        return raw
    text = str(raw)
    kind = text.split(":", 1)[0].strip()
    out: dict = {"kind": kind}
    for name in ("stated", "found"):
        m = re.search(name + r"\D*(\d+)", text)
        if m:
            out[name] = int(m.group(1))
    return out


@dataclass
class Produced:
    nodes: list[dict]
    by_id: dict[str, dict]
    children: dict[str, list[dict]]
    by_key: dict[str, list[dict]]

    keyer: Callable[[str | None], str] = key

    @classmethod
    def of(cls, data: dict, keyer=key) -> "Produced":
        nodes = list(data.get("nodes") or [])
        by_id = {n["id"]: n for n in nodes}
        children: dict[str, list[dict]] = {}
        by_key: dict[str, list[dict]] = {}
        for n in nodes:
            if n.get("parent") in by_id:
                children.setdefault(n["parent"], []).append(n)
            by_key.setdefault(keyer(n.get("title")), []).append(n)
        return cls(nodes, by_id, children, by_key, keyer)

    def is_document(self, n: dict) -> bool:
        return n.get("kind") == "document" or n.get("parent") not in self.by_id

    def parent_key(self, n: dict) -> str:
        parent = self.by_id.get(n.get("parent") or "")
        if parent is None or self.is_document(parent):
            return DOC
        return self.keyer(parent.get("title"))

    def flags(self, n: dict) -> list[dict]:
        return [_flag(f) for f in n.get("flags") or []]


# -- scoring -----------------------------------------------------------------


@dataclass
class FileScore:
    name: str
    counts: dict[str, list[int]] = field(default_factory=lambda: {m: [0, 0] for m in MEASURES})
    misses: dict[str, list[str]] = field(default_factory=lambda: {m: [] for m in MEASURES})

    def add(self, measure: str, hit: bool, miss: str = "") -> None:
        self.counts[measure][1] += 1
        if hit:
            self.counts[measure][0] += 1
        elif miss:
            self.misses[measure].append(miss)


def _aliasing_key(inner: list[GoldNode]):
    """``key``, plus: a title missing the trailing bracket group of a gold title
    (关键绩效指标 for 关键绩效指标（KPI）) counts as that title. Only that way round:
    a produced title that keeps a bracket the gold drops (a tag, a page mark) stays wrong."""
    keys = {key(n.title) for n in inner}
    alias: dict[str, str] = {}
    for n in inner:
        short = _TRAILING_GROUP.sub("", key(n.title))
        if short and short not in keys:
            alias.setdefault(short, key(n.title))

    def keyer(title: str | None) -> str:
        k = key(title)
        return alias.get(k, k)

    return keyer


def _gold_parent_key(node: GoldNode) -> str:
    return DOC if node.parent is None or node.parent.parent is None else key(node.parent.title)


def score(gold: Gold, data: dict) -> FileScore:
    out = FileScore(gold.name)
    gold_nodes = gold.nodes()
    inner = [n for n in gold_nodes if n.parent is not None]
    got = Produced.of(data, _aliasing_key(inner))

    produced_docs = [n for n in got.nodes if got.is_document(n)]
    doc_keys = {key(n.get("title")) for n in produced_docs}
    for doc in gold.documents:
        out.add("documents", key(doc.title) in doc_keys, doc.title)
    gold_doc_keys = {key(d.title) for d in gold.documents}
    for n in produced_docs:
        if key(n.get("title")) not in gold_doc_keys:
            out.add("documents", False, f"extra document {n.get('title')!r}")

    produced_edges = Counter((got.parent_key(n), got.keyer(n.get("title"))) for n in got.nodes if not got.is_document(n))
    gold_edges = Counter((_gold_parent_key(n), key(n.title)) for n in inner)
    for edge, wanted in gold_edges.items():
        have = min(wanted, produced_edges.get(edge, 0))
        parent = "（文档）" if edge[0] == DOC else edge[0]
        for i in range(wanted):
            out.add("edges", i < have, f"{parent} → {edge[1]}")

    ok_titles = {key(n.title) for n in inner} | {key(t) for t in gold.also_ok}
    statements = [key(s) for s in gold.judgements]
    for n in got.nodes:
        if got.is_document(n):
            continue
        k = got.keyer(n.get("title"))
        good = k in ok_titles or any(len(k) >= 4 and s.startswith(k) for s in statements)
        out.add("titles", good, f"{n.get('title')!r}")

    for g in (n for n in inner if n.is_list):
        out.add("lists", *_list_match(g, got))

    for g in (n for n in inner if "mnemonic" in n.meta):
        want = key(str(g.meta["mnemonic"]))
        # A mnemonic written after a list may sit on the heading or on the list under it.
        near = [g] + ([g.parent] if g.parent and g.parent.parent else []) + [c for c in g.children if c.children]
        found = [key(c.get("mnemonic")) for n in near for c in got.by_key.get(key(n.title), [])]
        found = [f for f in found if f] or found[:1]
        hit = any(f and (f == want or want in f or f in want) for f in found)
        out.add("mnemonics", hit, f"{g.title} → {g.meta['mnemonic']} (got {found or '无此节点'})")

    for g in (n for n in inner if "page" in n.meta):
        want = page_key(g.meta["page"])
        found = [c.get("page") for c in got.by_key.get(key(g.title), [])]
        out.add("pages", any(page_key(f) == want for f in found), f"{g.title} → {g.meta['page']} (got {found or '无此节点'})")

    for statement, truth in gold.judgements.items():
        out.add("judgements", _judgement_found(key(statement), truth, got), f"{statement} {'√' if truth else '×'}")

    for g in (n for n in inner if n.meta.get("flag")):
        kind = g.meta["flag"]
        stated, found = g.meta.get("count"), len(g.children)
        hit = False
        for c in got.by_key.get(key(g.title), []):
            for f in got.flags(c):
                if f.get("kind") == kind and (kind != "count_mismatch" or (f.get("stated"), f.get("found")) == (stated, found)):
                    hit = True
        detail = f" stated {stated}, found {found}" if kind == "count_mismatch" else ""
        out.add("flags", hit, f"{g.title}: {kind}{detail}")
    return out


def _list_match(g: GoldNode, got: Produced) -> tuple[bool, str]:
    want = Counter(key(c.title) for c in g.children)
    stated = g.meta.get("count")
    candidates = got.by_key.get(key(g.title), [])
    best = ""
    for c in candidates:
        items = Counter(got.keyer(k.get("title")) for k in got.children.get(c["id"], []))
        count = c.get("count")
        count_ok = count == stated if stated is not None else count in (None, len(g.children))
        if items == want and count_ok:
            return True, ""
        if not best or items == want:
            shown = "、".join(k.get("title", "") for k in got.children.get(c["id"], [])) or "（无子项）"
            best = f"got [{shown}] count={count}"
    expected = "、".join(c.title for c in g.children)
    return False, f"{g.title} (count={stated}): want [{expected}]; {best or '无此节点'}"


def _judgement_found(statement: str, truth: bool, got: Produced) -> bool:
    kinds = {"true_statement"} if truth else {"false_statement"}
    head = statement[:10]
    for n in got.nodes:
        if not any(f.get("kind") in kinds for f in got.flags(n)):
            continue
        title, text = got.keyer(n.get("title")), key(n.get("text"))
        if head in title + text or (len(title) >= 4 and statement.startswith(title)):
            return True
    return False


def score_corpus(folder: Path = CORPUS_DIR) -> list[FileScore]:
    return [score(load_gold(gold), parse_file(notes)) for notes, gold in corpus_files(folder)]


def totals(scores: list[FileScore]) -> dict[str, tuple[int, int]]:
    out = {}
    for m in MEASURES:
        out[m] = (sum(s.counts[m][0] for s in scores), sum(s.counts[m][1] for s in scores))
    return out


def ratio(pair: tuple[int, int] | list[int]) -> float | None:
    hits, total = pair
    return hits / total if total else None
