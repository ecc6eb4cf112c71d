"""Where a session or connection carries its profile (no SQLAlchemy import: db.py reads it early)."""

DEFAULT_PROFILE = "default"
# Key in Session.info and in a pooled connection's info.
PROFILE_KEY = "cskexam_profile"
