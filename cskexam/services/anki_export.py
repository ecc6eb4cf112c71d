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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cskexam.errors import UserError
from cskexam.userfiles import replacing, require_output_path

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


def require_apkg_target(path: str | Path) -> None:
    """UserError unless ``path`` can take the deck: a name ending in .apkg where an export may go."""
    require_output_path(path)
    path = Path(path)
    if path.name.lower() == ".apkg":  # a hidden file with no suffix, for Path
        raise UserError("文件名只有扩展名 .apkg：请在前面写上名字，如 cskexam.apkg", str(path))
    if path.suffix.lower() != ".apkg":
        raise UserError("Anki 牌组文件须以 .apkg 结尾", str(path))


def export_apkg(library: Library, path: str | Path) -> ApkgResult:
    import genanki

    from cskexam.services.card_browser import CardBrowser

    path = Path(path)
    require_apkg_target(path)
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
    with replacing(path) as tmp:  # never a half-written deck, nor one written through a planted name
        genanki.Package(deck).write_to_file(str(tmp))
    return ApkgResult(path.resolve(), count)
