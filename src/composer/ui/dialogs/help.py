"""The keys, in plain words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    (
        "Anywhere",
        [
            ("tab / shift+tab", "move between the filter, the library, the session and details"),
            ("ctrl+z / ctrl+y", "undo / redo a change to the session (any change, any number)"),
            ("ctrl+n", "new empty session"),
            ("ctrl+t", "new session from a template"),
            ("ctrl+o", "open a session file"),
            ("ctrl+s", "save (asks for a name the first time)"),
            ("ctrl+g", "title, description, author, tags and default pauses"),
            ("f12", "save under another name"),
            ("f4", "hints: advice on the session; enter applies the highlighted one"),
            ("f3", "plugins: version, exercises, status"),
            ("f2", "history: past runs, minutes per week; enter runs one again"),
            ("ctrl+r", "run the session with the timer"),
            ("f1", "this help"),
            ("ctrl+p", "command palette: every action by name, themes too"),
            ("ctrl+q", "quit (asks first if there are unsaved changes)"),
        ],
    ),
    (
        "Library",
        [
            ("type in the filter", "search names, muscles, equipment, plugins and summaries"),
            ("", "the best match comes first, under what it matched"),
            ("↓ or enter in the filter", "go to the list"),
            ("enter or a", "add the exercise after the highlighted step"),
            ("double click", "add the exercise; one click shows its details"),
            ("/", "back to the filter"),
        ],
    ),
    (
        "Session",
        [
            ("enter", "edit the step's dose and note, or the block's title and rounds"),
            ("x or delete", "remove the step or block (ctrl+z brings it back)"),
            ("d", "duplicate the step or block"),
            ("shift+↑ / shift+↓ (or K / J)", "move up or down, across blocks at the edge"),
            ("shift+← / shift+→ (or < / >)", "move the step to the previous or next block"),
            ("- / +", "swap for the easier or harder exercise of its progression"),
            ("b", "new block after this one"),
        ],
    ),
    (
        "Details",
        [
            ("↑ ↓ pgup pgdn", "scroll the details (tab to get there)"),
            ("a letter", "back to the filter, with that letter typed"),
        ],
    ),
    (
        "Forms",
        [
            ("enter", "save, in a one-line field; fields in red must be fixed first"),
            ("ctrl+s", "save, from any field (Note and Description too)"),
            ("enter in Note or Description", "a new line"),
            ("escape", "cancel"),
            ("empty field", "use the exercise's default (shown greyed)"),
            ("Pace: self-paced", "reps with no timer: press Enter when they are done"),
        ],
    ),
]


class HelpScreen(ModalScreen[None]):
    """Every key, in a list the arrow keys scroll."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape,q,f1", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-dialog"):
            yield Static(Content("Keys"), classes="dialog-heading")
            with VerticalScroll(id="help-keys"):
                for heading, keys in KEYS:
                    yield Static(
                        Content.styled(heading, "bold $text-accent"), classes="help-heading"
                    )
                    for key, what in keys:
                        with Horizontal(classes="help-row"):
                            yield Static(Content(key), classes="help-key")
                            yield Static(Content(what), classes="help-what")
            yield Static(
                Content("↑ ↓ PgUp PgDn Home End scroll · Esc closes"), classes="hint help-hint"
            )

    def on_mount(self) -> None:
        self.query_one("#help-keys", VerticalScroll).focus()
