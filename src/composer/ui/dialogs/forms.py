"""Modal forms that check what is typed as it is typed: a small base class,
and the forms for a block and for the session's title and details."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from composer.edit import fields
from composer.model import Block, Session, SessionDefaults
from composer.safetext import visible

T = TypeVar("T")


@dataclass
class Field:
    """One row of a form. `kind` is "input", "area" or "select"."""

    id: str
    label: str
    value: str = ""
    placeholder: str = ""
    kind: str = "input"
    choices: list[tuple[str, str]] = field(default_factory=list)


class FormScreen(ModalScreen[T], Generic[T]):
    """A dialog of fields; `collect()` turns the typed values into a result
    and names the fields that are wrong. Save stays off while any is."""

    CSS_PATH = "forms.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]
    heading = "Edit"

    def __init__(self) -> None:
        super().__init__()
        self.problems: dict[str, str] = {}
        self.result: T | None = None

    def fields(self) -> list[Field]:
        raise NotImplementedError

    def collect(self, values: dict[str, str], problems: dict[str, str]) -> T | None:
        """The result built from `values`; add to `problems` what is wrong."""
        raise NotImplementedError

    def preview(self, result: T | None) -> Content | None:
        return None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.heading), id="form-heading")
            with VerticalScroll(id="form-body", can_focus=False):
                for spec in self.fields():
                    with Horizontal(classes="form-row"):
                        yield Label(spec.label, classes="form-label")
                        yield self._widget(spec)
            yield Static(id="form-preview", markup=False)
            yield Static(id="form-problems", markup=False)
            yield Static(self._keys_hint(), id="form-keys")
            with Horizontal(id="form-buttons"):
                yield Button("Save", variant="primary", id="form-save")
                yield Button("Cancel", id="form-cancel")

    def _keys_hint(self) -> Content:
        """How to save: Enter in a one-line field, Ctrl+S anywhere."""
        areas = [spec.label for spec in self.fields() if spec.kind == "area"]
        if not areas:
            return Content("Enter or Ctrl+S saves · Esc cancels")
        return Content(
            f"Enter or Ctrl+S saves · in {' and '.join(areas)}, Enter adds a line · Esc cancels"
        )

    def _widget(self, spec: Field):
        if spec.kind == "area":
            hint = f"{spec.placeholder} · " if spec.placeholder else ""
            area = TextArea(
                spec.value,
                id=f"f-{spec.id}",
                soft_wrap=True,
                show_line_numbers=False,
                placeholder=f"{hint}Enter: new line · Ctrl+S: save",
            )
            area.tooltip = spec.placeholder or None
            return area
        if spec.kind == "select":
            return Select(
                [(label, value) for label, value in spec.choices],
                value=spec.value,
                allow_blank=False,
                id=f"f-{spec.id}",
                compact=True,
            )
        return Input(spec.value, placeholder=spec.placeholder, id=f"f-{spec.id}", compact=True)

    def on_mount(self) -> None:
        self.validate()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for widget in self.query(".form-row > *"):
            if not widget.id or not widget.id.startswith("f-"):
                continue
            name = widget.id[2:]
            if isinstance(widget, Input):
                out[name] = widget.value
            elif isinstance(widget, TextArea):
                out[name] = widget.text
            elif isinstance(widget, Select):
                out[name] = "" if widget.value is Select.NULL else str(widget.value)
        return out

    def validate(self) -> None:
        problems: dict[str, str] = {}
        self.result = self.collect(self.values(), problems)
        self.problems = problems
        for widget in self.query(".form-row > *"):
            if widget.id and widget.id.startswith("f-"):
                widget.set_class(widget.id[2:] in problems, "-invalid")
        labels = {spec.id: spec.label for spec in self.fields()}
        lines = [f"{labels.get(name, name)}: {message}" for name, message in problems.items()]
        shown = visible("\n".join(lines), multiline=True)
        self.query_one("#form-problems", Static).update(Content(shown))
        preview = self.preview(self.result) if not problems else None
        self.query_one("#form-preview", Static).update(preview or Content(""))
        self.query_one("#form-save", Button).disabled = bool(problems)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self, event) -> None:
        event.stop()
        self.validate()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        self.validate()
        if self.problems:
            self.notify("Fix the fields marked in red first.", severity="warning")
            return
        self.dismiss(self.result)

    def action_cancel(self) -> None:
        self.dismiss(None)


def check(problems: dict[str, str], name: str, parse: Callable[[], Any]) -> Any:
    """Run `parse`; on ValueError note the problem under `name`."""
    try:
        return parse()
    except ValueError as error:
        problems[name] = str(error)
        return None


@dataclass
class BlockChanges:
    title: str
    rounds: int
    rest_s: float


class BlockForm(FormScreen[BlockChanges]):
    """A block's title, rounds and rest between rounds."""

    heading = "Block"

    def __init__(self, block: Block) -> None:
        super().__init__()
        self.block = block

    def fields(self) -> list[Field]:
        block = self.block
        return [
            Field("title", "Title", block.title, "e.g. Unlock"),
            Field("rounds", "Rounds", str(block.rounds), "1"),
            Field("rest_s", "Rest between rounds", fields.show_seconds(block.rest_s), "0"),
        ]

    def collect(self, values, problems) -> BlockChanges | None:
        title = check(problems, "title", lambda: fields.text(values["title"].strip(), "title"))
        rounds = check(problems, "rounds", lambda: fields.whole_number(values["rounds"], "rounds"))
        rest = check(problems, "rest_s", lambda: fields.seconds(values["rest_s"], "rest_s"))
        if problems:
            return None
        return BlockChanges(title=title or "", rounds=rounds or 1, rest_s=rest or 0.0)


@dataclass
class SessionDetails:
    title: str
    description: str
    author: str
    tags: list[str]
    defaults: SessionDefaults


class MetadataForm(FormScreen[SessionDetails]):
    """The session's title, description, author, tags and default pauses."""

    heading = "Session details"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def fields(self) -> list[Field]:
        session, defaults = self.session, self.session.defaults
        return [
            Field("title", "Title", session.title, "e.g. Desk-worker wake-up"),
            Field("description", "Description", session.description, "", kind="area"),
            Field("author", "Author", session.author, "your name"),
            Field("tags", "Tags", ", ".join(session.tags), "comma separated, e.g. desk, beginner"),
            # A step's own dose and its exercise's default come first.
            Field(
                "rest_s",
                "Rest between sets",
                fields.show_seconds(defaults.rest_s),
                "30 · where neither the step nor its exercise sets one",
            ),
            Field(
                "switch_s",
                "Side switch",
                fields.show_seconds(defaults.switch_s),
                "5 · where neither the step nor its exercise sets one",
            ),
            Field("transition_s", "Get ready", fields.show_seconds(defaults.transition_s), "10"),
        ]

    def collect(self, values, problems) -> SessionDetails | None:
        out: dict[str, Any] = {}
        for name in ("title", "author"):
            out[name] = check(problems, name, partial(fields.text, values[name].strip(), name))
        out["description"] = check(
            problems, "description", lambda: fields.text(values["description"], "description")
        )
        out["tags"] = check(problems, "tags", lambda: fields.tags(values["tags"]))
        seconds = {
            name: check(problems, name, partial(fields.seconds, values[name], name))
            for name in ("rest_s", "switch_s", "transition_s")
        }
        if problems:
            return None
        return SessionDetails(
            title=out["title"],
            description=out["description"].strip(),
            author=out["author"],
            tags=out["tags"],
            defaults=SessionDefaults(relax_s=self.session.defaults.relax_s, **seconds),
        )
