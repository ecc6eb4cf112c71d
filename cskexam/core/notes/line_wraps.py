"""Lines broken by the page joined again: a heading or phrase cut by a hard wrap
of pasted PDF or Word text goes on on the next line (and a word split in two)."""

from __future__ import annotations

import re
from collections import Counter

from cskexam.core.notes.lines import _END_PUNCT, _MARKER_START, Line


def _bare_items_follow(lines: list[Line], i: int) -> bool:
    """``12、ATAM方法的四个阶段`` over short unmarked lines: a heading with its
    items one per line, not a line wrapped at the page width (a wrap leaves
    one fragment, and a short line is not at the page width)."""
    if len(lines[i].text) > 24 or i + 2 >= len(lines):
        return False
    third = lines[i + 2].text
    return bool(third) and not lines[i + 2].literal and len(third) <= 16 and not _MARKER_START.match(third)


def _heading_over_list(lines: list[Line], i: int) -> bool:
    """``TQM三全:全员、全过程、全方位`` / ``差距模型5个gap`` / ``①认知差距``: after a
    finished inline list, a short phrase over numbered lines is their heading."""
    if i + 2 >= len(lines) or len(lines[i].text) > 24 or ":" not in lines[i].text or "、" not in lines[i].text:
        return False
    nxt, third = lines[i + 1].text, lines[i + 2].text
    return len(nxt) <= 16 and not _PUNCT_IN_PHRASE.search(nxt) and bool(third) and _MARKER_START.match(third) is not None


_PUNCT_IN_PHRASE = re.compile(r"[。,;:!?、]")


def _list_then_sentence(text: str, nxt: str) -> bool:
    """``…:计划、执行、检查、处理`` then ``英文缩写为PDCA循环。``: a finished list
    and a sentence of its own, not one line wrapped at the page width."""
    if len(nxt) < 6 or not nxt.endswith(("。", "!", "！")):
        return False  # (满意≠忠诚!! after a list: an exclamation of its own too)
    if 0 < nxt.find("、") <= 3:
        return False  # …、结果主 / 导型、综合型。: the list's last item cut by the page, the list goes on
    parts = text.rsplit(":", 1)[-1].split("、")
    return len(parts) >= 3 and all(1 <= len(p) <= 8 for p in parts)


def _whole_list(text: str) -> bool:
    """``迁移、定势、功能固着、动机、情绪``: a line of short items, never the
    tail of a wrapped heading."""
    parts = text.rstrip("。").split("、")
    return len(parts) >= 3 and all(1 <= len(p) <= 8 for p in parts) and "\u4e00" <= text[0] <= "\u9fff"


def _join_next(lines: list[Line], i: int, piece: dict[int, int]) -> None:
    """Line ``i + 1`` joined to line ``i``; the joined line moves to ``i + 1``,
    where it may wrap again, and ``piece`` keeps the length of the last piece."""
    line, nxt = lines[i], lines[i + 1]
    piece[i + 1] = len(nxt.text)
    line.text += nxt.text
    line.joined += 1 + nxt.joined
    nxt.text = ""
    lines[i], lines[i + 1] = nxt, line


