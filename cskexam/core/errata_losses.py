"""Proposed errata: spans where pasted notes seem to have lost a character
(在围上 → 范围). Pure; the dictionary is passed in, so the core loads none."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import Callable, Iterable, Iterator, Mapping

from cskexam.core.grading_hant import to_simplified


# -- proposing entries -------------------------------------------------------------

@dataclass(frozen=True)
class SuspectLoss:
    line: int
    span: str  # the span as written, with a character of context either side
    words: tuple[str, ...]  # common words the lone character could have been part of

    def describe(self) -> str:
        return f"第 {self.line} 行「{self.span}」：是否漏字？（{'/'.join(self.words)}）"


_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_CJK_ANY_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A lone character this frequent is a word on its own (在, 的, 上), not a remnant.
LONE_WORD_FREQ = 6000
# A completed word must be this common, and this many times commoner than the
# lone character, to be worth asking about.
COMMON_WORD_FREQ = 3000
COMMONER_BY = 1.5
RECURRING = 2
# A rarer word counts when the notes use it this often (客户 for 管户服务).
NOTES_WORD_FREQ = 100
NOTES_RECURRING = 3
# A common word counts when the notes write it whole this often.
WHOLE_RECURRING = 2
# A lone character this frequent is a word of grammar (的, 在, 是, 上): beside it a remnant stands
# out. Beside a rarer lone character (图 of 导图, 光 of 减光) the two are likelier a word the
# dictionary lacks than a remnant.
GRAMMAR_FREQ = 40_000
# Punctuation a loss may stand before (行为规。): the end of a clause, written in Chinese.
CLAUSE_ENDS = "。，；：！？、"
# A character this often in one sentence is what its list items share (归档、在档和出档).
SENTENCE_ENDS = "。；;！？!?"
SHARED_IN_SENTENCE = 3

# Words of exam study the general dictionary lacks, which would otherwise fall
# apart into a lone 题 (案例题常考) that looks like the rest of 问题.
STUDY_WORDS = ("真题", "例题", "案例题", "试题", "考题", "习题", "做题", "答题", "题型", "组卷", "选择题",
               "单选题", "多选题", "判断题", "简答题", "论述题", "计算题", "材料题", "考点", "必考", "常考")

NUMERALS = frozenset("一二三四五六七八九十百千零〇两")
OPENERS = "(（[【「『“‘\"'《〈"
CLOSERS = ")）]】」』”’\"'》〉"
COLONS = ":："
LIST_SEPARATORS = "、，,；;/／ "
# A mnemonic follows its label (口诀：…, 记：“质、态、诺”, 可记作"优劣机威") up to
# the end of its clause; commas do not end it (口诀：内需双成，过期公).
_MNEMONIC = re.compile(
    r"(?:口诀|歌诀|顺口溜|巧记|速记|助记|简记|记忆|记法|记作|记为|记)[\s*_]*(?:[:：]\s*[“\"「『]?|[“\"「『])"
    r"[^。；;)）」』”\"]*")


RARE_CHAR_FREQ = 300

# Characters of distinct text read for spans: the notes of a whole textbook (1–2 MB of UTF-8,
# up to some 600,000 characters) are read whole; 8 MB of characters in no word's order took
# ten seconds more of an import, and nothing in them was worth proposing.
READ_BUDGET = 600_000
_RUN_BATCH = 50_000


class LossIndex:
    """Two-character words by each of their characters, from a dictionary's entries."""

    def __init__(self, entries: Iterable[tuple[str, int]]):
        self.freq: dict[str, int] = {}
        self.by_char: dict[str, list[tuple[int, str]]] = {}
        # Every two-character word, however rare (利得, 注射): a lone character that makes one with
        # its neighbour is in a word the segmenter cut otherwise, not what a loss left.
        self.pairs: set[str] = set()
        for word, freq in entries:
            if len(word) == 1:
                self.freq[word] = freq
            elif len(word) == 2 and all(_CJK.match(ch) for ch in word):
                self.pairs.add(word)
                if freq < NOTES_WORD_FREQ:
                    continue
                self.freq[word] = freq
                for ch in set(word):
                    self.by_char.setdefault(ch, []).append((freq, word))
        for words in self.by_char.values():
            words.sort(reverse=True)

    def is_word(self, ch: str) -> bool:
        """A character frequent enough to stand alone (在, 上, 能), not a remnant."""
        return self.freq.get(ch, 0) >= LONE_WORD_FREQ

    def completions(self, ch: str, uses: Mapping[str, int], anywhere: bool = False) -> list[str]:
        """Words ``ch`` could be what is left of, the notes' own first.

        ``uses`` counts the two-character strings of the notes. A word they
        use often counts; a common word, commoner than ``ch`` alone, once the
        notes have it whole twice (or, with ``anywhere``, even if they do not):
        a word the notes write once is no evidence of what they lost.
        """
        lone = self.freq.get(ch, 0)
        if lone >= LONE_WORD_FREQ:
            return []
        found: list[tuple[int, int, str]] = []
        for f, w in self.by_char.get(ch, ()):
            n = uses.get(w, 0)
            if n >= NOTES_RECURRING or (
                    f >= COMMON_WORD_FREQ and f >= COMMONER_BY * max(lone, 1) and (n >= WHOLE_RECURRING or anywhere)):
                found.append((n, f, w))
        return [w for _, _, w in sorted(found, reverse=True)]

    def is_two_char_word(self, word: str) -> bool:
        return len(word) == 2 and word in self.freq

    def rare(self, ch: str) -> bool:
        """A character too rare to be a remnant of a common word (骋 of 招骋): beside it, the span
        is a misspelling, whose fix no added character gives."""
        return self.freq.get(ch, 0) < RARE_CHAR_FREQ


