"""The user's settings in ``config.toml``: theme, sound, disabled plugins,
key bindings.

A broken config file never stops the program: it is reported and the
built-in settings are used.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from . import paths
from .sessionfile import atomic_write_text

KNOWN_KEYS = ("theme", "sound", "disabled_plugins", "keys")


@dataclass
class Config:
    theme: str = "textual-dark"
    sound: bool = True
    disabled_plugins: list[str] = field(default_factory=list)
    # `[keys]`: binding id -> keys, comma-separated ("run.next" = "pagedown,n").
    # Checked against the app's bindings when the app starts.
    keys: dict[str, str] = field(default_factory=dict)
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
    if "keys" in data:
        config.keys = _keys(data["keys"], path, config.problems)
    return config


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
    path = path or paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "theme": config.theme,
        "sound": config.sound,
        "disabled_plugins": config.disabled_plugins,
    }
    if config.keys:
        data["keys"] = dict(config.keys)
    atomic_write_text(path, tomli_w.dumps(data))
