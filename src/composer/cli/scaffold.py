"""`glute plugins new NAME`: write a plugin project that passes its own test.

The project is a normal Python distribution, ``glute-composer-NAME``, with
one module, ``glute_composer_NAME``, registered in the ``glute_composer``
entry-point group under the name NAME (the plugin's namespace). It holds one
exercise and one template written against the public API only, a README and
a test that loads the plugin through Glute Composer's own plugin manager.

No Textual here: this runs from the command line.
"""

from __future__ import annotations

import re
from pathlib import Path

from composer.errors import UsageError

__all__ = ["check_name", "module_name", "plugin_files", "write_plugin_project"]

_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")
_MAX_NAME = 40
DISTRIBUTION_PREFIX = "glute-composer-"

# The namespaces of the packs that ship with Glute Composer. A plugin with
# one of these names would clash with them and be refused at load time.
FIRST_PARTY_NAMES = frozenset(
    {
        "rolling",
        "mobility",
        "stretch",
        "activation",
        "stability",
        "integration",
        "cooldown",
        "templates",
    }
)


def check_name(name: str) -> str:
    """Return `name` if it can name a plugin, else raise UsageError saying why."""
    if name.startswith(DISTRIBUTION_PREFIX) and len(name) > len(DISTRIBUTION_PREFIX):
        short = name[len(DISTRIBUTION_PREFIX) :]
        raise UsageError(
            f"give the plugin's short name, {short!r}: the project is called "
            f"'{DISTRIBUTION_PREFIX}{short}' for you"
        )
    if not _NAME.match(name) or len(name) > _MAX_NAME:
        raise UsageError(
            f"plugin name {name!r} must be a slug: lower-case letters, digits and single "
            f"hyphens, starting with a letter, at most {_MAX_NAME} characters (e.g. 'hip-yoga')"
        )
    if name in FIRST_PARTY_NAMES:
        raise UsageError(
            f"plugin name {name!r} is taken by a pack that ships with Glute Composer; "
            "choose another"
        )
    return name


def module_name(name: str) -> str:
    """The import name of plugin `name`: ``hip-yoga`` → ``glute_composer_hip_yoga``."""
    return "glute_composer_" + name.replace("-", "_")


def write_plugin_project(name: str, directory: Path | None = None) -> Path:
    """Write the project for plugin `name` and return its folder.

    The folder is ``./glute-composer-NAME`` unless `directory` is given. It
    must not exist yet (an empty folder is accepted), so nothing is ever
    overwritten.
    """
    check_name(name)
    target = Path(directory) if directory is not None else Path(f"{DISTRIBUTION_PREFIX}{name}")
    if target.exists():
        if not target.is_dir():
            raise UsageError(f"{target} already exists and is not a folder")
        if any(target.iterdir()):
            raise UsageError(
                f"{target} already exists and is not empty; choose another folder with --directory"
            )
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent} does not exist")
    files = plugin_files(name)
    try:
        for relative, text in files.items():
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
    return target


def plugin_files(name: str) -> dict[str, str]:
    """The files of the project for plugin `name`, by path relative to its folder."""
    check_name(name)
    module = module_name(name)
    values = {
        "@NAME@": name,
        "@MODULE@": module,
        "@DIST@": f"{DISTRIBUTION_PREFIX}{name}",
        "@TITLE@": name.replace("-", " ").capitalize(),
    }

    def fill(text: str) -> str:
        for key, value in values.items():
            text = text.replace(key, value)
        return text.lstrip("\n")

    return {
        "pyproject.toml": fill(_PYPROJECT),
        f"src/{module}/__init__.py": fill(_MODULE),
        "tests/test_plugin.py": fill(_TEST),
        "README.md": fill(_README),
        ".gitignore": fill(_GITIGNORE),
    }


# The files below are written with @PLACEHOLDERS@ (not str.format) so that
# the braces of TOML and Python stay as they are.

_PYPROJECT = """
[build-system]
requires = ["hatchling>=1.25"]
build-backend = "hatchling.build"

[project]
name = "@DIST@"
version = "0.1.0"
description = "@TITLE@: exercises and a session template for Glute Composer."
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["glute-composer>=0.1"]
keywords = ["glute-composer", "exercise"]

[project.optional-dependencies]
test = ["pytest>=8"]

# This line makes it a Glute Composer plugin: the entry-point name is the
# plugin's namespace (full exercise ids are "@NAME@/<id>").
[project.entry-points.glute_composer]
@NAME@ = "@MODULE@"

[tool.hatch.build.targets.wheel]
packages = ["src/@MODULE@"]

[tool.pytest.ini_options]
testpaths = ["tests"]
"""