class _Line:
    """One line cut into tokens, with what the remnant tests ask of it answered in constant time.

    The runs of Chinese characters, the mnemonics and running counts of the
    tokens are found once per line, so a long line (a whole file pasted as
    one paragraph) costs no more per character than a short one.
    """

    def __init__(self, line: str, tokens: list[str], index: LossIndex):
        self.text = line
        self.tokens = tokens
        self.offsets: list[int] = []
        pos = 0
        for tok in tokens:
            self.offsets.append(pos)
            pos += len(tok)
        self._index = index
        self._runs: list[tuple[int, int]] | None = None
        self._run_starts: list[int] = []
        self._mnemonics: list[tuple[int, int]] | None = None
        self._counts: tuple[list[int], list[int]] | None = None

    def cjk_run(self, start: int) -> tuple[int, int]:
        """The run of Chinese characters around position ``start`` (a Chinese character)."""
        if self._runs is None:
            self._runs = [m.span() for m in _CJK_ANY_RUN.finditer(self.text)]
            self._run_starts = [a for a, _ in self._runs]
        return self._runs[bisect_right(self._run_starts, start) - 1]

    def in_mnemonic(self, pos: int) -> bool:
        if self._mnemonics is None:
            self._mnemonics = [m.span() for m in _MNEMONIC.finditer(self.text)]
        spans = self._mnemonics
        i = bisect_right(spans, (pos, len(self.text) + 1)) - 1  # the last mnemonic starting at or before pos
        return i >= 0 and spans[i][0] <= pos < spans[i][1]

    def token_counts(self, a: int, b: int) -> tuple[int, int, int]:
        """Of the tokens starting in ``[a, b)``: how many, how many single characters, how many of
        those cannot stand alone."""
        if self._counts is None:
            lone, bound = [0], [0]
            for tok in self.tokens:
                one = len(tok) == 1
                lone.append(lone[-1] + one)
                bound.append(bound[-1] + (one and not self._index.is_word(tok)))
            self._counts = lone, bound
        lone, bound = self._counts
        i, j = bisect_left(self.offsets, a), bisect_left(self.offsets, b)
        return j - i, lone[j] - lone[i], bound[j] - bound[i]

    def neighbour_runs(self, a: int, b: int) -> list[str]:
        """The list items either side of the run ``[a, b)``, across one separator (、 ，)."""
        line = self.text
        out = []
        if a >= 2 and line[a - 1] in LIST_SEPARATORS and _CJK.match(line[a - 2]):
            x, y = self.cjk_run(a - 2)
            out.append(line[x:y])
        if b + 1 < len(line) and line[b] in LIST_SEPARATORS and _CJK.match(line[b + 1]):
            x, y = self.cjk_run(b + 1)
            out.append(line[x:y])
        return out


