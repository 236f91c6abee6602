"""The library: every exercise of the catalog, grouped by phase, filtered
as you type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import cast

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size, Spacing
from textual.message import Message
from textual.reactive import Reactive
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from composer.catalog.manager import Catalog
from composer.catalog.search import Tier
from composer.model import Exercise
from composer.safetext import visible

# Rows shown at most; a huge catalog is narrowed by typing, not scrolled.
MAX_ROWS = 200
# Columns from which a match's row also names its phase.
WIDE_ROWS = 40
# Row drawings kept by the list: a few screens' worth for every style a row
# takes (plain, highlighted, hovered).
DRAWN_ROWS = 2048
# What the filter searches, longest first: the longest that fits is shown.
FILTER_PLACEHOLDERS = (
    "Filter: name, muscle, equipment, plugin or summary",
    "name, muscle, equipment, plugin or summary",
    "name, muscle, gear, summary",
    "name, muscle, summary",
)


def _group(exercise: Exercise, tier: Tier | None) -> str:
    """The heading a match is listed under."""
    return exercise.phase.label if tier is None else tier.heading


class _NoLayout:
    """For a scrolling widget whose size is set by its container (CSS, not
    content): a new virtual size (each key typed into the filter, each new
    number of rows in the list) is otherwise a layout of the whole screen.
    Only a scrollbar that comes or goes, or a content-sized box, needs one."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        widget = cast(Widget, self)
        width, height = widget.scrollable_content_region.size
        if (
            widget.styles.auto_dimensions
            or (old.height > height) != (new.height > height)
            or (old.width > width) != (new.width > width)
        ):
            widget.refresh(layout=True)


class FilterInput(_NoLayout, Input):
    """The library's filter box."""

    def watch_value(self, value: str) -> None:
        # The list follows the text at once, so both are drawn in the same
        # frame. Through the `Changed` message, the text was drawn first
        # and the list a frame later.
        library = self.parent
        if isinstance(library, Library):
            library.refilter(value)


class ClickToHighlight(OptionList):
    """An option list where one click highlights and a double click selects."""

    def on_click(self, event: events.Click) -> None:
        # Runs before OptionList's own click handler, which selects on one
        # click; preventing the default keeps that from running.
        event.prevent_default()
        index = event.style.meta.get("option")
        if index is None or self.get_option_at_index(index).disabled:
            return
        self.highlighted = index
        if event.chain >= 2:
            self.action_select()


