"""Raw lines → clean lines: markup, furniture and hard wraps go before the outline.

Real notes come as Markdown blog posts (front matter, HTML tags, emphasis,
tables, code, ``::: tip`` containers, quotes), as text pasted from PDFs (page
footers, running headers, lines wrapped at the page width) or copied out of
Word. Each line keeps its number (removed lines become empty), its indentation
(list nesting in Markdown) and whether it is body text only (``literal``: a
quote, a table row, a tip), which never starts a node.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cskexam.core.notes.flashcards import card_item, card_rows_of
from cskexam.core.notes.furniture import PAGE_NUMBER_ENDS, drop_running_headers, header_beside_page_number, is_page_number
from cskexam.core.notes.markers import names_a_level_inside
from cskexam.core.notes.normalize import normalize_line
from cskexam.core.notes.outline_patterns import _ASIDE_WORDS

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[^<>]*)?/?>")
_COMMENT_ONE_LINE = re.compile(r"<!--.*?-->")
_SUMMARY = re.compile(r"<summary[^<>]*>.*?</summary\s*>", re.I)
_URL = r"(?:[a-z]+:|/|\.|#)[^)\s]*(?:\s+\"[^\"]*\")?"
_IMAGE = re.compile(r"!\[[^\]]*\]\(" + _URL + r"\)")
_LINK = re.compile(r"\[([^\]]+)\]\(" + _URL + r"\)")
_TOC = re.compile(r"^\[\[?toc\]?\]$", re.I)
_EMPHASIS = re.compile(r"\*\*|__|==|~~")
_INLINE_CODE = re.compile(r"`([^`]+)`")
_TASK_BOX = re.compile(r"^(\s*(?:[-*+]|\d{1,3}[.)])\s+)\[[ xX]\]\s+")
_FENCE = re.compile(r"^(```|~~~)")
_FENCE_FIRST = "`~"
_CONTAINER = re.compile(r"^:::\s*(\S*)\s*(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_FURNITURE = re.compile(
    r"^(?:第\s*\d+\s*页\s*(?:[,/]?\s*共\s*\d+\s*页)?|-\s*\d+\s*-|[-—_=·.]{6,}\s*(?:[Pp]\.?\s*\d{1,4})?|\d+\s*/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?"
    r"|精选优质文档[-—－\s]*倾情为你奉上|精品文档|专业文档|本文档由.{0,20}整理|更多.{0,12}(?:资料|文档).{0,20}|(?:word|pdf)\s*版.{0,20})$",
    re.I,
)
# What a line of _FURNITURE can open with (besides a digit): most lines are let through unmatched.
_FURNITURE_FIRST = frozenset("第-—_=·.精专本更wWpP")
# A rule (------, - 3 -) opens with one of these and ends with one or a digit (a list item does not).
_RULE = "-—_=·."
# What a social-media article prints around its text: a follow button, a byline,
# the end mark and the share prompts. Whole phrases only: 关注 alone is a word of notes.
_SOCIAL_FURNITURE = re.compile(
    r"点击关注|关注公众号|关注我们|扫码关注|长按识别|长按二维码|后台回复|点个[「“\"]?在看|[「“\"]在看[」”\"]|欢迎转发|分享给更多"
    r"|^原创\s.{0,40}\d{4}-\d{2}-\d{2}|发表于\S{1,8}$|^[-—–\s]*END[-—–\s]*$"
    # 编辑于 2023-11-28 21:14, 赞同 1.2k, 87 条评论: a Q&A site's footer (分享, 收藏 alone may be items).
    r"|^#(?:separator|html|deck|notetype|columns|tags|guid)(?:\s*:|\s)|^#?导出时间"
    # 来源：某培训机构讲义 / ——完—— 祝逢考必过！: where a page was copied from, and the sign-off.
    r"|^(?:来源|來源|出处|出處|转载自|轉載自)\s*[:：]|^[-—–\s(（]*完[-—–\s)）]*(?:祝.{0,12})?$"
    r"|^(?:编辑于|發佈於|发布于)\s?\d{4}-\d{2}-\d{2}|^赞同\s?[\d.]+[kKwW万]?$|^\d+\s?条评论$"
)
_TODO = re.compile(r"^[☐☑]\s*.{0,16}(?:背完|看完|做完|刷完|整理完|复习完|背会|记住|搞定|完成)")
# Site furniture glued to a line (精品文档 可编辑 管理学基础…): the words go, the title stays.
_FURNITURE_WORDS = re.compile(
    r"^(?:(?:精选优质文档[-—－\s]*倾情为你奉上|精品文档|专业文档|优质文档|可编辑|可修改|下载后可编辑|可复制编辑|仅供参考|"
    r"仅供(?:个人)?(?:学习|复习)(?:参考|交流|使用)?|内部资料)[\s,.。!]*)+"
)
# ``公文的结构 标题;正文;落款``: a name, a space and its items (no colon written).
_SPACED_LIST = re.compile(
    r"^((?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）])?\s*"
    r"[^\s、，,;；:：。()（）]{2,16})[ \u3000]+([^\s:：。]+)$"
)
_ITEM_SEP = re.compile(r"[;；、]")
_NUMBERED_ROW = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.、)]|\([一二三四五六七八九十\d]{1,2}\)|[①-⑳])")
_ORDINAL_TOPIC = re.compile(r"^(?:首先|其次|再次|然后|此外|另外|最后|第[一二三四五六七八九十]+)[,，、]\s*\*\*([^*]{2,16})\*\*(?=[,，。:：(（]|$)")
_NUMBERED_ASK = re.compile(r"^(?:(答题要点|答題要點|答案要点|参考要点|參考要點)\s*[:：]\s*$|(?:问题|問題)\s?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[:：]\s*)")
_BANNER_RULE = "=-~*—_·"
_DIVIDER_WORDS = {"分界线", "分界線", "分割线", "分割線", "分隔线", "分隔線"}
_BANNER = re.compile(r"^[=\-~*—_·]{3,}\s*([^=\-~*—_·\s].*?)\s*[=\-~*—_·]{3,}$")
# 个人客户：基本信息 消费信息 行为信息: three or more words after a colon, parted by spaces only.
_SPACED_AFTER_COLON = re.compile(r"^([^\s:：]{2,16})[:：]\s*((?:[\u4e00-\u9fff]{2,8}[ \u3000]+){2,}[\u4e00-\u9fff]{2,8})$")
_NO_SPACE = re.compile(r"\s+")
# ``1. 教育是有目的、有计划、有组织的活动``: the space is the marker's, no name stands before it.
_MARKER_ONLY = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．)）]|[(（][一二三四五六七八九十\d]{1,2}[)）])$")


def _spaced_list(text: str) -> str:
    m = _SPACED_LIST.match(text)
    if not m or _MARKER_ONLY.match(m.group(1)):
        return text
    rest = m.group(2).rstrip("。.;；")
    parts = _ITEM_SEP.split(rest)
    semi = ";" in rest or "；" in rest
    if len(parts) < (2 if semi else 3) or not all(1 <= len(p) <= 12 for p in parts):
        return text
    return m.group(1) + "：" + rest


_BOLD_LEAD = re.compile(r"^(\*\*|__)[^*_]{2,40}?\1(?:\s*[:：]|\s|$)")
_ASIDE_BULLETS = set("▲△★☆■□◆◇●○•·▪◦–o")
_ASIDE_BULLET = re.compile(
    rf"^[{''.join(sorted(_ASIDE_BULLETS))}]\s*(?=(?:{'|'.join(sorted(_ASIDE_WORDS, key=lambda w: (-len(w), w)))})\s*:)"
)
_MNEMONIC_WORDS = ("口诀", "巧记", "记忆", "速记", "助记", "记法", "口訣", "巧記", "記憶", "速記", "助記", "記法")
_BOLD_MNEMONIC = re.compile(
    rf"^((\*\*|__)[^*_]{{2,40}}?\2)\s*(?=(?:{'|'.join(_MNEMONIC_WORDS)})\s*[:：])"
)
_WRAPPED = re.compile(r"^[【\[]([^【】\[\]]{4,40})[】\]]$")
_END_PUNCT = set("。;!?:)]】」』”\"》>")
_MARKER_START = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\s|[◎▲△❖✦☞◇○►▶□❑◉Øü§➢➤\uf0a7\uf0d8\uf076\uf0b7]|第[一二三四五六七八九十百零两\d]+|[一二三四五六七八九十]+[、.)]|[壹贰貳叁參肆伍陆陸柒捌玖拾]{1,2}[、.]|\(|\d{1,2}[、.)．:]|[LlIi][.、]|[①-⑳⑴-⒇⒈-⒛㈠-㈩ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ❶-➓✔✅☑]"
    r"|[•·●▪◆■\-*+#]|[–◦o]\s|[A-H][.、:]|[a-h]\)|[【\[]?(?:专题|模块|单元|考点|知识点))"
)


@dataclass(slots=True)
class Line:
    text: str = ""
    indent: int = 0
    literal: bool = False  # body text only: never a node or a marker
    joined: int = 0  # how many following lines (hard wraps) were joined to this one
    tip: bool = False  # inside a tip block or a quote (a mnemonic there belongs to the heading)
    bold: bool = False  # Markdown: the line opens with a bold phrase (**X**, **X**:…), a heading of its own
    nested: bool = False  # a line of a mind map pasted among other notes: it nests by its indentation


_EMPTY = Line()


_INDENT_CHARS = " \t\u3000"  # what indentation is made of (any other space counts nothing)


def _indent_of(raw: str) -> int:
    width = 0
    for ch in raw:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4
        elif ch == "\u3000":
            width += 2
        else:
            break
    return width


def _strip_markup(text: str, markdown: bool) -> str:
    if "<" in text:
        text = _COMMENT_ONE_LINE.sub("", text)
        # <summary>点击查看真题</summary>: the label of a folding block, not notes.
        text = _SUMMARY.sub("", text)
        text = _TAG.sub("", text)
    if not markdown:
        return text
    if "](" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "**" in text or "__" in text or "==" in text or "~~" in text:
        text = _EMPHASIS.sub("", text)
    if "`" in text and not text.lstrip().startswith("```"):
        text = _INLINE_CODE.sub(r"\1", text)  # 自动呼叫分配系统（`ACD`）: the code marks go, the word stays
    if "[" in text:
        text = _TASK_BOX.sub(r"\1", text)  # - [x] 呼叫中心类型: a checklist's box is no part of the item
    return text


_FRONT_TITLE = re.compile(r"^title\s*:\s*(.+)$", re.I)


def front_matter_title(raw_lines: list[str]) -> str | None:
    """The ``title:`` of a Markdown file's front matter, if it has one."""
    first = next((i for i, r in enumerate(raw_lines[:5]) if r.strip()), None)
    if first is None or raw_lines[first].strip() != "---":
        return None
    for raw in raw_lines[first + 1 : first + 60]:
        if raw.strip() == "---":
            return None
        m = _FRONT_TITLE.match(raw.strip())
        if m:
            title = normalize_line(m.group(1)).strip().strip("\"'")
            return title or None
    return None


