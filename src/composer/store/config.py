"""The user's settings in ``config.toml``: theme, sound, voice,
notifications, waiting at each get-ready, sound files, disabled plugins,
streaks, reminders, key bindings.

A broken config file never stops the program: it is reported and the
built-in settings are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from composer.safetext import visible
from composer.store import paths

if TYPE_CHECKING:
    from composer.store.schedule import Schedule

KNOWN_KEYS = (
    "theme",
    "sound",
    "voice",
    "notify",
    "wait",
    "sounds",
    "disabled_plugins",
    "streaks",
    "reminders",
    "keys",
)
# The timer events a ``[sounds]`` file can be set for (composer.run.cues.SOUND_EVENTS).
SOUND_EVENTS = ("start", "countdown", "switch", "rest", "done")
_SWITCHES = ("sound", "voice", "notify", "wait")


@dataclass
class Config:
    theme: str = "textual-dark"
    sound: bool = True
    voice: bool = False  # spoken cues
    notify: bool = False  # desktop notifications when the interval changes
    wait: bool = False  # hold each get-ready until the user says go
    sounds: dict[str, str] = field(default_factory=dict)  # event -> sound file, as written
    disabled_plugins: list[str] = field(default_factory=list)
    streaks: bool = False  # show the week streak in the history
    reminders: Schedule | None = None  # the [reminders] table (composer.store.schedule)
    # The [reminders] table as read, written back as it was if it had problems.
    reminders_table: dict | None = field(default=None, compare=False)
    # `[keys]`: binding id -> keys, comma-separated ("run.next" = "pagedown,n").
    # Checked against the app's bindings when the app starts.
    keys: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list, compare=False)
    # The sound files that exist, as absolute paths (filled in by load_config).
    sound_files: dict[str, Path] = field(default_factory=dict, compare=False)
    # Switches turned on for this run only (``glute run --voice``): never saved.
    command_line: dict[str, bool] = field(default_factory=dict, compare=False)

    def setting(self, key: str) -> bool:
        """`sound`, `voice`, `notify` or `wait`, the command line first."""
        return self.command_line.get(key, getattr(self, key))


def load_config(path: Path | None = None) -> Config:
    path = path or paths.config_file()
    config = Config()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as error:
        config.problems.append(f"{path}: ignored: {error}")
        return config
    import tomllib  # only when there is a file: `glute exercises` has no other use for it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        config.problems.append(f"{path}: ignored: {error}")
        return config
    for key in data:
        if key not in KNOWN_KEYS:
            config.problems.append(f"{path}: {key}: unknown setting, ignored")
    theme = data.get("theme")
    if isinstance(theme, str) and 0 < len(theme) <= 64:
        config.theme = theme
    elif theme is not None:
        config.problems.append(f"{path}: theme: must be a theme name")
    for key in _SWITCHES:
        value = data.get(key)
        if isinstance(value, bool):
            setattr(config, key, value)
        elif value is not None:
            config.problems.append(f"{path}: {key}: must be true or false")
    _load_sounds(config, data.get("sounds"), path)
    streaks = data.get("streaks")
    if isinstance(streaks, bool):
        config.streaks = streaks
    elif streaks is not None:
        config.problems.append(f"{path}: streaks: must be true or false")
    disabled = data.get("disabled_plugins")
    if isinstance(disabled, list) and all(isinstance(x, str) for x in disabled):
        config.disabled_plugins = list(disabled)
    elif disabled is not None:
        config.problems.append(f"{path}: disabled_plugins: must be a list of plugin names")
    if "reminders" in data:
        from composer.store.schedule import parse_schedule

        config.reminders, problems = parse_schedule(data["reminders"], f"{path}: reminders")
        config.problems += problems
        if isinstance(data["reminders"], dict):
            config.reminders_table = data["reminders"]
    if "keys" in data:
        config.keys = _keys(data["keys"], path, config.problems)
    return config


def _load_sounds(config: Config, table: object, path: Path) -> None:
    """``[sounds]``: event = "file"; a relative file is read beside config.toml."""
    if table is None:
        return
    if not isinstance(table, dict):
        config.problems.append(f"{path}: sounds: must be a table such as [sounds]")
        return
    for event, value in table.items():
        if event not in SOUND_EVENTS:
            config.problems.append(
                f"{path}: sounds.{visible(event)}: unknown event, ignored (one of {', '.join(SOUND_EVENTS)})"
            )
            continue
        if not isinstance(value, str) or not value or len(value) > 4096:
            config.problems.append(f"{path}: sounds.{event}: must be the path of a sound file")
            continue
        config.sounds[event] = value
        file = (path.parent / Path(value).expanduser()).absolute()
        if file.is_file():
            config.sound_files[event] = file
        else:
            config.problems.append(
                f"{path}: sounds.{event}: no file {visible(file)}; the bell is used"
            )


def _keys(table: object, path: Path, problems: list[str]) -> dict[str, str]:
    """The `[keys]` table, flattened: ``[keys.run] next = "pagedown"`` and
    ``"run.next" = "pagedown"`` both give ``{"run.next": "pagedown"}``; a
    list of keys is joined with commas. What is not text is reported."""
    if not isinstance(table, dict):
        problems.append(f"{path}: keys: must be a table of binding ids and keys")
        return {}
    out: dict[str, str] = {}
    bad: list[str] = []

    def walk(prefix: str, value: object) -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                walk(f"{prefix}.{name}" if prefix else str(name), inner)
        elif isinstance(value, str) and value.strip():
            out[prefix] = value
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            out[prefix] = ",".join(value)
        else:
            bad.append(prefix)

    walk("", table)
    if bad:
        problems.append(f"{path}: keys: {', '.join(bad)}: must be a key or a list of keys, ignored")
    return out


def save_config(config: Config, path: Path | None = None) -> None:
    import tomli_w  # only when writing: reading the settings stays quick

    from composer.store.files import atomic_write_text

    path = path or paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data: dict[str, object] = {"theme": config.theme}
    data.update({key: getattr(config, key) for key in _SWITCHES})
    if config.sounds:
        data["sounds"] = dict(config.sounds)
    data["disabled_plugins"] = config.disabled_plugins
    if config.streaks:
        data["streaks"] = True
    if config.reminders is not None:
        data["reminders"] = config.reminders.as_table()
    elif config.reminders_table is not None:
        data["reminders"] = config.reminders_table
    if config.keys:
        data["keys"] = dict(config.keys)
    atomic_write_text(path, tomli_w.dumps(data))
