"""The session editor: the session's blocks and steps with their dose, and
the total time, kept up to date as the session changes."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from composer.catalog.manager import Catalog
from composer.edit.undo import Position
from composer.format.size import session_size
from composer.model import Session, format_seconds
from composer.safetext import visible
from composer.ui.widgets.library import ClickToHighlight


class StepList(ClickToHighlight):
    """Blocks and steps. The keys act on the highlighted row; a double
    click edits it."""

    # The footer shows the keys a first edit needs and fits in 80 columns;
    # F1 lists them all.
    _MOVE = Binding.Group("Move", compact=True)
    BINDINGS = [
        Binding("enter", "select", "Edit", id="session.edit"),
        Binding("delete,x", "screen.remove", "Remove", key_display="x", id="session.remove"),
        Binding("d", "screen.duplicate", "Duplicate", show=False, id="session.duplicate"),
        Binding(
            "shift+up,K",
            "screen.move(-1)",
            "Up",
            key_display="⇧↑",
            id="session.move_up",
            group=_MOVE,
        ),
        Binding(
            "shift+down,J",
            "screen.move(1)",
            "Down",
            key_display="↓",
            id="session.move_down",
            group=_MOVE,
        ),
        Binding(
            "shift+left,less_than_sign",
            "screen.move_block(-1)",
            "To previous block",
            show=False,
            id="session.to_previous_block",
        ),
        Binding(
            "shift+right,greater_than_sign",
            "screen.move_block(1)",
            "To next block",
            show=False,
            id="session.to_next_block",
        ),
        Binding("minus", "screen.swap('easier')", "Easier", show=False, id="session.easier"),
        Binding(
            "plus,equals_sign",
            "screen.swap('harder')",
            "Harder",
            show=False,
            id="session.harder",
        ),
        Binding("b", "screen.add_block", "Block", show=False, id="session.add_block"),
    ]


class SessionEditor(Vertical):
    """The step list and the total line."""

    @dataclass
    class Highlighted(Message):
        position: Position | None

    @dataclass
    class Chosen(Message):
        position: Position

    def __init__(self, catalog: Catalog, **kwargs) -> None:
        super().__init__(**kwargs)
        self.catalog = catalog
        self.rows: list[Position | None] = []

    def compose(self) -> ComposeResult:
        yield StepList(id="steps", markup=False)
        yield Static(id="total", markup=False)

    @property
    def step_list(self) -> StepList:
        return self.query_one(StepList)

    @property
    def position(self) -> Position | None:
        index = self.step_list.highlighted
        if index is None or index >= len(self.rows):
            return None
        return self.rows[index]

    def show(self, session: Session, position: Position | None = None) -> None:
        """Rebuild the rows from `session`, highlighting `position`."""
        options: list[Option] = []
        self.rows = []
        number = 0  # steps are numbered through the session, as `glute show` does
        for block_index, block in enumerate(session.blocks):
            title = visible(block.title) or f"Block {block_index + 1}"
            extra = ""
            if block.rounds > 1:
                extra = f"  × {block.rounds} rounds"
                if block.rest_s:
                    extra += f", rest {format_seconds(block.rest_s)}"
            options.append(
                Option(Content.assemble((title, "bold $text-accent"), (extra, "$text-accent")))
            )
            self.rows.append(Position(block_index))
            if not block.steps:
                options.append(Option("   (empty block: add an exercise)", disabled=True))
                self.rows.append(None)
            for step_index, step in enumerate(block.steps):
                number += 1
                options.append(Option(self._step_row(session, step, number)))
                self.rows.append(Position(block_index, step_index))
        if not session.blocks:
            options.append(
                Option(
                    "Nothing here yet. Pick an exercise in the library and press Enter to add it.",
                    disabled=True,
                )
            )
            self.rows.append(None)
        step_list = self.step_list
        step_list.set_options(options)
        index = self.rows.index(position) if position in self.rows else None
        if index is None:
            index = next((i for i, row in enumerate(self.rows) if row is not None), None)
        step_list.highlighted = index
        self._show_total(session)

    def _step_row(self, session: Session, step, number: int) -> Content:
        exercise = self.catalog.get(step.exercise)
        dose = step.resolve(exercise, session.defaults).describe()
        if exercise is None:
            name = Content.assemble(
                (f"⚠ {visible(step.name or step.exercise)}", "$text-warning"),
                (" (plugin missing)", "$text-warning italic"),
            )
        else:
            name = Content(visible(step.display_name(exercise)))
        row = Content.assemble(f"  {number}. ", name, "  ", (dose, "dim"))
        if step.note:
            row = Content.assemble(row, ("  ✎", "dim"))
        return row

    def _show_total(self, session: Session) -> None:
        # Arithmetic on the doses, never a built timeline: a huge dose (from
        # a file or a plugin) is shown as too large instead of hanging here.
        size = session_size(session, self.catalog.get)
        steps = len(session.steps())
        if not steps:
            text = "Total: 0 s"
        elif size.too_large:
            text = "Too large to run: " + "; ".join(size.limits_exceeded())
        else:
            about = "about " if size.estimated else ""
            blocks = len(session.blocks)
            text = (
                f"Total: {about}{format_seconds(size.seconds)} · "
                f"{steps} step{'s' if steps != 1 else ''} in "
                f"{blocks} block{'s' if blocks != 1 else ''}"
            )
        self.query_one("#total", Static).update(Content(text))

    @on(OptionList.OptionHighlighted, "#steps")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.position))

    @on(OptionList.OptionSelected, "#steps")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.position is not None:
            self.post_message(self.Chosen(self.position))