# Cells apart by a tab, or by a wide run of spaces in a table scanned or pasted as columns.
_CELL_GAP = re.compile(r"\t|[ \u3000]{4,}|\u3000{2,}")


def _tab_table_rows(raw_lines: list[str]) -> frozenset[int]:
    """Lines of two or more in a row whose text holds three or more cells apart
    by tabs (or wide runs of spaces): the rows of a table pasted from Word or
    scanned (indentation alone is no cell)."""
    rows = [len([c for c in _CELL_GAP.split(raw.strip()) if c.strip()]) >= 3 for raw in raw_lines]
    return frozenset(
        i for i, row in enumerate(rows)
        if row and ((i > 0 and rows[i - 1]) or (i + 1 < len(rows) and rows[i + 1]))
    )


def prepare_lines(raw_lines: list[str], markdown: bool) -> list[Line]:
    # Empty lines are never changed afterwards (joins and header drops only
    # touch lines with text), so they can all be one object.
    out = [_EMPTY] * len(raw_lines)
    n = len(raw_lines)
    start = 0
    if markdown:
        first = next((i for i, r in enumerate(raw_lines) if r.strip()), None)
        if first is not None and raw_lines[first].strip() == "---":
            close = next((j for j in range(first + 1, min(n, first + 60)) if raw_lines[j].strip() == "---"), None)
            if close is not None:
                start = close + 1
    in_fence = in_comment = False
    footers: list[int] = []
    written: set[str] = set()  # the short lines so far, without spaces: a running header repeats one
    container: str | None = None
    # What no line holds is not looked for in each line.
    whole = "\n".join(raw_lines)
    comments = "<!--" in whole
    wide_gaps = not markdown and ("\t" in whole or "   " in whole or "\u3000" in whole)
    tables = _CLEANED[markdown, False], _CLEANED[markdown, True]  # clean_line's
    tab_rows = _tab_table_rows(raw_lines) if not markdown and ("\t" in whole or "    " in whole) else frozenset()
    card_rows = card_rows_of(raw_lines) if not markdown and ("\t" in whole or " | " in whole) else frozenset()
    for i in range(start, n):
        raw = raw_lines[i]
        stripped = raw.strip()
        if not stripped and not in_comment:
            continue  # nothing to read, nothing opened or closed
        if in_comment:
            if "-->" in stripped:
                in_comment = False
                stripped = stripped.split("-->", 1)[1].strip()
                raw = stripped
            else:
                continue
        if comments and "<!--" in stripped and "-->" not in stripped.split("<!--", 1)[1]:
            in_comment = True
            stripped = stripped.split("<!--", 1)[0].strip()
            raw = stripped
        literal = tip = False
        if markdown:
            if stripped[:1] in _FENCE_FIRST and _FENCE.match(stripped):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            if stripped.startswith(":::"):
                m = _CONTAINER.match(stripped)
                if container is None and m.group(1):  # type: ignore[union-attr]  # ::: always matches
                    container = (m.group(1) + " " + m.group(2)).strip()  # type: ignore[union-attr]
                    # ``::: tip 巧记`` opens a mnemonic block; a title that says so.
                else:
                    container = None
                continue
            if container is not None:
                literal = tip = True
                if stripped and any(w in container for w in _MNEMONIC_WORDS) and not stripped.startswith(_MNEMONIC_WORDS):
                    stripped = "口诀:" + stripped
                    literal = False  # read as a mnemonic line by the outline
            if stripped.startswith(">"):
                stripped = _EMPHASIS.sub("", stripped.lstrip("> "))
                tip = True
                literal = not stripped.startswith(_MNEMONIC_WORDS)
            if "|" in stripped and (stripped.startswith("|") or (stripped.count("|") >= 2 and _TABLE_RULE.match(stripped))):
                if _TABLE_RULE.match(stripped):
                    continue
                stripped = " ".join(cell.strip() for cell in stripped.strip("|").split("|"))
                literal = True
            if stripped[:1] == "[" and _TOC.match(stripped):
                continue
        elif i in card_rows:
            stripped = card_item(stripped)
        elif i in tab_rows:
            # 铁路	大	较快	较低: a table copied out of Word, one row a line: body
            # text, as a Markdown table's rows are, never items of a list.
            stripped = " ".join(cell.strip() for cell in stripped.split("\t") if cell.strip())
            literal = True
        elif wide_gaps and ("\t" in stripped or "   " in stripped or ("\u3000" in stripped and " " in stripped)
                            or stripped[-1] in "·•・"):
            # The gap between a page number and its header holds a tab, an
            # ideographic space or three spaces.
            header = header_beside_page_number(raw)
            if header is not None:
                # A page's number and its running header: the page goes; a chapter's
                # name stays only where it is not written already.
                footers.append(i)
                key = _NO_SPACE.sub("", normalize_line(header))
                if key in written or not _MARKER_START.match(key):
                    continue
                stripped = raw = header
        memo = tables[literal]
        got = memo.get(stripped)
        if got is None:
            got = _remember(memo, stripped, _clean_line(stripped, markdown, literal))
        text, bold, plain = got
        if text is None:
            if plain is not None:
                footers.append(i)
            continue
        out[i] = Line(text, _indent_of(raw) if raw[0] in _INDENT_CHARS else 0, literal, 0, tip, bold)
        if plain is not None:
            written.add(plain)
    if footers:
        # Page furniture says the text was pasted from pages: lines printed
        # beside it page after page are running headers.
        drop_running_headers(out, footers, lambda text: _MARKER_START.match(text) is not None)
    if not markdown and not indented_outline(out):
        mark_nested_runs(out)
        from cskexam.core.notes.line_wraps import join_hard_wraps  # it reads this module's Line

        join_hard_wraps(out)
    return out


