"""Mock exams: blueprints, seeded paper assembly, the exam state machine, scoring.

Pure. Time arrives as numbers of seconds (the UI measures them) and chance as
an injected ``random.Random``; nothing here reads a clock or a database.

Blueprint
    A YAML file: sections by question type (count, points each, whether 多选
    少选 earns part of the marks), the time limit, the pass mark, and how the
    questions spread over the notes (``spread: document | chapter | none``).

Paper assembly (``assemble_paper``)
    * Every part (document or chapter) gets a quota of the paper proportional
      to its size in the graph (nodes below it), at least one question when the
      paper has room for one per part (largest-remainder apportionment).
    * Sections are filled scarcest first (fewest distinct key points per
      question asked), each split over the parts by their remaining quota.
    * Within a part, candidates are ordered: not seen in the last attempts,
      then authored (bank/import) before generated, then by the seeded draw.
    * A key point (node) is tested at most once per paper: two questions on the
      same fact would give each other away.
    * When the library has too few questions the paper is smaller, never
      padded with repeats, and ``Paper.shortfalls`` says what is missing; the
      pass mark is scaled to the smaller total.

Exam state (``ExamAttempt``)
    answers, flags, current question and remaining seconds; ``tick(elapsed)``
    runs the clock down and reports when time is up. No grading happens until
    ``score_paper``: there is no feedback during the exam.

Scoring (``score_paper``)
    Each question earns ``points × grade score`` (a blank earns nothing; a 多选
    with 少选 earns half only when its section allows partial credit). The
    report has the score, pass/fail, time used, points and accuracy per type and
    per part, the weakest key points, and every question with its outcome.
"""

from cskexam.core.exam.attempt import (
    ABANDONED, IN_PROGRESS, STATUS_LABELS, SUBMITTED, TIMED_OUT, WARNING_SECONDS, ExamAttempt, is_blank,
    normalise_answer,
)
from cskexam.core.exam.blueprint import (
    Blueprint, BlueprintError, Section, fmt_points, merge_blueprints, parse_blueprint,
)
from cskexam.core.exam.paper import (
    Paper, PaperItem, Part, Shortfall, apportion, assemble_paper, graph_parts, is_authored, shortfall_dicts,
)
from cskexam.core.exam.scoring import (
    ExamReport, GroupScore, QuestionOutcome, WeakPoint, score_item, score_paper, weakest_points,
)

__all__ = [
    "Blueprint", "BlueprintError", "Section", "parse_blueprint", "merge_blueprints", "fmt_points", "Part",
    "graph_parts", "apportion", "PaperItem", "Paper", "Shortfall", "assemble_paper", "is_authored",
    "shortfall_dicts", "ExamAttempt", "normalise_answer", "is_blank", "score_paper", "score_item",
    "weakest_points", "ExamReport", "GroupScore", "QuestionOutcome", "WeakPoint", "IN_PROGRESS", "SUBMITTED",
    "TIMED_OUT", "ABANDONED", "STATUS_LABELS", "WARNING_SECONDS",
]
