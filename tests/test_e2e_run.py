"""End to end: the installed `glute run` in a real terminal (tmux)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import time

import pytest

from .conftest import glute_command

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

SESSION = """\
schema_version = 1
title = "End to end"

[defaults]
transition_s = 3

[[blocks]]
title = "Only block"

[[blocks.steps]]
exercise = "gone/plank"
name = "Plank"
duration_s = 120
"""


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return out.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "run")

    def wait_for(self, predicate, timeout: float = 8.0) -> str:
        end = time.monotonic() + timeout
        while True:
            text = self.screen()
            if predicate(text):
                return text
            if time.monotonic() > end:
                raise AssertionError(f"timed out; the screen was:\n{text}")
            time.sleep(0.1)


def clock_lines(text: str) -> list[str]:
    """The three lines of the big clock (the middle one holds the colon)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if " : " in line and ("┃" in line or "━" in line):
            return lines[index - 1 : index + 2]
    return []


def test_glute_run_in_a_terminal(tmp_path, glute_env):
    path = tmp_path / "e2e.toml"
    path.write_text(SESSION, encoding="utf-8")
    socket = str(tmp_path / "sock")
    tmux = Tmux(socket)
    command = " ".join(shlex.quote(part) for part in [*glute_command(), "run", str(path)])
    env = " ".join(
        f"{key}={shlex.quote(glute_env[key])}"
        for key in ("GLUTE_COMPOSER_HOME", "GLUTE_COMPOSER_LOAD_PLUGINS", "PATH")
    )
    shell = f"env {env} TERM=xterm-256color {command}; echo EXITED=$?; sleep 30"
    subprocess.run(
        ["tmux", "-S", socket, "new-session", "-d", "-s", "run", "-x", "100", "-y", "34", shell],
        check=True,
        timeout=10,
    )
    try:
        first = tmux.wait_for(lambda text: bool(clock_lines(text)))
        assert "GET READY" in first and "Plank" in first
        # The digits move.
        before = clock_lines(first)
        tmux.wait_for(lambda text: clock_lines(text) and clock_lines(text) != before)
        # Paused, they hold still for more than two seconds.
        tmux("send-keys", "-t", "run", "Space")
        paused = tmux.wait_for(lambda text: "PAUSED" in text)
        held = clock_lines(paused)
        time.sleep(2.5)
        assert clock_lines(tmux.screen()) == held
        # Resumed, they move again.
        tmux("send-keys", "-t", "run", "Space")
        tmux.wait_for(lambda text: "PAUSED" not in text and clock_lines(text) != held)
        # Quit asks first, then the program ends.
        tmux("send-keys", "-t", "run", "q")
        tmux.wait_for(lambda text: "Stop this session?" in text)
        tmux("send-keys", "-t", "run", "y")
        tmux.wait_for(lambda text: "EXITED=0" in text)
    finally:
        subprocess.run(["tmux", "-S", socket, "kill-server"], capture_output=True, timeout=10)
