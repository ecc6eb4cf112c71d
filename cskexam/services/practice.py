"""Chapter practice, the 错题本 and stars: the use cases behind the screens.

Session-level functions (``record_answer`` …) take an open SQLAlchemy session
so that exams can use them inside their own transactions; ``Practice`` wraps
them for the UI, one transaction per call.

The 错题本 rule: any answer that is not fully right (a 多选 with 少选, a 简答
missing a scoring point) puts the question in the book, counts it and resets
its streak; once it is answered right ``clear_after`` times in a row
(setting ``wrongbook_clear_after``, default 2) it leaves the book. A wrong
answer also puts the question's key point into the FSRS review queue
(``cskexam.services.review_queue.schedule_node``).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from sqlalchemy.orm import Session

from cskexam.core.grading import GradeResult, PointLexicon, ShortAnswerResult, grade_short_answer
from cskexam.core.graph import KnowledgeGraph
from cskexam.core.questions import Question
from cskexam.core.spreadsheet import safe_row
from cskexam.errors import UserError, shown_value
from cskexam.userfiles import replacing, require_output_path
from cskexam.services import review_queue
from cskexam.storage import question_repo
from cskexam.core.vocab import SUBJECTIVE_TYPES

if TYPE_CHECKING:
    from cskexam.services.library import Library

CLEAR_AFTER_KEY = "wrongbook_clear_after"
# Where each practice scope was left (继续上次): {scope: {"ids": [...], "index", "right", "answered"}}.
RESUME_KEY = "practice_resume"
RESUME_KEEP = 50  # scopes remembered
DEFAULT_CLEAR_AFTER = 2
ORDERS = ("顺序", "随机")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class AnswerOutcome:
    question: Question
    result: GradeResult
    short: ShortAnswerResult | None  # 简答/案例分析: matched and missed scoring points
    in_wrongbook: bool  # after this answer
    wrong_count: int
    cleared: bool  # this answer took the question out of the 错题本
    scheduled_cards: int  # cards put into the review queue
    given: Any = None  # what the candidate answered
    right_streak: int = 0  # right answers in a row while in the 错题本
    clear_after: int = 0  # right answers in a row that take a question out of it

    @property
    def to_leave(self) -> int:
        """Right answers still needed before the question leaves the 错题本 (0 when not in it)."""
        return max(0, self.clear_after - self.right_streak) if self.in_wrongbook else 0

    @property
    def correct(self) -> bool:
        return self.result.correct


@dataclass(frozen=True)
class WrongEntry:
    question: Question
    wrong_count: int
    first_wrong_at: dt.datetime
    last_wrong_at: dt.datetime
    right_streak: int
    cleared_at: dt.datetime | None
    last_given: Any
    starred: bool


# -- session level (usable inside an exam's transaction) ------------------------

def clear_after(session: Session) -> int:
    value = question_repo.get_setting(session, CLEAR_AFTER_KEY, DEFAULT_CLEAR_AFTER)
    return int(value) if isinstance(value, int) and value >= 1 else DEFAULT_CLEAR_AFTER


def set_clear_after(session: Session, n: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 20:
        raise UserError(f"连续答对次数必须是 1–20 的整数，而不是「{shown_value(n)}」")
    question_repo.set_setting(session, CLEAR_AFTER_KEY, n)


def _schedule_review(session: Session, node_id: str | None, now: dt.datetime) -> int:
    """A wrong answer puts its key point's cards into the review queue."""
    if not node_id:
        return 0
    return review_queue.schedule_node(session, node_id, now, reason="wrong_answer")


def bank_lexicon(session: Session) -> PointLexicon:
    """The scoring terms of every active 简答/案例分析, to catch answers padded with other questions' points."""
    return PointLexicon.of_questions(question_repo.scoring_points(session, SUBJECTIVE_TYPES))


def grade_answer(question: Question, given: Any, others: PointLexicon | None = None,
                 ) -> tuple[GradeResult, ShortAnswerResult | None]:
    result = question.grade(given, others)
    short = None
    if question.type in SUBJECTIVE_TYPES and question.points:
        short = grade_short_answer(str(given or ""), question.points, others=others, stem=question.stem)
    return result, short


