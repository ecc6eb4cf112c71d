"""``cskexam stats [--json]``: the study statistics of the 统计 screen."""

from __future__ import annotations

import argparse

from cskexam.commands import print_json

ORDER = 45


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "stats",
        help="显示复习统计（今日到期、连续天数、保持率、掌握程度）",
        description="显示复习统计：今日到期、可学新卡、今日已复习、连续学习天数、每日复习量、"
        "未来 30 天到期预测、真实记忆保持率、各文档与章节的掌握程度。学习日在本地时间凌晨 4 点切换。",
    )
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.add_argument("--days", type=int, default=30, metavar="N", help="每日复习量统计最近 N 天（默认 30）")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    p.set_defaults(func=run)


def run(args) -> int:
    import datetime as dt

    from cskexam.errors import UserError
    from cskexam.services.library import open_library

    if not 1 <= args.days <= 3660:
        raise UserError(f"--days 须在 1–3660 之间（收到 {args.days}）")
    now = dt.datetime.now(dt.timezone.utc)
    with open_library(getattr(args, "db", None)) as library:
        library.ensure_imported()
        st = library.study_stats(now, days=args.days)
    if args.json:
        print_json(st.to_dict())
        return 0
    for line in text_report(st):
        print(line)
    return 0


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def text_report(st) -> list[str]:
    t = st.today
    c = st.cards
    lines = [
        f"学习日 {t.day.isoformat()}",
        f"今日到期 {t.due_today}　可学新卡 {t.new_available}　今日已复习 {t.reviewed_today}　连续学习 {t.streak} 天",
        f"卡片：新卡 {c.get('new', 0)}，学习中 {c.get('learning', 0)}，复习 {c.get('review', 0)}，"
        f"已暂停 {c.get('suspended', 0)}，记忆难点 {c.get('leeches', 0)}",
        f"真实保持率：最近 30 天 {_percent(st.retention_30d.rate)}（{st.retention_30d.total} 次），"
        f"全部 {_percent(st.retention_all.rate)}（{st.retention_all.total} 次）",
        "",
        f"最近 {len(st.reviews_per_day)} 天复习量：",
    ]
    peak = max((n for _, n in st.reviews_per_day), default=0)
    for day, n in st.reviews_per_day:
        if n or day == t.day:
            bar = "█" * (round(n / peak * 30) if peak else 0)
            lines.append(f"  {day.isoformat()} {n:4d} {bar}")
    lines += ["", "未来 30 天到期："]
    for day, n in st.forecast:
        if n:
            lines.append(f"  {day.isoformat()} {n:4d}")
    lines += ["", "掌握程度（文档）："]
    for m in st.documents:
        lines.append(f"  {m.title}：{m.cards} 张，已掌握 {_percent(m.mastered)}，当前记忆 {_percent(m.recall)}")
    return lines
