"""The plugins dialog: every plugin with its version, exercises and status,
including the error that stopped a broken one and what was left out of a
plugin that loaded. Names, versions and messages are plugin data: they are
shown through `visible`."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from composer.catalog.manager import Catalog
from composer.safetext import visible
from composer.wording import count


class PluginsScreen(ModalScreen[None]):
    """Read-only list of plugins."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape,q", "dismiss", "Close", id="plugins.close")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        plugins = self.catalog.plugins
        broken = len(self.catalog.broken)
        summary = (
            f"{count(len(plugins), 'plugin')}, {count(len(self.catalog.exercises), 'exercise')}"
        )
        if broken:
            summary += f", {broken} not loaded"
        with Vertical(classes="dialog", id="plugins-dialog"):
            yield Static(Content("Plugins"), classes="dialog-heading")
            yield Static(Content(summary), classes="hint")
            yield DataTable(id="plugins", cursor_type="row", zebra_stripes=True)
            yield Static(id="plugin-status", classes="status", markup=False)
            yield Static(Content("Install more with: glute plugins install NAME"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Plugin", "Version", "Exercises", "Status")
        for info in self.catalog.plugins:
            status = Text(visible(info.status), style="" if info.ok else "bold red")
            if info.ok and info.warnings:
                status.stylize("yellow")
            table.add_row(
                Text(visible(info.name)),
                Text(visible(info.version or "-")),
                Text(str(info.exercises), justify="right"),
                status,
            )
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        info = self.catalog.plugins[event.cursor_row]
        origin = f"{info.name} {info.version or ''}".strip() + f", from {info.origin}"
        if info.error or info.disabled or not info.warnings:
            details = info.status
        else:  # everything that was left out, one line each
            details = "\n".join(["ok, with problems:", *(f"• {p}" for p in info.problems)])
        self.query_one("#plugin-status", Static).update(
            Content.assemble((visible(origin), "bold"), "\n", visible(details, multiline=True))
        )
