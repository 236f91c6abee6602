"""End to end: `glute run` killed with SIGKILL, then `glute run --resume`
continues at the step that was running (tmux)."""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from composer.store.history import open_history

from .terminal import Terminal, big

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(
        not Path("/proc/self/task").exists(), reason="needs /proc to find the process"
    ),
]

SESSION = """\
schema_version = 1
title = "Killed and resumed"

[defaults]
transition_s = 1

[[blocks]]
title = "Only block"

[[blocks.steps]]
exercise = "gone/squeeze"
name = "Squeeze"
duration_s = 2

[[blocks.steps]]
exercise = "gone/plank"
name = "Plank"
duration_s = 300
"""


def glute_pid(tmux: Terminal) -> int:
    """The glute process: the child of the shell running in the pane."""
    shell = int(tmux.tmux("list-panes", "-t", tmux.target, "-F", "#{pane_pid}").strip())
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def test_resume_after_kill_9(tmp_path, glute_env):
    path = tmp_path / "killed.toml"
    path.write_text(SESSION, encoding="utf-8")
    first = tmp_path / "first"
    first.mkdir()
    with Terminal(first, ["run", str(path)], glute_env) as tmux:
        # Plank's work: past the first step and its get-ready.
        tmux.wait_for(
            lambda text: "Plank" in text and big("WORK") in text and "Squeeze" not in text
        )
        os.kill(glute_pid(tmux), signal.SIGKILL)
        tmux.wait_for(lambda text: "EXITED=137" in text)
    second = tmp_path / "second"
    second.mkdir()
    with Terminal(second, ["run", "--resume", str(path)], glute_env) as tmux:
        screen = tmux.wait_for(lambda text: "Plank" in text and "press space to go on" in text)
        assert "Squeeze" not in screen  # not back at the start
        tmux.keys("Space")
        tmux.wait_for(lambda text: big("WORK") in text and "press space to go on" not in text)
        tmux.keys("q")
        tmux.wait_for(lambda text: "Stop this session?" in text)
        tmux.keys("y")
        tmux.wait_for(lambda text: "How did it go?" in text)
        tmux.keys("Escape")
        tmux.wait_for(lambda text: "EXITED=0" in text)
    # The killed run and its continuation are one record.
    with open_history() as history:
        [run] = history.runs()
        steps = history.run_steps(run.id)
    assert run.title == "Killed and resumed" and run.file == str(path)
    assert [(s.name, s.outcome) for s in steps] == [("Squeeze", "completed"), ("Plank", "partly")]
