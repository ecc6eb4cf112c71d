"""How a practice question's options and its feedback are drawn (text as ``Content``).

Pure functions from a question and the candidate's choice to ``Content``, so
the practice screen (and anything else showing a graded question) draws them
the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

from cskexam.core.vocab import QuestionType

if TYPE_CHECKING:
    from cskexam.core.questions import Question
    from cskexam.services.practice import AnswerOutcome

CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.MULTI, QuestionType.JUDGE)
WRITTEN_TYPES = (QuestionType.SHORT, QuestionType.CASE)


def right_letters(q: Question) -> set[str]:
    """The keys that are right: option letters, or 对/错 for a 判断."""
    if q.type == QuestionType.MULTI:
        return set(q.answer)
    if q.type in (QuestionType.SINGLE, QuestionType.JUDGE):
        return {q.answer}
    return set()


def options_content(q: Question, selected: set[str], cursor: int, *, done: bool) -> Content:
    """The options with the candidate's marks; once ``done``, right ✓ and wrong ✗."""
    right = right_letters(q)
    parts: list = []
    if q.type == QuestionType.JUDGE:
        rows = [("1", "对", "对"), ("2", "错", "错")]
    else:
        rows = [(k, k, v) for k, v in q.options.items()]
    for i, (label, key, text) in enumerate(rows):
        chosen = key in selected
        if q.type == QuestionType.MULTI:
            mark = "[✓]" if chosen else "[ ]"
        else:
            mark = "(●)" if chosen else "( )"
        style = ""
        verdict = ""
        if done:
            if key in right:
                style, verdict = "bold $success", "  ✓"
            elif chosen:
                style, verdict = "bold $error", "  ✗"
        elif q.type == QuestionType.MULTI and i == cursor:
            style = "reverse"
        line = Content.assemble((f"{mark} {label}. ", style), Content(text).stylize(style) if style else Content(text),
                                (verdict, style))
        parts.append(line)
        if i < len(rows) - 1:
            parts.append("\n")
    return Content.assemble(*parts)


def feedback_content(q: Question, out: AnswerOutcome | None, key_point: str, *, last: bool) -> Content:
    """The verdict, the answer, 采分点, 解析, the key point and the 错题本 news (``out`` None: 背题模式)."""
    parts: list = []
    if out is not None:
        if out.correct:
            parts.append(("✓ 回答正确", "bold $success"))
        elif 0 < out.result.score < 1:
            note = f"，{out.result.note}" if out.result.note and q.type == QuestionType.MULTI else ""
            parts.append((f"◐ 部分正确（得分 {out.result.score:.0%}{note}）", "bold $warning"))
        else:
            parts.append(("✗ 回答错误", "bold $error"))
        parts.append("\n")
        if q.type == QuestionType.FILL and not out.correct and out.given:
            # the box is gone once answered: show what was typed beside the answer
            parts += [("你的答案：", "bold"), Content(str(out.given)), "\n"]
    else:
        parts += [("背题模式", "bold $warning"), "\n"]
    label = "参考答案：" if q.type in WRITTEN_TYPES else "正确答案："
    parts += [(label, "bold"), Content(q.answer_text()), "\n"]
    if out is not None and out.short is not None:
        if out.short.matched:
            parts += [("答到的采分点：", "bold $success"), Content("、".join(out.short.matched)), "\n"]
        if out.short.missed:
            parts += [("遗漏的采分点：", "bold $error"), Content("、".join(out.short.missed)), "\n"]
        if out.short.padded:
            from cskexam.core.grading import padding_note

            parts += [("扣分：", "bold $warning"), Content(padding_note(out.short)), "\n"]
    elif q.points and out is None:
        parts += [("采分点：", "bold"), Content("、".join(p.point for p in q.points)), "\n"]
    if q.explanation:
        parts += [("解析：", "bold"), Content(q.explanation), "\n"]
    if key_point:
        parts += [("要点：", "bold"), Content(key_point), ("（v 查看）", "$text-muted"), "\n"]
    if out is not None:
        if out.cleared:
            parts += [("已连续答对，移出错题本", "$success"), "\n"]
        elif out.in_wrongbook and out.correct:
            parts += [(f"错题本：已连续答对 {out.right_streak} 次，再答对 {out.to_leave} 次移出", "$success"), "\n"]
        elif out.in_wrongbook:
            extra = f"，已安排复习 {out.scheduled_cards} 张卡片" if out.scheduled_cards else ""
            parts += [(f"已记入错题本（共错 {out.wrong_count} 次，连续答对 {out.clear_after} 次移出）{extra}",
                       "$warning"), "\n"]
    parts.append(("Enter 查看本轮结果" if last else "Enter 下一题", "$text-muted"))
    return Content.assemble(*parts)


def paper_options_content(q: Question, given: Any) -> Content:
    """A question on the exam paper: the options with the candidate's choice, no verdict, and a hint."""
    options = dict(q.options)
    if q.type == QuestionType.JUDGE:
        options = {"A": "对", "B": "错"}
        chosen = {"对": {"A"}, "错": {"B"}}.get(str(given), set())
    elif q.type == QuestionType.MULTI:
        chosen = set(given or [])
    else:
        chosen = {given} if given else set()
    parts: list[Any] = []
    for key, text in options.items():
        if q.type == QuestionType.MULTI:
            mark = "■ " if key in chosen else "□ "
        else:
            mark = "● " if key in chosen else "○ "
        style = "bold $accent" if key in chosen else ""
        parts += [(f"{mark}{key}. ", style), (text, style), "\n"]
    if q.type in WRITTEN_TYPES:
        parts.append(("Enter 进入作答框输入答案，Esc 离开（自动保存）", "$text-muted"))
    elif q.type == QuestionType.FILL:
        parts.append(("Enter 进入填空框（自动保存）", "$text-muted"))
    elif q.type == QuestionType.MULTI:
        parts.append(("按字母勾选或取消（可多选）", "$text-muted"))
    return Content.assemble(*parts) if parts else Content("")
