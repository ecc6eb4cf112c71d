"""卡片: the card browser. Filter by chapter, kind, state and text; suspend,
reset, edit a card, add your own on a key point.

The list is an ``OptionList`` (fast for thousands of rows); the highlighted
card is shown in full below it. Card text is note text: ``Content`` only.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from cskexam.tui.widgets.dismiss_once import DismissOnce
from cskexam.tui.failures import guarded
from cskexam.tui.screens.base import AppScreen
from cskexam.tui.widgets.cjk_text import CjkText
from cskexam.tui.widgets.title_bar import TitleBar
from cskexam.tui.widgets.footer import Footer


class CardEditor(DismissOnce, ModalScreen):
    """Front and back of a card; Enter on the back (or Ctrl+S) saves, Esc cancels."""

    DEFAULT_CSS = """
    CardEditor { align: center middle; }
    CardEditor > Vertical { width: 76; max-width: 95%; height: auto; border: round $accent;
                            background: $surface; padding: 1 2; }
    CardEditor Input { margin-bottom: 1; }
    CardEditor #editor-error { color: $error; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "取消"), Binding("ctrl+s", "save", "保存")]

    def __init__(self, title: str, front: str = "", back: str = "") -> None:
        super().__init__()
        self._title, self._front, self._back = title, front, back

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self._title)  # it names a key point: note text, shown as written
            box.border_subtitle = "Enter 保存 · Esc 取消"
            yield Static(Content("正面（问题）"))
            yield Input(self._front, id="editor-front")
            yield Static(Content("背面（答案）"))
            yield Input(self._back, id="editor-back")
            yield Static(Content(""), id="editor-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "editor-front":
            self.query_one("#editor-back", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        from cskexam.errors import UserError
        from cskexam.services.card_browser import card_side

        error = self.query_one("#editor-error", Static)
        try:  # checked here, so that a card too long stays in the editor to be cut down
            front = card_side(self.query_one("#editor-front", Input).value, "正面")
            back = card_side(self.query_one("#editor-back", Input).value, "背面")
        except UserError as exc:
            error.update(Content(str(exc)))
            return
        if not front or not back:
            error.update(Content("正面和背面都不能为空"))
            return
        self.dismiss((front, back))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CardBrowserScreen(AppScreen):
    SCREEN_NAME = "cards"

    DEFAULT_CSS = """
    CardBrowserScreen #cards-body { padding: 0 1; height: 1fr; }
    CardBrowserScreen #cards-filters { height: 1; margin-top: 1; }
    CardBrowserScreen #cards-search { width: 3fr; min-width: 16; margin-right: 1; }  /* its hint whole at 80 columns */
    CardBrowserScreen #cards-chapter { width: 2fr; margin-right: 1; }
    CardBrowserScreen #cards-kind { width: 14; margin-right: 1; }
    CardBrowserScreen #cards-state { width: 14; }
    CardBrowserScreen #cards-count { height: 1; color: $text-muted; }
    /* one card a row however long its front: cut with … at the list's width (also after a resize) */
    CardBrowserScreen #cards-list { height: 1fr; min-height: 4; border: round $primary-muted;
                                    text-wrap: nowrap; text-overflow: ellipsis; }
    CardBrowserScreen #cards-detail { height: auto; max-height: 40%; border: round $primary-muted;
                                      border-title-color: $accent; padding: 0 1; }
    """

    BINDINGS = [
        Binding("slash", "search", "搜索", key_display="/"),
        Binding("s", "toggle_suspend", "暂停/恢复"),
        Binding("e", "edit", "编辑"),
        Binding("a", "add", "新增卡片"),
        Binding("x", "reset", "重置", show=False),
        Binding("f", "filters", "筛选", show=False),
    ]

    KEY_HELP = [
        ("↑ ↓", "选择卡片"),
        ("/", "搜索正面、背面与出处（Esc 回到列表）"),
        ("f", "到筛选栏：章节、类型、状态（Tab 切换）"),
        ("s", "暂停这张卡片 / 恢复复习"),
        ("e", "编辑正面与背面（重新导入笔记也会保留）"),
        ("a", "在这张卡片的知识点上新增自己的卡片"),
        ("x", "重置为新卡（复习记录保留，可在复习中撤销）"),
        ("Esc", "返回"),
    ]

    def __init__(self, state: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.all_cards: list[Any] = []
        self._chapters_shown: list[str] | None = None  # None: not read yet
        self._detail_width = 0
        self.shown: list[Any] = []
        self._initial_state = state
        self._editing = False

    def compose(self) -> ComposeResult:
        from cskexam.services.card_browser import BROWSE_STATES, KIND_NAMES, STATE_LABELS

        yield TitleBar("卡片")
        with Vertical(id="cards-body"):
            with Horizontal(id="cards-filters"):
                yield Input(placeholder="搜索卡片…（Esc 回到列表）", id="cards-search", compact=True)
                yield Select([], prompt="全部章节", id="cards-chapter", compact=True)
                yield Select([(label, k) for k, label in KIND_NAMES.items()], prompt="全部类型", id="cards-kind", compact=True)
                yield Select([(STATE_LABELS[s], s) for s in BROWSE_STATES], prompt="全部状态", id="cards-state", compact=True,
                             value=self._initial_state if self._initial_state else Select.NULL)
            yield Static(Content("正在读取卡片…"), id="cards-count")
            yield OptionList(id="cards-list")
            yield Static(Content(""), id="cards-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#cards-detail").border_title = "卡片"
        self.query_one("#cards-list").focus()
        self.reload()

    def on_screen_resume(self) -> None:
        # Back from a drill or another screen: states may have changed. (Back
        # from the editor the save reads the cards again itself, after writing.)
        if self.been_away and not self._editing:
            self.call_after_refresh(self.reload)  # once drawn: reading now would hold up the frame
        self._editing = False

    def reopen(self, state: str | None = None) -> None:
        if state:
            self.query_one("#cards-state", Select).value = state

    def reload(self) -> None:
        self.run_worker(guarded(self, self._read), thread=True, group="cards", exclusive=True)

    def _browser(self):
        from cskexam.services.card_browser import CardBrowser

        return CardBrowser(self.app.library)

    def _read(self) -> None:
        browser = self._browser()
        cards = browser.cards()
        chapters = browser.chapters(cards)
        self.app.call_from_thread(self._loaded, cards, chapters)

    def _loaded(self, cards: list[Any], chapters: list[str]) -> None:
        detail_width = self.query_one("#cards-detail").size.width
        if cards == self.all_cards and chapters == self._chapters_shown and detail_width == self._detail_width:
            return  # as shown already: coming back costs no second frame
        self._chapters_shown = chapters
        self.all_cards = cards
        select = self.query_one("#cards-chapter", Select)
        current = select.value
        # A chapter's title is note text: a plain str here would be read as markup.
        select.set_options([(Text(c), c) for c in chapters])
        if current in chapters:
            select.value = current
        self._apply()

    def _filters(self) -> dict[str, Any]:
        def value(sel_id: str) -> str | None:
            v = self.query_one(sel_id, Select).value
            return None if v is Select.NULL else str(v)

        return {"chapter": value("#cards-chapter"), "kind": value("#cards-kind"), "state": value("#cards-state"),
                "text": self.query_one("#cards-search", Input).value}

    def _apply(self) -> None:
        from cskexam.services.card_browser import matches

        filters = self._filters()
        keep = self.query_one("#cards-list", OptionList).highlighted
        keep_id = self.shown[keep].id if keep is not None and keep < len(self.shown) else None
        self.shown = [c for c in self.all_cards if matches(c, **filters)]
        options = self.query_one("#cards-list", OptionList)
        options.clear_options()
        options.add_options([self._option(c) for c in self.shown])
        ids = [c.id for c in self.shown]
        if self.shown:
            options.highlighted = ids.index(keep_id) if keep_id in ids else 0
        self.query_one("#cards-count", Static).update(
            Content(f"共 {len(self.shown)} 张（全部 {len(self.all_cards)} 张）"))
        self._show_detail()

    @staticmethod
    def _option(card: Any) -> Option:
        from cskexam.core.linebreak import cells

        flag = "✎" if card.edited else " "
        # Labels padded by cells (学习中 is 6 wide, 新卡 4), so the fronts line up;
        # the front on one line (the list cuts it with …).
        state = card.state_label + " " * max(0, 6 - cells(card.state_label))
        kind = card.kind_label + " " * max(0, 4 - cells(card.kind_label))
        return Option(Content.assemble((state, "$text-muted"), " ", (kind, "$accent"), flag, " ",
                                       " ".join(card.front.split())),
                      id=card.id)

    def _current(self) -> Any | None:
        index = self.query_one("#cards-list", OptionList).highlighted
        if index is None or index >= len(self.shown):
            return None
        return self.shown[index]

    def _show_detail(self) -> None:
        from cskexam.core.linebreak import clip_path

        card = self._current()
        detail = self.query_one("#cards-detail", Static)
        if card is None:
            detail.update(Content("没有符合条件的卡片"))
            return
        due = card.due.astimezone().strftime("%Y-%m-%d %H:%M") if card.due else "—"
        self._detail_width = detail.size.width  # the path below is cut to it
        width = max(20, detail.size.width - 2) if detail.size.width else 70
        detail.update(CjkText(Content.assemble(
            ("问：", "bold"), card.front, "\n", ("答：", "bold"), card.back, "\n",
            (f"{card.state_label} · {card.kind_label} · 复习 {card.reps} 次 · 遗忘 {card.lapses} 次 · 到期 {due}",
             "$text-muted"), "\n", (clip_path(list(card.path), width), "$text-muted"))))

    # -- events -------------------------------------------------------------------
    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "cards-search":
            self._apply()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "cards-search":
            self.query_one("#cards-list").focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._apply()

    def on_key(self, event) -> None:
        # Esc in the search box goes back to the list, not to the previous screen.
        if event.key == "escape" and isinstance(self.focused, Input):
            event.stop()
            event.prevent_default()
            self.query_one("#cards-list").focus()

    # -- actions ------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#cards-search", Input).focus()

    def action_filters(self) -> None:
        self.query_one("#cards-chapter", Select).focus()

    def _run(self, fn, message: str) -> None:
        def work() -> None:
            fn()
            self.app.call_from_thread(self.notify, message, markup=False)
            self._read()

        self.run_worker(guarded(self, work, title="卡片未能保存"), thread=True, group="cards-write")

    def action_toggle_suspend(self) -> None:
        card = self._current()
        if card is None:
            return
        suspend = card.state != "suspended"
        self._run(lambda: self._browser().set_suspended(card.id, suspend), "已暂停这张卡片" if suspend else "已恢复复习")

    def action_reset(self) -> None:
        card = self._current()
        if card is None:
            return
        self._run(lambda: self._browser().reset(card.id), "已重置为新卡")

    def action_edit(self) -> None:
        card = self._current()
        if card is None:
            return

        def done(result: tuple[str, str] | None) -> None:
            if result:
                self._run(lambda: self._browser().edit(card.id, *result), "已保存（重新导入笔记也会保留）")

        self._editing = True
        self.app.push_screen(CardEditor("编辑卡片", card.front, card.back), done)

    def action_add(self) -> None:
        card = self._current()
        if card is None:
            return
        where = card.path[-1] if card.path else "这个知识点"

        def done(result: tuple[str, str] | None) -> None:
            if result:
                self._run(lambda: self._browser().add(card.node, *result), f"已在「{where}」上新增卡片")

        self._editing = True
        self.app.push_screen(CardEditor(f"新增卡片 · {where}"), done)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_suspend", "edit", "add", "reset") and isinstance(self.focused, Input):
            return False
        return True
