"""The Glute Composer Textual app: holds the catalog, the config and the
current session, and shows the screens."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.notifications import SeverityLevel

from composer.catalog.manager import Catalog, load_catalog
from composer.edit.document import Document
from composer.model import Session
from composer.safetext import visible
from composer.store.config import Config, load_config, save_config
from composer.store.filestate import FileState
from composer.ui.commands import ComposerCommands

if TYPE_CHECKING:
    from composer.run.engine import Engine
    from composer.run.resume import ResumePlan, RunLog, RunState
    from composer.store.history import CheckIn, History, Run


# The style sheets of the screens the app opens on. Textual reads a
# screen's CSS_PATH when the screen is first shown, and then parses all the
# app's style sheets again, in full, and styles every node again. Read with
# the app's own, the first screen's sheet is parsed once; a screen's sheet
# applies to the whole app once read, so this changes no style.
_SCREENS = Path(__file__).parent / "screens"
FIRST_SCREEN_CSS = {False: _SCREENS / "composer.tcss", True: _SCREENS / "run.tcss"}


class GluteApp(App[int]):
    """The composer and the timer.

    `path` is the file being edited (it may not exist yet), `session` the
    session read from it, `file_state` the fingerprint of `path` taken before
    it was read (taken here when not given), `run` opens straight on the timer.
    """

    TITLE = "Glute Composer"
    COMMANDS = App.COMMANDS | {ComposerCommands}

    def __init__(
        self,
        *,
        path: Path | None = None,
        session: Session | None = None,
        run: bool = False,
        catalog: Catalog | None = None,
        config: Config | None = None,
        file_state: FileState | None = None,
        resume: ResumePlan | None = None,
    ):
        super().__init__(css_path=[FIRST_SCREEN_CSS[run]])
        self.config = config if config is not None else load_config()
        self.catalog = (
            catalog if catalog is not None else load_catalog(disabled=self.config.disabled_plugins)
        )
        # The session being edited and its file; screens change it through
        # its methods (composer.edit.document).
        self.document = Document(session, path, file_state)
        self.start_on_timer = run
        self.resume_plan = resume
        self._history: History | None = None
        self._history_reported: set[str] = set()
        self.keymap_from_config: dict[str, str] = {}

    @property
    def session(self) -> Session:
        """The session being edited (`document.session`)."""
        return self.document.session

    @property
    def path(self) -> Path | None:
        """The document's file, if it has one (`document.path`)."""
        return self.document.path

    def on_mount(self) -> None:
        self.settle_memory_soon()
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        for problem in self.config.problems:
            self.notify(visible(problem), title="Settings", severity="warning", markup=False)
        if self.config.keys:
            self._use_keys_from_config()
        for info in self.catalog.broken:
            self.notify(
                f"Plugin '{visible(info.name)}' is not loaded: {visible(info.error)}",
                title="Broken plugin",
                severity="warning",
                markup=False,
            )
        if self.start_on_timer:
            self.start_run(
                self.document.session,
                self.document.path,
                self.resume_plan,
                then=lambda _result: self.exit(0),
            )
        else:
            from composer.ui.screens.composer import ComposerScreen

            self.push_screen(ComposerScreen())

    def settle_memory_soon(self) -> None:
        """`settle_memory` once the next frame is drawn, in a terminal's own
        process (test apps are headless and leave the collector alone, but
        for turning it on if it is off)."""
        if self.is_headless:
            gc.enable()
        else:
            self.call_after_refresh(self.settle_memory)

    def settle_memory(self) -> None:
        """Once the first screen is drawn, what is loaded by then (the
        catalog, Textual's own objects) lives as long as the app: moved out
        of the collector's way (`gc.freeze`), a collection walks only what
        was made since, so no keystroke waits on a walk over every exercise
        (with 10,000 exercises, the slowest keys in the filter took half as
        long again). Garbage is collected first, so none is kept for good;
        called again (after the plugins are loaded anew), what an earlier
        call froze is collected too once nothing uses it (the old catalog)."""
        # The program starts with the collector off (`composer.cli.main.entry`):
        # from the first frame on, the app runs for long.
        gc.enable()
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def _use_keys_from_config(self) -> None:
        """`[keys]` of config.toml: binding ids to keys; problems in one line."""
        from composer.store import paths
        from composer.ui.keymap import check_keymap

        keymap, problem = check_keymap(self.config.keys, str(paths.config_file()))
        self.keymap_from_config = keymap
        self.set_keymap(keymap)
        if problem:
            self.notify(visible(problem), title="Settings", severity="warning", markup=False)

    def write_escape(self, sequence: str) -> None:
        """Write an escape sequence (desktop notifications) to the terminal.

        Textual 8 has no public call for this; its own `App.bell` and
        `App.copy_to_clipboard` (OSC 52) write through the driver like this.
        """
        driver = self._driver
        if driver is not None and not self.is_headless:
            driver.write(sequence)

    async def action_quit(self) -> None:
        """Ctrl+Q, and Quit in the palette: see `request_quit`."""
        self.request_quit()

    def request_quit(self) -> None:
        """Quit, after asking: a running session asks to stop first (as `q`
        does, and its time goes into the history), then unsaved changes ask
        what to do with them."""
        from composer.ui.screens.composer import ComposerScreen
        from composer.ui.screens.run import RunScreen

        composer = next((s for s in self.screen_stack if isinstance(s, ComposerScreen)), None)
        run = next((s for s in self.screen_stack if isinstance(s, RunScreen)), None)
        if composer is None and run is None:
            self.exit()
            return

        def after_run() -> None:
            if composer is not None:
                composer.confirm_discard("quit", self.exit)

        if run is not None:
            # Alone (glute run), the timer's end ends the app.
            run.confirm_stop(then=after_run)
        else:
            after_run()

    def watch_theme(self, theme: str) -> None:
        if theme != self.config.theme:
            self.config.theme = theme
            try:
                save_config(self.config)
            except OSError as error:
                self.notify(
                    f"Could not save the theme: {visible(error)}", severity="warning", markup=False
                )

    # -- runs: the timer, resuming, history and check-ins -----------------------

    def start_run(self, session: Session, path: Path | None, plan=None, then=None) -> None:
        """Open the timer on `session` (read from `path`); `plan` (from
        `composer.run.resume.plan_resume`) says whether to continue an
        interrupted run, asking first if it says so."""
        from composer.safetext import visible
        from composer.ui.screens.run import RunScreen

        for notice in plan.notices if plan is not None else []:
            self.notify(
                visible(notice), title="Resume", severity="warning", markup=False, timeout=8
            )

        def run(state: RunState | None) -> None:
            screen = RunScreen(
                session, self.catalog, sound=self.config.sound, path=path, resume=state
            )
            self.push_screen(screen, callback=then)

        if plan is None or plan.state is None:
            run(None)
        elif not plan.offer:
            run(plan.state)
        else:
            from composer.ui.dialogs.resume import ResumeOffer

            state = plan.state

            def answered(choice: str | None) -> None:
                if choice == "resume":
                    run(state)
                    return
                from composer.run.resume import clear_state, keep_in_history

                history = self.history()
                kept, lines = keep_in_history(state, history) if history else (False, [])
                for line in lines:
                    self._report_history(line)
                if kept:
                    clear_state(state.file)
                run(None)

            self.push_screen(ResumeOffer(state), answered)

    def run_file(self, path: Path) -> None:
        """Run the session in `path` again (from the history)."""
        from composer.errors import SessionError
        from composer.format.reader import load_session
        from composer.run.resume import plan_resume
        from composer.safetext import visible

        if not path.is_file():
            self.notify(f"{visible(path)}: no longer there", severity="error", markup=False)
            return
        try:
            session = load_session(path)
        except SessionError as error:
            self.notify(visible(error.problems[0]), severity="error", markup=False)
            return
        self.start_run(session, path, plan_resume(path, session, asked=False))

    def history(self) -> History | None:
        """The history database, opened on first use; None (after telling
        the user) when it cannot be opened. Never stops a run."""
        from composer.store.history import HistoryError, open_history

        if self._history is None:
            try:
                self._history = open_history()
            except HistoryError as error:
                self._report_history(str(error))
                return None
        for line in self._history.notices:
            self._report_history(line, severity="information")
        for line in self._history.problems:
            self._report_history(line)
        return self._history

    def _report_history(self, line: str, severity: SeverityLevel = "warning") -> None:
        if line in self._history_reported:
            return
        from composer.safetext import visible

        self._history_reported.add(line)
        self.notify(visible(line), title="History", severity=severity, markup=False, timeout=10)

    def read_runs(self) -> list[Run]:
        from composer.store.history import HistoryError

        history = self.history()
        if history is None:
            return []
        try:
            return history.runs()
        except HistoryError as error:
            self._report_history(str(error))
            return []

    def record_run(self, log: RunLog, engine: Engine) -> int | None:
        """Add the run to the history (again as it goes on: one record per
        run); its id, or None when the history cannot be written."""
        from composer.store.history import HistoryError

        history = self.history()
        if history is None:
            return None
        try:
            return log.save(engine, history)
        except HistoryError as error:
            self._report_history(f"could not write the history: {error}")
            return None

    def checkpoint_run(self, log: RunLog, engine: Engine) -> None:
        """Save where the run is, for ``glute run --resume``."""
        try:
            log.checkpoint(engine)
        except OSError as error:
            self._report_history(f"could not save the place in the run: {error}")

    def record_checkin(self, run_id: int, checkin: CheckIn) -> None:
        from composer.store.history import HistoryError

        history = self.history()
        if history is None:
            return
        try:
            history.record_checkin(run_id, checkin)
        except (HistoryError, ValueError) as error:
            self._report_history(f"could not save the check-in: {error}")


def make_app(
    *,
    path: Path | None = None,
    session: Session | None = None,
    run: bool = False,
    catalog: Catalog | None = None,
    config: Config | None = None,
    file_state: FileState | None = None,
    resume: ResumePlan | None = None,
) -> GluteApp:
    """Build the app for the command line and for tests alike."""
    return GluteApp(
        path=path,
        session=session,
        run=run,
        catalog=catalog,
        config=config,
        file_state=file_state,
        resume=resume,
    )
