"""One sitting of a paper: answers, flags, the current question and the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cskexam.core.exam.paper import Paper, PaperItem
from cskexam.core.vocab import AttemptStatus, QuestionType

WARNING_SECONDS = 10 * 60  # the countdown turns warning-coloured in the last 10 minutes

IN_PROGRESS = AttemptStatus.IN_PROGRESS
SUBMITTED = AttemptStatus.SUBMITTED
TIMED_OUT = AttemptStatus.TIMED_OUT
ABANDONED = AttemptStatus.ABANDONED
STATUS_LABELS = {s.value: s.label for s in AttemptStatus}

def is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, frozenset)):
        return not value
    return False


def normalise_answer(qtype: str, value: Any) -> Any:
    """The stored form: 单选 "B", 多选 ["A", "C"] (sorted), 判断 对/错, text otherwise."""
    if is_blank(value):
        return None
    if qtype == QuestionType.MULTI:
        letters = value if isinstance(value, (list, tuple, set, frozenset)) else list(str(value))
        return sorted({str(v).strip().upper() for v in letters if str(v).strip()}) or None
    if qtype == QuestionType.SINGLE:
        return str(value).strip().upper()
    return value


@dataclass
class ExamAttempt:
    """One sitting of a paper: answers, flags, where the candidate is, time left."""

    paper: Paper
    remaining: float  # seconds
    answers: dict[int, Any] = field(default_factory=dict)
    flags: set[int] = field(default_factory=set)
    current: int = 1
    status: str = IN_PROGRESS

    @classmethod
    def start(cls, paper: Paper) -> "ExamAttempt":
        return cls(paper, float(paper.blueprint.seconds))

    # -- navigation --------------------------------------------------------------
    @property
    def size(self) -> int:
        return len(self.paper.items)

    def goto(self, number: int) -> int:
        if self.size:
            self.current = min(max(1, int(number)), self.size)
        return self.current

    def next(self) -> int:
        return self.goto(self.current + 1)

    def previous(self) -> int:
        return self.goto(self.current - 1)

    @property
    def item(self) -> PaperItem:
        return self.paper.item(self.current)

    # -- answering -----------------------------------------------------------------
    def _check_open(self) -> None:
        if self.status != IN_PROGRESS:
            raise ValueError("the attempt is finished")

    def answer(self, number: int, value: Any) -> Any:
        """Set (or with a blank value, clear) the answer of question ``number``."""
        self._check_open()
        item = self.paper.item(number)
        value = normalise_answer(item.question.type, value)
        if value is None:
            self.answers.pop(number, None)
        else:
            self.answers[number] = value
        return value

    def choose(self, number: int, letter: str) -> Any:
        """A letter key: sets a 单选/判断, toggles a letter of a 多选."""
        item = self.paper.item(number)
        q = item.question
        letter = letter.upper()
        if q.type == QuestionType.JUDGE:
            return self.answer(number, {"A": "对", "B": "错"}.get(letter))
        if letter not in q.options:
            return self.answers.get(number)
        if q.type == QuestionType.MULTI:
            have = set(self.answers.get(number) or [])
            have ^= {letter}
            return self.answer(number, sorted(have))
        return self.answer(number, letter)

    def toggle_flag(self, number: int) -> bool:
        self._check_open()
        if number in self.flags:
            self.flags.discard(number)
            return False
        self.flags.add(number)
        return True

    def is_answered(self, number: int) -> bool:
        return not is_blank(self.answers.get(number))

    def unanswered(self) -> list[int]:
        return [i.number for i in self.paper.items if not self.is_answered(i.number)]

    def flagged(self) -> list[int]:
        return sorted(self.flags)

    def answered_count(self) -> int:
        return self.size - len(self.unanswered())

    # -- time ------------------------------------------------------------------------
    def tick(self, elapsed: float) -> bool:
        """Run the clock down by ``elapsed`` seconds; True once time is up."""
        if self.status == IN_PROGRESS:
            self.remaining = max(0.0, self.remaining - max(0.0, float(elapsed)))
        return self.remaining <= 0

    @property
    def time_up(self) -> bool:
        return self.remaining <= 0

    @property
    def warning(self) -> bool:
        """The last 10 minutes (the last fifth of a short quiz, so it still means hurry)."""
        return self.remaining <= min(WARNING_SECONDS, self.paper.blueprint.seconds / 5)

    @property
    def used(self) -> float:
        return max(0.0, self.paper.blueprint.seconds - self.remaining)

    def finish(self, timed_out: bool = False) -> None:
        self.status = TIMED_OUT if timed_out else SUBMITTED
