"""The hints panel: advice on the session being composed (order, holds,
balance, and what past runs say), recomputed after every edit. Enter on
a hint applies its change as an ordinary edit. Text from files and
plugins is shown literally, never as markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from composer.catalog.manager import Catalog
from composer.habit.advice import Advice, SafeHistory, advise, open_history
from composer.model import Session
from composer.safetext import visible
from composer.ui.widgets.library import ClickToHighlight


class HintList(ClickToHighlight):
    """The hints; Enter (or a double click) applies the highlighted one."""

    BINDINGS = [Binding("enter", "select", "Apply", id="hints.apply")]


class HintsPanel(Vertical):
    """Hidden until toggled; works out the advice only while shown."""

    DEFAULT_CSS = """
    HintsPanel {
        display: none;
        height: auto;
        max-height: 12;
        border: round $panel-lighten-2;
        border-title-color: $text-accent;
    }
    HintsPanel.-shown {
        display: block;
    }
    HintsPanel:focus-within {
        border: round $primary;
    }
    HintsPanel > HintList, HintsPanel > HintList:focus {
        border: none;
        height: auto;
        max-height: 10;
        padding: 0;
    }
    """

    @dataclass
    class Apply(Message):
        advice: Advice

    def __init__(self, catalog: Catalog, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.catalog = catalog
        self.advice: list[Advice] = []
        self._history: SafeHistory | None = None
        self._history_opened = False
        self._session: Session | None = None

    def compose(self) -> ComposeResult:
        yield HintList(id="hint-list", markup=False)

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")

    def toggle(self, session: Session) -> bool:
        """Show or hide the panel; return whether it is shown."""
        self.toggle_class("-shown")
        if self.shown:
            self.show_advice(session)
        return self.shown

    def _report(self, message: str) -> None:
        self.notify(message, title="History", severity="warning", markup=False)

    def history(self) -> SafeHistory | None:
        if not self._history_opened:
            self._history_opened = True
            opened = open_history(self._report)
            if opened is not None:
                self._history = SafeHistory(opened, self._report)
        return self._history

    def show_advice(self, session: Session) -> None:
        """Work out the advice for `session` again (only while shown)."""
        self._session = session
        if not self.shown:
            return
        self.advice = advise(session, self.catalog, self.history())
        hint_list = self.query_one(HintList)
        highlighted = hint_list.highlighted
        if self.advice:
            options = [Option(self._row(advice)) for advice in self.advice]
        else:
            options = [Option("No advice: the session follows the protocol.", disabled=True)]
        hint_list.set_options(options)
        if self.advice:
            hint_list.highlighted = min(highlighted or 0, len(self.advice) - 1)
        count = len(self.advice)
        self.border_title = Content(f"Hints ({count})" if count else "Hints")
        self.border_subtitle = Content("Enter applies · F2 hides" if count else "F2 hides")

    @staticmethod
    def _row(advice: Advice) -> Content:
        mark = "✎ " if advice.edit else "· "
        return Content.assemble(
            (mark, "$text-accent"),
            (visible(advice.where), "bold"),
            ": ",
            visible(advice.message),
        )

    def describe(self, advice: Advice) -> Content:
        lines = [
            Content.styled(visible(advice.where), "bold"),
            Content(visible(advice.message)),
            Content.styled(f"Source: {visible(advice.source)}", "dim"),
            Content(""),
        ]
        if advice.edit is not None:
            lines.append(Content(f"Enter: {visible(advice.edit.summary)}"))
        else:
            lines.append(Content("No change to apply: this one is for you to judge."))
        return Content("\n").join(lines)

    def _show_detail(self, index: int | None) -> None:
        """The highlighted hint in full in the detail pane, while the list
        has the focus."""
        hint_list = self.query_one(HintList)
        if not hint_list.has_focus or index is None or not 0 <= index < len(self.advice):
            return
        from composer.ui.widgets.detail import Detail

        for detail in self.screen.query(Detail):
            detail.show(self.describe(self.advice[index]), "Hint")

    @on(OptionList.OptionHighlighted, "#hint-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail(event.option_index)

    def on_descendant_focus(self) -> None:
        self._show_detail(self.query_one(HintList).highlighted)

    @on(OptionList.OptionSelected, "#hint-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self.advice):
            self.post_message(self.Apply(self.advice[index]))

    def on_unmount(self) -> None:
        if self._history is not None:
            self._history.close()