def record_answer(
    session: Session,
    question: Question,
    given: Any,
    now: dt.datetime,
    *,
    mode: str = "practice",
    context: str | None = None,
    duration_ms: int | None = None,
    result: GradeResult | None = None,
    schedule: bool = True,
) -> AnswerOutcome:
    """Grade, log the answer, update the 错题本 and (if wrong) the review queue."""
    if result is None:
        subjective = question.type in SUBJECTIVE_TYPES and bool(question.points)
        result, short = grade_answer(question, given, bank_lexicon(session) if subjective else None)
    else:
        short = None
    question_repo.add_answer(session, question.id, given, result.correct, result.score, now,
                             mode=mode, context=context, duration_ms=duration_ms)
    scheduled = 0
    cleared = False
    # Read only for a question in the 错题本: most right answers are not, and
    # on a server each read is a round trip.
    needed = functools.cache(lambda: clear_after(session))
    if result.correct:
        entry = question_repo.mark_right(session, question.id, now, needed)
        cleared = entry is not None and entry.cleared_at == now
    else:
        entry = question_repo.mark_wrong(session, question.id, given, now)
        # An exam schedules its wrong answers' cards itself, within the day's limits.
        scheduled = _schedule_review(session, question.node, now) if schedule else 0
    return AnswerOutcome(
        question=question,
        result=result,
        short=short,
        in_wrongbook=entry is not None and entry.cleared_at is None,
        wrong_count=entry.wrong_count if entry is not None else 0,
        cleared=cleared,
        scheduled_cards=scheduled,
        given=given,
        right_streak=entry.right_streak if entry is not None else 0,
        clear_after=needed() if entry is not None and entry.cleared_at is None else DEFAULT_CLEAR_AFTER,
    )


def wrong_entries(session: Session, *, include_cleared: bool = False) -> list[WrongEntry]:
    stars = question_repo.starred_ids(session)
    return [
        WrongEntry(q, w.wrong_count, w.first_wrong_at, w.last_wrong_at, w.right_streak, w.cleared_at,
                   w.last_given, q.id in stars)
        for q, w in question_repo.wrong_book(session, include_cleared=include_cleared)
    ]


# -- choosing questions -------------------------------------------------------------

def scope_node_ids(graph: KnowledgeGraph, node_id: str | None) -> set[str] | None:
    """The node and everything below it; None means the whole library."""
    if node_id is None:
        return None
    if node_id not in graph:
        raise UserError(f"没有这个知识点: {shown_value(node_id)}")
    return {node_id} | {n.id for n in graph.descendants(node_id)}


def order_questions(questions: list[Question], order: str, rng: random.Random) -> list[Question]:
    if order not in ORDERS:
        raise UserError(f"顺序只能是 {' 或 '.join(ORDERS)}，而不是「{shown_value(order)}」")
    out = list(questions)
    if order == "随机":
        rng.shuffle(out)
    return out


# -- the UI's entry point ---------------------------------------------------------------

