"""No plugin, file or file name can write its own escape sequences to the
user's terminal.

Hostile plugins (see `hostile.py`) put clipboard writes (OSC 52), window
titles (OSC 0/2), CSI queries, bells, C1 controls, bidi overrides and
zero-width characters in everything they can: names, texts, error messages,
exception class names, versions, entry-point names, file names, template
titles. Each command then runs in a subprocess (the CLI) or on a real
pseudo-terminal (the TUI), and its output may hold none of it: only the
escaped forms (``\\x1b``, ``\\u202e``) and Textual's own sequences.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from composer.safetext import is_clean

from .conftest import glute_command
from .hostile import RAW_SEQUENCES, foreign_sequences, install

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX terminal")

# C1 controls as UTF-8, bidi and zero-width characters, as bytes.
_FORBIDDEN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


@pytest.fixture
def hostile(tmp_path, glute_env):
    home, site = tmp_path / "home", tmp_path / "site"
    files = install(home, site)
    (home / "config").mkdir(parents=True, exist_ok=True)
    # The timer's own bell would be a BEL too.
    (home / "config" / "config.toml").write_text("sound = false\n", encoding="utf-8")
    env = {
        key: value
        for key, value in glute_env.items()
        if key not in ("GLUTE_COMPOSER_LOAD_PLUGINS", "COLUMNS", "LINES", "PYTHONPATH")
    }
    env.update(
        GLUTE_COMPOSER_HOME=str(home),
        PYTHONPATH=str(site),  # the hostile installed distribution
        LC_ALL="C.UTF-8",
        LANG="C.UTF-8",
        PYTHONIOENCODING="utf-8",
        COLUMNS="100",
        LINES="30",
    )
    return env, files


def _assert_clean_bytes(raw: bytes, what: str) -> None:
    assert b"\x1b" not in raw, f"{what}: an ESC byte reached the terminal"
    assert b"\x07" not in raw, f"{what}: a BEL byte reached the terminal"
    text = raw.decode("utf-8")
    found = _FORBIDDEN_TEXT.findall(text)
    assert not found, f"{what}: {sorted(set(found))!r} reached the terminal"
    assert is_clean(text.replace("\r\n", "\n"), multiline=True), what


CLI_COMMANDS = {
    "plugins": ["plugins"],
    "plugins list": ["plugins", "list"],
    "exercises": ["exercises"],
    "exercises --json": ["exercises", "--json"],
    "exercises --search": ["exercises", "--search", "hostile"],
    "templates": ["templates"],
    "show": ["show", "{plain}"],
    "validate": ["validate", "{plain}"],
    "show a strange file name": ["show", "{strange}"],
    "validate a strange file name": ["validate", "{strange}", "{plain}"],
    "validate a missing strange file": ["validate", "{strange}.missing"],
    "new over a strange file name": ["new", "{strange}"],
    "uninstall a hostile name": ["plugins", "uninstall", "x\x1b]52;c;eA==\x07"],
    "install an option with escapes": ["plugins", "install", "--", "-\x1b]0;x\x07"],
}


@pytest.mark.parametrize("name", CLI_COMMANDS)
def test_cli_output_holds_no_terminal_controls(hostile, name):
    env, files = hostile
    args = [part.format(**{k: str(v) for k, v in files.items()}) for part in CLI_COMMANDS[name]]
    out = subprocess.run([*glute_command(), *args], capture_output=True, env=env, timeout=120)
    assert b"Traceback" not in out.stderr, out.stderr.decode(errors="replace")
    assert out.returncode in (0, 1, 2), out.returncode
    _assert_clean_bytes(out.stdout, f"glute {name} (stdout)")
    _assert_clean_bytes(out.stderr, f"glute {name} (stderr)")


def _run(env, *args: str) -> str:
    out = subprocess.run(
        [*glute_command(), *args], capture_output=True, env=env, timeout=120, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout + out.stderr


def test_cli_shows_the_hostile_text_escaped_not_dropped(hostile):
    env, files = hostile
    plugins = _run(env, "plugins")
    assert "\\x1b]52;c;cm0gLXJmIH4K\\x07" in plugins  # an error message, escaped
    assert "bad\\x07\\x07name" in plugins  # an entry-point name
    assert "exercise 'infinite-dose' skipped: dose duration_s must be a finite number" in plugins
    assert "exercise 'escape-name' skipped: name must not contain control characters" in plugins
    exercises = _run(env, "exercises", "--search", "hostile")
    assert "Hostile\\u202e\\u2066\\u200f\\u200b\\ufeff\\u2060 bridge" in exercises
    as_json = _run(env, "exercises", "--json", "--search", "hostile")
    assert '"Hostile\\u202e\\u2066\\u200f\\u200b\\ufeff\\u2060 bridge' in as_json
    templates = _run(env, "templates")
    assert "Hostile\\u202e\\u2066\\u200f\\u200b\\ufeff\\u2060 template" in templates
    shown = _run(env, "show", str(files["plain"]))
    assert "Note: Note \\u202e" in shown and "Hostile\\u202e" in shown
    validated = _run(env, "validate", str(files["strange"]))
    assert "strange\\x1b]0;owned\\x07\\nname\\u202e.toml: ok" in validated


# -- the TUI on a real terminal ----------------------------------------------------------

# Textual's own sequences besides CSI: the mouse pointer's shape (OSC 22,
# ended by BEL), exactly as Textual writes it.
TEXTUAL_OWN = [b"\x1b]22;default\x07", b"\x1b]22;pointer\x07", b"\x1b]22;text\x07"]


def _assert_only_textual_sequences(output: bytes, what: str) -> None:
    foreign = foreign_sequences(output, TEXTUAL_OWN)
    assert not foreign, f"{what}: escape sequences not written by Textual: {foreign[:5]!r}"
    for sequence in RAW_SEQUENCES:
        assert sequence.encode() not in output, f"{what}: {sequence!r} reached the terminal"
    rest = re.sub(rb"\x1b\[[0-?]*[ -/]*[@-~]", b"", output)
    for sequence in TEXTUAL_OWN:
        rest = rest.replace(sequence, b"")
    assert b"\x07" not in rest, f"{what}: a BEL reached the terminal"
    text = rest.decode("utf-8")
    found = _FORBIDDEN_TEXT.findall(text.replace("\r", "").replace("\n", ""))
    assert not found, f"{what}: {sorted(set(found))!r} reached the terminal"


DOWN, ESCAPE, F3, CTRL_Q, CTRL_T = b"\x1b[B", b"\x1b", b"\x1bOR", b"\x11", b"\x14"


@pytest.mark.e2e
def test_composer_library_detail_plugins_and_templates_on_a_terminal(hostile):
    from .pty_terminal import PseudoTerminal

    env, _files = hostile
    with PseudoTerminal(glute_command(), env, size=(120, 50)) as terminal:
        terminal.wait_for_text("Library", "Broken plugin")
        terminal.send(b"hostile")  # the filter
        terminal.wait_for_text("Hostile\\u202e")
        terminal.send(DOWN)  # into the list: the detail pane shows the exercise
        terminal.wait_for_text("Summary \\u202e", "Default dose")
        terminal.send(F3)
        terminal.wait_for_text("raises-in-hook")
        # Every row, each showing its status and problems below the table.
        terminal.send(*[DOWN] * 16)
        terminal.wait_for_text("composer_exercises() raised", "exercise 'nan-dose' skipped")
        terminal.send(b"q")  # closes the plugins screen
        terminal.wait_for_text("Library")
        terminal.send(CTRL_T)
        terminal.wait_for_text("hostile-template")
        terminal.send(ESCAPE)  # alone: an ESC followed at once by a key is read as Alt
        terminal.wait_for_text("Library")
        code = terminal.finish(CTRL_Q)
    assert code == 0
    assert b"Traceback" not in terminal.output
    _assert_only_textual_sequences(terminal.output, "glute")


@pytest.mark.e2e
def test_run_screen_on_a_terminal(hostile):
    from .pty_terminal import PseudoTerminal

    env, files = hostile
    with PseudoTerminal([*glute_command(), "run", str(files["plain"])], env) as terminal:
        terminal.wait_for_text("Hostile\\u202e")
        terminal.send(*[b"n"] * 8)  # through the holds, rests and the second step
        terminal.wait_for_text("Missing \\u202e")
        terminal.send(b"q")
        code = terminal.finish(b"y", then=b"\x1b")  # Esc: skip the check-in
    assert code == 0
    assert b"Traceback" not in terminal.output
    assert b"Squeeze\\u202e" in terminal.output or b"Note \\u202e" in terminal.output
    _assert_only_textual_sequences(terminal.output, "glute run")
