"""The report of a mock exam: score, pass/fail, time, per type and per part, weak
points, and every question reviewable with the right answer, 解析 and source.

Keys: ↑/↓ pick a question, w only wrong ones, v show the key point in 知识图谱,
l history, Esc back. Question and note text reach widgets as ``Content(text)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cskexam.tui.failures import report_problem
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.text import clip
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer
from cskexam.core.vocab import QuestionType

if TYPE_CHECKING:
    from cskexam.core.exam import ExamReport, QuestionOutcome


def given_text(outcome: QuestionOutcome) -> str:
    q = outcome.item.question
    given = outcome.given
    if outcome.blank:
        return "（未作答）"
    if q.type == QuestionType.SINGLE:
        return f"{given}. {q.options.get(given, '')}"
    if q.type == QuestionType.MULTI:
        return "；".join(f"{k}. {q.options.get(k, '')}" for k in given)
    if isinstance(given, list):
        return "、".join(str(g) for g in given)
    return str(given)


def summary_content(report: ExamReport, prediction: Any = None) -> Content:
    from cskexam.core.exam import STATUS_LABELS
    from cskexam.display import fmt_points, format_duration

    verdict = ("合格", "bold $success") if report.passed else ("不合格", "bold $error")
    parts: list[Any] = [
        (f"{report.paper.blueprint.name}  ", "bold"),
        (f"{fmt_points(report.score)} / {fmt_points(report.total)} 分  ", "bold"), verdict,
        f"  （合格线 {fmt_points(report.pass_mark)}）\n",
        f"用时 {format_duration(report.time_used)} · 答对 {report.correct}/{len(report.outcomes)} 题 · "
        f"答错 {len(report.wrong)} · 未答 {len(report.unanswered)} · "
        f"{STATUS_LABELS.get(report.status, report.status)}",
    ]
    if prediction is not None and getattr(prediction, "ready", True):
        parts.append(f" · 考前预测 {prediction.expected:.0f} 分（{prediction.low:.0f}–{prediction.high:.0f}）")
    else:  # no evidence before the exam: no figure was recorded
        parts.append(" · 考前预测：尚无数据")
    parts.append("\n\n")
    for title, groups in (("按题型", report.by_type), ("按文档/章节", report.by_part)):
        parts.append((title + "\n", "bold"))
        for g in groups:
            parts += [f"  {fmt_points(g.earned):>5}/{fmt_points(g.points):<5} 分  正确率 {g.accuracy:>4.0%}  ",
                      (clip(g.label, 24), ""), "\n"]
    if report.weakest:
        parts.append(("最薄弱的知识点（失分最多）\n", "bold"))
        for w in report.weakest:
            numbers = "、".join(str(n) for n in w.questions)
            parts += [f"  失 {fmt_points(w.lost)} 分  ", (clip(w.path, 30), "$accent"), f"  第 {numbers} 题\n"]
    parts.append(("\n错题已加入错题本，相关知识点按每日新卡上限排入复习；未答的题只扣分，不算错题。", "$text-muted"))
    return Content.assemble(*parts)


def detail_content(outcome: QuestionOutcome, path: str) -> Content:
    from cskexam.display import fmt_points

    q = outcome.item.question
    mark = (("✓ 正确", "bold $success") if outcome.correct else ("– 未答", "bold $warning") if outcome.blank
            else ("✗ 错误", "bold $error"))
    parts: list[Any] = [
        f"{outcome.item.number}. 〔{q.type}〕 ", mark,
        f"  得 {fmt_points(outcome.earned)}/{fmt_points(outcome.item.points)} 分",
    ]
    if outcome.result.note and not outcome.correct:
        parts.append(f"（{outcome.result.note}）")
    parts += ["\n\n", (q.stem, "bold"), "\n"]
    options = {"A": "对", "B": "错"} if q.type == QuestionType.JUDGE and not q.options else q.options
    for key, text in options.items():
        parts += [f"  {key}. ", text, "\n"]
    parts += ["\n", ("你的答案: ", "bold"), given_text(outcome), "\n",
              ("正确答案: ", "bold $success"), q.answer_text(), "\n"]
    if outcome.short is not None:
        parts += [("答到的采分点: ", "bold"), "、".join(outcome.short.matched) or "无", "\n",
                  ("漏掉的采分点: ", "bold $error"), "、".join(outcome.short.missed) or "无", "\n"]
    if q.explanation:
        parts += ["\n", ("解析: ", "bold"), q.explanation, "\n"]
    if path:
        parts += ["\n", ("知识点: ", "bold"), (path, "$accent"), ("（v 在知识图谱中查看）", "$text-muted")]
    return Content.assemble(*parts)


class ExamReportScreen(AppScreen):
    SCREEN_NAME = "exam_report"

    BINDINGS = [
        Binding("w", "wrong_only", "只看错题"),
        Binding("x", "redo_wrong", "重做错题"),
        Binding("v", "show_node", "查看要点"),
        Binding("l", "history", "考试记录"),
        Binding("escape", "app.pop_screen", "返回"),
    ]

    KEY_HELP = [("↑ ↓", "选择题目，右侧显示正确答案、解析和知识点"), ("w", "只看错题 / 全部"),
            ("x", "把这次考试的错题（含未答）在章节练习中重做一遍"),
            ("v", "在知识图谱中查看本题的知识点"), ("l", "考试记录与成绩趋势")]

    DEFAULT_CSS = """
    ExamReportScreen #report-body { height: 1fr; }
    ExamReportScreen #report-left { width: 1fr; height: 1fr; }
    ExamReportScreen #report-summary { height: auto; max-height: 60%; border: round $primary-muted; padding: 0 1; }
    ExamReportScreen #report-questions { height: 1fr; border: round $primary-muted; }
    ExamReportScreen #report-detail { width: 1fr; height: 1fr; border: round $primary-muted; padding: 0 1; }
    """

    def __init__(self, report: ExamReport, *, attempt_id: int | None = None, prediction: Any = None) -> None:
        super().__init__()
        self.report = report
        self.attempt_id = attempt_id
        self.prediction = prediction
        self.wrong_only = False
        self._shown: list[QuestionOutcome] = []

    def compose(self) -> ComposeResult:
        yield TitleBar("考试报告")
        with Horizontal(id="report-body"):
            with VerticalScroll(id="report-left"):
                yield Static(summary_content(self.report, self.prediction), id="report-summary")
                yield OptionList(id="report-questions")
            with VerticalScroll(id="report-detail"):
                yield Static(Content(""), id="report-detail-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-summary").border_title = "成绩"
        self.query_one("#report-detail").border_title = "题目回顾"
        self._fill()

    def _fill(self) -> None:
        options = self.query_one("#report-questions", OptionList)
        options.border_title = "错题" if self.wrong_only else "全部题目（w 只看错题）"
        options.clear_options()
        self._shown = [o for o in self.report.outcomes if not (self.wrong_only and o.correct)]
        for o in self._shown:
            mark = ("✓", "$success") if o.correct else ("–", "$warning") if o.blank else ("✗", "$error")
            label = Content.assemble(mark, f" {o.item.number:>3}. 〔{o.item.question.type}〕 ",
                                     clip(o.item.question.stem, 34))
            options.add_option(Option(label))
        if self._shown:
            options.highlighted = 0
            self._show(0)
        else:
            self.query_one("#report-detail-text", Static).update(Content("全部答对！"))
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index is not None:
            self._show(event.option_index)

    def _path(self, node_id: str | None) -> str:
        """Where the question's key point sits in the outline; "" when it cannot be told (a message says why)."""
        if not node_id:
            return ""
        try:
            graph = getattr(self.app, "cached_graph", None) or (self.app.library.graph() if self.app.library else None)
            if graph is None or node_id not in graph:
                return ""
            return " › ".join(graph.path_titles(node_id) + [graph.get(node_id).title])
        except (LookupError, AttributeError):
            self.notify("这道题的要点在知识图谱中不完整（笔记可能已改动），无法显示它的位置；重新导入笔记即可恢复",
                        title="要点位置", severity="warning", timeout=6, markup=False)
            return ""
        except Exception as exc:
            if not report_problem(self, exc, title="无法读取知识图谱"):
                raise
            return ""

    def _show(self, index: int) -> None:
        if 0 <= index < len(self._shown):
            o = self._shown[index]
            self.query_one("#report-detail-text", Static).update(detail_content(o, self._path(o.item.question.node)))

    def current(self) -> QuestionOutcome | None:
        index = self.query_one("#report-questions", OptionList).highlighted
        return self._shown[index] if index is not None and index < len(self._shown) else None

    def action_wrong_only(self) -> None:
        self.wrong_only = not self.wrong_only
        self._fill()

    def action_show_node(self) -> None:
        o = self.current()
        if o is not None and o.item.question.node:
            self.app.show_node(o.item.question.node)

    def action_redo_wrong(self) -> None:
        """Practise this paper's wrong (and blank) questions again, in the paper's order."""
        ids = [o.item.question.id for o in self.report.outcomes if not o.correct]
        if not ids:
            self.notify("这次考试没有错题", timeout=2)
            return
        self.app.open_screen("practice", question_ids=ids, title=f"{self.report.paper.blueprint.name} 的错题",
                             mode="practice")

    def action_history(self) -> None:
        from cskexam.tui.screens.exam_history import ExamHistoryScreen

        self.app.push_screen(ExamHistoryScreen())
