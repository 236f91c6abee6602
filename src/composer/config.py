"""The user's settings in ``config.toml``: theme, sound, disabled plugins,
reminders.

A broken config file never stops the program: it is reported and the
built-in settings are used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import tomli_w

from . import paths
from .sessionfile import atomic_write_text

if TYPE_CHECKING:
    from .reminders import Schedule

KNOWN_KEYS = ("theme", "sound", "disabled_plugins", "reminders")


@dataclass
class Config:
    theme: str = "textual-dark"
    sound: bool = True
    disabled_plugins: list[str] = field(default_factory=list)
    reminders: Schedule | None = None  # the [reminders] table (composer.reminders)
    # The [reminders] table as read, written back as it was if it had problems.
    reminders_table: dict | None = field(default=None, compare=False)
    problems: list[str] = field(default_factory=list, compare=False)


def load_config(path: Path | None = None) -> Config:
    path = path or paths.config_file()
    config = Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
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
    sound = data.get("sound")
    if isinstance(sound, bool):
        config.sound = sound
    elif sound is not None:
        config.problems.append(f"{path}: sound: must be true or false")
    disabled = data.get("disabled_plugins")
    if isinstance(disabled, list) and all(isinstance(x, str) for x in disabled):
        config.disabled_plugins = list(disabled)
    elif disabled is not None:
        config.problems.append(f"{path}: disabled_plugins: must be a list of plugin names")
    if "reminders" in data:
        from .reminders import parse_schedule

        config.reminders, problems = parse_schedule(data["reminders"], f"{path}: reminders")
        config.problems += problems
        if isinstance(data["reminders"], dict):
            config.reminders_table = data["reminders"]
    return config


def save_config(config: Config, path: Path | None = None) -> None:
    path = path or paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "theme": config.theme,
        "sound": config.sound,
        "disabled_plugins": config.disabled_plugins,
    }
    if config.reminders is not None:
        data["reminders"] = config.reminders.as_table()
    elif config.reminders_table is not None:
        data["reminders"] = config.reminders_table
    atomic_write_text(path, tomli_w.dumps(data))
