"""The core (model, files, catalog, plugins, timeline, engine) and the
commands that draw no screen must never import Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import glute_command

CORE = [
    "composer",
    "composer.model",
    "composer.sessionfile",
    "composer.plugins",
    "composer.hookspecs",
    "composer.timeline",
    "composer.engine",
    "composer.config",
    "composer.paths",
    "composer.schema",
    "composer.show",
    "composer.editing",
    "composer.search",
    "composer.wording",
    "composer.cli",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "args",
    [["--version"], ["exercises"], ["templates"], ["plugins"], ["schema"], ["exercises", "--json"]],
)
def test_commands_without_screen_do_not_import_textual(args, glute_env):
    code = (
        "import sys, runpy\n"
        "from composer.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=glute_env
    )
    assert out.stderr.strip().endswith("CLEAN"), out.stderr


def test_installed_command_exists():
    out = subprocess.run([*glute_command(), "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("glute-composer ")
