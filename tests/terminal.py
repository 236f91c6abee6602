"""A real terminal for end-to-end tests: the installed `glute` in tmux on a
private socket, driven with send-keys and read with capture-pane."""

from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path

from .conftest import glute_command

PASSED_ENV = ("GLUTE_COMPOSER_HOME", "GLUTE_COMPOSER_LOAD_PLUGINS", "PATH")


class Terminal:
    """Runs ``glute ARGS`` in a tmux window of the given size; after glute
    exits the window prints ``EXITED=<code>`` and stays open."""

    def __init__(self, folder: Path, args: list[str], env: dict[str, str], size=(100, 34)):
        self.socket = str(folder / "tmux.sock")
        self.target = "glute"
        command = " ".join(shlex.quote(part) for part in [*glute_command(), *args])
        exports = " ".join(f"{key}={shlex.quote(env[key])}" for key in PASSED_ENV if key in env)
        shell = f"env {exports} TERM=xterm-256color {command}; echo EXITED=$?; sleep 30"
        width, height = size
        self.tmux(
            "new-session", "-d", "-s", self.target, "-x", str(width), "-y", str(height), shell
        )

    def tmux(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return out.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.target)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.target, key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.target, "-l", text)
        time.sleep(0.3)

    def wait_for(self, predicate, timeout: float = 10.0) -> str:
        end = time.monotonic() + timeout
        while True:
            text = self.screen()
            if predicate(text):
                return text
            if time.monotonic() > end:
                raise AssertionError(f"timed out; the screen was:\n{text}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True, timeout=10)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
