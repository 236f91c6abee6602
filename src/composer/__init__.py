"""Glute Composer: compose, share and run glute-activation sessions.

The public plugin API lives here::

    from composer import Dose, Evidence, Exercise, Phase, Sides, hookimpl

Names are imported on first use, so that `glute --version` starts fast.
"""

from __future__ import annotations

# Not `typing.TYPE_CHECKING`: importing typing would cost `glute --version`
# a tenth of its time. Type checkers take any `TYPE_CHECKING` as true.
TYPE_CHECKING = False

__version__ = "0.1.0"

#: The version of the plugin API (hooks, `Exercise`, `Dose`, `composer.testing`):
#: the minor number grows when something is added, the major when something
#: is removed after its deprecation period. See docs/plugins.md, "Stability".
API_VERSION = (1, 0)

__all__ = [
    "API_VERSION",
    "Cue",
    "CueKind",
    "Dose",
    "Evidence",
    "Exercise",
    "IntervalKind",
    "Phase",
    "Sides",
    "__version__",
    "hookimpl",
]

_LAZY = {
    "Cue": "run.cues",
    "CueKind": "run.cues",
    "Dose": "model",
    "Evidence": "model",
    "Exercise": "model",
    "Phase": "model",
    "Sides": "model",
    "hookimpl": "hookspecs",
    "IntervalKind": "run.timeline",
}
# Public names that differ from the module's own.
_RENAMED = {"IntervalKind": "Kind"}

if TYPE_CHECKING:
    from typing import Any

    from composer.hookspecs import hookimpl
    from composer.model import Dose, Evidence, Exercise, Phase, Sides
    from composer.run.cues import Cue, CueKind
    from composer.run.timeline import Kind as IntervalKind


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'composer' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), _RENAMED.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
