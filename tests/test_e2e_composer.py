"""End to end: the installed `glute edit` in a real terminal (tmux): add two
exercises, save, quit, then check the file with `glute validate`."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from .conftest import glute_command
from .terminal import Terminal

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def test_compose_save_quit_validate(tmp_path, glute_env):
    path = tmp_path / "made-in-tmux.toml"
    with Terminal(tmp_path, ["edit", str(path)], glute_env, size=(120, 40)) as tmux:
        tmux.wait_for(lambda s: "Library" in s and "Nothing here yet" in s)
        # The filter has the focus: type, go to the list (its keys show in
        # the footer), add.
        tmux.type("clamshell")
        tmux.wait_for(lambda s: "Library · 1 of" in s)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "⏎ Add" in s)
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "1. Clamshell" in s)
        tmux.keys("/")
        tmux.wait_for(lambda s: "⏎ Add" not in s)
        tmux.keys("C-u")
        tmux.wait_for(lambda s: re.search(r"Library · \d+ ─", s))
        tmux.type("glute bridge")
        tmux.wait_for(lambda s: re.search(r"Library · \d+ of", s))
        tmux.keys("Enter")
        tmux.wait_for(lambda s: "⏎ Add" in s)
        tmux.keys("Down", "Enter")
        screen = tmux.wait_for(lambda s: "2 steps in 1 block" in s)
        assert "Total: " in screen and "(modified)" in screen
        tmux.keys("C-s")
        tmux.wait_for(lambda s: "Saved" in s)
        tmux.keys("C-q")
        screen = tmux.wait_for(lambda s: re.search(r"^EXITED=\d", s, re.MULTILINE))
        assert re.search(r"^EXITED=0", screen, re.MULTILINE), screen
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
