"""Small modal questions: the unsaved-changes guard, a yes/no confirm, and
the questions a save asks (file changed on disk, comments to be dropped)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from composer.safetext import visible


class UnsavedChanges(ModalScreen[str]):
    """Ask what to do with unsaved changes: "save", "discard" or "cancel"."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("s", "choose('save')", "Save", id="unsaved.save"),
        Binding("d", "choose('discard')", "Discard", id="unsaved.discard"),
        Binding("escape,c", "choose('cancel')", "Cancel", id="unsaved.cancel"),
    ]

    def __init__(self, name: str, doing: str) -> None:
        super().__init__()
        self.document = name
        self.doing = doing

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Unsaved changes"), classes="dialog-heading")
            yield Static(
                Content.from_markup(
                    "$name has changes that are not saved. Save them before you $doing?",
                    name=self.document,
                    doing=self.doing,
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Discard", variant="error", id="discard")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class Confirm(ModalScreen[bool]):
    """A yes/no question."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("escape,n", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question))
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.yes), variant="error", id="yes")
                yield Button("No", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class FileChanged(ModalScreen[str]):
    """The file about to be saved over changed on disk since it was read:
    "reload" (discard the changes made here and read it again),
    "overwrite" or "cancel"."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("r", "choose('reload')", "Reload", id="changed.reload"),
        Binding("o", "choose('overwrite')", "Overwrite", id="changed.overwrite"),
        Binding("escape,c", "choose('cancel')", "Cancel", id="changed.cancel"),
    ]

    def __init__(self, name: str, what: str, can_reload: bool) -> None:
        super().__init__()
        self.document = name
        self.what = what
        self.can_reload = can_reload

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="file-changed"):
            yield Static(Content("Changed on disk"), classes="dialog-heading")
            yield Static(Content(f"{visible(self.document)} {visible(self.what)}."))
            if self.can_reload:
                choices = (
                    "Reload reads it again and discards the changes made here; "
                    "Overwrite replaces it with this session; Cancel saves nothing."
                )
            else:
                choices = "Overwrite saves this session there; Cancel saves nothing."
            yield Static(Content(choices), classes="hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload", variant="warning", id="reload", disabled=not self.can_reload)
                yield Button("Overwrite", variant="error", id="overwrite")
                yield Button("Cancel", variant="primary", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        if choice == "reload" and not self.can_reload:
            return
        self.dismiss(choice)


class CommentsWillBeLost(ModalScreen[bool]):
    """Saving drops comments of the file: save anyway (True) or cancel."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("s", "answer(True)", "Save anyway", id="comments.save"),
        Binding("escape,c", "answer(False)", "Cancel", id="comments.cancel"),
    ]

    def __init__(self, name: str, count: int) -> None:
        super().__init__()
        self.document = name
        self.count = count

    def compose(self) -> ComposeResult:
        lines = "1 comment line" if self.count == 1 else f"{self.count} comment lines"
        with Vertical(classes="dialog", id="comments-lost"):
            yield Static(Content("Comments will be lost"), classes="dialog-heading")
            yield Static(
                Content(
                    f"{visible(self.document)} holds {lines} that saving would drop: "
                    "a save writes back only the comment block at the top of a file; "
                    "comments anywhere else are lost."
                )
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save anyway", variant="error", id="save")
                yield Button("Cancel", variant="primary", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "save")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