def join_hard_wraps(lines: list[Line]) -> None:
    """``4.权责对应原`` + ``则;5.精简…`` → one line: pasted PDF text breaks lines
    at the page width, in the middle of words. A line is joined to the one
    before when it cannot start anything of its own: no marker, no colon, no
    tag or page mark, and shorter than the line it continues."""
    width = _page_width(lines)
    i = 0
    # A wrap is judged by the last line read (送加工 after …配 is short: what follows
    # starts anew), not by the joined text: index of a joined line -> that length.
    piece: dict[int, int] = {}
    while i + 1 < len(lines):
        line, nxt = lines[i], lines[i + 1]
        if (nxt.text and not line.literal and not nxt.literal and ":" not in line.text and _BROKEN_TERM.match(nxt.text)
                and _MARKER_START.match(line.text) and "\u4e00" <= line.text[-1] <= "\u9fff"):
            # · 心理方 / 面:焦虑、烦躁: a scan broke the item's name before its colon.
            _join_next(lines, i, piece)
            i += 1
            continue
        if len(line.text) < 12 or not nxt.text or line.literal or nxt.literal or line.nested or nxt.nested or nxt.bold:
            i += 1
            continue
        last = line.text[-1]
        if last in _END_PUNCT or not ("\u4e00" <= last <= "\u9fff" or last in "、,—→"):
            i += 1
            continue  # it ends a sentence, or stops neither in a word nor after 、 or a joiner
        # A line that stops after 、 or at the page width in mid-word was cut
        # by the page, whatever the next line looks like.
        # 甲—乙—丙— / 甲→乙→: a flow of steps stopped on its joiner goes on.
        flow = last in "—→" and line.text[-2:-1] not in "—→ " and line.text.count(last) >= 2
        cut = last in "、," or flow or (width and piece.get(i, len(line.text)) >= width - 1 and "\u4e00" <= last <= "\u9fff")
        # 一、员工招聘中常用的面试类型及其 / 划分标准(P58): a line that stops on a word
        # that cannot end a phrase goes on, whatever the next line holds. So does
        # ``…三部分构成。其中服务软件`` / ``标准又包括:…``: a 其中 clause with no verb yet.
        opened = _OPEN_CLAUSE.search(line.text) is not None and len(nxt.text) <= 24
        dangling = opened or (line.text.endswith(_DANGLING) and len(nxt.text) <= 24 and not (
            # 显性需求:客户能说出来的 / 隐性需求:…: two term lines, the first ending on its 的
            _TERM_HEAD.match(line.text) and _TERM_HEAD.match(nxt.text)))
        # …导致质量问题的五 / 种差距: a count cut between its numeral and its measure word.
        dangling = dangling or (last in "二三四五六七八九十两兩" and nxt.text[:1] in "种種个個项項类類条條层層" and len(nxt.text) <= 24)
        # …但下列商品 / 除外:: at the page width, a word and its colon are the lead-in's end.
        dangling = dangling or (
            width > 0 and piece.get(i, len(line.text)) >= width - 3 and "\u4e00" <= last <= "\u9fff"
            and _WORD_AND_COLON.match(nxt.text) is not None
        )
        if (
            last not in _END_PUNCT
            and ("\u4e00" <= last <= "\u9fff" or last in "、," or flow)
            and (len(nxt.text) < piece.get(i, len(line.text)) or last in "、," or dangling)
            and not _MARKER_START.match(nxt.text)
            and (dangling or not _STANDS_ALONE.search(nxt.text))
            and (cut or opened or (
                not _bare_items_follow(lines, i)
                and not _heading_over_list(lines, i)
                and not _list_then_sentence(line.text, nxt.text)
                and not _whole_list(nxt.text)
            ))
        ):
            _join_next(lines, i, piece)
        i += 1
    # Put each joined line back where it started.
    k = 0
    while piece and k < len(lines):
        if lines[k].joined and k - lines[k].joined >= 0 and not lines[k - lines[k].joined].text:
            start = k - lines[k].joined
            lines[start], lines[k] = lines[k], lines[start]
        k += 1
    _join_broken_words(lines)


# 面:焦虑… : the last character of a word, then its colon (注: and 例: are words of their own).
_BROKEN_TERM = re.compile(r"^(?![注註例答问問如即按又其但和或若因故甲乙丙丁])[\u4e00-\u9fff]:")
_TERM_HEAD = re.compile(r"^[^\s:,;。]{2,12}:")
_WORD_AND_COLON = re.compile(r"^[\u4e00-\u9fff]{1,4}:$")
_OPEN_CLAUSE = re.compile(r"[。;]其中[\u4e00-\u9fff]{1,10}$")
_DANGLING = ("及其", "以及", "的", "和", "与", "與", "及", "或", "对于", "关于", "關於", "由于", "由於")


