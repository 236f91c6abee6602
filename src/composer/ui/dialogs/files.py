"""File dialogs: open a session, save it under a name, start from a template."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from composer.catalog.manager import Catalog
from composer.errors import SessionError
from composer.format.reader import load_session, parse_session
from composer.model import Session
from composer.safetext import is_clean, visible
from composer.store import paths
from composer.store.filestate import (
    FileState,
    PathCheck,
    check_open_path,
    check_save_path,
    read_state,
)
from composer.wording import count, shorten


def session_files() -> list[Path]:
    """Session files near the user: this folder, then the saved sessions."""
    found: list[Path] = []
    for folder in (Path.cwd(), paths.sessions_directory()):
        try:
            found += sorted(p for p in folder.glob("*.toml") if p.is_file())
        except OSError:
            continue
    seen: set[Path] = set()
    out = []
    for path in found:
        key = path.resolve()
        if key not in seen and path.name not in ("pyproject.toml", "config.toml"):
            seen.add(key)
            out.append(path)
    return out[:200]


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _shown(path: Path) -> str:
    """A file name as shown on screen (control characters escaped)."""
    return visible(_relative(path))


class PathDialog(ModalScreen):
    """A path box with a status line checked as you type, and a list of
    session files to pick from."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="file.cancel")]
    heading = ""
    button = ""
    hint = ""  # a line under the heading, if any
    placeholder = "path/to/session.toml"
    list_files = True  # offer the session files near the user

    def __init__(self, initial: str = "") -> None:
        super().__init__()
        self.initial = initial
        self.files = session_files() if self.list_files else []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.heading), classes="dialog-heading")
            if self.hint:
                yield Static(Content(self.hint), classes="hint")
            yield Input(self.initial, placeholder=self.placeholder, id="path")
            yield Static(classes="status", id="status", markup=False)
            if self.files:
                yield Static(
                    Content("Session files here and in your sessions folder:"), classes="hint"
                )
                yield OptionList(*[Option(_shown(p)) for p in self.files], id="files", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.button), variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()
        self.check(self.query_one("#path", Input).value)

    def set_status(self, text: str, good: bool) -> None:
        status = self.query_one("#status", Static)
        status.update(Content(visible(text, multiline=True)))
        status.set_class(not good, "-bad")
        status.set_class(good, "-good")

    def check(self, text: str) -> PathCheck:
        """Check `text` and show the result; never raises."""
        result = self.check_path(text)
        self.set_status(result.message, result.ok and not result.exists)
        return result

    def check_path(self, text: str) -> PathCheck:
        raise NotImplementedError

    def accept(self, result: PathCheck) -> None:
        raise NotImplementedError

    @on(Input.Changed, "#path")
    def _changed(self, event: Input.Changed) -> None:
        self.check(event.value)

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        result = self.check(self.query_one("#path", Input).value)
        if result.ok and result.path is not None:
            self.accept(result)

    @on(OptionList.OptionSelected, "#files")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        path = self.files[event.option_index]
        if not is_clean(_relative(path)):
            # Escaped in the list; typed into the box it would reach the
            # terminal raw, so it is taken as it is.
            result = self.check(str(path))
            if result.ok and result.path is not None:
                self.accept(result)
            return
        path_input = self.query_one("#path", Input)
        path_input.value = _relative(path)
        path_input.focus()
        self._submit()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class OpenDialog(PathDialog):
    """Open a session file; dismisses with (path, session, file state), or
    shows why the file cannot be opened, one problem a line."""

    heading = "Open a session file"
    button = "Open"

    def check_path(self, text: str) -> PathCheck:
        return check_open_path(text)

    def accept(self, result: PathCheck) -> None:
        path = result.path
        assert path is not None
        # Fingerprint first: a change made while the file is read shows at save.
        state: FileState = read_state(path)[0]
        try:
            session = load_session(path)
        except SessionError as error:
            lines = [str(problem) for problem in error.problems[:12]]
            if len(error.problems) > 12:
                lines.append(f"… and {len(error.problems) - 12} more problems")
            self.set_status("This file cannot be opened:\n" + "\n".join(lines), False)
            return
        self.dismiss((path, session, state))


class SaveAsDialog(PathDialog):
    """Choose where to save; dismisses with the path. Replacing a file
    takes a second Enter. See `check_save_path` for what each text does."""

    heading = "Save the session as"
    button = "Save"

    def __init__(self, initial: str = "") -> None:
        super().__init__(initial)
        self.replace_ok: Path | None = None

    def check_path(self, text: str) -> PathCheck:
        result = check_save_path(text)
        if result.ok and result.exists and result.path and result.path == self.replace_ok:
            name = visible(result.path.name)
            return PathCheck(True, f"Press Enter again to replace {name}.", result.path, True)
        return result

    def accept(self, result: PathCheck) -> None:
        if result.exists and self.replace_ok != result.path:
            self.replace_ok = result.path
            self.check(self.query_one("#path", Input).value)
            return
        self.dismiss(result.path)


# Characters of a template's description shown under the list.
ABOUT_LIMIT = 240


class TemplatePicker(ModalScreen):
    """Pick a template; dismisses with (name, session)."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="templates.cancel")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.names = sorted(catalog.templates())
        self.loaded: dict[str, Session | str] = {}

    def load(self, name: str) -> Session | str:
        if name not in self.loaded:
            template = self.catalog.templates()[name]
            try:
                self.loaded[name] = parse_session(template.text(), template.filename)
            except SessionError as error:
                self.loaded[name] = "\n".join(str(p) for p in error.problems[:5])
        return self.loaded[name]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content("New session from a template"), classes="dialog-heading")
            if not self.names:
                yield Static(Content("No plugin provides templates."))
            options = []
            for name in self.names:
                loaded = self.load(name)
                title = loaded.title if isinstance(loaded, Session) else "cannot be read"
                options.append(
                    Option(Content.assemble((visible(name), "bold"), "  ", visible(title)))
                )
            yield OptionList(*options, id="templates", markup=False)
            yield Static(id="about", classes="status", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Use it", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#templates", OptionList).focus()

    @on(OptionList.OptionHighlighted, "#templates")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        name = self.names[event.option_index]
        loaded = self.load(name)
        template = self.catalog.templates()[name]
        if isinstance(loaded, Session):
            steps = count(len(loaded.steps()), "step")
            # Cut to what fits under the list at 80 × 24, and say so with "…".
            about = shorten(" ".join(loaded.description.split()), ABOUT_LIMIT)
            text = f"{about}\n{steps} · from the plugin {template.plugin}"
        else:
            text = loaded
        self.query_one("#about", Static).update(Content(visible(text.strip(), multiline=True)))

    @on(OptionList.OptionSelected, "#templates")
    @on(Button.Pressed, "#ok")
    def _chosen(self) -> None:
        index = self.query_one("#templates", OptionList).highlighted
        if index is None:
            return
        name = self.names[index]
        loaded = self.load(name)
        if isinstance(loaded, Session):
            self.dismiss((name, loaded))
        else:
            self.notify(
                visible(loaded, multiline=True),
                title="This template cannot be used",
                severity="error",
                markup=False,
            )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