def _not_a_remnant(facts: _Line, start: int) -> bool:
    """Where a lone character is the notes' own form, not what a lost neighbour left.

    A numbering marker (十、 （三）), a label before its colon (注： 记： 例：
    答：), a one-character item of an enumerated mnemonic (质、态、诺), the
    initials of a mnemonic (有可响保移, “基被负能伙”, (特五)).
    """
    line = facts.text
    ch = line[start]
    before = line[start - 1] if start else ""
    after = line[start + 1] if start + 1 < len(line) else ""
    if ch in NUMERALS and (after in "、.．)）" or before in "(（第"):
        return True
    if after and after in COLONS:
        return True
    if facts.in_mnemonic(start):
        return True
    a, b = facts.cjk_run(start)
    if b - a == 1:
        # A one-character item is a remnant only among items of whole words
        # (产品、价格、渠、促销); among other single characters it is an initial.
        items = facts.neighbour_runs(a, b)
        return not items or any(len(item) == 1 for item in items)
    # A shared ending or beginning of list items (运动觉、平衡觉、机体觉) is the
    # notes' pattern, not a loss; so is an item that begins with the lone character and
    # ends as the item before it does (催办、注办: 注 and the 办 of every step).
    if (start == b - 1 and any(item[-1] == ch for item in facts.neighbour_runs(a, b))) or (
            start == a and any(item[0] == ch for item in facts.neighbour_runs(a, b))):
        return True
    if start == a and after and any(len(item) >= 2 and item[-1] == after for item in facts.neighbour_runs(a, b)):
        return True
    run, lone, bound = facts.token_counts(a, b)
    if (a and line[a - 1] in OPENERS and b < len(line) and line[b] in CLOSERS
            and lone == run and b - a <= 6):
        return True  # (特五) （计组领控）
    # Initials: most of the run is characters that cannot stand alone (目首普效创);
    # a lost character leaves one such character among words (在围上).
    return bound >= 2 and 2 * bound >= run


class _Scans:
    """Look-ups in the whole text, each made once, within a budget of characters read."""

    def __init__(self, text: str, budget: int):
        self.text = text
        self.left = budget
        self._counts: dict[str, int] = {}
        self._parallel: dict[tuple[str, str], bool] = {}

    def _spend(self) -> None:
        if self.left < len(self.text):
            raise _OverBudget
        self.left -= len(self.text)

    def count(self, span: str) -> int:
        """How often the text has ``span``."""
        found = self._counts.get(span)
        if found is None:
            self._spend()
            found = self._counts[span] = self.text.count(span)
        return found

    def parallel(self, prev: str, nxt: str, index: LossIndex) -> bool:
        """Whether the notes put a whole word between ``prev`` and ``nxt`` elsewhere (在形式上 beside 在围上)."""
        found = self._parallel.get((prev, nxt))
        if found is None:
            self._spend()
            pattern = re.escape(prev) + "([\u4e00-\u9fff]{2})" + re.escape(nxt)
            found = self._parallel[prev, nxt] = any(
                index.is_two_char_word(m.group(1)) for m in re.finditer(pattern, self.text))
        return found


class _OverBudget(Exception):
    """The look-ups have read as much of the text as they may."""


def find_losses(
    text: str,
    cut: Callable[[str], list[str]],
    index: LossIndex,
    known: Callable[[str], bool] = lambda word: False,
    limit: int = 50,
    scan_budget: int = 200_000_000,
    read_budget: int = READ_BUDGET,
) -> list[SuspectLoss]:
    """Spans where a character the segmenter left alone looks like the rest of a lost word.

    ``cut`` segments a line (HMM off, so unknown words fall apart into single
    characters); ``known`` says whether a span is a word of the notes' own
    vocabulary (their titles), never suspect. The word the character would
    complete must occur whole elsewhere in the notes (在围上 asks about 范围
    only if the notes say 范围 somewhere): a loss drops a character from the
    notes' own words.

    The cost stays linear in the text: each distinct span and pair of
    neighbours is looked up in the whole text once, and those look-ups stop
    (with what was found so far) once they have read ``scan_budget``
    characters in all: a proposal list is advice, a hostile file must not
    make the import slow. For the same reason only the first ``read_budget``
    characters of distinct text are read for spans.
    """
    out: list[SuspectLoss] = []
    # The dictionary is simplified Chinese: notes in 繁體 are read through their simplified form
    # (one character for one, so every position and span stays where it was), else every
    # traditional word falls apart into "remnants".
    shown = text
    text = to_simplified(text)
    # Only pairs of Chinese characters that are words of the dictionary: the completions looked up
    # are such words (``LossIndex.completions``), and 8 MB of characters in no word's order would
    # otherwise count millions of pairs, hundreds of MB.
    uses: Counter[str] = Counter()
    words = index.freq
    # Each distinct run once, times its repeats: notes repeat their phrases. Counted a batch of
    # runs at a time: hundreds of thousands of distinct ones are never held at once.
    runs = (m.group() for m in _CJK_RUN.finditer(text))
    while batch := list(islice(runs, _RUN_BATCH)):
        for run, times in Counter(batch).items():
            pairs = (pair for pair in (run[i:i + 2] for i in range(len(run) - 1)) if pair in words)
            if times == 1:
                uses.update(pairs)
                continue
            for pair in pairs:
                uses[pair] += times
    try:
        _find(text, shown, cut, index, known, limit, uses, _Scans(text, scan_budget), out, read_budget)
    except _OverBudget:
        pass
    return out


