"""``cskexam review``: drill the due cards line by line, without the full-screen UI.

Each card: the question, Enter shows the answer with its place in the notes
and the interval each rating would give, then 1–4 rates it (Enter = 良好).
Every answer is on disk before the next card is shown.
"""

from __future__ import annotations

import argparse
import sys

ORDER = 42

HELP_LINE = "评分 1 重来 / 2 困难 / 3 良好 / 4 简单（回车 = 良好）；u 撤销上一张，s 暂停此卡，b 搁置到明天，q 退出"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "review",
        help="在命令行中复习今日到期的卡片",
        description="逐张复习到期卡片（先学习中与到期复习，再按每日上限学新卡）。" + HELP_LINE + "。",
    )
    p.add_argument("--node", metavar="ID", help="只复习这个知识点（及其下级）的卡片")
    p.add_argument("--limit", type=int, metavar="N", help="最多复习 N 张后结束")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    p.set_defaults(func=run)


def _read(prompt: str) -> str | None:
    print(prompt, flush=True)
    line = sys.stdin.readline()
    return None if line == "" else line.strip().lower()


MAX_LIMIT = 100_000  # more cards than any library holds


def run(args) -> int:
    from cskexam.core import srs
    from cskexam.errors import UserError
    from cskexam.services.library import open_library

    if args.limit is not None and args.limit < 1:
        raise UserError(f"--limit 至少为 1（收到 {args.limit}）")
    if args.limit is not None and args.limit > MAX_LIMIT:
        raise UserError(f"--limit 最多为 {MAX_LIMIT}（收到 {args.limit}）")
    answered = 0
    ratings: dict[int, int] = {}
    with open_library(getattr(args, "db", None)) as library:
        library.ensure_imported()
        reviewer = library.reviewer(node_id=args.node)
        try:
            answered = _drill(args, reviewer, ratings)
        finally:
            reviewer.close()
    parts = "，".join(f"{srs.RATING_LABELS[r]} {n}" for r, n in sorted(ratings.items()) if n)
    print(f"\n本次复习 {answered} 张" + (f"（{parts}）" if parts else "") + "。", flush=True)
    return 0


def _drill(args, reviewer, ratings: dict[int, int]) -> int:
    """The question/answer loop; returns how many cards were answered (undo counts back)."""
    from cskexam.core import srs

    answered = 0
    history: list[tuple[int, int]] = []  # (log id, rating)
    skipped: list[str] = []
    while args.limit is None or answered < args.limit:
        card = reviewer.next_card(exclude=skipped)
        if card is None:
            break
        c = reviewer.counts()
        print(f"\n【剩余 新卡 {c.new} · 学习中 {c.learning} · 复习 {c.review}】 [{card.kind_label}] {card.id}")
        print(f"问: {card.front}")
        if _read("（回车显示答案，q 退出）") in (None, "q"):
            break
        preview = reviewer.preview(card)
        print(f"答: {card.back}")
        print(f"出处: {card.path_text()}")
        print("  ".join(f"{r} {srs.RATING_LABELS[r]}({srs.format_interval(preview[r])})" for r in srs.RATINGS))
        while True:
            key = _read(HELP_LINE)
            if key in (None, "q"):
                key = "q"
                break
            if key in ("", "1", "2", "3", "4", "u", "s", "b"):
                break
            print("无效输入。", flush=True)
        if key == "q":
            break
        if key == "u":
            if not history:
                print("没有可撤销的作答。", flush=True)
                continue
            log_id, old_rating = history.pop()
            undone = reviewer.undo(log_id)
            answered -= 1
            ratings[old_rating] -= 1
            print(f"已撤销: {undone.front}", flush=True)
            continue
        if key == "s":
            reviewer.suspend(card.id)
            print("已暂停此卡。", flush=True)
            continue
        if key == "b":
            until = reviewer.bury(card.id)
            print(f"已搁置到 {until.astimezone().strftime('%m-%d %H:%M')}。", flush=True)
            continue
        rating = int(key) if key else srs.GOOD
        result = reviewer.answer(card.id, rating)
        history.append((result.log_id, rating))
        answered += 1
        ratings[rating] = ratings.get(rating, 0) + 1
        extra = "（已成为记忆难点，已暂停）" if result.became_leech else ""
        print(f"已记录 {card.id} {srs.RATING_LABELS[rating]} → {srs.format_interval(result.interval)}后再见{extra}", flush=True)
    return answered
