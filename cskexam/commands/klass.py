"""``cskexam class report [--json]``: the teacher's view of every profile of the library."""

from __future__ import annotations

import argparse

from cskexam.commands import print_json

ORDER = 85


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "class",
        help="班级：每位考生的进度与全班最常错的知识点",
        description="培训班共用一个资料库（见 --db、--profile）。report 列出每位考生的复习量、记忆保持率、"
        "练习正确率、最近一次模拟考试成绩和预测得分，以及全班错误率最高的知识点。",
    )
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    actions = p.add_subparsers(dest="action", metavar="操作", parser_class=type(p))
    report = actions.add_parser("report", help="班级报告（默认操作）", description="每位考生的进度与全班最常错的知识点。")
    report.add_argument("--json", action="store_true", help="输出 JSON")
    report.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    p.set_defaults(func=run, action="report", json=False)


def run(args) -> int:
    from cskexam.services.classroom import class_report
    from cskexam.services.library import open_library

    with open_library(getattr(args, "db", None)) as library:
        library.ensure_imported()
        report = class_report(library)
    if args.json:
        print_json(report.to_dict())
        return 0
    for line in text_report(report):
        print(line)
    return 0




def text_report(report) -> list[str]:
    from cskexam.services.classroom import CANDIDATE_COLUMNS, percent_text

    lines = [f"考生 {len(report.profiles)} 人", ""]
    lines.append("\t".join(CANDIDATE_COLUMNS))
    for p in report.profiles:
        lines.append("\t".join(p.cells()))
    lines.append("")
    if not report.weak_points:
        lines.append("全班最常错的知识点：作答还不够多，暂无。")
        return lines
    lines.append("全班最常错的知识点：")
    for i, w in enumerate(report.weak_points, start=1):
        place = " › ".join(w.path[1:] or w.path)
        lines.append(f"{i:2d}. {w.title}（错 {percent_text(w.wrong_rate)}，{w.answers} 次作答）" + (f"  {place}" if place else ""))
    return lines
