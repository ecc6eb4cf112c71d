"""The card browser: find cards by chapter, kind, state and text; suspend, reset, edit, add.

A card's browser state is one of ``BROWSE_STATES``: suspended, buried and
leech win over the scheduling state (a suspended review card is shown as
suspended), so that each card is in exactly one state.

Edits mark the card ``edited``: re-imports keep its front and back. A card
the user adds is ``custom``: re-imports never orphan it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from cskexam.core import srs
from cskexam.core.cards import KIND_LABELS
from cskexam.core.srs import CardState
from cskexam.errors import UserError

if TYPE_CHECKING:
    from cskexam.services.library import Library

BROWSE_STATES = ("new", "learning", "review", "suspended", "buried", "leech")
STATE_LABELS = {"new": "新卡", "learning": "学习中", "review": "复习", "suspended": "已暂停", "buried": "已搁置",
                "leech": "记忆难点"}
CUSTOM_KIND = "custom"
KIND_NAMES = {**KIND_LABELS, CUSTOM_KIND: "自制"}
MAX_SIDE_CHARS = 5_000  # a side of a card is a question or an answer, not a pasted chapter
# Invisible marks a paste brings: zero-width spaces, direction marks and overrides, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def card_side(text: str, side: str) -> str:
    """A side of a card the user wrote, as stored: the importers' rule, so that no
    terminal escape typed or pasted into the editor reaches ``cskexam cards`` or a deck
    (an OSC sequence there retitled the terminal and cleared the screen)."""
    from cskexam.core.notes.normalize import strip_controls

    cleaned = _INVISIBLE.sub("", strip_controls(text)).strip()
    if len(cleaned) > MAX_SIDE_CHARS:
        raise UserError(f"卡片的{side}最多 {MAX_SIDE_CHARS:,} 字（现为 {len(cleaned):,} 字），请删减后再保存")
    return cleaned


@dataclass(frozen=True)
class BrowsedCard:
    id: str
    node: str
    kind: str
    front: str
    back: str
    state: str  # one of BROWSE_STATES
    chapter: str
    path: tuple[str, ...]
    due: dt.datetime | None
    reps: int
    lapses: int
    edited: bool
    custom: bool

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def kind_label(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)

    def to_dict(self) -> dict:
        return {"id": self.id, "node": self.node, "kind": self.kind, "front": self.front, "back": self.back,
                "state": self.state, "chapter": self.chapter, "due": self.due.isoformat() if self.due else None,
                "reps": self.reps, "lapses": self.lapses, "edited": self.edited, "custom": self.custom}


def browse_state(row: Any, now: dt.datetime) -> str:
    """The one state a card is shown in (suspended > buried > leech > scheduling state)."""
    if row.suspended:
        return "suspended"
    if row.buried_until is not None and _aware(row.buried_until) > now:
        return "buried"
    if row.leech:
        return "leech"
    if row.state == srs.NEW:
        return "new"
    if row.state in (srs.LEARNING, srs.RELEARNING):
        return "learning"
    return "review"


def _aware(t: dt.datetime) -> dt.datetime:
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


def chapter_of(graph, node_id: str) -> tuple[str, tuple[str, ...]]:
    """(chapter title, path titles) of a node: the nearest 章, else its document."""
    if node_id not in graph:
        return "", ()
    path = (*graph.path_titles(node_id), graph.get(node_id).title)
    chain = [*graph.ancestors(node_id), graph.get(node_id)]
    for node in reversed(chain):
        if node.kind == "chapter":
            return node.title, path
    return (path[0] if path else ""), path


def matches(card: BrowsedCard, *, chapter: str | None = None, kind: str | None = None, state: str | None = None,
            text: str = "") -> bool:
    if chapter and card.chapter != chapter:
        return False
    if kind and card.kind != kind:
        return False
    if state and card.state != state:
        return False
    words = text.split()
    hay = f"{card.front}\n{card.back}\n{' '.join(card.path)}".casefold()
    return all(w.casefold() in hay for w in words)


class CardBrowser:
    """Cards of a library for the browser screen and ``cskexam cards``."""

    def __init__(self, library: Library, clock: Callable[[], dt.datetime] | None = None) -> None:
        self.library = library
        self.clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))

    def cards(self, **filters) -> list[BrowsedCard]:
        from cskexam.storage import card_browser_repo

        graph = self.library.graph()
        now = self.clock()
        out = []
        with self.library.db.session() as s:
            rows = card_browser_repo.all_cards(s)
        for r in rows:
            chapter, path = chapter_of(graph, r.node_id)
            card = BrowsedCard(r.id, r.node_id, r.kind, r.front, r.back, browse_state(r, now), chapter, path,
                               r.due, r.reps, r.lapses, bool(r.edited), bool(r.custom))
            if matches(card, **filters):
                out.append(card)
        return out

    def chapters(self, cards: list[BrowsedCard]) -> list[str]:
        seen: dict[str, None] = {}
        for c in cards:
            if c.chapter:
                seen.setdefault(c.chapter)
        return list(seen)

    def set_suspended(self, card_id: str, suspended: bool) -> None:
        from cskexam.services import review_queue

        with self.library.db.session(immediate=True) as s:
            review_queue.suspend(s, card_id, suspended)

    def reset(self, card_id: str) -> None:
        """Forget the card: it is new again. Logged, so replay and undo agree."""
        from cskexam.storage import card_browser_repo, review_repo

        now = self.clock()
        with self.library.db.session(immediate=True) as s:
            row = card_browser_repo.get(s, card_id)
            if row is None:
                raise UserError(f"没有这张卡片: {card_id}")
            before = review_repo.state_of(row)
            values = review_repo.state_values(CardState())
            values["buried_until"] = None
            review_repo.write_state(s, card_id, row.version, values)
            review_repo.add_log(s, card_id=card_id, rating=srs.RESET, reviewed_at=now, duration_ms=None,
                                state_before=before.state, state_after=srs.NEW, due_after=None, reason="reset",
                                before={**before.to_dict(), "suspended": row.suspended})

    def edit(self, card_id: str, front: str, back: str) -> None:
        from cskexam.storage import card_browser_repo

        front, back = card_side(front, "正面"), card_side(back, "背面")
        if not front or not back:
            raise UserError("卡片的正面和背面都不能为空")
        with self.library.db.session(immediate=True) as s:
            if not card_browser_repo.set_text(s, card_id, front, back, self.clock()):
                raise UserError(f"没有这张卡片: {card_id}")

    def add(self, node_id: str, front: str, back: str) -> str:
        """Add the user's own card on a key point; returns its id."""
        from cskexam.storage import card_browser_repo

        front, back = card_side(front, "正面"), card_side(back, "背面")
        if not front or not back:
            raise UserError("卡片的正面和背面都不能为空")
        if node_id not in self.library.graph():
            raise UserError(f"没有这个知识点: {node_id}")
        now = self.clock()
        digest = hashlib.sha1(f"{node_id}\n{front}\n{now.isoformat()}".encode("utf-8")).hexdigest()
        card_id = "u" + digest[:15]
        with self.library.db.session(immediate=True) as s:
            card_browser_repo.add_custom(s, card_id, node_id, CUSTOM_KIND, front, back, now)
        return card_id