# A line's text depends on nothing but the line (and the kind of file), and
# notes repeat lines (the same item under each chapter): remembered by their
# text during one parse, one table per kind of line. A table that fills up is
# emptied (bounded memory at the cost of a few lines cleaned twice).
_CLEANED: dict[tuple[bool, bool], dict[str, tuple[str | None, bool, str | None]]] = {
    (markdown, literal): {} for markdown in (False, True) for literal in (False, True)}
_CLEANED_MAX = 8192


class _LineCleaner:
    """``clean_line(stripped, markdown, literal)`` → (text, bold, key): the
    line's text (None: nothing is left of it), whether it opens with a bold
    phrase, and its text without spaces when a short line of plain text (a
    running header repeats one); for a line of page furniture (None, bold, "").
    ``clean_line.cache_clear()`` forgets the lines cleaned so far."""

    def __call__(self, stripped: str, markdown: bool, literal: bool) -> tuple[str | None, bool, str | None]:
        memo = _CLEANED[markdown, literal]
        got = memo.get(stripped)
        if got is None:
            got = _remember(memo, stripped, _clean_line(stripped, markdown, literal))
        return got

    def cache_clear(self) -> None:
        for memo in _CLEANED.values():
            memo.clear()


def _remember(memo: dict[str, tuple[str | None, bool, str | None]], stripped: str,
              got: tuple[str | None, bool, str | None]) -> tuple[str | None, bool, str | None]:
    if len(memo) >= _CLEANED_MAX:
        memo.clear()
    memo[stripped] = got
    return got


