"""The composer: the library on the left, the session on the right, the
details of what is highlighted below it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widgets import Header, Input

from composer.catalog.manager import slugify
from composer.edit.document import Document
from composer.edit.undo import EditHistory, Position
from composer.errors import ComposerError, SessionError
from composer.format.reader import load_session, missing_exercises
from composer.format.writer import save_session
from composer.model import Session
from composer.safetext import visible
from composer.store import paths
from composer.store.filestate import (
    FileState,
    decode,
    describe_change,
    lost_comment_lines,
    read_state,
)
from composer.ui.keymap import key_label
from composer.ui.widgets.detail import Detail, describe_block, describe_exercise, describe_step
from composer.ui.widgets.hints import HintsPanel
from composer.ui.widgets.key_footer import KeyFooter
from composer.ui.widgets.library import Library, LibraryList
from composer.ui.widgets.session_editor import SessionEditor, StepList

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

if TYPE_CHECKING:
    from composer.ui.app import GluteApp


class ComposerScreen(Screen):
    """Build, edit, save and run a session."""

    if TYPE_CHECKING:  # this screen runs in a GluteApp, with its attributes
        app: GluteApp

    CSS_PATH = "composer.tcss"
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
        Binding("f3", "plugins", "Plugins", show=False, id="composer.catalog.manager"),
        Binding("f2", "history", "History", show=False, id="composer.store.history"),
        Binding("f4", "toggle_hints", "Hints", show=False, id="composer.hints"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="composer.redo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._history: EditHistory | None = None

    # -- the document --------------------------------------------------------

    @property
    def document(self) -> Document:
        """The session being edited and its file: owned by the app."""
        return self.app.document

    @property
    def session(self) -> Session:
        return self.document.session

    @property
    def edit_history(self) -> EditHistory:
        """Every edit of the session goes through this, so it can be undone.
        A session that was replaced (opened, new) starts a new history."""
        if self._history is None or self._history.session is not self.session:
            self._history = EditHistory(self.session, name_of=self._step_name)
        return self._history

    def _step_name(self, step) -> str:
        exercise = self.catalog.get(step.exercise)
        return exercise.name if exercise else (step.name or step.exercise)

    @property
    def catalog(self):
        return self.app.catalog

    @property
    def document_name(self) -> str:
        return self.document.name if self.document.path else "The new session"

    @property
    def dirty(self) -> bool:
        return self.document.modified(self.catalog)

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Library(self.catalog, id="library")
            with Vertical(id="right"):
                yield SessionEditor(self.catalog, id="session")
                yield HintsPanel(self.catalog, id="hints")
                yield Detail(id="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.session.settle_names(self.catalog.get)
        self.document.mark_saved(self.catalog)
        self.refresh_session()
        self.query_one(Detail).show(START_HINT, "Getting started")
        if self.document.path is not None:
            self.offer_missing_plugins(self.document.path)

    @property
    def editor(self) -> SessionEditor:
        return self.query_one(SessionEditor)

    def refresh_session(self, position: Position | None = None) -> None:
        """Show the session again after a change; keep `position` highlighted."""
        self.editor.show(self.session, position)
        self.refresh_titles()
        self.query_one(HintsPanel).show_advice(self.session)

    def refresh_titles(self) -> None:
        modified = self.dirty
        self.app.sub_title = self.document.name + (" (modified)" if modified else "")
        title = visible(self.session.title) or "Untitled session"
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
        if position.step is None:
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
        position = self.edit_history.add_step(self.editor.position, event.exercise)
        self.refresh_session(position)
        block = self.session.blocks[position.block]
        self.notify(
            visible(f"Added {event.exercise.name} to {block.title or 'the session'}."),
            markup=False,
            timeout=2,
        )

    @on(SessionEditor.Chosen)
    def _edit_row(self, event: SessionEditor.Chosen) -> None:
        from composer.ui.dialogs.forms import BlockForm
        from composer.ui.dialogs.step_form import StepForm

        position = event.position
        block = self.session.blocks[position.block]
        if position.step is None:

            def apply_block(changes) -> None:
                if changes is not None:
                    self.edit_history.change_block(
                        position, changes.title, changes.rounds, changes.rest_s
                    )
                    self.refresh_session(position)

            self.app.push_screen(BlockForm(block), apply_block)
            return
        index = position.step
        step = block.steps[index]

        def apply_step(changed) -> None:
            if changed is not None:
                self.edit_history.replace_step(position, changed)
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
        what = self.edit_history.describe(position)
        self.refresh_session(self.edit_history.remove(position))
        self.show_position(self.editor.position)
        undo = key_label(self.app, "composer.undo", "Ctrl+Z")
        self.notify(visible(f"Removed {what} — {undo} to undo"), markup=False, timeout=4)

    def action_duplicate(self) -> None:
        if (position := self._position()) is not None:
            self.refresh_session(self.edit_history.duplicate(position))

    def action_move(self, delta: int) -> None:
        if (position := self._position()) is not None:
            self.refresh_session(self.edit_history.move(position, delta))

    def action_undo(self) -> None:
        done = self.edit_history.undo()
        if done is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        label, position = done
        self.refresh_session(position)
        self.show_position(self.editor.position)
        redo = key_label(self.app, "composer.redo", "Ctrl+Y")
        self.notify(f"Undone: {label} — {redo} to redo", markup=False, timeout=3)

    def action_redo(self) -> None:
        done = self.edit_history.redo()
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
        moved = self.edit_history.move_to_block(position, delta)
        if moved == position:
            self.notify("There is no block on that side. Press b to add one.", severity="warning")
        self.refresh_session(moved)

    def action_swap(self, direction: str) -> None:
        position = self._position()
        if position is None or position.step is None:
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
                visible(f"{exercise.name} has no {direction} exercise in its progression."),
                markup=False,
            )
            return
        self.edit_history.swap_exercise(position, exercise, other)
        self.refresh_session(position)
        self.show_position(position)
        self.notify(visible(f"Swapped {exercise.name} for {other.name}."), markup=False, timeout=2)

    def action_add_block(self) -> None:
        position = self.edit_history.add_block(
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
        from composer.ui.dialogs.confirm import UnsavedChanges

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.action_save(then=then)
            elif choice == "discard":
                then()

        self.app.push_screen(UnsavedChanges(self.document_name, doing), answered)

    def load(self, session: Session, path: Path | None, state: FileState | None = None) -> None:
        """Make `session` the document; `state` is the fingerprint of `path`
        taken before it was read (taken now when not given)."""
        self.document.replace(session, path, self.catalog, state)
        self.refresh_session()

    def action_new(self) -> None:
        self.confirm_discard("start a new session", lambda: self.load(Session(), None))

    def action_new_from_template(self) -> None:
        from composer.ui.dialogs.files import TemplatePicker

        def chosen(result) -> None:
            if result is not None:
                name, session = result
                self.load(session, None)
                self.notify(visible(f"New session from the template {name}."), markup=False)

        self.confirm_discard(
            "start from a template",
            lambda: self.app.push_screen(TemplatePicker(self.catalog), chosen),
        )

    def action_open(self) -> None:
        from composer.ui.dialogs.files import OpenDialog

        def opened(result) -> None:
            if result is None:
                return
            path, session, state = result
            session.settle_names(self.catalog.get)
            self.load(session, path, state)
            if self.offer_missing_plugins(path):
                return
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
                self.notify(f"Opened {visible(path)}", markup=False, timeout=2)

        self.confirm_discard(
            "open another file", lambda: self.app.push_screen(OpenDialog(), opened)
        )

    def save_to(
        self,
        path: Path,
        then: Callable[[], object] | None = None,
        *,
        expected: FileState | None = None,
    ) -> None:
        """Save the session to `path`, then run `then`.

        Before writing over the document's own file, checks that it is as it
        was when read or last saved (else asks: reload, overwrite or cancel);
        before dropping comments the file holds, says so once per file. A
        write that fails leaves the session unsaved and in memory, and says
        why in one line. `expected` is the state the user already agreed to
        replace.
        """
        from composer.ui.dialogs.confirm import CommentsWillBeLost, FileChanged

        text = self.document.text(self.catalog)
        state, data = read_state(path)
        if state.kind == "other":
            self._cannot_write(path, f"it is {state.detail}, not a regular file")
            return
        if expected is None and self.document.is_file(path):
            expected = self.document.file_state
        what = describe_change(expected, state) if expected is not None else None
        if what is not None:

            def choice(answer: str | None) -> None:
                if answer == "overwrite":
                    self.save_to(path, then, expected=state)
                elif answer == "reload":
                    self.reload(path)

            self.app.push_screen(FileChanged(str(path), what, state.kind == "file"), choice)
            return
        key = os.path.abspath(path)
        if data is not None and key not in self.document.comments_ok:
            lost = lost_comment_lines(decode(data), text)
            if lost:

                def answered(yes: bool | None) -> None:
                    if yes:
                        self.document.comments_ok.add(key)
                        self.save_to(path, then, expected=state)

                self.app.push_screen(CommentsWillBeLost(str(path), lost), answered)
                return
        if self.write(path, text) and then is not None:
            then()

    def _cannot_write(self, path: Path, reason: str) -> None:
        self.notify(visible(f"{path}: cannot write: {reason}"), severity="error", markup=False)

    def write(self, path: Path, text: str) -> bool:
        """Write `text` (the session's file text) to `path`; False when it
        could not be written (the reason is shown)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_session(self.session, path, self.catalog)
        except ComposerError as error:
            problems = getattr(error, "problems", None) or [error]
            for problem in problems:
                self.notify(visible(str(problem)), severity="error", markup=False)
            return False
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            self._cannot_write(path, reason)
            return False
        self.document.saved(path, text)
        self.refresh_titles()
        self.notify(visible(f"Saved {path}"), markup=False, timeout=2)
        return True

    def reload(self, path: Path) -> None:
        """Read the document's file again, discarding the changes made here;
        if it cannot be read, the session here stays as it is."""
        state = read_state(path)[0]
        try:
            session = load_session(path)
            session.settle_names(self.catalog.get)
        except SessionError as error:
            for problem in error.problems[:5]:
                self.notify(visible(str(problem)), severity="error", markup=False)
            self.notify("The file cannot be reloaded; the session here is kept, unsaved.")
            return
        self.load(session, path, state)
        self.notify(visible(f"Reloaded {path}: the changes made here were discarded."))

    def action_save(self, then: Callable[[], object] | None = None) -> None:
        if self.document.path is None:
            self.action_save_as(then=then)
        else:
            self.save_to(self.document.path, then)

    def action_save_as(self, then: Callable[[], object] | None = None) -> None:
        from composer.ui.dialogs.files import SaveAsDialog

        if self.document.path is not None:
            suggestion = str(self.document.path)
        else:
            name = slugify(self.session.title) if self.session.title else "my-session"
            suggestion = str(paths.sessions_directory() / f"{name}.toml")

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.save_to(path, then)

        self.app.push_screen(SaveAsDialog(suggestion), chosen)

    def action_details(self) -> None:
        from composer.ui.dialogs.forms import MetadataForm

        def apply(details) -> None:
            if details is not None:
                self.edit_history.change_details(
                    title=details.title,
                    description=details.description,
                    author=details.author,
                    tags=details.tags,
                    defaults=details.defaults,
                )
                self.refresh_session(self.editor.position)

        self.app.push_screen(MetadataForm(self.session), apply)

    # -- hints -----------------------------------------------------------------------

    def action_toggle_hints(self) -> None:
        panel = self.query_one(HintsPanel)
        if panel.toggle(self.session):
            panel.query_one("#hint-list").focus()
        elif panel.has_focus_within or self.focused is None:
            self.editor.step_list.focus()

    @on(HintsPanel.Apply)
    def _apply_hint(self, event: HintsPanel.Apply) -> None:
        edit = event.advice.edit
        if edit is None:
            self.notify("This hint has no change to apply.", timeout=2)
            return
        try:
            position = self.edit_history.apply_advice(edit, self.catalog.get)
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.refresh_session(position)
        self.notify(f"Applied: {edit.summary}.", markup=False, timeout=3)

    # -- sharing -------------------------------------------------------------------

    def offer_missing_plugins(self, path: Path | None, *, always: bool = False) -> bool:
        """Offer to install the plugin distributions the session requires and
        this machine lacks. Returns whether there were any."""
        from composer.format.requirements import unmet_requirements

        unmet = unmet_requirements(self.session.requires)
        if not unmet:
            if always:
                self.notify("Every plugin this session requires is installed.", timeout=3)
            return False
        from composer.ui.dialogs.sharing import InstallPlugins

        def answered(install: bool | None) -> None:
            if install:
                self.install_plugins([item.requirement for item in unmet if not item.direct])
            else:
                from composer.format.requirements import install_command

                self.notify(
                    f"Install them later with: {install_command(unmet)}",
                    title="Plugins missing",
                    severity="warning",
                    markup=False,
                    timeout=8,
                )

        name = str(path) if path is not None else self.document_name
        self.app.push_screen(InstallPlugins(name, unmet), answered)
        return True

    def action_install_plugins(self) -> None:
        self.offer_missing_plugins(self.document.path, always=True)

    def install_plugins(self, requirements: list[str]) -> None:
        """Run pip in a worker thread; then load the catalog again."""
        if not requirements:
            return
        self.notify(f"Installing {', '.join(requirements)} with pip…", markup=False, timeout=4)
        self._pip_worker(requirements)

    @work(thread=True, exclusive=True, group="install-plugins")
    def _pip_worker(self, requirements: list[str]) -> None:
        from composer.share.install import pip_install_captured

        ok, output = pip_install_captured(requirements)
        self.app.call_from_thread(self._installed, requirements, ok, output)

    def _installed(self, requirements: list[str], ok: bool, output: str) -> None:
        if not ok:
            self.notify(
                f"pip could not install {', '.join(requirements)}:\n{output}",
                title="Install failed",
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        self.reload_catalog()
        self.notify(
            f"Installed {', '.join(requirements)}.", title="Plugins", markup=False, timeout=4
        )

    def reload_catalog(self) -> None:
        """Load the plugins again (after an install) and show the session,
        read again from its file unless it has unsaved changes."""
        import importlib

        from composer.catalog.manager import load_catalog
        from composer.errors import SessionError
        from composer.format.reader import load_session

        unchanged = not self.dirty
        importlib.invalidate_caches()
        catalog = load_catalog(disabled=self.app.config.disabled_plugins)
        self.app.catalog = catalog
        self.app.settle_memory_soon()  # let the old catalog go
        library = self.query_one(Library)
        library.catalog = catalog
        library.refilter(self.query_one("#filter", Input).value)
        self.editor.catalog = catalog
        path = self.document.path
        if unchanged and path is not None:
            try:
                session = load_session(path)
            except SessionError:
                session = self.session
            session.settle_names(catalog.get)
            self.load(session, path)
        else:
            self.session.settle_names(catalog.get)
            self.refresh_session(self.editor.position)

    def action_export_handout(self) -> None:
        from composer.ui.dialogs.sharing import ExportHandout

        if self.document.path is not None:
            suggestion = self.document.path.with_suffix(".html")
        else:
            name = slugify(self.session.title) if self.session.title else "handout"
            suggestion = Path.cwd() / f"{name}.html"

        def chosen(path: Path | None) -> None:
            if path is None:
                return
            from composer.share.handout import write_handout

            try:
                write_handout(self.session, self.catalog.get, path)
            except (OSError, ValueError) as error:
                reason = error.strerror if isinstance(error, OSError) else None
                self.notify(
                    f"Could not write {path}: {reason or error}", severity="error", markup=False
                )
                return
            self.notify(f"Wrote the handout {path}", markup=False, timeout=3)

        self.app.push_screen(ExportHandout(str(suggestion)), chosen)

    # -- other screens ------------------------------------------------------------

    def action_run(self) -> None:
        if not self.session.steps():
            self.notify("Add an exercise first: there is nothing to run.", severity="warning")
            return
        from composer.format.size import session_size

        size = session_size(self.session, self.catalog.get)
        if size.too_large:
            self.notify(
                "Too large to run: " + "; ".join(size.limits_exceeded()) + ".",
                severity="error",
                markup=False,
            )
            return
        from composer.ui.screens.run import RunScreen

        self.app.push_screen(
            RunScreen(
                self.session, self.catalog, sound=self.app.config.sound, path=self.document.path
            )
        )

    def action_plugins(self) -> None:
        from composer.ui.dialogs.plugins import PluginsScreen

        self.app.push_screen(PluginsScreen(self.catalog))

    def action_history(self) -> None:
        from composer.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_help(self) -> None:
        from composer.ui.dialogs.help import HelpScreen

        self.app.push_screen(HelpScreen())
