"""Format quirks of real notes → the plain forms the outline reads.

A pre-pass over the raw lines, before ``prepare_lines``. Each quirk belongs to
a kind of source, not to one file: Markdown written by hand (Setext and closed
ATX headings, footnotes, display math, list items continued on the next line,
links to the next chapter), blog posts (emoji, ``a ➕ b``, ``a / b``, chains of
``→``), web pages run through a converter (pinyin after characters), slide
decks (see ``slides``), tables of contents, and the many ways of labelling a
mnemonic (``〔速記〕``, ``記:``).

Every line keeps its number: the graph records where each node came from, so
a line that is absorbed becomes empty and a line that is rewritten stays in
its place. The pass is linear; a line is looked at closely only when a quick
test says one of the quirks may be in it.
"""

from __future__ import annotations

import re

from cskexam.core.notes import emoji, pinyin, slides

# -- Markdown ---------------------------------------------------------------
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_CLOSED_ATX = re.compile(r"^( {0,3}#{1,6}[ \t]+.*?)[ \t]+#+[ \t]*$")
# ##标题 with no space: CommonMark reads a paragraph, the writer meant a heading
# (a #话题# tag closes with a hash and stays as it is).
_TIGHT_ATX = re.compile(r"^( {0,3}#{1,6})(?=[\u4e00-\u9fff【（(]|\d{1,2}(?:\.\d{1,2})*[.、．\s]|第)(?!.*#\s*$)")
# ## 标题 {#sec-1} (Pandoc, kramdown): the attributes are no part of the title.
_ATTRIBUTES = re.compile(r"\s*\{\s*[#.][^{}]*\}\s*$")
_EMPTY_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+#+[ \t]*$")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_MATH_FENCE = re.compile(r"^\s*\$\$\s*$")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:\s*")
_WIKI_LINK = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")
_LINK = re.compile(r"\]\(|\[\[")
# 下一章 / 上篇 / 相关阅读: a line that points at other notes is navigation, not notes.
_NAVIGATION = re.compile(r"上一[章节節篇讲講课課]|下一[章节節篇讲講课課]|上篇|下篇|前一篇|后一篇|後一篇|相关阅读|相關閱讀|延伸阅读|推荐阅读|推薦閱讀")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+\S")
# Lines that open a block of their own and so never continue a paragraph.
_BLOCK = re.compile(r"^\s*(?:#{1,6}(?:\s|$)|>|```|~~~|\||[-*+]\s|\d{1,3}[.)]\s|<|\$\$|:::)")
_BLOCK_FIRST = "#>`~|-*+<$:"  # and a digit
_OPEN_END = "，,、；;"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _glue(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    space = a[-1:].isascii() and a[-1:].isalnum() and b[:1].isascii() and b[:1].isalnum()
    return a + (" " if space else "") + b


def _paragraph(line: str) -> bool:
    return bool(line.strip()) and _indent(line) < 4 and not _BLOCK.match(line) and not _UNDERLINE.match(line)


def _front_matter_end(lines: list[str]) -> int:
    first = next((i for i, r in enumerate(lines[:5]) if r.strip()), None)
    if first is None or lines[first].strip() != "---":
        return 0
    close = next((j for j in range(first + 1, min(len(lines), first + 60)) if lines[j].strip() == "---"), None)
    return close + 1 if close is not None else 0


def _markdown(lines: list[str]) -> None:
    in_fence = False
    item = -1  # the list item whose paragraph the next line may continue
    for i in range(_front_matter_end(lines), len(lines)):
        line = lines[i]
        if not line:
            item = -1
            continue
        # Every block pattern below opens with spaces and then one of a few
        # characters: the first one after the spaces tells which may apply.
        first = line.lstrip()[:1]
        if first in "`~" and _FENCE.match(line):
            in_fence = not in_fence
            item = -1
            continue
        if in_fence:
            continue
        if first == "$" and _MATH_FENCE.match(line):
            # $$ … $$: a display formula is body text; read like a code block.
            lines[i] = "```"
            in_fence = not in_fence
            item = -1
            continue
        if first == "#":
            empty = _EMPTY_ATX.match(line)
            if empty:
                lines[i] = ""
                continue
            tight = _TIGHT_ATX.match(line)
            if tight:
                lines[i] = line = tight.group(1) + " " + line[tight.end():]
            closed = _CLOSED_ATX.match(line)
            if closed:  # ### 标题 ###: the closing hashes are not the title
                lines[i] = line = closed.group(1)
            if line.endswith("}"):
                lines[i] = line = _ATTRIBUTES.sub("", line)
        elif first in "=-" and i > 0 and _UNDERLINE.match(line):
            if _setext(lines, i):
                item = -1
                continue
        if "[" in line:
            if "[^" in line:
                definition = _FOOTNOTE_DEF.match(line)
                # [^1]: …: a footnote is a remark on the text above, body text.
                line = ("> " + line[definition.end():]) if definition else line
                line = lines[i] = _FOOTNOTE_REF.sub("", line)
            if _LINK.search(line):
                if _NAVIGATION.search(line) and not line.lstrip().startswith(">"):
                    line = "> " + line.strip()
                line = lines[i] = _WIKI_LINK.sub(lambda m: m.group(2) or m.group(1), line)
        first = line.lstrip()[:1]  # the line may have been rewritten
        # (A list item is a block of its own.)
        listed = (first in "-*+" or first.isdecimal()) and _ITEM.match(line) is not None
        block = listed or ((first in _BLOCK_FIRST or first.isdecimal()) and _BLOCK.match(line) is not None)
        if item >= 0 and not block and (
            _indent(line) > _indent(lines[item]) or lines[item].rstrip()[-1:] in _OPEN_END
        ):
            # A list item written over two lines: one item.
            lines[item] = _glue(lines[item], line)
            lines[i] = ""
            continue
        item = i if listed else -1


def _setext(lines: list[str], i: int) -> bool:
    """``Title`` over ``====`` or ``----`` (CommonMark): a heading; the underline
    becomes empty. ``----`` under a sentence or under no paragraph is a rule."""
    start = i
    while start > 0 and _paragraph(lines[start - 1]):
        start -= 1
    if start == i:
        if lines[i].strip().startswith("-") and len(lines[i].strip()) >= 3:
            lines[i] = ""  # a thematic break
        return False
    text = lines[start].strip()
    for j in range(start + 1, i):
        text = _glue(text, lines[j])
    level = 1 if lines[i].strip()[0] == "=" else 2
    if level == 2 and (i - start > 1 or text.endswith(("。", "！", "？", ".", "!", "?")) or len(text) > 60):
        lines[i] = ""  # a sentence over a rule
        return False
    lines[start] = "#" * level + " " + text
    for j in range(start + 1, i + 1):
        lines[j] = ""
    return True


# -- tables of contents --------------------------------------------------
_TOC = re.compile(r"^[ \t\u3000]*(?:目[ \t\u3000]*[录錄次]|(?i:table[ \t]+of[ \t]+contents|contents))[ \t\u3000:：]*$", re.M)
_LEADER = re.compile(r"[.…·・\-_\s]{2,}\d*\s*$|\s+\d{1,3}\s*$")
_ENTRY = re.compile(
    r"第[一二三四五六七八九十百\d]+[章节節篇讲講课課部]分?|[一二三四五六七八九十]+、|(?<![\d.])\d{1,2}(?:\.\d{1,2})*[.、\s]|[(（][一二三四五六七八九十\d]{1,2}[)）]"
)


def _drop_toc(lines: list[str], i: int) -> None:
    """``目录`` (line ``i``) over its entries (run together on one line, or one
    a line): navigation, each entry is a heading further on. Dropped only when
    every entry does come again after it."""
    after = "\n".join(lines[i + 1 :])
    offset, entries, blanks = 0, [], 0
    for j in range(i + 1, len(lines)):
        text = lines[j].strip()
        offset += len(lines[j]) + 1
        if not text:
            blanks += 1
            if blanks > 1:
                break
            continue
        blanks = 0
        bare = _LEADER.sub("", text)
        names = [n.strip() for n in _ENTRY.split(bare) if n.strip()]
        # An entry is numbered or leads to its page; anything else ends the table.
        if not names or (bare == text and not _ENTRY.match(text)) or not all(len(n) >= 2 and after.find(n, offset) >= 0 for n in names):
            break
        entries.append(j)
    if entries:
        for j in [i] + entries:
            lines[j] = ""


# -- web page furniture ---------------------------------------------------
# 心理諮詢師 責任編輯:小林 2021-08-16 閱讀:3521 / (責任編輯:小林) / 相關推薦:…: the byline,
# the editor's signature and the related links of a page copied from a site.
# Each word is an alternative of its own, so that the pattern opens with one
# of a few characters and a search skips the text between them.
_BYLINE_WORDS = ("责任编辑", "責任編輯", "编辑", "編輯", "作者", "来源", "來源", "发布时间", "發布時間", "發佈時間", "时间", "時間",
                 "阅读", "閱讀", "浏览", "瀏覽", "点击", "點擊")
_RELATED_WORDS = ("相关推荐", "相關推薦", "相关阅读", "相關閱讀", "推荐阅读", "推薦閱讀", "延伸阅读", "延伸閱讀", "猜你喜欢", "猜你喜歡",
                  "热门推荐", "熱門推薦")
_WEB_WORD = re.compile(
    "|".join(rf"{word}(?:量|数|數|次数|次數)?\s*[:：]" for word in _BYLINE_WORDS)
    + "|" + "|".join(rf"{word}\s*[:：]" for word in _RELATED_WORDS)
)
_RELATED = re.compile(r"^\s*(?:相关推荐|相關推薦|相关阅读|相關閱讀|推荐阅读|推薦閱讀|延伸阅读|延伸閱讀|猜你喜欢|猜你喜歡|热门推荐|熱門推薦)\s*[:：]")
_DATE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_SIGNED = re.compile(r"^\s*[(（]\s*(?:责任编辑|責任編輯|编辑|編輯|作者|来源|來源)\s*[:：][^()（）]{1,20}[)）]\s*$")


def _web_furniture(line: str) -> bool:
    if len(line) > 100:
        return False
    if _RELATED.match(line) or _SIGNED.match(line):
        return True
    words = len(_WEB_WORD.findall(line))
    return words >= 2 or (words == 1 and _DATE.search(line) is not None)


# -- words within a line -------------------------------------------------
# 〔速記〕安避抗 / 【记】… / 記:反閉勇高否: mnemonic labels in their other spellings.
_LABEL_BRACKET = re.compile(r"〔\s*(速记|速記|口诀|口訣|巧记|巧記|记忆|記憶|助记|助記|记|記)\s*〕\s*[:：]?\s*|[【\[]\s*(记|記)\s*[】\]]\s*[:：]?\s*")
_LABEL_BARE = re.compile(r"(?:^|(?<=[\s。.;；,，)）(（>]))([记記])\s*[:：](?=\s*\S)")
_LONG = {"记": "记忆", "記": "記憶"}
# 顺口溜：… / 谐音记忆：… / 【记忆方法】…: other names for a mnemonic, read as 口诀.
_LABEL_OTHER = re.compile(
    r"(?:^|(?<=[\s。.;；,，)）(（>]))[〔【\[]?\s*(?:顺口溜|順口溜|谐音记忆|諧音記憶|谐音|諧音|联想记忆|聯想記憶|"
    r"记忆(?:技巧|方法|法)|記憶(?:技巧|方法|法)|速记法|速記法|一句话记忆|一句話記憶)\s*(?:[〕】\]]\s*[:：]?|[:：])\s*(?=\S)"
)
# a ➕ b, a / b, 早期：a → b → c: short terms joined by a sign are a list. A chain of
# arrows on a line of its own is a sequence of steps told as a sentence (body text);
# named by a label and a colon, it lists the label's items.
_JOINERS = (("➕", re.compile(r"\s*➕\s*"), 1, False), (" / ", re.compile(r"\s+/\s+"), 1, False), ("→", re.compile(r"\s*→\s*"), 2, True))
_PIECE = re.compile(r"^[*_=]*[^\s*_=。，,；;：:！？!?、()（）\[\]]{1,16}(?:[(（][^()（）]{1,8}[)）])?[*_=]*$")
_LEAD = re.compile(r"^\s*(?:[-*+•✅☑]\s*|\d{1,2}[.)、]\s*)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Any character that asks for a closer look, found in one pass over the whole text:
# a pictograph or dingbat, a toned vowel, 〔, →, 记 or 記 before a colon, a spaced slash,
# or a name of a mnemonic (顺口溜:). The pattern opens with a set of characters (the
# first one of each name too), so that a search skips the text between them.
_LOOK_CLOSER = "\u2600-\u27bf\U0001f000-\U0001faff\u2b00-\u2bff\u231a-\u23fa\ufe0f\u20e3\u00e0-\u00fc\u0101-\u01dc〔→"
_MNEMONIC_NAMES = ("顺口溜", "順口溜", "谐音", "諧音", "联想记忆", "聯想記憶", "记忆技巧", "記憶技巧", "记忆方法", "記憶方法", "记忆法", "記憶法",
                   "速记法", "速記法", "一句话记忆", "一句話記憶")
_LABEL_END = r"\s*[:：】\]〕]"
_ANY = re.compile(
    "[" + _LOOK_CLOSER + "记記/" + "".join(sorted({name[0] for name in _MNEMONIC_NAMES})) + "]"
    "(?:(?<=[" + _LOOK_CLOSER + "])|(?<=[记記])" + _LABEL_END + "|(?<= /)(?= )"
    + "".join(f"|(?<={name[0]}){name[1:]}{_LABEL_END}" for name in _MNEMONIC_NAMES) + ")"
)


def _label(m: re.Match[str]) -> str:
    word = m.group(1) or m.group(2)
    return _LONG.get(word, word) + ":"


def _joined(line: str) -> str:
    for sign, split, least, labelled in _JOINERS:
        if sign not in line:
            continue
        colon = max(line.rfind("："), line.rfind(":"))
        if labelled and colon < 0:
            continue
        head = line[: colon + 1] if colon >= 0 else _LEAD.match(line).group(0)  # type: ignore[union-attr]
        pieces = split.split(line[len(head):].strip())
        if len(pieces) > least and all(_PIECE.match(p) and _CJK.search(p) for p in pieces):
            return head + "、".join(pieces)
        if sign == "➕":
            line = line.replace("➕", "+")
    return line


def _words(line: str) -> str:
    if emoji.TRIGGER.search(line):
        line = emoji.rewrite_emoji(line)
    if pinyin.TRIGGER.search(line):
        line = pinyin.drop_readings(line)
    if "记" in line or "記" in line:
        if "〔" in line or "】" in line or "]" in line:
            line = _LABEL_BRACKET.sub(_label, line)
        line = _LABEL_BARE.sub(lambda m: _LONG[m.group(1)] + ":", line)
    elif "〔" in line:
        line = _LABEL_BRACKET.sub(_label, line)
    if "➕" in line or "→" in line or " / " in line:
        line = _joined(line)
    if "溜" in line or "音" in line or "法" in line or "巧" in line or "话" in line or "話" in line or "联想" in line or "聯想" in line:
        line = _LABEL_OTHER.sub(lambda m: m.group(0)[: len(m.group(0)) - len(m.group(0).lstrip())] + "口诀:", line)
    return line


# 【答案】…, 〔参考答案〕…, [答]…: an answer labelled in brackets is an answer like 答：….
_ANSWER_LABEL = re.compile(
    r"^(\s*)(?:[【\[〔]\s*(?:参考答案|參考答案|答案|答)\s*[】\]〕]\s*[:：]?|(?:参考答案|參考答案|答案|答案要点|答题要点|答題要點)\s*[:：])\s*"
)

_EXPLAINED = re.compile(r"^(\s*)(?:[【\[]\s*解析\s*[】\]]\s*[:：]?|解析\s*[:：])\s*")


# A mind map exported as a drawn tree (├─ 计划, │  └─ 计划的作用, |-- 计划): the
# drawing is the indentation; each line keeps its text at the column it stood at.
_TREE_PREFIX = re.compile(r"^[ \t\u3000│┃║|]*(?:[├└┣┗┠┖╠╚╟╙┝┕]|[|`+](?=[-─]{2}))[─━┄┈\-—]*[ \t\u3000]*")
_TREE_GLYPH = re.compile(r"[├└┣┗┠┖╠╚╟╙┝┕]")
_ASCII_BRANCH = re.compile(r"[|`+]--")


def _drawn_tree(text: str) -> bool:
    """A tree glyph anywhere, or a line opening with ``|--`` (``+--``, ```--``)
    after nothing but spaces and vertical bars."""
    return _TREE_GLYPH.search(text) is not None or any(
        not text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip(" \t│|") for m in _ASCII_BRANCH.finditer(text))


def _tree_lines(lines: list[str]) -> None:
    for k, line in enumerate(lines):
        m = _TREE_PREFIX.match(line)
        if m and m.end() < len(line) and line[m.end()] not in "+-|":
            width = sum(4 if ch == "\t" else 1 for ch in m.group(0))
            lines[k] = " " * width + line[m.end() :]
        elif line.strip(" \t\u3000│┃║|") == "" and line.strip():
            lines[k] = ""  # a connector line (│) with nothing on it


def reformat(raw: list[str], markdown: bool) -> tuple[list[str], bool]:
    """The lines rewritten, and whether they are to be read as Markdown-like
    lines (never joined as hard wraps): a slide deck's lines are whole
    paragraphs, like Markdown's."""
    lines = list(raw)
    text = "\n".join(lines)  # each quirk is looked for once in the whole text
    flowing = markdown
    # A table of contents stands on a line of its own: the first such line.
    toc = next((k for k, line in enumerate(lines) if _TOC.match(line)), None) if "目" in text or "ontents" in text or "ONTENTS" in text else None
    if toc is not None:
        _drop_toc(lines, toc)
    if markdown:
        _markdown(lines)
    elif slides.is_deck(text):
        slides.rewrite_deck(lines)
        flowing = True
    changed = toc is not None or markdown or flowing
    if _drawn_tree(text):
        _tree_lines(lines)
        changed = True
    if "解析" in text:
        for k, line in enumerate(lines):
            if k and _EXPLAINED.match(line) and lines[k - 1].rstrip().endswith(("？", "?")):
                lines[k] = _EXPLAINED.sub(r"\1答：", line, count=1)  # …有哪些？ 解析：…: the answer
                changed = True
    if "答" in text:
        for k, line in enumerate(lines):
            if "答" in line[:8] and _ANSWER_LABEL.match(line):
                lines[k] = _ANSWER_LABEL.sub(r"\1答：", line, count=1)
                changed = True
    row, at, last = 0, 0, -1
    for m in _WEB_WORD.finditer(text):
        row += text.count("\n", at, m.start())
        at = m.start()
        if row != last:
            last = row
            if _web_furniture(lines[row]):
                lines[row] = ""
                changed = True
    if changed:
        text = "\n".join(lines)
    row, at, last = 0, 0, -1
    for m in _ANY.finditer(text):
        row += text.count("\n", at, m.start())
        at = m.start()
        if row != last:
            last = row
            lines[row] = _words(lines[row])
    return lines, flowing
