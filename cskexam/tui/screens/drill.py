"""复习: drill the due cards like in Anki, keyboard only.

Space/Enter shows the answer with the card's place in the notes; 1–4 rate it
(重来/困难/良好/简单), each button showing the interval it would give; after
the answer is shown Space means 良好. ``u`` takes back the last answer, ``s``
suspends the card, ``b`` buries it until tomorrow (4 am), ``n`` opens the
card's node in 知识图谱, ``l`` lists the 难记卡片 (leeches). Every answer is
committed before the next card shows.

The screen keeps one ``Reviewer`` (one connection, the 剩余 figures kept up
to date from the answers) and gives it back when it is closed.

Card text is note text: it only ever reaches a widget as ``Content(text)``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from cskexam.tui.failures import shows_problems
from cskexam.tui.screens.base import AppScreen
from cskexam.errors import UserError
from cskexam.services.drill import AHEAD_DAYS, DrillSession
from cskexam.tui.widgets.cjk_text import CjkText
from cskexam.tui.widgets.text_pane import RULE, Block, TextPane
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from cskexam.services.review import DrillCard, Reviewer

RATING_NAMES = {1: "重来", 2: "困难", 3: "良好", 4: "简单"}
HINT_FRONT = "按 空格 或 Enter 显示答案"
HINT_BACK = "按 1–4 评分，空格 = 良好"


class DrillScreen(AppScreen):
    KEEPS_SESSION = True  # see app.open_screen: a look elsewhere keeps it
    SCREEN_NAME = "drill"

    # Every part of the card keeps its size from one card to the next (the
    # text scrolls within its pane, the rating buttons are greyed out, not
    # hidden): a key then costs one layout and one frame (see TextPane).
    DEFAULT_CSS = """
    DrillScreen #drill-body { padding: 1 2; height: 1fr; }
    DrillScreen #drill-progress { color: $text-muted; height: 1; margin-bottom: 1; }
    DrillScreen #drill-card { height: 1fr; border: round $primary-muted; border-title-color: $accent; padding: 1 2; }
    DrillScreen.-short #drill-body { padding: 0 1; }
    DrillScreen.-short #drill-progress { margin-bottom: 0; }
    DrillScreen.-short #drill-card { padding: 0 1; }
    DrillScreen #drill-ratings { height: 1; padding: 0 2; }
    DrillScreen #drill-ratings Button { width: 1fr; margin-right: 1; }
    DrillScreen #drill-summary { height: auto; border: round $accent; padding: 1 2; }
    """

    BINDINGS = [
        Binding("space", "space", "答案/良好", key_display="空格"),
        Binding("enter", "reveal", "显示答案", show=False),
        # 1–4 are on the rating buttons; n and l are under ? (the footer must fit 80 columns)
        Binding("1", "rate(1)", "重来", show=False),
        Binding("2", "rate(2)", "困难", show=False),
        Binding("3", "rate(3)", "良好", show=False),
        Binding("4", "rate(4)", "简单", show=False),
        Binding("u", "undo", "撤销"),
        Binding("s", "suspend", "暂停"),
        Binding("b", "bury", "搁置", show=False),
        Binding("n", "show_node", "查看知识点", show=False),
        Binding("l", "leeches", "难记卡片", show=False),
        Binding("a", "ahead", "提前复习", show=False),
    ]

    KEY_HELP = [
        ("空格 / Enter", "显示答案"),
        ("1 2 3 4", "重来 / 困难 / 良好 / 简单（按钮上是下次复习的间隔）"),
        ("空格（显示答案后）", "良好"),
        ("u", "撤销上一次操作（评分、暂停或搁置）"),
        ("s", "暂停这张卡片（不再出现）"),
        ("b", "搁置到明天（凌晨 4 点后）"),
        ("n", "在知识图谱中查看这张卡片的知识点"),
        ("l", "难记卡片：遗忘多次而暂停的卡片"),
        ("a", f"没有到期的卡片时：提前复习未来 {AHEAD_DAYS} 天内到期的卡片"),
        ("c", "卡片浏览：查找、恢复已暂停的卡片，编辑或新增卡片"),
    ]

    def __init__(self, node_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.node_id = node_id
        self.session: DrillSession | None = None
        self.revealed = False
        self._buried_note = ""  # said once, with the next card: siblings the last answer buried

    @property
    def reviewer(self) -> Reviewer | None:
        return self.session.reviewer if self.session is not None else None

    @property
    def card(self) -> DrillCard | None:
        return self.session.card if self.session is not None else None

    @property
    def finished(self) -> bool:
        return self.session is not None and self.session.finished

    @property
    def ratings(self) -> Counter[int]:
        return self.session.ratings if self.session is not None else Counter()

    def compose(self) -> ComposeResult:
        yield TitleBar("复习")
        with Vertical(id="drill-body"):
            yield Static(Content("正在准备卡片…"), id="drill-progress")
            with Vertical(id="drill-card"):
                yield TextPane(id="drill-text")
            yield Static(Content(""), id="drill-summary")
        # Outside the scrolling body: the buttons stay in sight however long the answer.
        with Horizontal(id="drill-ratings"):
            for rating, name in RATING_NAMES.items():
                button = Button(Content(f"{rating} {name}"), id=f"rate-{rating}", compact=True)
                button.can_focus = False  # keys 1–4 rate; a focused button would swallow Space/Enter
                yield button
        yield Footer()

    def on_resize(self, event) -> None:
        short = event.size.height < 30
        if short != self.has_class("-short"):
            self.set_class(short, "-short")
            if self.card is not None:  # the gaps between the card's parts come and go with it
                hint = HINT_BACK if self.revealed else HINT_FRONT
                self._show_card(self.card, hint, revealed=self.revealed)

    @shows_problems()
    def on_mount(self) -> None:
        self.set_class(self.app.size.height < 30, "-short")
        self.query_one("#drill-ratings").disabled = True
        self.query_one("#drill-summary").display = False
        if self.app.library is None:
            self._message("资料库尚未打开。")
            return
        try:
            self.session = DrillSession(self.app.require_library().reviewer(node_id=self.node_id))
        except UserError as exc:
            self._message(str(exc))
            return
        self._next()

    def on_unmount(self) -> None:
        if self.reviewer is not None:
            self.reviewer.close()

    @shows_problems()
    def on_screen_resume(self) -> None:
        # Back from 知识图谱, 难记卡片 or practice: wrong answers there may have
        # put cards in the queue, a leech may be back in the drill.
        if self.reviewer is None:
            return
        if self.finished:
            self._next()
        elif self.card is not None:
            self._update_progress()

    # -- showing ---------------------------------------------------------------
    def _message(self, text: str) -> None:
        self.query_one("#drill-ratings").visible = False
        self.query_one("#drill-text", TextPane).show(Content(text))
        self.query_one("#drill-progress", Static).update(Content(""))

    def _next(self) -> None:
        assert self.session is not None
        card = self.session.next()
        if card is None:
            self._finish()
            return
        self._show(card)

    def _show(self, card: DrillCard) -> None:
        self.revealed = False
        self.query_one("#drill-card").display = True
        self.query_one("#drill-summary").display = False
        box = self.query_one("#drill-card")
        box.border_title = f"{card.kind_label} · {card.state_label}"
        hint = HINT_FRONT
        if self._buried_note:
            hint, self._buried_note = f"{self._buried_note} · {hint}", ""
        self._show_card(card, hint)
        ratings = self.query_one("#drill-ratings")
        ratings.visible, ratings.disabled = True, True  # greyed out (not hidden: the card keeps its size)
        for rating, name in RATING_NAMES.items():
            self.query_one(f"#rate-{rating}", Button).label = Content(f"{rating} {name}")
        self._update_progress()
        self._refresh_footer()
        # While the front is read, lay out the back: the reveal then costs no line breaking.
        from cskexam.core.linebreak import prepare

        self.call_after_refresh(prepare, card.back, "出处：" + card.path_text())

    def _show_card(self, card: DrillCard, hint: str, *, revealed: bool = False) -> None:
        """The card's front and, once revealed, its back and place in the notes, then ``hint``."""
        gap = [] if self.has_class("-short") else [Content("")]
        blocks: list[Block] = [CjkText(Content.styled(card.front, "bold"))]
        if revealed:
            blocks += [*gap, RULE, *gap, CjkText(Content(card.back)),
                       *gap, CjkText(Content.styled("出处：" + card.path_text(), "$text-muted"))]
        blocks += [*gap, Content.styled(hint, "$text-muted")]
        self.query_one("#drill-text", TextPane).show(*blocks)

    def _update_progress(self) -> None:
        assert self.session is not None
        c = self.session.reviewer.counts()
        scope = "（本知识点）" if self.node_id else ""
        text = Content.assemble(
            ("剩余", "bold"), scope, "  新卡 ", (str(c.new), "bold $accent"),
            " · 学习中 ", (str(c.learning), "bold $warning"),
            " · 复习 ", (str(c.review), "bold $success"),
            f"    本次已复习 {self.session.reviewed}",
        )
        self.query_one("#drill-progress", Static).update(text)

    def _reveal(self) -> None:
        from cskexam.core.srs import format_interval

        card = self.card
        assert card is not None and self.session is not None
        self.revealed = True
        self._show_card(card, HINT_BACK, revealed=True)
        previews = self.session.reviewer.preview(card)
        for rating, name in RATING_NAMES.items():
            button = self.query_one(f"#rate-{rating}", Button)
            button.label = Content(f"{rating} {name} · {format_interval(previews[rating])}")
        self.query_one("#drill-ratings").disabled = False
        self._refresh_footer()

    def _finish(self) -> None:
        session = self.session
        assert session is not None
        self.revealed = False
        self.query_one("#drill-card").display = False
        self.query_one("#drill-ratings").visible = False
        self._update_progress()
        total = session.reviewed
        parts: list[Any] = [("本次复习结束", "bold"), "\n\n"]
        if self._buried_note:
            parts += [(self._buried_note, "$text-muted"), "\n\n"]
            self._buried_note = ""
        if total:
            parts.append(f"共复习 {total} 张，用时 {session.minutes():.1f} 分钟\n")
            parts.append("  ".join(f"{RATING_NAMES[r]} {session.ratings[r]}" for r in RATING_NAMES))
            correct = session.remembered
            parts.append(f"\n记住 {correct}/{total}（{correct / total * 100:.0f}%）")
        else:
            parts.append("今天没有到期的卡片了。")
        c = session.reviewer.counts()
        if c.learning:
            parts.append(f"\n还有 {c.learning} 张学习中的卡片稍后到期，过一会儿再来。")
        ahead = session.ahead_left()
        if ahead > 0:
            parts += ["\n\n", ("提前复习：", "bold"), f"按 a 复习未来 {AHEAD_DAYS} 天内到期的 {ahead} 张卡片"]
        parts.append("\n按 c 打开卡片浏览（可按章节筛选）；在知识图谱中选中一章按 d，复习这一章的卡片。")
        parts.append("\n\n按 u 撤销上一次操作，Esc 返回。")
        summary = self.query_one("#drill-summary", Static)
        summary.update(Content.assemble(*parts))
        summary.display = True
        self._refresh_footer()

    # -- actions ---------------------------------------------------------------
    def action_reveal(self) -> None:
        if self.card is not None and not self.revealed:
            self._reveal()

    def action_space(self) -> None:
        if self.card is None:
            return
        if not self.revealed:
            self._reveal()
        else:
            self.action_rate(3)

    @shows_problems("评分未能保存")
    def action_rate(self, rating: int) -> None:
        if self.card is None:
            return
        if not self.revealed:
            self.notify("先按空格显示答案，再评分", timeout=1.5)
            return
        assert self.session is not None
        try:
            result = self.session.answer(rating)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if result.buried:
            # Anki's bury siblings: say where the other cards of this key point went.
            self._buried_note = f"已搁置同一知识点的 {len(result.buried)} 张卡片到明天"
        if result.became_leech:
            self.notify("这张卡片已遗忘多次，标为记忆难点并暂停。按 l 查看难记卡片，重温它的知识点。",
                        title="记忆难点", severity="warning", timeout=6)
        self._next()

    @shows_problems()
    def action_ahead(self) -> None:
        """Anki's custom study: go on with cards due in the next days."""
        if not self.finished or self.session is None:
            return
        card = self.session.study_ahead()
        if card is None:
            self._finish()
            return
        self._show(card)
        if self.card is not None:
            self.notify(f"提前复习未来 {AHEAD_DAYS} 天内到期的卡片", timeout=2)

    @shows_problems("未能撤销")
    def action_undo(self) -> None:
        if self.session is None or not self.session.reviewer.can_undo:
            self.notify("没有可撤销的操作", timeout=1.5)
            return
        try:
            action, card = self.session.undo()
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self._buried_note = ""
        back = f"（同一知识点的 {len(action.buried)} 张卡片已恢复）" if action.buried else ""
        self.notify(f"已撤销：{action.label}{back}", timeout=1.5)
        self._show(card)

    @shows_problems("未能保存")
    def action_suspend(self) -> None:
        if self.card is None or self.reviewer is None:
            return
        self.reviewer.suspend(self.card.id)
        self.notify("已暂停这张卡片", timeout=1.5)
        self._next()

    @shows_problems("未能保存")
    def action_bury(self) -> None:
        if self.card is None or self.reviewer is None:
            return
        until = self.reviewer.bury(self.card.id)
        self.notify(f"已搁置到 {until.astimezone().strftime('%m-%d %H:%M')}", timeout=1.5)
        self._next()

    def action_show_node(self) -> None:
        if self.card is not None:
            self.app.show_node(self.card.node_id)

    def action_leeches(self) -> None:
        from cskexam.tui.screens.leeches import LeechScreen

        self.app.push_screen(LeechScreen())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("rate-"):
            self.action_rate(int(event.button.id.removeprefix("rate-")))

    def _refresh_footer(self) -> None:
        # Rebuilding the footer costs more than the rest of a key press: only
        # when what it shows (a card or not, something to undo) has changed.
        # 撤销 stays lit (it says when there is nothing to take back): lighting it
        # up after the first answer would rebuild the footer on that key.
        shown = (self.card is None, self.finished)
        if shown != getattr(self, "_footer_state", None):
            self._footer_state = shown
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rate" and not self.revealed:
            return None  # shown greyed out until the answer is visible
        if action in ("suspend", "bury", "show_node", "space", "reveal") and self.card is None:
            return None
        if action == "ahead" and not self.finished:
            return None
        return True
