"""``cskexam exam …``: mock exam blueprints, papers, predictions, history, calibration.

Sitting an exam happens in the TUI (``cskexam``, key ``e``); the command line
shows what a paper would hold and what happened in past attempts.
"""

from __future__ import annotations

import argparse
import sys

from cskexam.commands import Subparsers, print_json

ORDER = 45


def _seed(text: str) -> int:
    from cskexam.errors import UserError
    from cskexam.services.exam import check_seed

    try:
        # Checked here, with the other arguments: a bad seed opens (or makes) no library.
        return check_seed(int(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--seed 需要整数，而不是 {text!r}") from None
    except UserError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def register(sub: Subparsers) -> None:
    p = sub.add_parser("exam", help="模拟考试：试卷方案、组卷、预测得分、考试记录与校准",
                       description="模拟考试。在终端界面中按 e 参加考试；这里查看试卷方案、组卷结果、预测得分、历次成绩和预测校准。")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help="数据库 SQLAlchemy URL（同全局选项 --db）")
    actions = p.add_subparsers(dest="exam_command", metavar="操作")

    bp = actions.add_parser("blueprints", help="列出试卷方案（默认操作）",
                            description="列出试卷方案：内置方案与用户目录 <数据目录>/blueprints/ 中的 YAML 文件（同名覆盖）。")
    bp.add_argument("--json", action="store_true", help="输出 JSON")
    bp.set_defaults(func=run_blueprints)

    pa = actions.add_parser("paper", help="按方案组一份试卷（可复现）", description="按试卷方案组卷；同一 --seed 与同样的考试记录得到同一份试卷。")
    pa.add_argument("--blueprint", "-b", default="理论知识模拟", metavar="名称", help="试卷方案名称（默认：理论知识模拟）")
    pa.add_argument("--seed", type=_seed, metavar="N", help="随机种子（不给则随机）")
    pa.add_argument("--json", action="store_true", help="输出 JSON（含题目与答案）")
    pa.set_defaults(func=run_paper)

    pr = actions.add_parser("predict", help="预测得分（含 90%% 区间）", description="根据复习记录（FSRS 记忆概率）和做题正确率预测各方案得分。")
    pr.add_argument("--blueprint", "-b", metavar="名称", help="只预测这个方案")
    pr.add_argument("--json", action="store_true", help="输出 JSON")
    pr.set_defaults(func=run_predict)

    hi = actions.add_parser("history", help="历次考试成绩", description="历次模拟考试：得分、是否合格、用时、预测得分。")
    hi.add_argument("--all", action="store_true", help="也列出进行中和已放弃的考试")
    hi.add_argument("--json", action="store_true", help="输出 JSON")
    hi.set_defaults(func=run_history)

    re_ = actions.add_parser("report", help="一次考试的成绩报告", description="显示一次已交卷考试的成绩报告。")
    re_.add_argument("attempt", type=int, metavar="编号", help="考试编号（见 exam history）")
    re_.add_argument("--json", action="store_true", help="输出 JSON")
    re_.set_defaults(func=run_report)

    ca = actions.add_parser("calibration", help="预测得分的校准（平均绝对误差）",
                            description="每次考试开始时记录的预测得分与实际得分的平均绝对误差（MAE）。")
    ca.add_argument("--json", action="store_true", help="输出 JSON")
    ca.set_defaults(func=run_calibration)
    p.set_defaults(func=run_blueprints, json=False)


def _service(args, *, import_notes: bool = True):
    from cskexam.services.exam import ExamService
    from cskexam.services.library import open_library

    library = open_library(getattr(args, "db", None))
    try:
        if import_notes:
            library.ensure_imported()
    except BaseException:
        library.close()
        raise
    return library, ExamService(library)


def _dump(data) -> None:
    print_json(data)


def run_blueprints(args: argparse.Namespace) -> int:
    from cskexam.services.exam import load_blueprints

    blueprints = load_blueprints()
    if args.json:
        _dump([b.to_dict() for b in blueprints])
        return 0
    for b in blueprints:
        print(f"{b.name}：{b.summary()}")
        if b.description:
            print(f"    {b.description}")
    return 0


def _known_blueprint(name: str | None) -> None:
    """UserError for a blueprint there is not, before the library is opened (or made)."""
    if name:
        from cskexam.services.blueprints import find_blueprint, load_blueprints

        find_blueprint(name, load_blueprints())


def run_paper(args: argparse.Namespace) -> int:
    _known_blueprint(args.blueprint)
    library, service = _service(args)
    with library:
        paper = service.paper(args.blueprint, args.seed)
    if args.json:
        _dump(paper.to_dict())
        return 0
    from cskexam.display import fmt_points

    bp = paper.blueprint
    print(f"{bp.name}（种子 {paper.seed}）：{len(paper.items)} 题，满分 {fmt_points(paper.total_points)}，"
          f"{bp.minutes} 分钟，{fmt_points(paper.pass_mark)} 分合格")
    for s in paper.shortfalls:
        print(f"注意: {s.message()}", file=sys.stderr)
    section = None
    for item in paper.items:
        if item.section != section:
            section = item.section
            sec = bp.sections[section]
            print(f"\n{sec.label}（每题 {fmt_points(sec.points)} 分）")
        print(f"{item.number:>3}. {item.question.stem}")
        for key, text in item.question.options.items():
            print(f"       {key}. {text}")
    return 0


def run_predict(args: argparse.Namespace) -> int:
    _known_blueprint(args.blueprint)
    library, service = _service(args)
    with library:
        names = [args.blueprint] if args.blueprint else [b.name for b in service.blueprints()]
        if args.blueprint:
            service.blueprint(args.blueprint)
        by_name = service.predict_all(names)
        predictions = [by_name[n] for n in names]
    if args.json:
        _dump([p.to_dict() for p in predictions])
        return 0
    from cskexam.display import fmt_points

    for p in predictions:
        if not p.ready:
            print(f"{p.blueprint}：{p.text()}")
            continue
        print(f"{p.blueprint}：{p.text()}，满分 {fmt_points(p.total)}，{p.pass_chance_text}"
              f"（有复习或做题记录的分值占 {p.covered:.0%}）")
    return 0


def _local(t) -> str:
    return t.astimezone().strftime("%Y-%m-%d %H:%M") if t else ""


def run_history(args: argparse.Namespace) -> int:
    library, service = _service(args, import_notes=False)
    with library:
        rows = service.history(include_unfinished=args.all)
    if args.json:
        _dump([r.to_dict() for r in rows])
        return 0
    if not rows:
        print("还没有考试记录。在终端界面（cskexam）中按 e 开始模拟考试。")
        return 0
    from cskexam.display import fmt_points, format_duration

    for r in rows:
        score = f"{fmt_points(r.score)}/{fmt_points(r.total)} 分" if r.score is not None else f"已答 {r.answered}/{r.questions}"
        verdict = "" if r.passed is None else ("合格" if r.passed else "不合格")
        pred = f"  预测 {r.predicted:.0f}" if r.predicted is not None else "  考前预测：尚无数据"
        print(f"#{r.id:<4} {_local(r.started_at)}  {r.blueprint}  {score} {verdict}  "
              f"用时 {format_duration(r.time_used)}  {r.status_label}{pred}")
    return 0


def run_report(args: argparse.Namespace) -> int:
    library, service = _service(args, import_notes=False)
    with library:
        report = service.report(args.attempt)
    if args.json:
        _dump(report.to_dict())
        return 0
    from cskexam.display import fmt_points, format_duration

    print(f"{report.paper.blueprint.name}：{fmt_points(report.score)}/{fmt_points(report.total)} 分，"
          f"{'合格' if report.passed else '不合格'}（合格线 {fmt_points(report.pass_mark)}），用时 {format_duration(report.time_used)}")
    for title, groups in (("按题型", report.by_type), ("按文档/章节", report.by_part)):
        print(f"\n{title}:")
        for g in groups:
            print(f"  {g.label}  {fmt_points(g.earned)}/{fmt_points(g.points)} 分  正确率 {g.accuracy:.0%}")
    if report.weakest:
        print("\n最薄弱的知识点:")
        for w in report.weakest:
            print(f"  {w.path}  失 {fmt_points(w.lost)} 分（第 {'、'.join(map(str, w.questions))} 题）")
    return 0


def run_calibration(args: argparse.Namespace) -> int:
    library, service = _service(args, import_notes=False)
    with library:
        cal = service.calibration()
    if args.json:
        _dump({"attempts": cal.attempts, "mae": cal.mae, "mae_percent": cal.mae_percent,
               "within_goal": cal.within_goal,
               "rows": [{"predicted": r.predicted, "raw": r.raw, "actual": r.actual, "total": r.total}
                        for r in cal.rows]})
        return 0
    if not cal.attempts:
        print("还没有带预测的考试记录：每次模拟考试开始时都会记录预测得分，交卷后即可校准。")
        return 0
    print(f"已交卷考试 {cal.attempts} 次，预测得分的平均绝对误差 {cal.mae:.1f} 分（百分制 {cal.mae_percent:.1f} 分）")
    if cal.within_goal is None:
        print("至少 3 次考试后才能判断预测是否达到 ±5 分的目标。")
    else:
        print("达到 ±5 分的目标。" if cal.within_goal else "尚未达到 ±5 分的目标：多考几次，预测会自行校正。")
    for r in cal.rows:
        print(f"  预测 {r.predicted:.1f}  实得 {r.actual:.1f} / {r.total:g}")
    return 0