# A line is segmented a sentence run at a time: a pasted file of one huge line would
# otherwise be held as millions of tokens at once.
_PIECE_CHARS = 2000
_PIECE = re.compile(r"[^。！？；!?;]{1,%d}[。！？；!?;]*|[。！？；!?;]+" % _PIECE_CHARS)


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line, a long line in runs of whole sentences of at most about
    ``_PIECE_CHARS`` characters."""
    for lineno, line in enumerate(text.splitlines(), 1):
        if len(line) <= _PIECE_CHARS:
            yield lineno, line
            continue
        run: list[str] = []
        size = 0
        for m in _PIECE.finditer(line):
            piece = m.group()
            if size and size + len(piece) > _PIECE_CHARS:
                yield lineno, "".join(run)
                run, size = [], 0
            run.append(piece)
            size += len(piece)
        if run:
            yield lineno, "".join(run)


def _find(text: str, shown_text: str, cut: Callable[[str], list[str]], index: LossIndex, known: Callable[[str], bool], limit: int,
          uses: Mapping[str, int], scans: "_Scans", out: list[SuspectLoss], read_budget: int = READ_BUDGET) -> None:
    seen: set[str] = set()
    # A piece read before can propose nothing new: what it proposes depends on its own text only, and
    # each span is proposed once (a pasted block repeated thousands of times is read once).
    read: set[str] = set()
    for (lineno, line), (_, shown) in zip(_pieces(text), _pieces(shown_text)):
        if line in read:
            continue
        read_budget -= len(line)
        if read_budget < 0:
            return
        read.add(line)
        tokens = cut(line)
        facts = _Line(line, tokens, index)
        for i, (tok, start) in enumerate(zip(tokens, facts.offsets)):
            if len(tok) != 1 or not _CJK.match(tok):
                continue
            # A lone character between two words of two or more (…的 容 划分…)
            # or beside other lone characters (在 围 上) is what a lost
            # neighbour leaves behind.
            prev = tokens[i - 1] if i else ""
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if len(prev) != 1 and len(nxt) != 1 and (len(prev) < 2 or len(nxt) < 2):
                continue
            if _not_a_remnant(facts, start):
                continue
            # Alone between two one-character words (在 围 上), a character that
            # cannot stand alone has lost its partner even if the notes never
            # write the word whole.
            words = index.completions(tok, uses)[:3]
            if (not words and len(prev) == 1 and len(nxt) == 1 and index.is_word(prev) and index.is_word(nxt)
                    and scans.parallel(prev, nxt, index)):
                words = index.completions(tok, uses, anywhere=True)[:3]
            words = [w for w in words if not _the_notes_own_pairing(line, start, w, scans)]
            if words and not _stands_apart(line, start, prev, nxt, index, scans):
                continue
            words = [w for w in words if _fits(line, start, w, prev, nxt, index, scans)]
            if words and _in_a_word(line, start, prev, nxt, index, scans):
                continue
            span = shown[max(0, start - 1): start + 2]
            if not words or span in seen or known(span):
                continue
            seen.add(span)
            # The notes' own wording recurs (售前、售中、售后); a loss is a one-off.
            if scans.count(line[max(0, start - 1): start + 2]) >= RECURRING:
                continue
            out.append(SuspectLoss(lineno, span, tuple(words)))
            if len(out) >= limit:
                return


def _in_a_word(line: str, start: int, prev: str, nxt: str, index: LossIndex, scans: "_Scans") -> bool:
    """Whether the lone character at ``start`` is better read as part of a word than as a remnant.

    * It makes a dictionary word with a neighbour (的利得和: 利得 is a term of accounting), unless the
      notes put a whole word between the same neighbours elsewhere (在围上 beside 在内容上).
    * A rare character stands beside it (招骋): a misspelling, which no added character mends.
    """
    ch = line[start]
    before = line[start - 1] if start and _CJK.match(line[start - 1]) else ""
    after = line[start + 1] if start + 1 < len(line) and _CJK.match(line[start + 1]) else ""
    if any(len(t) == 1 and _CJK.match(t) and not index.is_word(t) and index.rare(t) for t in (prev, nxt)):
        return True
    made = [p for p in (before + ch, ch + after) if len(p) == 2 and p in index.pairs]
    if not made:
        return False
    if len(prev) == 1 and len(nxt) == 1 and _CJK.match(prev) and _CJK.match(nxt):
        return not scans.parallel(prev, nxt, index)
    return True


def _stands_apart(line: str, start: int, prev: str, nxt: str, index: LossIndex, scans: "_Scans") -> bool:
    """Whether the lone character at ``start`` stands among Chinese text the way a remnant does.

    * Chinese characters either side, or a Chinese clause end after it (行为规。): beside a space,
      Latin letters, digits or other marks (3 .减光作用, **保差…**, 标 ★) the cut of a line says
      nothing of a loss, and at the start of a line it is a label or a page's broken first word.
    * Between two one-character words (在 围 上) only when the notes put a whole word between the
      same two elsewhere (在形式上): 入库、在库和出库 writes 在库 between 在 and 和 as its own word.
    * Not when its sentence has the character twice more: the items of a list that share it
      (归档、在档和出档), not a loss.
    """
    before = line[start - 1] if start else ""
    after = line[start + 1] if start + 1 < len(line) else ""
    if not (before and _CJK.match(before)):
        return False
    if not (after and (_CJK.match(after) or after in CLAUSE_ENDS)):
        return False
    a = max(line.rfind(mark, 0, start) for mark in SENTENCE_ENDS) + 1
    b = min((i for i in (line.find(mark, start) for mark in SENTENCE_ENDS) if i >= 0), default=len(line))
    if line.count(line[start], a, b) >= SHARED_IN_SENTENCE:
        return False
    if len(prev) == 1 and len(nxt) == 1 and _CJK.match(prev) and _CJK.match(nxt):
        return scans.parallel(prev, nxt, index)
    return True


def _fits(line: str, start: int, word: str, prev: str, nxt: str, index: LossIndex, scans: "_Scans") -> bool:
    """Whether the notes' own text backs ``word`` as what the character at ``start`` is left of.

    * The character with a whole neighbouring word is written so elsewhere too (后悔值原则 beside
      后悔值 = …): the notes' own term, unless only as part of the whole (客户服务 for 管户服务).
    * Beside a lone character that is no word of grammar (思维导图: 导 beside 图), the two are
      likelier a word the dictionary lacks, unless the notes write ``word`` beside the same
      neighbour elsewhere (客户服 for 管户服).
    """
    ch = line[start]
    before = line[start - 1] if start and _CJK.match(line[start - 1]) else ""
    after = line[start + 1] if start + 1 < len(line) and _CJK.match(line[start + 1]) else ""
    # Written as part of the whole (客户服务 holds 户服务) the pair is no term of the notes' own.
    if (len(prev) >= 2 and _CJK_RUN.fullmatch(prev) and line[start - len(prev):start] == prev
            and scans.count(prev + ch) - scans.count(prev + word) >= RECURRING):
        return False
    if (len(nxt) >= 2 and _CJK_RUN.fullmatch(nxt) and line[start + 1:start + 1 + len(nxt)] == nxt
            and scans.count(ch + nxt) - scans.count(word + nxt) >= RECURRING):
        return False
    content = [t for t in (prev, nxt) if len(t) == 1 and _CJK.match(t) and index.freq.get(t, 0) < GRAMMAR_FREQ]
    if content:
        restored = [before + word] * bool(before) + [word + after] * bool(after)
        return any(scans.count(r) >= 1 for r in restored)
    return True


def _the_notes_own_pairing(line: str, start: int, word: str, scans: "_Scans") -> bool:
    """Whether the notes pair the character at ``start`` with a neighbour elsewhere too, so it is their
    own word (共情, 效度, 导图, 走查), not what is left of ``word``.

    With ``word`` = 范围 for 在围上, the lost 范 would stand between 在 and 围: the pair 在围 written
    elsewhere says nothing is lost there. The pair on the other side (围上) says 围 belongs to it,
    unless it is written only as part of the whole word (客户服务 for 管户服: 户服 always after 客).
    """
    ch = line[start]
    before = line[start - 1] if start and _CJK.match(line[start - 1]) else ""
    after = line[start + 1] if start + 1 < len(line) and _CJK.match(line[start + 1]) else ""
    lost_before = word[1] == ch and word[0] != ch
    gap, other = (before, after) if lost_before else (after, before)
    if gap:
        pair = gap + ch if lost_before else ch + gap
        if scans.count(pair) > RECURRING:
            return True
    if other:
        pair = ch + other if lost_before else other + ch
        whole = word + other if lost_before else other + word
        # 全验或抽验 … 必须全验: a pair the notes write twice is their word, not a loss twice over.
        if scans.count(pair) - scans.count(whole) >= RECURRING:
            return True
    return False
