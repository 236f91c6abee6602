"""End to end: the installed `glute run` in a real terminal (tmux)."""

from __future__ import annotations

import shutil

import pytest

from .terminal import Terminal

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


def clock_lines(text: str) -> list[str]:
    """The lines of the big clock: the block font where there is room, else
    three lines of Textual digits (the middle one holds the colon)."""
    lines = text.splitlines()
    block = [line for line in lines if "█" in line]
    if block:
        return block
    for index, line in enumerate(lines):
        if " : " in line and ("┃" in line or "━" in line):
            return lines[index - 1 : index + 2]
    return []


def test_glute_run_in_a_terminal(tmp_path, glute_env):
    path = tmp_path / "e2e.toml"
    path.write_text(SESSION, encoding="utf-8")
    with Terminal(tmp_path, ["run", str(path)], glute_env) as tmux:
        first = tmux.wait_for(lambda text: bool(clock_lines(text)))
        assert "┏━╸ ┏━╸ ╺┳╸" in first and "Plank" in first  # GET READY in big letters
        # The digits move.
        before = clock_lines(first)
        tmux.wait_for(lambda text: clock_lines(text) and clock_lines(text) != before)
        # Paused, they hold still for more than two seconds.
        tmux.keys("Space")
        paused = tmux.wait_for(lambda text: "press space to go on" in text)
        held = clock_lines(paused)
        tmux.holds(lambda text: clock_lines(text) == held, seconds=2.5)
        # Resumed, they move again.
        tmux.keys("Space")
        tmux.wait_for(lambda text: "press space to go on" not in text and clock_lines(text) != held)
        # Quit asks first, then the program ends.
        tmux.keys("q")
        tmux.wait_for(lambda text: "Stop this session?" in text)
        tmux.keys("y")
        tmux.wait_for(lambda text: "EXITED=0" in text)
