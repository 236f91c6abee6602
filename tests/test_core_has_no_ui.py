"""The core (model, files, catalog, plugins, timeline, engine) and the
commands that draw no screen must never import Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, glute_command

SRC = ROOT / "src" / "composer"
# Every module outside composer.ui, found on disk so that a new one is
# covered the day it is added.
CORE = sorted(
    "composer" + "".join("." + part for part in path.relative_to(SRC).with_suffix("").parts)
    for path in SRC.rglob("*.py")
    if path.relative_to(SRC).parts[0] != "ui" and path.name != "__main__.py"
)
CORE = [name.removesuffix(".__init__") for name in CORE]


def test_the_core_list_is_whole():
    """The list is taken from the tree: the packages of every layer are in it."""
    for name in (
        "composer",
        "composer.format.reader",
        "composer.catalog.manager",
        "composer.run.engine",
        "composer.store.history",
        "composer.cli.main",
    ):
        assert name in CORE
    assert not any(name.startswith("composer.ui") for name in CORE)


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module):
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["exercises"],
        ["templates"],
        ["plugins"],
        ["schema"],
        ["exercises", "--json"],
        ["history"],
        ["history", "--json"],
        ["validate", str(ROOT / "templates" / "wake-up.toml")],
        ["show", str(ROOT / "templates" / "wake-up.toml")],
        ["due", "--at", "2025-03-03T13:05"],
    ],
)
def test_commands_without_screen_do_not_import_textual(args, glute_env):
    code = (
        "import sys, runpy\n"
        "from composer.cli.main import main\n"
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


def test_export_does_not_import_textual(glute_env, tmp_path):
    template = Path(__file__).parent.parent / "templates" / "wake-up.toml"
    for out in (tmp_path / "handout.html", tmp_path / "handout.md"):
        code = (
            "import sys\n"
            "from composer.cli.main import main\n"
            f"assert main(['export', {str(template)!r}, '-o', {str(out)!r}]) == 0\n"
            "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=glute_env
        )
        assert done.stderr.strip().endswith("CLEAN"), done.stderr
        assert out.is_file()


def test_installed_command_exists():
    out = subprocess.run([*glute_command(), "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("glute-composer ")
