"""How the UI names a profile: no storage behind it, so the first start's library line can use it early."""

from __future__ import annotations

from cskexam.storage.profile_key import DEFAULT_PROFILE  # a constant: no SQLAlchemy behind it

ENV = "CSKEXAM_PROFILE"
DEFAULT_LABEL = "默认"


def label(name: str) -> str:
    """How the UI names a profile."""
    return DEFAULT_LABEL if name == DEFAULT_PROFILE else name


def title_label(name: str | None) -> str:
    """The profile as every screen's title names it: nothing for the default profile."""
    return "" if not name or name == DEFAULT_PROFILE else label(name)