clean_line = _LineCleaner()


def _clean_line(stripped: str, markdown: bool, literal: bool) -> tuple[str | None, bool, str | None]:
    bold = False
    if markdown and not literal and "**" in stripped[:8] and (ordinal := _ORDINAL_TOPIC.match(stripped)):
        # 首先，**服务质量评价**，这是重中之重。: an answer's points, each a topic of its own.
        stripped = "## " + ordinal.group(1).strip()
    if markdown:
        if not literal and stripped.startswith(("**", "__")):
            # **服务质量的五个维度** 记忆:有可响保移 — the bold heading, then its mnemonic.
            stripped = _BOLD_MNEMONIC.sub(r"\1 ——", stripped, count=1)
            bold = _BOLD_LEAD.match(stripped) is not None
        text = _strip_markup(stripped, markdown)
    elif "<" in stripped:
        text = _strip_markup(stripped, markdown)
    else:
        text = stripped
    if text[:1] in "问問答" and (asked := _NUMBERED_ASK.match(text)):
        # 问题1：结合案例，分析…（8分） / 答题要点：: a case's question and its answer, read as 问/答.
        text = ("答：" if asked.group(1) else "问：") + text[asked.end():]
    if text[:1] in _BANNER_RULE and text[-1:] in _BANNER_RULE:
        banner = _BANNER.match(text)
        if banner and banner.group(1)[-3:] in _DIVIDER_WORDS:
            return None, bold, ""  # -------分界线-------: a rule that names itself
        if banner:  # ========== 模块一 客户服务基础 ==========: the heading between its rules
            text = banner.group(1)
    # A spaced list holds an item separator after its space.
    if (" " in text or "\u3000" in text) and ("、" in text or ";" in text or "；" in text):
        text = _spaced_list(text.strip())
    elif (" " in text or "\u3000" in text) and ("：" in text or ":" in text):
        spaced = _SPACED_AFTER_COLON.match(text.strip())
        if spaced:  # 个人客户：基本信息 消费信息 行为信息: items parted by spaces
            text = spaced.group(1) + "：" + "、".join(spaced.group(2).split())
    text = normalize_line(text)
    if not text:
        return None, bold, None
    first = text[0]
    if first in "精专优可下仅内":
        bare = _FURNITURE_WORDS.sub("", text)
        if bare != text:
            if not bare:
                return None, bold, ""
            text = bare
            first = text[0]
    if len(text) <= 60 and _SOCIAL_FURNITURE.search(text):
        return None, bold, ""
    if first in "☐☑" and _TODO.match(text):
        return None, bold, ""  # ☑ 7P 背完了: the candidate's to-do list, no knowledge
    if first in _ASIDE_BULLETS and ":" in text:
        # ▲易混:可靠性与保证性不同 — a remark behind a bullet is body text, not an item.
        text = _ASIDE_BULLET.sub("", text, count=1)
        first = text[0]
    if first in "【[":
        wrapped = _WRAPPED.match(text)
        # 【第一章 客户服务礼仪】: a heading in brackets; 【下篇预告:第二节 客户期望】 stays a remark.
        if wrapped and not names_a_level_inside(wrapped.group(1)):
            text = wrapped.group(1).strip()
            first = text[0]
            bold = True  # a line of its own: never the wrapped end of the line above
    last = text[-1]
    if ((first in _FURNITURE_FIRST or first.isdecimal())
            and (first not in _RULE or last in _RULE or last.isdecimal()) and _FURNITURE.match(text)) or (
            (last in PAGE_NUMBER_ENDS or last.isdecimal() or last.isspace()) and is_page_number(text)):
        return None, bold, ""
    if markdown or len(text) > 40:
        return text, bold, None
    # normalize_line leaves no whitespace but the ASCII space in a printable line.
    return text, bold, (text.replace(" ", "") if text.isprintable() else _NO_SPACE.sub("", text))


