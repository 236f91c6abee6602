"""A real terminal for end-to-end tests: the installed `glute` in tmux on a
private socket, driven with send-keys and read with capture-pane.

Nothing of the caller's terminal reaches the program under test: tmux runs
with no configuration file and a clean environment, and the program gets an
explicit one (a fixed TERM, a UTF-8 locale, its own HOME, no COLUMNS/LINES,
TMUX, TERM_PROGRAM, NO_COLOR or TEXTUAL_* variables), so the tests behave
the same in any terminal size, inside tmux or not.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from .conftest import glute_command

TERM = "xterm-256color"
LOCALE = "C.UTF-8"
PASSED_ENV = ("GLUTE_COMPOSER_HOME", "GLUTE_COMPOSER_LOAD_PLUGINS")


def child_environment(env: dict[str, str], home: Path) -> dict[str, str]:
    """The whole environment of the program under test: what the test set in
    `env` for the app (PASSED_ENV), the PATH, and fixed terminal settings."""
    child = {
        "PATH": env.get("PATH") or os.defpath,
        "HOME": str(home),
        "TERM": TERM,
        "LANG": LOCALE,
        "LC_ALL": LOCALE,
    }
    child.update({key: env[key] for key in PASSED_ENV if key in env})
    return child


class Terminal:
    """Runs ``glute ARGS`` (or `command`) in a tmux window of the given size;
    after it exits the window prints ``EXITED=<code>`` and stays open."""

    def __init__(
        self,
        folder: Path,
        args: list[str],
        env: dict[str, str],
        size=(100, 34),
        command: list[str] | None = None,
    ):
        self.socket = str(folder / "tmux.sock")
        self.target = "glute"
        home = folder / "terminal-home"
        home.mkdir(exist_ok=True)
        self.env = child_environment(env, home)
        # tmux itself (client and server) gets a clean environment too.
        self.tmux_env = {key: self.env[key] for key in ("PATH", "HOME", "TERM", "LANG", "LC_ALL")}
        argv = command if command is not None else [*glute_command(), *args]
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in self.env.items())
        program = " ".join(shlex.quote(part) for part in argv)
        shell = f"env -i {exports} {program}; echo EXITED=$?; sleep 60"
        width, height = size
        self.tmux(
            "new-session", "-d", "-s", self.target, "-x", str(width), "-y", str(height), shell
        )

    def tmux(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-u", "-f", os.devnull, "-S", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=10,
            env=self.tmux_env,
        )
        return out.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.target)

    def keys(self, *keys: str) -> None:
        """Send keys (tmux names: Enter, Down, C-s…). Wait for what they do
        before sending keys that depend on it."""
        for key in keys:
            self.tmux("send-keys", "-t", self.target, key)

    def type(self, text: str, timeout: float = 10.0) -> str:
        """Type `text` literally and wait until the screen shows it."""
        self.tmux("send-keys", "-t", self.target, "-l", text)
        return self.wait_for(lambda screen: text in screen, timeout)

    def wait_for(self, predicate: Callable[[str], object], timeout: float = 10.0) -> str:
        """The first screen for which `predicate` is true (polled until a deadline)."""
        end = time.monotonic() + timeout
        while True:
            text = self.screen()
            if predicate(text):
                return text
            if time.monotonic() > end:
                raise AssertionError(f"timed out; the screen was:\n{text}")
            time.sleep(0.05)

    def holds(self, predicate: Callable[[str], object], seconds: float) -> None:
        """Check that `predicate` stays true on every screen for `seconds`
        (for things that must not change, such as a paused clock)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            text = self.screen()
            if not predicate(text):
                raise AssertionError(f"changed; the screen was:\n{text}")
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-S", self.socket, "kill-server"],
            capture_output=True,
            timeout=10,
            env=self.tmux_env,
        )

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def big(word: str) -> str:
    """The top row of `word` as the timer draws it in big letters, to look
    for on a captured screen."""
    from composer.ui.widgets.big_word import big_lines

    lines = big_lines(word)
    assert lines is not None, f"no big glyphs for {word!r}"
    return lines[0]