class Practice:
    """Practice use cases over a Library: one transaction per call."""

    def __init__(self, library: Library, *, clock: Callable[[], dt.datetime] = utc_now):
        self.library = library
        self.clock = clock

    def questions(
        self,
        *,
        node_id: str | None = None,
        types: Iterable[str] | None = None,
        order: str = "顺序",
        wrong_only: bool = False,
        starred_only: bool = False,
        rng: random.Random | None = None,
    ) -> list[Question]:
        graph = self.library.graph()
        scope = scope_node_ids(graph, node_id)
        with self.library.db.session() as session:
            found = question_repo.load_questions(
                session, node_ids=scope, types=list(types) if types else None,
                wrong_only=wrong_only, starred_only=starred_only,
            )
        return order_questions(found, order, rng or random.Random())

    def answer(self, question: Question, given: Any, *, mode: str = "practice",
               duration_ms: int | None = None) -> AnswerOutcome:
        from cskexam.services.typed import clean_typed

        given = clean_typed(given)
        with self.library.db.session(immediate=True) as session:
            return record_answer(session, question, given, self.clock(), mode=mode, duration_ms=duration_ms)

    def toggle_star(self, question_id: str) -> bool:
        with self.library.db.session(immediate=True) as session:
            starred = question_id not in question_repo.starred_ids(session)
            if question_repo.get_question(session, question_id) is None:
                raise UserError(f"没有这道题: {shown_value(question_id)}")
            question_repo.set_star(session, question_id, starred, self.clock())
        return starred

    def saved_rounds(self) -> dict[str, dict]:
        """Unfinished practice rounds by scope, to continue where they were left."""
        with self.library.db.session() as session:
            value = question_repo.get_setting(session, RESUME_KEY, {})
        return value if isinstance(value, dict) else {}

    def save_round(self, scope: str, ids: list[str], index: int, right: int, answered: int) -> None:
        with self.library.db.session(immediate=True) as session:
            saved = question_repo.get_setting(session, RESUME_KEY, {})
            saved = dict(saved) if isinstance(saved, dict) else {}
            saved.pop(scope, None)
            saved[scope] = {"ids": ids, "index": index, "right": right, "answered": answered}
            while len(saved) > RESUME_KEEP:  # the oldest first
                saved.pop(next(iter(saved)))
            question_repo.set_setting(session, RESUME_KEY, saved)

    def forget_round(self, scope: str) -> None:
        with self.library.db.session(immediate=True) as session:
            saved = question_repo.get_setting(session, RESUME_KEY, {})
            if isinstance(saved, dict) and scope in saved:
                saved = dict(saved)
                del saved[scope]
                question_repo.set_setting(session, RESUME_KEY, saved)

    def answer_stats(self) -> dict[str, tuple[int, int]]:
        """``{question_id: (answers, right answers)}`` of the candidate, for progress per scope."""
        with self.library.db.session() as session:
            return question_repo.answer_stats(session)

    def starred(self) -> set[str]:
        with self.library.db.session() as session:
            return question_repo.starred_ids(session)

    def wrong_book(self, *, include_cleared: bool = False) -> list[WrongEntry]:
        with self.library.db.session() as session:
            return wrong_entries(session, include_cleared=include_cleared)

    def clear_after(self) -> int:
        with self.library.db.session() as session:
            return clear_after(session)

    def set_clear_after(self, n: int) -> None:
        with self.library.db.session(immediate=True) as session:
            set_clear_after(session, n)

    def node_path(self, node_id: str | None) -> str:
        """The source key point as the candidate knows it: document › … › title."""
        graph = self.library.graph()
        if not node_id or node_id not in graph:
            return ""
        titles = [n.title for n in graph.ancestors(node_id)] + [graph.get(node_id).title]
        return " › ".join(titles)

    def export_wrong_book(self, path: str | Path, *, include_cleared: bool = False) -> int:
        return export_wrong_book_csv(self.wrong_book(include_cleared=include_cleared), path, self.node_path)


CSV_HEADER = ["题号", "题型", "题干", "选项", "正确答案", "上次作答", "错误次数", "首次答错", "最近答错",
              "连续答对", "已移出", "收藏", "知识点", "解析"]


def _local(t: dt.datetime | None) -> str:
    return t.astimezone().strftime("%Y-%m-%d %H:%M") if t else ""


def require_csv_target(path: str | Path) -> None:
    """UserError unless ``path`` can take the 错题本 CSV: a name ending in .csv (a slip such as
    ``wrongbook export 笔记.md`` would write over a file of another kind) where an export may go."""
    require_output_path(path)
    if Path(path).name.lower() == ".csv":  # a hidden file with no suffix, for Path
        raise UserError("文件名只有扩展名 .csv：请在前面写上名字，如 错题本.csv", str(path))
    if Path(path).suffix.lower() != ".csv":
        raise UserError("错题本导出文件须以 .csv 结尾", str(path))


def export_wrong_book_csv(entries: list[WrongEntry], path: str | Path,
                          node_path: Callable[[str | None], str] = lambda _: "") -> int:
    """Write the 错题本 as CSV (UTF-8 with BOM, so Excel reads the Chinese). Returns rows."""
    path = Path(path)
    require_csv_target(path)
    rows = []
    for e in entries:
        q = e.question
        given = e.last_given
        if isinstance(given, list):
            given = "、".join(str(g) for g in given)
        rows.append([
            q.id, q.type, q.stem, "；".join(f"{k}. {v}" for k, v in q.options.items()),
            q.answer_text(), "" if given is None else str(given), e.wrong_count, _local(e.first_wrong_at),
            _local(e.last_wrong_at), e.right_streak, "是" if e.cleared_at else "否", "是" if e.starred else "否",
            node_path(q.node), q.explanation,
        ])
    with replacing(path) as tmp:  # never a half-written export, nor one written through a planted name
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(CSV_HEADER)
            writer.writerows(safe_row(r) for r in rows)
    return len(rows)
