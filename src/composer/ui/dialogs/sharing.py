"""Dialogs for sessions that travel: install the plugins a file needs, and
export a handout to print or send."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from composer.format.requirements import Unmet, install_command
from composer.safetext import visible
from composer.share.handout import format_for


class InstallPlugins(ModalScreen[bool]):
    """Name the plugin distributions a file needs and this machine lacks;
    dismisses with True for "Install now", False for "Not now"."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("i", "answer(True)", "Install now", id="install.yes"),
        Binding("escape,n", "answer(False)", "Not now", id="install.no"),
    ]

    def __init__(self, filename: str, unmet: list[Unmet]) -> None:
        super().__init__()
        self.filename = filename
        self.installable = [item for item in unmet if not item.direct]
        self.refused = [item for item in unmet if item.direct]

    def compose(self) -> ComposeResult:
        lines = [
            f"{visible(self.filename)} uses exercises from plugins that are not installed here:",
            "",
            *(f"  • {item.describe()}" for item in self.installable),
        ]
        if self.refused:
            lines += [
                "",
                "Not installed from a link in a shared file (install it yourself if you trust it):",
                *(f"  • {item.describe()}" for item in self.refused),
            ]
        lines += [
            "",
            "Until then its steps keep their saved names and doses, and run from them.",
        ]
        with Vertical(classes="dialog", id="install-dialog"):
            yield Static(Content("Plugins missing"), classes="dialog-heading")
            yield Static(Content("\n".join(lines)), id="install-list")
            if self.installable:
                command = install_command(self.installable)
                yield Static(
                    Content(
                        f"Install now runs pip in this Python, the same as: {visible(command)}"
                    ),
                    classes="hint",
                )
            with Horizontal(classes="dialog-buttons"):
                if self.installable:
                    yield Button("Install now", variant="primary", id="install")
                yield Button("Not now", id="later")

    def on_mount(self) -> None:
        self.query_one("#later", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "install")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer and bool(self.installable))


class ExportHandout(ModalScreen[Path]):
    """Ask where to write the handout; dismisses with the path. The suffix
    picks the format (.html or .md); replacing a file takes a second Enter."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    def __init__(self, suggestion: str) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.replace_ok: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("Export a handout"), classes="dialog-heading")
            yield Static(
                Content(
                    "One page to print or send: every step with its dose, instructions, "
                    "cues and cautions. End the name in .html for a web page, .md for Markdown."
                ),
                classes="hint",
            )
            yield Input(self.suggestion, placeholder="handout.html", id="path")
            yield Static(classes="status", id="status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self.check(self.suggestion)

    @staticmethod
    def target(text: str) -> Path:
        return Path(text.strip()).expanduser()

    def set_status(self, text: str, good: bool) -> None:
        status = self.query_one("#status", Static)
        status.update(Content(text))
        status.set_class(not good, "-bad")
        status.set_class(good, "-good")

    def check(self, text: str) -> bool:
        if not text.strip():
            self.set_status("Type a file name, e.g. handout.html.", False)
            return False
        path = self.target(text)
        if format_for(path) is None:
            self.set_status("End the name in .html or .md.", False)
            return False
        if path.is_dir():
            self.set_status("That is a folder; add a file name.", False)
            return False
        if not path.parent.is_dir():
            self.set_status(f"The folder {visible(path.parent)} does not exist.", False)
            return False
        if path.exists():
            if self.replace_ok == path:
                self.set_status(f"Press Enter again to replace {visible(path.name)}.", False)
            else:
                self.set_status(f"{visible(path.name)} exists: exporting replaces it.", False)
            return True
        self.set_status(f"Writes {visible(path)}.", True)
        return True

    @on(Input.Changed, "#path")
    def _changed(self, event: Input.Changed) -> None:
        self.check(event.value)

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        text = self.query_one("#path", Input).value
        if not self.check(text):
            return
        path = self.target(text)
        if path.exists() and self.replace_ok != path:
            self.replace_ok = path
            self.check(text)
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
