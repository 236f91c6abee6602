"""The tests themselves inherit nothing of the caller's terminal: the program
run in tmux gets a clean, explicit environment, and in-process tests see no
COLUMNS, LINES or locale of the shell that started pytest."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT
from .terminal import LOCALE, TERM, Terminal

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

CALLERS_TERMINAL = {
    "COLUMNS": "200",
    "LINES": "60",
    "TMUX": "/tmp/tmux-0/default,1,0",
    "TMUX_PANE": "%3",
    "TERM": "screen",
    "TERM_PROGRAM": "iTerm.app",
    "LANG": "de_DE.ISO-8859-1",
    "LC_ALL": "POSIX",
    "LC_CTYPE": "C",
    "NO_COLOR": "1",
    "TEXTUAL_ANIMATIONS": "none",
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
}

DUMP_ENV = (
    "import json, os, sys\n"
    "size = os.get_terminal_size()\n"
    "json.dump({'env': dict(os.environ), 'size': [size.columns, size.lines]},"
    " open(sys.argv[1], 'w'))\n"
)


@pytest.mark.e2e
@needs_tmux
def test_the_program_in_tmux_gets_a_clean_explicit_environment(tmp_path, glute_env, monkeypatch):
    for key, value in CALLERS_TERMINAL.items():
        monkeypatch.setenv(key, value)
    env = {**glute_env, **CALLERS_TERMINAL}
    out = tmp_path / "env.json"
    command = [sys.executable, "-c", DUMP_ENV, str(out)]
    with Terminal(tmp_path, [], env, size=(90, 25), command=command) as tmux:
        tmux.wait_for(lambda s: "EXITED=0" in s)
        pane = tmux.tmux("display-message", "-p", "-t", tmux.target, "#{pane_width} #{pane_height}")
    seen = json.loads(out.read_text())
    child = seen["env"]
    assert set(child) == {
        "PATH",
        "HOME",
        "TERM",
        "LANG",
        "LC_ALL",
        "GLUTE_COMPOSER_HOME",
        "GLUTE_COMPOSER_LOAD_PLUGINS",
    }, child
    assert (child["TERM"], child["LANG"], child["LC_ALL"]) == (TERM, LOCALE, LOCALE)
    assert child["GLUTE_COMPOSER_HOME"] == glute_env["GLUTE_COMPOSER_HOME"]
    assert child["HOME"] != os.path.expanduser("~")
    assert seen["size"] == [int(part) for part in pane.split()]


@pytest.mark.e2e
@needs_tmux
def test_glute_fills_its_own_terminal_whatever_the_caller_exports(tmp_path, glute_env, monkeypatch):
    for key, value in CALLERS_TERMINAL.items():
        monkeypatch.setenv(key, value)
    env = {**glute_env, **CALLERS_TERMINAL}
    with Terminal(tmp_path, ["edit", str(tmp_path / "x.toml")], env, size=(100, 30)) as tmux:
        tmux.wait_for(lambda s: "Nothing here yet" in s)
        # The footer is on the last line and the panels' corners on the
        # right edge: the app is as large as the window, not as COLUMNS ×
        # LINES said (polled, as a frame may be caught half drawn).
        tmux.wait_for(fills_100_columns)
        tmux.keys("C-q")
        tmux.wait_for(lambda s: "EXITED=0" in s)


def fills_100_columns(screen: str) -> bool:
    lines = screen.rstrip("\n").split("\n")
    return (
        len(lines) >= 2
        and lines[-1].rstrip().endswith("palette")
        and len(lines[-1].rstrip()) <= 100
        and bool(re.fullmatch(r"╭.*╮", lines[1].rstrip()))
        and len(lines[1].rstrip()) == 100
    )


def test_in_process_tests_see_no_terminal_of_the_caller(tmp_path):
    """Run one test in a pytest started with the caller's terminal settings;
    the autouse fixture must have removed them before the test runs."""
    check = tmp_path / "test_inner.py"
    check.write_text(
        "import os\n"
        "def test_clean():\n"
        f"    leaked = sorted(k for k in {sorted(CALLERS_TERMINAL)!r} if k in os.environ"
        " and k != 'TERM')\n"
        "    assert leaked == []\n"
        "    assert 'LC_MONETARY' not in os.environ\n"
    )
    (tmp_path / "conftest.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from tests.conftest import _isolated_home, home  # noqa: F401\n"
    )
    env = {**os.environ, **CALLERS_TERMINAL, "LC_MONETARY": "C"}
    env.pop("TEXTUAL_DRIVER")
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(check)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 passed" in out.stdout