def _page_width(lines: list[Line]) -> int:
    """The width at which pasted PDF text was wrapped: the length shared (give
    or take one) by at least three long lines that stop in mid-word; 0 when
    the text shows none."""
    lengths: Counter[int] = Counter()
    for line, nxt in zip(lines, lines[1:]):
        text = line.text
        if (
            len(text) >= 20 and not line.literal and "\u4e00" <= text[-1] <= "\u9fff"
            and nxt.text and "\u4e00" <= nxt.text[0] <= "\u9fff" and not _MARKER_START.match(nxt.text)
        ):
            lengths[len(text)] += 1
    best = 0
    for n in lengths:
        if lengths[n] + lengths.get(n + 1, 0) >= 3 and lengths[n] >= 2:
            best = max(best, n + 1 if lengths.get(n + 1) else n)
    return best


def _join_broken_words(lines: list[Line]) -> None:
    """``2、以岗位为标准进行配`` / (blank) / ``置``: a word broken at the end of a
    pasted line, across a blank line too. The tail joins the item it ends
    when it is a fragment of one or two characters that cannot be an item of
    its own (the next line is not a bare item too), or when the line it
    continues is long (wrapped at the page width)."""
    n = len(lines)
    for i in range(n):
        prev = lines[i]
        text = prev.text
        if not text or prev.literal or not ("\u4e00" <= text[-1] <= "\u9fff"):
            continue  # no word of the line is cut at its end
        # The lines already joined to ``prev`` are empty now, but no blank line of the text.
        at = i + prev.joined
        j = at + 1 if at + 1 < n and lines[at + 1].text else at + 2
        if j >= n or not lines[j].text or lines[j].literal or (j == at + 2 and lines[at + 1].text):
            continue
        tail = lines[j].text
        if len(tail) > 2 and not (j == at + 2 and len(text) >= 30 and len(tail) < len(text)):
            continue  # neither a fragment nor the rest of a long line (see below)
        if _MARKER_START.match(tail) or _STANDS_ALONE.search(tail):
            continue
        k = j + 1
        while k < n and not lines[k].text and k < j + 3:
            k += 1
        after = lines[k].text if k < n else ""
        fragment = len(tail) <= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in tail)
        # 产量 / 影响因素(3个):… after a blank line: a heading over a term line, no broken word.
        item_follows = bool(after) and (len(after) <= 16 or ":" in after[:16]) and not _MARKER_START.match(after)
        broken = fragment and not item_follows and (_MARKER_START.match(prev.text) is not None or len(prev.text) >= 12)
        wrapped = j == at + 2 and len(prev.text) >= 30 and len(tail) < len(prev.text)
        if broken or wrapped:
            prev.text += tail
            prev.joined += j - i + lines[j].joined
            lines[j].text = ""


# A line stands alone (it opens something, never goes on with a wrapped line)
# when it gives a mnemonic, a term and its colon, a tag or page mark, or a
# formula (期末余额=期初余额+…: a name, then =).
_STANDS_ALONE = re.compile(
    r"^[\u4e00-\u9fffA-Za-z]{1,12}\s*=(?!=)|^(?:口诀|口訣|巧记|巧記|记忆|記憶|速记|速記|助记|助記)|^[^:]{1,16}:"
    r"|^[^,。]{0,4}(?:判断|判斷|辨析|练习|練習|小测|小測|自测|自測|习题|習題|真题|真題)[^,。]{0,4}$|[★☆▲【\[]|\((?:识记|識記|掌握|了解|理解|熟悉|重点|重點|简答|簡答|P\s?\d|p\.?\s?\d|第\d)|\s[Pp]\.?\s?\d+(?:\s?[-~—]\s?[Pp]?\d+)?$|[(（](?:×|√|x)[)）]$"
)