class LibraryList(_NoLayout, ClickToHighlight):
    """The list of exercises. One click shows an exercise, a double click
    (or Enter) adds it to the session; typing a letter here goes on with the
    filter, so a word typed into the list never adds anything."""

    BINDINGS = [
        Binding("enter", "select", "Add", id="library.add"),
        Binding("slash", "focus_filter", "Filter", id="library.filter"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Each row's drawing by (row, style, width), with the index it was
        # drawn at: see `_get_option_render`.
        self._drawn: LRUCache[tuple[Option, Style, Spacing, int], tuple[int, list[Strip]]]
        self._drawn = LRUCache(maxsize=DRAWN_ROWS)

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        # Textual forgets how every row is drawn each time the options are
        # set (at each key typed in the filter), as a row's drawing holds
        # its index for clicks. Rows are kept (`Library._row`), so their
        # drawings are too; one shown at another index takes the new index.
        padding = self.get_component_styles("option-list--option").padding
        key = (option, style, padding, self.scrollable_content_region.width)
        index = self._option_to_index[option]
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = (index, super()._get_option_render(option, style))
        elif drawn[0] != index:
            # After the row's own styles, so that the new index wins.
            meta = RichStyle.from_meta({"option": index})
            drawn = (
                index,
                [
                    Strip(Segment.apply_style(strip, post_style=meta), strip.cell_length)
                    for strip in drawn[1]
                ],
            )
        else:
            return drawn[1]
        self._drawn[key] = drawn
        return drawn[1]

    def _clear_caches(self) -> None:
        # Whenever Textual forgets its own drawings (a new size, a prompt
        # replaced, an option removed), but not when the options are set.
        # After a resize, Textual may hand out a row drawn at the old width
        # until the list hears of its new size: kept under the new width,
        # it would stay too short.
        self._drawn.clear()
        super()._clear_caches()

    def notify_style_update(self) -> None:
        self._drawn.clear()  # padding and colours come from styles
        super().notify_style_update()

    def action_focus_filter(self, new_search: bool = True) -> None:
        """Back to the filter; `/` starts a new search (the old text is
        selected, so typing replaces it), a letter goes on with it."""
        box = self.screen.query_one("#filter", Input)
        self.screen.set_focus(box)
        if new_search:
            box.select_all()
        else:
            box.cursor_position = len(box.value)

    def on_key(self, event: events.Key) -> None:
        """Go to the filter as soon as its key ("/") comes, not when the key
        has bubbled up to the app: the letters typed right after it are
        already queued here, and are passed on to the filter."""
        focused = self.screen.focused
        if focused is self:
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.node is self:
                if active.binding.action == "focus_filter":
                    event.stop()
                    event.prevent_default()
                    self.action_focus_filter()
            elif event.is_printable and event.character:
                # Typing in the list means filtering: the text goes on in the filter.
                event.stop()
                event.prevent_default()
                self.action_focus_filter(new_search=False)
                self.screen.query_one("#filter", Input).insert_text_at_cursor(event.character)
        elif isinstance(focused, Input) and event.is_printable:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))


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
        self._wide = False
        # One option per exercise, built once: its row is drawn once and
        # kept, so typing in the filter does not rebuild every row.
        self._rows: dict[str, Option] = {}
        self._shown: tuple | None = None  # what the list shows now
        self._rows_of: Catalog | None = None
        self._query = ""  # the search shown now
        self._first: int | None = (
            None  # its best match's row  # the catalog the rows were built from
        )

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder=FILTER_PLACEHOLDERS[-1], id="filter", select_on_focus=False)
        yield LibraryList(id="exercises", markup=False)

    def on_mount(self) -> None:
        self.refilter("")

    def on_resize(self) -> None:
        filter_box = self.query_one("#filter", Input)
        room = self.content_region.width - 2  # the filter's padding
        fits = [text for text in FILTER_PLACEHOLDERS if len(text) <= room]
        filter_box.placeholder = fits[0] if fits else FILTER_PLACEHOLDERS[-1]
        # Matches name their phase when there is room for it on their line.
        wide = room >= WIDE_ROWS
        if wide != self._wide:
            self._wide = wide
            self.refilter(filter_box.value)

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
        """Show the exercises matching `query`: all of them under phase
        headings, or the matches best first under what they matched. The
        list is left alone when what it shows does not change."""
        if self._rows_of is not self.catalog:  # plugins reloaded: rows anew
            self._rows_of = self.catalog
            self._rows.clear()
            self._shown = None
        found = self.catalog.matches(query)
        self.matches = [exercise for exercise, _tier in found]
        shown = found[:MAX_ROWS]
        # Group by phase without a query, by how well they match with one.
        counts: Counter[str] = Counter()
        if found and found[0][1] is None:
            for phase, number in Counter(e.phase for e in self.matches).items():
                counts[phase.label] += number
        else:
            for tier, number in Counter(tier for _e, tier in found).items():
                counts[_group(found[0][0], tier)] += number
        more = len(self.matches) - len(shown)
        key = (
            tuple((e.full_id, _group(e, tier)) for e, tier in shown),
            tuple(sorted(counts.items())),
            more,
            self._wide,
        )
        if key != self._shown:
            self._shown = key
            self._show_rows(shown, counts, more)
        elif query != self._query:
            # The same rows, but a new search: its best match is highlighted
            # again, so filter + Enter adds it.
            self.option_list.highlighted = self._first
        self._query = query
        total = len(self.catalog.exercises)
        title = (
            f"Library · {len(self.matches)} of {total}" if query.strip() else f"Library · {total}"
        )
        self.border_title = Content(title)

    def _row(self, exercise: Exercise, tier: Tier | None) -> Option:
        """The exercise's row, built once (per way of showing it) and kept."""
        named_phase = tier is not None and self._wide
        key = f"{exercise.full_id}\n{named_phase}"
        option = self._rows.get(key)
        if option is None:
            extra = f"  L{exercise.level}"
            if named_phase:
                extra += f" · {exercise.phase.label}"
            row = Content.assemble(" ", visible(exercise.name), (extra, "dim"))
            option = self._rows[key] = Option(row, id=exercise.full_id)
        return option

    def _show_rows(self, shown: list, counts: Counter[str], more: int) -> None:
        options: list[Option] = []
        group = None
        for exercise, tier in shown:
            if _group(exercise, tier) != group:
                group = _group(exercise, tier)
                heading = f"{group.upper()} · {counts[group]}"
                options.append(Option(Content.styled(heading, "bold"), disabled=True))
            options.append(self._row(exercise, tier))
        if more > 0:
            options.append(Option(f"… {more:,} more: type to narrow the list", disabled=True))
        if not shown:
            options.append(Option("Nothing matches. Try fewer or other words.", disabled=True))
        option_list = self.option_list
        option_list.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        self._first = first
        option_list.highlighted = first

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()  # the list has followed already (`FilterInput.watch_value`)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_list()

    def on_key(self, event: events.Key) -> None:
        # Handled here, before the filter's own Enter (which would only post
        # a message and move the focus after the keys typed next).
        if event.key in ("down", "enter") and isinstance(self.screen.focused, Input):
            event.stop()
            event.prevent_default()
            self.focus_list()

    def focus_list(self) -> None:
        """Move to the list now, not after the keys already typed: keys
        pressed in a burst right after (↓ ↓ ↓) must reach the list."""
        self.screen.set_focus(self.option_list)

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