_MODULE = '''
"""@TITLE@: a Glute Composer plugin.

Glute Composer finds this module through the ``glute_composer`` entry point
in pyproject.toml and calls the two hooks below. Everything used here comes
from the public API: ``from composer import Dose, Exercise, hookimpl``.
"""

from composer import Dose, Exercise, hookimpl

EXERCISES = [
    Exercise(
        id="standing-hip-hike",
        name="Standing hip hike",
        phase="stabilize",
        summary=(
            "Stand on one leg on a step and lift the hanging side of the pelvis "
            "with the standing hip. Small move, busy gluteus medius."
        ),
        instructions=[
            "1. Stand side-on on a low step, one foot on it, the other hanging free.",
            "2. Keep both knees straight and hold a wall or rail lightly for balance.",
            "3. Let the free side of the pelvis drop a few centimetres below the step.",
            "4. Lift it back up past level using only the standing hip, and hold 2 s.",
            "5. Finish the reps, then turn round and work the other leg.",
        ],
        cues=["Knees straight", "Lift from the standing hip", "Hold 2"],
        targets=["gluteus medius"],
        equipment=["step or stair"],
        dose=Dose(sets=2, reps=10, hold_s=2, relax_s=1, sides="each", rest_s=30),
        level=2,
        cautions=["Stop on sharp pain.", "Hold on to something: you stand on one leg."],
        source="The dose (2 x 10 each side, 2 s hold) is our own starting point.",
    ),
]

# A template is a session file people share, so it is self-contained like
# every saved session: each step spells out its whole dose and its name, and
# requires names this distribution. It runs the same without the plugin.
TEMPLATE = """
schema_version = 1
title = "@TITLE@ starter"
description = "Two easy rounds of standing hip hikes. About 3 minutes."
tags = ["@NAME@", "stability"]
requires = ["@DIST@>=0.1.0"]

[[blocks]]
title = "Hip hikes"
rounds = 2
rest_s = 30

[[blocks.steps]]
exercise = "@NAME@/standing-hip-hike"
name = "Standing hip hike"
sets = 1
reps = 10
hold_s = 2
relax_s = 1
sides = "each"
rest_s = 30
switch_s = 5
"""


@hookimpl
def composer_exercises() -> list[Exercise]:
    """The exercises of this plugin (ids without the namespace)."""
    return EXERCISES


@hookimpl
def composer_templates() -> list[str]:
    """Session templates, as TOML text or paths to .toml files."""
    return [TEMPLATE]
'''

_TEST = '''
"""Checks that Glute Composer loads this plugin and its template.

Run with ``python -m pytest`` after ``python -m pip install -e '.[test]'``.
`composer.testing` loads the plugin through the same plugin manager `glute`
uses and reports what `glute plugins` would.
"""

from composer.testing import check_plugin, plugin_catalog, template_session

import @MODULE@

NAME = "@NAME@"


def test_plugin_has_no_problems():
    assert check_plugin(@MODULE@, NAME) == []


def test_exercises_are_in_the_catalog():
    catalog = plugin_catalog(@MODULE@, NAME)
    for exercise in @MODULE@.EXERCISES:
        found = catalog.get(f"{NAME}/{exercise.id}")
        assert found is not None, f"{NAME}/{exercise.id} is not in the catalog"
        assert found.name == exercise.name


def test_starter_template_has_steps():
    catalog = plugin_catalog(@MODULE@, NAME)
    session = template_session(catalog, f"{NAME}-starter")
    assert session.steps()
'''

_README = """
# @DIST@

@TITLE@: a plugin for [Glute Composer](https://pypi.org/project/glute-composer/)
that adds exercises and a session template.

## Install

```sh
glute plugins install @DIST@
```

or, from this folder, `python -m pip install .` into the same Python
environment as Glute Composer. Then check that it loaded:

```sh
glute plugins                  # "@NAME@" with status ok
glute exercises --search @NAME@
glute templates                # "@NAME@-starter"
```

## Develop and test

```sh
python -m venv .venv && . .venv/bin/activate
python -m pip install -e ".[test]"
python -m pytest
```

The plugin is `src/@MODULE@/__init__.py`. Add exercises to `EXERCISES`
and templates to `composer_templates()`. An exercise's full id is
`@NAME@/<id>`; that is what session files store, so do not rename ids once
people use them. The tests load the plugin through Glute Composer's own
plugin manager, the same way `glute` does, and fail if it reports a
problem. `glute plugins` shows the same status and error.

Hook and field reference: the `docs/plugins.md` guide of Glute Composer.

## Publish

Pick a licence and add it to `pyproject.toml` (`license = "MIT"`, say),
raise `version`, then:

```sh
python -m pip install build twine
python -m build
python -m twine check dist/*
python -m twine upload dist/*
```

After that anyone can run `glute plugins install @DIST@`.
"""

_GITIGNORE = """
__pycache__/
*.egg-info/
.venv/
build/
dist/
.pytest_cache/
"""
