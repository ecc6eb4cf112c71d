"""The candidate's plan: the exam date and a daily goal, and what follows from them. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from cskexam.errors import shown_value


@dataclass(frozen=True)
class StudyPlan:
    exam_date: dt.date | None = None
    daily_goal: int = 0  # cards to review a day; 0 = no goal

    def __post_init__(self) -> None:
        problems = self.problems()
        if problems:
            raise ValueError("；".join(problems))

    def problems(self) -> list[str]:
        out = []
        if not 0 <= self.daily_goal <= 9999:
            out.append("每日目标须在 0–9999 张之间（0 表示不设目标）")
        return out

    def to_dict(self) -> dict:
        return {"exam_date": self.exam_date.isoformat() if self.exam_date else None, "daily_goal": self.daily_goal}

    @classmethod
    def from_dict(cls, data: Mapping) -> "StudyPlan":
        raw = data.get("exam_date")
        try:
            when = dt.date.fromisoformat(raw) if raw else None
        except (TypeError, ValueError):
            when = None
        try:
            goal = int(data.get("daily_goal") or 0)
        except (TypeError, ValueError):
            goal = 0
        return cls(when, min(max(goal, 0), 9999))

    def days_left(self, today: dt.date) -> int | None:
        return None if self.exam_date is None else (self.exam_date - today).days

    def countdown_text(self, today: dt.date) -> str:
        days = self.days_left(today)
        if days is None:
            return "未设置（按 , 设置）"
        if days > 0:
            return f"还有 {days} 天（{self.exam_date:%m-%d}）"
        if days == 0:
            return "今天考试，加油！"
        return f"已过 {-days} 天（{self.exam_date:%m-%d}）"


def parse_date(text: str, today: dt.date) -> dt.date | None:
    """``2026-05-16``, ``2026/5/16``, ``5-16`` or ``5月16日`` (this year, or next if past); empty → None."""
    import re

    text = text.strip()
    if not text:
        return None
    m = re.fullmatch(r"(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?", text)
    if not m:
        raise ValueError(f"无法识别的日期：{shown_value(text)}（例如 2026-05-16 或 5月16日）")
    year = int(m.group(1)) if m.group(1) else today.year
    try:
        day = dt.date(year, int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"没有这一天：{shown_value(text)}") from None
    if not m.group(1) and day < today:
        day = day.replace(year=year + 1)
    if (day - today).days > MAX_DAYS_AHEAD:
        # 9999-12-31 or 2207-05-16: a slip in the year, never a real exam date.
        raise ValueError(f"考试日期太远：{shown_value(text)}（最多 {MAX_DAYS_AHEAD // 365} 年以后，请检查年份）")
    return day


MAX_DAYS_AHEAD = 5 * 365


def goal_text(reviewed: int, goal: int) -> str:
    """``30/50 张`` or ``50/50 张 ✓``; empty without a goal."""
    if goal <= 0:
        return ""
    return f"{reviewed}/{goal} 张" + (" ✓ 已完成" if reviewed >= goal else "")


def days_away(last_studied: dt.date | None, today: dt.date) -> int:
    """Whole study days missed before today (0 if studied yesterday or today, or never)."""
    if last_studied is None:
        return 0
    return max(0, (today - last_studied).days - 1)
