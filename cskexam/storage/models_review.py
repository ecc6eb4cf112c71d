"""Tables of the review loop: cards, their review log, per-profile settings.

The review log is the source of truth: every answer adds a row with the
rating, the time and the card's state before it (for undo). The scheduling
columns of ``cards`` are a cache of replaying that log through fsrs, kept so
that the due queue is one indexed query.

Cards are never deleted. A card whose node vanished from the notes (or that
the generator no longer makes) is ``orphaned``: out of every queue, history
kept, back in play if the card is generated again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, ForeignKeyConstraint, Index, Integer, String, Text
from sqlalchemy import false
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from cskexam.storage.base import Base
from cskexam.storage.models_profiles import profile_column

CARD_ID = String(16)


class CardRow(Base):
    __tablename__ = "cards"

    id: Mapped[str] = mapped_column(CARD_ID, primary_key=True)
    # Whose scheduling state this row holds. Content (front, back, orphaned)
    # is the same in every profile's row of a card and is updated by id alone.
    profile: Mapped[str] = profile_column(primary_key=True)
    node_id: Mapped[str] = mapped_column(String(40), ForeignKey("nodes.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(Integer, default=0)  # order in which new cards are introduced
    created_at: Mapped[dt.datetime]
    changed_at: Mapped[dt.datetime]  # last change of front or back
    orphaned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    suspended: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    leech: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    buried_until: Mapped[dt.datetime | None]
    # Changed by hand (front/back kept by re-imports) / written by the user on a key point.
    edited: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    custom: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # fsrs state (see cskexam.core.srs.CardState); state 0 = new, then 1–3 as fsrs.
    state: Mapped[int] = mapped_column(Integer, default=0, server_default=sql_text("0"))
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[dt.datetime | None]
    last_review: Mapped[dt.datetime | None]
    reps: Mapped[int] = mapped_column(Integer, default=0, server_default=sql_text("0"))
    lapses: Mapped[int] = mapped_column(Integer, default=0, server_default=sql_text("0"))
    # Bumped by every write of the scheduling state: an answer from a second
    # process on the same card is detected instead of silently overwritten.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default=sql_text("0"))

    # The queue filters on these columns too: having them in the index lets
    # SQLite answer "what is due" and "how many are left" from the index alone.
    __table_args__ = (
        Index("ix_cards_profile_due", "profile", "due"),
        Index("ix_cards_queue_due", "profile", "state", "due", "suspended", "orphaned", "buried_until"),
        Index("ix_cards_queue_new", "profile", "state", "seq", "suspended", "orphaned", "buried_until"),
    )


class ReviewLogRow(Base):
    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_id: Mapped[str] = mapped_column(CARD_ID)
    profile: Mapped[str] = profile_column()
    rating: Mapped[int] = mapped_column(Integer)  # 1–4; 0 = put back in the queue (wrong answer elsewhere)
    reviewed_at: Mapped[dt.datetime]
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    state_before: Mapped[int] = mapped_column(Integer)  # 0 new, 1 learning, 2 review, 3 relearning
    state_after: Mapped[int] = mapped_column(Integer)
    due_after: Mapped[dt.datetime | None]
    reason: Mapped[str | None] = mapped_column(String(32))
    # The card's whole scheduling state before this entry, for undo.
    before: Mapped[dict[str, Any]]

    __table_args__ = (
        ForeignKeyConstraint(["card_id", "profile"], ["cards.id", "cards.profile"], name="fk_review_logs_card_id_cards"),
        Index("ix_review_logs_card_id_profile", "card_id", "profile"),
        Index("ix_review_logs_profile_reviewed_at", "profile", "reviewed_at"),
    )


class ReviewSettingsRow(Base):
    __tablename__ = "review_settings"

    profile: Mapped[str] = mapped_column(String(32), primary_key=True)
    settings: Mapped[dict[str, Any]]
    updated_at: Mapped[dt.datetime]