_SHORT_ROW = 40


def _outline_row(line: Line) -> bool:
    """A line that can be a node of a mind map: short, and no sentence."""
    text = line.text
    return not line.literal and len(text) <= _SHORT_ROW and "。" not in text.rstrip("。") and not text.endswith("。")


def mark_nested_runs(lines: list[Line]) -> None:
    """A mind map pasted among ordinary notes (``绩效管理`` over tab-indented
    ``绩效计划`` / ``目标设定`` …, then ``一、…`` sections): a run of short lines,
    four or more of them indented, at two depths or more (or under several
    flush-left branch names), nests by its indentation. The flush-left name
    right before it is its root. Indented paragraphs of a Word copy are long,
    and all at one depth: they are no such run."""
    if not any(line.indent for line in lines):
        return  # a run starts at an indented line
    rows = [i for i, line in enumerate(lines) if line.text]
    k = 0
    while k < len(rows):
        line = lines[rows[k]]
        if line.indent == 0 or not _outline_row(line):
            k += 1
            continue
        j, branches = k, 0
        while j < len(rows):
            row = lines[rows[j]]
            if not _outline_row(row):
                break
            if row.indent == 0:
                after = lines[rows[j + 1]] if j + 1 < len(rows) else None
                if after is None or after.indent == 0 or _MARKER_START.match(row.text):
                    break
                if len(row.text) < 2 or ":" in row.text or "、" in row.text:
                    break  # 降 / 面:焦虑、烦躁 flush left: the end of a line the scan broke, no branch's name
                branches += 1
            j += 1
        indented = [rows[m] for m in range(k, j) if lines[rows[m]].indent > 0]
        levels = {lines[i].indent for i in indented}
        # 一、… over indented 1. 2. …: numbered lines that a Word copy indents
        # by level are an outline by their numbers, not a mind map.
        numbered = sum(1 for i in indented if _NUMBERED_ROW.match(lines[i].text))
        if len(indented) >= 4 and (len(levels) >= 2 or branches) and numbered * 2 <= len(indented):
            for m in range(k, j):
                lines[rows[m]].nested = True
            if k > 0:
                root = lines[rows[k - 1]]
                if root.indent == 0 and _outline_row(root) and not _MARKER_START.match(root.text):
                    root.nested = True
        k = max(j, k + 1)


def indented_outline(lines: list[Line]) -> bool:
    """A mind-map export (XMind, MindManager) pasted as text: most lines are
    indented by tabs or spaces at two levels or more, and few start with a
    list marker. Its indentation is its structure, as in a Markdown list."""
    # Most notes are flush left: settled before any line is matched.
    levels = {line.indent for line in lines if line.indent > 0 and line.text and not line.literal}
    if len(levels) < 2:
        return False
    rows = [line for line in lines if line.text and not line.literal]
    if len(rows) < 6:
        return False
    indented = sum(1 for line in rows if line.indent > 0)
    if indented * 2 < len(rows):
        return False
    marked = sum(1 for line in rows if _MARKER_START.match(line.text))
    # Numbered sections or paragraphs flush left beside it: ordinary notes with
    # a mind map pasted in (``mark_nested_runs`` nests the map alone).
    ordinary = sum(1 for line in rows[1:] if not line.indent and (_MARKER_START.match(line.text) or "。" in line.text))
    return indented * 2 >= len(rows) and len(levels) >= 2 and marked * 4 <= len(rows) and ordinary < 2

