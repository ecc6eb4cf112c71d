"""The study day: like Anki, a day rolls over at 4 am local time, not at midnight.

Someone drilling at 1 am is still finishing the evening's session, so the
reviews count for the day before and the new-card limit is not reset yet.
Every function takes the instant (an aware datetime) and the time zone; a zone
of ``None`` means the machine's local zone, with its daylight-saving rules at
the instant in question.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

ROLLOVER_HOUR = 4


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None:
        raise ValueError("naive datetime; pass an aware (UTC) datetime")


def study_day(at: datetime, tz: tzinfo | None = None, rollover_hour: int = ROLLOVER_HOUR) -> date:
    """The study day ``at`` belongs to."""
    _require_aware(at)
    local = at.astimezone(tz)
    return (local - timedelta(hours=rollover_hour)).date()


def day_start(day: date, tz: tzinfo | None = None, rollover_hour: int = ROLLOVER_HOUR) -> datetime:
    """The UTC instant at which study day ``day`` begins."""
    local = datetime(day.year, day.month, day.day, rollover_hour)
    if tz is None:
        return local.astimezone(timezone.utc)  # a naive datetime is read as local time
    return local.replace(tzinfo=tz).astimezone(timezone.utc)


def next_day_start(at: datetime, tz: tzinfo | None = None, rollover_hour: int = ROLLOVER_HOUR) -> datetime:
    """When the study day after the one containing ``at`` begins (UTC): 'tomorrow' for burying."""
    return day_start(study_day(at, tz, rollover_hour) + timedelta(days=1), tz, rollover_hour)


def day_bounds(at: datetime, tz: tzinfo | None = None, rollover_hour: int = ROLLOVER_HOUR) -> tuple[datetime, datetime]:
    """UTC start and end of the study day containing ``at``."""
    day = study_day(at, tz, rollover_hour)
    return day_start(day, tz, rollover_hour), day_start(day + timedelta(days=1), tz, rollover_hour)
