"""The library: every exercise of the catalog, grouped by phase, filtered
as you type."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ..model import Exercise, Phase
from ..plugins import Catalog
from ..safetext import visible

# Rows shown at most; a huge catalog is narrowed by typing, not scrolled.
MAX_ROWS = 200


class ClickToHighlight(OptionList):
    """An option list where one click highlights and a double click selects."""

    async def _on_click(self, event: events.Click) -> None:
        event.prevent_default()
        index = event.style.meta.get("option")
        if index is None or self._options[index].disabled:
            return
        self.highlighted = index
        if event.chain >= 2:
            self.action_select()


class LibraryList(ClickToHighlight):
    """The list of exercises. One click shows an exercise, a double click
    (or Enter, or `a`) adds it to the session."""

    BINDINGS = [
        Binding("a", "select", "Add", id="library.add"),
        Binding("slash", "focus_filter", "Filter", id="library.filter"),
    ]

    def action_focus_filter(self) -> None:
        self.screen.query_one("#filter", Input).focus()


class Library(Vertical):
    """Filter box and exercise list; posts what is highlighted and chosen."""

    @dataclass
    class Highlighted(Message):
        exercise: Exercise

    @dataclass
    class Chosen(Message):
        exercise: Exercise

    def __init__(self, catalog: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.catalog = catalog
        self.matches: list[Exercise] = []
        # One option per exercise, built once: its row is drawn once and
        # kept, so typing in the filter does not rebuild every row.
        self._rows: dict[str, Option] = {}
        self._shown: tuple | None = None  # what the list shows now
        self._rows_of: Catalog | None = None  # the catalog the rows were built from

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter: name, muscle, equipment, plugin", id="filter")
        yield LibraryList(id="exercises", markup=False)

    def on_mount(self) -> None:
        self.refilter("")

    @property
    def option_list(self) -> LibraryList:
        return self.query_one(LibraryList)

    @property
    def highlighted(self) -> Exercise | None:
        option = self.option_list.highlighted_option
        if option is None or option.id is None:
            return None
        return self.catalog.get(option.id)

    def refilter(self, query: str) -> None:
        """Show the exercises matching `query`, under phase headings."""
        if self._rows_of is not self.catalog:  # plugins reloaded: rows anew
            self._rows_of = self.catalog
            self._rows.clear()
            self._shown = None
        self.matches = self.catalog.search(query)
        shown = self.matches[:MAX_ROWS]
        counts: dict[Phase, int] = {}
        for exercise in self.matches:
            counts[exercise.phase] = counts.get(exercise.phase, 0) + 1
        more = len(self.matches) - len(shown)
        key = (tuple(e.full_id for e in shown), tuple(counts.items()), more)
        if key != self._shown:
            self._shown = key
            self._show_rows(shown, counts, more)
        total = len(self.catalog.exercises)
        title = (
            f"Library · {len(self.matches)} of {total}" if query.strip() else f"Library · {total}"
        )
        self.border_title = Content(title)

    def _row(self, exercise: Exercise) -> Option:
        option = self._rows.get(exercise.full_id)
        if option is None:
            row = Content.assemble(" ", visible(exercise.name), (f"  L{exercise.level}", "dim"))
            option = self._rows[exercise.full_id] = Option(row, id=exercise.full_id)
        return option

    def _show_rows(self, shown: list[Exercise], counts: dict[Phase, int], more: int) -> None:
        options: list[Option] = []
        phase = None
        for exercise in shown:
            if exercise.phase is not phase:
                phase = exercise.phase
                heading = f"{phase.label.upper()} · {counts[phase]}"
                options.append(Option(Content.styled(heading, "bold"), disabled=True))
            options.append(self._row(exercise))
        if more > 0:
            options.append(Option(f"… {more:,} more: type to narrow the list", disabled=True))
        if not shown:
            options.append(Option("Nothing matches. Try fewer or other words.", disabled=True))
        option_list = self.option_list
        option_list.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        option_list.highlighted = first

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.option_list.focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and isinstance(self.screen.focused, Input):
            event.stop()
            self.option_list.focus()

    @on(OptionList.OptionHighlighted, "#exercises")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        exercise = self.catalog.get(event.option.id or "")
        if exercise is not None:
            self.post_message(self.Highlighted(exercise))

    @on(OptionList.OptionSelected, "#exercises")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        exercise = self.catalog.get(event.option.id or "")
        if exercise is not None:
            self.post_message(self.Chosen(exercise))
