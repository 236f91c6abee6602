"""The composer: the library on the left, the session on the right, the
details of what is highlighted below it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from .. import paths
from ..editing import EditHistory, Position
from ..model import Session
from ..plugins import slugify
from ..sessionfile import dumps_session, missing_exercises, save_session
from .detail import Detail, describe_block, describe_exercise, describe_step
from .keymap import key_label
from .library import Library, LibraryList
from .session_editor import SessionEditor, StepList

START_HINT = Content.from_markup(
    "[b]Build a session[/b]\n\n"
    "Type in the filter to find exercises by name, muscle, equipment, plugin or "
    "summary; the best match comes first.\n"
    "Press [b]↓[/b] to browse them; their details show here.\n"
    "Press [b]Enter[/b] (or double-click) to add one to the session.\n"
    "Press [b]Tab[/b] to go to the session: [b]Enter[/b] edits a step's dose.\n\n"
    "[b]Ctrl+Z[/b] undoes any change, [b]Ctrl+T[/b] starts from a template, "
    "[b]Ctrl+S[/b] saves, [b]Ctrl+R[/b] runs, [b]F1[/b] shows every key."
)


class ComposerScreen(Screen):
    """Build, edit, save and run a session."""

    CSS_PATH = "composer_screen.tcss"
    AUTO_FOCUS = "#filter"
    BINDINGS = [
        # Shown in the footer: what fits in 80 columns beside a list's keys.
        Binding("ctrl+z", "undo", "Undo", id="composer.undo"),
        Binding("ctrl+s", "save", "Save", id="composer.save"),
        Binding("ctrl+r", "run", "Run", id="composer.run"),
        Binding("f1", "help", "Keys", id="composer.help"),
        Binding("ctrl+o", "open", "Open", show=False, id="composer.open"),
        Binding("ctrl+n", "new", "New", show=False, id="composer.new"),
        Binding("ctrl+t", "new_from_template", "Template", show=False, id="composer.template"),
        Binding("f12", "save_as", "Save as", show=False, id="composer.save_as"),
        Binding("ctrl+g", "details", "Details", show=False, id="composer.details"),
        Binding("f3", "plugins", "Plugins", show=False, id="composer.plugins"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="composer.redo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.saved_text = ""
        self._history: EditHistory | None = None

    # -- the document --------------------------------------------------------

    @property
    def session(self) -> Session:
        return self.app.session

    @property
    def history(self) -> EditHistory:
        """Every edit of the session goes through this, so it can be undone.
        A session that was replaced (opened, new) starts a new history."""
        if self._history is None or self._history.session is not self.app.session:
            self._history = EditHistory(self.app.session, name_of=self._step_name)
        return self._history

    def _step_name(self, step) -> str:
        exercise = self.catalog.get(step.exercise)
        return exercise.name if exercise else (step.name or step.exercise)

    @property
    def catalog(self):
        return self.app.catalog

    @property
    def document_name(self) -> str:
        return self.app.path.name if self.app.path else "The new session"

    def _text(self) -> str:
        return dumps_session(self.session, self.catalog.names())

    @property
    def dirty(self) -> bool:
        return self._text() != self.saved_text

    def mark_saved(self) -> None:
        self.saved_text = self._text()

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Library(self.catalog, id="library")
            with Vertical(id="right"):
                yield SessionEditor(self.catalog, id="session")
                yield Detail(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.mark_saved()
        self.refresh_session()
        self.query_one(Detail).show(START_HINT, "Getting started")

    @property
    def editor(self) -> SessionEditor:
        return self.query_one(SessionEditor)

    def refresh_session(self, position: Position | None = None) -> None:
        """Show the session again after a change; keep `position` highlighted."""
        self.editor.show(self.session, position)
        self.refresh_titles()

    def refresh_titles(self) -> None:
        modified = self.dirty
        name = self.app.path.name if self.app.path else "new session"
        self.app.sub_title = name + (" (modified)" if modified else "")
        title = self.session.title or "Untitled session"
        self.editor.border_title = Content.assemble(
            "Session: ", (title, "bold"), (" · modified" if modified else "", "italic")
        )

    # -- details -------------------------------------------------------------

    def show_exercise(self, exercise) -> None:
        self.query_one(Detail).show(describe_exercise(exercise, self.catalog), "Exercise")

    def show_position(self, position: Position | None) -> None:
        detail = self.query_one(Detail)
        if position is None:
            if not self.session.blocks:
                detail.show(START_HINT, "Getting started")
            return
        block = self.session.blocks[position.block]
        if position.is_block:
            detail.show(describe_block(block, position.block), "Block")
        else:
            step = block.steps[position.step]
            detail.show(describe_step(self.session, block, step, self.catalog), "Step")

    @on(Library.Highlighted)
    def _library_highlighted(self, event: Library.Highlighted) -> None:
        if isinstance(self.focused, LibraryList):
            self.show_exercise(event.exercise)

    @on(SessionEditor.Highlighted)
    def _editor_highlighted(self, event: SessionEditor.Highlighted) -> None:
        if isinstance(self.focused, StepList):
            self.show_position(event.position)

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, LibraryList):
            exercise = self.query_one(Library).highlighted
            if exercise is not None:
                self.show_exercise(exercise)
        elif isinstance(event.widget, StepList):
            self.show_position(self.editor.position)

    # -- editing -------------------------------------------------------------

    @on(Library.Chosen)
    def _add_exercise(self, event: Library.Chosen) -> None:
        position = self.history.add_step(self.editor.position, event.exercise)
        self.refresh_session(position)
        block = self.session.blocks[position.block]
        self.notify(
            f"Added {event.exercise.name} to {block.title or 'the session'}.",
            markup=False,
            timeout=2,
        )

    @on(SessionEditor.Chosen)
    def _edit_row(self, event: SessionEditor.Chosen) -> None:
        from .forms import BlockForm
        from .step_form import StepForm

        position = event.position
        block = self.session.blocks[position.block]
        if position.is_block:

            def apply_block(changes) -> None:
                if changes is not None:
                    self.history.change_block(
                        position, changes.title, changes.rounds, changes.rest_s
                    )
                    self.refresh_session(position)

            self.app.push_screen(BlockForm(block), apply_block)
            return
        step = block.steps[position.step]

        def apply_step(changed) -> None:
            if changed is not None:
                self.history.replace_step(position, changed)
                self.refresh_session(position)

        exercise = self.catalog.get(step.exercise)
        self.app.push_screen(StepForm(step, exercise, self.session), apply_step)

    def _position(self) -> Position | None:
        position = self.editor.position
        if position is None:
            self.notify("Highlight a step or block in the session first.", severity="warning")
        return position

    def action_remove(self) -> None:
        """Remove at once, and say how to get it back."""
        position = self._position()
        if position is None:
            return
        what = self.history.describe(position)
        self.refresh_session(self.history.remove(position))
        self.show_position(self.editor.position)
        undo = key_label(self.app, "composer.undo", "Ctrl+Z")
        self.notify(f"Removed {what} — {undo} to undo", markup=False, timeout=4)

    def action_duplicate(self) -> None:
        if (position := self._position()) is not None:
            self.refresh_session(self.history.duplicate(position))

    def action_move(self, delta: int) -> None:
        if (position := self._position()) is not None:
            self.refresh_session(self.history.move(position, delta))

    def action_undo(self) -> None:
        done = self.history.undo()
        if done is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        label, position = done
        self.refresh_session(position)
        self.show_position(self.editor.position)
        redo = key_label(self.app, "composer.redo", "Ctrl+Y")
        self.notify(f"Undone: {label} — {redo} to redo", markup=False, timeout=3)

    def action_redo(self) -> None:
        done = self.history.redo()
        if done is None:
            self.notify("Nothing to redo.", timeout=2)
            return
        label, position = done
        self.refresh_session(position)
        self.show_position(self.editor.position)
        self.notify(f"Redone: {label}", markup=False, timeout=2)

    def action_move_block(self, delta: int) -> None:
        position = self._position()
        if position is None:
            return
        if position.is_block:
            self.notify("Highlight a step to move it to another block.", severity="warning")
            return
        moved = self.history.move_to_block(position, delta)
        if moved == position:
            self.notify("There is no block on that side. Press b to add one.", severity="warning")
        self.refresh_session(moved)

    def action_swap(self, direction: str) -> None:
        position = self._position()
        if position is None or position.is_block:
            return
        step = self.session.blocks[position.block].steps[position.step]
        exercise = self.catalog.get(step.exercise)
        if exercise is None:
            self.notify("This step's plugin is missing, so its progression is unknown.")
            return
        if direction == "easier":
            other = self.catalog.easier(exercise)
        else:
            harder = self.catalog.harder(exercise)
            other = harder[0] if harder else None
        if other is None:
            self.notify(
                f"{exercise.name} has no {direction} exercise in its progression.", markup=False
            )
            return
        self.history.swap_exercise(position, exercise, other)
        self.refresh_session(position)
        self.show_position(position)
        self.notify(f"Swapped {exercise.name} for {other.name}.", markup=False, timeout=2)

    def action_add_block(self) -> None:
        position = self.history.add_block(
            self.editor.position, f"Block {len(self.session.blocks) + 1}"
        )
        self.refresh_session(position)
        self.editor.step_list.focus()

    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#filter", Input))

    # -- files -----------------------------------------------------------------

    def confirm_discard(self, doing: str, then: Callable[[], object]) -> None:
        """Run `then` once unsaved changes are saved or given up."""
        if not self.dirty:
            then()
            return
        from .dialogs import UnsavedChanges

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=then)
            elif choice == "discard":
                then()

        self.app.push_screen(UnsavedChanges(self.document_name, doing), answered)

    def load(self, session: Session, path: Path | None) -> None:
        self.app.session = session
        self.app.path = path
        self.mark_saved()
        self.refresh_session()

    def action_new(self) -> None:
        self.confirm_discard("start a new session", lambda: self.load(Session(), None))

    def action_new_from_template(self) -> None:
        from .files import TemplatePicker

        def chosen(result) -> None:
            if result is not None:
                name, session = result
                self.load(session, None)
                self.notify(f"New session from the template {name}.", markup=False)

        self.confirm_discard(
            "start from a template",
            lambda: self.app.push_screen(TemplatePicker(self.catalog), chosen),
        )

    def action_open(self) -> None:
        from .files import OpenDialog

        def opened(result) -> None:
            if result is None:
                return
            path, session = result
            self.load(session, path)
            missing = missing_exercises(session, self.catalog.get, str(path))
            if missing:
                self.notify(
                    f"{len(missing)} step(s) use exercises no installed plugin provides. "
                    "They keep their saved name and dose.",
                    title="Plugin missing",
                    severity="warning",
                    markup=False,
                )
            else:
                self.notify(f"Opened {path}", markup=False, timeout=2)

        self.confirm_discard(
            "open another file", lambda: self.app.push_screen(OpenDialog(), opened)
        )

    def write(self, path: Path) -> bool:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_session(self.session, path, self.catalog.names())
        except OSError as error:
            self.notify(
                f"Could not save {path}: {error.strerror or error}", severity="error", markup=False
            )
            return False
        self.app.path = path
        self.mark_saved()
        self.refresh_titles()
        self.notify(f"Saved {path}", markup=False, timeout=2)
        return True

    def action_save(self, then: Callable[[], object] | None = None) -> None:
        if self.app.path is None:
            self.action_save_as(then=then)
        elif self.write(self.app.path) and then is not None:
            then()

    def action_save_as(self, then: Callable[[], object] | None = None) -> None:
        from .files import SaveAsDialog

        if self.app.path is not None:
            suggestion = str(self.app.path)
        else:
            name = slugify(self.session.title) if self.session.title else "my-session"
            suggestion = str(paths.sessions_directory() / f"{name}.toml")

        def chosen(path: Path | None) -> None:
            if path is not None and self.write(path) and then is not None:
                then()

        self.app.push_screen(SaveAsDialog(suggestion), chosen)

    def action_details(self) -> None:
        from .forms import MetadataForm

        def apply(details) -> None:
            if details is not None:
                self.history.change_details(
                    title=details.title,
                    description=details.description,
                    author=details.author,
                    tags=details.tags,
                    defaults=details.defaults,
                )
                self.refresh_session(self.editor.position)

        self.app.push_screen(MetadataForm(self.session), apply)

    # -- other screens ------------------------------------------------------------

    def action_run(self) -> None:
        if not self.session.steps():
            self.notify("Add an exercise first: there is nothing to run.", severity="warning")
            return
        from .run_screen import RunScreen

        self.app.push_screen(RunScreen(self.session, self.catalog, sound=self.app.config.sound))

    def action_plugins(self) -> None:
        from .plugins_screen import PluginsScreen

        self.app.push_screen(PluginsScreen(self.catalog))

    def action_help(self) -> None:
        from .help_screen import HelpScreen

        self.app.push_screen(HelpScreen())
