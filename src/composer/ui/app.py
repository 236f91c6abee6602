"""The Glute Composer Textual app: holds the catalog, the config and the
current session, and shows the screens."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from ..config import Config, load_config, save_config
from ..model import Session
from ..plugins import Catalog, load_catalog
from .commands import ComposerCommands


class GluteApp(App[int]):
    """The composer and the timer.

    `path` is the file being edited (it may not exist yet), `session` the
    session read from it, `run` opens straight on the timer.
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
    ):
        super().__init__()
        self.config = config if config is not None else load_config()
        self.catalog = (
            catalog if catalog is not None else load_catalog(disabled=self.config.disabled_plugins)
        )
        self.path = path
        self.session = session if session is not None else Session(title=path.stem if path else "")
        self.start_on_timer = run
        self.keymap_from_config: dict[str, str] = {}

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        for problem in self.config.problems:
            self.notify(problem, title="Settings", severity="warning", markup=False)
        if self.config.keys:
            self._use_keys_from_config()
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

    def _use_keys_from_config(self) -> None:
        """`[keys]` of config.toml: binding ids to keys; problems in one line."""
        from .. import paths
        from .keymap import check_keymap

        keymap, problem = check_keymap(self.config.keys, str(paths.config_file()))
        self.keymap_from_config = keymap
        self.set_keymap(keymap)
        if problem:
            self.notify(problem, title="Settings", severity="warning", markup=False)

    async def action_quit(self) -> None:
        """Quit, after asking what to do with unsaved changes."""
        from .composer_screen import ComposerScreen

        for screen in self.screen_stack:
            if isinstance(screen, ComposerScreen):
                screen.confirm_discard("quit", self.exit)
                return
        self.exit()

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
) -> GluteApp:
    """Build the app for the command line and for tests alike."""
    return GluteApp(path=path, session=session, run=run, catalog=catalog, config=config)
