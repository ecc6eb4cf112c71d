"""``cskexam settings``: show or change the review settings of the profile.

Learning steps, desired retention, the daily new-card limit, the maximum
interval, fuzzing and the leech threshold are stored per profile in the
database; changing them takes effect at the next answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from typing import Any

from cskexam.commands import Subparsers
from cskexam.errors import UserError, shown_value

ORDER = 75

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def register(sub: Subparsers) -> None:
    p = sub.add_parser(
        "settings",
        help="查看或修改复习设置（学习步长、目标保持率、每日新卡、最大间隔）",
        description="不带选项时显示当前复习设置；带选项时修改并保存（按档案保存在数据库中）。",
    )
    p.add_argument("--retention", type=float, metavar="R", help="目标记忆保持率，0.70–0.99（默认 0.9）")
    p.add_argument("--new-per-day", type=int, metavar="N", help="每日新卡上限（默认 20）")
    p.add_argument("--max-interval", type=int, metavar="天", help="最大复习间隔（天）")
    p.add_argument("--learning-steps", metavar="步长", help="学习步长，如 1m,10m（s 秒 / m 分 / h 时 / d 天）")
    p.add_argument("--relearning-steps", metavar="步长", help="重学步长，如 10m")
    p.add_argument("--leech", type=int, metavar="N", help="遗忘多少次算记忆难点并暂停（默认 8）")
    p.add_argument("--fuzz", dest="fuzz", action="store_true", default=None, help="间隔加入少量随机（默认开启）")
    p.add_argument("--no-fuzz", dest="fuzz", action="store_false", help="关闭间隔随机")
    p.add_argument("--bury-siblings", dest="bury_siblings", action="store_true", default=None,
                   help="复习一张卡片后，同一知识点的其他卡片搁置到第二天（默认开启）")
    p.add_argument("--no-bury-siblings", dest="bury_siblings", action="store_false", help="不搁置同一知识点的其他卡片")
    p.add_argument("--exam-date", metavar="日期", help="考试日期，如 2026-05-16 或 5月16日（空字符串清除）")
    p.add_argument("--daily-goal", type=int, metavar="N", help="每日复习目标（张，0 表示不设）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=run)


_MAX_STEP = 365 * 86400  # a learning step of more than a year is a typo (and 1e400 m is no number of seconds)
_MAX_STEPS = 20


def parse_steps(text: str) -> tuple[int, ...]:
    """``1m,10m`` → (60, 600); a bare number means minutes."""
    steps = []
    for part in re.split(r"[,，\s]+", text.strip()):
        if not part:
            continue
        m = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd]?)", part.lower())
        if not m:
            raise UserError(f"无法识别的步长: {shown_value(part)}（示例: 1m,10m）")
        seconds = float(m.group(1)) * _UNITS[m.group(2) or "m"]
        if seconds > _MAX_STEP:
            raise UserError(f"步长 {shown_value(part)} 太长：每一步最长 365 天（示例: 1m,10m）")
        steps.append(round(seconds))
    if len(steps) > _MAX_STEPS:
        raise UserError(f"步长最多 {_MAX_STEPS} 个（示例: 1m,10m）")
    if not steps:
        raise UserError("步长不能为空（示例: 1m,10m）")
    return tuple(steps)


def format_steps(steps: tuple[int, ...]) -> str:
    out = []
    for s in steps:
        for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
            if s % size == 0:
                out.append(f"{s // size}{unit}")
                break
        else:
            out.append(f"{s}s")
    return ",".join(out)


def _check_values(changes: dict[str, Any], plan_changes: dict[str, Any]) -> None:
    """UserError for a value out of its range, before the library is opened (or made): each
    value's range holds whatever the other settings are."""
    from cskexam.core.plan import StudyPlan
    from cskexam.core.srs import SrsSettings

    try:
        SrsSettings(**changes)
        StudyPlan(**plan_changes)
    except ValueError as exc:
        raise UserError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from cskexam.services.library import open_library

    changes = {}
    if args.retention is not None:
        changes["desired_retention"] = args.retention
    if args.new_per_day is not None:
        changes["daily_new_limit"] = args.new_per_day
    if args.max_interval is not None:
        changes["maximum_interval"] = args.max_interval
    if args.learning_steps is not None:
        changes["learning_steps"] = parse_steps(args.learning_steps)
    if args.relearning_steps is not None:
        changes["relearning_steps"] = parse_steps(args.relearning_steps)
    if args.leech is not None:
        changes["leech_lapses"] = args.leech
    if args.fuzz is not None:
        changes["enable_fuzzing"] = args.fuzz
    if args.bury_siblings is not None:
        changes["bury_siblings"] = args.bury_siblings

    from cskexam.core.plan import parse_date
    from cskexam.services import plan as plan_service

    plan_changes: dict[str, Any] = {}
    try:
        if args.exam_date is not None:
            plan_changes["exam_date"] = parse_date(args.exam_date, dt.date.today())
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.daily_goal is not None:
        plan_changes["daily_goal"] = args.daily_goal
    _check_values(changes, plan_changes)

    library = open_library(args.db)
    try:
        with library.reviewer() as reviewer:
            settings = reviewer.settings
            plan = plan_service.load_plan(library)
            try:
                if changes:
                    settings = replace(settings, **changes)
                if plan_changes:
                    plan = replace(plan, **plan_changes)
            except ValueError as exc:
                raise UserError(str(exc)) from None
            if changes:
                reviewer.save_settings(settings)
            if plan_changes:
                plan_service.save_plan(library, plan)
    finally:
        library.close()
    changes.update(plan_changes)

    if args.json:
        print(json.dumps({**settings.to_dict(), **plan.to_dict()}, ensure_ascii=False))
        return 0
    print("已保存复习设置：" if changes else "当前复习设置：")
    print(f"  目标记忆保持率  {settings.desired_retention:.2f}")
    print(f"  每日新卡上限    {settings.daily_new_limit}")
    print(f"  最大间隔        {settings.maximum_interval} 天")
    print(f"  学习步长        {format_steps(settings.learning_steps)}")
    print(f"  重学步长        {format_steps(settings.relearning_steps)}")
    print(f"  间隔随机        {'开' if settings.enable_fuzzing else '关'}")
    print(f"  记忆难点阈值    遗忘 {settings.leech_lapses} 次")
    print(f"  搁置同点卡片    {'开' if settings.bury_siblings else '关'}")
    print(f"  考试日期        {plan.exam_date.isoformat() if plan.exam_date else '未设置'}")
    print(f"  每日目标        {f'{plan.daily_goal} 张' if plan.daily_goal else '未设置'}")
    return 0
