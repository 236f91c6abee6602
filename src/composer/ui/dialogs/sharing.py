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
from textual.widgets import Button, Static

from composer.format.requirements import Unmet, install_command
from composer.safetext import visible
from composer.share.handout import format_for
from composer.store.filestate import PathCheck
from composer.ui.dialogs.files import SaveAsDialog


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


class ExportHandout(SaveAsDialog):
    """Ask where to write the handout; dismisses with the path. The suffix
    picks the format (.html or .md); replacing a file takes a second Enter."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export.cancel")]
    heading = "Export a handout"
    button = "Export"
    hint = (
        "One page to print or send: every step with its dose, instructions, "
        "cues and cautions. End the name in .html for a web page, .md for Markdown."
    )
    placeholder = "handout.html"
    list_files = False

    def check_path(self, text: str) -> PathCheck:
        if not text.strip():
            return PathCheck(False, "Type a file name, e.g. handout.html.")
        path = Path(text.strip()).expanduser()
        if format_for(path) is None:
            return PathCheck(False, "End the name in .html or .md.")
        if path.is_dir():
            return PathCheck(False, "That is a folder; add a file name.")
        if not path.parent.is_dir():
            return PathCheck(False, f"The folder {visible(path.parent)} does not exist.")
        if path.exists():
            if self.replace_ok == path:
                return PathCheck(
                    True, f"Press Enter again to replace {visible(path.name)}.", path, True
                )
            return PathCheck(
                True, f"{visible(path.name)} exists: exporting replaces it.", path, True
            )
        return PathCheck(True, f"Writes {visible(path)}.", path)
