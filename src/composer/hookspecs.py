"""The hooks a Glute Composer plugin can implement.

A plugin is a module (or any object) with functions decorated with
`composer.hookimpl` whose names match the specs below. It is found through
the ``glute_composer`` entry-point group, or as a single ``.py`` file in the
user's plugins folder. The entry-point name (or the file name) is the
plugin's *namespace*: an exercise ``fire-hydrant`` in plugin ``yoga`` has the
full id ``yoga/fire-hydrant``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from composer.model import Exercise

if TYPE_CHECKING:
    from composer.run.cues import Cue

PROJECT_NAME = "glute_composer"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def composer_exercises() -> list[Exercise]:
    """Return the exercises this plugin provides.

    Each item must be a `composer.Exercise` whose `id` is unique within the
    plugin. The plugin manager adds the namespace; do not put it in `id`.
    Called once when the catalog is built. If this raises, or returns
    something else than a list of exercises, the plugin is reported as
    broken and its exercises are left out; every other plugin still works.

    .. versionadded:: 0.1
    """


@hookspec
def composer_templates() -> list[str | Path]:
    """Return session templates: paths to ``.toml`` files, or TOML text.

    A template's name is its file name without ``.toml``; for TOML text it
    is a slug of its ``title``. ``glute templates`` lists them and
    ``glute new -t NAME FILE`` starts a session from one. Templates are read
    and validated like any session file; an invalid one is reported and
    skipped.

    .. versionadded:: 0.1
    """


@hookspec
def composer_cue(event: Cue) -> None:
    """Receive each timer event, to add a way of following the timer (a
    smart light, a different voice, a log).

    `event` is a frozen `composer.Cue`: ``kind`` (``start``, ``held``,
    ``countdown``, ``finished``), ``interval`` (``get-ready``, ``work``,
    ``hold``, ``relax``, ``rest``, ``switch``, ``round-rest``, ``done``),
    ``exercise`` (full id), ``name``, ``side``, ``set``/``sets``,
    ``rep``/``reps`` and ``seconds_left``. Called on a worker thread of its
    own for each plugin, never on the timer's: a slow plugin cannot delay
    the clock (when it falls far behind, cues are dropped for it) and one
    that raises is reported once and keeps getting cues. The return value
    is ignored. Text fields come from session files: treat them as
    untrusted.

    .. versionadded:: 0.2
    """
