"""The Glute Composer Textual app: holds the catalog, the config and the
current session, and shows the screens."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from ..config import Config, load_config, save_config
from ..filestate import FileState, read_state
from ..model import Session
from ..plugins import Catalog, load_catalog
from .commands import ComposerCommands


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
    ):
        super().__init__()
        self.config = config if config is not None else load_config()
        self.catalog = (
            catalog if catalog is not None else load_catalog(disabled=self.config.disabled_plugins)
        )
        self.path = path
        if path is not None and file_state is None:
            file_state = read_state(path)[0]
        self.file_state = file_state
        self.session = session if session is not None else Session(title=path.stem if path else "")
        self.start_on_timer = run

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        for problem in self.config.problems:
            self.notify(problem, title="Settings", severity="warning", markup=False)
        for info in self.catalog.broken:
            self.notify(
                f"Plugin {info.name!r} is not loaded: {info.error}",
                title="Broken plugin",
                severity="warning",
                markup=False,
            )
        if self.start_on_timer:
            from .run_screen import RunScreen

            self.push_screen(
                RunScreen(self.session, self.catalog, sound=self.config.sound),
                callback=lambda _result: self.exit(0),
            )
        else:
            from .composer_screen import ComposerScreen

            self.push_screen(ComposerScreen())

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
        from .composer_screen import ComposerScreen
        from .run_screen import RunScreen

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
                self.notify(f"Could not save the theme: {error}", severity="warning", markup=False)


def make_app(
    *,
    path: Path | None = None,
    session: Session | None = None,
    run: bool = False,
    catalog: Catalog | None = None,
    config: Config | None = None,
    file_state: FileState | None = None,
) -> GluteApp:
    """Build the app for the command line and for tests alike."""
    return GluteApp(
        path=path,
        session=session,
        run=run,
        catalog=catalog,
        config=config,
        file_state=file_state,
    )
