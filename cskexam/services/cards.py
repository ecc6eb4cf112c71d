"""Keep the stored cards in step with the knowledge graph.

``sync_cards`` runs inside every notes import (see ``import_steps`` in
``cskexam.services.library``) with the library's whole active graph:

* a card generated for the first time is added (new, in outline order);
* a card whose front or back changed keeps its id and so its history;
* a stored card that is no longer generated (its node vanished or no longer
  yields it) is orphaned: out of every queue, never deleted;
* an orphaned card generated again comes back with its history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cskexam.core.cards import Flashcard, generate_cards
from cskexam.core.graph import KnowledgeGraph
from cskexam.storage import review_repo


@dataclass(frozen=True)
class CardSyncResult:
    added: int
    updated: int
    unchanged: int
    orphaned: int
    revived: int

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.revived


def sync_cards(session: Session, graph: KnowledgeGraph, now: dt.datetime) -> CardSyncResult:
    cards = generate_cards(graph)
    stored = review_repo.stored_cards(session)
    known_nodes = review_repo.active_node_ids(session, {c.node for c in cards if c.id not in stored})
    next_seq = review_repo.max_seq(session) + 1
    inserts, updates = [], []
    updated = unchanged = revived = 0
    for card in cards:
        old = stored.get(card.id)
        if old is None:
            if card.node not in known_nodes:
                continue  # the graph given is not the stored one; never point at a missing node
            inserts.append({
                "id": card.id, "node_id": card.node, "kind": card.kind, "front": card.front, "back": card.back,
                "seq": next_seq, "created_at": now, "changed_at": now, "orphaned": False, "suspended": False,
                "leech": False, "state": 0, "reps": 0, "lapses": 0, "version": 0, "edited": False, "custom": False,
            })
            next_seq += 1
            continue
        change: dict = {}
        if not old.edited and (old.front != card.front or old.back != card.back):
            change.update(front=card.front, back=card.back, changed_at=now)
            updated += 1
        if old.orphaned:
            change["orphaned"] = False
            revived += 1
        elif not change:
            unchanged += 1
            continue
        updates.append({"id": card.id, **change})
    generated = {c.id for c in cards}
    gone = [{"id": cid, "orphaned": True} for cid, old in stored.items()
            if not old.orphaned and not old.custom and cid not in generated]
    review_repo.insert_cards(session, inserts)
    review_repo.update_cards(session, updates + gone)
    return CardSyncResult(added=len(inserts), updated=updated, unchanged=unchanged, orphaned=len(gone), revived=revived)


def list_cards(session: Session, include_orphaned: bool = False) -> list[Flashcard]:
    """The stored cards in the order new ones are introduced."""
    return [Flashcard(r.id, r.node_id, r.kind, r.front, r.back) for r in review_repo.card_contents(session, include_orphaned)]
