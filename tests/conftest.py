from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


# The caller's terminal: its size, locale, multiplexer and colour settings.
TERMINAL_ENV = (
    "COLUMNS",
    "LINES",
    "LANG",
    "LANGUAGE",
    "TMUX",
    "TMUX_PANE",
    "TERM_PROGRAM",
    "TERM_PROGRAM_VERSION",
    "NO_COLOR",
    "FORCE_COLOR",
)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never touch the real user folders; load only the first-party packs;
    inherit nothing of the caller's terminal (size, locale, tmux, colours)."""
    for key in list(os.environ):
        textual = key.startswith("TEXTUAL_") and not key.startswith("TEXTUAL_SNAPSHOT")
        if key in TERMINAL_ENV or key.startswith("LC_") or textual:
            monkeypatch.delenv(key)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GLUTE_COMPOSER_HOME", str(home))
    monkeypatch.setenv("GLUTE_COMPOSER_LOAD_PLUGINS", "")
    return home


@pytest.fixture
def home(_isolated_home) -> Path:
    return _isolated_home


def glute_command() -> list[str]:
    """The installed `glute` script beside this interpreter."""
    script = Path(sys.executable).parent / "glute"
    if script.exists():
        return [str(script)]
    found = shutil.which("glute")
    if found:
        return [found]
    return [sys.executable, "-m", "composer"]


@pytest.fixture
def glute_env(home) -> dict[str, str]:
    env = dict(os.environ)
    env["GLUTE_COMPOSER_HOME"] = str(home)
    env["GLUTE_COMPOSER_LOAD_PLUGINS"] = ""
    return env


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    """The timer screen's clock, moved by hand."""
    from composer.ui.screens.run import RunScreen

    fake = FakeClock()
    monkeypatch.setattr(RunScreen, "default_clock", staticmethod(fake))
    return fake
