"""Anki export: the library's cards as an .apkg package (genanki), for AnkiDroid or AnkiMobile.

Each card is one Basic note (正面/背面/出处) tagged with its chapter and kind
(``章节::…``, ``类型::…``), so a deck can be filtered on the phone the way
the browser filters it here. Note guids come from the card ids: exporting
again updates the notes already in Anki instead of duplicating them.
Suspended cards are left out. The package is written to a temporary file
and moved into place, so a failed export leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cskexam.errors import UserError, os_error_text
from cskexam.userfiles import require_output_path

if TYPE_CHECKING:
    from cskexam.services.library import Library

DECK_NAME = "客户服务管理师（二级）"


def _stable_id(name: str) -> int:
    """A fixed id in Anki's range for the model and the deck (the same on every export)."""
    return (1 << 30) + int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) % (1 << 30)


def _tag(prefix: str, text: str) -> str:
    # Anki splits tags at whitespace; "::" makes a tag tree.
    words = "_".join(text.split())
    return f"{prefix}::{words}" if words else prefix


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


@dataclass(frozen=True)
class ApkgResult:
    path: Path
    notes: int


def export_apkg(library: Library, path: str | Path) -> ApkgResult:
    import genanki

    from cskexam.services.card_browser import CardBrowser

    path = Path(path)
    if path.suffix.lower() != ".apkg":
        raise UserError("Anki 牌组文件须以 .apkg 结尾", str(path))
    if path.is_dir():
        raise UserError("这是一个目录，请给出文件名（如 cskexam.apkg）", str(path))
    require_output_path(path)
    model = genanki.Model(
        _stable_id("cskexam-basic"),
        "cskexam 问答",
        fields=[{"name": "正面"}, {"name": "背面"}, {"name": "出处"}],
        templates=[{
            "name": "问答",
            "qfmt": "{{正面}}",
            "afmt": '{{FrontSide}}<hr id="answer">{{背面}}<div style="color:#888;font-size:80%">{{出处}}</div>',
        }],
        css=".card { font-size: 20px; text-align: left; }",
    )
    deck = genanki.Deck(_stable_id(DECK_NAME), DECK_NAME)
    count = 0
    for card in CardBrowser(library).cards():
        if card.state == "suspended":
            continue
        tags = [_tag("类型", card.kind_label)]
        if card.chapter:
            tags.insert(0, _tag("章节", card.chapter))
        deck.add_note(genanki.Note(
            model=model,
            fields=[_html(card.front), _html(card.back), _html(" › ".join(card.path))],
            tags=tags,
            guid=genanki.guid_for("cskexam", card.id),
        ))
        count += 1
    if not count:
        raise UserError("没有可导出的卡片（先导入笔记）")
    tmp = path.with_name(path.name + ".part")
    try:
        genanki.Package(deck).write_to_file(str(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"无法写入文件: {os_error_text(exc)}", str(path)) from None
    return ApkgResult(path.resolve(), count)
