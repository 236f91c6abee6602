"""End to end: the installed `glute edit` in a real terminal (tmux): add two
exercises, save, quit, then check the file with `glute validate`."""

from __future__ import annotations

import re
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


class Tmux:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return out.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "composer")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self("send-keys", "-t", "composer", key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        self("send-keys", "-t", "composer", "-l", text)
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


def test_compose_save_quit_validate(tmp_path, glute_env):
    path = tmp_path / "made-in-tmux.toml"
    socket = str(tmp_path / "sock")
    tmux = Tmux(socket)
    command = " ".join(shlex.quote(part) for part in [*glute_command(), "edit", str(path)])
    env = " ".join(
        f"{key}={shlex.quote(glute_env[key])}"
        for key in ("GLUTE_COMPOSER_HOME", "GLUTE_COMPOSER_LOAD_PLUGINS", "PATH")
    )
    shell = f"env {env} TERM=xterm-256color {command}; echo EXITED=$?; sleep 30"
    subprocess.run(
        ["tmux", "-S", socket, "new-session", "-d", "-s", "composer", "-x", "120", "-y", "40"],
        check=True,
        timeout=10,
    )
    try:
        tmux("send-keys", "-t", "composer", shell, "Enter")
        tmux.wait_for(lambda s: "Library" in s and "Nothing here yet" in s)
        # The filter has the focus: type, go to the list, add.
        tmux.type("clamshell")
        tmux.wait_for(lambda s: "Library · 1 of" in s)
        tmux.keys("Enter", "Enter")
        tmux.wait_for(lambda s: "1. Clamshell" in s)
        tmux.keys("/")
        tmux.keys("C-u")
        tmux.type("glute bridge")
        tmux.keys("Enter", "Down", "a")
        screen = tmux.wait_for(lambda s: "2 steps in 1 block" in s)
        assert "Total: " in screen and "(modified)" in screen
        tmux.keys("C-s")
        tmux.wait_for(lambda s: "Saved" in s)
        tmux.keys("C-q")
        screen = tmux.wait_for(lambda s: re.search(r"^EXITED=\d", s, re.MULTILINE))
        assert re.search(r"^EXITED=0", screen, re.MULTILINE), screen
    finally:
        subprocess.run(["tmux", "-S", socket, "kill-server"], capture_output=True, timeout=10)
    text = path.read_text(encoding="utf-8")
    assert 'exercise = "activation/clamshell"' in text
    assert text.count("[[blocks.steps]]") == 2
    out = subprocess.run(
        [*glute_command(), "validate", str(path)],
        capture_output=True,
        text=True,
        env=glute_env,
        timeout=30,
    )
    assert out.returncode == 0, out.stdout + out.stderr
