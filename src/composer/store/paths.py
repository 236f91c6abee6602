"""Where Glute Composer keeps the user's files.

Everything lives under ``GLUTE_COMPOSER_HOME`` when it is set (tests and
portable use); otherwise in the platform's usual folders.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "glute-composer"
HOME_ENV = "GLUTE_COMPOSER_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def data_directory() -> Path:
    home = _home()
    if home is not None:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_directory() -> Path:
    home = _home()
    if home is not None:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_directory() -> Path:
    """Files the program can always make again (the catalog index)."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_directory() / "config.toml"


def sessions_directory() -> Path:
    return data_directory() / "sessions"


def plugins_directory() -> Path:
    """Single-file plugins (``*.py``) dropped here are loaded too."""
    return data_directory() / "plugins"


def history_file() -> Path:
    """The history of runs and check-ins (SQLite)."""
    return data_directory() / "history.sqlite3"


def legacy_history_file() -> Path:
    """Where versions before the SQLite history appended one JSON line per run."""
    return data_directory() / "history.jsonl"


def resume_directory() -> Path:
    """One state file per session file, for continuing an interrupted run."""
    return data_directory() / "resume"
