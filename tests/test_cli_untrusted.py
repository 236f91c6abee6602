"""The command line on files from strangers: sizes, FIFOs, problem counts."""

from __future__ import annotations

import os
import shlex
import subprocess
import time

import pytest

from .conftest import glute_command
from .test_size import HUGE


def run(*args: str, env, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*glute_command(), *args], capture_output=True, text=True, env=env, timeout=timeout
    )


@pytest.mark.parametrize("command", ["validate", "show", "run", "edit"])
def test_a_session_too_large_is_refused_before_its_timeline(command, tmp_path, glute_env):
    path = tmp_path / "huge.toml"
    path.write_text(HUGE, encoding="utf-8")
    started = time.monotonic()
    result = run(command, str(path), env=glute_env)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"{path}: the session would last 1682 h (more than 24 h)\n"
        f"{path}: the session would have 4,000,001 intervals (more than 20,000)\n"
    )
    assert time.monotonic() - started < 30  # it took 62 s and 1.3 GB


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_validate_refuses_a_fifo_at_once(tmp_path, glute_env):
    fifo = tmp_path / "f.toml"
    os.mkfifo(fifo)
    try:
        result = run("validate", str(fifo), env=glute_env, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("glute validate waited on a FIFO")
    assert result.returncode == 1
    assert result.stderr == f"{fifo}: is a named pipe (FIFO), not a regular file\n"


def test_sixty_thousand_unknown_keys_print_fifty_one_lines(tmp_path, glute_env):
    path = tmp_path / "keys.toml"
    path.write_text("".join(f"k{i} = 1\n" for i in range(60_000)), encoding="utf-8")
    result = run("validate", str(path), env=glute_env)
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert len(lines) == 51
    assert lines[-1] == f"{path}: … and 59,950 more problems"


def test_warnings_are_capped_too(tmp_path, glute_env):
    step = '[[blocks.steps]]\nexercise = "gone/x"\nduration_s = 1\n'
    path = tmp_path / "gone.toml"
    path.write_text("[[blocks]]\n" + step * 300, encoding="utf-8")
    result = run("validate", str(path), env=glute_env)
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 51
    assert lines[-1] == f"{path}: … and 250 more warnings"
    assert result.stdout.startswith(f"{path}: ok (1 block, 300 steps, ")


def test_the_suggested_install_command_is_quoted(tmp_path, glute_env):
    entry = "glute-nowhere-zz>=1,<2"
    path = tmp_path / "needs.toml"
    path.write_text(f'requires = ["{entry}"]\n', encoding="utf-8")
    result = run("validate", str(path), env=glute_env)
    command = result.stderr.split("install with: ", 1)[1].splitlines()[0].strip()
    assert command == "glute plugins install 'glute-nowhere-zz>=1,<2'"
    assert shlex.split(command)[3:] == [entry]


def test_show_of_many_steps_builds_no_timeline_per_step(tmp_path, glute_env):
    # 5,000 steps and 10,001 intervals: summing the timeline step by step
    # took seconds; the times now come from the doses.
    step = '[[blocks.steps]]\nexercise = "a/b"\nduration_s = 1\n'
    path = tmp_path / "many.toml"
    path.write_text(("[[blocks]]\n" + step * 50) * 100, encoding="utf-8")
    result = run("show", str(path), env=glute_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(
        "Total: 15 h 16 min 40 s, get-ready, rests and side switches included"
    )
