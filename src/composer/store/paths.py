"""Where Glute Composer keeps the user's files.

Everything lives under ``GLUTE_COMPOSER_HOME`` when it is set (tests and
portable use); otherwise in the platform's usual folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "glute-composer"
HOME_ENV = "GLUTE_COMPOSER_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def data_directory() -> Path:
    home = _home()
    return home / "data" if home is not None else _user_directory("data")


def config_directory() -> Path:
    home = _home()
    return home / "config" if home is not None else _user_directory("config")


def cache_directory() -> Path:
    """Files the program can always make again (the catalog index)."""
    home = _home()
    return home / "cache" if home is not None else _user_directory("cache")


# On Linux, the XDG base directories: the variable when it holds an absolute
# path, else the default under the home folder (what platformdirs answers,
# without importing it and what it brings, for every command).
_XDG = {
    "data": ("XDG_DATA_HOME", ".local/share"),
    "config": ("XDG_CONFIG_HOME", ".config"),
    "cache": ("XDG_CACHE_HOME", ".cache"),
}


def _user_directory(kind: str) -> Path:
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        if not os.path.isabs(base):
            base = os.path.join(_user_home(), default)
        return Path(base) / APP_NAME
    import platformdirs  # macOS, Windows, Android: their own rules

    where = getattr(platformdirs, f"user_{kind}_dir")
    return Path(where(APP_NAME, appauthor=False))


def _user_home() -> str:
    """HOME when it is an absolute path; else the account's home folder."""
    home = os.environ.get("HOME", "")
    if os.path.isabs(home):
        return home
    try:
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError):
        home = os.path.expanduser("~")
    return home if os.path.isabs(home) else os.path.abspath(home)


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
